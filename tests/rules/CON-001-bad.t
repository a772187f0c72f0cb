# Malformed connection names, per user and per machine.
@expect CON-001 5
@key CON-001 HKU\alice\Printers\Connections\printsrv,Plotter
@key CON-001 HKU\alice\Printers\Connections\,,printsrv
@key CON-001 HKU\alice\Printers\Connections\,,print,srv,share
@key CON-001 HKU\alice\Printers\Connections\,,srv,sh\u0007are
@key CON-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\,,,share
@fix CON-001 delete-key
@severity CON-001 error
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,,share]
"Server"="\\\\"
"Provider"="win32spl.dll"
=== NTUSER alice base
[Printers\Connections\printsrv,Plotter]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,printsrv]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,print,srv,share]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\print"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,sh{U+0007}are]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
