# Near misses: 1 in the current control set; 0 only in the last-known-
# good set (not scanned without --all-control-sets).
@none SEC-004
=== SYSTEM base
[ControlSet002\Control\Print]
"RpcAuthnLevelPrivacyEnabled"=dword:00000001
[ControlSet001\Control\Print]
"RpcAuthnLevelPrivacyEnabled"=dword:00000000
