# Without the SOFTWARE hive it is unknown whether a printer uses the
# port: the finding stays, without a fix.
@expect TCP-001 1
@fix TCP-001 none
@severity TCP-001 error
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.8,raw]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.8"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

