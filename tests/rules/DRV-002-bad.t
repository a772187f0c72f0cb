# A driver of the machine's environment names a language monitor that
# is not registered; the fix empties Monitor.
@expect DRV-002 1
@key DRV-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Drivers\Version-3\Lexmark Universal
@value DRV-002 Monitor
@severity DRV-002 warning
@fix DRV-002 set-value
@message DRV-002 "Lexmark Language Monitor"
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Lexmark Universal]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"="Lexmark Language Monitor"
=== SOFTWARE base
