#!/bin/sh
# make bench: speed and memory of spoolfix against the peers named in
# ../shared/docs/regf-format.md: a bare full walk through the libregf C
# API (tests/tools/walk), libregf's regfexport, hivex's hivexml and
# reglookup, on the same hives.  It prints figures and ratios; it judges
# nothing (timed assertions belong nowhere in the test suite).
#
# Hives: a 100,000-key SYSTEM hive written by mkhive (every key a print
# key the rules visit), the real regipy SYSTEM hive (30,756 keys, when
# ../shared/corpus is present), and a fleet of 200 sample machines.
# Repair is measured on 60,000 LPR ports of which 20,000 are deleted,
# against hivexsh making the same deletions with no backup, undo file or
# verification (what the safety costs).  The audit of 1,000 small hosts
# is compared with 1,000 separate scans, with itself on more jobs, and
# its peak memory with that of 10,000 hosts (BENCH_AUDIT_HOSTS changes
# the 1,000).
set -u
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/spoolfix-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
M=tests/tools/measure
RUNS=${BENCH_RUNS:-5}
export SPOOLFIX_RULES_DIR=$top/rules

row() {		# row LABEL COMMAND...: one line of figures
	label=$1; shift
	set -- $($M "$RUNS" "$@")
	printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s\n' "$label" "$1" "$2" \
	    "$3" "$4"
	eval "best_$(echo "$label" | tr -c 'a-zA-Z0-9\n' '_')=$1"
}

ratio() {	# ratio A B: "A takes N times as long as B"
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "-" }'
}

compare() {	# compare HIVE
	h=$1
	echo "  (best of $RUNS runs, median, peak memory)"
	row spoolfix ./spoolfix scan --format jsonl "$h"
	s=$($M "$RUNS" ./spoolfix scan --format jsonl "$h" | cut -d' ' -f1)
	for peer in walk regfexport hivexml reglookup; do
		case $peer in
		walk) cmd="tests/tools/walk $h";;
		regfexport) cmd="regfexport $h";;
		hivexml) cmd="hivexml $h";;
		reglookup) cmd="reglookup $h";;
		esac
		if ! command -v "${cmd%% *}" > /dev/null 2>&1 &&
		    [ ! -x "${cmd%% *}" ]; then
			printf '  %-34s (not installed)\n' "$peer"
			continue
		fi
		# shellcheck disable=SC2086
		set -- $($M "$RUNS" $cmd)
		if [ "$4" -eq 0 ]; then
			vs="$(ratio "$1" "$s") x spoolfix"
		else
			vs="failed: no comparison"	# hivex: > 70,000 subkeys
		fi
		printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s   %s\n' \
		    "$peer" "$1" "$2" "$3" "$4" "$vs"
	done
}

echo "spoolfix bench ($(uname -m), $(nproc 2>/dev/null || echo ?) cpus)"

echo
echo "1. mkhive: writing a 100,000-key hive from text"
awk 'BEGIN {
	print "!root ROOT"; print "[Select]"; print "\"Current\"=dword:00000002"
	print "[ControlSet002\\Control\\Print\\Monitors\\LPR Port]"
	print "\"Driver\"=\"lprmon.dll\""
	for (i = 0; i < 100000; i++) {
		printf "[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%d:q%d]\n", i % 1000, i
		if (i % 3) printf "\"Server Name\"=\"h%d\"\n\"Printer Name\"=\"q%d\"\n", i % 1000, i
	}
}' > "$tmp/big.hreg"
set -- $($M 3 fixtures/mkhive -o "$tmp/big" "$tmp/big.hreg")
printf '  %-34s %8.3f s %8.3f s %9d KiB  (%s bytes of hive)\n' mkhive "$1" "$2" "$3" \
    "$(wc -c < "$tmp/big")"

echo
echo "2. 100,000 LPR port keys (33,334 of them faulty), every one visited"
compare "$tmp/big"
n=$(./spoolfix scan --format jsonl "$tmp/big" | wc -l)
echo "  spoolfix reported $n findings"

corpus=$top/../shared/corpus/regipy/SYSTEM.xz
echo
echo "3. the real regipy SYSTEM hive (11.7 MB, 30,756 keys)"
if [ -f "$corpus" ]; then
	xz -dc "$corpus" > "$tmp/SYSTEM"
	compare "$tmp/SYSTEM"
	echo "  regf-format.md's anchor for a full libregf walk of it: 0.50 s"
else
	echo "  skipped: $corpus is absent"
fi

echo
echo "4. a fleet: 200 sample machines (SYSTEM, SOFTWARE, 2 users), one run each"
for i in $(seq 1 200); do
	d=$tmp/fleet/host$i
	mkdir -p "$d/Windows/System32/config" "$d/Users/alice" "$d/Users/bob"
done
cat fixtures/base/system.hreg fixtures/sample/system-faults.hreg |
    fixtures/mkhive -o "$tmp/S" -
cat fixtures/base/software.hreg fixtures/sample/software-faults.hreg |
    fixtures/mkhive -o "$tmp/W" -
cat fixtures/base/ntuser.hreg fixtures/sample/ntuser-alice-faults.hreg |
    fixtures/mkhive -o "$tmp/A" -
fixtures/mkhive -o "$tmp/B" fixtures/base/ntuser.hreg
for d in "$tmp"/fleet/host*; do
	cp "$tmp/S" "$d/Windows/System32/config/SYSTEM"
	cp "$tmp/W" "$d/Windows/System32/config/SOFTWARE"
	cp "$tmp/A" "$d/Users/alice/NTUSER.DAT"
	cp "$tmp/B" "$d/Users/bob/NTUSER.DAT"
done
cat > "$tmp/fleet.sh" <<F
for d in $tmp/fleet/host*; do ./spoolfix scan --format jsonl --root "\$d"; done
F
set -- $($M 3 sh "$tmp/fleet.sh")
printf '  %-34s %8.3f s %8.3f s %9d KiB\n' "200 machines" "$1" "$2" "$3"
awk -v t="$1" 'BEGIN { printf "  %.1f ms per machine, %.0f machines per second\n", t / 200 * 1000, 200 / t }'

echo
echo "5. repair: 60,000 LPR port keys, 20,000 of them deleted"
awk 'BEGIN {
	print "!root ROOT"; print "[Select]"; print "\"Current\"=dword:00000002"
	print "[ControlSet002\\Control\\Print\\Monitors\\LPR Port]"
	print "\"Driver\"=\"lprmon.dll\""
	for (i = 0; i < 60000; i++) {
		printf "[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%d:q%d]\n", i % 1000, i
		if (i % 3) printf "\"Server Name\"=\"h%d\"\n\"Printer Name\"=\"q%d\"\n", i % 1000, i
	}
}' | fixtures/mkhive -o "$tmp/r60" -
# Each run repairs a fresh copy into a fresh backup folder.
cat > "$tmp/repair.sh" <<F
cp "$tmp/r60" "$tmp/r60w" && rm -rf "$tmp/r60bk" &&
./spoolfix repair --yes --backup-dir "$tmp/r60bk" "$tmp/r60w" > /dev/null
F
set -- $($M 3 sh "$tmp/repair.sh")
printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s\n' "spoolfix repair (safe)" "$1" \
    "$2" "$3" "$4"
r=$1
if command -v hivexsh > /dev/null 2>&1; then
	awk -v out="$tmp/r60h" 'BEGIN { for (i = 0; i < 60000; i += 3)
		printf "cd \\ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\h%d:q%d\ndel\n", i % 1000, i
		print "commit " out }' > "$tmp/r60.hsh"
	set -- $($M 1 hivexsh -w -f "$tmp/r60.hsh" "$tmp/r60")
	printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s   %s x spoolfix\n' \
	    "hivexsh (same deletions, bare)" "$1" "$2" "$3" "$4" "$(ratio "$1" "$r")"
	if [ -f "$tmp/r60h" ] && tests/tools/walk -d "$tmp/r60h" | sort > "$tmp/h.txt" &&
	    tests/tools/walk -d "$tmp/r60w" | sort > "$tmp/s.txt" &&
	    cmp -s "$tmp/h.txt" "$tmp/s.txt"; then
		echo "  both results hold the same keys and values (libregf walk)"
	else
		echo "  the two results differ (or hivexsh failed)"
	fi
else
	echo "  hivexsh: (not installed)"
fi

echo
na=${BENCH_AUDIT_HOSTS:-1000}
echo "6. audit: $na small hosts (SYSTEM and SOFTWARE, faults on half)"
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
set -- $($M 3 sh "$tmp/scans.sh")
printf '  %-34s %8.3f s %8.3f s %9d KiB\n' "$na x spoolfix scan" "$1" "$2" "$3"
sc=$1
set -- $($M 3 ./spoolfix audit -j1 --format jsonl "$tmp/af")
printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s   %s x the scans\n' \
    "audit -j1" "$1" "$2" "$3" "$4" "$(ratio "$1" "$sc")"
a1=$1
set -- $($M 3 ./spoolfix audit -j2 --format jsonl "$tmp/af")
printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s   %s x faster than -j1\n' \
    "audit -j2" "$1" "$2" "$3" "$4" "$(ratio "$a1" "$1")"
m1=$3
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo ?)" \
    "(the -j2 ratio means something only on an idle machine)"
mkfleet "$tmp/af10" $((na * 10))
set -- $($M 1 ./spoolfix audit -j2 --format jsonl "$tmp/af10")
printf '  %-34s %8.3f s %8.3f s %9d KiB  exit %s   memory %s x that of %d hosts\n' \
    "audit -j2, $((na * 10)) hosts" "$1" "$2" "$3" "$4" "$(ratio "$3" "$m1")" "$na"
echo "7. a dirty hive with its transaction logs (regipy SYSTEM_B, 12.8 MB, logs 3.2 + 3.1 MB)"
b=$top/../shared/corpus/regipy
if [ -f "$b/SYSTEM_B.xz" ]; then
	for f in SYSTEM_B SYSTEM_B.LOG1 SYSTEM_B.LOG2; do
		xz -dc "$b/$f.xz" > "$tmp/$f"
	done
	row "scan, logs applied" ./spoolfix scan --format json "$tmp/SYSTEM_B"
	row "scan --no-logs (primary alone)" ./spoolfix scan --no-logs \
	    --format json "$tmp/SYSTEM_B"
	# The issue's bound: replay adds at most the time of one scan.
	awk -v a="$best_scan__logs_applied" -v b="$best_scan___no_logs__primary_alone_" \
	    'BEGIN { r = b > 0 ? (a - b) / b : 0
	    printf "  replay adds %.3f s, %.1f times the scan of the primary alone (bound: 1.0)\n", a - b, r }'
else
	echo "  skipped: $b/SYSTEM_B.xz is absent"
fi
