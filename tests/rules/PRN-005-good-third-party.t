# A third-party port monitor is installed and may keep its ports outside
# the registry: a port not found is only noted.
@severity PRN-005 info
@message PRN-005 third-party port monitor
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\ThinPrint Print Port Monitor for VMWare]
"Driver"="TPVMMon.dll"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\ThinPrint]
"Name"="ThinPrint"
"Port"="TPVM:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
