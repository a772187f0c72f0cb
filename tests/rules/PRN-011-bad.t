# A shared printer with a 257-character comment.
@expect PRN-011 1
@severity PRN-011 warning
@fix PRN-011 none
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
"Description"="ccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
