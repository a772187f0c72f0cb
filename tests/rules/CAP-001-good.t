# Near miss: exactly nt4-printer-limit (900) printers.
@none CAP-001
=== SYSTEM base
[ControlSet002\Control\Print]
"UseSoftwareKey"=dword:00000001
@repeat 1 900 [ControlSet002\Control\Print\Printers\Printer %04d]
=== SOFTWARE base
