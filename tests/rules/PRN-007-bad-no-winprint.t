# When winprint itself is not registered the fix is not proposed.
@expect PRN-007 1
@fix PRN-007 none
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Session Manager\Environment]
"PROCESSOR_ARCHITECTURE"="AMD64"
[ControlSet001\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
"Driver"="hpzppx64.dll"
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
