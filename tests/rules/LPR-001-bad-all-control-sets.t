# With --all-control-sets a fault in ControlSet001 (not current) is
# reported as info, without a fix; the current set's fault stays an error.
@args --all-control-sets
@expect LPR-001 2
@key LPR-001 HKLM\SYSTEM\ControlSet001\Control\Print\Monitors\LPR Port\Ports\old,port:q
@key LPR-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\new,port:q
@message LPR-001 reported only, never repaired
=== SYSTEM base
[ControlSet001\Control\Print\Monitors\LPR Port\Ports\old,port:q]
"Server Name"="old"
"Printer Name"="q"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\new,port:q]
"Server Name"="new"
"Printer Name"="q"
