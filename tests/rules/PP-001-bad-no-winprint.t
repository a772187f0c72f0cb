# When winprint itself is not registered the fix cannot be proposed: the
# finding stays, with no fix, and says what to do by hand.
@expect PP-001 1
@fix PP-001 none
@message PP-001 reinstall the software
=== SYSTEM
!root ROOT
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Session Manager\Environment]
"PROCESSOR_ARCHITECTURE"="x86"
[ControlSet001\Control\Print\Environments\Windows NT x86\Print Processors\lexpp]
"Driver"="lexpp.dll"
=== SOFTWARE
!root ROOT
[Microsoft\Windows NT\CurrentVersion]
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Name"="Plotter"
"Print Processor"="cnbjpp"
