#!/bin/sh
# Out of memory, one allocation at a time.  tests/shim/failalloc.so
# (LD_PRELOAD) makes the Nth allocation of the process fail (spoolfix's,
# libregf's or libc's), for N = 1, 2, ... up to what the command makes
# without it.  Whatever fails, a command must either give the very
# answer it gives with enough memory, or stop with exit 2 and say it ran
# out of memory: never a crash, a report missing findings, a finding
# with part of its text, a misleading diagnosis ("damaged", "not found",
# a syntax error) or, for repair and undo, a hive other than the
# original or the correct result.
#
# The scans and the rule commands fail every allocation in turn; repair,
# undo, recover and audit (thousands of allocations each) every
# ALLOC_STRIDE-th (default: about 300 runs each), ALLOC_STRIDE=1 for all
# of them.
# ALLOC_ONLY='pattern' runs only the sweeps whose names match it (a
# shell pattern: ALLOC_ONLY='repair*').
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
SHIM=$top/tests/shim/failalloc.so

if grep -q fsanitize "$top/.build-flags" 2>/dev/null; then
	skip "allocation failures" "a sanitizer build: its allocator replaces malloc, and the injector cannot come first"
	t_done
	exit
fi
if [ ! -f "$SHIM" ]; then
	not_ok "allocation failures" "$SHIM is not built (make all builds it)"
	t_done
	exit
fi

sample_machine "$tmp/m"
# Written hives compare byte for byte with a fixed clock.
SPOOLFIX_TEST_FILETIME=133000000000000000
export SPOOLFIX_TEST_FILETIME

# with N CMD...: CMD with allocation N failing (0: none, counting them
# into $tmp/count); stdout, stderr and status to $tmp/o, $tmp/e, $rc.
with() {
	w_n=$1; shift
	if [ "$w_n" -eq 0 ]; then
		FAILALLOC_COUNT=$tmp/count LD_PRELOAD=$SHIM "$@" > "$tmp/o" \
		    2> "$tmp/e"
	else
		FAILALLOC_AT=$w_n LD_PRELOAD=$SHIM "$@" > "$tmp/o" 2> "$tmp/e"
	fi
	rc=$?
	# What differs from run to run (an audit's run ID, time, seconds).
	if [ -n "${norm:-}" ]; then
		sed "$norm" "$tmp/o" > "$tmp/o.n" && mv "$tmp/o.n" "$tmp/o"
	fi
}

# Exit 2, "out of memory" on stderr, and nothing else there but its
# advice and that nothing was changed: no other diagnosis.
said_oom() {
	[ "$rc" -eq 2 ] && grep -q 'out of memory' "$tmp/e" &&
	    ! grep -v -i -e 'memory' -e 'nothing was changed' "$tmp/e" |
	    grep -q .
}

# The answer of the run without failure.
same_as_ref() {
	[ "$rc" -eq "$ref_rc" ] && cmp -s "$tmp/o" "$tmp/ref.o" &&
	    cmp -s "$tmp/e" "$tmp/ref.e"
}

# sweep DESCRIPTION STRIDE SETUP JUDGE CMD...: runs SETUP (a function,
# or :) before each run, then CMD with allocation 1, 1+STRIDE, ...
# failing, and JUDGE (a function: 0 when the outcome is acceptable,
# else why in $why).  One TAP line for the whole sweep.
sweep() {
	s_what=$1 s_step=$2 s_setup=$3 s_judge=$4; shift 4
	case $s_what in
	${ALLOC_ONLY:-*}) ;;
	*) return;;
	esac
	$s_setup
	with 0 "$@"
	ref_rc=$rc
	cp "$tmp/o" "$tmp/ref.o"
	cp "$tmp/e" "$tmp/ref.e"
	s_count=$(cat "$tmp/count" 2>/dev/null || echo 0)
	s_bad="" s_nbad=0 s_runs=0 n=1 s_t0=$(date +%s)
	while [ "$n" -le "$s_count" ]; do
		$s_setup
		with "$n" "$@"
		s_runs=$((s_runs + 1))
		why=""
		if [ "$rc" -ge 128 ]; then
			why="crashed (exit $rc)"
		elif ! $s_judge; then
			:
		else
			n=$((n + s_step))
			continue
		fi
		s_nbad=$((s_nbad + 1))
		[ "$s_nbad" -le 4 ] && s_bad="$s_bad|allocation $n: ${why:-exit $rc}: $(head -c 240 "$tmp/e" | tr '\n' ' ')"
		n=$((n + s_step))
	done
	if [ "$s_count" -lt 100 ]; then
		not_ok "$s_what: only $s_count allocations counted" \
		    "$(head -c 400 "$tmp/ref.e")"
	elif [ "$s_nbad" -eq 0 ]; then
		ok "$s_what: $s_runs of $s_count allocations failed in turn, each the same answer or 'out of memory' ($(($(date +%s) - s_t0)) s)"
	else
		old_ifs=$IFS; IFS='|'
		# shellcheck disable=SC2086
		not_ok "$s_what: $s_nbad of $s_runs runs wrong" $s_bad
		IFS=$old_ifs
	fi
}

judge_plain() {
	same_as_ref && return 0
	said_oom && return 0
	why="neither the same answer nor 'out of memory'"
	return 1
}

# Nagios owns stdout: a check that could not read everything is
# UNKNOWN there (with what it could read, or "out of memory"), or, before
# its line can be built (reading the command line) or when it could not
# be built whole, out of memory is said on stderr.
judge_monitor() {
	same_as_ref && return 0
	grep -q '^SPOOLFIX UNKNOWN - ' "$tmp/o" && [ "$rc" -eq 3 ] &&
	    return 0
	said_oom && return 0
	why="neither the same answer nor 'out of memory' in its line"
	return 1
}

# A site's own rule, with a set, a message placeholder and a pattern.
cat > "$tmp/site.rules" <<'EOF'
language 1

rule SITE-001 {
	title "LPR port of a retired print server"
	severity warning
	rationale "The site's old print server is gone."
	scope key "HKLM\SYSTEM\CurrentControlSet\Control\Print\Monitors\LPR Port\Ports\*"
	when name matches /^(unixhost|oldsrv):/i and name in set ports
		and not value "Server Name" starts-with "unix"
	message "port {name} (server {value:Server Name})"
}
EOF

# Every allocation of a scan of the machine and of two hive files (no
# SOFTWARE: sets incomplete, checks skipped); the other formats take
# over after the scan (their own output), so every fourth suffices.
sweep "scan" 1 : judge_plain "$SPOOLFIX" scan --root "$tmp/m"
for f in json csv; do
	sweep "scan --format $f" 4 : judge_plain \
	    "$SPOOLFIX" scan --format "$f" --root "$tmp/m"
done
sweep "scan --format nagios" 4 : judge_monitor \
    "$SPOOLFIX" scan --format nagios --root "$tmp/m"
# The same machine's walk split between two threads (split.c), in any
# order the threads allocate in: a failure in the second thread makes
# the scan again in one (the same answer), in the first 'out of memory'.
SPOOLFIX_TEST_SPLIT=2 SPOOLFIX_TEST_UNLOAD_ALL=1
export SPOOLFIX_TEST_SPLIT SPOOLFIX_TEST_UNLOAD_ALL
sweep "scan split in two threads" 2 : judge_plain \
    "$SPOOLFIX" scan --root "$tmp/m"
unset SPOOLFIX_TEST_SPLIT SPOOLFIX_TEST_UNLOAD_ALL
sweep "scan of hive files" 1 : judge_plain \
    "$SPOOLFIX" scan "$tmp/m/Windows/System32/config/SYSTEM" \
    "$tmp/m/Users/alice/NTUSER.DAT"
sweep "scan with --disable and --site" 4 : judge_plain \
    "$SPOOLFIX" scan --disable LPR-001,CON-001 --site "$tmp/site.rules" \
    --root "$tmp/m"
sweep "rules lint" 1 : judge_plain "$SPOOLFIX" rules lint \
    --no-default-rules rules/*.rules "$tmp/site.rules"
sweep "rules list" 2 : judge_plain "$SPOOLFIX" rules list
sweep "rules show" 2 : judge_plain "$SPOOLFIX" rules show LPR-001

# --- repair and undo: the hives are the original or the right result ----
hives="Windows/System32/config/SYSTEM Windows/System32/config/SOFTWARE
Users/alice/NTUSER.DAT Users/bob/NTUSER.DAT"
cp -R "$tmp/m" "$tmp/orig"
"$SPOOLFIX" repair --yes --root "$tmp/m" --backup-dir "$tmp/good.bk" \
    > /dev/null 2>&1
cp -R "$tmp/m" "$tmp/repaired"
cp "$tmp/good.bk/undo.reg" "$tmp/undo.reg"
"$SPOOLFIX" undo --yes --backup-dir "$tmp/undo.bk" "$tmp/undo.reg" \
    --root "$tmp/m" > /dev/null 2>&1
cp -R "$tmp/m" "$tmp/undone"

# judge_files BEFORE AFTER: each hive of $tmp/w is BEFORE's or AFTER's,
# nothing else is left beside them, and a run that did not say it failed
# has written every one.
judge_files() {
	jf_written=0 jf_all=1
	for h in $hives; do
		if cmp -s "$tmp/w/$h" "$tmp/$2/$h"; then
			cmp -s "$tmp/$1/$h" "$tmp/$2/$h" ||
			    jf_written=$((jf_written + 1))
		elif cmp -s "$tmp/w/$h" "$tmp/$1/$h"; then
			jf_all=0
		else
			why="$h is neither the original nor the right result"
			return 1
		fi
	done
	for d in Windows/System32/config Users/alice Users/bob; do
		if ls -A "$tmp/w/$d" | grep -v -x -e SYSTEM -e SOFTWARE \
		    -e NTUSER.DAT | grep -q .; then
			why="left in $d: $(ls -A "$tmp/w/$d" | tr '\n' ' ')"
			return 1
		fi
	done
	if [ "$rc" -ne 2 ] && [ "$jf_all" -eq 0 ]; then
		why="exit $rc, but not every hive was written"
		return 1
	fi
	[ "$rc" -eq 2 ] && ! said_oom && {
		why="failed without saying it ran out of memory"
		return 1
	}
	return 0
}
judge_repair() { judge_files orig repaired; }
judge_undo() { judge_files repaired undone; }
fresh() {	# the machine to change, and no backups yet
	rm -rf "$tmp/w" "$tmp/bk"
	cp -R "$tmp/$fresh_from" "$tmp/w"
}

# About 300 runs each: the whole of each would take minutes.
count_of() {	# count_of CMD...: the allocations CMD makes
	fresh
	with 0 "$@"
	cat "$tmp/count"
}
fresh_from=orig
c=$(count_of "$SPOOLFIX" repair --yes --root "$tmp/w" --backup-dir "$tmp/bk")
sweep "repair" "${ALLOC_STRIDE:-$((c / 300 + 1))}" fresh judge_repair \
    "$SPOOLFIX" repair --yes --root "$tmp/w" --backup-dir "$tmp/bk"
fresh_from=repaired
c=$(count_of "$SPOOLFIX" undo --yes --backup-dir "$tmp/bk" "$tmp/undo.reg" \
    --root "$tmp/w")
sweep "undo" "${ALLOC_STRIDE:-$((c / 300 + 1))}" fresh judge_undo \
    "$SPOOLFIX" undo --yes --backup-dir "$tmp/bk" "$tmp/undo.reg" \
    --root "$tmp/w"
fresh_from=orig
sweep "repair --dry-run" "${ALLOC_STRIDE:-9}" fresh judge_plain \
    "$SPOOLFIX" repair --dry-run --root "$tmp/w" --backup-dir "$tmp/bk"

# --- a dirty hive: its log read, replayed, and written out by recover ---
# Out of memory while finding or reading the log was taken for "no
# usable log": the hive was read without the faults its log holds.
d=$tmp/dirty
hive "$d/SYSTEM" fixtures/base/system.hreg < /dev/null
hive "$d/new/SYSTEM" fixtures/base/system.hreg \
    fixtures/sample/system-faults.hreg < /dev/null
"$top/tests/tools/mklog" "$d/SYSTEM" "$d/new/SYSTEM" "$d/SYSTEM.LOG1"
: > "$d/SYSTEM.LOG2"
rm -rf "$d/new"
cp -R "$d" "$tmp/dirty.orig"
sweep "scan of a dirty hive with its log" 1 : judge_plain \
    "$SPOOLFIX" scan "$d/SYSTEM"
# recover -o: the output is the recovered hive or absent (exit 2, out of
# memory: or there, whole, if only the report's text was lost), and the
# hive and its logs are untouched, with nothing left beside them.
"$SPOOLFIX" recover -o "$tmp/recovered" "$d/SYSTEM" > /dev/null 2>&1
rec_clear() { rm -f "$tmp/rec"; }
judge_recover() {
	if ! diff -r "$d" "$tmp/dirty.orig" > /dev/null; then
		why="the hive, its logs or their folder changed"
		return 1
	fi
	if [ -e "$tmp/rec" ] && ! cmp -s "$tmp/rec" "$tmp/recovered"; then
		why="the output is not the recovered hive"
		return 1
	fi
	if [ "$rc" -ne 2 ] && [ ! -e "$tmp/rec" ]; then
		why="exit $rc without the output"
		return 1
	fi
	judge_plain
}
c=$(with 0 "$SPOOLFIX" recover -o "$tmp/rec" "$d/SYSTEM"; cat "$tmp/count")
rm -f "$tmp/rec"
sweep "recover" "${ALLOC_STRIDE:-$((c / 300 + 1))}" rec_clear \
    judge_recover "$SPOOLFIX" recover -o "$tmp/rec" "$d/SYSTEM"

# --- audit: a host lost to memory is said, never dropped in silence ---
# Three hosts (one worker, so that every run allocates in one order),
# two of them with the same computer name.  A run may also report a
# host unreadable for want of memory (exit 2, "reason":"out of memory"
# in its record, or in --hosts-csv for CSV).
for h in h1 h2 h3; do
	mkdir -p "$tmp/fleet/$h"
	cp -R "$tmp/orig/Windows" "$tmp/orig/Users" "$tmp/fleet/$h/"
done
judge_audit() {
	same_as_ref && return 0
	said_oom && return 0
	if [ "$rc" -eq 2 ] && [ ! -s "$tmp/e" ] &&
	    { grep -q '"reason":"out of memory"' "$tmp/o" ||
	    grep -q 'out of memory' "$tmp/hosts.csv" 2>/dev/null; }; then
		return 0
	fi
	why="neither the same answer nor 'out of memory'"
	return 1
}
norm='s/"run_id":"[^"]*","time":"[^"]*"/"run_id":"X","time":"T"/g
s/"seconds":[0-9.]*/"seconds":S/g'
c=$(with 0 "$SPOOLFIX" audit -j1 --format jsonl "$tmp/fleet"; cat "$tmp/count")
sweep "audit --format jsonl" "${ALLOC_STRIDE:-$((c / 300 + 1))}" : \
    judge_audit "$SPOOLFIX" audit -j1 --format jsonl "$tmp/fleet"
# Against a baseline whose hosts lost a finding: a finding the baseline
# lost to memory must not come back as "new".
"$SPOOLFIX" audit -j1 --format jsonl "$tmp/fleet" |
    grep -v '"rule":"CON-001"' > "$tmp/base.jsonl"
c=$(with 0 "$SPOOLFIX" audit -j1 --format jsonl --baseline \
    "$tmp/base.jsonl" "$tmp/fleet"; cat "$tmp/count")
sweep "audit --baseline" "${ALLOC_STRIDE:-$((c / 300 + 1))}" : \
    judge_audit "$SPOOLFIX" audit -j1 --format jsonl --baseline \
    "$tmp/base.jsonl" "$tmp/fleet"
norm='s/^"[0-9a-f-]*","[0-9TZ:-]*",/"X","T",/'
hosts_clear() { rm -f "$tmp/hosts.csv"; }
c=$(with 0 "$SPOOLFIX" audit -j1 --format csv --hosts-csv "$tmp/hosts.csv" \
    "$tmp/fleet"; cat "$tmp/count")
sweep "audit --format csv --hosts-csv" "${ALLOC_STRIDE:-$((c / 300 + 1))}" \
    hosts_clear judge_audit "$SPOOLFIX" audit -j1 --format csv \
    --hosts-csv "$tmp/hosts.csv" "$tmp/fleet"
norm=
t_done
