# Printers without a usable Port, Printer Driver or Print Processor:
# missing, empty, or not REG_SZ; one in the SYSTEM store of a hive
# without UseSoftwareKey.
@expect PRN-003 5
@key PRN-003 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\No Port
@key PRN-003 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Driver Typed
@key PRN-003 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Empty Processor
@key PRN-003 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Expand Port
@key PRN-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old Laser
@severity PRN-003 error
@fix PRN-003 none
@message PRN-003 Port: absent
=== SYSTEM base
[ControlSet002\Control\Print\Printers\Old Laser]
"Name"="Old Laser"
"Port"="LPT1:"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\No Port]
"Name"="No Port"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Driver Typed]
"Name"="Driver Typed"
"Port"="LPT1:"
"Printer Driver"=dword:00000001
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Empty Processor]
"Name"="Empty Processor"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"=""
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Expand Port]
"Name"="Expand Port"
"Port"=expand:"LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
