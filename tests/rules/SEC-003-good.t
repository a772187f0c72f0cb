# Near misses: 0 in the machine policy; 1 in a user's policy key, which
# this rule does not read.  (1 or 2 with RestrictDriverInstallationTo-
# Administrators = 1 is in SEC-002-good.)
@none SEC-003
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"UpdatePromptSettings"=dword:00000000
=== NTUSER alice base
[Software\Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"UpdatePromptSettings"=dword:00000001
