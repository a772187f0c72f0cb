# A valid hive followed by 2 MiB of zeros, more than Windows' slack: the
# padding is reported (and never read).
@grow SYSTEM 2M
@expect HIVE-006 1
@severity HIVE-006 info
@message HIVE-006 holds 2097152 bytes after the hive bins
@none HIVE-002
@exit 0
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
