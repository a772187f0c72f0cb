# Port names with a comma or longer than 63 characters; no printer uses
# them, so deleting the key is proposed.
@expect TCP-001 2
@key TCP-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.8,raw
@key TCP-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports\printer-with-a-long-host-name.branch-office.example.com_port9100
@fix TCP-001 delete-key
@severity TCP-001 error
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.0.0.8,raw]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.8"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

[ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\printer-with-a-long-host-name.branch-office.example.com_port9100]
"Protocol"=dword:00000001
"Version"=dword:00000001
"HostName"=""
"IPAddress"="10.0.0.9"
"HWAddress"=""
"PortNumber"=dword:0000238c
"SNMP Community"="public"
"SNMP Enabled"=dword:00000001
"SNMP Index"=dword:00000001

=== SOFTWARE base
