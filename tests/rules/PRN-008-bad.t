# WinPrint printers with data types WinPrint does not handle.
@expect PRN-008 2
@key PRN-008 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\PS
@key PRN-008 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Future EMF
@severity PRN-008 warning
@fix PRN-008 set-value
@value PRN-008 Datatype
@message PRN-008 "PSCRIPT1"
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\PS]
"Name"="PS"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="PSCRIPT1"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Future EMF]
"Name"="Future EMF"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="WINPRINT"
"Datatype"="NT EMF 1.009"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
