# Near misses: a Windows monitor Driver and a Windows provider Name
# holding a NUL are reported by MON-002 and PROV-003 (with their fixes),
# not here.
@none GEN-001
@expect MON-002 1
@expect PROV-003 1
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"=hex(1):6c,00,6f,00,63,00,61,00,6c,00,73,00,70,00,6c,00,2e,00,64,00,6c,00,6c,00,00,00,78,00,00,00
[ControlSet001\Control\Print\Providers]
"order"=multi:"LanMan Print Services"
[ControlSet001\Control\Print\Providers\LanMan Print Services]
"Name"=hex(1):77,00,69,00,6e,00,33,00,32,00,73,00,70,00,6c,00,2e,00,64,00,6c,00,6c,00,00,00,00,d8,00,00
