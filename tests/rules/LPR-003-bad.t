# No values; missing Printer Name; Server Name of the wrong type; empty;
# odd-length string data.
@expect LPR-003 5
@key LPR-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\empty:q
@key LPR-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\half:q
@key LPR-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\typed:q
@key LPR-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\blank:q
@key LPR-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\odd:q
@fix LPR-003 delete-key
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\empty:q]
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\half:q]
"Server Name"="half"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\typed:q]
"Server Name"=dword:00000001
"Printer Name"="q"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\blank:q]
"Server Name"=""
"Printer Name"="q"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\odd:q]
"Server Name"=hex(1):6f,00,64,00,64
"Printer Name"="q"
