# Near misses: correct DWORDs; Protocol and PortNumber as text (reported
# by TCP-002 and TCP-004, not again here); an unchecked value.
@none TCP-008
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.6.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.6.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.6.2]
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.6.2"
"HWAddress"=""
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Protocol"="1"
"PortNumber"="9100"
"PortMonitorMibIndex"="x"

