# An LPR port (Protocol 2) and a port whose Protocol is not a DWORD:
# 9100 is the raw default only, so no fix is proposed.
@expect TCP-004 2
@fix TCP-004 none
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.3.5]
"Protocol"=dword:00000002
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.3.5"
"HWAddress"=""
"PortNumber"=dword:00000000
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Queue"="lp"

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.3.6]
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.3.6"
"HWAddress"=""
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"Protocol"="1"

