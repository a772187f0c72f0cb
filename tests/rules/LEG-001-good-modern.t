# Near miss: a Windows 10 machine without UseSoftwareKey (the healthy
# bases; SYSTEM has no Printers key, SOFTWARE is not 4.0).
@none LEG-001
@no-errors
=== SYSTEM base
=== SOFTWARE base
