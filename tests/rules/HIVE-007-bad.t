# Sequence numbers 5 and 4 and no log beside the hive: a dirty SYSTEM
# hive whose latest changes were left behind, read stale.
@expect HIVE-007 1
@severity HIVE-007 warning
@message HIVE-007 no usable transaction log lies beside
@message HIVE-007 (none found beside it)
@none HIVE-001
@exit 1
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
