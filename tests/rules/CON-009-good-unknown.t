# Without the SYSTEM hive the per-machine connections are unknown: the
# check is skipped with an info note, never reported as a leftover.
@expect CON-009 1
@severity CON-009 info
@message CON-009 check skipped
@fix CON-009 none
=== NTUSER alice base
[Printers\DevModes2]
"\\\\printsrv\\Gone"=hex:00,01
