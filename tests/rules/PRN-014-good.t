# The default spool folder, a printer with its own local folder on
# another drive, and a printer whose empty SpoolDirectory means "use
# the default": nothing to report.
@expect PRN-014 0
@no-errors
@exit 0
=== SYSTEM base
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Reception]
"SpoolDirectory"=""
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Office Laser]
"SpoolDirectory"="D:\\Spool\\Laser"
