# Near misses: every entry of order has a key with a Name (names compare
# ignoring case); a key without Name that order does not list is not a
# provider; a Windows provider without Name is PROV-003's (with a fix).
@none PROV-001
@expect PROV-003 1
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Providers]
"order"=multi:"lanman print services","Internet Print Provider","Acme Print Provider"
[ControlSet001\Control\Print\Providers\LanMan Print Services]
"Name"="win32spl.dll"
[ControlSet001\Control\Print\Providers\LanMan Print Services\Servers]
"AddPrinterDrivers"=dword:00000000
[ControlSet001\Control\Print\Providers\Internet Print Provider]
"DisplayName"="HTTP Print Services"
[ControlSet001\Control\Print\Providers\Acme Print Provider]
"Name"="acmepp.dll"
[ControlSet001\Control\Print\Providers\Stray]
"Setting"=dword:00000001
