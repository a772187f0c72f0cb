# 901 printers in the SYSTEM store, one more than nt4-printer-limit.
# UseSoftwareKey = 1 makes them stubs, so only the count is reported.
@expect CAP-001 1
@key CAP-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers
@severity CAP-001 info
@fix CAP-001 none
@message CAP-001 holds 901 printers
=== SYSTEM base
[ControlSet002\Control\Print]
"UseSoftwareKey"=dword:00000001
@repeat 1 901 [ControlSet002\Control\Print\Printers\Printer %04d]
=== SOFTWARE base
