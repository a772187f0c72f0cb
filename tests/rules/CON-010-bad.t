# Settings of redirected printers of ended Remote Desktop sessions in the
# DEFAULT hive (KB906952); deleting them is optional.
@expect CON-010 2
@key CON-010 HKU\.DEFAULT\Printers\DevModes2
@value CON-010 \\CLIENT1\HP LaserJet 4250 (from CLIENT1) in session 3,localspl
@fix CON-010 delete-value
@severity CON-010 warning
=== DEFAULT base
[Printers\DevModes2]
"\\\\CLIENT1\\HP LaserJet 4250 (from CLIENT1) in session 3,localspl"=hex:00,01
"\\\\ws-07\\Microsoft Print to PDF (from WS-07) in session 12,LocalSpl"=hex:00,01
