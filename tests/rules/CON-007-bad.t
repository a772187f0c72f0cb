# The CSR printer cache of one server holds 1001 printers, one more than
# $csr-entry-limit (1000).  Generated: keys P0000 to P1000.
@expect CON-007 1
@key CON-007 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\Servers\printsrv\Printers
@message CON-007 holds 1001 printers
@fix CON-007 none
@severity CON-007 warning
=== SOFTWARE base
@repeat 0 1000 [Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\Servers\printsrv\Printers\P%04d]
