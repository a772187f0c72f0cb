# Version as REG_SZ and a 2-byte SNMP Index on one port; SNMP Enabled
# as REG_QWORD on another.
@expect TCP-008 2
@key TCP-008 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.6.1
@key TCP-008 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.6.2
@message TCP-008 Version, SNMP Index
@severity TCP-008 warning
@fix TCP-008 none
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.6.1]
"Protocol"=dword:00000001
"HostName"=""
"IPAddress"="10.0.6.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"Version"="1"
"SNMP Index"=hex(4):01,00

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.6.2]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.6.2"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Index"=dword:00000001
"SNMP Enabled"=qword:1

