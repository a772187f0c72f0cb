# Near miss: the correctly spelt UseSoftwareKey.
@none LEG-002
=== SYSTEM base
[ControlSet002\Control\Print]
"UseSoftwareKey"=dword:00000001
=== SOFTWARE base
