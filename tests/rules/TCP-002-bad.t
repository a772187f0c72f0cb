# Protocol 3; REG_SZ "1"; missing; REG_QWORD 1; a 2-byte REG_DWORD.
@expect TCP-002 5
@key TCP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.1
@key TCP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.2
@key TCP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.3
@key TCP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.4
@key TCP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.5
@fix TCP-002 none
@severity TCP-002 error
@message TCP-002 Protocol 3
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.1]
"Protocol"=dword:00000003
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.2]
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.2"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Protocol"="1"

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.3]
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.3"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.4]
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.4"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Protocol"=qword:1

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.5]
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.5"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Protocol"=hex(4):01,00

