# Near misses: a share with spaces (real Windows 7 names), a DNS server
# name, and a per-machine connection.
@none CON-001
@no-errors
@exit 0
=== SYSTEM base
=== NTUSER alice base
[Printers\Connections\,,adny01,HP LASERJET 4250]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\adny01"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
[Printers\Connections\,,print.corp.example,Floor-2_B]
"GuidPrinter"="{0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9}"
"Server"="\\\\print.corp.example"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
