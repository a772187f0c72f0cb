#!/bin/sh
# spoolfix repair and undo: every fixable seeded fault repaired and
# verified, backups byte-identical, undo restoring the original, and the
# safety guarantees: a repair killed at any moment, failing at any step,
# meeting a full disk, a read-only file or folder, or a held lock leaves
# the original byte-identical or completely repaired, never partial.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=$top/fixtures/base
S=$top/fixtures/sample
TOOLS=$top/tests/tools

machine() {	# machine DIR: the sample machine with its seeded faults
	hive "$1/Windows/System32/config/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
	hive "$1/Windows/System32/config/SOFTWARE" $B/software.hreg $S/software-faults.hreg </dev/null
	hive "$1/Users/alice/NTUSER.DAT" $B/ntuser.hreg $S/ntuser-alice-faults.hreg </dev/null
	hive "$1/Users/bob/NTUSER.DAT" $B/ntuser.hreg </dev/null
}
hives() {	# the hive files of a machine folder
	echo "$1/Windows/System32/config/SYSTEM $1/Windows/System32/config/SOFTWARE $1/Users/alice/NTUSER.DAT $1/Users/bob/NTUSER.DAT"
}
logical() {	# logical FILE: keys and values through libregf, sorted
	"$TOOLS/walk" -d "$1" | sort
}
same_logical() {	# same_logical A B
	logical "$1" > "$tmp/la"
	logical "$2" > "$tmp/lb"
	cmp -s "$tmp/la" "$tmp/lb"
}
sums() {
	# shellcheck disable=SC2046
	cat $(hives "$1") | cksum
}

# --- the whole sample machine: plan, repair, verify, undo ---
m=$tmp/m
machine "$m"
for h in $(hives "$m"); do cp "$h" "$h.orig"; done
run "$SPOOLFIX" repair --dry-run --plan "$tmp/plan.reg" --root "$m"
[ "$st" -eq 1 ] && grep -q '^9 changes planned' "$tmp/out" &&
    ok "dry run: the plan of 9 changes, exit 1 (pending)" ||
    not_ok "dry run exit $st" "$(cat "$tmp/out" "$tmp/err")"
changed=
for h in $(hives "$m"); do cmp -s "$h" "$h.orig" || changed="$changed $h"; done
[ -z "$changed" ] && ok "dry run changed nothing" ||
    not_ok "dry run changed:$changed"
head -c 2 "$tmp/plan.reg" | od -An -tx1 | grep -q 'ff fe' &&
    iconv -f UTF-16LE -t UTF-8 "$tmp/plan.reg" | grep -q \
    '^\[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\unixhost:draft\]' &&
    iconv -f UTF-16LE -t UTF-8 "$tmp/plan.reg" | grep -q '"Print Processor"=hex(1):' &&
    ok "--plan: a UTF-16LE .reg file with [-key] and typed values" ||
    not_ok "--plan file"
run "$SPOOLFIX" repair --root "$m"
[ "$st" -eq 2 ] && grep -q 'give --yes' "$tmp/err" &&
    ok "without a terminal: --yes or --dry-run required, exit 2" ||
    not_ok "no-tty exit $st"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bk" --root "$m"
[ "$st" -eq 1 ] && grep -q '^repaired: .*SYSTEM (5 changes, verified' \
    "$tmp/out" && grep -q '^repaired: .*SOFTWARE (1 change, verified' \
    "$tmp/out" && grep -q '^repaired: .*alice/NTUSER.DAT (3 changes' \
    "$tmp/out" && ok "repair --yes: 3 hives repaired and verified (exit 1: \
PP-002 has no automatic fix)" || not_ok "repair exit $st" \
    "$(cat "$tmp/out" "$tmp/err")"
cp "$m/Users/alice/NTUSER.DAT" "$tmp/alice-repaired.dat"
run "$SPOOLFIX" scan --format jsonl --root "$m"
# Optional fixes (LOC-002, SEC-001 in the sample) are not applied unless
# named, so only findings with a default fix must be gone.
jq -r 'select(.fix != "none" and .fix_optional == false) | .rule' \
    "$tmp/out" > "$tmp/left"
if [ -s "$tmp/left" ]; then
	not_ok "after the repair a fixable finding remains" "$(cat "$tmp/left")"
else
	ok "after the repair no finding with a default fix remains"
fi
grep -q '"rule":"SEC-001"' "$tmp/out" && grep -q '"rule":"LOC-002"' \
    "$tmp/out" && ok "findings with optional fixes stay until their rule \
is named" || not_ok "optional findings gone"
grep -q '"rule":"PP-002"' "$tmp/out" &&
    ok "the finding without a fix (PP-002) is still reported" ||
    not_ok "PP-002 missing"
cmp -s "$m/Users/bob/NTUSER.DAT" "$m/Users/bob/NTUSER.DAT.orig" &&
    ok "a hive without faults is not rewritten" || not_ok "bob rewritten"
[ "$(stat -c %a "$m/Windows/System32/config/SYSTEM")" = \
    "$(stat -c %a "$m/Windows/System32/config/SYSTEM.orig")" ] &&
    ok "the repaired hive keeps the original's permissions" ||
    not_ok "permissions changed"
for h in SYSTEM SOFTWARE NTUSER.DAT.alice; do
	b=$(ls "$tmp/bk/$h".2*.bak 2>/dev/null | head -1)
	case $h in
	NTUSER*) o=$m/Users/alice/NTUSER.DAT.orig;;
	*) o=$m/Windows/System32/config/$h.orig;;
	esac
	cmp -s "$b" "$o" && ok "backup of $h is byte-identical to the input" ||
	    not_ok "backup of $h differs or is missing"
done
# Only the planned differences: the repaired SYSTEM minus the deleted
# ports equals the original minus them.
logical "$m/Windows/System32/config/SYSTEM.orig" |
    grep -v '0050006f007200740073/\(00310030002e0031\|003100350037002e\|006500760069006c\|0075006e006900780068\)\|0043006f006e006e0065006300740069006f006e0073/002c002c007000720069006e0074007300720076\(	\|$\)' > "$tmp/o"
logical "$m/Windows/System32/config/SYSTEM" > "$tmp/n"
diff "$tmp/o" "$tmp/n" > "$tmp/d" && ok "SYSTEM differs from the original \
only by the planned deletions" || not_ok "unplanned differences" \
    "$(head -10 "$tmp/d")"
iconv -f UTF-16 -t UTF-8 "$tmp/bk/undo.reg" > "$tmp/undo.txt"
head -c 2 "$tmp/bk/undo.reg" | od -An -tx1 | grep -q 'ff fe' &&
    head -1 "$tmp/undo.txt" | grep -q '^Windows Registry Editor Version 5.00' &&
    grep -q "$(printf '\r')\$" "$tmp/undo.txt" &&
    grep -q '^\[HKEY_USERS\\alice\\Printers\\Connections\\,,printsrv,Color\]' "$tmp/undo.txt" &&
    grep -q '^\[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control' "$tmp/undo.txt" &&
    grep -q '^"Print Processor"=hex(1):63,00,6e,00' "$tmp/undo.txt" &&
    ! grep -q '^"[^"]*"="' "$tmp/undo.txt" &&
    ok "undo file: UTF-16LE, BOM, CRLF, root prefixes, strings as hex(N)" ||
    not_ok "undo file format" "$(head -20 "$tmp/undo.txt")"
for h in SYSTEM SOFTWARE; do
	run "$SPOOLFIX" undo --backup-dir "$tmp/bku" "$tmp/bk/undo.reg" \
	    "$m/Windows/System32/config/$h"
	[ "$st" -eq 0 ] && same_logical "$m/Windows/System32/config/$h" \
	    "$m/Windows/System32/config/$h.orig" &&
	    ok "undo restores $h to the original, logically" ||
	    not_ok "undo $h exit $st" "$(cat "$tmp/err")" \
	    "$(diff "$tmp/la" "$tmp/lb" | head -5)"
done
run "$SPOOLFIX" undo --backup-dir "$tmp/bku" "$tmp/bk/undo.reg" \
    "$m/Users/alice/NTUSER.DAT"
[ "$st" -eq 0 ] && same_logical "$m/Users/alice/NTUSER.DAT" \
    "$m/Users/alice/NTUSER.DAT.orig" &&
    ok "undo restores alice's NTUSER.DAT, logically" || not_ok "undo alice"
"$TOOLS/treedump" "$m/Windows/System32/config/SYSTEM" | sort > "$tmp/t1"
"$TOOLS/treedump" "$m/Windows/System32/config/SYSTEM.orig" | sort > "$tmp/t2"
cmp -s "$tmp/t1" "$tmp/t2" && ok "after undo spoolfix's reader sees the \
original too (exact names, NUL and escape characters included)" ||
    not_ok "treedump differs after undo"
run "$SPOOLFIX" undo --backup-dir "$tmp/bku" "$tmp/bk/undo.reg" \
    "$m/Users/bob/NTUSER.DAT"
[ "$st" -eq 2 ] && cmp -s "$m/Users/bob/NTUSER.DAT" \
    "$m/Users/bob/NTUSER.DAT.orig" && grep -q 'restores the profile(s) alice' "$tmp/err" && grep -q -- '--profile' \
    "$tmp/err" && ok "undo on another user's hive: exit 2, unchanged, the \
message names the file's profiles and --profile" ||
    not_ok "undo wrong hive $st" "$(cat "$tmp/err")"
# A user hive copied under another name: --profile says whose it is.
run "$SPOOLFIX" undo --backup-dir "$tmp/bkp2" "$tmp/bk/undo.reg" \
    "$tmp/alice-repaired.dat"
[ "$st" -eq 2 ] && ok "a renamed user hive is not guessed to be alice's" ||
    not_ok "renamed hive undo exit $st"
run "$SPOOLFIX" undo --backup-dir "$tmp/bkp2" --profile alice \
    "$tmp/bk/undo.reg" "$tmp/alice-repaired.dat"
[ "$st" -eq 0 ] && same_logical "$tmp/alice-repaired.dat" \
    "$m/Users/alice/NTUSER.DAT.orig" && ok "undo --profile alice restores \
a renamed copy of alice's hive" || not_ok "undo --profile $st" "$(cat "$tmp/err")"

# --- on a terminal each change is offered in turn ---
# script(1) gives spoolfix a terminal; the answers come from a pipe.
if command -v script > /dev/null 2>&1; then
	q=$tmp/ask
	hive "$q/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
	cp "$q/SYSTEM" "$q/SYSTEM.orig"
	# The five SYSTEM changes, sorted: no to the connection, yes to
	# the first LPR port, a wrong answer and then no, yes, no.
	printf 'n\ny\nmaybe\nn\ny\nn\n' | script -qec "'$SPOOLFIX' repair \
	    --backup-dir '$tmp/bkq' '$q/SYSTEM'" /dev/null > "$tmp/out" 2>&1
	st=$?
	"$TOOLS/treedump" "$q/SYSTEM" > "$tmp/q.after"
	[ "$st" -eq 1 ] && grep -q 'repaired: .*SYSTEM (2 changes' "$tmp/out" &&
	    grep -q 'answer y, n, a or q' "$tmp/out" &&
	    ! grep -q '00310030002e0031002e0031002e0035002c' "$tmp/q.after" &&
	    ! grep -q '006500760069006c' "$tmp/q.after" &&
	    grep -q '^K	.*/002c002c007000720069006e0074007300720076$' "$tmp/q.after" &&
	    ok "interactive: only the changes answered y are applied, a wrong \
answer is asked again" || not_ok "interactive y/n exit $st" "$(tail -5 "$tmp/out")"
	cp "$q/SYSTEM.orig" "$q/SYSTEM"
	printf 'y\nq\n' | script -qec "'$SPOOLFIX' repair --backup-dir \
	    '$tmp/bkq2' '$q/SYSTEM'" /dev/null > "$tmp/out" 2>&1
	st=$?
	[ "$st" -eq 1 ] && cmp -s "$q/SYSTEM" "$q/SYSTEM.orig" &&
	    grep -q 'stopped: nothing was changed' "$tmp/out" &&
	    ok "interactive: q quits without changing anything, exit 1" ||
	    not_ok "interactive quit exit $st" "$(tail -5 "$tmp/out")"
	printf 'n\na\n' | script -qec "'$SPOOLFIX' repair --backup-dir \
	    '$tmp/bkq3' '$q/SYSTEM'" /dev/null > "$tmp/out" 2>&1
	st=$?
	[ "$st" -eq 1 ] && grep -q 'repaired: .*SYSTEM (4 changes' "$tmp/out" &&
	    ok "interactive: a applies this change and all the rest" ||
	    not_ok "interactive all exit $st" "$(tail -5 "$tmp/out")"
else
	skip "interactive repair" "script(1) from util-linux is not installed"
fi

# --- an undo that re-creates 1,000 of 3,000 sibling keys stays small ---
# hivex copied the whole subkey list per key it added (about 21 MB for
# this 0.6 MB hive); spoolfix's writer writes the list once and reuses
# the space the repair freed.
b=$tmp/bloat
mkdir -p "$b"
awk 'BEGIN { print "[Select]"; print "\"Current\"=dword:1"
	print "[ControlSet001\\Control\\Print\\Monitors\\LPR Port]"
	print "\"Driver\"=\"lprmon.dll\""
	for (i = 0; i < 3000; i++) {
		printf "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%04d:q]\n", i
		if (i % 3) print "\"Server Name\"=\"h\"\n\"Printer Name\"=\"q\""
	} }' | "$MKHIVE" -o "$b/SYSTEM" -
cp "$b/SYSTEM" "$b/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkb" "$b/SYSTEM"
run "$SPOOLFIX" undo --backup-dir "$tmp/bkb2" "$tmp/bkb/undo.reg" "$b/SYSTEM"
osz=$(wc -c < "$b/SYSTEM.orig") nsz=$(wc -c < "$b/SYSTEM")
[ "$st" -eq 0 ] && same_logical "$b/SYSTEM" "$b/SYSTEM.orig" &&
    [ "$nsz" -le $((osz * 3 / 2)) ] && hivexml "$b/SYSTEM" > /dev/null &&
    ok "an undo re-creating 1,000 of 3,000 sibling keys: restored, \
$osz -> $nsz bytes, read back by libregf and hivex" ||
    not_ok "undo of 1,000 keys exit $st, $osz -> $nsz bytes" "$(cat "$tmp/err")"

# --- compaction: the space of deleted ports given back ---
# 4,000 of 6,000 LPR ports have no values (LPR-003 deletes them).  The
# repair reuses nothing it does not need and never grows the hive;
# compaction then writes it at its live size, every key's time stamp and
# security descriptor kept (reglookup -s shows both), as libregf, hivex
# and reglookup read it.
k=$tmp/cmp
mkdir -p "$k"
awk 'BEGIN { print "[Select]"; print "\"Current\"=dword:1"
	print "[ControlSet001\\Control\\Print\\Monitors\\LPR Port]"
	print "\"Driver\"=\"lprmon.dll\""
	for (i = 0; i < 6000; i++) {
		printf "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%04d:q]\n", i
		if (i % 3 == 0) print "\"Server Name\"=\"h\"\n\"Printer Name\"=\"q\""
	} }' | "$MKHIVE" -o "$k/SYSTEM" -
cp "$k/SYSTEM" "$k/SYSTEM.orig"
cp "$k/SYSTEM" "$k/SYSTEM2"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkc1" "$k/SYSTEM"
s0=$(wc -c < "$k/SYSTEM.orig") s1=$(wc -c < "$k/SYSTEM")
[ "$st" -le 1 ] && [ "$s1" -le "$s0" ] &&
    [ "$(reglookup -t KEY -p '/ControlSet001/Control/Print/Monitors/LPR Port/Ports' \
    "$k/SYSTEM" | grep -c ':q,KEY')" -eq 2000 ] &&
    ok "repair deleting 4,000 of 6,000 ports: the hive does not grow \
($s0 -> $s1 bytes)" || not_ok "repair of 4,000 ports exit $st, $s0 -> $s1" \
    "$(cat "$tmp/err")"
cp "$k/SYSTEM" "$k/SYSTEM.repaired"
reglookup -s "$k/SYSTEM" > "$tmp/rl1"
run "$SPOOLFIX" compact --backup-dir "$tmp/bkc2" "$k/SYSTEM"
s2=$(wc -c < "$k/SYSTEM")
reglookup -s "$k/SYSTEM" > "$tmp/rl2"
awk 'BEGIN { print "[Select]"; print "\"Current\"=dword:1"
	print "[ControlSet001\\Control\\Print\\Monitors\\LPR Port]"
	print "\"Driver\"=\"lprmon.dll\""
	for (i = 0; i < 6000; i += 3) {
		printf "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%04d:q]\n", i
		print "\"Server Name\"=\"h\"\n\"Printer Name\"=\"q\""
	} }' | "$MKHIVE" -o "$k/fresh" -
sf=$(wc -c < "$k/fresh")
[ "$st" -eq 0 ] && grep -q "^compacted: .*($s1 -> $s2 bytes, verified" \
    "$tmp/out" && [ "$s2" -le $((sf * 5 / 4)) ] && [ "$s2" -lt "$s1" ] &&
    same_logical "$k/SYSTEM" "$k/SYSTEM.repaired" &&
    cmp -s "$tmp/rl1" "$tmp/rl2" && hivexml "$k/SYSTEM" > /dev/null &&
    cmp -s "$tmp/bkc2/SYSTEM."*.bak "$k/SYSTEM.repaired" &&
    ok "compact: $s1 -> $s2 bytes (a fresh hive of the same keys: $sf), \
the same keys, values, time stamps and security descriptors" ||
    not_ok "compact exit $st: $s1 -> $s2 (fresh $sf)" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" repair --yes --compact --backup-dir "$tmp/bkc3" "$k/SYSTEM2"
s3=$(wc -c < "$k/SYSTEM2")
[ "$st" -le 1 ] && same_logical "$k/SYSTEM2" "$k/SYSTEM.repaired" &&
    [ "$s3" -le $((sf * 5 / 4)) ] && hivexml "$k/SYSTEM2" > /dev/null &&
    ok "repair --compact: repaired and compacted in one write ($s0 -> \
$s3 bytes)" || not_ok "repair --compact exit $st, $s0 -> $s3" "$(cat "$tmp/err")"

# A real hive: regipy's Windows 7 SYSTEM (ri lists, db values, many
# security descriptors) compacts to what reglookup -s reads the same.
# It has 4.6 KB free in 11.8 MB: already compact, so it may only keep
# its size (within one percent: cells pack a little differently).
real=$top/../shared/corpus/regipy/SYSTEM.xz
if [ -f "$real" ]; then
	xz -dc "$real" > "$k/REAL"
	reglookup -s "$k/REAL" > "$tmp/rr1" 2>/dev/null
	r0=$(wc -c < "$k/REAL")
	run "$SPOOLFIX" compact --backup-dir "$tmp/bkc4" "$k/REAL"
	reglookup -s "$k/REAL" > "$tmp/rr2" 2>/dev/null
	r1=$(wc -c < "$k/REAL")
	[ "$st" -eq 0 ] && [ "$r1" -le $((r0 + r0 / 100)) ] &&
	    cmp -s "$tmp/rr1" "$tmp/rr2" &&
	    hivexml "$k/REAL" > /dev/null &&
	    ok "compact of a real SYSTEM hive: $r0 -> $r1 bytes, reglookup \
-s reads it the same" || not_ok "real compact exit $st, $r0 -> $r1" \
	    "$(cat "$tmp/err"; diff "$tmp/rr1" "$tmp/rr2" | head -5)"
else
	skip "compact of a real SYSTEM hive" "the corpus is absent"
fi

# --- optional fixes apply only when the rule is named ---
o=$tmp/opt
cat $B/system.hreg > "$tmp/o.hreg"
printf '[ControlSet002\\Control\\Print\\Monitors\\Standard TCP/IP Port\\Ports\\IP_10.9.9.9]\n"Protocol"=dword:1\n"IPAddress"="10.9.9.9"\n"HostName"=""\n"PortNumber"=dword:238c\n' >> "$tmp/o.hreg"
mkdir -p "$o" && "$MKHIVE" -o "$o/SYSTEM" "$tmp/o.hreg"
hive "$o/SOFTWARE" $B/software.hreg </dev/null
run "$SPOOLFIX" repair --dry-run "$o/SYSTEM" "$o/SOFTWARE"
grep -q 'optional fix.* left out' "$tmp/out" && grep -q '^0 changes' \
    "$tmp/out" && ok "an optional fix is left out unless its rule is named" ||
    not_ok "optional fix planned" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" repair --dry-run --rule TCP-011 "$o/SYSTEM" "$o/SOFTWARE"
grep -q 'delete key .*IP_10.9.9.9 (TCP-011)' "$tmp/out" &&
    ! grep -q 'IP_10.0.0.5' "$tmp/out" &&
    ok "--rule TCP-011 plans that rule's optional fix, and only it" ||
    not_ok "--rule plan" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" repair --dry-run --rule tcp-011 "$o/SYSTEM" "$o/SOFTWARE"
grep -q 'delete key .*IP_10.9.9.9 (TCP-011)' "$tmp/out" &&
    ok "--rule matches rule IDs ignoring case, as everywhere" ||
    not_ok "--rule tcp-011" "$(cat "$tmp/out" "$tmp/err")"

# --- --only limits the repair; --rule adds optional fixes, no limit ---
w=$tmp/only
machine "$w"
for h in $(hives "$w"); do cp "$h" "$h.orig"; done
run "$SPOOLFIX" repair --dry-run --rule SEC-001 --root "$w"
grep -q '^10 changes planned' "$tmp/out" &&
    grep -q 'RestrictDriverInstallationToAdministrators.* (SEC-001)$' \
    "$tmp/out" && grep -q '(CON-001)$' "$tmp/out" &&
    ok "--rule SEC-001 adds its optional fix to the 9 default changes, \
without limiting the repair to it" ||
    not_ok "--rule SEC-001 limits" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" repair --dry-run --only LPR-001,pp-001 --plan \
    "$tmp/only-plan.reg" --root "$w"
iconv -f UTF-16LE -t UTF-8 "$tmp/only-plan.reg" > "$tmp/only-plan.txt" \
    2>/dev/null
[ "$st" -eq 1 ] && grep -q '^4 changes planned' "$tmp/out" &&
    [ "$(grep -c '(LPR-001\|(PP-001)' "$tmp/out")" -eq 4 ] &&
    ! grep -q 'CON-00\|unixhost' "$tmp/out" &&
    [ "$(grep -c '^\[' "$tmp/only-plan.txt")" -eq 4 ] &&
    ! grep -q 'Connections' "$tmp/only-plan.txt" &&
    ok "--only LPR-001,pp-001: the plan, dry run and --plan file hold \
only those rules' 4 changes" ||
    not_ok "--only plan: exit $st" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" repair --yes --only PP-001 --backup-dir "$tmp/bkonly" \
    --root "$w"
[ "$st" -eq 1 ] && grep -q '^repaired: .*SOFTWARE (1 change, verified' \
    "$tmp/out" && [ "$(grep -c '^repaired:' "$tmp/out")" -eq 1 ] &&
    cmp -s "$w/Windows/System32/config/SYSTEM" \
    "$w/Windows/System32/config/SYSTEM.orig" &&
    cmp -s "$w/Users/alice/NTUSER.DAT" "$w/Users/alice/NTUSER.DAT.orig" &&
    ok "repair --only PP-001 writes SOFTWARE alone; SYSTEM and alice's \
hive stay byte-identical (exit 1: the others' findings remain)" ||
    not_ok "repair --only PP-001: exit $st" "$(cat "$tmp/out" "$tmp/err")"
cp "$w/Windows/System32/config/SOFTWARE" "$tmp/only-sw"
run "$SPOOLFIX" repair --yes --only LPR-001,NOPE-9,x\	y --backup-dir \
    "$tmp/bkonly2" --root "$w"
[ "$st" -eq 2 ] && grep -q -- "--only: no rule with ID NOPE-9" "$tmp/err" &&
    grep -q -- "--only: no rule with ID x\\\\x09y" "$tmp/err" &&
    ! grep -q 'LPR-001' "$tmp/err" && [ ! -e "$tmp/bkonly2" ] &&
    cmp -s "$w/Windows/System32/config/SYSTEM" \
    "$w/Windows/System32/config/SYSTEM.orig" &&
    ok "--only with unknown IDs: exit 2, each named (escaped), nothing \
written" || not_ok "--only unknown: exit $st" "$(cat "$tmp/out" "$tmp/err")"

# --- hostile names are deletable ---
n=$tmp/names
printf '[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\esc{U+001B}[2J:q]\n"Server Name"="esc"\n[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\nul{U+0000}x:q]\n[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\bad{U+D800}x:q]\n"v{U+DC00}"="x"\n[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\zz:q\\{U+00E9}t{U+00E9}]\n' |
    hive "$n/SYSTEM" $B/system.hreg
cp "$n/SYSTEM" "$n/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkn" "$n/SYSTEM"
"$TOOLS/treedump" "$n/SYSTEM" > "$tmp/after"
# Names as treedump prints them: UTF-16 units in hex.
if [ "$st" -ne 0 ]; then
	not_ok "hostile names: repair exit $st" "$(cat "$tmp/err")"
elif grep -q '0065007300630[0]1b\|006e0075006c0000\|006200610064d800\|007a007a003a0071' "$tmp/after"; then
	not_ok "hostile names: a bad key is still there"
elif ! grep -q '007000720069006e0074007300720076003a006c0061007300650072' "$tmp/after"; then
	not_ok "hostile names: the good port printsrv:laser is gone"
else
	ok "keys named with ESC, NUL or an unpaired surrogate (or holding such \
values, or non-ASCII subkeys) are deleted; the good port stays"
fi
# iconv -c: the file holds the unpaired surrogate itself, as UTF-16 can.
# The NUL-named key is an extension line (regedit skips it, spoolfix
# undo restores it; tests/undo.sh applies such files), with a comment
# saying so and naming the backup, and no plain line names it.
iconv -c -f UTF-16 -t UTF-8 "$tmp/bkn/undo.reg" 2>/dev/null | tr -d '\r' \
    > "$tmp/bkn/undo.txt"
grep -qx ';spoolfix \[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\nul%0000x:q\]' \
    "$tmp/bkn/undo.txt" && grep -q '^; the key "nul\\0x:q": .*regedit skips the ";spoolfix" lines below; spoolfix undo restores them (the backup .*\.bak has it too)' "$tmp/bkn/undo.txt" &&
    ! grep -q '^\[.*nul' "$tmp/bkn/undo.txt" &&
    ok "undo file: a NUL-named key is an extension line spoolfix undo \
restores and regedit skips, with a comment naming the backup" ||
    not_ok "undo file: the NUL-named key" "$(grep -n 'nul' "$tmp/bkn/undo.txt")"

# --- li lists under an ri: hivex could not delete there ---
l=$tmp/li
mkdir -p "$l"
awk 'BEGIN { print "!lists ri"; print "[Select]"; print "\"Current\"=dword:1"
	for (i = 0; i < 1200; i++)
		printf "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%04d:q]\n\"Server Name\"=\"h\"\n\"Printer Name\"=\"q\"\n", i
	print "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\bad,one:q]"
	print "\"Server Name\"=\"h\""; print "\"Printer Name\"=\"q\"" }' |
    "$MKHIVE" -o "$l/SYSTEM" -
cp "$l/SYSTEM" "$l/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkl" "$l/SYSTEM"
logical "$l/SYSTEM.orig" | grep -v '/006200610064002c006f006e0065003a0071' \
    > "$tmp/lo"
# MON-002 also sets the missing Driver value of the LPR Port monitor.
logical "$l/SYSTEM" > "$tmp/ln"
[ "$st" -le 1 ] && grep -v '	004400720069007600650072	' "$tmp/ln" |
    cmp -s "$tmp/lo" - && grep -q '	004400720069007600650072	1	6c00700072006d006f006e002e0064006c006c00	' "$tmp/ln" &&
    hivexml "$l/SYSTEM" > /dev/null &&
    [ "$(reglookup -t KEY -p '/ControlSet001/Control/Print/Monitors/LPR Port/Ports' \
    "$l/SYSTEM" | grep -c ':q,KEY')" -eq 1200 ] &&
    ok "deletion below li lists under an ri (ManySubkeysHive shape): \
exactly that key gone, read back by libregf, hivex and reglookup" ||
    not_ok "li exit $st" "$(cat "$tmp/err")"

# --- a path through two keys of one name: refused, nothing changed ---
# Plans address keys by path.  alpha and ALPHA are one name to Windows
# (mkhive folds only Latin-1, so it writes both): a damaged hive, where
# a path cannot say which key it means.
a=$tmp/amb
printf '[Select]\n"Current"=dword:1\n[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\p{U+03B1},x]\n[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\p{U+0391},x]\n' |
    hive "$a/SYSTEM"
cp "$a/SYSTEM" "$a/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bka" "$a/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'leads to two keys whose names differ at most in case' \
    "$tmp/err" && grep -q 'what to do' "$tmp/err" &&
    cmp -s "$a/SYSTEM" "$a/SYSTEM.orig" && [ ! -e "$tmp/bka/undo.reg" ] &&
    ok "a planned key whose name another key shares (ignoring case): \
refused, exit 2, original untouched" || not_ok "ambiguous path exit $st" \
    "$(cat "$tmp/out" "$tmp/err")"

# --- more subkeys than hivex takes ---
g=$tmp/huge
mkdir -p "$g"
awk 'BEGIN { print "[Select]"; print "\"Current\"=dword:1"
	for (i = 0; i < 70001; i++)
		printf "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%05d:q]\n\"Server Name\"=\"h\"\n\"Printer Name\"=\"q\"\n", i
	print "[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\bad,one:q]" }' |
    "$MKHIVE" -o "$g/SYSTEM" -
cp "$g/SYSTEM" "$g/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkg" "$g/SYSTEM"
# hivex cannot even list a key this size: reglookup is the third reader.
[ "$st" -le 1 ] && [ "$(reglookup -t KEY -p '/ControlSet001/Control/Print/Monitors/LPR Port/Ports' \
    "$g/SYSTEM" | grep -c ':q,KEY')" -eq 70001 ] &&
    ! reglookup -t KEY -p '/ControlSet001/Control/Print/Monitors/LPR Port/Ports' \
    "$g/SYSTEM" | grep -q 'bad' &&
    [ "$(wc -c < "$g/SYSTEM")" -le "$(wc -c < "$g/SYSTEM.orig")" ] &&
    ok "a key with 70,002 subkeys (more than hivex takes): the bad one \
deleted, the hive no larger, read back by reglookup" ||
    not_ok "huge key exit $st" "$(cat "$tmp/err")"

# --- refusals: dirty and damaged hives ---
d=$tmp/dirty
printf '!sequence 9 8\n[Select]\n"Current"=dword:1\n[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\a,b:q]\n' |
    hive "$d/SYSTEM"
cp "$d/SYSTEM" "$d/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkd" "$d/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'is dirty' "$tmp/err" && grep -q 'what to do' \
    "$tmp/err" && cmp -s "$d/SYSTEM" "$d/SYSTEM.orig" &&
    ok "a dirty hive is refused with a reason and what to do" ||
    not_ok "dirty refusal $st" "$(cat "$tmp/err")"

# --- slack after the hive bins, as Windows leaves it ---
# The scan reads only the declared hive bins; the check that the file is
# still what was scanned must not mistake the unread slack for a change,
# and the backup is still the whole file.
p=$tmp/slack
printf '[Select]\n"Current"=dword:1\n[ControlSet001\\Control\\Print\\Monitors\\LPR Port\\Ports\\a,b:q]\n' |
    hive "$p/SYSTEM"
truncate -s +256K "$p/SYSTEM"
cp "$p/SYSTEM" "$p/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bks" "$p/SYSTEM"
b=$(ls "$tmp/bks"/SYSTEM.2*.bak 2>/dev/null | head -1)
[ "$st" -le 1 ] && grep -q '^repaired: .*SYSTEM (2 changes, verified' \
    "$tmp/out" && cmp -s "$b" "$p/SYSTEM.orig" &&
    ok "a hive with 256 KiB of slack is repaired; its backup is whole" ||
    not_ok "repair with slack: exit $st" "$(cat "$tmp/out" "$tmp/err")"

# --- several hives: one fails after another succeeded ---
p=$tmp/part
machine "$p"
for h in $(hives "$p"); do cp "$h" "$h.orig"; done
SPOOLFIX_TEST_FAULT=commit@SOFTWARE run "$SPOOLFIX" repair --yes \
    --backup-dir "$tmp/bkp" --root "$p"
[ "$st" -eq 2 ] && grep -q '^repaired: .*SYSTEM' "$tmp/out" &&
    grep -q '^left unchanged: .*SOFTWARE (failed' "$tmp/out" &&
    grep -q '^left unchanged: .*alice/NTUSER.DAT (not attempted' "$tmp/out" &&
    cmp -s "$p/Windows/System32/config/SOFTWARE" \
    "$p/Windows/System32/config/SOFTWARE.orig" &&
    cmp -s "$p/Users/alice/NTUSER.DAT" "$p/Users/alice/NTUSER.DAT.orig" &&
    ok "one hive fails: the report names repaired and unchanged hives" ||
    not_ok "partial failure $st" "$(cat "$tmp/out")"
iconv -f UTF-16LE -t UTF-8 "$tmp/bkp/undo.reg" > "$tmp/pu"
grep -q 'HKEY_LOCAL_MACHINE\\SYSTEM' "$tmp/pu" &&
    ! grep -q 'HKEY_LOCAL_MACHINE\\SOFTWARE\|HKEY_USERS' "$tmp/pu" &&
    ok "the undo file covers exactly what was applied (SYSTEM only)" ||
    not_ok "undo covers more than applied" "$(grep HKEY "$tmp/pu")"

# --- one hive given twice: refused before anything is written ---
# Before, the second path found the file changed by the first write and
# failed after it.
w=$tmp/twice
machine "$w"
a=$w/Users/alice/NTUSER.DAT
for h in $(hives "$w"); do cp "$h" "$h.orig"; done
cp "$a" "$tmp/alice-copy.dat"
ln -s "$a" "$tmp/alice-link.dat"
ln "$a" "$tmp/alice-hard.dat"
for two in "$a" "$tmp/alice-link.dat" "$tmp/alice-hard.dat" \
    "$w/Users/../Users/alice/NTUSER.DAT" "$tmp/alice-copy.dat"; do
	run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bktw" \
	    "$w/Windows/System32/config/SYSTEM" "$a" "$two"
	changed=
	for h in $(hives "$w"); do cmp -s "$h" "$h.orig" || changed="$changed $h"; done
	cmp -s "$tmp/alice-copy.dat" "$a.orig" || changed="$changed copy"
	[ "$st" -eq 2 ] && grep -q 'one hive given twice' "$tmp/err" &&
	    grep -q 'nothing was changed' "$tmp/err" && [ -z "$changed" ] &&
	    [ ! -e "$tmp/bktw" ] && ok "repair of one hive given twice \
(${two#"$tmp"/}): refused, exit 2, nothing written" ||
	    not_ok "repair given twice ${two#"$tmp"/}: exit $st, changed:$changed" \
	    "$(cat "$tmp/out" "$tmp/err")"
done
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bktw" --root "$w" \
    "$w/Windows/System32/config/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'one hive given twice' "$tmp/err" &&
    [ "$(sums "$w")" = "$(cat "$w/Windows/System32/config/SYSTEM.orig" \
    "$w/Windows/System32/config/SOFTWARE.orig" "$a.orig" \
    "$w/Users/bob/NTUSER.DAT.orig" | cksum)" ] && [ ! -e "$tmp/bktw" ] &&
    ok "repair --root with its own SYSTEM given again: refused, nothing \
written" || not_ok "repair --root plus SYSTEM: exit $st" "$(cat "$tmp/err")"

# --- every hive is checked before any is written ---
# A read-only SOFTWARE used to be found after SYSTEM was repaired.
v=$tmp/checkfirst
machine "$v"
for h in $(hives "$v"); do cp "$h" "$h.orig"; done
s0=$(sums "$v")
chmod 444 "$v/Windows/System32/config/SOFTWARE"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkv" --root "$v"
[ "$st" -eq 2 ] && [ "$(sums "$v")" = "$s0" ] && [ ! -e "$tmp/bkv" ] &&
    grep -q 'SOFTWARE is read-only' "$tmp/err" &&
    grep -q '^left unchanged: .*SOFTWARE (failed' "$tmp/out" &&
    grep -q '^left unchanged: .*SYSTEM (checked, not written' "$tmp/out" &&
    grep -q '^left unchanged: .*alice/NTUSER.DAT (checked, not written' \
    "$tmp/out" && ! grep -q '^repaired:\|^undo file:' "$tmp/out" &&
    ok "SYSTEM and a read-only SOFTWARE: nothing written (SYSTEM \
byte-identical, no backup, no undo file), SOFTWARE named as read-only" ||
    not_ok "read-only SOFTWARE: exit $st" "$(cat "$tmp/out" "$tmp/err")"
chmod 444 "$v/Users/alice/NTUSER.DAT"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkv" --root "$v"
[ "$st" -eq 2 ] && [ "$(sums "$v")" = "$s0" ] &&
    grep -q 'SOFTWARE is read-only' "$tmp/err" &&
    grep -q 'alice/NTUSER.DAT is read-only' "$tmp/err" &&
    grep -q '^left unchanged: .*alice/NTUSER.DAT (failed' "$tmp/out" &&
    ok "two hives fail their checks: both are named, nothing is written" ||
    not_ok "two read-only hives: exit $st" "$(cat "$tmp/out" "$tmp/err")"
chmod 644 "$v/Windows/System32/config/SOFTWARE" "$v/Users/alice/NTUSER.DAT"
# The checks after the lock, and the backups, come before any write too.
n=0
for fault in reread@SOFTWARE backup@SOFTWARE backup@NTUSER; do
	n=$((n + 1))	# the backup folder's name must not match the fault
	SPOOLFIX_TEST_FAULT=$fault run "$SPOOLFIX" repair --yes \
	    --backup-dir "$tmp/bkv-$n" --root "$v"
	[ "$st" -eq 2 ] && [ "$(sums "$v")" = "$s0" ] &&
	    grep -q '^left unchanged: .*SYSTEM (checked, not written' \
	    "$tmp/out" && [ ! -e "$tmp/bkv-$n/undo.reg" ] &&
	    ok "a failure at '$fault': no hive written, no undo file" ||
	    not_ok "$fault: exit $st" "$(cat "$tmp/out" "$tmp/err")"
done
# A folder the second hive cannot be written in: as root, drop to an
# unprivileged user (the lock file cannot be created there).
if [ "$(id -u)" -ne 0 ] || command -v setpriv > /dev/null 2>&1; then
	u=$tmp/rofolder
	hive "$u/a/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
	hive "$u/b/SOFTWARE" $B/software.hreg $S/software-faults.hreg </dev/null
	cp "$u/a/SYSTEM" "$u/SYSTEM.orig"
	as=
	if [ "$(id -u)" -eq 0 ]; then
		as="setpriv --reuid=65534 --regid=65534 --clear-groups"
		chmod 755 "$tmp"
		chmod -R a+rX "$u" "$top/rules" 2>/dev/null
		chmod 777 "$u/a" "$u"
		chmod 666 "$u/a/SYSTEM" "$u/b/SOFTWARE"	# only the folder is not
	fi
	chmod 555 "$u/b"
	st=0
	$as "$SPOOLFIX" repair --yes --backup-dir "$u/bk" "$u/a/SYSTEM" \
	    "$u/b/SOFTWARE" > "$tmp/out" 2> "$tmp/err" || st=$?
	[ "$st" -eq 2 ] && cmp -s "$u/a/SYSTEM" "$u/SYSTEM.orig" &&
	    grep -q 'b/SOFTWARE' "$tmp/err" && [ ! -e "$u/bk" ] &&
	    ok "SYSTEM and a SOFTWARE in a read-only folder: nothing written" ||
	    not_ok "read-only folder of the second hive: exit $st" \
	    "$(cat "$tmp/out" "$tmp/err")"
	# A lock file left there (writable by all): the lock is taken, and
	# the folder itself is checked.
	chmod 755 "$u/b"
	: > "$u/b/SOFTWARE.spoolfix.lock"
	chmod 666 "$u/b/SOFTWARE.spoolfix.lock"
	chmod 555 "$u/b"
	st=0
	$as "$SPOOLFIX" repair --yes --backup-dir "$u/bk" "$u/a/SYSTEM" \
	    "$u/b/SOFTWARE" > "$tmp/out" 2> "$tmp/err" || st=$?
	[ "$st" -eq 2 ] && cmp -s "$u/a/SYSTEM" "$u/SYSTEM.orig" &&
	    grep -q 'its folder .*b is read-only' "$tmp/err" && [ ! -e "$u/bk" ] &&
	    ok "the second hive's folder is read-only (its lock file is not): \
nothing written, the folder named" ||
	    not_ok "read-only folder with a lock file: exit $st" \
	    "$(cat "$tmp/out" "$tmp/err")"
	chmod 755 "$u/b"
else
	skip "read-only folder of the second hive" "running as root without setpriv"
fi
# What can only fail while writing still stops at that hive, and the
# report and undo file say exactly what was applied.
SPOOLFIX_TEST_FAULT=rename@SOFTWARE run "$SPOOLFIX" repair --yes \
    --backup-dir "$tmp/bkv2" --root "$v"
iconv -f UTF-16LE -t UTF-8 "$tmp/bkv2/undo.reg" > "$tmp/vu" 2>/dev/null
[ "$st" -eq 2 ] && grep -q '^repaired: .*SYSTEM' "$tmp/out" &&
    grep -q '^left unchanged: .*SOFTWARE (failed' "$tmp/out" &&
    grep -q '^left unchanged: .*alice/NTUSER.DAT (not attempted' "$tmp/out" &&
    cmp -s "$v/Windows/System32/config/SOFTWARE" \
    "$v/Windows/System32/config/SOFTWARE.orig" &&
    cmp -s "$v/Users/alice/NTUSER.DAT" "$v/Users/alice/NTUSER.DAT.orig" &&
    grep -q 'HKEY_LOCAL_MACHINE\\SYSTEM' "$tmp/vu" &&
    ! grep -q 'HKEY_LOCAL_MACHINE\\SOFTWARE\|HKEY_USERS' "$tmp/vu" &&
    ok "a rename failure of the second hive: SYSTEM repaired, the rest \
unchanged, the undo file covers SYSTEM only" ||
    not_ok "rename@SOFTWARE: exit $st" "$(cat "$tmp/out" "$tmp/err")"

# --- every step fails in turn: the original stays byte-identical ---
f=$tmp/fault
machine "$f"
s0=$(cksum < "$f/Windows/System32/config/SYSTEM")
for step in lock reread backup undo prepare open apply commit sync verify \
    rename; do
	SPOOLFIX_TEST_FAULT=$step run "$SPOOLFIX" repair --yes \
	    --backup-dir "$tmp/bkf-$step" "$f/Windows/System32/config/SYSTEM"
	if [ "$st" -eq 2 ] && [ "$(cksum < "$f/Windows/System32/config/SYSTEM")" = "$s0" ] &&
	    ! ls "$f/Windows/System32/config/".SYSTEM.spoolfix-new.* >/dev/null 2>&1
	then
		ok "a failure at step '$step': exit 2, original byte-identical, \
no temporary file left"
	else
		not_ok "failure at $step: exit $st" "$(cat "$tmp/err")"
	fi
done
SPOOLFIX_TEST_FAULT=commit run "$SPOOLFIX" repair --yes --backup-dir \
    "$tmp/bkf-enospc" "$f/Windows/System32/config/SYSTEM"
grep -q 'No space left on device' "$tmp/err" && grep -q 'free space' \
    "$tmp/err" && ok "disk full (injected ENOSPC): the message says so and \
what to do" || not_ok "ENOSPC message" "$(cat "$tmp/err")"

# --- a real full disk, where a small tmpfs can be mounted ---
t=$tmp/tmpfs
mkdir -p "$t"
if mount -t tmpfs -o size=48k tmpfs "$t" 2>/dev/null; then
	hive "$t/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
	cp "$t/SYSTEM" "$tmp/tmpfs.orig"
	dd if=/dev/zero of="$t/fill" bs=1k count=20 2>/dev/null
	run "$SPOOLFIX" repair --yes --backup-dir "$t/bk" "$t/SYSTEM"
	[ "$st" -eq 2 ] && cmp -s "$t/SYSTEM" "$tmp/tmpfs.orig" &&
	    ok "a really full file system: exit 2, original untouched" ||
	    not_ok "tmpfs full exit $st" "$(cat "$tmp/err")"
	umount "$t"
else
	skip "repair on a really full tmpfs" "mounting a tmpfs is not allowed here (injected ENOSPC is tested above)"
fi

# --- read-only file and read-only folder ---
r=$tmp/ro
hive "$r/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
cp "$r/SYSTEM" "$r/SYSTEM.orig"
chmod 444 "$r/SYSTEM"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkr" "$r/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'is read-only' "$tmp/err" && cmp -s "$r/SYSTEM" \
    "$r/SYSTEM.orig" && ok "a read-only hive: refused, exit 2, untouched" ||
    not_ok "read-only file $st" "$(cat "$tmp/err")"
chmod 644 "$r/SYSTEM"
# A read-only folder: as root, drop to an unprivileged user to test it.
chmod 555 "$r"
as_user=
if [ "$(id -u)" -eq 0 ] && command -v setpriv > /dev/null 2>&1; then
	as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 755 "$tmp"
	chmod -R a+rX "$r" "$top/rules" 2>/dev/null
fi
if [ "$(id -u)" -ne 0 ] || [ -n "$as_user" ]; then
	st=0
	$as_user "$SPOOLFIX" repair --yes --backup-dir /nonexistent/bk \
	    "$r/SYSTEM" > "$tmp/out" 2> "$tmp/err" || st=$?
	[ "$st" -eq 2 ] && grep -q 'Permission denied\|read-only\|cannot' \
	    "$tmp/err" && cmp -s "$r/SYSTEM" "$r/SYSTEM.orig" &&
	    ok "a read-only folder: a clear error, exit 2, hive untouched" ||
	    not_ok "read-only folder $st" "$(cat "$tmp/err")"
else
	skip "read-only folder" "running as root without setpriv"
fi
chmod 755 "$r"

# --- a held lock: a second repair of the same hive is refused ---
k=$tmp/lock
hive "$k/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
SPOOLFIX_TEST_DELAY_MS=400 "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkk1" \
    "$k/SYSTEM" > "$tmp/first.out" 2>&1 &
first=$!
sleep 1
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkk2" "$k/SYSTEM"
wait $first
fst=$?
[ "$st" -eq 2 ] && grep -q 'locked by another spoolfix repair' "$tmp/err" &&
    [ "$fst" -eq 1 ] && ok "a held lock: the second repair is refused, the \
first completes (exit 1: PP-002 has no automatic fix)" || not_ok "lock: second $st, first $fst" "$(cat "$tmp/err")"

# --- crash safety: killed with SIGKILL at 60 different moments ---
# One clock for every run, so that complete repairs are equal byte for
# byte (the writer stamps the keys it changes with the time).
SPOOLFIX_TEST_FILETIME=133000000000000000
export SPOOLFIX_TEST_FILETIME
c=$tmp/crash
hive "$c/ref/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
cp "$c/ref/SYSTEM" "$c/orig"
"$SPOOLFIX" repair --yes --backup-dir "$c/refbk" "$c/ref/SYSTEM" > /dev/null 2>&1
cp "$c/ref/SYSTEM" "$c/repaired"
# The kill moments spread over 1.2 times what one unkilled repair takes
# here (slower under sanitizers or load), so that some land before the
# commit point and some after, whatever the machine.
cp "$c/orig" "$c/timed"
t0=$(date +%s%N)
SPOOLFIX_TEST_DELAY_MS=25 "$SPOOLFIX" repair --yes --backup-dir \
    "$c/bktimed" "$c/timed" > /dev/null 2>&1
span=$(awk -v a="$t0" -v b="$(date +%s%N)" \
    'BEGIN { s = (b - a) / 1e9 * 1.2; printf "%.3f", s < 0.6 ? 0.6 : s }')
good=0 partial=0 o_n=0 r_n=0
i=0
while [ $i -lt 60 ]; do
	i=$((i + 1))
	rm -rf "$c/run"
	mkdir -p "$c/run"
	cp "$c/orig" "$c/run/SYSTEM"
	SPOOLFIX_TEST_DELAY_MS=25 "$SPOOLFIX" repair --yes --backup-dir \
	    "$c/bk$i" "$c/run/SYSTEM" > /dev/null 2>&1 &
	pid=$!
	# From span/60 to span: inside every step of the pipeline.
	sleep "$(awk -v i=$i -v s="$span" 'BEGIN { printf "%.3f", s * i / 60 }')"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	if cmp -s "$c/run/SYSTEM" "$c/orig"; then
		o_n=$((o_n + 1)) good=$((good + 1))
	elif cmp -s "$c/run/SYSTEM" "$c/repaired"; then
		r_n=$((r_n + 1)) good=$((good + 1))
	else
		partial=$((partial + 1))
	fi
done
[ "$partial" -eq 0 ] && ok "60 repairs killed at different moments: \
$o_n left the original, $r_n the complete repair, none partial" ||
    not_ok "$partial of 60 killed repairs left a partial hive"
[ "$o_n" -gt 0 ] && [ "$r_n" -gt 0 ] && ok "the kills landed both before \
and after the commit point (kills over ${span} s)" ||
    not_ok "kills all on one side ($o_n/$r_n, over ${span} s)"
# After a kill, the next repair cleans up and succeeds.
cp "$c/orig" "$c/run/SYSTEM"
run "$SPOOLFIX" repair --yes --backup-dir "$c/bkz" "$c/run/SYSTEM"
[ "$st" -eq 1 ] && cmp -s "$c/run/SYSTEM" "$c/repaired" &&
    ! ls "$c/run"/.SYSTEM.spoolfix-new.* > /dev/null 2>&1 &&
    ok "a repair after a killed one removes its leftovers and succeeds" ||
    not_ok "repair after kill $st"

# --- a real hive: regipy's Windows 7 SYSTEM (11.7 MB, ri lists, db
# values) with a bad LPR port added by hivexsh, repaired and undone ---
real=$top/../shared/corpus/regipy/SYSTEM.xz
if [ -f "$real" ] && command -v hivexsh > /dev/null 2>&1; then
	w=$tmp/real
	mkdir -p "$w"
	xz -dc "$real" > "$w/SYSTEM.clean"
	printf '%s\n' 'cd \ControlSet001\Control\Print\Monitors' \
	    'add LPR Port' 'cd LPR Port' 'setval 1' 'Driver' \
	    'string:lprmon.dll' 'add Ports' 'cd Ports' 'add bad,name:q' \
	    "commit $w/SYSTEM" > "$w/inject.hsh"
	hivexsh -w -f "$w/inject.hsh" "$w/SYSTEM.clean"
	cp "$w/SYSTEM" "$w/SYSTEM.faulty"
	run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bkreal" "$w/SYSTEM"
	run "$SPOOLFIX" scan --format jsonl "$w/SYSTEM"
	[ "$st" -le 1 ] && ! grep -q '"rule":"LPR-00' "$tmp/out" &&
	    logical "$w/SYSTEM.faulty" |
	    grep -v '/006200610064002c006e0061006d0065003a0071' > "$tmp/rf" &&
	    logical "$w/SYSTEM" > "$tmp/rr" && cmp -s "$tmp/rf" "$tmp/rr" &&
	    ok "a real SYSTEM hive: the injected bad port is deleted and \
nothing else changes" || not_ok "real hive repair" "$(cat "$tmp/err")"
	run "$SPOOLFIX" undo --backup-dir "$tmp/bkreal2" "$tmp/bkreal/undo.reg" \
	    "$w/SYSTEM"
	[ "$st" -eq 0 ] && same_logical "$w/SYSTEM" "$w/SYSTEM.faulty" &&
	    ok "a real SYSTEM hive: undo restores it, logically" ||
	    not_ok "real hive undo $st" "$(cat "$tmp/err")"
else
	skip "repair of a real SYSTEM hive" "the corpus or hivexsh is absent"
	skip "undo on a real SYSTEM hive" "the corpus or hivexsh is absent"
fi

# --- repair --dry-run over every corpus hive: never a crash ---
corpus=$top/../shared/corpus
if [ -d "$corpus" ]; then
	mkdir -p "$tmp/cp"
	n=0 bad=
	for f in $(cd "$corpus" && find . -type f | sort); do
		case $f in *LICENSE*|*README*|*.LOG*|*.log*) continue;; esac
		case $f in
		*.xz) g=$tmp/cp/$(echo "${f%.xz}" | tr '/' '_'); xz -dc "$corpus/$f" > "$g";;
		*) g=$corpus/$f;;
		esac
		run "$SPOOLFIX" repair --dry-run "$g"
		n=$((n + 1))
		if [ "$st" -ge 3 ] || grep -q 'Sanitizer\|runtime error' "$tmp/err"; then
			bad="$bad $f"
		fi
	done
	[ -z "$bad" ] && ok "repair --dry-run over $n corpus hives: no crash" ||
	    not_ok "repair --dry-run crashed on:$bad"
else
	skip "repair --dry-run over the corpus" "$corpus is absent"
fi
# --undo-file naming an existing file: refused before anything changes
# (it may be the only way back from an earlier repair).
u=$tmp/undofile
hive "$u/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
cp "$u/SYSTEM" "$u/orig"
echo "an earlier undo file" > "$u/undo.reg"
run "$SPOOLFIX" repair --yes --backup-dir "$u/bk" --undo-file "$u/undo.reg" \
    "$u/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'already exists' "$tmp/err" &&
    cmp -s "$u/SYSTEM" "$u/orig" &&
    [ "$(cat "$u/undo.reg")" = "an earlier undo file" ] &&
    ok "--undo-file naming an existing file: refused, nothing changed" ||
    not_ok "--undo-file existing: exit $st" "$(cat "$tmp/err")"
# --- a bloated hive, which scans unload and stream (hive.h, unload_ok) ---
# 3,000 LPR ports in 2 MB: every 10th lacks its Server Name (LPR-003),
# every 50th printer names a port that does not exist (PRN-005).  The
# findings are exactly those, the repair's plan finds every key where
# the scan found it (the kept keys), and undo brings the tree back.
bl=$tmp/bloat
mkdir -p "$bl"
awk -v ports=3000 -v devmode=256 -f tests/bench/bloated.awk |
    fixtures/mkhive -o "$bl/SYSTEM" -
cp "$bl/SYSTEM" "$bl/orig"
sz=$(wc -c < "$bl/SYSTEM")
[ "$sz" -ge 1048576 ] && ok "bloated hive: $sz bytes, past the unload size" ||
    not_ok "bloated hive: $sz bytes, under 1 MiB: nothing is unloaded"
run "$SPOOLFIX" scan --format jsonl "$bl/SYSTEM"
awk -f tests/jsonl.awk "$tmp/out" > "$bl/f.tsv"
# In the hive's list order, which is by name (hence sort -f).
awk -F'\t' '$1 == "LPR-003" { print $3 }' "$bl/f.tsv" > "$bl/got"
LC_ALL=C sort -f -c "$bl/got" 2>/dev/null &&
    ok "bloated hive: LPR-003 findings in the list's order" ||
    not_ok "bloated hive: LPR-003 findings not in the list's order"
awk 'BEGIN { for (i = 7; i < 3000; i += 10)
	printf "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\lpd%d:queue%d\n", i % 997, i }' | LC_ALL=C sort -f > "$bl/want"
cmp -s "$bl/got" "$bl/want" &&
    ok "bloated hive: LPR-003 at exactly the 300 ports without a Server Name" ||
    not_ok "bloated hive: LPR-003 keys differ" "$(diff "$bl/want" "$bl/got" | head -5)"
# Without SOFTWARE the ports set is incomplete: the 3 printers of
# missing ports are checked and skipped, one note (the set built ahead).
awk -F'\t' '$1 == "PRN-005" { print $2 "|" $6 }' "$bl/f.tsv" > "$bl/got"
[ "$(cat "$bl/got")" = "info|check skipped for 3 objects: the set 'ports' is incomplete: the SOFTWARE hive was not given" ] &&
    ok "bloated hive: PRN-005 skips the 3 printers of missing ports" ||
    not_ok "bloated hive: PRN-005" "$(cat "$bl/got")"
run "$SPOOLFIX" repair --yes --backup-dir "$bl/bk" "$bl/SYSTEM"
[ "$st" -eq 0 ] && grep -q '300 changes, verified' "$tmp/out" &&
    ok "bloated hive: 300 keys repaired and verified" ||
    not_ok "bloated hive: repair exit $st" "$(cat "$tmp/out" "$tmp/err" | tail -5)"
run "$SPOOLFIX" scan --format jsonl "$bl/SYSTEM"
grep -q '"LPR-003"' "$tmp/out" &&
    not_ok "bloated hive: LPR-003 still reported after the repair" ||
    ok "bloated hive: no LPR-003 after the repair"
run "$SPOOLFIX" undo --yes --backup-dir "$bl/bku" "$bl/bk/undo.reg" "$bl/SYSTEM"
[ "$st" -eq 0 ] && same_logical "$bl/SYSTEM" "$bl/orig" &&
    ok "bloated hive: undo gives back every key and value" ||
    not_ok "bloated hive: undo exit $st" "$(tail -3 "$tmp/err")"
t_done
