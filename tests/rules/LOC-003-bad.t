# Serial configuration strings of 21 and 28 characters (names in any
# case, with or without the colon).  Deleting is optional.
@expect LOC-003 2
@key LOC-003 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Ports
@value LOC-003 COM3:
@value LOC-003 com10
@fix LOC-003 delete-value
@severity LOC-003 error
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Ports]
"COM3:"="115200,n,8,1,x,extra,ab"
"com10"="9600,n,8,1,p,abcdefghi"
