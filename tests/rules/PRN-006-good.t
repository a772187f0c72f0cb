# Near misses: installed drivers in another case, with spaces around
# the name, and a version-4 driver.
@none PRN-006
@no-errors
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Lower]
"Name"="Lower"
"Port"="LPT1:"
"Printer Driver"="hp universal printing pcl 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Padded]
"Name"="Padded"
"Port"="LPT1:"
"Printer Driver"=" Microsoft Print To PDF "
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
