# Near misses: an empty Monitor, a registered monitor named in another
# case, and a missing monitor named by a driver of another environment
# (loaded by clients, not here).
@none DRV-002
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\PJL Language Monitor]
"Driver"="pjlmon.dll"
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Laser PJL]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"="pjl language monitor"
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Plain]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Lexmark x86]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"="Lexmark Language Monitor"
=== SOFTWARE base
