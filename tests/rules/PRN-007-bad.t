# Printers using a registered third-party processor; winprint is
# registered, so the optional fix sets it.
@expect PRN-007 2
@key PRN-007 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\HP
@key PRN-007 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old HP
@severity PRN-007 warning
@fix PRN-007 set-value
@value PRN-007 Print Processor
@message PRN-007 "hpzppx64"
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
"Driver"="hpzppx64.dll"
[ControlSet002\Control\Print\Printers\Old HP]
"Name"="Old HP"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="HPZPPX64"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP]
"Name"="HP"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="hpzppx64"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
