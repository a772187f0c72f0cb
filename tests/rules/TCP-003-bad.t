# No address: both empty; both missing; blanks only; HostName not a
# string.  No printer uses these ports: deleting is proposed (optional).
@expect TCP-003 4
@key TCP-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Empty
@key TCP-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Missing
@key TCP-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Blank
@key TCP-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Typed
@fix TCP-003 delete-key
@severity TCP-003 error
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Empty]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"=""
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Missing]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Blank]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="   "
"IPAddress"=" "
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Typed]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
"HostName"=dword:0a000001

=== SOFTWARE base
