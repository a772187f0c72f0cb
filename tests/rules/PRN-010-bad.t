# Shared printers (attribute 0x8) whose share name is missing, empty,
# too long, or holds a bracket, a plus or a control character.
@expect PRN-010 6
@key PRN-010 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\No Share
@key PRN-010 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Control
@severity PRN-010 error
@fix PRN-010 none
@message PRN-010 "Floor[2]"
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\No Share]
"Name"="No Share"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Empty]
"Name"="Empty"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"=""
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Long]
"Name"="Long"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="Shhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Bracket]
"Name"="Bracket"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="Floor[2]"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plus]
"Name"="Plus"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a48
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="A+B"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Control]
"Name"="Control"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="Lab{U+0007}1"
