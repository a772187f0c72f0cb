# NT 3.51-era monitors (KB Q161194, Q150485, Q151997), by bare name or
# path, in any letter case.
@expect MON-004 3
@key MON-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\NetWare Port
@key MON-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Hewlett-Packard Network Port
@key MON-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Digital Network Port
@fix MON-004 delete-key
@severity MON-004 warning
@none MON-003
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\NetWare Port]
"Driver"="nwmon.dll"
[ControlSet002\Control\Print\Monitors\Hewlett-Packard Network Port]
"Driver"="HPMON.DLL"
[ControlSet002\Control\Print\Monitors\Digital Network Port]
"Driver"="C:\\WINNT\\system32\\decpsmon.dll"
=== SOFTWARE base
