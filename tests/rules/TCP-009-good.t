# Near misses: REG_SZ and REG_EXPAND_SZ text, empty strings, a missing
# Queue on a raw port.
@none TCP-009
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.7.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.7.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.7.2]
"Protocol"=dword:00000002
"Version"=dword:00000001
"HostName"=expand:""
"IPAddress"=expand:"10.0.7.2"
"HWAddress"=""
"PortNumber"=dword:00000203
"SNMP Community"=""
"SNMP Enabled"=dword:00000000
"SNMP Index"=dword:00000001
"Queue"="lp"
