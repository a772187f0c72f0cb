# Without the SOFTWARE hive the printers are unknown: no finding, only
# an info note that the check was skipped.
@expect TCP-011 1
@severity TCP-011 info
@message TCP-011 check skipped for 1 object
@message TCP-011 SOFTWARE hive was not given
@no-errors
@exit 0
=== SYSTEM base
