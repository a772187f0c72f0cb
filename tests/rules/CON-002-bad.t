# Server missing, of the wrong type, without its backslashes, naming
# another server, or with an embedded NUL.
@expect CON-002 5
@key CON-002 HKU\alice\Printers\Connections\,,srv,missing
@key CON-002 HKU\alice\Printers\Connections\,,srv,typed
@key CON-002 HKU\alice\Printers\Connections\,,srv,bare
@key CON-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\,,srv,other
@key CON-002 HKU\alice\Printers\Connections\,,srv,nul
@fix CON-002 delete-key
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,srv,other]
"Server"="\\\\oldsrv"
"Provider"="win32spl.dll"
=== NTUSER alice base
[Printers\Connections\,,srv,missing]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,typed]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"=expand:"\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,bare]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,nul]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv{U+0000}x"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
