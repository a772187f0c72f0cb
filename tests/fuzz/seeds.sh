#!/bin/sh
# Builds what the fuzz targets start from, under tests/fuzz/work/ (never
# committed): the sample machine from fixtures/, seed inputs for each
# target generated from fixtures/ and rules/, and the real hives of
# ../shared/corpus when it is present (decompressed, never copied into
# the repository).  Run by "make fuzz" from the top of the tree.
#
#   sh tests/fuzz/seeds.sh
set -eu
top=$(pwd)
w=tests/fuzz/work
MKHIVE=${MKHIVE:-fixtures/mkhive}
SPOOLFIX=${SPOOLFIX:-./spoolfix}
rm -rf "$w/seeds" "$w/machine" "$w/scratch"
for t in hive repair rules reg undo dotreg regex; do mkdir -p "$w/seeds/$t"; done
mkdir -p "$w/machine/Windows/System32/config" "$w/machine/Users/alice" \
    "$w/scratch"

build() {	# build OUT HREG...
	out=$1; shift
	cat "$@" | "$MKHIVE" -o "$out" -
}
cfg=$w/machine/Windows/System32/config
build "$cfg/SYSTEM" fixtures/base/system.hreg fixtures/sample/system-faults.hreg
build "$cfg/SOFTWARE" fixtures/base/software.hreg \
    fixtures/sample/software-faults.hreg
build "$w/machine/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
    fixtures/sample/ntuser-alice-faults.hreg

# Hives: healthy bases, the sample faults, every rule's bad fixture
# machine is too many; the bases with each sample fault file suffice,
# and hives with li/ri lists and big data reach those list and data paths.
n=0
for base in system software ntuser; do
	n=$((n + 1))
	build "$w/seeds/hive/base-$base" fixtures/base/$base.hreg
done
cp "$cfg/SYSTEM" "$w/seeds/hive/sample-system"
cp "$cfg/SOFTWARE" "$w/seeds/hive/sample-software"
cp "$w/machine/Users/alice/NTUSER.DAT" "$w/seeds/hive/sample-ntuser"
build "$w/seeds/hive/smoke" fixtures/examples/smoke.hreg
awk 'BEGIN { print "!lists ri"; print "[Big]";
	print "\"blob\"=fill(3,20000):41";
	for (i = 0; i < 300; i++) printf "[Many\\k%04d]\n\"v\"=dword:%08x\n", i, i }' |
    "$MKHIVE" -o "$w/seeds/hive/ri-lists" -
awk 'BEGIN { print "!lists li";
	for (i = 0; i < 100; i++) printf "[Many\\k%04d]\n", i }' |
    "$MKHIVE" -o "$w/seeds/hive/li-lists" -
# Real hives of at most 1 MiB (larger ones make slow mutations).
corpus=$top/../shared/corpus
if [ -d "$corpus" ]; then
	find "$corpus" -type f ! -name LICENSE ! -name '*.md' | sort |
	while IFS= read -r f; do
		name=corpus-$(printf '%s' "${f#"$corpus"/}" | tr '/' '_')
		case $f in
		*.xz) xz -dc "$f" > "$w/seeds/hive/${name%.xz}" 2>/dev/null ||
			rm -f "$w/seeds/hive/${name%.xz}";;
		*) cp "$f" "$w/seeds/hive/$name";;
		esac
	done
	find "$w/seeds/hive" -name 'corpus-*' -size +1024k -exec rm -f {} +
else
	echo "seeds: ../shared/corpus is absent; fuzzing from fixtures only" >&2
fi
# Hives with their transaction logs, split by the separator fuzz.h
# names: a print hive whose faults are in its log (tests/tools/mklog),
# and the dirty yarp hives with their real logs (new and old format).
sep=SFLOGSEP
build "$w/scratch/old" fixtures/base/system.hreg < /dev/null
build "$w/scratch/new" fixtures/base/system.hreg \
    fixtures/sample/system-faults.hreg < /dev/null
tests/tools/mklog "$w/scratch/old" "$w/scratch/new" "$w/scratch/old.LOG1"
{ cat "$w/scratch/old"; printf %s "$sep"; cat "$w/scratch/old.LOG1"; } \
    > "$w/seeds/hive/logs-sample"
rm -f "$w/scratch/old" "$w/scratch/new" "$w/scratch/old.LOG1"
for d in NewDirtyHive1/NewDirtyHive OldDirtyHive/OldDirtyHive; do
	[ -f "$corpus/yarp/$d" ] || continue
	{ cat "$corpus/yarp/$d"; printf %s "$sep"; cat "$corpus/yarp/$d.LOG1"
	  printf %s "$sep"; cat "$corpus/yarp/$d.LOG2"; } \
	    > "$w/seeds/hive/logs-$(basename "$d")"
done

# Repair starts from hives with something to repair.
cp "$w"/seeds/hive/sample-* "$w/seeds/repair/"
build "$w/seeds/repair/lpr-ri" fixtures/base/system.hreg \
    fixtures/sample/system-faults.hreg < /dev/null

# Rules: the shipped files, the lint test's bad file, a file for a newer
# rule language, and each rule on its own (small inputs mutate faster).
cp rules/*.rules "$w/seeds/rules/"
cp tests/data/bad.rules "$w/seeds/rules/bad.rules"
printf 'language 2\n\nrule NEW-001 {\n\twhen name not matches /x/\n}\n' \
    > "$w/seeds/rules/language-2"
awk -v out="$w/seeds/rules/one-" '
	/^rule / { n++ }
	n > 0 { print > (out n) }' rules/*.rules

# .reg: a plan and an undo file of the sample machine, in both encodings.
cp -R "$w/machine" "$w/scratch/m"
"$SPOOLFIX" repair --dry-run --plan "$w/seeds/reg/plan.reg" \
    --root "$w/scratch/m" > /dev/null 2>&1 || true
"$SPOOLFIX" repair --yes --backup-dir "$w/scratch/b" --root "$w/scratch/m" \
    > /dev/null 2>&1 || true
[ -f "$w/scratch/b/undo.reg" ] && cp "$w/scratch/b/undo.reg" "$w/seeds/reg/"
for f in "$w"/seeds/reg/*.reg; do
	iconv -f UTF-16 -t UTF-8 "$f" > "${f%.reg}-utf8.reg" 2>/dev/null || :
done
printf 'REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\x]\r\n"a"=hex(7):41,00,00,00,\\\r\n  00,00\r\n"b"=dword:00000001\r\n@="s"\r\n[-HKEY_LOCAL_MACHINE\\SYSTEM\\y]\r\n' \
    > "$w/seeds/reg/small-regedit4.reg"
# An undo file with extension lines (";spoolfix ", for the names a .reg
# line cannot hold): a repair of ports named with a NUL and a backslash
# and of one holding a value named with a NUL; and the kept inputs.
P='ControlSet002\Control\Print\Monitors\LPR Port\Ports'
printf '[%s\\nul{U+0000}h,x:q]\n"Server Name"="n"\n"a{U+0000}b"="v"\n[%s\\b{U+005C}s,y:q]\n"Server Name"="b"\n[%s\\p,z:q]\n"n{U+000A}v%%"="w"\n' \
    "$P" "$P" "$P" | cat fixtures/base/system.hreg - |
    "$MKHIVE" -o "$w/scratch/SYSTEM" -
"$SPOOLFIX" repair --yes --backup-dir "$w/scratch/bx" "$w/scratch/SYSTEM" \
    > /dev/null 2>&1 || true
[ -f "$w/scratch/bx/undo.reg" ] && cp "$w/scratch/bx/undo.reg" \
    "$w/seeds/reg/undo-extension.reg"
cp tests/fuzz/regress/reg/* "$w/seeds/reg/" 2>/dev/null || :
cp "$w"/seeds/reg/* "$w/seeds/undo/"
cp tests/fuzz/regress/undo/* "$w/seeds/undo/" 2>/dev/null || :
# Exports of the sample machine as regedit writes them (UTF-16LE, BOM,
# CRLF) and as UTF-8, one per hive, for dotreg.
if command -v hivexregedit > /dev/null 2>&1; then
	for x in SYSTEM:Windows/System32/config/SYSTEM \
	    SOFTWARE:Windows/System32/config/SOFTWARE \
	    USERS\\alice:Users/alice/NTUSER.DAT; do
		r=${x%%:*}; f=${x#*:}
		case $r in USERS*) p="HKEY_$r";; *) p="HKEY_LOCAL_MACHINE\\$r";; esac
		n=$(basename "$f")
		hivexregedit --export --prefix "$p" "$w/machine/$f" '\' \
		    > "$w/seeds/dotreg/$n-utf8.reg" 2>/dev/null || continue
		{ printf '\377\376'; sed 's/$/\r/' "$w/seeds/dotreg/$n-utf8.reg" |
		    iconv -f UTF-8 -t UTF-16LE; } > "$w/seeds/dotreg/$n.reg"
	done
else
	echo "seeds: hivexregedit is absent; dotreg seeds from tests only" >&2
fi
cp tests/fuzz/regress/dotreg/* "$w/seeds/dotreg/" 2>/dev/null || :
# Every pattern of the shipped rules, with names of the kinds they test
# (fuzz_regex.c: a flags-and-length unit, the pattern, the subjects).
grep -ho 'matches */\([^/\\]\|\\.\)*/i\{0,1\}' rules/*.rules | sort -u |
    awk '{ print NR, $0 }' | while read -r n m; do
	re=${m#*/}; flags=${re##*/}; re=${re%/*}
	re=$(printf '%s' "$re" | sed 's|\\/|/|g')
	h=$(( $(printf '%s' "$re" | wc -c) * 2 + (${#flags} > 0) ))
	f=$w/seeds/regex/rule$n
	printf "\\$(printf %03o $((h & 255)))\\$(printf %03o $((h >> 8)))" > "$f"
	{ printf '%s' "$re"
	  printf 'lpd1:queue1 IP_10.0.0.1_2 C:\\Windows\\System32\\x.DLL '
	  printf 'COM12: \\\\srv\\p ,,srv,p TS001'; } |
	    iconv -f UTF-8 -t UTF-16LE >> "$f" 2>/dev/null || :
done
cp tests/fuzz/regress/regex/* "$w/seeds/regex/" 2>/dev/null || :
rm -rf "$w/scratch"
for t in hive repair rules reg undo dotreg regex; do
	printf 'seeds: %-7s %3d files\n' "$t" "$(ls "$w/seeds/$t" | wc -l)"
done
