# Select\Current names ControlSet007, which the hive lacks.
@expect HIVE-004 1
@message HIVE-004 ControlSet007
@exit 1
=== FILE SYSTEM
[Select]
"Current"=dword:00000007
[ControlSet001\Control\Print]
