# Near misses: consistent keys (names compare ignoring case), and a key
# without serverName, which cannot be compared.
@none CON-011
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PushedConnections\{9C8C8607-2A08-4997-952A-C16796FB4154}]
"uNCName"="\\\\PRINTSRV\\Floor2"
"serverName"="\\\\printsrv"
"printerName"="floor2"
"printAttributes"=dword:00000000
[Policies\Microsoft\Windows NT\Printers\PushedConnections\{1D3E5F70-8192-4A3B-9C5D-6E7F80912A3B}]
"uNCName"="\\\\printsrv\\Lab"
"printerName"="Lab"
