# Near miss: a per-machine connection needs no GuidPrinter.
@none CON-004
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,srv,share]
"Server"="\\\\srv"
"Provider"="win32spl.dll"
=== NTUSER alice base
