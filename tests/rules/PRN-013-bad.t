# The Name value does not match the key name.
@expect PRN-013 2
@key PRN-013 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Laser
@key PRN-013 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old
@severity PRN-013 warning
@fix PRN-013 none
@message PRN-013 "Laser 2"
=== SYSTEM base
[ControlSet002\Control\Print\Printers\Old]
"Name"="Older"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Laser]
"Name"="Laser 2"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
