# Near miss: NoWarningNoElevationOnInstall = 1, but administrators are
# required by RestrictDriverInstallationToAdministrators = 1 (KB5005652).
@none SEC-002
@none SEC-003
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"RestrictDriverInstallationToAdministrators"=dword:00000001
"NoWarningNoElevationOnInstall"=dword:00000001
"UpdatePromptSettings"=dword:00000002
