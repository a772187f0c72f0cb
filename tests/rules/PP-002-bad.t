# Processors under the machine's own environment without a usable Driver.
@expect PP-002 3
@key PP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\hpzppx64
@key PP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\blank
@key PP-002 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\typed
@fix PP-002 none
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\blank]
"Driver"=""
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\typed]
"Driver"=dword:00000001
