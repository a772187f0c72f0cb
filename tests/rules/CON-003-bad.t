# Provider missing, empty, or binary.
@expect CON-003 3
@key CON-003 HKU\alice\Printers\Connections\,,srv,missing
@key CON-003 HKU\alice\Printers\Connections\,,srv,empty
@key CON-003 HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\,,srv,binary
@fix CON-003 delete-key
=== SYSTEM base
[ControlSet002\Control\Print\Connections\,,srv,binary]
"Server"="\\\\srv"
"Provider"=hex:77,00,69,00
=== NTUSER alice base
[Printers\Connections\,,srv,missing]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"LocalConnection"=dword:00000001
[Printers\Connections\,,srv,empty]
"GuidPrinter"="{0A1B2C3D-4E5F-4061-8293-A4B5C6D7E8F9}"
"Server"="\\\\srv"
"Provider"=""
"LocalConnection"=dword:00000001
