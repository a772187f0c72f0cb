# The three switches stored as REG_SZ, a 1-byte REG_DWORD and
# REG_QWORD: one finding per value, each deleting its own value.
@expect LPR-005 3
@key LPR-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\sun:lp
@value LPR-005 OldSunCompatibility
@value LPR-005 HpUxCompatibility
@value LPR-005 EnableBannerPage
@fix LPR-005 delete-value
@severity LPR-005 warning
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\sun:lp]
"Server Name"="sun"
"Printer Name"="lp"
"OldSunCompatibility"="1"
"HpUxCompatibility"=hex(4):01
"EnableBannerPage"=qword:1
