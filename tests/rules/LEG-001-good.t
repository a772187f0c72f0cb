# Near miss: the same NT 4.0 machine with UseSoftwareKey = 1 (REG_DWORD).
@none LEG-001
@none LEG-003
@none PRN-003
@none PRN-004
=== SYSTEM
!root $$$PROTO.HIV
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Session Manager\Environment]
"PROCESSOR_ARCHITECTURE"="x86"
[ControlSet001\Control\Print]
"MajorVersion"=dword:00000002
[ControlSet001\Control\Print\Monitors\Local Port]
"Driver"="localspl.dll"
[ControlSet001\Control\Print\Environments\Windows NT x86\Print Processors\winprint]
"Driver"="localspl.dll"
[ControlSet001\Control\Print\Environments\Windows NT x86\Drivers\Version-2\HP LaserJet 4]
"Driver"="RASDD.DLL"
"Configuration File"="RASDDUI.DLL"
"Data File"="HPPCL5MS.DLL"
"Monitor"=""
[ControlSet001\Control\Print\Printers\HP LaserJet 4]
"Name"="HP LaserJet 4"
[ControlSet001\Control\Print]
"UseSoftwareKey"=dword:00000001
=== SOFTWARE
!root $$$PROTO.HIV
[Microsoft\Windows NT\CurrentVersion]
"CurrentVersion"="4.0"
"CurrentBuildNumber"="1381"
[Microsoft\Windows NT\CurrentVersion\Ports]
"LPT1:"=""
[Microsoft\Windows NT\CurrentVersion\Print\Printers\HP LaserJet 4]
"Name"="HP LaserJet 4"
"Port"="LPT1:"
"Printer Driver"="HP LaserJet 4"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
