# Names that are not host:queue or hold invalid characters, in the current
# control set (ControlSet002, Select\Current = 2).
@expect LPR-001 5
@key LPR-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\10.1.1.5,raw:lp
@key LPR-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\evil\u001b[31m:q
@key LPR-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\nohostqueue
@key LPR-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\host:q\u0000ueue
@key LPR-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\:queue
@fix LPR-001 delete-key
@severity LPR-001 error
@exit 1
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\10.1.1.5,raw:lp]
"Server Name"="10.1.1.5"
"Printer Name"="lp"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\evil{U+001B}[31m:q]
"Server Name"="evil"
"Printer Name"="q"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\nohostqueue]
"Server Name"="nohost"
"Printer Name"="queue"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\host:q{U+0000}ueue]
"Server Name"="host"
"Printer Name"="queue"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\:queue]
"Server Name"="host"
"Printer Name"="queue"
