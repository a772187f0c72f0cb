# Near misses: winprint itself; a third-party processor kept only for
# another environment (for Point and Print clients) is not loaded here.
@none PP-004
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows NT x86\Print Processors\hpzppw32]
"Driver"="hpzppw32.dll"
[ControlSet002\Control\Print\Environments\Windows NT x86\Print Processors\winprint]
"Driver"="winprint.dll"
=== SOFTWARE base
