# IPAddress holding a host name, three parts, a part over 255, an IPv6
# address, and a trailing space.
@expect TCP-006 5
@key TCP-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Name
@key TCP-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Short
@key TCP-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Big
@key TCP-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\V6
@key TCP-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\Spaced
@severity TCP-006 warning
@fix TCP-006 none
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Name]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="printer1.example.com"
"IPAddress"="printer1.example.com"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Short]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="printer1.example.com"
"IPAddress"="10.0.0"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Big]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="printer1.example.com"
"IPAddress"="10.0.0.256"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\V6]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="printer1.example.com"
"IPAddress"="fe80::1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Spaced]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="printer1.example.com"
"IPAddress"="10.0.0.5 "
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

