# NoWarningNoElevationOnInstall = 1 with RestrictDriverInstallationTo-
# Administrators absent (CVE-2021-34527); the fix is optional.
@expect SEC-002 1
@key SEC-002 HKLM\SOFTWARE\Policies\Microsoft\Windows NT\Printers\PointAndPrint
@fix SEC-002 set-value
@value SEC-002 NoWarningNoElevationOnInstall
@severity SEC-002 error
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"Restricted"=dword:00000001
"NoWarningNoElevationOnInstall"=dword:00000001
"UpdatePromptSettings"=dword:00000000
