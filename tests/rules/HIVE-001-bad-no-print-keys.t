# A dirty hive without print keys and without logs (a UsrClass.dat
# copied alone): info only, exit 0; --fail-on info makes it count.
@expect HIVE-001 1
@severity HIVE-001 info
@none HIVE-007
@exit 0
=== FILE UsrClass.dat
!sequence 9 8
[Local Settings\Software\Microsoft\Windows\Shell\BagMRU]
[*\shell\open]
