# Near misses: redirected queues (TS attribute 0x8000, or Redirected =
# 1), and port names that only start with TS.
@none PRN-012
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP (redirected 2)]
"Name"="HP (redirected 2)"
"Port"="TS002"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00008240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Canon (redirected 3)]
"Name"="Canon (redirected 3)"
"Port"="TS003"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Redirected"=dword:00000001
[Microsoft\Windows NT\CurrentVersion\Ports]
"TSPRINT:"=""
[Microsoft\Windows NT\CurrentVersion\Print\Printers\TSPort]
"Name"="TSPort"
"Port"="TSPRINT:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
