# Sequence numbers 5 and 4: a dirty hive, read stale, reported as such.
@expect HIVE-001 1
@severity HIVE-001 warning
@message HIVE-001 dirty
@exit 1
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
