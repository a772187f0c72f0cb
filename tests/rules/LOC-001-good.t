# Near misses: the base ports (LPT1:, COM1: with its comma-separated
# configuration as DATA, FILE:, nul:, PORTPROMPT:), a file in a user
# folder, a UNC path, a name with spaces.
@none LOC-001
@no-errors
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Ports]
"C:\\Users\\x\\out.prn"=""
"\\\\printsrv\\Floor2"=""
"Ne00: My Port"=""
"COM2:"="9600,n,8,1"
