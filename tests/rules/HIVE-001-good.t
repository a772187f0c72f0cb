# Equal sequence numbers: clean.
@none HIVE-001
@exit 0
=== FILE SYSTEM
!sequence 5 5
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
