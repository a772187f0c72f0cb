# Near misses: malformed values that a specific rule already reports
# (CON-002 Server, CON-003 Provider, LPR-003 Server Name, PP-002 Driver
# of the machine's own environment, TCP-009 HostName), other types of
# odd length, a missing terminator (GEN-002's) and a REG_MULTI_SZ ending
# in one NUL.  The @expect lines check that those rules still report it.
@none GEN-001
@expect CON-002 1
@expect CON-003 1
@expect LPR-003 1
@expect PP-002 1
@expect TCP-009 1
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,srv9,Lab]
"Server"="\\\\srv9"
"Provider"=hex(1):77,00,00,00,78,00,00,00
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\host2:q]
"Server Name"=hex(1):68,00,00,00,78,00,00,00
"Printer Name"="q"
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\acmepp]
"Driver"=hex(1):61,00,00,00,62,00,00,00
[ControlSet002\Control\Print\Monitors\Acme Mon]
"Driver"="acme.dll"
"Bin"=hex:01,02,03
"Unterminated"=hex(1):41,00,42,00
"OneNul"=hex(7):41,00,00,00
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.6]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=hex(1):68,00,00,00,78,00,00,00
"IPAddress"="10.0.0.6"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001
=== NTUSER alice base
[Printers\Connections\,,printsrv,Plotter]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\printsrv{U+0000}x"
"Provider"="win32spl.dll"
"LocalConnection"=dword:00000001
