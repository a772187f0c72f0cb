# Drivers that are not installed for the machine's environment (Windows
# x64): one nowhere, one only under Windows NT x86.
@expect PRN-006 3
@key PRN-006 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Canon
@key PRN-006 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Old32
@key PRN-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old Laser
@severity PRN-006 error
@fix PRN-006 none
@message PRN-006 Windows x64
@message PRN-006 "Canon Generic Plus PCL6"
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Epson x86 Only]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="epson.gpd"
[ControlSet002\Control\Print\Printers\Old Laser]
"Name"="Old Laser"
"Port"="LPT1:"
"Printer Driver"="HP LaserJet 5"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Canon]
"Name"="Canon"
"Port"="LPT1:"
"Printer Driver"="Canon Generic Plus PCL6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Old32]
"Name"="Old32"
"Port"="LPT1:"
"Printer Driver"="Epson x86 Only"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
