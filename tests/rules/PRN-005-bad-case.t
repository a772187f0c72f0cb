# Names beyond ASCII that no monitor defines: an O-umlaut where the port
# has an A-umlaut (both Latin-1, so a narrow name in the port set), and
# a Cyrillic name one letter off.
@expect PRN-005 1
@key PRN-005 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Wide
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Drucker_{U+00C4}]
"Protocol"=dword:00000001
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\{U+041F}{U+0440}{U+0438}{U+043D}{U+0442}{U+0435}{U+0440}]
"Protocol"=dword:00000001
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Wide]
"Name"="Wide"
"Port"="drucker_{U+00F6},{U+043F}{U+0420}{U+0418}{U+041D}{U+0422}{U+0415}{U+0421}"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
