# Near misses: well-formed keys under user SIDs (a share name with
# spaces, the SYSTEM account); the per-server cache is not a connection.
@none CON-006
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider]
"RemovePrintersAtLogoff"=dword:00000001
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\S-1-5-21-1004336348-1177238915-682003330-1001\Printers\Connections\,,printsrv,HP LASERJET 4250]
"Server"="\\\\printsrv"
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\S-1-5-18\Printers\Connections\,,printsrv,Floor2]
"Server"="\\\\printsrv"
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\Servers\printsrv\Printers\{8C6E3F0A-2B1D-4E5F-9A7B-3C2D1E0F4A5B}]
"Name"="Floor2"
