# Driver files named with paths: an absolute Driver, a relative Data
# File, a Configuration File on a share.
@expect DRV-003 3
@key DRV-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Drivers\Version-3\Planted
@severity DRV-003 warning
@fix DRV-003 none
@message DRV-003 names its file(s) Driver with a path
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Planted]
"Driver"="C:\\ProgramData\\x\\evil.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Relative]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="..\\..\\x.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Shared]
"Driver"="unidrv.dll"
"Configuration File"="\\\\srv\\s\\ui.dll"
"Data File"="generic.gpd"
"Monitor"=""
=== SOFTWARE base
