# Near miss: the winprint key spelled in another case, as on some
# Windows versions; key names ignore case.
@none PP-003
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Session Manager\Environment]
"PROCESSOR_ARCHITECTURE"="AMD64"
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"="localspl.dll"
[ControlSet001\Control\Print\Environments\Windows x64\Drivers\Version-3\HP Universal Printing PCL 6]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="hpcu250u.gpd"
[ControlSet001\Control\Print\Environments\Windows x64\Print Processors\WinPrint]
"Driver"="winprint.dll"
=== SOFTWARE
[Microsoft\Windows NT\CurrentVersion\Ports]
"LPT1:"=""
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Office Laser]
"Name"="Office Laser"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
