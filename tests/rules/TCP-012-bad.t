# Ports named after one address that send to another (a migration
# changed IPAddress only); one in the IP_ form with a duplicate suffix.
@expect TCP-012 2
@key TCP-012 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\10.0.0.7
@key TCP-012 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.8_1
@severity TCP-012 info
@fix TCP-012 none
@message TCP-012 sends to IPAddress "10.1.0.7"
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\10.0.0.7]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.1.0.7"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000000
"SNMP Index"=dword:00000001
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.8_1]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.80"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000000
"SNMP Index"=dword:00000001
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Floor 2]
"Name"="Floor 2"
"Port"="10.0.0.7,IP_10.0.0.8_1"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000240
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
