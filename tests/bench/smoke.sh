# Sourced by tests/layout.sh (it uses lib.sh's ok/not_ok, $tmp, $top):
# make bench must not rot.  The bench script runs end to end on tiny
# sizes (BENCH_QUICK=1) and prints every peer row and every ratio line
# with its target and verdict; its hive generator is deterministic.
# Figures are not judged: speed targets live in make bench alone.
(cd "$top" && awk -v ports=100 -v devmode=64 -f tests/bench/bloated.awk |
    "$MKHIVE" -o "$tmp/bl1" - && awk -v ports=100 -v devmode=64 \
    -f tests/bench/bloated.awk | "$MKHIVE" -o "$tmp/bl2" -) > "$tmp/bl.err" 2>&1
if cmp -s "$tmp/bl1" "$tmp/bl2" && [ -x "$top/tests/tools/walk" ]; then
	# 100 ports: 100 + 25 Timeouts + 10 TCP/IP ports + 5 printers with 3
	# subkeys each + 2 drivers + the 23 keys of the frame.
	k=$("$top/tests/tools/walk" -p 'ControlSet001\Control\Print' "$tmp/bl1" |
	    cut -d' ' -f1)
	[ "$k" = 180 ] && ok "bench: bloated.awk writes the same hive twice, 180 keys under Print for 100 ports" ||
	    not_ok "bench: walk -p of the generated hive" "keys under Print: $k (180 expected)"
else
	not_ok "bench: bloated.awk and mkhive give the same hive twice" \
	    "$(head -c 400 "$tmp/bl.err")"
fi

if BENCH_QUICK=1 BENCH_CACHE=$tmp/bench-cache timeout "$(secs 300)" \
    sh "$top/tests/bench/run.sh" > "$tmp/bench.out" 2>&1; then
	ok "bench: BENCH_QUICK=1 sh tests/bench/run.sh runs to the end"
else
	not_ok "bench: BENCH_QUICK=1 sh tests/bench/run.sh failed" \
	    "$(tail -c 600 "$tmp/bench.out")"
fi
# Four hives, each with the scan and every peer: measured, or said to be
# skipped or failed, never left out.
miss=""
for p in "spoolfix scan " "cat (one pass) " "libregf walk of Print " \
    "reglookup -p Print " "hivexregedit --export Print "; do
	n=$(grep -c "^  $p " "$tmp/bench.out")
	[ "$n" -eq 4 ] || miss="$miss [$p: $n rows]"
done
# The bare libregf walk must work, or the central ratio means nothing.
n=$(grep -c '^  libregf walk of Print .* 0  [0-9.]* x the scan$' "$tmp/bench.out")
[ "$n" -eq 4 ] || miss="$miss [libregf walk measured: $n of 4]"
[ -z "$miss" ] && ok "bench: every hive has the scan, cat, libregf walk, reglookup and hivexregedit rows" ||
    not_ok "bench: peer rows missing" "$miss"
miss=""
for r in "scan / cat, " "libregf walk of Print / scan, " \
    "scan peak memory / hive size, " "scan time 4000 / 1000 ports " \
    "tiny machine scan / /bin/true " "audit -j1 / 10 separate scans " \
    "audit -j2 speed-up (" "audit peak memory 100 / 10 hosts " \
    "log replay / scan of the primary alone "; do
	grep "^  $r" "$tmp/bench.out" | grep -Eq \
	    'target (<=|>=) [0-9.]+ +(PASS|MISS|SKIPPED)' ||
	    miss="$miss [$r]"
done
grep -q '^  [0-9]* PASS, [0-9]* MISS, [0-9]* SKIPPED$' "$tmp/bench.out" ||
    miss="$miss [the PASS/MISS count]"
grep -q '^spoolfix bench: .* cpus, load average ' "$tmp/bench.out" ||
    miss="$miss [cpus and load average]"
[ -z "$miss" ] && ok "bench: every ratio line is printed with its target and verdict" ||
    not_ok "bench: ratio lines missing" "$miss"
