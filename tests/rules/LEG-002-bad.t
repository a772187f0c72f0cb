# The misspelt UseSoftwareHive of KB Q223863 / Q242035.
@expect LEG-002 1
@key LEG-002 HKLM\SYSTEM\CurrentControlSet\Control\Print
@value LEG-002 UseSoftwareHive
@severity LEG-002 warning
@fix LEG-002 delete-value
@message LEG-002 UseSoftwareHive = 1
=== SYSTEM base
[ControlSet002\Control\Print]
"UseSoftwareHive"=dword:00000001
=== SOFTWARE base
