# Near misses: an unterminated Server that CON-002 reports, an empty
# REG_SZ, a REG_LINK (whose data has no terminator by design), and
# well-terminated strings.
@none GEN-002
@expect CON-002 1
=== SYSTEM base
[ControlSet002\Control\Print\Providers\LanMan Print Services\Servers]
"Empty"=hex(1):
"Link"=hex(6):5c,00,52,00
"Fine"=expand:"%SystemRoot%"
"List"=multi:"a","b"
=== NTUSER alice base
[Printers\Connections\,,printsrv,Plotter]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"=hex(1):5c,00,5c,00,70,00
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
