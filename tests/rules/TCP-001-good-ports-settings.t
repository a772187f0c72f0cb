# The values directly under ...\Ports (StatusUpdateEnabled,
# StatusUpdateInterval, LprAckTimeout in the base, and here values named
# like port settings, of odd types) are monitor settings, never ports: no
# TCP rule reports them.  The base port is used by a printer.
@none TCP-001
@none TCP-002
@none TCP-003
@none TCP-004
@none TCP-005
@none TCP-006
@none TCP-007
@none TCP-008
@none TCP-009
@none TCP-010
@none TCP-011
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports]
"Protocol"=dword:00000009
"HostName"=dword:00000000
"IPAddress"="not an address"
"PortNumber"="0"
"SNMP Enabled"=dword:00000007
"Version"=hex:01
"a,b"=""
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Ports Guard]
"Name"="Ports Guard"
"Port"="IP_10.0.0.5"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="winprint"
"Datatype"="RAW"
"Attributes"=dword:00000a40
"Priority"=dword:00000001
"Status"=dword:00000000
"Default DevMode"=hex:00,01
