# Current is 3 and ControlSet003 exists (numbers may have gaps).
@none HIVE-004
@exit 0
=== FILE SYSTEM
[Select]
"Current"=dword:00000003
"LastKnownGood"=dword:00000001
[ControlSet001\Control\Print]
[ControlSet003\Control\Print]
