# Driver keys without Driver, with an empty Data File (even a version-4
# driver needs one), with an empty Driver (version 3), and with a
# Configuration File of another type, in two environments.
@expect DRV-001 4
@key DRV-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Drivers\Version-3\Empty Driver
@key DRV-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Drivers\Version-3\No Driver
@key DRV-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Drivers\Version-4\Empty Data
@key DRV-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Typed Config
@severity DRV-001 error
@fix DRV-001 none
@message DRV-001 Driver: absent
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\No Driver]
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Empty Data]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"=""
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Empty Driver]
"Driver"=""
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Typed Config]
"Driver"="unidrv.dll"
"Configuration File"=hex:41,00
"Data File"="generic.gpd"
"Monitor"=""
=== SOFTWARE base
