# Printer keys whose names hold a comma or a backslash (a key written
# by a tool straight into the hive), in both printer stores.  The only
# fix is deleting the printer, offered as an optional one.
@expect PRN-001 3
@key PRN-001 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\HP,Floor 2
@key PRN-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old,Laser
@fix PRN-001 delete-key
@severity PRN-001 error
@message PRN-001 without ',' and '\'
=== SYSTEM base
[ControlSet002\Control\Print\Printers\Old,Laser]
"Name"="Old,Laser"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP,Floor 2]
"Name"="HP,Floor 2"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP{U+005C}Floor 3]
"Name"="HP\\Floor 3"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
