# Only SOFTWARE given: the processors live in SYSTEM, so the check is
# skipped with an info note rather than reported as an error.
@severity PP-001 info
@message PP-001 SYSTEM hive was not given
@no-errors
@exit 0
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Status"=dword:00000000
"Default DevMode"=hex:00,01
"Name"="Plotter"
"Print Processor"="cnbjpp"
