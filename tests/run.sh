#!/bin/sh
# Runs every test group and ends with one line: "N passed, N failed".
# Each group is a program printing TAP ("ok N - ...", "not ok N - ...",
# "ok N # SKIP why"); a group that dies without saying why counts as a
# failure.  Output of each group is kept in tests/out/<group>.tap.
#
#   sh tests/run.sh [GROUP ...]     e.g. sh tests/run.sh rules corpus
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

groups=${*:-"unit mkhive cli rules regress hostile differential corpus repair man escape"}
passed=0 failed=0 skipped=0

run_group() {	# name command...
	name=$1; shift
	"$@" > "$out/$name.tap" 2> "$out/$name.err"
	status=$?
	p=$(grep -c '^ok ' "$out/$name.tap")
	f=$(grep -c '^not ok ' "$out/$name.tap")
	s=$(grep -c '^ok .*# SKIP' "$out/$name.tap")
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
	printf '%-8s %5d passed, %d failed' "$name" "$p" "$f"
	[ "$s" -gt 0 ] && printf ' (%d skipped)' "$s"
	echo
	grep '^not ok ' "$out/$name.tap" | sed 's/^/    /'
	grep '^# SKIP\|^ok .*# SKIP' "$out/$name.tap" | head -3 | sed 's/^/    /'
}

for g in $groups; do
	case $g in
	unit)
		for t in tests/unit/test_*; do
			case $t in *.c|*.h|*.d) continue;; esac
			run_group "unit-$(basename "$t")" "./$t"
		done;;
	mkhive)	run_group mkhive bash tests/mkhive-check.sh fixtures/mkhive;;
	*)	run_group "$g" sh "tests/$g.sh";;
	esac
done
[ "$skipped" -gt 0 ] && echo "($skipped skipped: see the lines above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
