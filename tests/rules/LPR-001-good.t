# Near misses: valid host:queue names (a dotted IP, a queue holding a
# colon and spaces), and a bad name only in the last-known-good set.
@none LPR-001
@no-errors
@exit 0
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\10.1.1.5:raw lp]
"Server Name"="10.1.1.5"
"Printer Name"="raw lp"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\unix-host.example.org:q:1]
"Server Name"="unix-host.example.org"
"Printer Name"="q:1"
[ControlSet001\Control\Print\Monitors\LPR Port\Ports\old,port:q]
