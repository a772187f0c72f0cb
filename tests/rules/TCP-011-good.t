# Near misses: ports named in a pooled list with spaces and in another
# case, and by an NT 4.0-style printer under SYSTEM.
@none TCP-011
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.8.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.8.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.8.2]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.8.2"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Printers\Old Laser]
"Name"="Old Laser"
"Port"="IP_10.0.8.2"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Pooled]
"Name"="Pooled"
"Port"="LPT1:, ip_10.0.0.5 ,IP_10.0.8.1"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01

