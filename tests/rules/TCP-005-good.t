# Near misses: every field exactly at its limit (127, 15, 12, 32, 32),
# and a DWORD where a string belongs (TCP-009's business, not a length).
@none TCP-005
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\AtLimits]
"Protocol"=dword:00000002
"Version"=dword:00000001
"HostName"="ppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp.example"
"IPAddress"="192.168.100.200"
"HWAddress"="001122334455"
"PortNumber"=dword:00000203
"SNMP Community"="cccccccccccccccccccccccccccccccc"
"SNMP Enabled"=dword:00000000
"SNMP Index"=dword:00000001
"Queue"="qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.4.3]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.4.3"
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"HWAddress"=dword:ffffffff

