# The root name and file name mean nothing; the content makes it a user
# hive.
@none HIVE-005
=== FILE weird-name.bin
!root "$$$PROTO.HIV"
[AppEvents]
[Console]
[Printers]
[Software]
