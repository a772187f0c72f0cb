# Neither PROCESSOR_ARCHITECTURE nor any printer driver shows which
# environment is the machine's own: the check is skipped with an info
# note, never an error.
@severity PP-001 info
@message PP-001 check skipped
@no-errors
@exit 0
=== SYSTEM
!root ROOT
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Environments\Windows x64\Print Processors\winprint]
"Driver"="winprint.dll"
[ControlSet001\Control\Print\Monitors\LPR Port]
"Driver"="lprmon.dll"
[ControlSet001\Control\Print\Monitors\LPR Port\Ports\printsrv:laser]
"Server Name"="printsrv"
"Printer Name"="laser"
[ControlSet001\Control\Print\Monitors\Standard TCP/IP Port]
"Driver"="tcpmon.dll"
[ControlSet001\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.5]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.5"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Port"="LPT1:"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Name"="Plotter"
"Printer Driver"="Unknown Driver"
"Print Processor"="cnbjpp"
