#!/bin/sh
# The walk the rule scopes share (lib/scan/scope_walk.c) reports what
# each scope walking on its own reports (SPOOLFIX_TEST_SEPARATE_WALKS,
# spoolfix(1)), byte for byte: on the sample machine, with every control
# set, on a bloated hive that is unloaded and streamed, and on every
# corpus hive (damaged ones with two subkeys of one name among them).
# Then the order it must keep, with site rules whose scopes lie in
# different hives: a rule's findings come scope by scope in the order it
# lists them, whichever hive the shared walk reads first, and a note
# names the object its rule met first in that order.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base
m=$tmp/machine
sample_machine "$m"
# Site rules: scopes in two hives, in both orders, "**" for keys and
# values, and a condition unknown without SOFTWARE (one note per rule).
cat > "$tmp/order.rules" <<'EOF'
language 1

rule T-101 {
	title "user scope first"
	severity warning
	rationale "r"
	scope key "HKU\*\Printers\Connections\*"
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\*"
	message "T-101 {name}"
}

rule T-102 {
	title "SYSTEM scope first"
	severity warning
	rationale "r"
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\*"
	scope key "HKU\*\Printers\Connections\*"
	message "T-102 {name}"
}

rule T-104 {
	title "every key from Connections down"
	severity warning
	rationale "r"
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\**"
	message "T-104 {name}"
}

rule T-105 {
	title "every value below a user's Printers"
	severity warning
	rationale "r"
	scope value "HKU\*\Printers\**"
	when data is string
	message "T-105 {name}"
}

rule T-103 {
	title "unknown everywhere, user scope first"
	severity warning
	rationale "r"
	scope key "HKU\*\Printers\Connections\*"
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Connections\*"
	when value "X" at "HKLM\SOFTWARE\Nowhere" == "1"
	message "T-103 {name}"
}
EOF

# same DESCRIPTION ARGS...: the shared walk reports what each scope
# walking alone does (same_report, tests/lib.sh).
same() {
	same_report SPOOLFIX_TEST_SEPARATE_WALKS "$@"
}

same_everywhere SPOOLFIX_TEST_SEPARATE_WALKS
same "sample machine with the site rules below" --rules "$tmp/order.rules" \
    --root "$m"
same "sample SYSTEM hive alone" "$m/Windows/System32/config/SYSTEM"

# --- the order a shared walk must keep ---
# Connections in a user hive and in SYSTEM; SOFTWARE is not given, so a
# condition reading it is unknown for every object: one note per rule.
o=$tmp/order
hive "$o/Windows/System32/config/SYSTEM" $B/system.hreg <<'EOF'
[ControlSet002\Control\Print\Connections\,,srv,s1]
[ControlSet002\Control\Print\Connections\,,srv,s2]
EOF
hive "$o/Users/alice/NTUSER.DAT" $B/ntuser.hreg <<'EOF'
[Printers\Connections\,,srv,u1]
EOF
# The rule, hive and last segment of each finding's key, in report order.
order() {	# order [env VAR=VALUE]: spoolfix run by env when given
	"$@" "$SPOOLFIX" scan --no-default-rules --rules "$tmp/order.rules" \
	    --format jsonl --root "$o" 2>/dev/null | sed -n \
	    's/.*"rule":"\(T-[0-9]*\)".*"hive":"\([A-Z]*\)","key":"[^"]*\\\\\([^"\\]*\)".*/\1 \2 \3/p'
}
cat > "$tmp/order.want" <<'EOF'
T-101 NTUSER ,,printsrv,Floor2
T-101 NTUSER ,,srv,u1
T-101 SYSTEM ,,printsrv,Floor2
T-101 SYSTEM ,,srv,s1
T-101 SYSTEM ,,srv,s2
T-102 SYSTEM ,,printsrv,Floor2
T-102 SYSTEM ,,srv,s1
T-102 SYSTEM ,,srv,s2
T-102 NTUSER ,,printsrv,Floor2
T-102 NTUSER ,,srv,u1
T-104 SYSTEM Connections
T-104 SYSTEM ,,printsrv,Floor2
T-104 SYSTEM ,,srv,s1
T-104 SYSTEM ,,srv,s2
T-105 NTUSER ,,printsrv,Floor2
T-105 NTUSER ,,printsrv,Floor2
T-105 NTUSER ,,printsrv,Floor2
T-103 NTUSER ,,printsrv,Floor2
EOF
order > "$tmp/order.got"
if cmp -s "$tmp/order.got" "$tmp/order.want"; then
	ok "a rule's findings come scope by scope in its order, and its" \
	    "note names the first object of its first scope"
else
	not_ok "order of findings and notes over two hives" \
	    "$(diff "$tmp/order.want" "$tmp/order.got")"
fi
"$SPOOLFIX" scan --no-default-rules --rules "$tmp/order.rules" \
    --format jsonl --root "$o" 2>/dev/null | grep -q \
    '"rule":"T-103".*check skipped for 5 objects: the SOFTWARE hive' &&
    ok "the note counts the objects of both scopes" ||
    not_ok "the note of T-103 does not count 5 objects"
order env SPOOLFIX_TEST_SEPARATE_WALKS=1 > "$tmp/order.sep"
cmp -s "$tmp/order.sep" "$tmp/order.want" &&
    ok "separate walks give that order too" ||
    not_ok "separate walks: order" "$(diff "$tmp/order.want" "$tmp/order.sep")"

# Two subkeys of one name (a damaged list): a name without wildcards
# goes to the first of them only, as sf_key_child does, even when a
# wildcard at the same level lists them all.
dup=$tmp/dup
hive "$dup/SYSTEM" $B/system.hreg <<'EOF'
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\AAAA:q1]
"Server Name"="a"
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\AAAA:q2]
"Server Name"="b"
EOF
at=$(grep -obUa 'AAAA:q2' "$dup/SYSTEM" | head -1 | cut -d: -f1)
printf 'AAAA:q1' | dd of="$dup/SYSTEM" bs=1 seek="$at" conv=notrunc 2>/dev/null
cat > "$tmp/dup.rules" <<'EOF'
language 1

rule T-201 {
	title "one port by name"
	severity warning
	rationale "r"
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\AAAA:q1"
	message "named {name}"
}

rule T-202 {
	title "every port"
	severity warning
	rationale "r"
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\*"
	message "any {name}"
}
EOF
run "$SPOOLFIX" scan --no-default-rules --rules "$tmp/dup.rules" \
    --format jsonl "$dup/SYSTEM"
[ "$(grep -c '"rule":"T-201"' "$tmp/out")" -eq 1 ] &&
    [ "$(grep -c '"rule":"T-202".*"message":"any AAAA:q1"' "$tmp/out")" -eq 2 ] &&
    ok "two subkeys of one name: the name reaches the first, * both" ||
    not_ok "two subkeys of one name" "$(cut -c1-200 "$tmp/out")"
same "two subkeys of one name" --no-default-rules --rules "$tmp/dup.rules" \
    "$dup/SYSTEM"

# Keys nested 600 deep below Print, which "**" scopes walk down to the
# depth spoolfix reads (512): the shared walk recurses once per level.
awk 'BEGIN { p = "ControlSet002\\Control\\Print"
	for (i = 0; i < 600; i++) p = p "\\d"
	printf "[%s]\n\"v\"=\"x\"\n", p }' |
    cat $B/system.hreg - | "$MKHIVE" -o "$tmp/deep" -
run "$SPOOLFIX" scan --format jsonl "$tmp/deep"
no_crash "keys nested 600 deep" &&
    grep -q 'keys nested deeper than 512 levels were not read' "$tmp/out" &&
    ok "keys nested 600 deep: walked to level 512, and reported" ||
    not_ok "keys nested 600 deep: exit $st" "$(head -c 400 "$tmp/err")"
same "keys nested 600 deep" "$tmp/deep"
t_done
