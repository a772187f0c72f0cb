# Near misses: the switches as REG_DWORD (the base port has
# OldSunCompatibility 0), and PrintSwitch, a legitimate REG_SZ.
@none LPR-005
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\hpux:lp]
"Server Name"="hpux"
"Printer Name"="lp"
"HpUxCompatibility"=dword:00000001
"EnableBannerPage"=dword:00000000
"PrintSwitch"="l"
