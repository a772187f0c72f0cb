# Near misses with names beyond ASCII: a port set keeps a name a byte a
# unit when it can (Latin-1) and as UTF-16 otherwise; either way a port
# named in another case is the same port (A-umlaut and a-umlaut, y- and
# Y-diaeresis, whose capital is beyond Latin-1, and Cyrillic).
@none PRN-005
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\Drucker_{U+00C4}]
"Protocol"=dword:00000001
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\{U+00FF}port]
"Protocol"=dword:00000001
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\{U+041F}{U+0440}{U+0438}{U+043D}{U+0442}{U+0435}{U+0440}]
"Protocol"=dword:00000001
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Wide]
"Name"="Wide"
"Port"="drucker_{U+00E4},{U+0178}PORT,{U+043F}{U+0420}{U+0418}{U+041D}{U+0422}{U+0415}{U+0420}"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
