# A hive with none of the markers of a known kind.
@expect HIVE-005 1
@severity HIVE-005 info
@exit 0
=== FILE mystery
[Something\Else]
"x"="y"
