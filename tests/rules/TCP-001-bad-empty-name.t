# A port key with an empty name (hand-made hives can hold one; mkhive
# cannot write it, so the name length of key "Q" is patched to 0).  No
# printer can name an empty port, so deleting it is proposed even
# without the SOFTWARE hive.  The offset is that of the nk cell of "Q"
# in the hive mkhive builds from exactly these lines.
@patch SYSTEM 5180 0000
@expect TCP-001 1
@key TCP-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\
@fix TCP-001 delete-key
@severity TCP-001 error
=== SYSTEM
!root ROOT
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Standard TCP/IP Port\Ports\Q]
"Protocol"=dword:00000001
