# Near miss: an empty winprint under a foreign environment (Windows ARM64,
# as a healthy Windows 10 has) and under Windows NT x86 is not a fault.
@none PP-002
@no-errors
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows NT x86\Print Processors\winprint]
