# A dirty SYSTEM hive with its logs beside it (a copy from a running
# system): the log is applied, and the note names each log and what
# became of it, with the sequence numbers before and after; the default
# --fail-on (warning) leaves the exit status at 0.
@expect HIVE-001 1
@severity HIVE-001 info
@message HIVE-001 SYSTEM.LOG1 applied: 1 entry, sequence 4 to 4
@message HIVE-001 SYSTEM.LOG2 ignored, empty
@message HIVE-001 sequence numbers 5/4 in the file, 4/4 once recovered
@message HIVE-001 repair writes that hive with its fixes
@none HIVE-007
@exit 0
@log SYSTEM SYSTEM.LOG1
@touch SYSTEM.LOG2
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
