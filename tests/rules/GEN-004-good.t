# Near misses: a 255-character name; connection and LPR port keys whose
# names hold a NUL are CON-001's and LPR-001's errors.
@none GEN-004
@expect CON-001 1
@expect LPR-001 1
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\host:q{U+0000}ueue]
"Server Name"="host"
"Printer Name"="queue"
=== NTUSER alice base
[Printers\Settings\KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK]
[Printers\Connections\,,srv,sh{U+0000}are]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
