# Ports that no monitor defines: a deleted Standard TCP/IP port, and a
# pool with one dangling member (only that one is named).  All monitors
# are inbox ones, so the ports cannot be kept elsewhere.
@expect PRN-005 3
@key PRN-005 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Gone
@key PRN-005 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Pool
@key PRN-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old Laser
@severity PRN-005 error
@fix PRN-005 none
@message PRN-005 the port(s) IP_10.0.0.9, which
@message PRN-005 IP_10.0.0.77 ,
=== SYSTEM base
[ControlSet002\Control\Print\Printers\Old Laser]
"Name"="Old Laser"
"Port"="LPT9:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
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
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Pool]
"Name"="Pool"
"Port"="IP_10.0.0.5, IP_10.0.0.77 ,LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
