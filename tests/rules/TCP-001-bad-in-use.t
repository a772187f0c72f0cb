# The same names used by printers: a port in use is never deleted.  The
# printer's list "IP_10.0.0.8,raw" is read as two ports, so the comma
# port counts as used when any part of its name is in a printer's list.
@expect TCP-001 2
@fix TCP-001 none
@message TCP-001 move the printers to it
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

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\printer-with-a-long-host-name.branch-office.example.com_port9100]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.9"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Comma]
"Name"="Comma"
"Port"="IP_10.0.0.8,raw"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01

[Microsoft\Windows NT\CurrentVersion\Print\Printers\Long]
"Name"="Long"
"Port"="printer-with-a-long-host-name.branch-office.example.com_port9100"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01

