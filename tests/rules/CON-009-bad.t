# Saved settings of \\server\printer connections that no longer exist,
# in DevModes2 and Settings (KB Q188697); deleting them is optional.
@expect CON-009 2
@key CON-009 HKU\alice\Printers\DevModes2
@key CON-009 HKU\alice\Printers\Settings
@value CON-009 \\printsrv\Gone
@value CON-009 \\oldsrv\Plotter
@fix CON-009 delete-value
@severity CON-009 info
=== SYSTEM base
=== NTUSER alice base
[Printers\DevModes2]
"\\\\printsrv\\Floor2"=hex:00,01
"\\\\printsrv\\Gone"=hex:00,01
[Printers\Settings]
"\\\\oldsrv\\Plotter"=hex:00,01
