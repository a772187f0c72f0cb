# Near misses: 1, and the value in the per-user policy key (which
# Windows reads only from the machine policy).
@none SEC-001
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"RestrictDriverInstallationToAdministrators"=dword:00000001
=== NTUSER alice base
[Software\Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"RestrictDriverInstallationToAdministrators"=dword:00000000
