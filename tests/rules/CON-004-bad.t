# GuidPrinter missing, without braces, or not a GUID.
@expect CON-004 3
@key CON-004 HKU\alice\Printers\Connections\,,srv,missing
@key CON-004 HKU\alice\Printers\Connections\,,srv,unbraced
@key CON-004 HKU\alice\Printers\Connections\,,srv,junk
@fix CON-004 delete-key
=== NTUSER alice base
[Printers\Connections\,,srv,missing]
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,unbraced]
"GuidPrinter"="0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,junk]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8FZ}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
