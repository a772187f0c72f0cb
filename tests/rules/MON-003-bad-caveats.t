# The caveats of KB260142's removal: a printer uses the monitor's port,
# or a driver names the monitor as its language monitor.  Still
# reported, but no deletion is offered.
@expect MON-003 2
@key MON-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Acme Port Monitor
@key MON-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Acme Language Monitor
@fix MON-003 none
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Acme Port Monitor]
"Driver"="acmemon.dll"
[ControlSet002\Control\Print\Monitors\Acme Port Monitor\Ports\ACME_1]
"Address"="10.0.0.9"
[ControlSet002\Control\Print\Monitors\Acme Language Monitor]
"Driver"="acmelm.dll"
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Acme Laser]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="acme.gpd"
"Monitor"="Acme Language Monitor"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Acme]
"Name"="Acme"
"Port"="ACME_1"
"Printer Driver"="Acme Laser"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Status"=dword:00000000
"Default DevMode"=hex:00,01
