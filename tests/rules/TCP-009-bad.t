# HostName as REG_DWORD and IPAddress as REG_BINARY on one port; SNMP
# Community as REG_MULTI_SZ, Queue unterminated and HWAddress with an
# embedded NUL on another.
@expect TCP-009 2
@key TCP-009 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.7.1
@key TCP-009 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.7.2
@message TCP-009 HostName, IPAddress
@message TCP-009 HWAddress, SNMP Community, Queue
@severity TCP-009 warning
@fix TCP-009 none
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.7.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"HostName"=dword:00000000
"IPAddress"=hex:0a,00,07,01

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.7.2]
"Protocol"=dword:00000002
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.7.2"
"HWAddress"=hex(1):30,00,00,00,31,00,00,00
"PortNumber"=dword:00000203
"SNMP Community"=multi:"public"
"SNMP Enabled"=dword:00000000
"SNMP Index"=dword:00000001
"Queue"=hex(1):6c,00,70,00
