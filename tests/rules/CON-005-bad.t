# LocalConnection missing, a string, or a short DWORD.
@expect CON-005 3
@key CON-005 HKU\alice\Printers\Connections\,,srv,missing
@key CON-005 HKU\alice\Printers\Connections\,,srv,string
@key CON-005 HKU\alice\Printers\Connections\,,srv,short
@fix CON-005 delete-key
=== NTUSER alice base
[Printers\Connections\,,srv,missing]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
[Printers\Connections\,,srv,string]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"="1"
[Printers\Connections\,,srv,short]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=hex(4):01,00
