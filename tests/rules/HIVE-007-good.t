# The same dirty SYSTEM hive with its logs beside it, as copied from a
# running Windows: they are applied, an info note (HIVE-001), and the
# scan exits 0.
@none HIVE-007
@expect HIVE-001 1
@exit 0
@log SYSTEM SYSTEM.LOG1
@touch SYSTEM.LOG2
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
