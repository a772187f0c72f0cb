# Near misses: COM1: of the base (9600,n,8,1), a 14- and a 20-character
# string, long data on ports that are not COMx.
@none LOC-003
@no-errors
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Ports]
"COM2:"="115200,n,8,1,x"
"COM4:"="115200,n,8,1,x,abcde"
"COMPORT:"="a very long string of more than twenty characters"
"LPT2:"="a very long string of more than twenty characters"
