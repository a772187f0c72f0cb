# Near misses: valid share names (spaces, dots, dashes, non-ASCII, 80
# characters); an invalid share name on a printer that is not shared.
@none PRN-010
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Floor2]
"Name"="Floor2"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="Floor 2 Laser-A.1"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Buero]
"Name"="Buero"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000248
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="Büro"
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
"Share Name"="Shhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Private]
"Name"="Private"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Share Name"="x/y"
