#!/bin/sh
# Transaction logs: dirty hives read, recovered and repaired as Windows
# recovers them.  The recovered yarp hives must equal, key by key (names,
# values, class names, security descriptors), the hives Windows itself
# recovered; the real dirty regipy hives must recover without damage;
# truncated, bit-flipped, reordered, stale and foreign logs (made here
# from the corpus files) must be rejected with a reason and never crash;
# a dirty hive with print keys whose faults live only in its log
# (tests/tools/mklog) must be scanned, recovered and repaired from the
# log's state.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=$top/fixtures/base
S=$top/fixtures/sample
TOOLS=$top/tests/tools
corpus=${SPOOLFIX_CORPUS:-$top/../shared/corpus}

# logical FILE [-n]: keys, values, classes, security descriptors, sorted.
logical() {
	"$TOOLS/treedump" -c ${2:-} "$1" | sort
}
# jq over the first input of a JSON scan of $1 (more arguments: options).
facts() {	# facts FILTER HIVE [OPTION...]
	f=$1; shift
	"$SPOOLFIX" scan --format json "$@" > "$tmp/scan.json" 2> "$tmp/scan.err"
	jq -r ".inputs[0] | $f" "$tmp/scan.json"
}

if [ -d "$corpus/yarp/NewDirtyHive1" ]; then
	y=$tmp/yarp
	mkdir -p "$y"
	cp -R "$corpus/yarp/NewDirtyHive1" "$corpus/yarp/OldDirtyHive" \
	    "$corpus/yarp/BadBaseBlockHive" "$y/"
	chmod -R u+w "$y"
	for c in "NewDirtyHive1/NewDirtyHive NewDirtyHive1/RecoveredHive_Windows10" \
	    "OldDirtyHive/OldDirtyHive OldDirtyHive/RecoveredHive_Windows7" \
	    "BadBaseBlockHive/BadBaseBlockHive OldDirtyHive/RecoveredHive_Windows7"
	do
		set -- $c
		h=$y/$1 w=$y/$2 n=$(basename "$1")
		logical "$w" > "$tmp/want"
		# The comparison can fail: the primary alone differs.
		logical "$h" -n > "$tmp/stale" 2>/dev/null
		cmp -s "$tmp/stale" "$tmp/want" &&
		    not_ok "$n: the primary alone already equals Windows' recovery"
		logical "$h" > "$tmp/got"
		cmp -s "$tmp/got" "$tmp/want" &&
		    ok "$n read with its logs: $(wc -l < "$tmp/want") keys, values, classes and security descriptors as Windows recovered it" ||
		    not_ok "$n read with its logs differs from $(basename "$w")" \
		    "$(diff "$tmp/got" "$tmp/want" | head -8)"
		cksum "$h" "$h".LOG* > "$tmp/before"
		run "$SPOOLFIX" recover -o "$tmp/$n.rec" "$h"
		[ "$st" -eq 0 ] && logical "$tmp/$n.rec" | cmp -s - "$tmp/want" &&
		    "$TOOLS/walk" -d "$tmp/$n.rec" | sort > "$tmp/l1" &&
		    "$TOOLS/walk" -d "$w" | sort | cmp -s - "$tmp/l1" &&
		    ok "recover -o: $n equals $(basename "$w") for spoolfix's reader and libregf" ||
		    not_ok "recover $n: exit $st" "$(cat "$tmp/err")"
		cksum "$h" "$h".LOG* | cmp -s - "$tmp/before" &&
		    ok "recover -o: $n and its logs untouched" ||
		    not_ok "recover -o changed $n or its logs"
		[ "$(facts '[.dirty, .corrupt, .sequence[0] == .sequence[1]] | @tsv' "$tmp/$n.rec")" = "$(printf 'false\tfalse\ttrue')" ] &&
		    ok "the recovered $n is clean: equal sequence numbers, right checksum, no damage" ||
		    not_ok "the recovered $n is not clean" "$(head -c 600 "$tmp/scan.json")"
	done

	# What the scan says: dirty, logs applied, sequence before and after.
	h=$y/NewDirtyHive1/NewDirtyHive
	[ "$(facts '[.dirty, .logs_applied, .file_sequence[0], .file_sequence[1], .sequence[0], .sequence[1], (.log_status | map(.applied) | all)] | @tsv' "$h")" = "$(printf 'true\ttrue\t3\t2\t5\t5\ttrue')" ] &&
	    ok "json: dirty, logs applied, sequence 3/2 in the file and 5/5 recovered, both logs applied" ||
	    not_ok "json facts of NewDirtyHive" "$(head -c 900 "$tmp/scan.json")"
	run "$SPOOLFIX" scan "$h"
	grep -q 'DIRTY: sequence 3/2, read with its logs applied: sequence 5/5' "$tmp/out" &&
	    grep -q 'NewDirtyHive.LOG1 (applied: 1 entry, sequence 2 to 2)' "$tmp/out" &&
	    grep -q 'NewDirtyHive.LOG2 (applied: 3 entries, sequence 3 to 5)' "$tmp/out" &&
	    ok "text: the logs applied, with the sequence numbers" ||
	    not_ok "text facts" "$(head -12 "$tmp/out")"
	run "$SPOOLFIX" scan --format csv "$h"
	grep -q 'HIVE-001.*NewDirtyHive.LOG2 applied: 3 entries.*sequence numbers 3/2 in the file, 5/5 once recovered' "$tmp/out" &&
	    ok "csv: the HIVE-001 note names the logs applied and the sequence numbers" ||
	    not_ok "csv" "$(head -5 "$tmp/out")"
	[ "$(facts '[.logs_applied, .sequence[0], .sequence[1]] | @tsv' "$h" --no-logs)" = "$(printf 'false\t3\t2')" ] &&
	    jq -e '[.findings[].rule] | index("HIVE-001") != null' "$tmp/scan.json" > /dev/null &&
	    ok "--no-logs: the primary alone, as before (3/2)" ||
	    not_ok "--no-logs" "$(head -c 600 "$tmp/scan.json")"
	[ "$(facts '.base_block_recovered' "$y/BadBaseBlockHive/BadBaseBlockHive")" = true ] &&
	    ok "BadBaseBlockHive: its damaged base block recovered from the log" ||
	    not_ok "BadBaseBlockHive base block" "$(head -c 600 "$tmp/scan.json")"

	# --- damaged, stale, reordered and foreign logs ---
	bd=$tmp/bad
	fresh() {	# fresh: a copy of NewDirtyHive1 in $bd
		rm -rf "$bd"; mkdir -p "$bd"
		cp "$y/NewDirtyHive1/NewDirtyHive" "$y/NewDirtyHive1/NewDirtyHive.LOG1" \
		    "$y/NewDirtyHive1/NewDirtyHive.LOG2" "$bd/"
	}
	flip() {	# flip FILE OFFSET: inverts one byte
		python3 -c 'import sys
f = open(sys.argv[1], "r+b"); o = int(sys.argv[2]); f.seek(o)
b = f.read(1); f.seek(o); f.write(bytes([b[0] ^ 0xff]))' "$1" "$2"
	}
	note() {	# note N: the note of log N of the last facts call
		jq -r ".inputs[0].log_status[$1].note" "$tmp/scan.json"
	}
	h=$bd/NewDirtyHive
	# A flipped byte in LOG1's only entry: its hash fails; LOG2 must
	# not be applied on its own (its entries continue LOG1's).
	fresh; flip "$bd/NewDirtyHive.LOG1" 2000
	[ "$(facts '.logs_applied' "$h")" = false ] &&
	    note 0 | grep -q 'hash mismatch' && note 1 | grep -q 'continues' &&
	    ok "bit-flipped LOG1 entry: rejected (hash mismatch), LOG2 not applied alone" ||
	    not_ok "bit-flipped LOG1" "$(jq -c '.inputs[0].log_status' "$tmp/scan.json")"
	# A flipped byte in LOG1's base block: LOG1 is not a log Windows
	# reads, and LOG2 is the only one (yarp's rule: it is eligible, as
	# its sequence number is not before the hive's).
	fresh; flip "$bd/NewDirtyHive.LOG1" 100
	[ "$(facts '[.logs_applied, .sequence[0]] | @tsv' "$h")" = "$(printf 'true\t5')" ] &&
	    note 0 | grep -q 'checksum' &&
	    ok "bit-flipped LOG1 base block: rejected (checksum); LOG2 alone applied" ||
	    not_ok "bit-flipped LOG1 base block" "$(jq -c '.inputs[0].log_status' "$tmp/scan.json")"
	# LOG2 cut inside its second entry: the first one still applies.
	fresh; head -c 20000 "$y/NewDirtyHive1/NewDirtyHive.LOG2" > "$bd/NewDirtyHive.LOG2"
	[ "$(facts '[.logs_applied, .sequence[0]] | @tsv' "$h")" = "$(printf 'true\t3')" ] &&
	    note 1 | grep -q 'applied: 1 entry, sequence 3 to 3; the next entry was rejected' &&
	    ok "truncated LOG2: entries up to the cut applied, the cut one rejected with a reason" ||
	    not_ok "truncated LOG2" "$(jq -c '.inputs[0] | [.sequence, .log_status]' "$tmp/scan.json")"
	# LOG2 cut 4 bytes into its second entry's header: the header is not
	# read past the end of the file (found by fuzz_hive under ASan).
	fresh; head -c 8196 "$y/NewDirtyHive1/NewDirtyHive.LOG2" > "$bd/NewDirtyHive.LOG2"
	run "$SPOOLFIX" scan --format json "$h"
	no_crash "LOG2 cut inside an entry header" &&
	    [ "$(jq -r '.inputs[0].log_status[1].note' "$tmp/out")" = "applied: 1 entry, sequence 3 to 3" ] &&
	    ok "LOG2 cut inside an entry header: the entries before it applied, nothing read past the end" ||
	    not_ok "LOG2 cut inside an entry header" "$(jq -c '.inputs[0].log_status' "$tmp/out" 2>&1)"
	# Swapped names: the order comes from the sequence numbers.
	fresh; mv "$bd/NewDirtyHive.LOG1" "$bd/x"; mv "$bd/NewDirtyHive.LOG2" "$bd/NewDirtyHive.LOG1"
	mv "$bd/x" "$bd/NewDirtyHive.log2"
	logical "$y/NewDirtyHive1/RecoveredHive_Windows10" > "$tmp/want_new"
	logical "$h" | cmp -s - "$tmp/want_new" &&
	    ok "reordered logs (LOG1 and LOG2 swapped, lower case): replayed in sequence order, as Windows recovered it" ||
	    not_ok "reordered logs" "$(jq -c '.inputs[0].log_status' "$tmp/scan.json")"
	# Another hive's log beside it.
	fresh; rm "$bd"/NewDirtyHive.LOG*
	cp "$y/OldDirtyHive/OldDirtyHive.LOG1" "$bd/NewDirtyHive.LOG1"
	[ "$(facts '.logs_applied' "$h")" = false ] && note 0 | grep -q 'belongs to another hive' &&
	    jq -e '[.findings[].rule] | index("HIVE-001") != null' "$tmp/scan.json" > /dev/null &&
	    ok "foreign log: not applied, 'belongs to another hive'" ||
	    not_ok "foreign log" "$(jq -c '.inputs[0].log_status' "$tmp/scan.json")"
	# A stale old-format log: written before the hive was.
	rm -rf "$bd"; mkdir -p "$bd"
	cp "$y/OldDirtyHive/OldDirtyHive" "$y/OldDirtyHive/OldDirtyHive.LOG1" "$bd/"
	python3 -c 'import struct, sys
f = open(sys.argv[1], "r+b"); b = bytearray(f.read(512))
struct.pack_into("<Q", b, 12, struct.unpack_from("<Q", b, 12)[0] - 10**7)
c = 0
for i in range(0, 508, 4): c ^= struct.unpack_from("<I", b, i)[0]
struct.pack_into("<I", b, 508, c); f.seek(0); f.write(b)' "$bd/OldDirtyHive.LOG1"
	[ "$(facts '.logs_applied' "$bd/OldDirtyHive")" = false ] && note 0 | grep -q '^stale' &&
	    ok "stale old-format log (older than the hive): not applied" ||
	    not_ok "stale old log" "$(jq -c '.inputs[0].log_status' "$tmp/scan.json")"
	run "$SPOOLFIX" recover -o "$tmp/stale.rec" "$bd/OldDirtyHive"
	[ "$st" -eq 2 ] && [ ! -e "$tmp/stale.rec" ] &&
	    grep -q 'no usable transaction log was found (OldDirtyHive.LOG1: stale' "$tmp/err" &&
	    ok "recover without a usable log: refused, saying why, nothing written" ||
	    not_ok "recover stale: exit $st" "$(cat "$tmp/err")"
	# Many random damages: never a crash, never a sanitizer report.
	bad=
	for i in $(seq 1 20); do
		fresh
		for f in LOG1 LOG2; do
			sz=$(wc -c < "$bd/NewDirtyHive.$f")
			flip "$bd/NewDirtyHive.$f" $(( (i * 7919 + ${#f} * 104729) % sz ))
		done
		[ $((i % 5)) -eq 0 ] && head -c $((i * 613)) "$y/NewDirtyHive1/NewDirtyHive.LOG2" > "$bd/NewDirtyHive.LOG2"
		run "$SPOOLFIX" scan --format json "$h"
		{ [ "$st" -ge 3 ] || grep -q 'Sanitizer\|runtime error' "$tmp/err"; } &&
		    bad="$bad $i"
	done
	[ -z "$bad" ] && ok "20 damaged log pairs: no crash" ||
	    not_ok "damaged logs crashed:$bad" "$(head -c 600 "$tmp/err")"

	# The real dirty regipy hives recover and scan without damage.
	for c in "SYSTEM_B SYSTEM_B.LOG1 SYSTEM_B.LOG2" \
	    "transactions_NTUSER.DAT transactions_ntuser.dat.log1 transactions_ntuser.dat.log2"; do
		set -- $c
		r=$tmp/regipy
		rm -rf "$r"; mkdir -p "$r"
		for f in "$@"; do xz -dc "$corpus/regipy/$f.xz" > "$r/$f"; done
		[ "$(facts '[.logs_applied, .corrupt, (.problems | length)] | @tsv' "$r/$1")" = "$(printf 'true\tfalse\t0')" ] &&
		    ok "regipy $1: read with its logs ($(jq -r '.inputs[0] | "\(.file_sequence[0])/\(.file_sequence[1]) -> \(.sequence[0])/\(.sequence[1])"' "$tmp/scan.json")), no damage" ||
		    not_ok "regipy $1" "$(jq -c '.inputs[0] | [.error, .problems, .log_status]' "$tmp/scan.json")"
		run "$SPOOLFIX" recover -o "$r/rec" "$r/$1"
		[ "$st" -eq 0 ] && "$TOOLS/walk" "$r/rec" > /dev/null &&
		    ok "regipy $1: recovered, libregf reads it" ||
		    not_ok "recover regipy $1: exit $st" "$(cat "$tmp/err")"
	done
	rm -rf "$tmp/regipy"
else
	skip "recovery against Windows' recovered hives" "$corpus is absent"
fi

# --- a dirty hive with print keys whose faults live only in its log ---
w=$tmp/w
mkdir -p "$w/new"
hive "$w/SYSTEM" $B/system.hreg < /dev/null
hive "$w/new/SYSTEM" $B/system.hreg $S/system-faults.hreg < /dev/null
"$TOOLS/mklog" "$w/SYSTEM" "$w/new/SYSTEM" "$w/SYSTEM.LOG1"
: > "$w/SYSTEM.LOG2"
run "$SPOOLFIX" scan --format jsonl "$w/new/SYSTEM"
awk -f tests/jsonl.awk "$tmp/out" | cut -f1,3,4 | sort > "$tmp/want.tsv"
run "$SPOOLFIX" scan --format jsonl "$w/SYSTEM"
awk -f tests/jsonl.awk "$tmp/out" | cut -f1,3,4 | grep -v '^HIVE-001' | sort > "$tmp/got.tsv"
[ -s "$tmp/want.tsv" ] && cmp -s "$tmp/got.tsv" "$tmp/want.tsv" &&
    ok "faults only in the log: the scan finds all $(wc -l < "$tmp/want.tsv") of them" ||
    not_ok "scan of the log's state" "$(diff "$tmp/got.tsv" "$tmp/want.tsv" | head -6)"
run "$SPOOLFIX" scan --format jsonl --no-logs "$w/SYSTEM"
awk -f tests/jsonl.awk "$tmp/out" | grep -q '^HIVE-007' &&
    ! awk -f tests/jsonl.awk "$tmp/out" | grep -q '^LPR-' &&
    ok "--no-logs: the stale primary, HIVE-007, none of the log's faults" ||
    not_ok "--no-logs on the synthetic hive" "$(cut -c1-200 "$tmp/out" | head -5)"

# A log that grows the hive to many times its size (new hive bins after
# the old, as Windows appends them).  Past twice the primary's size no
# room is reserved for it up front (log_replay.c, room_for), so the
# image moves to a larger block while the entry is applied (grow), and
# every old page the log does not hold must come along.  Read and
# recovered, it is the new hive, for spoolfix's reader and libregf.
g=$tmp/g
mkdir -p "$g/new"
hive "$g/SYSTEM" $B/system.hreg $S/system-faults.hreg < /dev/null
python3 -c 'import struct, sys
d = bytearray(open(sys.argv[1], "rb").read())
old = struct.unpack_from("<I", d, 40)[0]
add = 4096 * 256
for off in range(old, old + add, 4096):
    b = bytearray(4096)
    b[0:4] = b"hbin"
    struct.pack_into("<III", b, 4, off, 4096, 0)
    struct.pack_into("<i", b, 32, 4096 - 32)
    d[4096 + off:4096 + off] = b
struct.pack_into("<I", d, 40, old + add)
c = 0
for i in range(0, 508, 4):
    c ^= struct.unpack_from("<I", d, i)[0]
struct.pack_into("<I", d, 508, c)
open(sys.argv[2], "wb").write(d[:4096 + old + add])' "$g/SYSTEM" "$g/new/SYSTEM"
"$TOOLS/mklog" "$g/SYSTEM" "$g/new/SYSTEM" "$g/SYSTEM.LOG1"
o=$(wc -c < "$g/SYSTEM") n=$(wc -c < "$g/new/SYSTEM")
logical "$g/new/SYSTEM" > "$tmp/want"
logical "$g/SYSTEM" > "$tmp/got"
run "$SPOOLFIX" recover -o "$g/rec" "$g/SYSTEM"
[ "$n" -gt $((4 * o)) ] && [ -s "$tmp/want" ] && cmp -s "$tmp/got" "$tmp/want" &&
    [ "$st" -eq 0 ] && "$TOOLS/walk" -d "$g/rec" | sort > "$tmp/l1" &&
    "$TOOLS/walk" -d "$g/new/SYSTEM" | sort | cmp -s - "$tmp/l1" &&
    ok "a log that grows the hive from $o to $n bytes: read and recovered as the new hive (spoolfix's reader and libregf)" ||
    not_ok "log that grows the hive ($o to $n bytes): exit $st" \
    "$(diff "$tmp/got" "$tmp/want" | head -5; cat "$tmp/err")"

# recover --in-place: backup of the hive and its logs, which leave.
cp -R "$w" "$tmp/ip"
cp "$tmp/ip/SYSTEM" "$tmp/ip.orig"
cp "$tmp/ip/SYSTEM.LOG1" "$tmp/ip.log1"
run "$SPOOLFIX" recover --in-place --backup-dir "$tmp/ipbk" "$tmp/ip/SYSTEM"
[ "$st" -eq 0 ] && [ ! -e "$tmp/ip/SYSTEM.LOG1" ] && [ ! -e "$tmp/ip/SYSTEM.LOG2" ] &&
    cmp -s "$tmp/ipbk"/SYSTEM.2*.bak "$tmp/ip.orig" &&
    cmp -s "$tmp/ipbk"/SYSTEM.LOG1.*.bak "$tmp/ip.log1" &&
    [ "$(facts '[.dirty, .logs_applied] | @tsv' "$tmp/ip/SYSTEM")" = "$(printf 'false\tfalse')" ] &&
    logical "$tmp/ip/SYSTEM" | cmp -s - "$(logical "$w/new/SYSTEM" > "$tmp/l2"; echo "$tmp/l2")" &&
    ok "recover --in-place: clean hive with the log's content; hive and logs in the backup folder, logs out of the hive's" ||
    not_ok "recover --in-place: exit $st" "$(cat "$tmp/out" "$tmp/err"; ls "$tmp/ip" "$tmp/ipbk" 2>&1)"

# repair of the dirty hive: the plan from the log's state, written onto
# the recovered hive, the old logs moved into the backup folder.
cp -R "$w" "$tmp/rp"
cp "$tmp/rp/SYSTEM.LOG1" "$tmp/rp.log1"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/rpbk" "$tmp/rp/SYSTEM"
grep -q '^repaired: .*SYSTEM (5 changes, verified' "$tmp/out" &&
    [ ! -e "$tmp/rp/SYSTEM.LOG1" ] && cmp -s "$tmp/rpbk"/SYSTEM.LOG1.*.bak "$tmp/rp.log1" &&
    [ -e "$(ls "$tmp/rpbk"/SYSTEM.recovered.*.bak)" ] &&
    [ "$(facts '[.dirty, .corrupt] | @tsv' "$tmp/rp/SYSTEM")" = "$(printf 'false\tfalse')" ] &&
    ! jq -e '[.findings[].rule] | map(select(startswith("LPR"))) | length > 0' "$tmp/scan.json" > /dev/null &&
    ok "repair of a dirty hive with its log: recovered hive plus the 5 fixes, verified; logs moved into the backup folder" ||
    not_ok "repair of a dirty hive: exit $st" "$(cat "$tmp/out" "$tmp/err" | head -20)"
# Without usable logs repair still refuses, and changes nothing.
mkdir -p "$tmp/rf"
cp "$w/new/SYSTEM" "$tmp/rf/SYSTEM"
"$TOOLS/mklog" "$tmp/rf/SYSTEM" "$tmp/rf/SYSTEM" "$tmp/rf.log"
: > "$tmp/rf/SYSTEM.LOG1"
cp "$tmp/rf/SYSTEM" "$tmp/rf.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/rfbk" "$tmp/rf/SYSTEM"
cmp -s "$tmp/rf/SYSTEM" "$tmp/rf.orig" && grep -q 'no usable transaction log was applied' "$tmp/err" &&
    ok "repair of a dirty hive without usable logs: refused, unchanged" ||
    not_ok "repair without usable logs: exit $st" "$(cat "$tmp/out" "$tmp/err" | head)"
t_done
