# RestrictDriverInstallationToAdministrators = 0 (KB5005652); the fix,
# setting 1, is optional.
@expect SEC-001 1
@key SEC-001 HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Printers\PointAndPrint
@fix SEC-001 set-value
@value SEC-001 RestrictDriverInstallationToAdministrators
@severity SEC-001 error
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"RestrictDriverInstallationToAdministrators"=dword:00000000
