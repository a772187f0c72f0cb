# Malformed string data in each print area: an odd byte, a NUL inside,
# an unpaired surrogate, an odd-length REG_MULTI_SZ.  A foreign
# environment's processor Driver and a CSR connection's Server are not
# checked by PP-002 or CON-002, so they are reported here.
@expect GEN-001 8
@key GEN-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Acme Mon
@value GEN-001 Odd
@value GEN-001 Emb
@value GEN-001 Surr
@value GEN-001 MOdd
@value GEN-001 Driver
@value GEN-001 Server
@key GEN-001 HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Printers
@key GEN-001 HKU\alice\Printers\Settings
@fix GEN-001 none
@severity GEN-001 warning
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Acme Mon]
"Driver"="acme.dll"
"Odd"=hex(1):41,00,42
"Emb"=hex(2):41,00,00,00,42,00,00,00
"Surr"=hex(1):00,d8,41,00,00,00
"MOdd"=hex(7):41,00,00,00,00
[ControlSet002\Control\Print\Environments\Windows NT x86\Print Processors\acmepp]
"Driver"=hex(1):61,00,00,00,62,00,00,00
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers]
"Note"=hex(1):41,00,00,00,42,00,00,00
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\S-1-5-18\Printers\Connections\,,printsrv,Floor2]
"Server"=hex(1):5c,00,5c,00,70,00,00,00,78,00,00,00
=== NTUSER alice base
[Printers\Settings]
"Wizard"=hex(1):41,00,00,00,42,00,00,00
