# 1001 Standard TCP/IP ports (the base one and 1000 more, empty keys):
# one over the default limit of 1000.  The finding is on the Ports key.
@expect TCP-010 1
@key TCP-010 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Standard TCP/IP Port\Ports
@message TCP-010 1001 Standard TCP/IP ports
@severity TCP-010 warning
@fix TCP-010 none
=== SYSTEM base
@repeat 1 1000 [ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.2.%d]
