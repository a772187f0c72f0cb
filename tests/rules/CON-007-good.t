# Near miss: a small cache, and many keys elsewhere under the provider.
@none CON-007
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\Servers\printsrv\Printers\{00000001-0000-4000-8000-000000000000}]
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\Servers\printsrv\Printers\{00000002-0000-4000-8000-000000000000}]
[Microsoft\Windows NT\CurrentVersion\Print\Providers\Client Side Rendering Print Provider\Servers\printsrv\Drivers]
