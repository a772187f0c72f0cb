# A backslash typed in the queue name nests keys (KB Q163241).
@expect LPR-002 1
@key LPR-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\157.61.221.159
@fix LPR-002 delete-key
@message LPR-002 Text1
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\157.61.221.159\Text1\Timeouts]
"CommandTimeout"=dword:00000078
