# Near misses: win32spl.dll in another case; a missing Provider is
# CON-003's error, not this warning.
@none CON-008
@expect CON-003 1
=== NTUSER alice base
[Printers\Connections\,,printsrv,Plotter]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv"
"Provider"="Win32Spl.DLL"
"LocalConnection"=dword:00000001
[Printers\Connections\,,printsrv,Lab]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8FA}"
"Server"="\\\\printsrv"
"LocalConnection"=dword:00000001
