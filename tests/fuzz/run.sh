#!/bin/sh
# Runs each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS seconds
# (0: once over its seeds), from the seeds seeds.sh made, and fails on
# any crash, leak, timeout or out-of-memory.  An input that failed is
# left in tests/fuzz/work/artifacts/; keep it as a regression file with
#   cp tests/fuzz/work/artifacts/TARGET-crash-... tests/fuzz/regress/TARGET/
# and "make check" replays it from then on.  Run by "make fuzz".
#
#   sh tests/fuzz/run.sh SECONDS TARGET...
set -u
secs=${1:-0}; shift
w=tests/fuzz/work
b=tests/fuzz/build
mkdir -p "$w/artifacts"
status=0
export SPOOLFIX_RULES_DIR="${SPOOLFIX_RULES_DIR:-$(pwd)/rules}"
export SPOOLFIX_FUZZ_MACHINE="$(pwd)/$w/machine"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
for t in "$@"; do
	corpus=$w/corpus/$t
	mkdir -p "$corpus"
	case $t in
	hive|repair) len=1048576;;
	*) len=262144;;
	esac
	limit=-runs=0
	[ "$secs" -gt 0 ] && limit=-max_total_time=$secs
	log=$w/$t.log
	echo "== fuzz_$t: ${secs}s"
	"$b/fuzz_$t" "$limit" -timeout=25 -rss_limit_mb=2560 -max_len="$len" \
	    -print_final_stats=1 -artifact_prefix="$w/artifacts/$t-" \
	    "$corpus" "$w/seeds/$t" > "$log" 2>&1
	st=$?
	# The closing statistics: executions, coverage, peak memory.
	done_line=$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	echo "   ${execs:-?} executions; ${done_line#*DONE }; peak ${rss:-?} MB"
	if [ "$st" -ne 0 ] || grep -q 'ERROR: libFuzzer\|ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer' "$log"; then
		echo "FAIL: fuzz_$t (exit $st); see $log:"
		grep -m 5 'ERROR\|runtime error\|invariant\|Test unit written' "$log" | sed 's/^/   /'
		status=1
	fi
done
exit "$status"
