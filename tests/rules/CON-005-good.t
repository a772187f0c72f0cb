# Near miss: LocalConnection 0 is still a DWORD.
@none CON-005
@no-errors
=== NTUSER alice base
[Printers\Connections\,,srv,zero]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000000
