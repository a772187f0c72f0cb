#!/bin/sh
# Corrupt-input sweeps over hives built from the fixtures: thousands of
# damaged images scanned through the library (tests/tools/hostile.c),
# then a few through the command, which must exit 0, 1 or 2 with a
# message.  Together with the corpus pass this is the "hives are hostile"
# test: no input may crash, hang or be misreported.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base
S=fixtures/sample
hive "$tmp/SYSTEM" $B/system.hreg $S/system-faults.hreg < /dev/null
hive "$tmp/NTUSER.DAT" $B/ntuser.hreg $S/ntuser-alice-faults.hreg < /dev/null
# A hive with li/ri lists (the shape hivex cannot delete under) and big
# db values, so those list and data paths get damaged too.
awk 'BEGIN { print "!lists ri"; print "[Big]";
	print "\"blob\"=fill(3,40000):41";
	for (i = 0; i < 1200; i++) printf "[Many\\k%04d]\n\"v\"=dword:%08x\n", i, i }' |
    "$MKHIVE" -o "$tmp/ri" -
for h in SYSTEM NTUSER.DAT ri; do
	run tests/tools/hostile "$tmp/$h" rules "$tmp"
	cat "$tmp/out"
	if [ "$st" -ne 0 ]; then
		not_ok "hostile sweep of $h exited $st" "$(tail -5 "$tmp/err")"
	fi
done | while IFS= read -r l; do
	case $l in
	"ok - "*) ok "${l#ok - }";;
	"not ok - "*) not_ok "${l#not ok - }";;
	*) printf '%s\n' "$l";;
	esac
done > "$tmp/tap"
cat "$tmp/tap"
t_n=$(grep -c '^ok \|^not ok ' "$tmp/tap")
t_failed=$(grep -c '^not ok ' "$tmp/tap")

# Through the command: damaged files give 0, 1 or 2 and a message.
cp "$tmp/SYSTEM" "$tmp/cut"
dd if="$tmp/SYSTEM" of="$tmp/cut" bs=1 count=6000 2>/dev/null
run "$SPOOLFIX" scan "$tmp/cut"
no_crash "truncated SYSTEM" && [ "$st" -eq 2 ] && [ -s "$tmp/err" ] &&
    ok "spoolfix on a truncated hive: exit 2 with a message" ||
    not_ok "truncated hive exit $st"
head -c 4096 /dev/zero > "$tmp/zero"
run "$SPOOLFIX" scan "$tmp/zero"
no_crash "zero file" && [ "$st" -eq 2 ] &&
    grep -q 'not a registry hive' "$tmp/err" &&
    ok "spoolfix on zeros: exit 2, not a hive" || not_ok "zeros exit $st"
: > "$tmp/empty"
run "$SPOOLFIX" scan "$tmp/empty"
no_crash "empty file" && [ "$st" -eq 2 ] && ok "spoolfix on an empty file: exit 2" ||
    not_ok "empty exit $st"

# Only the base block and the hive bins it declares are read: a sparse
# 1 GiB file of zeros is refused after 4 KiB (it took 14 s and 1 GB), and
# a hive padded with 1 GiB is scanned in the memory of the bare hive.
# Bounds are relative to the bare hive's scan, so that sanitizer builds
# (large fixed overhead) pass too; reading the padding costs 1 GB.
measure() {	# measure COMMAND...: like run; $kb = peak KiB, $secs = time
	st=0
	/usr/bin/time -f '%M %e' -o "$tmp/time" "$@" > "$tmp/out" \
	    2> "$tmp/err" || st=$?
	# GNU time puts "Command exited with non-zero status" first.
	tail -1 "$tmp/time" > "$tmp/time.last"
	read -r kb secs < "$tmp/time.last"
}
cp "$tmp/NTUSER.DAT" "$tmp/bare"
cp "$tmp/bare" "$tmp/padded"
truncate -s +1G "$tmp/padded"
truncate -s 1G "$tmp/gig"
if [ ! -x /usr/bin/time ]; then
	skip "memory of a scan does not depend on padding" "no /usr/bin/time"
	run "$SPOOLFIX" scan "$tmp/gig"
else
	measure "$SPOOLFIX" scan --format json "$tmp/bare"
	bare_kb=$kb
	measure "$SPOOLFIX" scan "$tmp/gig"
	[ "$st" -le 2 ] && [ "$kb" -le $((bare_kb + 32768)) ] &&
	    ok "1 GiB of zeros: peak $kb KiB (bare hive: $bare_kb KiB)" ||
	    not_ok "1 GiB of zeros: peak $kb KiB, bare hive $bare_kb KiB"
	[ "$st" -le 2 ] && awk -v s="$secs" 'BEGIN { exit !(s < 10) }' &&
	    ok "1 GiB of zeros: refused in $secs s" ||
	    not_ok "1 GiB of zeros: refused after $secs s"
fi
no_crash "1 GiB of zeros" && [ "$st" -eq 2 ] &&
    grep -q 'not a registry hive' "$tmp/err" &&
    ok "1 GiB of zeros: exit 2, not a registry hive" ||
    not_ok "1 GiB of zeros: exit $st" "$(head -3 "$tmp/err")"
if [ -x /usr/bin/time ]; then
	measure "$SPOOLFIX" scan --format json "$tmp/padded"
	[ "$st" -le 2 ] && [ "$kb" -le $((bare_kb + 32768)) ] &&
	    ok "hive + 1 GiB padding: peak $kb KiB (bare hive: $bare_kb KiB)" ||
	    not_ok "hive + 1 GiB padding: peak $kb KiB, bare hive $bare_kb KiB"
else
	run "$SPOOLFIX" scan --format json "$tmp/padded"
fi
no_crash "hive + 1 GiB padding" && [ "$st" -le 1 ] &&
    jq -e '.inputs[0].trailing == 1073741824 and
	.inputs[0].size == 1073741824 + ('"$(wc -c < "$tmp/bare")"') and
	.inputs[0].corrupt == false and
	([.findings[] | select(.rule == "HIVE-006")] | length) == 1' \
	"$tmp/out" > /dev/null &&
    ok "hive + 1 GiB padding: read, trailing bytes reported (HIVE-006)" ||
    not_ok "hive + 1 GiB padding: exit $st" "$(head -c 600 "$tmp/out")" \
	"$(head -3 "$tmp/err")"

# Sibling order, checked ignoring case (regf_tree.c): seven subkeys in
# mixed case, which only a folding compare finds sorted, then the same
# hive with two entries of their list swapped.
hive "$tmp/order" $B/system.hreg <<'EOF'
[ControlSet002\Control\Print\Order\Alpha]
[ControlSet002\Control\Print\Order\beta]
[ControlSet002\Control\Print\Order\delta]
[ControlSet002\Control\Print\Order\Epsilon]
[ControlSet002\Control\Print\Order\Gamma]
[ControlSet002\Control\Print\Order\omega]
[ControlSet002\Control\Print\Order\Zeta]
EOF
python3 - "$tmp/order" "$tmp/swapped" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
at = [i for i in range(4100, len(d) - 4, 8)
      if d[i:i + 2] in (b'lf', b'lh') and d[i + 2:i + 4] == b'\x07\x00']
assert len(at) == 1, at
e = at[0] + 4
d[e + 8:e + 16], d[e + 16:e + 24] = d[e + 16:e + 24], d[e + 8:e + 16]
open(sys.argv[2], 'wb').write(d)
PY
run "$SPOOLFIX" scan --format json "$tmp/order"
no_crash "mixed-case siblings" && [ "$st" -le 1 ] &&
    ! grep -q 'not sorted' "$tmp/out" &&
    jq -e '.inputs[0].corrupt == false' "$tmp/out" > /dev/null &&
    ok "siblings sorted ignoring case: no damage found" ||
    not_ok "mixed-case siblings: exit $st" "$(grep -o \
	'[^"]*not sorted[^"]*' "$tmp/out" | head -3)"
run "$SPOOLFIX" scan --format json "$tmp/swapped"
no_crash "swapped siblings" && [ "$st" -le 1 ] &&
    grep -q 'is not sorted' "$tmp/out" &&
    jq -e '.inputs[0].corrupt == true' "$tmp/out" > /dev/null &&
    ok "two siblings swapped: the list is reported not sorted" ||
    not_ok "swapped siblings: exit $st" "$(head -c 600 "$tmp/out")"
t_done
