# Local port names with a comma, an escape character and a NUL.
@expect LOC-001 3
@key LOC-001 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Ports
@value LOC-001 LPT9:,LPT8:
@value LOC-001 ESC\u001b[1m:
@value LOC-001 NUL\u0000X:
@fix LOC-001 delete-value
@severity LOC-001 error
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Ports]
"LPT9:,LPT8:"=""
"ESC{U+001B}[1m:"=""
"NUL{U+0000}X:"=""
