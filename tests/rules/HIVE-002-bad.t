# The root says it has 7 subkeys but its list holds 2: damaged.  The hive
# is still read and the damage reported.
@patch SYSTEM 4152 07
@expect HIVE-002 1
@message HIVE-002 says it has 7 subkeys
@exit 1
=== FILE SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print]
