# A healthy Windows 10 and later: WSD Port loads APMon.dll, the Adaptive
# Port Monitor, next to the Appmon and IppMon monitors of that version.
# The other inbox monitors as Windows ships them.
@none MON-002
@none MON-001
@none MON-003
@no-errors
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Appmon]
"Driver"="AppMon.dll"
[ControlSet001\Control\Print\Monitors\Appmon\Ports]
[ControlSet001\Control\Print\Monitors\IppMon]
"Driver"="IPPMon.dll"
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"="localspl.dll"
[ControlSet001\Control\Print\Monitors\Microsoft Shared Fax Monitor]
"Driver"="FXSMON.DLL"
[ControlSet001\Control\Print\Monitors\Standard TCP/IP Port]
"Driver"="tcpmon.dll"
[ControlSet001\Control\Print\Monitors\USB Monitor]
"Driver"="usbmon.dll"
[ControlSet001\Control\Print\Monitors\WSD Port]
"Driver"="APMon.dll"
[ControlSet001\Control\Print\Monitors\WSD Port\OfflinePorts]
