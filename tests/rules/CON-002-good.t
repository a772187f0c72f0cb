# Near miss: the server part differs only in case.
@none CON-002
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,PrintSrv,Floor9]
"Server"="\\\\printsrv"
"Provider"="win32spl.dll"
=== NTUSER alice base
[Printers\Connections\,,PRINTSRV,Floor3]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
