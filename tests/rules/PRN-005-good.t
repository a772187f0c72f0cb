# Near misses: ports that exist (a Local port in another case, the
# Standard TCP/IP and LPR ports, a pool with spaces and an empty item).
@none PRN-005
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Local]
"Name"="Local"
"Port"="lpt1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Pool]
"Name"="Pool"
"Port"=" IP_10.0.0.5 ,,printsrv:laser, FILE:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
