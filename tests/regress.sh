#!/bin/sh
# Golden outputs: the sample machine (fixtures/base + fixtures/sample)
# scanned in every format, compared byte for byte with tests/regress/.
# Paths are relative so the files do not depend on where tests run.
# After an intended change, regenerate with:
#     SPOOLFIX_REGEN=1 sh tests/regress.sh   (then review the diff)
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=$top/fixtures/base
S=$top/fixtures/sample
cd "$tmp" || exit 2
hive machine/Windows/System32/config/SYSTEM $B/system.hreg $S/system-faults.hreg </dev/null
hive machine/Windows/System32/config/SOFTWARE $B/software.hreg $S/software-faults.hreg </dev/null
hive machine/Users/alice/NTUSER.DAT $B/ntuser.hreg $S/ntuser-alice-faults.hreg </dev/null
hive machine/Users/bob/NTUSER.DAT $B/ntuser.hreg </dev/null
hive healthy/SYSTEM $B/system.hreg </dev/null
hive healthy/SOFTWARE $B/software.hreg </dev/null

golden() {	# golden NAME EXPECTED-STATUS ARGS...
	name=$1 want=$2; shift 2
	run "$SPOOLFIX" "$@"
	if [ -n "${SPOOLFIX_REGEN:-}" ]; then
		regen "$tmp/out" "$top/tests/regress/$name"
		return
	fi
	if [ "$st" -ne "$want" ]; then
		not_ok "$name: exit $st, want $want" "$(cat "$tmp/err")"
	elif diff -u "$top/tests/regress/$name" "$tmp/out" > "$tmp/diff"; then
		ok "$name matches"
	else
		not_ok "$name differs from tests/regress/$name" \
		    "$(head -40 "$tmp/diff")"
	fi
}

golden sample.txt 1 scan --root machine
golden sample.json 1 scan --format json --root machine
golden sample.jsonl 1 scan --format jsonl --root machine
golden sample.csv 1 scan --format csv --root machine
golden sample-all-control-sets.txt 1 scan --all-control-sets --root machine
golden healthy.txt 0 scan healthy/SYSTEM healthy/SOFTWARE
golden healthy.json 0 scan --format json healthy/SYSTEM healthy/SOFTWARE
golden rules-list.txt 0 rules list

# Error messages are part of the contract where people and scripts act on
# them: what failed, where, and what to do.  Their whole text (stderr) is
# compared, with the exit status.  "quiet": a refused command line, whose
# stdout must stay empty; "report": an unreadable input, which the scan
# still reports (HIVE-003) on stdout.
golden_err() {	# golden_err NAME EXPECTED-STATUS quiet|report ARGS...
	name=$1 want=$2 mode=$3; shift 3
	run "$SPOOLFIX" "$@"
	if [ -n "${SPOOLFIX_REGEN:-}" ]; then
		regen "$tmp/err" "$top/tests/regress/$name"
		return
	fi
	if [ "$st" -ne "$want" ]; then
		not_ok "$name: exit $st, want $want" "$(cat "$tmp/err")"
	elif [ "$mode" = quiet ] && [ -s "$tmp/out" ]; then
		not_ok "$name: an error printed to stdout" "$(head -5 "$tmp/out")"
	elif diff -u "$top/tests/regress/$name" "$tmp/err" > "$tmp/diff"; then
		ok "$name matches"
	else
		not_ok "$name differs from tests/regress/$name" \
		    "$(head -40 "$tmp/diff")"
	fi
}
head -c 4096 /dev/zero > zeros
head -c 6000 machine/Windows/System32/config/SYSTEM > cut
golden_err err-missing.txt 2 report scan no/such/SYSTEM
golden_err err-not-a-hive.txt 2 report scan zeros
golden_err err-truncated.txt 2 report scan cut
golden_err err-twice.txt 2 quiet scan healthy/SYSTEM ./healthy/SYSTEM
golden_err err-unknown-rule.txt 2 quiet scan --disable NOPE-001 healthy/SYSTEM
golden_err err-bad-option.txt 2 quiet scan --bogus healthy/SYSTEM
golden_err err-repair-no-yes.txt 2 quiet repair --root machine < /dev/null
t_done
