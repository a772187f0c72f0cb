# Paths that only look like the Windows driver folders: traversal out
# of the driver store, a System32 under another folder, a share, and a
# forward slash.  All reported.
@expect DRV-003 4
@key DRV-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Drivers\Version-4\Traversal
@severity DRV-003 warning
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Traversal]
"Driver"=""
"Configuration File"=""
"Data File"="C:\\Windows\\System32\\DriverStore\\FileRepository\\..\\..\\..\\..\\ProgramData\\x.gpd"
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Elsewhere]
"Driver"=""
"Configuration File"=""
"Data File"="C:\\Users\\Public\\Windows\\System32\\spool\\drivers\\x.gpd"
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Share]
"Driver"="\\\\srv\\Windows\\System32\\spool\\drivers\\evil.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Slash]
"Driver"="C:\\Windows\\System32\\spool\\drivers/../../evil.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
=== SOFTWARE base
