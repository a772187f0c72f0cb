#!/bin/sh
# The corpus pass: every hive in ../shared/corpus (real hives published by
# regipy, yarp, dfwinreg, hivex and notatin; .xz files are decompressed
# into a temporary folder) is scanned on its own.  Each scan must end
# with exit 0, 1 or 2 and, for 2, a message; never a crash or a hang.
# Healthy hives must yield no error-severity finding and match their
# golden findings in tests/corpus/; dirty and damaged ones must be
# reported as such.  Skipped, saying so, when the corpus is absent.
#     SPOOLFIX_REGEN=1 sh tests/corpus.sh   regenerates the golden files
. "$(dirname "$0")/lib.sh"
corpus=${SPOOLFIX_CORPUS:-$top/../shared/corpus}
if [ ! -d "$corpus" ]; then
	skip "corpus pass" "$corpus is absent"
	t_done
	exit 0
fi
corpus=$(cd "$corpus" && pwd)
c=$tmp/corpus
mkdir -p "$c"
# Copy the tree, decompressing .xz files beside their logs.
(cd "$corpus" && find . -type f) | while read -r f; do
	mkdir -p "$c/$(dirname "$f")"
	case $f in
	*.xz) xz -dc "$corpus/$f" > "$c/${f%.xz}";;
	*) cp "$corpus/$f" "$c/$f";;
	esac
done

healthy=" ./regipy/SYSTEM ./dfwinreg/SYSTEM ./regipy/NTUSER.DAT \
./notatin/NTUSER.DAT ./dfwinreg/NTUSER.DAT ./yarp/BigDataHive \
./yarp/UnicodeHive ./yarp/OffHive ./yarp/ManySubkeysHive \
./yarp/BogusKeyNamesHive ./hivex/minimal ./hivex/special \
./yarp/NewDirtyHive1/RecoveredHive_Windows10 \
./yarp/OldDirtyHive/RecoveredHive_Windows7 "
dirty=" ./regipy/SYSTEM_2 ./regipy/SYSTEM_B ./regipy/transactions_NTUSER.DAT \
./yarp/NewDirtyHive1/NewDirtyHive ./yarp/OldDirtyHive/OldDirtyHive \
./yarp/BadBaseBlockHive/BadBaseBlockHive "
# Dirty hives with usable logs beside them: read as recovered.
withlogs=" ./regipy/SYSTEM_B ./regipy/transactions_NTUSER.DAT \
./yarp/NewDirtyHive1/NewDirtyHive ./yarp/OldDirtyHive/OldDirtyHive \
./yarp/BadBaseBlockHive/BadBaseBlockHive "
damaged=" ./regipy/corrupted_system_hive ./yarp/BadListHive \
./yarp/BadSubkeyHive ./yarp/InvalidParentHive ./yarp/DuplicateSubkeysHive \
./yarp/WrongOrderHive ./yarp/GarbageHive ./yarp/EffectiveSizeHive \
./yarp/TruncatedHive "

cd "$c" || exit 2
# The list is read on descriptor 3 so the loop runs in this shell (its
# results count) and the commands inside cannot eat it from stdin.
find . -type f | sort > "$tmp/files"
while read -r f <&3; do
	case $(basename "$f") in
	LICENSE*|README*|*.LOG|*.LOG1|*.LOG2|*.log1|*.log2) continue;;
	esac
	run timeout 120 "$SPOOLFIX" scan --format jsonl "$f"
	no_crash "$f" || continue
	if [ "$st" -eq 2 ] && [ ! -s "$tmp/err" ]; then
		not_ok "$f: exit 2 without a message"
		continue
	fi
	ok "$f: exit $st$( [ "$st" -eq 2 ] && printf ', %s' \
	    "$(head -1 "$tmp/err" | cut -c1-90)")"
	awk -f "$top/tests/jsonl.awk" "$tmp/out" > "$tmp/f.tsv"
	case $healthy in *" $f "*)
		n=$(awk -F'\t' '$2 == "error"' "$tmp/f.tsv" | wc -l)
		[ "$n" -eq 0 ] && ok "$f: healthy, no error-severity findings" ||
		    not_ok "$f: $n error findings on a healthy hive" \
		    "$(awk -F'\t' '$2 == "error" {print $1, $3}' "$tmp/f.tsv")"
		g=$top/tests/corpus/$(echo "${f#./}" | tr '/' '_').findings
		# A header names the hive, so that no golden file is empty
		# (an empty one would equal the corpus's empty .LOG2 files).
		{ printf '# spoolfix scan of corpus %s: rule, severity, key, ' \
		    "${f#./}"
		  printf 'value, fix, message (tab-separated)\n'
		  cat "$tmp/f.tsv"; } > "$tmp/f.golden"
		if [ -n "${SPOOLFIX_REGEN:-}" ]; then
			regen "$tmp/f.golden" "$g"
		elif diff -u "$g" "$tmp/f.golden" > "$tmp/diff" 2>&1; then
			ok "$f: findings match tests/corpus/$(basename "$g")"
		else
			not_ok "$f: findings differ from its golden file" \
			    "$(head -30 "$tmp/diff")"
		fi;;
	esac
	case $dirty in *" $f "*)
		# HIVE-001 with logs beside it or no print keys, else HIVE-007.
		grep -q '^HIVE-00[17]	' "$tmp/f.tsv" && ok "$f: reported dirty" ||
		    not_ok "$f: dirty hive not reported";;
	esac
	case $withlogs in *" $f "*)
		# The replayed state, naming the logs applied (HIVE-001).
		"$SPOOLFIX" scan --format json "$f" > "$tmp/f.json" 2>/dev/null
		jq -e '.inputs[0].logs_applied and (.inputs[0].corrupt | not)
		    and ([.findings[] | select(.rule == "HIVE-001") |
		    .message | test("applied: ")] | any)' "$tmp/f.json" \
		    > /dev/null && ok "$f: read with its logs applied ($(jq -r \
		    '.inputs[0] | "\(.file_sequence | map(tostring) | join("/")) -> \(.sequence | map(tostring) | join("/"))"' \
		    "$tmp/f.json")), no damage, HIVE-001 names them" ||
		    not_ok "$f: logs not applied" "$(jq -c \
		    '.inputs[0] | [.error, .problems, .log_status]' "$tmp/f.json")";;
	esac
	case $damaged in *" $f "*)
		grep -q '^HIVE-00[23]	' "$tmp/f.tsv" &&
		    ok "$f: reported damaged or unreadable" ||
		    not_ok "$f: damage not reported";;
	esac
done 3< "$tmp/files"

# A whole machine: the regipy SYSTEM with the regipy user hive.
run "$SPOOLFIX" scan --format json ./regipy/SYSTEM ./regipy/NTUSER.DAT
no_crash "regipy machine" && [ "$st" -le 1 ] &&
    jq -e '.summary.error == 0 and .host == "WKS-WIN732BITA"' "$tmp/out" \
    > /dev/null && ok "regipy SYSTEM + NTUSER as one machine: no errors" ||
    not_ok "regipy machine" "$(head -c 400 "$tmp/out")"
t_done
