# Near misses: bare file names with spaces and dots; paths in values the
# spooler does not load from (Help File, Dependent Files, InfPath).
@none DRV-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Vendor]
"Driver"="Vendor Drv.v2.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
"Help File"="C:\\Help\\x.hlp"
"Dependent Files"=multi:"sub\\a.dll","b.ini"
"InfPath"="C:\\Windows\\INF\\oem12.inf"
=== SOFTWARE base
