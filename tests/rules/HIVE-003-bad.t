# A zeroed base-block checksum: unreadable; exit status 2.
@patch SYSTEM 508 00000000
@expect HIVE-003 1
@message HIVE-003 checksum
@exit 2
=== FILE SYSTEM
[Select]
"Current"=dword:00000001
