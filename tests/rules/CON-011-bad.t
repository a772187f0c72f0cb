# Group Policy deployed connections: uNCName disagrees with serverName
# and printerName, or is missing; per machine and per user.
@expect CON-011 3
@key CON-011 HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Printers\PushedConnections\{9C8C8607-2A08-4997-952A-C16796FB4154}
@key CON-011 HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Printers\PushedConnections\{1D3E5F70-8192-4A3B-9C5D-6E7F80912A3B}
@key CON-011 HKU\alice\Software\Policies\Microsoft\Windows NT\Printers\PushedConnections\{2E4F6071-92A3-4B4C-8D6E-7F8091A2B3C4}
@fix CON-011 none
@severity CON-011 warning
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PushedConnections\{9C8C8607-2A08-4997-952A-C16796FB4154}]
"uNCName"="\\\\printsrv\\Floor2"
"serverName"="\\\\printsrv"
"printerName"="Floor3"
"printAttributes"=dword:00000000
[Policies\Microsoft\Windows NT\Printers\PushedConnections\{1D3E5F70-8192-4A3B-9C5D-6E7F80912A3B}]
"serverName"="\\\\printsrv"
"printerName"="Floor2"
=== NTUSER alice base
[Software\Policies\Microsoft\Windows NT\Printers\PushedConnections\{2E4F6071-92A3-4B4C-8D6E-7F8091A2B3C4}]
"uNCName"="\\\\oldsrv\\Floor2"
"serverName"="\\\\printsrv"
"printerName"="Floor2"
