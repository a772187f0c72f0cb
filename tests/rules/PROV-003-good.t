# Near misses: the DLL names in other letter cases and as REG_EXPAND_SZ.
@none PROV-003
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Providers]
"order"=multi:"LanMan Print Services","Internet Print Provider"
[ControlSet001\Control\Print\Providers\LanMan Print Services]
"Name"="WIN32SPL.DLL"
[ControlSet001\Control\Print\Providers\Internet Print Provider]
"Name"=expand:"InetPP.dll"
