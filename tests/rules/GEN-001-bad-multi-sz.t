# The Driver of an inbox monitor and the Name of an inbox provider are
# excluded only when they are string data naming another DLL (MON-002,
# PROV-001 report those).  Odd-length REG_MULTI_SZ data there is not a
# string, so GEN-001 reports it; the rule's 'data is string' guard keeps
# that now that 'not in' is true for a value without a string view.
@expect GEN-001 2
@key GEN-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Local Port
@key GEN-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\LanMan Print Services
@value GEN-001 Driver
@value GEN-001 Name
@fix GEN-001 none
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"=hex(7):41,00,00,00,00
[ControlSet001\Control\Print\Providers\LanMan Print Services]
"Name"=hex(7):41,00,00,00,00
