# Near misses: WinPrint data types in any case; an unusual type on a
# printer whose (registered) processor is not WinPrint; an empty type.
@none PRN-008
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\psproc]
"Driver"="psproc.dll"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\EMF]
"Name"="EMF"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="nt emf 1.008"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\FF]
"Name"="FF"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW [FF appended]"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Text]
"Name"="Text"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"=" TEXT "
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Mac PS]
"Name"="Mac PS"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="psproc"
"Datatype"="PSCRIPT1"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Blank]
"Name"="Blank"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"=""
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
