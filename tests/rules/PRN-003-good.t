# Near misses: a complete printer (a pooled port list); and the
# SYSTEM-side stub of an NT 4.0 printer store moved to SOFTWARE with
# UseSoftwareKey = 1, which keeps only a few values.
@none PRN-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print]
"UseSoftwareKey"=dword:00000001
[ControlSet002\Control\Print\Printers\Office Laser]
"Name"="Office Laser"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Pool]
"Name"="Pool"
"Port"="LPT1:,COM1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
