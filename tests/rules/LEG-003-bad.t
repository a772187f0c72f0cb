# A Windows 10 SYSTEM hive that holds a real Printers key with a printer
# while SOFTWARE holds the printer store.
@expect LEG-003 1
@key LEG-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers
@severity LEG-003 warning
@fix LEG-003 none
@message LEG-003 holds 1 printer key(s)
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
=== SOFTWARE base
