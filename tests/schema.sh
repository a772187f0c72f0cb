#!/bin/sh
# The JSON Schema files of schema/ (installed, and named in
# spoolfix-audit(1)) describe what spoolfix writes: real output is
# validated against them (Debian's python3-jsonschema): the JSON Lines
# of an audit with unreadable and hostile hosts, with a baseline (new,
# still and resolved findings), and the results of repair --format json
# (a dry run, a repair, nothing to do, a failure).  Broken records must
# fail, so a schema that accepted anything would not pass.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
. "$top/tests/fleet.sh"

py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import jsonschema' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ] || ! command -v jq > /dev/null 2>&1; then
	skip "JSON output against schema/" \
	    "python3-jsonschema or jq is not installed (sh tools/deps.sh)"
	t_done
	exit
fi

# valid DESCRIPTION audit|repair FILE: passes when FILE is valid.
valid() {
	if "$py" tests/tools/schema_check.py schema "$2" "$3" \
	    > "$tmp/v.out" 2>&1; then
		ok "$1"
	else
		not_ok "$1" "$(head -c 800 "$tmp/v.out")"
	fi
}
# invalid DESCRIPTION audit|repair FILE: passes when validation fails
# (exit 1: the record is wrong, not the check).
invalid() {
	st=0
	"$py" tests/tools/schema_check.py schema "$2" "$3" > "$tmp/v.out" \
	    2>&1 || st=$?
	[ "$st" -eq 1 ] && ok "$1 ($(head -1 "$tmp/v.out" | cut -c1-120))" ||
	    not_ok "$1" "exit $st" "$(head -c 400 "$tmp/v.out")"
}

for s in schema/*.schema.json; do
	jq -e '."$schema" == "https://json-schema.org/draft/2020-12/schema"
	    and (.title | length > 0) and (.description | length > 0)' "$s" \
	    > /dev/null && ok "$s is a draft 2020-12 schema with its description" ||
	    not_ok "$s: \$schema, title, description"
	grep -q "${s#schema/}" man/spoolfix-audit.1 &&
	    ok "spoolfix-audit(1) names $s" || not_ok "spoolfix-audit(1) names $s"
done

fleet "$tmp/fleet" 8
run "$SPOOLFIX" audit -j2 --format jsonl "$tmp/fleet"
cp "$tmp/out" "$tmp/a.jsonl"
jq -e -s '(map(select(.type == "host" and .status == "unreadable")) |
    length == 2) and (map(select(.type == "host" and (.host |
    contains("<script>")))) | length == 2) and (map(select(.fix ==
    "set-value")) | length > 0)' "$tmp/a.jsonl" > /dev/null &&
    ok "the audit has unreadable, hostile and set-value records to check" ||
    not_ok "audit records to validate" "exit $st"
valid "audit JSON Lines (host and finding records) are valid" audit "$tmp/a.jsonl"

# A week later: one host repaired (resolved), one broken (new).
rm -rf "$tmp/fleet/host001" "$tmp/fleet/host002"
host "$tmp/fleet/host001" PC1 ""
host "$tmp/fleet/host002" PC2 sw
run "$SPOOLFIX" audit -j1 --format jsonl --baseline "$tmp/a.jsonl" \
    "$tmp/fleet"
cp "$tmp/out" "$tmp/b.jsonl"
for c in new still resolved; do
	grep -q "\"change\":\"$c\"" "$tmp/b.jsonl" ||
	    not_ok "a baseline audit has $c findings"
done
valid "audit JSON Lines with --baseline (new, still, resolved) are valid" \
    audit "$tmp/b.jsonl"

# repair --format json: dry run, repair, nothing left to do, failure.
rj=$tmp/rj
cp -R "$tmp/fleet/host003" "$rj"
run "$SPOOLFIX" repair --format json --dry-run --root "$rj"
cp "$tmp/out" "$tmp/r1.json"
valid "repair --format json --dry-run is valid" repair "$tmp/r1.json"
run "$SPOOLFIX" repair --format json --yes --backup-dir "$tmp/bk1" --root "$rj"
cp "$tmp/out" "$tmp/r2.json"
jq -e '.changed and (.hives | length > 0)' "$tmp/r2.json" > /dev/null ||
    not_ok "repair --format json --yes repaired" "$(head -c 300 "$tmp/r2.json")"
valid "repair --format json --yes (hives repaired) is valid" repair "$tmp/r2.json"
run "$SPOOLFIX" repair --format json --yes --backup-dir "$tmp/bk2" --root "$rj"
valid "repair --format json with nothing to do is valid" repair "$tmp/out"
run "$SPOOLFIX" repair --format json --yes --root "$tmp/fleet/garbage"
cp "$tmp/out" "$tmp/r3.json"
[ "$st" -eq 2 ] || not_ok "repair of an unreadable hive fails" "exit $st"
valid "repair --format json of an unreadable hive (failed) is valid" \
    repair "$tmp/r3.json"

# Broken records fail, each for one reason.
broken() {	# broken DESCRIPTION audit|repair JQ-FILTER FILE [SELECT]
	if [ "$2" = audit ]; then
		jq -c "select($5) | $3" "$4" | head -1 > "$tmp/broken"
	else
		jq -c "$3" "$4" > "$tmp/broken"
	fi
	[ -s "$tmp/broken" ] || { not_ok "$1: no record to break"; return; }
	invalid "$1" "$2" "$tmp/broken"
}
broken "a host record with an unknown status fails" audit \
    '.status = "ok"' "$tmp/a.jsonl" '.type == "host"'
broken "a clean host record with findings counted fails" audit \
    '.error = 3' "$tmp/a.jsonl" '.type == "host" and .status == "clean"'
broken "an unreadable host record without its reason fails" audit \
    '.reason = null' "$tmp/a.jsonl" '.type == "host" and .status == "unreadable"'
broken "a host record without its run ID fails" audit \
    'del(.run_id)' "$tmp/a.jsonl" '.type == "host"'
broken "a finding record without its rule fails" audit \
    'del(.rule)' "$tmp/a.jsonl" '.type == "finding"'
broken "a finding record with a field not in the schema fails" audit \
    '.rule_id = .rule' "$tmp/a.jsonl" '.type == "finding"'
broken "a set-value finding without its value fails" audit \
    'del(.fix_value)' "$tmp/a.jsonl" '.fix == "set-value"'
broken "a finding record with a severity of its own fails" audit \
    '.severity = "critical"' "$tmp/a.jsonl" '.type == "finding"'
broken "a resolved finding record with a title fails" audit \
    '.title = "x"' "$tmp/b.jsonl" '.change == "resolved"'
broken "a record of an unknown type fails" audit \
    '.type = "event"' "$tmp/a.jsonl" '.type == "host"'
broken "a repair result with changed as a string fails" repair \
    '.changed = "yes"' "$tmp/r2.json"
broken "a failed repair result (rc 2) that says failed false fails" repair \
    '.failed = false' "$tmp/r3.json"
broken "a repair change with an unknown action fails" repair \
    '.changes[0].action = "rename-key"' "$tmp/r1.json"
broken "a dry run that lists repaired hives fails" repair \
    '.hives = [{"path": "x", "state": "repaired", "changes": 1,
    "backup": null, "error": null}]' "$tmp/r1.json"
t_done
