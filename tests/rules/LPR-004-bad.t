# Values that do not match the key name: another host, another queue.
@expect LPR-004 2
@key LPR-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\printsrv:laser2
@key LPR-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\10.1.1.5:lp
@severity LPR-004 warning
@fix LPR-004 none
@message LPR-004 server "printsrv2"
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\printsrv:laser2]
"Server Name"="printsrv2"
"Printer Name"="laser2"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\10.1.1.5:lp]
"Server Name"="10.1.1.5"
"Printer Name"="raw"
