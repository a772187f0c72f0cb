# Exactly 1000 ports (the base one and 999 more): not over the limit.
@none TCP-010
=== SYSTEM base
@repeat 1 999 [ControlSet002\Control\Print\Monitors\Standard TCP/IP Port\Ports\IP_10.2.%d]
