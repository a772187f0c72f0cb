# Client Side Rendering connection keys: one not named ,,server,share,
# one under a key that is not a user's SID.
@expect CON-006 2
@key CON-006 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\S-1-5-21-1004336348-1177238915-682003330-1001\Printers\Connections\printsrv,Plotter
@key CON-006 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\alice\Printers\Connections\,,printsrv,Floor2
@fix CON-006 delete-key
@severity CON-006 error
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\S-1-5-21-1004336348-1177238915-682003330-1001\Printers\Connections\printsrv,Plotter]
"Server"="\\\\printsrv"
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\alice\Printers\Connections\,,printsrv,Floor2]
"Server"="\\\\printsrv"
