# Ports named after their own address in every form the wizard uses
# (bare, IP_, lower-case ip_, duplicate suffix), a port named by the
# admin, and one with only a HostName: none is reported.
@expect TCP-012 0
@no-errors
@exit 0
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\10.0.0.7]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.7"
"PortNumber"=dword:0000238c
"SNMP Enabled"=dword:00000000
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\ip_10.0.0.8_2]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.8"
"PortNumber"=dword:0000238c
"SNMP Enabled"=dword:00000000
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Floor2-Copier]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.9"
"PortNumber"=dword:0000238c
"SNMP Enabled"=dword:00000000
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\10.0.0.10]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"="copier10.example.com"
"IPAddress"=""
"PortNumber"=dword:0000238c
"SNMP Enabled"=dword:00000000
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Floor 2]
"Name"="Floor 2"
"Port"="10.0.0.7,ip_10.0.0.8_2,Floor2-Copier,10.0.0.10"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
