# A valid hive is readable.
@none HIVE-003
@exit 0
=== FILE SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001]
