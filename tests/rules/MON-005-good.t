# Near misses: bare file names, including odd but harmless characters;
# a Driver that is not a string is MON-001's.
@none MON-005
=== SYSTEM base
[ControlSet002\Control\Print\Monitors\ThinPrint Print Port Monitor for VMWare]
"Driver"="TPVMMon.dll"
[ControlSet002\Control\Print\Monitors\Acme]
"Driver"="acme-mon_2 (x64).dll"
[ControlSet002\Control\Print\Monitors\Bin]
"Driver"=hex:43,00,3a,00,5c,00
