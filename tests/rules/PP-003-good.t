# Near misses: winprint registered for the machine's environment (the
# base); an environment of other machines (Windows IA64) without any
# print processor is not checked.
@none PP-003
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows IA64]
"Directory"="IA64"
=== SOFTWARE base
