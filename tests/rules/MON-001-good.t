# Near misses: a third-party monitor with a Driver DLL, and a Windows
# monitor without Driver (MON-002 reports that one, with its fix).
@none MON-001
@expect MON-002 1
=== SYSTEM
[Select]
"Current"=dword:00000001
[ControlSet001\Control\Print\Monitors\Acme Port]
"Driver"="acmemon.dll"
[ControlSet001\Control\Print\Monitors\Local Port]
"Description"="no Driver"
