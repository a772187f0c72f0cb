# Without PROCESSOR_ARCHITECTURE and with no printer driver registered
# anywhere, the machine's environment is unknown: only a note.
@severity PRN-006 info
@message PRN-006 check skipped
@no-errors
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"="localspl.dll"
[ControlSet001\Control\Print\Environments\Windows x64\Print Processors\winprint]
"Driver"="winprint.dll"
=== SOFTWARE
[Microsoft\Windows NT\CurrentVersion\Ports]
"LPT1:"=""
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Canon]
"Name"="Canon"
"Port"="LPT1:"
"Printer Driver"="Canon Generic Plus PCL6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
