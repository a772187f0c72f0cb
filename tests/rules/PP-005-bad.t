# Print processor DLLs named with a drive letter, a relative path and a
# UNC path, under the machine's environment and another one.
@expect PP-005 3
@key PP-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\fastprn
@key PP-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows x64\Print Processors\relproc
@key PP-005 HKLM\SYSTEM\CurrentControlSet\Control\Print\Environments\Windows NT x86\Print Processors\uncproc
@value PP-005 Driver
@severity PP-005 error
@fix PP-005 none
@message PP-005 "C:\Users\Public\fastprn.dll"
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\fastprn]
"Driver"="C:\\Users\\Public\\fastprn.dll"
[ControlSet002\Control\Print\Environments\Windows x64\Print Processors\relproc]
"Driver"="..\\..\\relproc.dll"
[ControlSet002\Control\Print\Environments\Windows NT x86\Print Processors\uncproc]
"Driver"="\\\\fileserver\\share\\uncproc.dll"
=== SOFTWARE base
