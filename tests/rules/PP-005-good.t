# Near misses: bare DLL names, including a third-party one and one with
# spaces and dots; a path in another value of the key is not loaded.
@none PP-005
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\hpzppx64]
"Driver"="hpzppx64.dll"
"InstallPath"="C:\\Program Files\\HP\\hpzppx64.dll"
[ControlSet002\Control\Print\Environments\Windows NT x86\Print Processors\vendor]
"Driver"="Vendor Print Proc.v2.dll"
=== SOFTWARE base
