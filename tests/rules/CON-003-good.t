# Near miss: a provider other than win32spl.dll is still a provider.
@none CON-003
@no-errors
=== NTUSER alice base
[Printers\Connections\,,srv,other]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="inetpp.dll"
"LocalConnection"=dword:00000001
