#!/bin/sh
# Differential test of the two readers: spoolfix's cell reader
# (tests/tools/treedump) and libregf (tests/tools/walk -d) must list the
# same keys, values, types and data for every readable hive of the corpus
# and for the sample machine.  The comparison uses what libregf 20201007
# can report faithfully (names and strings up to a NUL, data of four
# bytes or more), see tests/tools/dumpfmt.h.  libregf never applies
# transaction logs, so the hives are compared as their primary files
# (treedump -n); a dirty hive read with its logs applied is compared
# with libregf reading the hive spoolfix recover wrote from it.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base
S=fixtures/sample
hive "$tmp/h/SYSTEM" $B/system.hreg $S/system-faults.hreg < /dev/null
hive "$tmp/h/SOFTWARE" $B/software.hreg $S/software-faults.hreg < /dev/null
hive "$tmp/h/NTUSER.DAT" $B/ntuser.hreg $S/ntuser-alice-faults.hreg < /dev/null
set -- "$tmp"/h/*
corpus=$top/../shared/corpus
if [ -d "$corpus" ]; then
	for f in $(cd "$corpus" && find . -type f | sort); do
		case $f in
		*LICENSE*|*README*|*.LOG*|*.log*) continue;;
		*.xz) out=$tmp/c/$(echo "${f%.xz}" | tr '/' '_')
		      mkdir -p "$tmp/c"; xz -dc "$corpus/$f" > "$out";;
		*) out=$corpus/$f;;
		esac
		set -- "$@" "$out"
	done
else
	skip "corpus hives" "$corpus is absent"
fi
for h in "$@"; do
	# Only hives both readers can open are compared.
	tests/tools/walk "$h" > /dev/null 2>&1 || continue
	tests/tools/treedump -n "$h" > /dev/null 2>&1 || continue
	tests/tools/treedump -n "$h" | sort > "$tmp/all"
	# Unterminated strings ("U" lines): libregf reads past their size.
	grep '^U	' "$tmp/all" | cut -f2-4 > "$tmp/skip"
	grep -v '^U	' "$tmp/all" > "$tmp/ours"
	tests/tools/walk -d "$h" | awk -F'\t' 'FILENAME == ARGV[1] { s[$0]; next }
	    !($1 == "V" && (($2 "\t" $3 "\t" $4) in s))' "$tmp/skip" - |
	    sort > "$tmp/libregf"
	name=${h#"$tmp/"}
	u=$(wc -l < "$tmp/skip")
	if cmp -s "$tmp/ours" "$tmp/libregf"; then
		ok "$name: $(wc -l < "$tmp/ours") keys and values agree with \
libregf$( [ "$u" -gt 0 ] && echo " ($u unterminated strings set aside)")"
	else
		not_ok "$name: the readers disagree" \
		    "$(diff "$tmp/ours" "$tmp/libregf" | head -10)"
	fi
done
# The recovered image is what both readers see: spoolfix's reader with
# the logs applied in memory, libregf reading the recovered file.
for h in "$corpus/yarp/NewDirtyHive1/NewDirtyHive" \
    "$corpus/yarp/OldDirtyHive/OldDirtyHive"; do
	[ -f "$h" ] || continue
	name=$(basename "$h")
	rm -f "$tmp/rec"
	if ! ./spoolfix recover -o "$tmp/rec" "$h" > /dev/null 2>&1; then
		not_ok "$name: spoolfix recover failed"
		continue
	fi
	tests/tools/treedump "$h" | sort > "$tmp/ours"
	tests/tools/walk -d "$tmp/rec" | sort > "$tmp/libregf"
	cmp -s "$tmp/ours" "$tmp/libregf" &&
	    ok "$name with its logs applied: $(wc -l < "$tmp/ours") keys and values agree with libregf on the recovered file" ||
	    not_ok "$name with its logs: the readers disagree" \
	    "$(diff "$tmp/ours" "$tmp/libregf" | head -10)"
done
t_done
