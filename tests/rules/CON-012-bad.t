# DevModes2 with 1001 saved settings, one more than $devmode-limit
# (1000).  Generated: values "Printer 0000" to "Printer 1000".
@expect CON-012 1
@key CON-012 HKU\alice\Printers\DevModes2
@fix CON-012 none
@severity CON-012 warning
=== NTUSER alice base
[Printers\DevModes2]
@repeat 0 1000 "Printer %04d"=hex:00
