# NT 4.0 (SOFTWARE CurrentVersion 4.0): the printers were moved to
# SOFTWARE, a stub remains in SYSTEM, but Control\Print has no
# UseSoftwareKey.  The optional fix sets it.
@expect LEG-001 1
@key LEG-001 HKLM\SYSTEM\CurrentControlSet\Control\Print
@value LEG-001 UseSoftwareKey
@severity LEG-001 error
@fix LEG-001 set-value
@message LEG-001 UseSoftwareKey = absent
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
