# String data without its terminator, in SYSTEM, SOFTWARE and a user
# hive; a REG_MULTI_SZ ending in one NUL instead of two.  Info only.
@expect GEN-002 3
@key GEN-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Providers\LanMan Print Services\Servers
@key GEN-002 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers
@key GEN-002 HKU\alice\Printers\Settings
@fix GEN-002 none
@severity GEN-002 info
=== SYSTEM base
[ControlSet002\Control\Print\Providers\LanMan Print Services\Servers]
"Note"=hex(1):61,00,62,00
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers]
"Comment"=hex(2):25,00,78,00,25,00
=== NTUSER alice base
[Printers\Settings]
"Languages"=hex(7):65,00,6e,00,00,00
