# A third-party monitor: no printer uses its port and no driver names
# it, so deleting it is offered (optional).
@expect MON-003 1
@key MON-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Acme Port Monitor
@fix MON-003 delete-key
@severity MON-003 warning
@message MON-003 "acmemon.dll"
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Acme Port Monitor]
"Driver"="acmemon.dll"
[ControlSet002\Control\Print\Monitors\Acme Port Monitor\Ports\ACME_1]
"Address"="10.0.0.9"
=== SOFTWARE base
