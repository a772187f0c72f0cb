# Near misses: subkeys without a usable Name are not providers (a blank
# Name of a listed provider is PROV-001's); the Windows providers in
# another letter case.
@none PROV-002
@expect PROV-001 1
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Providers]
"order"=multi:"LANMAN PRINT SERVICES","Internet Print Provider","Blank Provider"
[ControlSet001\Control\Print\Providers\LANMAN PRINT SERVICES]
"Name"="win32spl.dll"
[ControlSet001\Control\Print\Providers\Internet Print Provider]
"Name"="inetpp.dll"
[ControlSet001\Control\Print\Providers\Acme Cache]
"Entries"=dword:00000003
[ControlSet001\Control\Print\Providers\Blank Provider]
"Name"=" "
