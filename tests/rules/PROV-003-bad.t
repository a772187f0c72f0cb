# The Windows providers with a wrong Name and with none: each fix sets
# its DLL.
@expect PROV-003 2
@key PROV-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\LanMan Print Services
@key PROV-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\Internet Print Provider
@fix PROV-003 set-value
@value PROV-003 Name
@severity PROV-003 error
@none PROV-001
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Providers]
"order"=multi:"LanMan Print Services","Internet Print Provider"
[ControlSet001\Control\Print\Providers\LanMan Print Services]
"Name"="win32spl.dll.old"
[ControlSet001\Control\Print\Providers\Internet Print Provider]
"DisplayName"="HTTP Print Services"
