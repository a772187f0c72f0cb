# 512 KiB after the hive bins is the slack Windows itself leaves (real
# hives in the corpus carry up to 442,368 bytes): not reported.
@grow SYSTEM 512K
@none HIVE-006
@none HIVE-002
@exit 0
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
