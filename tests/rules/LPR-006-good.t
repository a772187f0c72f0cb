# Near misses: REG_DWORD timeouts (as in the base port), and another
# value of another type in Timeouts, which is not checked.
@none LPR-006
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\sun:lp]
"Server Name"="sun"
"Printer Name"="lp"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\sun:lp\Timeouts]
"CommandTimeout"=dword:0000003c
"DataTimeout"=dword:00000258
"Comment"="set by the print team"
