#!/bin/sh
# spoolfix undo and its .reg reader: every undo file a repair writes
# applies (values of any size restored byte for byte, in the form the
# hive's version needs), reading is linear in the file's size, and a
# malformed or oversized file is refused with its name and line.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=$top/fixtures/base
TOOLS=$top/tests/tools
TREEDUMP=$TOOLS/treedump
PORTS='ControlSet002\Control\Print\Monitors\LPR Port\Ports'

# value NAME TYPE SIZE SEED [flat]: an .hreg/.reg hex value line of SIZE
# bytes whose bytes vary (a segment stored out of order or short would
# show), continued with '\' every 32 bytes unless "flat".
value() {
	awk -v name="$1" -v type="$2" -v n="$3" -v seed="$4" -v flat="$5" '
	    BEGIN {
		printf "\"%s\"=hex(%s):", name, type
		for (i = 0; i < n; i++) {
			printf "%02x", (i * 7 + int(i / 251) + seed) % 256
			if (i + 1 < n) printf ","
			if (i % 32 == 31 && i + 1 < n && flat == "")
				printf "\\\n  "
		}
		printf "\n" }'
}

# big_hive DIR VERSION: a SYSTEM hive whose LPR port "big,one:q" (a comma:
# LPR-001 deletes it) holds values of 16,344, 16,345 and 1,000,000 bytes
# as REG_BINARY and REG_MULTI_SZ.
big_hive() {
	mkdir -p "$1"
	{
		sed "s/^!version 1.5/!version $2/" $B/system.hreg
		printf '[%s\\big,one:q]\n"Server Name"="h"\n' "$PORTS"
		s=1
		for t in 3 7; do
			for n in 16344 16345 1000000; do
				value "t${t}_$n" $t $n $s
				s=$((s + 1))
			done
		done
	} | "$MKHIVE" -o "$1/SYSTEM" -
}

# Each reader's view of the hive: hivex prints every value of the port
# in full (hivexget); libregf reads every value whole (tests/tools/walk,
# which prints sizes and the first bytes; regfexport would take minutes).
views() {	# views HIVE OUT
	hivexget "$1" "$PORTS\\big,one:q" > "$2.hivex" 2>&1
	"$TOOLS/walk" -d "$1" > "$2.walk" 2>&1 && echo "exit 0" >> "$2.walk"
	sort "$2.walk" > "$2.libregf"
}

for ver in 1.5 1.3; do
	w=$tmp/big$ver
	big_hive "$w" $ver
	cp "$w/SYSTEM" "$w/SYSTEM.orig"
	views "$w/SYSTEM.orig" "$w/orig"
	run "$SPOOLFIX" repair --yes --backup-dir "$w/bk" "$w/SYSTEM"
	[ "$st" -eq 0 ] && ! hivexget "$w/SYSTEM" "$PORTS\\big,one:q" \
	    > /dev/null 2>&1 && ok "hive $ver: repair deletes the port key \
holding values of 16,344, 16,345 and 1,000,000 bytes" ||
	    not_ok "hive $ver: repair exit $st" "$(cat "$tmp/err")"
	run timeout 120 "$SPOOLFIX" undo --backup-dir "$w/bk2" \
	    "$w/bk/undo.reg" "$w/SYSTEM"
	[ "$st" -eq 0 ] && grep -q '^restored: .*(8 entries, verified' \
	    "$tmp/out" && ok "hive $ver: its undo file applies and is \
verified" || not_ok "hive $ver: undo exit $st" "$(cat "$tmp/err")"
	views "$w/SYSTEM" "$w/after"
	# The sizes are those asked for, and each reader sees every byte.
	grep -q '^"t7_1000000"=hex(7):' "$w/after.hivex" &&
	    [ "$(grep -c '=hex([37]):' "$w/after.hivex")" -eq 6 ] &&
	    cmp -s "$w/orig.hivex" "$w/after.hivex" && ok "hive $ver: hivex \
reads the six restored values byte for byte as before" ||
	    not_ok "hive $ver: hivex sees other values" \
	    "$(diff "$w/orig.hivex" "$w/after.hivex" | cut -c1-120 | head -5)"
	[ "$(grep -c '	1000000$' "$w/after.libregf")" -eq 2 ] &&
	    grep -q '^exit 0' "$w/after.libregf" &&
	    cmp -s "$w/orig.libregf" "$w/after.libregf" && ok "hive $ver: \
libregf reads them as before" || not_ok "hive $ver: libregf sees other \
values" "$(diff "$w/orig.libregf" "$w/after.libregf" | head -5)"
	"$TOOLS/treedump" "$w/SYSTEM" | sort > "$w/t1"
	"$TOOLS/treedump" "$w/SYSTEM.orig" | sort > "$w/t2"
	cmp -s "$w/t1" "$w/t2" && ok "hive $ver: spoolfix's reader sees the \
original again" || not_ok "hive $ver: treedump differs"
done

# --- reading is linear ---
# A hex value of 20,000 continuation lines (640,000 bytes), applied.
l=$tmp/long
mkdir -p "$l"
printf '[%s\\long,one:q]\n"Server Name"="h"\n' "$PORTS" |
    hive "$l/SYSTEM" $B/system.hreg
{
	printf 'Windows Registry Editor Version 5.00\r\n\r\n'
	printf '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\long,one:q]\r\n'
	value "long" 3 640000 9 | sed 's/$/\r/'
} > "$l/u8.reg"
iconv -f UTF-8 -t UTF-16LE "$l/u8.reg" > "$l/body"
printf '\377\376' | cat - "$l/body" > "$l/undo.reg"
[ "$(grep -c '\\' "$l/u8.reg")" -ge 20000 ] || not_ok "generator: too few lines"
run timeout "$(secs 20)" "$SPOOLFIX" undo --backup-dir "$l/bk" "$l/undo.reg" "$l/SYSTEM"
value "long" 3 640000 9 flat > "$l/want"
if [ "$st" -ne 0 ]; then
	not_ok "a value of 20,000 continuation lines: undo exit $st (124: \
over 20 s)" "$(cat "$tmp/err")"
elif ! hivexget "$l/SYSTEM" "$PORTS\\long,one:q" | grep '^"long"=' |
    cmp -s - "$l/want"; then
	not_ok "the 20,000-line value is not in the hive as written"
else
	ok "a value of 20,000 continuation lines is read and applied within \
20 s, byte for byte"
fi

# A 60 MB file (UTF-8, 400,000 keys with a value each, and one
# 6 MB value) read within 20 s; the hive is not the file's, so nothing
# is written after the reading.
g=$tmp/huge
mkdir -p "$g"
hive "$g/SOFTWARE" $B/software.hreg < /dev/null
awk 'BEGIN {
	print "Windows Registry Editor Version 5.00\r"
	for (i = 0; i < 400000; i++) {
		printf "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\k%06d]\r\n", i
		printf "\"v\"=hex:00,01,02,03,04,05,06,07,08,09\r\n"
	}
	print "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\big]\r"
	printf "\"b\"=hex:"
	for (i = 0; i < 6000000; i++)
		printf (i % 25 == 24 ? "%02x,\\\r\n  " : "%02x,"), i % 256
	print "00\r" }' > "$g/undo.reg"
size=$(wc -c < "$g/undo.reg")
run timeout "$(secs 20)" "$SPOOLFIX" undo --backup-dir "$g/bk" "$g/undo.reg" \
    "$g/SOFTWARE"
[ "$size" -gt 50000000 ] && [ "$st" -eq 2 ] && grep -q 'no entry for this' \
    "$tmp/err" && ok "a $((size / 1000000)) MB undo file is read within 20 s" ||
    not_ok "60 MB undo file: exit $st (124: over 20 s)" "$(cat "$tmp/err")"

# --- a malformed or oversized file: its name and line, nothing applied ---
m=$tmp/bad
mkdir -p "$m"
hive "$m/SYSTEM" $B/system.hreg < /dev/null
cp "$m/SYSTEM" "$m/SYSTEM.orig"
K='[HKEY_LOCAL_MACHINE\SYSTEM\ControlSet002\Control\Print\Monitors\LPR Port\Ports\x:q]'
n=0
while IFS='|' read -r line want; do
	n=$((n + 1))
	printf 'Windows Registry Editor Version 5.00\n\n%s\n%s\n' "$K" \
	    "$line" > "$m/b$n.reg"
	run "$SPOOLFIX" undo --backup-dir "$m/bk$n" "$m/b$n.reg" "$m/SYSTEM"
	no_crash "malformed line $n" || continue
	[ "$st" -eq 2 ] && grep -q "b$n.reg:4: $want" "$tmp/err" &&
	    cmp -s "$m/SYSTEM" "$m/SYSTEM.orig" && ok "refused with file:line \
and the reason: $line" || not_ok "malformed '$line': exit $st" \
	    "$(cat "$tmp/err")"
done <<'EOF'
[|malformed key header
[-]|malformed key header
[a\\b]|malformed key header
"v"=hex:0|malformed value data
"v"=hex:00,,01|malformed value data
"v"=hex(100000000):00|malformed value data
"v"=dword:123|malformed value data
"v=hex:00|malformed value line
"v"="unterminated|malformed value data
"v"=hex:00,\|malformed value data
EOF
# A file too large to read: sparse, so it takes no disk space.
truncate -s 300M "$m/large.reg"
run "$SPOOLFIX" undo --backup-dir "$m/bkl" "$m/large.reg" "$m/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'large.reg: the undo file is too large' \
    "$tmp/err" && grep -q 'more than 256 MB' "$tmp/err" &&
    ! grep -q 'hive (' "$tmp/err" && grep -q 'backup (.bak)' "$tmp/err" && ok "an oversized undo file is named as \
one, with the limit and what to do" || not_ok "oversized undo file: exit $st" \
    "$(cat "$tmp/err")"

# --- a repair whose undo file would be too large to read is refused ---
# 45 MB of value data is about 300 MB of .reg text.
o=$tmp/over
printf '[%s\\huge,one:q]\n"b"=fill(3,45000000):41\n' "$PORTS" |
    hive "$o/SYSTEM" $B/system.hreg
cp "$o/SYSTEM" "$o/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$o/bk" "$o/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'the undo file would be larger than the 256 MB' \
    "$tmp/err" && grep -q 'what to do' "$tmp/err" &&
    cmp -s "$o/SYSTEM" "$o/SYSTEM.orig" && [ ! -e "$o/bk/undo.reg" ] &&
    ok "a repair whose undo file could not be read back is refused, \
nothing changed, no undo file" || not_ok "oversized undo: repair exit $st" \
    "$(cat "$tmp/err")"
# --- keys with non-ASCII names are re-created where Windows looks ---
# Subkey lists are sorted by upper-cased UTF-16 units (hivex put such
# keys at the wrong place, so undo refused them).  The ports with a
# comma are deleted by the repair and re-created by the undo, among
# siblings they sort between; the written hive must pass spoolfix's
# structural check (sorted lists, lh hashes) and read in libregf and
# hivex as before the repair.
u=$tmp/uni
{
	for n in 'Ärger,a:q' 'zeta:q' 'Éclair,b:q' 'apfel:q' 'ürsel,c:q' \
	    'Ωmega,d:q' 'ωmicron:q' 'Яблоко,e:q' 'ZZ:q'; do
		printf '[%s\\%s]\n"Server Name"="h"\n"Printer Name"="q"\n' \
		    "$PORTS" "$n"
	done
} | hive "$u/SYSTEM" $B/system.hreg
cp "$u/SYSTEM" "$u/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$u/bk" "$u/SYSTEM"
r1=$st
run "$SPOOLFIX" undo --backup-dir "$u/bk2" "$u/bk/undo.reg" "$u/SYSTEM"
r2=$st
"$TOOLS/walk" -d "$u/SYSTEM.orig" | sort > "$tmp/uo"
"$TOOLS/walk" -d "$u/SYSTEM" | sort > "$tmp/un"
run "$SPOOLFIX" scan --format jsonl "$u/SYSTEM"
[ "$r1" -le 1 ] && [ "$r2" -eq 0 ] && cmp -s "$tmp/uo" "$tmp/un" &&
    ! grep -q '"rule":"HIVE-' "$tmp/out" && hivexml "$u/SYSTEM" > /dev/null &&
    ok "undo re-creates keys named Ärger, Éclair, ürsel, Ωmega and \
Яблоко in sorted order: the hive is sound and reads as before" ||
    not_ok "non-ASCII undo: repair $r1, undo $r2" "$(cat "$tmp/err"; \
    diff "$tmp/uo" "$tmp/un" | head -5; grep HIVE- "$tmp/out")"
# --- names a plain .reg line cannot hold are restored exactly ---
# Ports that LPR-001 deletes: one named with a NUL (holding a value
# named with a NUL, one with '%' and a subkey whose name holds a line
# feed), one named with a backslash, and one with a plain name holding a
# value named with a NUL and a subkey with '%'.  The undo file writes
# them as ";spoolfix" extension lines; spoolfix undo restores every key
# and value, names compared as stored (libregf's raw names: the UTF-16
# names libregf, hivex and reglookup give stop at a NUL).  The plain
# lines alone are what regedit would import: applied on their own they
# restore all but the keys and values that need the extension.
x=$tmp/ext
printf '[%s\\nul{U+0000}host,x:q]\n"Server Name"="nul"\n"a{U+0000}b"="v"\n"c%%d"=dword:5\n[%s\\nul{U+0000}host,x:q\\sub\\deep{U+000A}x]\n"l{U+000D}"=hex:01\n[%s\\back{U+005C}slash,y:q]\n"Server Name"="b"\n[%s\\plain,z:q]\n"Server Name"="p"\n"n{U+0000}v"="w"\n@="d"\n[%s\\plain,z:q\\c%%child]\n[%s\\cr{U+000D}{U+005B}HKEY_LOCAL_MACHINE{U+005C}SOFTWARE{U+005C}Evil{U+005D}{U+000A}{U+0022}v{U+0022}={U+0022}1{U+0022},w:q]\n' \
    "$PORTS" "$PORTS" "$PORTS" "$PORTS" "$PORTS" "$PORTS" |
    hive "$x/SYSTEM" $B/system.hreg
cp "$x/SYSTEM" "$x/SYSTEM.orig"
run "$SPOOLFIX" repair --yes --backup-dir "$x/bk" "$x/SYSTEM"
r1=$st
cp "$x/SYSTEM" "$x/SYSTEM.rep"
"$TOOLS/walk" -d -r "$x/SYSTEM.orig" | sort > "$x/orig.raw"
"$TOOLS/walk" -d -r "$x/SYSTEM" | sort > "$x/rep.raw"
# The NUL, backslash and LF names as stored (bytes as 01XX units).
nulkey=016e0175016c01000168016f01730174012c0178013a0171
[ "$r1" -eq 0 ] && grep -q "/$nulkey	" "$x/orig.raw" &&
    grep -q "/$nulkey/017301750162/0164016501650170010a0178$" "$x/orig.raw" &&
    ! grep -q "$nulkey\|016201610163016b015c\|0170016c01610169016e012c" \
    "$x/rep.raw" && ok "repair deletes the ports named with a NUL and a \
backslash, and the one holding a NUL-named value" ||
    not_ok "extension names: repair exit $r1" "$(cat "$tmp/err")"
iconv -f UTF-16LE -t UTF-8 "$x/bk/undo.reg" 2> /dev/null | tr -d '\r' \
    > "$x/undo.txt"
P='\[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports'
grep -qx ";spoolfix $P\\\\nul%0000host,x:q\\]" "$x/undo.txt" &&
    grep -qx ";spoolfix $P\\\\nul%0000host,x:q\\\\sub\\\\deep%000Ax\\]" "$x/undo.txt" &&
    grep -qx ";spoolfix $P\\\\back%005Cslash,y:q\\]" "$x/undo.txt" &&
    grep -qx ';spoolfix "a%0000b"=hex(1):76,00,00,00' "$x/undo.txt" &&
    grep -qx ';spoolfix "c%0025d"=dword:00000005' "$x/undo.txt" &&
    grep -qx ';spoolfix "l%000D"=hex:01' "$x/undo.txt" &&
    grep -qx ';spoolfix "n%0000v"=hex(1):77,00,00,00' "$x/undo.txt" &&
    grep -qx "$P\\\\plain,z:q\\\\c%child\\]" "$x/undo.txt" &&
    ! grep -q '^\[.*\(nul\|back\)' "$x/undo.txt" &&
    ok "the undo file holds those names as ;spoolfix lines (%0000 NUL, \
%005C backslash, %000A LF, %000D CR, %0025 percent), plain names as \
plain lines" || not_ok "extension lines in the undo file" \
    "$(grep -n 'spoolfix \|nul\|back\|plain' "$x/undo.txt" | head -20)"
run "$SPOOLFIX" undo --backup-dir "$x/bk2" "$x/bk/undo.reg" "$x/SYSTEM"
r2=$st
grep -q '^restored: .*verified' "$tmp/out" || r2="$r2 (not verified)"
"$TOOLS/walk" -d -r "$x/SYSTEM" | sort > "$x/undone.raw"
"$TOOLS/treedump" "$x/SYSTEM" | sort > "$x/t1"
"$TOOLS/treedump" "$x/SYSTEM.orig" | sort > "$x/t2"
"$SPOOLFIX" scan --format jsonl "$x/SYSTEM" > "$x/scan" 2>&1
[ "$r2" = 0 ] && [ "$(wc -l < "$x/orig.raw")" -gt 100 ] &&
    cmp -s "$x/orig.raw" "$x/undone.raw" && cmp -s "$x/t1" "$x/t2" &&
    grep -q '"rule":"LPR-001"' "$x/scan" &&
    ! grep -q '"rule":"HIVE-' "$x/scan" && hivexml "$x/SYSTEM" > /dev/null &&
    ok "spoolfix undo restores the keys named with a NUL, a backslash and \
a line feed and the values named with a NUL, CR and '%': every name as \
stored, every value (libregf), the hive sound" ||
    not_ok "extension undo: exit $r2" "$(cat "$tmp/err")" \
    "$(diff "$x/orig.raw" "$x/undone.raw" | head -8)"
# A name in a comment is escaped: split wherever regedit may end a line
# (CR or LF), every line is a comment, a key header, a value line or a
# hex continuation, so a key named "cr<CR>[HKEY_...\Evil]" adds none.
iconv -f UTF-16LE -t UTF-8 "$x/bk/undo.reg" 2> /dev/null | tr '\r' '\n' |
    sed '1s/^\xef\xbb\xbf//' > "$x/split"
grep -v '^$\|^;\|^\[\|^"\|^@\|^  [0-9a-f]\|^Windows Registry Editor Version 5\.00$' \
    "$x/split" > "$x/stray"
[ ! -s "$x/stray" ] && ! grep -q '^\[HKEY_LOCAL_MACHINE\\SOFTWARE' "$x/split" &&
    grep -q '^; the key "cr\\x0d\[HKEY_LOCAL_MACHINE\\SOFTWARE\\Evil\]\\x0a"v"="1",w:q": ' \
    "$x/undo.txt" && ok "names in the undo file's comments are escaped: \
no CR or LF in a name starts a line of its own" ||
    not_ok "a line break of a name in the undo file" "$(head -5 "$x/stray")" \
    "$(grep -n 'cr' "$x/undo.txt" | head -3)"
# regedit's view: the plain lines alone (the extension lines deleted)
# read to the same tree as the whole file read as an export (which,
# as regedit, skips them), and applied they restore all but the
# extension's keys and values.
grep -v '^;spoolfix ' "$x/undo.txt" > "$x/plain.reg"
"$TREEDUMP" "$x/plain.reg" | sort > "$x/plain.tree"
iconv -f UTF-16LE -t UTF-8 "$x/bk/undo.reg" 2> /dev/null > "$x/full.reg"
run "$TREEDUMP" "$x/full.reg"
sort "$tmp/out" > "$x/full.tree"
cp "$x/SYSTEM.rep" "$x/SYSTEM"
run "$SPOOLFIX" undo --backup-dir "$x/bk3" "$x/plain.reg" "$x/SYSTEM"
"$TOOLS/walk" -d -r "$x/SYSTEM" | sort > "$x/plain.raw"
grep -v "$nulkey\|015c0173016c01610173\|	016e01000176	\|/01630172010d015b" "$x/orig.raw" \
    > "$x/want.raw"
[ "$st" -eq 0 ] && [ -s "$x/plain.tree" ] &&
    cmp -s "$x/plain.tree" "$x/full.tree" &&
    cmp -s "$x/want.raw" "$x/plain.raw" && ok "as regedit reads it, the \
undo file is its plain lines: they restore all but the names only the \
extension can hold" || not_ok "the plain lines: undo exit $st" \
    "$(cat "$tmp/err")" "$(diff "$x/want.raw" "$x/plain.raw" | head -6)"

# The plan of the same repair holds every change too: the deletions of
# the keys named with a NUL and a backslash as ";spoolfix" lines (not
# left out with a comment), and the plan applied with spoolfix undo
# makes exactly the hive the repair made.
P2='\[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports'
cp "$x/SYSTEM.orig" "$x/SYSTEM.plan"
run "$SPOOLFIX" repair --dry-run --plan "$x/plan.reg" "$x/SYSTEM.plan"
iconv -f UTF-16LE -t UTF-8 "$x/plan.reg" 2> /dev/null | tr -d '\r' \
    > "$x/plan.txt"
run "$SPOOLFIX" undo --backup-dir "$x/bk4" "$x/plan.reg" "$x/SYSTEM.plan"
r4=$st
"$TOOLS/walk" -d -r "$x/SYSTEM.plan" | sort > "$x/plan.raw"
"$TOOLS/walk" -d -r "$x/SYSTEM.rep" | sort > "$x/rep2.raw"
[ "$r4" -eq 0 ] &&
    grep -qx ";spoolfix $P2\\\\nul%0000host,x:q\\]" "$x/plan.txt" &&
    grep -qx ";spoolfix $P2\\\\back%005Cslash,y:q\\]" "$x/plan.txt" &&
    ! grep -q 'cannot be written' "$x/plan.txt" &&
    cmp -s "$x/rep2.raw" "$x/plan.raw" && ok "repair --plan writes the \
deletions of the keys named with a NUL and a backslash as ;spoolfix lines, \
and the plan applied with spoolfix undo makes the repaired hive" ||
    not_ok "the plan of names a .reg line cannot hold: undo exit $r4" \
    "$(grep -n 'nul\|back\|cannot' "$x/plan.txt" | head -6)" \
    "$(cat "$tmp/err")" "$(diff "$x/rep2.raw" "$x/plan.raw" | head -6)"

# A key below keys that are gone (a hand-written file, or a plan applied
# to another copy): its missing parents are created with it, and the
# verification expects them rather than refusing the write.
mp=$tmp/parents
mkdir -p "$mp"
hive "$mp/SYSTEM" $B/system.hreg < /dev/null
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\e\\f]\r\n"x"=dword:00000007\r\n' \
    > "$mp/u.reg"
hivexget "$mp/SYSTEM" 'ControlSet001\Services' > /dev/null 2>&1 && gone=0 || gone=1
run "$SPOOLFIX" undo --yes --backup-dir "$mp/bk" "$mp/u.reg" "$mp/SYSTEM"
[ "$gone" -eq 1 ] && [ "$st" -eq 0 ] &&
    grep -q '^restored: .*verified' "$tmp/out" &&
    [ "$(hivexget "$mp/SYSTEM" 'ControlSet001\Services\e\f' x)" = 7 ] &&
    ok "undo of a key whose parents are gone creates them, verified" ||
    not_ok "undo below missing parents: exit $st (gone $gone)" \
    "$(cat "$tmp/out" "$tmp/err")"

# --- one undo file restores every hive of a machine, all or nothing ---
S=$top/fixtures/sample
mach=$tmp/mach
hive "$mach/Windows/System32/config/SYSTEM" $B/system.hreg $S/system-faults.hreg </dev/null
hive "$mach/Windows/System32/config/SOFTWARE" $B/software.hreg $S/software-faults.hreg </dev/null
hive "$mach/Users/alice/NTUSER.DAT" $B/ntuser.hreg $S/ntuser-alice-faults.hreg </dev/null
hive "$mach/Users/bob/NTUSER.DAT" $B/ntuser.hreg </dev/null
mh="$mach/Windows/System32/config/SYSTEM $mach/Windows/System32/config/SOFTWARE \
$mach/Users/alice/NTUSER.DAT $mach/Users/bob/NTUSER.DAT"
for h in $mh; do cp "$h" "$h.orig"; done
run "$SPOOLFIX" repair --yes --backup-dir "$mach/bk" --root "$mach"
[ "$st" -eq 1 ] && [ "$(grep -c '^repaired: ' "$tmp/out")" -eq 3 ] ||
    not_ok "machine: repair of 3 hives exit $st" "$(cat "$tmp/out" "$tmp/err")"
for h in $mh; do cp "$h" "$h.rep"; done
msum() {	# the bytes of the four hives
	# shellcheck disable=SC2086
	cat $mh | cksum
}
rep=$(msum)
run "$SPOOLFIX" undo --dry-run --backup-dir "$mach/bkd" "$mach/bk/undo.reg" \
    --root "$mach"
[ "$st" -eq 1 ] && [ "$(msum)" = "$rep" ] && [ ! -e "$mach/bkd" ] &&
    grep -q '^would restore: .*/SYSTEM (14 entries):$' "$tmp/out" &&
    grep -q '^would restore: .*/SOFTWARE (2 entries):$' "$tmp/out" &&
    grep -q '^would restore: .*alice/NTUSER.DAT (14 entries):$' "$tmp/out" &&
    ! grep -q 'bob' "$tmp/out" &&
    grep -q '^  create key HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\evil\\x1b\[31m:queue (line [0-9]*)$' \
    "$tmp/out" &&
    grep -q '^  set value "Print Processor" of HKEY_LOCAL_MACHINE\\SOFTWARE\\.*\\Plotter to REG_SZ, 14 bytes (line' "$tmp/out" &&
    grep -q '^nothing was written (dry run)$' "$tmp/out" &&
    ! ls "$mach"/Windows/System32/config/*.lock > /dev/null 2>&1 &&
    ok "undo --dry-run --root: every entry listed under its hive (names \
escaped), exit 1, nothing written, no backup" ||
    not_ok "undo --dry-run: exit $st" "$(cat "$tmp/out" "$tmp/err")"
# A write that fails on the second or third hive: those written before
# are put back, byte for byte.
for fault in rename@SOFTWARE commit@alice verify@alice; do
	SPOOLFIX_TEST_FAULT=$fault run "$SPOOLFIX" undo --backup-dir \
	    "$mach/bkf-${fault%@*}" "$mach/bk/undo.reg" --root "$mach"
	case $fault in
	*SOFTWARE) back=1;;
	*) back=2;;
	esac
	[ "$st" -eq 2 ] && [ "$(msum)" = "$rep" ] &&
	    [ "$(grep -c '^rolled back: ' "$tmp/out")" -eq "$back" ] &&
	    grep -q '^rolled back: .*/SYSTEM (restored, then put back' \
	    "$tmp/out" && grep -q "^left unchanged: .*${fault#*@}.* (failed" \
	    "$tmp/out" && ! grep -q '^restored: ' "$tmp/out" &&
	    ! ls -a "$mach"/Windows/System32/config | grep -q spoolfix-new &&
	    ok "undo --root, '$fault' fails: the $back hive(s) written before \
are put back, all four byte-identical to before the undo, exit 2" ||
	    not_ok "undo with $fault: exit $st" "$(cat "$tmp/out" "$tmp/err")"
done
# Every hive the file names must be given: SOFTWARE missing is refused.
run "$SPOOLFIX" undo --backup-dir "$mach/bkm" "$mach/bk/undo.reg" \
    "$mach/Windows/System32/config/SYSTEM" "$mach/Users/alice/NTUSER.DAT"
[ "$st" -eq 2 ] && [ "$(msum)" = "$rep" ] && [ ! -e "$mach/bkm" ] &&
    grep -q '2 entries of the undo file belong to no hive given (line [0-9]*: HKEY_LOCAL_MACHINE\\SOFTWARE' "$tmp/err" &&
    grep -q -- '--root DIR' "$tmp/err" &&
    ok "undo of SYSTEM and alice's hive with a file that also restores \
SOFTWARE: refused, the entries named, nothing written" ||
    not_ok "undo missing SOFTWARE: exit $st" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" undo --backup-dir "$mach/bku" "$mach/bk/undo.reg" \
    --root "$mach"
same=0
for h in $mh; do
	"$TOOLS/walk" -d "$h" | sort > "$tmp/ma"
	"$TOOLS/walk" -d "$h.orig" | sort > "$tmp/mb"
	cmp -s "$tmp/ma" "$tmp/mb" && same=$((same + 1))
done
[ "$st" -eq 0 ] && [ "$same" -eq 4 ] &&
    [ "$(grep -c '^restored: .*verified; backup ' "$tmp/out")" -eq 3 ] &&
    cmp -s "$mach/Users/bob/NTUSER.DAT" "$mach/Users/bob/NTUSER.DAT.orig" &&
    ok "undo UNDO.reg --root: SYSTEM, SOFTWARE and alice's hive restored \
in one command, each content-identical to the original; bob's untouched" ||
    not_ok "undo --root: exit $st, $same of 4 as the original" \
    "$(cat "$tmp/out" "$tmp/err")"
# The same with the hive files named.
for h in $mh; do cp "$h.rep" "$h"; done
run "$SPOOLFIX" undo --yes --backup-dir "$mach/bkv" "$mach/bk/undo.reg" \
    "$mach/Windows/System32/config/SYSTEM" \
    "$mach/Windows/System32/config/SOFTWARE" "$mach/Users/alice/NTUSER.DAT"
same=0
for h in $mh; do
	"$TOOLS/walk" -d "$h" | sort > "$tmp/ma"
	"$TOOLS/walk" -d "$h.orig" | sort > "$tmp/mb"
	cmp -s "$tmp/ma" "$tmp/mb" && same=$((same + 1))
done
[ "$st" -eq 0 ] && [ "$same" -eq 4 ] &&
    ok "undo --yes UNDO.reg SYSTEM SOFTWARE NTUSER.DAT: all three \
restored, content-identical to the original" ||
    not_ok "undo of three files: exit $st, $same of 4" \
    "$(cat "$tmp/out" "$tmp/err")"
# On a terminal it shows the entries and asks; n changes nothing.
if command -v script > /dev/null 2>&1; then
	for h in $mh; do cp "$h.rep" "$h"; done
	printf 'n\n' | script -qec "'$SPOOLFIX' undo --backup-dir \
	    '$mach/bkq' '$mach/bk/undo.reg' --root '$mach'" /dev/null \
	    > "$tmp/out" 2>&1
	st=$?
	[ "$st" -eq 1 ] && [ "$(msum)" = "$rep" ] &&
	    grep -q 'would restore: .*SOFTWARE (2 entries)' "$tmp/out" &&
	    grep -q 'Restore these entries? \[y/N\]' "$tmp/out" &&
	    grep -q 'stopped: nothing was changed' "$tmp/out" &&
	    ok "undo on a terminal: the entries shown, n changes nothing" ||
	    not_ok "interactive undo n: exit $st" "$(tail -5 "$tmp/out")"
	printf 'y\n' | script -qec "'$SPOOLFIX' undo --backup-dir \
	    '$mach/bkq2' '$mach/bk/undo.reg' --root '$mach'" /dev/null \
	    > "$tmp/out" 2>&1
	st=$?
	[ "$st" -eq 0 ] && [ "$(grep -c 'restored: ' "$tmp/out")" -eq 3 ] &&
	    same_l=$("$TOOLS/walk" -d "$mach/Windows/System32/config/SOFTWARE" |
	    sort | cksum) && [ "$same_l" = "$("$TOOLS/walk" -d \
	    "$mach/Windows/System32/config/SOFTWARE.orig" | sort | cksum)" ] &&
	    ok "undo on a terminal: y restores the three hives" ||
	    not_ok "interactive undo y: exit $st" "$(tail -5 "$tmp/out")"
else
	skip "interactive undo" "script(1) from util-linux is not installed"
fi
run "$SPOOLFIX" undo --profile alice "$mach/bk/undo.reg" --root "$mach"
[ "$st" -eq 2 ] && grep -q -- '--profile names the profile of one' \
    "$tmp/err" && ok "undo --profile with --root: a usage error" ||
    not_ok "undo --profile --root: exit $st" "$(cat "$tmp/err")"
t_done
