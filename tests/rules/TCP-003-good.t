# Near misses: a host name with an empty IPAddress; an IPAddress with
# no HostName value at all.
@none TCP-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\printer1.example.com]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="printer1.example.com"
"IPAddress"=""
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.2.2]
"Protocol"=dword:00000001
"Version"=dword:00000001
"IPAddress"="10.0.2.2"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

