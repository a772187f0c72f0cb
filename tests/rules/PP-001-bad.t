# A printer (SOFTWARE) names a processor not registered under the
# machine's environment (Windows x64 from PROCESSOR_ARCHITECTURE=AMD64);
# winprint is registered, so the fix sets it.  A processor registered only
# under a foreign environment does not count.  Printers under SYSTEM (an
# NT 4.0 layout or an export of a live registry) are read too.
@expect PP-001 3
@key PP-001 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter
@key PP-001 HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\Label
@key PP-001 HKLM\SYSTEM\CurrentControlSet\Control\Print\Printers\Old Laser
@value PP-001 Print Processor
@fix PP-001 set-value
@message PP-001 "cnbjpp"
=== SYSTEM base
[ControlSet002\Control\Print\Environments\Windows ARM64\Print Processors\armpp]
"Driver"="armpp.dll"
[ControlSet002\Control\Print\Printers\Old Laser]
"Name"="Old Laser"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="lexpp"
=== SOFTWARE base
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Plotter]
"Name"="Plotter"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="cnbjpp"
[Microsoft\Windows NT\CurrentVersion\Print\Printers\Label]
"Name"="Label"
"Port"="LPT1:"
"Printer Driver"="HP Universal Printing PCL 6"
"Print Processor"="armpp"
