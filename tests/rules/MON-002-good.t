# Near misses: the Windows DLLs in other letter cases, NT 4.0's
# localmon.dll, and a terminator-less "tcpmon.dll" (GEN-002's info).
@none MON-002
@expect GEN-002 1
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"="localmon.dll"
[ControlSet001\Control\Print\Monitors\Standard TCP/IP Port]
"Driver"=hex(1):74,00,63,00,70,00,6d,00,6f,00,6e,00,2e,00,64,00,6c,00,6c,00
[ControlSet001\Control\Print\Monitors\USB Monitor]
"Driver"=expand:"USBMON.DLL"
[ControlSet001\Control\Print\Monitors\WSD Port]
"Driver"="wsdmon.dll"
[ControlSet001\Control\Print\Monitors\LPR Port]
"Driver"="LprMon.dll"
