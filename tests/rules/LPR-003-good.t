# Near miss: both values present, as REG_SZ and REG_EXPAND_SZ.
@none LPR-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\unixhost:lp]
"Server Name"="unixhost"
"Printer Name"=expand:"lp"
