# Printers without a usable Datatype, Attributes, Status or Default
# DevMode: missing, of another type, or a DWORD of the wrong size.
@expect PRN-004 5
@key PRN-004 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\No Datatype
@key PRN-004 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Attributes Text
@key PRN-004 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Short Status
@key PRN-004 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\No DevMode
@key PRN-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\DevMode Text
@severity PRN-004 warning
@fix PRN-004 none
@message PRN-004 Datatype: absent
=== SYSTEM base
[ControlSet002\Control\Print\Printers\DevMode Text]
"Name"="DevMode Text"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"="00"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\No Datatype]
"Name"="No Datatype"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Attributes Text]
"Name"="Attributes Text"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"="576"
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Short Status]
"Name"="Short Status"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=hex(4):00,00
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\No DevMode]
"Name"="No DevMode"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
