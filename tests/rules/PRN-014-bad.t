# Spool folders the spooler cannot use: a network share as the default,
# an empty default in an NT 4.0-style SYSTEM store, a relative path and
# a path holding '<' and '>' on single printers.
@expect PRN-014 4
@key PRN-014 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers
@key PRN-014 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers
@key PRN-014 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Relative
@key PRN-014 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Angled
@value PRN-014 DefaultSpoolDirectory
@value PRN-014 SpoolDirectory
@severity PRN-014 error
@fix PRN-014 none
@message PRN-014 is "\\fileserver\spool"
@message PRN-014 is "spool\PRINTERS"
=== SYSTEM base
[ControlSet002\Control\Print\Printers]
"DefaultSpoolDirectory"=""
=== SOFTWARE
[Microsoft\Windows NT\CurrentVersion\Print\Printers]
"DefaultSpoolDirectory"="\\\\fileserver\\spool"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Relative]
"Name"="Relative"
"SpoolDirectory"="spool\\PRINTERS"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Angled]
"Name"="Angled"
"SpoolDirectory"="D:\\Spool<1>"
