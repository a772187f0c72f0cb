# PrintDemon-style ports: executable extensions (any case, with
# trailing dots and spaces that Windows strips), and files under Windows
# (at a drive root, on an admin share, as %SystemRoot%) or System32 and
# SysWOW64 anywhere (backslashes or slashes).  Deleting is optional.
@expect LOC-002 10
@value LOC-002 C:\Windows\System32\ualapi.dll
@value LOC-002 c:\ProgramData\upd.EXE
@value LOC-002 C:\temp\evil.ps1.
@value LOC-002 \\?\C:\WINDOWS\Temp\out.prn
@value LOC-002 C:/Windows/System32/x.txt
@value LOC-002 payload.hta
@value LOC-002 \\fs01\C$\Windows\Temp\x.prn
@value LOC-002 %SystemRoot%\Temp\job.prn
@value LOC-002 C:\Program Files\x\..\..\Windows\SysWOW64\a.txt
@fix LOC-002 delete-value
@severity LOC-002 error
@message LOC-002 CVE-2020-1048
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Ports]
"C:\\Windows\\System32\\ualapi.dll"=""
"c:\\ProgramData\\upd.EXE"=""
"C:\\temp\\evil.ps1."=""
"D:\\tools\\run.bat "=""
"\\\\?\\C:\\WINDOWS\\Temp\\out.prn"=""
"C:/Windows/System32/x.txt"=""
"payload.hta"=""
"\\\\fs01\\C$\\Windows\\Temp\\x.prn"=""
"%SystemRoot%\\Temp\\job.prn"=""
"C:\\Program Files\\x\\..\\..\\Windows\\SysWOW64\\a.txt"=""
