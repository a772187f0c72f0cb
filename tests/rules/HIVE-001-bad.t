# A dirty SYSTEM hive with its logs beside it (a copy from a running
# system): reported as info, naming the logs and why repair refuses it;
# the default --fail-on (warning) leaves the exit status at 0.
@expect HIVE-001 1
@severity HIVE-001 info
@message HIVE-001 (SYSTEM.LOG1, SYSTEM.LOG2)
@message HIVE-001 Repair refuses a dirty hive
@none HIVE-007
@exit 0
@touch SYSTEM.LOG1
@touch SYSTEM.LOG2
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
