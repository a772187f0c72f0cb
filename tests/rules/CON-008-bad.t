# Well-formed connections whose Provider is not win32spl.dll, per user
# and per machine.
@expect CON-008 2
@key CON-008 HKU\alice\Printers\Connections\,,printsrv,Plotter
@key CON-008 HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\,,srv2,Lab
@fix CON-008 none
@severity CON-008 warning
@none CON-003
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,srv2,Lab]
"Server"="\\\\srv2"
"Provider"="acmespl.dll"
=== NTUSER alice base
[Printers\Connections\,,printsrv,Plotter]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv"
"Provider"="inetpp.dll"
"LocalConnection"=dword:00000001
