# Near misses: a user connection, a per-machine connection only (printui
# /ga), a local printer, and a Remote Desktop leftover (CON-010's form).
@none CON-009
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,srv9,Lab]
"Server"="\\\\srv9"
"Provider"="win32spl.dll"
=== NTUSER alice base
[Printers\DevModes2]
"\\\\PRINTSRV\\floor2"=hex:00,01
"\\\\srv9\\Lab"=hex:00,01
"PDF"=hex:00,01
"\\\\CLIENT1\\HP LaserJet (from CLIENT1) in session 3,localspl"=hex:00,01
[Printers\Settings]
"Office Laser"=hex:00,01
