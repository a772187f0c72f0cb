# The same hive undamaged.
@none HIVE-002
@exit 0
=== FILE SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
