# Neither PROCESSOR_ARCHITECTURE nor any printer's driver shows the
# machine's environment: the check is skipped with an info note.
@severity PP-003 info
@message PP-003 environment is unknown
@no-errors
@exit 0
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Environments\Windows x64\Drivers\Version-3]
"Directory"="3"
[ControlSet001\Control\Print\Environments\Windows NT x86\Print Processors\hpzppw32]
"Driver"="hpzppw32.dll"
