# Near misses: DLL names that merely end like the NT 3.51 monitors.
@none MON-004
@expect MON-003 2
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Acme NW]
"Driver"="acmenwmon.dll"
[ControlSet002\Control\Print\Monitors\HP Standard]
"Driver"="hpmon.dll.bak"
=== SOFTWARE base
