#!/bin/sh
# Runs every test group and ends with one line:
# "N passed, N failed, N skipped".  Each group is a program printing TAP
# ("ok N - ...", "not ok N - ...", "ok N # SKIP why"); a skipped test is
# counted as skipped, never as passed, and a group that dies without
# saying why counts as a failure.  Groups run in parallel (independent:
# each works in its own temporary folder), SPOOLFIX_TEST_JOBS at a time
# (default: the number of processors); their summaries are printed in
# the order named, with the time each took.  Output of each group is kept
# in tests/out/<group>.tap and .err.
#
#   sh tests/run.sh [GROUP ...]     e.g. sh tests/run.sh rules corpus
#   SPOOLFIX_REGEN=1 sh tests/run.sh regress corpus
#                                   regenerate golden files; the diff of
#                                   each changed file is printed
cd "$(dirname "$0")/.." || exit 2
top=$(pwd)
out=tests/out
rm -rf "$out"
mkdir -p "$out"

# Sanitizer reports must not pass for spoolfix's own exit statuses.
ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1:abort_on_error=0}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:exitcode=98:print_stacktrace=1}
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$top/tests/lsan.supp:print_suppressions=0}
LC_ALL=C.UTF-8
NO_COLOR=1
SPOOLFIX_RULES_DIR=$top/rules
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS LC_ALL NO_COLOR \
    SPOOLFIX_RULES_DIR

groups=${*:-"unit mkhive cli rules stream walk shortcuts regress hostile differential corpus repair undo dotreg logs escape alloc layout man install symbols compilers threads libapi fuzz-regress audit html schema windows winrepair"}
jobs=${SPOOLFIX_TEST_JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}

now() { date +%s.%N | cut -c1-14; }

# One group, in the background: TAP to .tap, stderr to .err, then its
# exit status and seconds taken to .done (the file the main loop waits for).
start_group() {	# name command...
	name=$1; shift
	(
		t0=$(now)
		"$@" > "$out/$name.tap" 2> "$out/$name.err"
		st=$?
		echo "$st $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')" \
		    > "$out/$name.done.tmp"
		mv "$out/$name.done.tmp" "$out/$name.done"
	) &
}

# The list of groups as "name command..." lines, unit tests expanded.
list=$out/.groups
: > "$list"
for g in $groups; do
	case $g in
	unit)
		for t in tests/unit/test_*; do
			case $t in *.c|*.h|*.d) continue;; esac
			echo "unit-$(basename "$t") ./$t" >> "$list"
		done;;
	mkhive)	echo "mkhive bash tests/mkhive-check.sh fixtures/mkhive" >> "$list";;
	*)	echo "$g sh tests/$g.sh" >> "$list";;
	esac
done

# Start up to $jobs groups, and another whenever one ends.
running=0
while read -r name cmd; do
	while [ "$running" -ge "$jobs" ]; do
		running=0
		while read -r n _; do
			[ -f "$out/$n.started" ] && [ ! -f "$out/$n.done" ] &&
			    running=$((running + 1))
		done < "$list"
		[ "$running" -ge "$jobs" ] && sleep 0.2
	done
	: > "$out/$name.started"
	# shellcheck disable=SC2086
	start_group "$name" $cmd
	running=$((running + 1))
done < "$list"
wait

passed=0 failed=0 skipped=0
while read -r name _; do
	read -r status secs < "$out/$name.done"
	rm -f "$out/$name.done" "$out/$name.started"
	all=$(grep -c '^ok ' "$out/$name.tap")
	s=$(grep -c '^ok .*# SKIP' "$out/$name.tap")
	p=$((all - s))
	f=$(grep -c '^not ok ' "$out/$name.tap")
	if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error:' \
	    "$out/$name.err" "$out/$name.tap"; then
		echo "not ok - $name: sanitizer report (see $out/$name.err)" \
		    >> "$out/$name.tap"
		f=$((f + 1))
	fi
	if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name: exited $status without a failing test" \
		    >> "$out/$name.tap"
		f=$((f + 1))
	fi
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
	printf '%-16s %5d passed, %d failed, %d skipped  %6ss\n' "$name" \
	    "$p" "$f" "$s" "$secs"
	# Each failure with its first detail lines ("#   ...", 300
	# characters of each): CI keeps only this summary, and a failure
	# must say why there.
	awk '/^not ok / { n = 0; show = 1; print "    " $0; next }
	    show && /^#/ && n < 12 { n++; print "    " substr($0, 1, 300); next }
	    { show = 0 }' "$out/$name.tap"
	grep '^ok .*# SKIP' "$out/$name.tap" | head -3 | sed 's/^/    /'
	# Regenerating golden files: show what changed, for review.
	[ -n "${SPOOLFIX_REGEN:-}" ] && grep '^#' "$out/$name.tap" |
	    sed 's/^/    /'
done < "$list"
rm -f "$list"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
