# Neither PROCESSOR_ARCHITECTURE nor any printer driver shows which
# environment is the machine's own: the check is skipped with an info
# note, never an error.
@severity PP-001 info
@message PP-001 check skipped
@no-errors
@exit 0
=== SYSTEM
!root ROOT
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Environments\Windows x64\Print Processors\winprint]
"Driver"="winprint.dll"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Name"="Plotter"
"Printer Driver"="Unknown Driver"
"Print Processor"="cnbjpp"
