# Two third-party processors registered for the machine's environment.
@expect PP-004 2
@key PP-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\hpzppx64
@key PP-004 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\tpwinprn
@severity PP-004 warning
@fix PP-004 none
@message PP-004 delete this key
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
"Driver"="hpzppx64.dll"
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\tpwinprn]
"Driver"="TPWinPrn.dll"
=== SOFTWARE base
