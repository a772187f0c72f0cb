#!/bin/sh
# Replays every input that once crashed, hung or broke an invariant of a
# fuzz target (tests/fuzz/regress/TARGET/*), through the same target code
# linked with a plain driver instead of libFuzzer (tests/fuzz/replay.c),
# so "make check" and its sanitizer run catch a regression without
# clang's libFuzzer.  "make fuzz" finds new ones; see tests/fuzz/README.md.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2

# The targets that scan or undo need the sample machine.
m=$tmp/machine
cfg=$m/Windows/System32/config
hive "$cfg/SYSTEM" fixtures/base/system.hreg fixtures/sample/system-faults.hreg \
    < /dev/null
hive "$cfg/SOFTWARE" fixtures/base/software.hreg \
    fixtures/sample/software-faults.hreg < /dev/null
hive "$m/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
    fixtures/sample/ntuser-alice-faults.hreg < /dev/null
export SPOOLFIX_FUZZ_MACHINE="$m" SPOOLFIX_FUZZ_TMP="$tmp"

for t in hive repair rules reg undo dotreg regex; do
	bin=tests/fuzz/fuzz_$t-replay
	if [ ! -x "$bin" ]; then
		not_ok "fuzz_$t: $bin is not built (make all builds it)"
		continue
	fi
	n=0
	for f in tests/fuzz/regress/$t/*; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		run timeout 120 "$bin" "$f"
		if no_crash "fuzz_$t replays $(basename "$f")" &&
		    [ "$st" -eq 0 ] && grep -q '^ok - ' "$tmp/out"; then
			ok "fuzz_$t replays $(basename "$f")"
		elif [ "$st" -lt 3 ]; then
			not_ok "fuzz_$t replays $(basename "$f"): exit $st" \
			    "$(head -c 600 "$tmp/out")" "$(head -c 600 "$tmp/err")"
		fi
	done
	[ "$n" -gt 0 ] || skip "fuzz_$t" "no regression inputs kept yet"
done
t_done
