# Windows monitors whose Driver is wrong, missing, of another type, or
# holds a NUL inside; each fix sets the DLL of that monitor.
@expect MON-002 4
@key MON-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Local Port
@key MON-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port
@key MON-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\USB Monitor
@key MON-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\WSD Port
@fix MON-002 set-value
@severity MON-002 error
@message MON-002 "winprint.dll"
@none GEN-001
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"="winprint.dll"
[ControlSet001\Control\Print\Monitors\Standard TCP/IP Port]
[ControlSet001\Control\Print\Monitors\USB Monitor]
"Driver"=dword:00000000
; "WSDMon.dll", a NUL, "x", NUL: GEN-001 leaves it to MON-002
[ControlSet001\Control\Print\Monitors\WSD Port]
"Driver"=hex(1):57,00,53,00,44,00,4d,00,6f,00,6e,00,2e,00,64,00,6c,00,6c,00,00,00,78,00,00,00
[ControlSet001\Control\Print\Monitors\LPR Port]
"Driver"="LPRMON.DLL"
