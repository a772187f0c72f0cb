# Near misses: a name that differs only in case (NT 3.5 upper-cased
# queue names, KB Q128934), a queue holding a colon, and an empty Server
# Name (LPR-003's fault) and a name that is not host:queue (LPR-001's),
# not reported again here.
@none LPR-004
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\unixhost:LP]
"Server Name"="UNIXHOST"
"Printer Name"="lp"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\host:q:1]
"Server Name"="host"
"Printer Name"="q:1"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\blank:q]
"Server Name"=""
"Printer Name"="q"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\nohostqueue]
"Server Name"="other"
"Printer Name"="q"
