# Every field one character over its limit on one port (one finding
# naming all five); a port with only a long hardware address.
@expect TCP-005 2
@key TCP-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\LongFields
@key TCP-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.4.2
@message TCP-005 HostName, IPAddress, HWAddress, SNMP Community, Queue
@severity TCP-005 warning
@fix TCP-005 none
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\LongFields]
"Protocol"=dword:00000002
"Version"=dword:00000001
"HostName"="pppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppppp.example"
"IPAddress"="192.168.100.2000"
"HWAddress"="0011223344556"
"PortNumber"=dword:00000203
"SNMP Community"="ccccccccccccccccccccccccccccccccc"
"SNMP Enabled"=dword:00000000
"SNMP Index"=dword:00000001
"Queue"="qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq"
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.4.2]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.4.2"
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"HWAddress"="00-11-22-33-44-55"

