# Monitor DLLs loaded from a path: drive letter, UNC, relative with a
# slash.  A security error without fix.
@expect MON-005 3
@key MON-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Updater
@key MON-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Remote
@key MON-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Slash
@fix MON-005 none
@severity MON-005 error
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Updater]
"Driver"="C:evil.dll"
[ControlSet002\Control\Print\Monitors\Remote]
"Driver"=expand:"\\\\host\\share\\mon.dll"
[ControlSet002\Control\Print\Monitors\Slash]
"Driver"="dlls/mon.dll"
