# Near misses: an empty SYSTEM Printers key (what is left of a link),
# and printers in SYSTEM only (SOFTWARE has no printer store).
@none LEG-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Printers]
"DefaultSpoolDirectory"="C:\\Windows\\system32\\spool\\PRINTERS"
=== SOFTWARE base
