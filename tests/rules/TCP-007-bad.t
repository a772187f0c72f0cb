# SNMP Enabled 2 and 0xffffffff.
@expect TCP-007 2
@key TCP-007 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.5.1
@key TCP-007 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.5.2
@severity TCP-007 warning
@fix TCP-007 none
@message TCP-007 SNMP Enabled 2
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.5.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.5.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Index"=dword:00000001
"SNMP Enabled"=dword:00000002

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.5.2]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.5.2"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Index"=dword:00000001
"SNMP Enabled"=dword:ffffffff

