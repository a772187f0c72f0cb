# Inbox and Version-4 drivers of Windows 8 and later naming their files
# by full path inside the driver store and the spooler's own folders
# (Microsoft Software Printer Driver, Print To PDF, IPP Class Driver: the
# values are modelled on the driver-store layout, not copied from a hive);
# the inbox Version-3 drivers of real Windows 7 and 10 hives, with bare
# names.  None is reported.
@none DRV-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Microsoft Software Printer Driver]
"Driver"=""
"Configuration File"=""
"Data File"="C:\\Windows\\System32\\DriverStore\\FileRepository\\prnms018.inf_amd64_1e7cc6c2d0f6f1d4\\Amd64\\MSSoftwarePrinterDriver.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Microsoft Print To PDF (store)]
"Driver"=""
"Configuration File"=""
"Data File"="C:\\WINDOWS\\system32\\spool\\V4Dirs\\81C1C79C-D629-44C4-8E7E-22B0A24184D7\\MPDW-PDC.xml"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Microsoft IPP Class Driver]
"Driver"=""
"Configuration File"=""
"Data File"="%SystemRoot%\\System32\\spool\\drivers\\x64\\4\\ippclass.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Send to Microsoft OneNote 16 Driver]
"Driver"=""
"Configuration File"=""
"Data File"="SendToOneNote.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-4\Microsoft XPS Document Writer v4]
"Driver"=""
"Configuration File"=""
"Data File"="MXDW.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Microsoft enhanced Point and Print compatibility driver]
"Driver"="mxdwdrv.dll"
"Configuration File"="PrintConfig.dll"
"Data File"="unishare.gpd"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Microsoft Shared Fax Driver]
"Driver"="FXSDRV.DLL"
"Configuration File"="FXSUI.DLL"
"Data File"="FXSUI.DLL"
"Monitor"=""
[ControlSet002\Control\Print\Environments\Windows x64\Drivers\Version-3\Remote Desktop Easy Print]
"Driver"="mxdwdrv.dll"
"Configuration File"="tsprint.dll"
"Data File"="tsprint-datafile.dat"
"Monitor"=""
=== SOFTWARE base
