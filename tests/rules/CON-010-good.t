# Near misses: the current naming (without \\ and ,localspl), which
# Windows removes at logoff, and the old naming in a user's own hive.
@none CON-010
=== DEFAULT base
[Printers\DevModes2]
"CLIENT1\\HP LaserJet 4250 (from CLIENT1) in session 3"=hex:00,01
=== NTUSER alice base
[Printers\DevModes2]
"\\\\CLIENT1\\HP LaserJet 4250 (from CLIENT1) in session 3,localspl"=hex:00,01
