# Near misses: inbox monitors of several Windows versions (KB260142's
# list, Windows 10's Appmon and IppMon); a monitor without Driver
# (MON-001's) and an NT 3.51 monitor (MON-004's) are not reported twice.
@none MON-003
@expect MON-001 1
@expect MON-004 1
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\BJ Language Monitor]
"Driver"="cnbjmon.dll"
[ControlSet002\Control\Print\Monitors\PJL Language Monitor]
"Driver"="pjlmon.dll"
[ControlSet002\Control\Print\Monitors\Appmon]
"Driver"="AppMon.dll"
[ControlSet002\Control\Print\Monitors\IppMon]
"Driver"="IPPMon.dll"
[ControlSet002\Control\Print\Monitors\Microsoft Shared Fax Monitor]
"Driver"="FXSMON.DLL"
[ControlSet002\Control\Print\Monitors\Acme Port]
[ControlSet002\Control\Print\Monitors\NetWare Port]
"Driver"="nwmon.dll"
=== SOFTWARE base
