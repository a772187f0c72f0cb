# Providers\order (spelled "Order", as in older hives) lists a provider
# with no key and one whose key has no Name; no fix is offered.
@expect PROV-001 2
@key PROV-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers
@key PROV-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\Acme Print Provider
@message PROV-001 Ghost Provider
@fix PROV-001 none
@severity PROV-001 error
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Providers]
"Order"=multi:"LanMan Print Services","Internet Print Provider","Acme Print Provider","Ghost Provider"
[ControlSet001\Control\Print\Providers\LanMan Print Services]
"Name"="win32spl.dll"
[ControlSet001\Control\Print\Providers\Internet Print Provider]
"Name"="inetpp.dll"
[ControlSet001\Control\Print\Providers\Acme Print Provider]
"DisplayName"="Acme"
