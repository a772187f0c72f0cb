# Timeouts as REG_SZ and a 2-byte REG_DWORD, and the NT 3.5 place of
# OldSunCompatibility (KB Q126561) as REG_SZ.
@expect LPR-006 3
@key LPR-006 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\sun:lp\Timeouts
@value LPR-006 CommandTimeout
@value LPR-006 DataTimeout
@value LPR-006 OldSunCompatibility
@fix LPR-006 delete-value
@severity LPR-006 warning
@message LPR-006 "sun:lp"
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\sun:lp]
"Server Name"="sun"
"Printer Name"="lp"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\sun:lp\Timeouts]
"CommandTimeout"="120"
"DataTimeout"=hex(4):2c,01
"OldSunCompatibility"="1"
