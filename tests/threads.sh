#!/bin/sh
# spoolfix.h promises that one rule set may be shared by threads that
# each scan their own machine.  tests/tools/threads scans two different
# machines in four threads, twenty times each, and compares every result
# with a scan made alone; then the same program and the library are
# built with ThreadSanitizer, which reports any data race.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base S=fixtures/sample
for m in a b; do
	hive "$tmp/$m/Windows/System32/config/SOFTWARE" $B/software.hreg \
	    $S/software-faults.hreg < /dev/null
	hive "$tmp/$m/Users/alice/NTUSER.DAT" $B/ntuser.hreg \
	    $S/ntuser-alice-faults.hreg < /dev/null
done
hive "$tmp/a/Windows/System32/config/SYSTEM" $B/system.hreg \
    $S/system-faults.hreg < /dev/null
# Machine b differs: a healthy SYSTEM, so its findings differ from a's.
hive "$tmp/b/Windows/System32/config/SYSTEM" $B/system.hreg < /dev/null

roots="$tmp/a $tmp/b $tmp/a $tmp/b"
run tests/tools/threads rules $roots
if no_crash "threads"; then
	[ "$st" -eq 0 ] && [ "$(grep -c '^ok' "$tmp/out")" -eq 4 ] &&
	    ok "4 threads, one rule set, 2 machines: every scan as alone" ||
	    not_ok "concurrent scans differ (exit $st)" "$(cat "$tmp/out" "$tmp/err")"
fi

# A scan whose walk is split between two threads (split.c) reports as
# one thread does.  split_check DESCRIPTION N SPLIT MIN RULES ROOTS...:
# tests/tools/threads -s with SPOOLFIX_TEST_SPLIT=MIN (and UNLOAD_ALL:
# small hives stream, as big ones do) must find each of the N machines'
# 20 scans equal to the scan made alone, and SPLIT of them split.
split_check() {
	sc_what=$1 sc_n=$2 sc_split=$3 sc_min=$4; shift 4
	run env SPOOLFIX_TEST_SPLIT="$sc_min" SPOOLFIX_TEST_UNLOAD_ALL=1 \
	    tests/tools/threads -s "$@"
	no_crash "$sc_what" || return
	[ "$st" -eq 0 ] && [ "$(grep -c "^ok .* 20 of 20 concurrent scans \
matched, $sc_split split\$" "$tmp/out")" -eq "$sc_n" ] &&
	    ok "$sc_what" ||
	    not_ok "$sc_what (exit $st)" "$(cat "$tmp/out" "$tmp/err")"
}
# Lists of 1 or more: every list of these small machines splits.
# shellcheck disable=SC2086
split_check "4 threads, each scan split in two: every scan as alone" \
    4 20 1 rules $roots
# Machine d has 1,000 LPR ports without a server name: findings of one
# rule on children of a split list, which both threads share out (two
# at a time under SPOOLFIX_TEST_SPLIT, each pair to the thread that asks
# first), and which must come in the list's order.  The lists above the
# ports have one subkey each: lists of 5 or more split at the ports.
mkdir -p "$tmp/d/Windows/System32/config"
{
	printf '!root ROOT\n[Select]\n"Current"=dword:00000001\n'
	i=0
	while [ $i -lt 1000 ]; do
		printf '[%s\\lpd%d:q]\n"Printer Name"="q"\n' \
		    'ControlSet001\Control\Print\Monitors\LPR Port\Ports' $i
		i=$((i + 1))
	done
} | "$MKHIVE" -o "$tmp/d/Windows/System32/config/SYSTEM" -
split_check "1,000 LPR ports shared out by two threads: findings in order" \
    2 20 5 rules "$tmp/d" "$tmp/d"
# A rule that uses up its step budget for the scan (cli.sh, issue 7):
# the budget counts over all objects, which two threads share out, so
# the split walk's result is not used and the scan is made again in one
# thread (none split), with the same notes and findings.
mkdir -p "$tmp/budget"
printers_hive "$tmp/c/Windows/System32/config/SYSTEM"
{
	printf 'rule X-001 {\n\ttitle "t"\n\tseverity error\n\trationale "r"\n'
	printf '\tscope key "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\*"\n\twhen '
	i=0; while [ $i -lt 20 ]; do printf 'all value ('; i=$((i + 1)); done
	printf 'name != "zz"'
	i=0; while [ $i -lt 20 ]; do printf ')'; i=$((i + 1)); done
	printf '\n}\nrule X-002 {\n\ttitle "t2"\n\tseverity warning\n'
	printf '\trationale "r"\n\tscope key "HKLM\\SYSTEM\\%s"\n' \
	    'CurrentControlSet\Control\Print\Printers\*'
	printf '\twhen has value "A"\n}\n'
} > "$tmp/budget/x.rules"
split_check "a rule over its budget: the scan is made again in one thread" \
    2 0 1 "$tmp/budget" "$tmp/c" "$tmp/c"

# ThreadSanitizer: the library's sources and the program, built apart.
cc=${TSAN_CC:-cc}
flags=$(pkg-config --cflags libregf libbfio 2>/dev/null)
libs=$(pkg-config --libs libregf libbfio 2>/dev/null)
if ! echo 'int main(void){return 0;}' > "$tmp/t.c" ||
    ! $cc -fsanitize=thread "$tmp/t.c" -o "$tmp/t" 2>/dev/null ||
    ! "$tmp/t" 2>/dev/null; then
	skip "threads under ThreadSanitizer" "$cc -fsanitize=thread does not build or run here"
else
	# The Makefile's POSIX sources: no other platform layer, no *_win32.c.
	# shellcheck disable=SC2086
	if $cc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread \
	    -pthread $flags -Ilib -o "$tmp/threads-tsan" tests/tools/threads.c \
	    $(ls lib/*/*.c | grep -v "platform_\|_win32\.c" ) \
	    lib/base/platform_posix.c $libs > "$tmp/build.err" 2>&1; then
		run env TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
		    "$tmp/threads-tsan" rules $roots
		[ "$st" -eq 0 ] && ! grep -q 'ThreadSanitizer' "$tmp/err" &&
		    ok "no data race under ThreadSanitizer" ||
		    not_ok "ThreadSanitizer: exit $st" "$(head -40 "$tmp/err")"
		# shellcheck disable=SC2086
		run env TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
		    SPOOLFIX_TEST_SPLIT=1 SPOOLFIX_TEST_UNLOAD_ALL=1 \
		    "$tmp/threads-tsan" -s rules $roots
		[ "$st" -eq 0 ] && ! grep -q 'ThreadSanitizer' "$tmp/err" &&
		    [ "$(grep -c ', 20 split$' "$tmp/out")" -eq 4 ] &&
		    ok "split walks: no data race under ThreadSanitizer" ||
		    not_ok "ThreadSanitizer, split walks: exit $st" \
		    "$(head -40 "$tmp/out" "$tmp/err")"
	else
		not_ok "cannot build the ThreadSanitizer test" \
		    "$(head -20 "$tmp/build.err")"
	fi
fi
t_done
