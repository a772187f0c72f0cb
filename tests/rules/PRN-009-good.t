# Near misses: the limits 1 and 99, and Default Priority 0 (what Windows
# writes) and 99.
@none PRN-009
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Low]
"Name"="Low"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Default Priority"=dword:00000000
[Microsoft\Windows NT\CurrentVersion\Print\Printers\High]
"Name"="High"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000063
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Default Priority"=dword:00000063
