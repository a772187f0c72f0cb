# Near misses: processor names differ from the registered one only in
# case or by surrounding spaces; a third-party processor that is
# registered; the base's Office Laser and PDF printers use winprint.
@none PP-001
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
"Driver"="hpzppx64.dll"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Upper]
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Name"="Upper"
"Print Processor"="WinPrint"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Spaced]
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Name"="Spaced"
"Print Processor"=" winprint "
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP]
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Name"="HP"
"Print Processor"="hpzppx64"
