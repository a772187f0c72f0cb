# Near misses: exactly 256 characters on a shared printer; 300 on one
# that is not shared.
@none PRN-011
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Shared]
"Name"="Shared"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="Shared"
"Description"="cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Private]
"Name"="Private"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Description"="cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
