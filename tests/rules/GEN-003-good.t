# Near misses: numbers of the wrong size that a specific rule reports
# (CON-005 LocalConnection, LPR-005 OldSunCompatibility, TCP-008
# Version, PRN-009 Priority), right-sized numbers, and binary data of 3
# bytes.  The @expect lines check that those rules still report them.
@none GEN-003
@expect CON-005 1
@expect LPR-005 1
@expect TCP-008 1
@expect PRN-009 1
=== SYSTEM base
[ControlSet002\Control\Print\Providers\LanMan Print Services\Servers]
"AddPrinterDrivers"=dword:00000000
"Q"=qword:0000000000000001
"BE"=hex(5):00,00,00,01
"Bin"=hex:01,02,03
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\host2:q]
"Server Name"="host2"
"Printer Name"="q"
"OldSunCompatibility"=hex(4):01,00
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.6]
"Protocol"=dword:00000001
"Version"=hex(4):01
"HostName"=""
"IPAddress"="10.0.0.6"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Spare]
"Name"="Spare"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Priority"=hex(4):01,00,00,00,00
=== NTUSER alice base
[Printers\Connections\,,printsrv,Plotter]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv"
"Provider"="win32spl.dll"
"LocalConnection"=hex(4):01,00
