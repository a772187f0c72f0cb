# IP_10.0.8.9 is used by no printer; IP_10.0.8.1 and the base's
# IP_10.0.0.5 are.  Deleting the unused one is proposed, optionally.
@expect TCP-011 1
@key TCP-011 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.8.9
@severity TCP-011 info
@fix TCP-011 delete-key
@message TCP-011 IPAddress "10.0.8.9"
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.8.1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.8.1"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.8.9]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.8.9"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Ports Used]
"Name"="Ports Used"
"Port"="IP_10.0.8.1,IP_10.0.0.5"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
