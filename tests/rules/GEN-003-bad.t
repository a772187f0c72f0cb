# Numbers of the wrong size: REG_DWORD of 3 and 5 bytes, REG_QWORD of 4,
# REG_DWORD_BIG_ENDIAN of 2.
@expect GEN-003 4
@value GEN-003 BeepEnabled2
@value GEN-003 RestrictDriverInstallationToAdministrators
@value GEN-003 Q
@value GEN-003 BE
@severity GEN-003 warning
@fix GEN-003 none
@none SEC-001
=== SYSTEM base
[ControlSet002\Control\Print]
"BeepEnabled2"=hex(4):01,00,00
=== SOFTWARE base
[Policies\Microsoft\Windows NT\Printers\PointAndPrint]
"RestrictDriverInstallationToAdministrators"=hex(4):00,00,00,00,00
=== NTUSER alice base
[Printers\Settings]
"Q"=hex(b):01,00,00,00
"BE"=hex(5):01,00
