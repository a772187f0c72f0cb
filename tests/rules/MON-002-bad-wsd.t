# WSD Port with a foreign DLL, on a Windows 8 or later SYSTEM (Appmon is
# registered): reported with a set-value fix (APMon.dll here, WSDMon.dll
# without Appmon), and the message names both Windows DLLs.
@expect MON-002 1
@key MON-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\WSD Port
@fix MON-002 set-value
@message MON-002 WSD Port: APMon.dll on Windows 8 and later or WSDMon.dll
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Appmon]
"Driver"="AppMon.dll"
[ControlSet001\Control\Print\Monitors\WSD Port]
"Driver"="apmon32.dll"
