# Near misses: a raw port (1) and an LPR port (2, with its queue).
@none TCP-002
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.1.2]
"Protocol"=dword:00000002
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.1.2"
"HWAddress"=""
"PortNumber"=dword:00000203
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Queue"="lp"
"Double Spool"=dword:00000000

