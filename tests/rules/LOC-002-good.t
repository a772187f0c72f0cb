# Near misses: the base ports (COM1:, LPT1:, nul:, ...), print-to-file in
# user folders, extensions that only contain an executable one, a share
# whose name starts with "Windows", a folder named exe, a user folder
# named Windows (not at a drive root), names that only contain System32
# or %windir%.
@none LOC-002
@no-errors
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Ports]
"C:\\Users\\x\\out.prn"=""
"C:\\Users\\alice\\Documents\\report.pdf"=""
"C:\\Users\\bob\\my.com.prn"=""
"C:\\Users\\bob\\notes.dllx"=""
"\\\\printsrv\\WindowsFax"=""
"D:\\exe\\out.txt"=""
"C:\\Users\\bob\\AppData\\Local\\Temp\\job.xps"=""
"C:\\Users\\bob\\Documents\\Windows\\notes.prn"=""
"C:\\Users\\bob\\system32.prn"=""
"C:\\Users\\bob\\%windir%.prn"=""
