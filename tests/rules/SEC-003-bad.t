# UpdatePromptSettings 2 (no warning, no elevation) while administrators
# are not required (RestrictDriverInstallationToAdministrators = 0); the
# fix, 0, is optional.  SEC-001 reports the 0.
@expect SEC-003 1
@key SEC-003 HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Printers\PointAndPrint
@fix SEC-003 set-value
@severity SEC-003 warning
@message SEC-003 is 2
@expect SEC-001 1
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"UpdatePromptSettings"=dword:00000002
"RestrictDriverInstallationToAdministrators"=dword:00000000
