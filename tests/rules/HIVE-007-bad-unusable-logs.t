# Logs beside a dirty SYSTEM hive that cannot be applied (here empty
# files) lose its latest changes like no logs: a warning that says why
# each log was ignored.
@expect HIVE-007 1
@severity HIVE-007 warning
@message HIVE-007 SYSTEM.LOG1 ignored, empty
@none HIVE-001
@exit 1
@touch SYSTEM.LOG1
@touch SYSTEM.LOG2
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
