# Monitors other than the five Windows ones MON-002 checks, with no
# usable Driver: missing, not a string, blank.  None of their ports is
# used by a printer, so deleting the key is offered (optional).
@expect MON-001 3
@key MON-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Acme Port
@key MON-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Beta Monitor
@key MON-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\Gamma Monitor
@fix MON-001 delete-key
@severity MON-001 error
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\Acme Port]
"Description"="Acme network port"
[ControlSet002\Control\Print\Monitors\Acme Port\Ports\ACME_1]
"Address"="10.0.0.9"
[ControlSet002\Control\Print\Monitors\Beta Monitor]
"Driver"=dword:00000001
[ControlSet002\Control\Print\Monitors\Gamma Monitor]
"Driver"="   "
=== SOFTWARE base
