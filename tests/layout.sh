#!/bin/sh
# The shape of the library (lib/README.md): stages in folders, each
# using only itself and the stages below it, with no cycle between
# files.  Checked twice: on the #include lines of the sources, and on
# the symbols each object file takes from another (nm), which also
# catches a call made through a header of the same stage.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
stages="base hive machine rules scan write"
rank() {	# rank STAGE: its position, 0 for spoolfix.h at the top of lib/
	r=0
	for s in $stages; do
		[ "$s" = "$1" ] && { echo "$r"; return; }
		r=$((r + 1))
	done
	echo 99
}

# Every source sits in a stage folder; only spoolfix.h is at the top.
stray=$(ls lib/*.c lib/*.h 2>/dev/null | grep -v '^lib/spoolfix.h$' | tr '\n' ' ')
[ -z "$stray" ] && ok "lib/ holds only stage folders and spoolfix.h" ||
    not_ok "files outside the stage folders" "$stray"
odd=""
for d in lib/*/; do
	d=${d%/}; d=${d#lib/}
	[ "$(rank "$d")" -eq 99 ] && odd="$odd $d"
done
[ -z "$odd" ] && ok "every folder of lib/ is a stage: $stages" ||
    not_ok "folders not named in the stage order" "$odd"

# Includes: a file includes headers of its own stage or below.
bad=""
for f in lib/*/*.[ch]; do
	s=$(echo "$f" | cut -d/ -f2)
	for h in $(sed -n 's/^#include "\([a-z_]*\)\/.*/\1/p' "$f"); do
		[ "$(rank "$h")" -le "$(rank "$s")" ] || bad="$bad $f->$h"
	done
done
[ -z "$bad" ] && ok "includes point down the stages" ||
    not_ok "includes that point up the stages" "$bad"

# make bench still runs end to end and prints every ratio.
. "$top/tests/bench/smoke.sh"

# Links: which object defines what each object uses.
objs=$(ls lib/*/*.o 2>/dev/null)
if [ -z "$objs" ] || ! command -v nm > /dev/null 2>&1; then
	skip "link-level stages and cycles" "no objects built, or no nm"
	t_done; exit
fi
for o in $objs; do
	m=${o#lib/}; m=${m%.o}
	nm --defined-only "$o" | awk -v m="$m" '$2 ~ /[TDBRC]/ { print m, $3 }'
done > "$tmp/defs"
for o in $objs; do
	m=${o#lib/}; m=${m%.o}
	nm -u "$o" | awk -v m="$m" '{ print m, $2 }'
done > "$tmp/uses"
awk 'NR == FNR { d[$2] = $1; next }
	($2 in d) && d[$2] != $1 { print $1, d[$2] }' "$tmp/defs" "$tmp/uses" |
    sort -u > "$tmp/edges"
[ -s "$tmp/edges" ] || not_ok "no links found between objects"
up=""
while read -r a b; do
	[ "$(rank "${b%%/*}")" -le "$(rank "${a%%/*}")" ] || up="$up $a->$b"
done < "$tmp/edges"
[ -z "$up" ] && ok "objects use only their stage and those below ($(wc -l < "$tmp/edges") links)" ||
    not_ok "objects using a later stage" "$up"
if tsort "$tmp/edges" > /dev/null 2> "$tmp/tsort"; then
	ok "no cycle between the library's files"
else
	not_ok "files that depend on each other in a cycle" \
	    "$(grep -v 'input contains a loop' "$tmp/tsort" | sed 's/^tsort: //' | tr '\n' ' ')"
fi
t_done
