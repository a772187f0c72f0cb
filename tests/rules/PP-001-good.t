# Near misses: processor names differ from the registered one only in
# case or by surrounding spaces; a third-party processor that is
# registered; the base's Office Laser and PDF printers use winprint.
@none PP-001
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
"Driver"="hpzppx64.dll"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Upper]
"Name"="Upper"
"Print Processor"="WinPrint"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Spaced]
"Name"="Spaced"
"Print Processor"=" winprint "
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP]
"Name"="HP"
"Print Processor"="hpzppx64"
