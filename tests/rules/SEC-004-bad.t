# RpcAuthnLevelPrivacyEnabled = 0 turns off the CVE-2021-1678 protection
# (KB4599464); the fix, 1, is optional.
@expect SEC-004 1
@key SEC-004 HKLM\SYSTEM\CurrentControlSet\Control\Print
@fix SEC-004 set-value
@value SEC-004 RpcAuthnLevelPrivacyEnabled
@severity SEC-004 warning
=== SYSTEM base
[ControlSet002\Control\Print]
"RpcAuthnLevelPrivacyEnabled"=dword:00000000
