# Near misses: complete printers (an empty Datatype string is not
# judged here), and the SYSTEM-side stub of an NT 4.0 store moved to
# SOFTWARE (UseSoftwareKey = 1).
@none PRN-004
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print]
"UseSoftwareKey"=dword:00000001
[ControlSet002\Control\Print\Printers\Stub]
"Name"="Stub"
"Port"="LPT1:"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Label]
"Name"="Label"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000080
"Default DevMode"=hex:
