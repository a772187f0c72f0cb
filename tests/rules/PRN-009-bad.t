# Priorities outside 1..99 (Default Priority 0..99) or not REG_DWORD;
# each finding names its value and its fix sets that value to 1.
@expect PRN-009 4
@value PRN-009 Priority
@value PRN-009 Default Priority
@severity PRN-009 warning
@fix PRN-009 set-value
@message PRN-009 Priority: 0
@message PRN-009 Default Priority: 100
@message PRN-009 Priority: "5"
=== SYSTEM base
[ControlSet002\Control\Print\Printers\Old]
"Name"="Old"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000064
"Status"=dword:00000000
"Default DevMode"=hex:00,01
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Zero]
"Name"="Zero"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000000
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Default Hundred]
"Name"="Default Hundred"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Default Priority"=dword:00000064
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Text]
"Name"="Text"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"="5"
"Status"=dword:00000000
"Default DevMode"=hex:00,01
