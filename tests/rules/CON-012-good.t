# Near miss: exactly $devmode-limit (1000) saved settings.  Generated:
# values "Printer 0000" to "Printer 0999".
@none CON-012
=== NTUSER alice base
[Printers\DevModes2]
@repeat 0 999 "Printer %04d"=hex:00
