# Near miss: printers only in SYSTEM, SOFTWARE without a printer store.
@none LEG-003
=== SYSTEM base
[ControlSet002\Control\Print\Printers\Old Laser]
"Name"="Old Laser"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE
[Microsoft\Windows NT\CurrentVersion\Ports]
"LPT1:"=""
