# Near misses: the Version-N keys' own values (Directory, MajorVersion)
# are not a driver; complete drivers under another environment and as a
# REG_EXPAND_SZ; a key beside the Version-N keys is not a driver key; a
# version-4 driver with Driver and Configuration File present but empty,
# as a healthy Windows 10 keeps Microsoft Print To PDF.
@none DRV-001
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows NT x86\Drivers\Version-3]
"Directory"="3"
"MajorVersion"=dword:00000003
[ControlSet002\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Generic x86]
"Driver"="unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Expand Names]
"Driver"=expand:"unidrv.dll"
"Configuration File"="unidrvui.dll"
"Data File"="generic.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Microsoft XPS Document Writer v4]
"Driver"=""
"Configuration File"=""
"Data File"="MXDW.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Cache]
"Stamp"=dword:00000001
=== SOFTWARE base
