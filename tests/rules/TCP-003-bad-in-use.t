# A printer uses the port: it is reported without a fix.
@expect TCP-003 1
@fix TCP-003 none
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

=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Uses Empty]
"Name"="Uses Empty"
"Port"="LPT1:,Empty"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01

