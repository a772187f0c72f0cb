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
t_done
