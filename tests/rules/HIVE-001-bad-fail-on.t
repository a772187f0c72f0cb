# --fail-on info: the same dirty hive with its logs makes the scan fail.
@expect HIVE-001 1
@exit 1
@args --fail-on info
@log SYSTEM SYSTEM.LOG1
=== FILE SYSTEM
!sequence 5 4
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
