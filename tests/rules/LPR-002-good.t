# Near miss: the only subkey is Timeouts (any case).
@none LPR-002
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\unixhost:lp\TIMEOUTS]
"CommandTimeout"=dword:00000078
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\unixhost:lp]
"Server Name"="unixhost"
"Printer Name"="lp"
