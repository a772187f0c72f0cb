# A partial export without PROCESSOR_ARCHITECTURE: the environment is the
# one holding the printers' drivers (Windows NT x86 here), so a processor
# registered only under Windows x64 does not count.
@expect PP-001 1
@key PP-001 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter
@message PP-001 Windows NT x86
=== SYSTEM
!root ROOT
[Select]
"Current"=dword:00000003
[ControlSet003\Control\Print\Environments\Windows NT x86\Print Processors\winprint]
"Driver"="winprint.dll"
[ControlSet003\Control\Print\Environments\Windows NT x86\Drivers\Version-3\Label Writer]
"Driver"="unidrv.dll"
[ControlSet003\Control\Print\Environments\Windows x64\Print Processors\x64pp]
"Driver"="x64pp.dll"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Name"="Plotter"
"Printer Driver"="Label Writer"
"Print Processor"="x64pp"
