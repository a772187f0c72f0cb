# Only SOFTWARE given: the processors live in SYSTEM, so the check is
# skipped with an info note rather than reported as an error.
@severity PP-001 info
@message PP-001 SYSTEM hive was not given
@no-errors
@exit 0
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Name"="Plotter"
"Print Processor"="cnbjpp"
