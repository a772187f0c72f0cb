# Ordinary printers on TS<number> ports: Windows deletes them at
# restart.  The TS ports themselves are run-time ports (PRN-005 notes).
@expect PRN-012 2
@key PRN-012 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Front Desk
@key PRN-012 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Pool
@severity PRN-012 warning
@fix PRN-012 none
@message PRN-012 ts12
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Front Desk]
"Name"="Front Desk"
"Port"="TS001"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Pool]
"Name"="Pool"
"Port"="LPT1:, ts12"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Redirected"=dword:00000000
