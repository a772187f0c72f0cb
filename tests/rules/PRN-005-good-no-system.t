# Only SOFTWARE given: the monitors' ports are in SYSTEM, so a port not
# found among the Local ports is only noted.
@severity PRN-005 info
@message PRN-005 SYSTEM hive was not given
@none PRN-003
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Gone]
"Name"="Gone"
"Port"="IP_10.0.0.9"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
