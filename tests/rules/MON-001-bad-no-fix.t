# No deletion is offered for a monitor that ships with Windows, nor for
# one whose port a printer uses; the finding stays an error.
@expect MON-001 2
@key MON-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Microsoft Shared Fax Monitor
@key MON-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Acme Port
@fix MON-001 none
@severity MON-001 error
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Microsoft Shared Fax Monitor]
[ControlSet002\Control\Print\Monitors\Acme Port]
"Driver"=""
[ControlSet002\Control\Print\Monitors\Acme Port\Ports\ACME_1]
"Address"="10.0.0.9"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Label]
"Name"="Label"
"Port"="LPT1:,ACME_1"
