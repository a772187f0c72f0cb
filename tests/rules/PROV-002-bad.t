# A provider that does not ship with Windows (KB260142); reported without
# a fix, whether or not order lists it.
@expect PROV-002 2
@key PROV-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\Acme Print Provider
@key PROV-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\NetWare or Compatible Network
@fix PROV-002 none
@severity PROV-002 warning
@message PROV-002 "acmepp.dll"
=== SYSTEM base
[ControlSet002\Control\Print\Providers\Acme Print Provider]
"Name"="acmepp.dll"
[ControlSet002\Control\Print\Providers\NetWare or Compatible Network]
"Name"=expand:"nwprovau.dll"
