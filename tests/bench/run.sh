#!/bin/sh
# make bench: speed and memory of spoolfix against its peers, side by
# side in one run, and the ratios of issues 13 and 11 against their
# targets.  It prints figures, ratios and PASS/MISS; it fails nothing
# (timed assertions belong nowhere in the test suite), except that
# BENCH_CHECK=1 (make bench-check) exits 1 when a target is missed.
#
# Every figure is the best (and the median) wall time of BENCH_RUNS runs
# and the peak resident memory of the runs (tests/tools/measure, wait4),
# each run with its output thrown away.  Ratios use the best times.
#
#  1. Generated SYSTEM hives of a bloated print server (bloated.awk, built
#     by fixtures/mkhive): 10k, 40k and 160k LPR ports, and one of about
#     100 MB with about 215,000 keys under Control\Print.  They are kept
#     in a cache ($BENCH_CACHE, default /tmp/spoolfix-bench-cache) under
#     names that carry a checksum of the generator and of mkhive's
#     sources, so a changed generator makes new ones; writing them is not
#     measured.
#  2. On each: spoolfix scan (and the same in one thread, for the record:
#     from 16 MiB of hives on two cores the walk is split between two)
#     against cat FILE (the one-pass limit), the bare libregf walk of
#     ControlSet001\Control\Print (tests/tools/walk -p: every key and
#     value of the subtree read, nothing printed),
#     reglookup -p /ControlSet001/Control/Print and hivexregedit --export
#     of the same subtree.  A peer that is not installed is reported as
#     skipped; one that fails says so (hivex refuses very large keys).
#  3. A tiny machine (the bundled sample, as make demo builds it): a
#     whole spoolfix scan process against /bin/true, BENCH_TINY_RUNS runs.
#  4. The real regipy SYSTEM hive against whole-hive peers (when
#     ../shared/corpus is present), a fleet of 200 sample machines, a
#     repair of 60,000 LPR ports against hivexsh, the audit of 1,000
#     small hosts (against 1,000 scans, -j2 against -j1, peak memory at
#     10 times the hosts) and a dirty hive with its logs.
#  5. The ratios with their targets, PASS or MISS, the core count and
#     the load average (the machine is often shared: a loaded machine
#     makes every ratio against a peer noisy and -j2 meaningless).
#
# Environment: BENCH_RUNS (default 3), BENCH_TINY_RUNS (200),
# BENCH_AUDIT_HOSTS (1000), BENCH_CACHE, BENCH_CHECK=1, BENCH_SCAN_ONLY=1
# (sections 1 to 3 and their ratios only), and BENCH_QUICK=1:
# tiny sizes and single runs, so that tests/layout.sh can run the whole
# script in seconds and check that every ratio line is still printed.
# Fresh Debian 12: "make bench" installs what it needs (tools/deps.sh).
set -u
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/spoolfix-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
M=tests/tools/measure
W=tests/tools/walk
export SPOOLFIX_RULES_DIR=$top/rules
quick=${BENCH_QUICK:-}
if [ -n "$quick" ]; then
	RUNS=${BENCH_RUNS:-1} TRUNS=${BENCH_TINY_RUNS:-5}
	na=${BENCH_AUDIT_HOSTS:-10}
	sizes="250 1000 4000" bigports=3000 rports=600 bigname="large hive"
else
	RUNS=${BENCH_RUNS:-3} TRUNS=${BENCH_TINY_RUNS:-200}
	na=${BENCH_AUDIT_HOSTS:-1000}
	# 139,000 ports make about 215,000 keys under Control\Print and,
	# with 3 KiB DevModes, a hive of about 97 MB.
	sizes="10000 40000 160000" bigports=139000 rports=60000
	bigname="~100 MB hive"
fi
cache=${BENCH_CACHE:-${TMPDIR:-/tmp}/spoolfix-bench-cache}
for x in $M $W fixtures/mkhive ./spoolfix; do
	[ -x "$x" ] || { echo "bench: $x is missing: run make all" >&2; exit 2; }
done

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?; }
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || nproc 2>/dev/null || echo ?)
ratio() {	# ratio A B: A / B, or "-" when B is not a positive number
	awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 == a && b + 0 > 0)
	    printf "%.2f", a / b; else print "-" }'
}
hdr() {
	printf '  %-30s %9s %9s %10s %5s  %s\n' "" "best s" "median s" \
	    "peak KiB" exit "compared"
}
line() {	# line LABEL BEST MEDIAN KIB EXIT [NOTE]
	printf '  %-30s %9.4f %9.4f %10d %5s  %s\n' "$1" "$2" "$3" "$4" "$5" \
	    "${6:-}"
}
# run LABEL COMMAND...: measures COMMAND, prints its line, and leaves
# its figures in r_best r_med r_kib r_exit.
run() {
	label=$1; shift
	measure "$@"
	line "$label" "$r_best" "$r_med" "$r_kib" "$r_exit"
}
measure() {	# measure COMMAND...: run without the line
	# shellcheck disable=SC2046
	set -- $($M "$RUNS" "$@")
	r_best=$1 r_med=$2 r_kib=$3 r_exit=$4
}
have() {	# have PROGRAM: installed, or a built tool of the tree
	command -v "$1" > /dev/null 2>&1 || [ -x "$1" ]
}

# The summary: one line per target, collected as the sections run.
sum=$tmp/summary
: > "$sum"
target() {	# target NAME VALUE OP LIMIT [WHY-SKIPPED]
	if [ "$2" = "-" ]; then
		printf '  %-46s %8s   target %s %-5s SKIPPED (%s)\n' "$1" - "$3" \
		    "$4" "${5:-not measured}" >> "$sum"
		return
	fi
	v=$(awk -v v="$2" -v op="$3" -v l="$4" 'BEGIN {
	    print (op == "<=" ? v <= l : v >= l) ? "PASS" : "MISS" }')
	printf '  %-46s %8s   target %s %-5s %s\n' "$1" "$2" "$3" "$4" "$v" \
	    >> "$sum"
}

echo "spoolfix bench: $(uname -m), $ncpu cpus, load average $(load)" \
    "${quick:+(BENCH_QUICK: tiny sizes, figures mean nothing)}"
echo "  $RUNS runs of each command (best and median wall time), peak memory of the runs"

# --- 1. generated hives ---------------------------------------------------
echo
echo "1. generated SYSTEM hives of a bloated print server (cache: $cache)"
mkdir -p "$cache" || exit 2
exec 3>&1	# hive's messages, from inside $(...)
gen=$(cat tests/bench/bloated.awk fixtures/mkhive.c fixtures/hivetext.c \
    fixtures/regfwrite.c | cksum | cut -d' ' -f1)
hive() {	# hive PORTS DEVMODE: the path of that hive, written if missing
	h=$cache/system-$1-$2-$gen
	if [ ! -f "$h" ]; then
		t0=$(date +%s)
		awk -v ports="$1" -v devmode="$2" -f tests/bench/bloated.awk |
		    fixtures/mkhive -o "$h" - || exit 2
		echo "  wrote $(basename "$h") in $(($(date +%s) - t0)) s" >&3
	fi
	echo "$h"
}
describe() {	# describe HIVE: keys under Print and size
	set -- "$1" $($W -p 'ControlSet001\Control\Print' "$1")
	printf '%s keys under Control\\Print, %s MB' "$2" \
	    "$(awk -v b="$(wc -c < "$1")" 'BEGIN { printf "%.1f", b / 1e6 }')"
}
for n in $sizes; do
	eval "h_$n=\$(hive $n 3072)"
done
h_big=$(hive $bigports 3072)
# Hives of an older generator or mkhive are never used again.
for f in "$cache"/system-*; do
	case $f in *-"$gen") ;; *) rm -f "$f";; esac
done
for n in $sizes big; do
	eval "h=\$h_$n"
	[ -f "$h" ] || { echo "bench: could not write the hive of $n ports" >&2; exit 2; }
	eval "d_$n=\$(describe \"\$h\")"
	eval "printf '  %-8s %s\n' \"\$n\" \"\$d_$n\""
done

# --- 2. scan against its peers --------------------------------------------
# peers HIVE NAME: spoolfix scan and each peer on the Print subtree; sets
# s_best_NAME, s_kib_NAME, cat_NAME and walk_NAME for the summary.
peers() {
	h=$1 nm=$2
	hdr
	run "spoolfix scan" ./spoolfix scan --format jsonl "$h"
	s=$r_best
	eval "s_best_$nm=$r_best s_kib_$nm=$r_kib"
	# From 16 MiB of hives on two cores the scan's walk is split between
	# two threads (spoolfix(1)); the same scan in one, for comparison.
	measure env SPOOLFIX_TEST_SPLIT=0 ./spoolfix scan --format jsonl "$h"
	line "  the same in one thread" "$r_best" "$r_med" "$r_kib" "$r_exit" \
	    "$(ratio "$r_best" "$s") x the scan"
	measure cat "$h"
	line "cat (one pass)" "$r_best" "$r_med" "$r_kib" "$r_exit" \
	    "the scan takes $(ratio "$s" "$r_best") x this"
	eval "cat_$nm=$r_best"
	for p in walk reglookup hivexregedit; do
		case $p in
		walk)	label="libregf walk of Print"
			set -- $W -p 'ControlSet001\Control\Print' "$h";;
		reglookup) label="reglookup -p Print"
			set -- reglookup -p /ControlSet001/Control/Print "$h";;
		hivexregedit) label="hivexregedit --export Print"
			set -- hivexregedit --export "$h" \
			    '\ControlSet001\Control\Print';;
		esac
		if ! have "$1"; then
			printf '  %-30s skipped: %s is not installed\n' "$label" "$1"
			eval "${p}_$nm=-"
			continue
		fi
		# reglookup and hivexregedit take many times the scan: on the
		# hives over 50 MB one run of each is enough to compare.
		pr=$RUNS once=
		if [ "$p" != walk ] && [ "$(wc -c < "$h")" -gt 50000000 ]; then
			pr=1 once=" (1 run)"
		fi
		# shellcheck disable=SC2046
		set -- $($M "$pr" "$@")
		if [ "$4" -eq 0 ]; then
			line "$label" "$1" "$2" "$3" "$4" \
			    "$(ratio "$1" "$s") x the scan$once"
			eval "${p}_$nm=$1"
		else
			line "$label" "$1" "$2" "$3" "$4" "failed: no comparison"
			eval "${p}_$nm=-"
		fi
	done
}
n2=
for n in $sizes big; do
	eval "h=\$h_$n d=\$d_$n"
	echo
	if [ "$n" = big ]; then
		echo "2. the $bigname ($bigports LPR ports; $d)"
	else
		echo "2. $n LPR ports ($d)"
	fi
	peers "$h" "$n"
	[ "$n" = big ] || { n1=$n2; n2=$n; }
done
# hivex refuses a key with more than 70,000 subkeys (HIVEX_MAX_SUBKEYS):
# say so once, with its own message, when it failed.
if have hivexregedit; then
	why=$(hivexregedit --export "$h_big" '\ControlSet001\Control\Print' 2>&1 \
	    > /dev/null | head -1)
	[ -n "$why" ] && echo "  (hivexregedit on the large hives: $why)"
fi
n=$(./spoolfix scan --format jsonl "$h_big" | wc -l)
echo "  spoolfix reported $n findings on the $bigname"

eval "big=\$s_best_big cat=\$cat_big walk=\$walk_big kib=\$s_kib_big"
target "scan / cat, $bigname" "$(ratio "$big" "$cat")" "<=" 20
target "libregf walk of Print / scan, $bigname" "$(ratio "$walk" "$big")" \
    ">=" 10 "libregf walk not measured"
target "scan peak memory / hive size, $bigname" \
    "$(ratio "$kib" "$(($(wc -c < "$h_big") / 1024))")" "<=" 1.5
eval "a=\$s_best_$n2 b=\$s_best_$n1"
target "scan time $n2 / $n1 ports (linear: 4)" "$(ratio "$a" "$b")" "<=" 4.2

# --- 3. a tiny machine ------------------------------------------------------
echo
echo "3. a tiny machine (the bundled sample: SYSTEM, SOFTWARE, 2 users), $TRUNS runs"
d=$tmp/tiny
mkdir -p "$d/Windows/System32/config" "$d/Users/alice" "$d/Users/bob"
cat fixtures/base/system.hreg fixtures/sample/system-faults.hreg |
    fixtures/mkhive -o "$tmp/S" -
cat fixtures/base/software.hreg fixtures/sample/software-faults.hreg |
    fixtures/mkhive -o "$tmp/W" -
cat fixtures/base/ntuser.hreg fixtures/sample/ntuser-alice-faults.hreg |
    fixtures/mkhive -o "$tmp/A" -
fixtures/mkhive -o "$tmp/B" fixtures/base/ntuser.hreg
cp "$tmp/S" "$d/Windows/System32/config/SYSTEM"
cp "$tmp/W" "$d/Windows/System32/config/SOFTWARE"
cp "$tmp/A" "$d/Users/alice/NTUSER.DAT"
cp "$tmp/B" "$d/Users/bob/NTUSER.DAT"
hdr
set -- $($M "$TRUNS" ./spoolfix scan --root "$d")
line "spoolfix scan --root sample" "$1" "$2" "$3" "$4"
ts=$1
set -- $($M "$TRUNS" /bin/true)
line "/bin/true" "$1" "$2" "$3" "$4" "the scan takes $(ratio "$ts" "$1") x this"
target "tiny machine scan / /bin/true" "$(ratio "$ts" "$1")" "<=" 3

# The ratios so far, with their targets; the end of the run.
summary() {
	echo
	echo "Ratios (best times; load average now $(load), $ncpu cpus)"
	cat "$sum"
	misses=$(grep -c ' MISS$' "$sum")
	echo "  $(grep -c ' PASS$' "$sum") PASS, $misses MISS, $(grep -c ' SKIPPED ' "$sum") SKIPPED"
	[ -n "${BENCH_CHECK:-}" ] && [ "$misses" -gt 0 ] && exit 1
	exit 0
}
# BENCH_SCAN_ONLY=1: the scan's own targets (sections 1 to 3) and no
# more, in minutes rather than the half hour of the whole run.
[ -n "${BENCH_SCAN_ONLY:-}" ] && summary

# --- 4. the real hive, fleets, repair, audit, logs --------------------------
compare() {	# compare HIVE: spoolfix scan against whole-hive peers
	h=$1
	hdr
	run "spoolfix scan" ./spoolfix scan --format jsonl "$h"
	s=$r_best
	for peer in walk regfexport hivexml reglookup; do
		case $peer in
		walk) set -- $W "$h";;
		*) set -- "$peer" "$h";;
		esac
		if ! have "$1"; then
			printf '  %-30s skipped: not installed\n' "$peer"
			continue
		fi
		# shellcheck disable=SC2046
		set -- $($M "$RUNS" "$@")
		if [ "$4" -eq 0 ]; then
			vs="$(ratio "$1" "$s") x the scan"
		else
			vs="failed: no comparison"
		fi
		line "$peer (whole hive)" "$1" "$2" "$3" "$4" "$vs"
	done
}

corpus=$top/../shared/corpus/regipy/SYSTEM.xz
echo
echo "4. the real regipy SYSTEM hive (11.7 MB, 30,756 keys)"
if [ -n "$quick" ]; then
	echo "  skipped: BENCH_QUICK"
elif [ -f "$corpus" ]; then
	xz -dc "$corpus" > "$tmp/SYSTEM"
	compare "$tmp/SYSTEM"
	echo "  regf-format.md's anchor for a full libregf walk of it: 0.50 s"
else
	echo "  skipped: $corpus is absent"
fi

nf=200
[ -n "$quick" ] && nf=5
echo
echo "5. a fleet: $nf sample machines (SYSTEM, SOFTWARE, 2 users), one run each"
for i in $(seq 1 $nf); do
	cp -R "$tmp/tiny" "$tmp/fleet-host$i"
done
cat > "$tmp/fleet.sh" <<F
for d in $tmp/fleet-host*; do ./spoolfix scan --format jsonl --root "\$d"; done
F
hdr
set -- $($M "$RUNS" sh "$tmp/fleet.sh")
line "$nf machines" "$1" "$2" "$3" "$4"
awk -v t="$1" -v n=$nf 'BEGIN { printf "  %.1f ms per machine, %.0f machines per second\n", t / n * 1000, n / t }'

echo
echo "6. repair: $rports LPR port keys, a third of them deleted"
awk -v n="$rports" 'BEGIN {
	print "!root ROOT"; print "[Select]"; print "\"Current\"=dword:00000002"
	print "[ControlSet002\\Control\\Print\\Monitors\\LPR Port]"
	print "\"Driver\"=\"lprmon.dll\""
	for (i = 0; i < n; i++) {
		printf "[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%d:q%d]\n", i % 1000, i
		if (i % 3) printf "\"Server Name\"=\"h%d\"\n\"Printer Name\"=\"q%d\"\n", i % 1000, i
	}
}' | fixtures/mkhive -o "$tmp/r60" -
# Each run repairs a fresh copy into a fresh backup folder.
cat > "$tmp/repair.sh" <<F
cp "$tmp/r60" "$tmp/r60w" && rm -rf "$tmp/r60bk" &&
./spoolfix repair --yes --backup-dir "$tmp/r60bk" "$tmp/r60w" > /dev/null
F
hdr
# One run, as for hivexsh: a safe repair of 60,000 keys takes seconds
# (backup, undo file, synced writes, verification), minutes on a loaded
# machine.
set -- $($M 1 sh "$tmp/repair.sh")
line "spoolfix repair (safe)" "$1" "$2" "$3" "$4"
r=$1
if have hivexsh; then
	awk -v out="$tmp/r60h" -v n="$rports" 'BEGIN { for (i = 0; i < n; i += 3)
		printf "cd \\ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%d:q%d\ndel\n", i % 1000, i
		print "commit " out }' > "$tmp/r60.hsh"
	set -- $($M 1 hivexsh -w -f "$tmp/r60.hsh" "$tmp/r60")
	line "hivexsh (same deletions, bare)" "$1" "$2" "$3" "$4" \
	    "$(ratio "$1" "$r") x spoolfix"
	if [ -f "$tmp/r60h" ] && $W -d "$tmp/r60h" | sort > "$tmp/h.txt" &&
	    $W -d "$tmp/r60w" | sort > "$tmp/s.txt" &&
	    cmp -s "$tmp/h.txt" "$tmp/s.txt"; then
		echo "  both results hold the same keys and values (libregf walk)"
	else
		echo "  the two results differ (or hivexsh failed)"
	fi
else
	echo "  hivexsh: skipped: not installed"
fi

echo
echo "7. audit: $na small hosts (SYSTEM and SOFTWARE, faults on half), $ncpu cpus"
cat fixtures/base/system.hreg | fixtures/mkhive -o "$tmp/S0" -
fixtures/mkhive -o "$tmp/W0" fixtures/base/software.hreg
mkfleet() {	# mkfleet DIR N: hard links, so 10,000 hosts cost no disk
	i=0
	while [ "$i" -lt "$2" ]; do
		d=$1/h$i/Windows/System32/config
		mkdir -p "$d"
		if [ $((i % 2)) -eq 0 ]; then
			ln "$tmp/S" "$d/SYSTEM" && ln "$tmp/W" "$d/SOFTWARE"
		else
			ln "$tmp/S0" "$d/SYSTEM" && ln "$tmp/W0" "$d/SOFTWARE"
		fi
		i=$((i + 1))
	done
}
mkfleet "$tmp/af" "$na"
cat > "$tmp/scans.sh" <<F
for d in $tmp/af/h*; do ./spoolfix scan --format jsonl --root "\$d"; done
F
hdr
run "$na x spoolfix scan" sh "$tmp/scans.sh"
sc=$r_best
measure ./spoolfix audit -j1 --format jsonl "$tmp/af"
a1=$r_best
line "audit -j1" "$r_best" "$r_med" "$r_kib" "$r_exit" \
    "$(ratio "$a1" "$sc") x the separate scans"
target "audit -j1 / $na separate scans" "$(ratio "$a1" "$sc")" "<=" 1.2
l2=$(load)
measure ./spoolfix audit -j2 --format jsonl "$tmp/af"
a2=$r_best m1=$r_kib
line "audit -j2" "$r_best" "$r_med" "$r_kib" "$r_exit" \
    "$(ratio "$a1" "$a2") x as fast as -j1"
echo "  ($ncpu cpus, load average $l2 before -j2: the speed-up means something only on an idle machine)"
target "audit -j2 speed-up ($ncpu cpus, load $(echo "$l2" | cut -d' ' -f1))" \
    "$(ratio "$a1" "$a2")" ">=" 1.7
# Ten hard-linked copies of the fleet, each a folder of host folders:
# one cp each, where mkfleet would fork 30,000 times (minutes when the
# machine is loaded).
mkdir "$tmp/af10"
for c in 0 1 2 3 4 5 6 7 8 9; do
	cp -al "$tmp/af" "$tmp/af10/c$c"
done
set -- $($M 1 ./spoolfix audit -j2 --format jsonl "$tmp"/af10/c*)
line "audit -j2, $((na * 10)) hosts" "$1" "$2" "$3" "$4" \
    "memory $(ratio "$3" "$m1") x that of $na hosts"
target "audit peak memory $((na * 10)) / $na hosts" "$(ratio "$3" "$m1")" \
    "<=" 1.2
rm -rf "$tmp/af10"

echo
echo "8. a dirty hive with its transaction logs (regipy SYSTEM_B, 12.8 MB, logs 3.2 + 3.1 MB)"
b=$top/../shared/corpus/regipy
if [ -f "$b/SYSTEM_B.xz" ]; then
	for f in SYSTEM_B SYSTEM_B.LOG1 SYSTEM_B.LOG2; do
		xz -dc "$b/$f.xz" > "$tmp/$f"
	done
	hdr
	run "scan, logs applied" ./spoolfix scan --format json "$tmp/SYSTEM_B"
	la=$r_best
	run "scan --no-logs (primary alone)" ./spoolfix scan --no-logs \
	    --format json "$tmp/SYSTEM_B"
	# The bound of the logs work: replay adds at most one scan's time.
	rr=$(awk -v a="$la" -v b="$r_best" 'BEGIN { if (b > 0)
	    printf "%.2f", (a - b) / b; else print "-" }')
	echo "  replay adds $(awk -v a="$la" -v b="$r_best" 'BEGIN { printf "%.3f", a - b }') s, $rr x the scan of the primary alone"
	target "log replay / scan of the primary alone" "$rr" "<=" 1.0
else
	echo "  skipped: $b/SYSTEM_B.xz is absent"
	target "log replay / scan of the primary alone" - "<=" 1.0 \
	    "regipy SYSTEM_B absent"
fi

summary
