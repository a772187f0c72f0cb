# Near misses: a dotted quad, leading zeros, an empty IPAddress beside
# a host name, no IPAddress value at all.
@none TCP-006
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_192.168.1.10]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="192.168.1.10"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_010.000.000.005]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="010.000.000.005"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

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

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\fe80--1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="fe80::1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

