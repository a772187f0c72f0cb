#!/bin/sh
# A .reg export as a scan source: the sample machine's hives exported
# (hivexregedit, then as regedit writes them: UTF-16LE with a BOM and
# CRLF) read to the same trees and the same findings as the hive files;
# REGEDIT4 (ANSI) and version 5 read alike; keys given twice merge and
# deletions apply as an import would; CurrentControlSet is the current
# control set; malformed and hostile files are bounded and reported with
# their file and line; and the fixes of a .reg input come out as a .reg
# plan that, imported, removes the findings.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
TREEDUMP=${TREEDUMP:-$top/tests/tools/treedump}
F=$top/fixtures
M=$tmp/m
CFG=$M/Windows/System32/config

hive "$CFG/SYSTEM" $F/base/system.hreg $F/sample/system-faults.hreg < /dev/null
hive "$CFG/SOFTWARE" $F/base/software.hreg $F/sample/software-faults.hreg \
    < /dev/null
hive "$M/Users/alice/NTUSER.DAT" $F/base/ntuser.hreg \
    $F/sample/ntuser-alice-faults.hreg < /dev/null

# utf16 IN OUT: a UTF-8 .reg as regedit writes it, UTF-16LE, BOM, CRLF.
utf16() {
	{ printf '\377\376'; sed 's/$/\r/' "$1" | iconv -f UTF-8 -t UTF-16LE; } \
	    > "$2"
}

# export HIVE ROOT NAME: $tmp/NAME.reg (UTF-16) and $tmp/NAME-8.reg (UTF-8)
export_reg() {
	hivexregedit --export --prefix "$2" "$1" '\' > "$tmp/$3-8.reg" &&
	    utf16 "$tmp/$3-8.reg" "$tmp/$3.reg"
}
export_reg "$CFG/SYSTEM" 'HKEY_LOCAL_MACHINE\SYSTEM' system
export_reg "$CFG/SOFTWARE" 'HKEY_LOCAL_MACHINE\SOFTWARE' software
export_reg "$M/Users/alice/NTUSER.DAT" 'HKEY_USERS\alice' alice

# ---- the trees: every key and value as the hive holds it ----

for x in system:SYSTEM software:SOFTWARE alice:../../../Users/alice/NTUSER.DAT
do
	n=${x%%:*}
	"$TREEDUMP" "$CFG/${x#*:}" | sort > "$tmp/$n.hive.dump"
	for enc in "" -8; do
		run "$TREEDUMP" "$tmp/$n$enc.reg"
		sort "$tmp/out" > "$tmp/$n$enc.dump"
		[ "$st" -eq 0 ] && [ -s "$tmp/$n$enc.dump" ] &&
		    cmp -s "$tmp/$n.hive.dump" "$tmp/$n$enc.dump" &&
		    ok "$n$enc.reg (${enc:-UTF-16LE}${enc:+UTF-8}): every key \
and value as in the hive ($(wc -l < "$tmp/$n.hive.dump") lines)" ||
		    not_ok "$n$enc.reg: the tree differs from the hive's" \
		    "$(diff "$tmp/$n.hive.dump" "$tmp/$n$enc.dump" | head -5)"
	done
done

# ---- the findings: as the hive files', in every format ----

# strip FORMAT < report: the report without what names the input.
strip() {
	case $1 in
	text)	grep '^ ' | grep -v '^  log:';;
	jsonl)	sed 's/"source":"[^"]*",//';;
	csv)	awk -F'","' -v OFS='","' '{ $5 = ""; print }';;
	esac
}
for fmt in text jsonl csv; do
	run "$SPOOLFIX" scan --format $fmt "$CFG/SYSTEM" "$CFG/SOFTWARE" \
	    "$M/Users/alice/NTUSER.DAT"
	hst=$st
	strip $fmt < "$tmp/out" > "$tmp/hive.$fmt"
	run "$SPOOLFIX" scan --format $fmt "$tmp/system.reg" \
	    "$tmp/software.reg" "$tmp/alice.reg"
	strip $fmt < "$tmp/out" > "$tmp/reg.$fmt"
	[ "$st" -eq "$hst" ] && [ "$st" -eq 1 ] &&
	    [ "$(wc -l < "$tmp/hive.$fmt")" -gt 10 ] &&
	    cmp -s "$tmp/hive.$fmt" "$tmp/reg.$fmt" && ok "scan --format $fmt \
of three .reg exports: the findings of the hive files (exit 1)" ||
	    not_ok "scan --format $fmt: .reg findings differ (exit $st/$hst)" \
	    "$(diff "$tmp/hive.$fmt" "$tmp/reg.$fmt" | head -6)"
done
# Findings name the .reg file as their source, and the key.
run "$SPOOLFIX" scan --format jsonl "$tmp/system.reg"
grep -q '"source":"[^"]*/system.reg","hive":"SYSTEM","key":"HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Control\\\\Print' \
    "$tmp/out" && ok "findings name the .reg file and the key" ||
    not_ok "findings do not name the .reg file" "$(head -c 400 "$tmp/out")"
run "$SPOOLFIX" scan "$tmp/system.reg"
grep -q '^SYSTEM .*system.reg (HKLM\\SYSTEM, .reg export, current control set ControlSet002)' \
    "$tmp/out" && ok "the text report says the input is a .reg export" ||
    not_ok "text header" "$(head -2 "$tmp/out")"

# ---- reg export of one key: CurrentControlSet, no Select ----

# The current set's keys as "reg export HKLM\SYSTEM\CurrentControlSet"
# writes them.
sed -n '1,2p' "$tmp/system-8.reg" > "$tmp/ccs-8.reg"
awk '/^\[/ { keep = index($0, "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002") == 1 }
    keep' "$tmp/system-8.reg" |
    sed 's/^\[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002/[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet/' \
    >> "$tmp/ccs-8.reg"
utf16 "$tmp/ccs-8.reg" "$tmp/ccs.reg"
run "$SPOOLFIX" scan "$CFG/SYSTEM"
strip text < "$tmp/out" > "$tmp/ccs.hive"
run "$SPOOLFIX" scan "$tmp/ccs.reg"
strip text < "$tmp/out" > "$tmp/ccs.text"
[ "$st" -eq 1 ] && grep -q 'current control set CurrentControlSet' \
    "$tmp/out" && cmp -s "$tmp/ccs.hive" "$tmp/ccs.text" && ok "an export \
of CurrentControlSet alone (no Select) is the current control set: the \
hive's findings" || not_ok "CurrentControlSet export (exit $st)" \
    "$(diff "$tmp/ccs.hive" "$tmp/ccs.text" | head -5)" "$(head -2 "$tmp/out")"
# With Select\Current, CurrentControlSet is written through to its set.
printf 'REGEDIT4\n\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\a,b:q]\n"Server Name"="a"\n\n[HKLM\\SYSTEM\\Select]\n"Current"=dword:3\n' \
    > "$tmp/sel.reg"
run "$SPOOLFIX" scan --format jsonl "$tmp/sel.reg"
grep -q '"rule":"LPR-001".*"hive_key":"ControlSet003\\\\Control\\\\Print\\\\Monitors\\\\LPR Port\\\\Ports\\\\a,b:q"' \
    "$tmp/out" && ok "with \
Select\\Current 3 (given after), CurrentControlSet keys land in ControlSet003" ||
    not_ok "CurrentControlSet with Select" "$(head -c 400 "$tmp/out")"

# ---- REGEDIT4 (ANSI) and version 5 read alike ----

# The same keys: REGEDIT4 in Windows-1252 (0xE9 is e acute), its
# strings of hex(2) and hex(7) as ANSI bytes; version 5 as UTF-16LE.
printf 'REGEDIT4\r\n\r\n; a comment\r\n[HKEY_CURRENT_USER\\Printers\\Connections\\,,srv,caf\351]\r\n"Server"="\\\\\\\\srv"\r\n"Provider"="win32spl.dll"\r\n"Path"=hex(2):25,53,59,53,54,45,4d,52,4f,4f,54,25,00\r\n"List"=hex(7):61,e9,00,\\\r\n  00,00\r\n"Bin"=hex:01,02,ff\r\n"N"=dword:0000002a\r\n@="d\\"q"\r\n' \
    > "$tmp/r4.reg"
{
	printf 'Windows Registry Editor Version 5.00\n\n'
	printf '[HKEY_CURRENT_USER\\Printers\\Connections\\,,srv,caf\303\251]\n'
	printf '"Server"="\\\\\\\\srv"\n"Provider"="win32spl.dll"\n'
	printf '"Path"=hex(2):25,00,53,00,59,00,53,00,54,00,45,00,4d,00,52,00,\\\n'
	printf '  4f,00,4f,00,54,00,25,00,00,00\n'
	printf '"List"=hex(7):61,00,e9,00,00,00,00,00,00,00\n"Bin"=hex:01,02,ff\n'
	printf '"N"=dword:2a\n@="d\\"q"\n'
} > "$tmp/v5-8.reg"
utf16 "$tmp/v5-8.reg" "$tmp/v5.reg"
printf '[Printers\\Connections\\,,srv,caf\303\251]\n"Server"="\\\\\\\\srv"\n"Provider"="win32spl.dll"\n"Path"=expand:"%%SYSTEMROOT%%"\n"List"=multi:"a\303\251",""\n"Bin"=hex:01,02,ff\n"N"=dword:0000002a\n@="d\\"q"\n' |
    "$MKHIVE" -o "$tmp/r4.hive" - 2> "$tmp/mk.err"
"$TREEDUMP" "$tmp/r4.hive" | sort > "$tmp/r4.hive.dump"
for f in r4 v5; do
	run "$TREEDUMP" "$tmp/$f.reg"
	sort "$tmp/out" > "$tmp/$f.dump"
	[ "$st" -eq 0 ] && [ "$(wc -l < "$tmp/$f.dump")" -ge 9 ] &&
	    cmp -s "$tmp/r4.hive.dump" "$tmp/$f.dump" && ok "$f.reg: \
strings, escapes, expand, multi, binary, dword and the default value as \
the .hreg hive holds them" || not_ok "$f.reg: values differ (exit $st)" \
	    "$(diff "$tmp/r4.hive.dump" "$tmp/$f.dump" | head -6)" \
	    "$(cat "$tmp/mk.err" "$tmp/err" | head -3)"
done

# ---- merging as an import does ----

printf 'Windows Registry Editor Version 5.00\n\n[HKU\\bob\\Printers\\A]\n"x"="1"\n"y"="1"\n\n[HKU\\bob\\Printers\\B\\C]\n"z"="1"\n\n[hku\\BOB\\printers\\a]\n"X"="2"\n"y"=-\n"w"=dword:00000001\n\n[-HKEY_USERS\\bob\\Printers\\B]\n"ignored"="after a deletion"\n\n[HKEY_USERS\\bob\\Printers\\B]\n"new"="3"\n' \
    > "$tmp/merge.reg"
run "$TREEDUMP" "$tmp/merge.reg"
sort "$tmp/out" > "$tmp/merge.dump"
printf '[Printers\\A]\n"x"="2"\n"w"=dword:1\n[Printers\\B]\n"new"="3"\n' |
    "$MKHIVE" -o "$tmp/merge.hive" -
"$TREEDUMP" "$tmp/merge.hive" | sort > "$tmp/merge.want"
[ "$st" -eq 0 ] && cmp -s "$tmp/merge.want" "$tmp/merge.dump" && ok "a key \
given twice merges (case aside), a later value replaces (keeping its name), \"v\"=- and \
[-KEY] delete, a deleted key made again is new" ||
    not_ok "merge as an import (exit $st)" \
    "$(diff "$tmp/merge.want" "$tmp/merge.dump" | head -8)"

# ---- malformed and hostile files ----

# A malformed line is skipped and named with its file and line; the
# rest is read (as regedit imports it), and the hive is reported damaged.
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Ports]\n"LPT1:"=hex:zz\n"COM1:"="9600,n,8,1\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Bad\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Ok]\n"x"=dword:123456789\n[HKEY_NOWHERE\\x]\n' \
    > "$tmp/bad.reg"
run "$SPOOLFIX" scan --format json "$tmp/bad.reg"
for want in 'bad.reg:4: malformed value data' 'bad.reg:5: malformed value data' \
    'bad.reg:6: malformed key header' 'bad.reg:8: malformed value data' \
    'bad.reg:9: a key under no registry root'; do
	grep -qF "$want" "$tmp/out" || { not_ok "malformed lines: '$want' \
not reported (exit $st)" "$(head -c 900 "$tmp/out")"; continue; }
	ok "malformed line reported as \"$want\""
done
[ "$st" -eq 1 ] && grep -q '"rule":"HIVE-002"' "$tmp/out" &&
    grep -q '"corrupt":true' "$tmp/out" && ok "a .reg with skipped lines \
is reported damaged (HIVE-002), read in part" ||
    not_ok "damaged .reg: exit $st" "$(head -c 600 "$tmp/out")"
# Not readable at all: an error naming the file, exit 2.
printf 'Windows Registry Editor Version 5.00' > "$tmp/hdr.reg"
printf '\377\376' > "$tmp/bom.reg"
: > "$tmp/empty.reg"
run "$SPOOLFIX" scan "$tmp/bom.reg"
[ "$st" -eq 2 ] && grep -q 'bom.reg' "$tmp/err" && ok "a file of a BOM \
alone is refused, naming it (exit 2)" || not_ok "BOM alone: exit $st" \
    "$(cat "$tmp/err")"
run "$SPOOLFIX" scan "$tmp/hdr.reg"
[ "$st" -eq 0 ] && grep -q '^unknown .*hdr.reg (not mounted, .reg export)' \
    "$tmp/out" &&
    ok "a .reg of a header alone is an input with nothing to scan" ||
    not_ok "header alone: exit $st" "$(cat "$tmp/out" "$tmp/err")"

# The sweep: truncations, huge lines, bad hex, open quotes, deep paths,
# NULs, many hives.  Each ends within its bound: 0, 1 or 2, never a crash.
h="Windows Registry Editor Version 5.00"
awk -v h="$h" 'BEGIN { print h; printf "[HKU\\x\\Printers\\L]\n\"v\"=\"";
    for (i = 0; i < 400000; i++) printf "0123456789"; print "\"" }' \
    > "$tmp/h-hugestr.reg"
awk -v h="$h" 'BEGIN { print h; printf "[HKU\\x\\Printers\\L]\n\"v\"=hex:";
    for (i = 0; i < 300000; i++) printf "41,\\\n"; print "41" }' \
    > "$tmp/h-hexlines.reg"
awk -v h="$h" 'BEGIN { print h; printf "[HKLM\\SYSTEM";
    for (i = 0; i < 3000; i++) printf "\\k"; print "]"; print "\"v\"=\"1\"" }' \
    > "$tmp/h-deep.reg"
awk -v h="$h" 'BEGIN { print h; printf "[HKU\\x\\Printers\\";
    for (i = 0; i < 20000; i++) printf "n"; print "]" }' > "$tmp/h-longname.reg"
awk -v h="$h" 'BEGIN { print h; for (i = 0; i < 200; i++)
    printf "[HKEY_USERS\\S-%d\\Printers]\n", i }' > "$tmp/h-manyhives.reg"
# Wide: 100,000 siblings (where no rule looks, so that the time is the
# reader's and not a report of 100,000 findings).
awk -v h="$h" 'BEGIN { print h; for (i = 0; i < 100000; i++)
    printf "[HKU\\x\\Software\\Wide\\k%d]\n\"v\"=\"s\"\n", i }' \
    > "$tmp/h-wide.reg"
awk -v h="$h" 'BEGIN { print h; for (i = 0; i < 50000; i++)
    printf "[HKU\\x\\P]\n\"v%d\"=\"1\"\n[-HKU\\x\\P]\n", i }' \
    > "$tmp/h-churn.reg"
printf '%s\n[HKU\\x\\Printers\\a\0b]\n"v\0w"="x\0y"\n"bad"=hex(:1\n"q"="open\n"@"=hex(ffffffff1):00\n' \
    "$h" > "$tmp/h-nul.reg"
printf '%s\n[-]\n[]\n[\\]\n[-HKLM\\SYSTEM]\n[HKLM\\SYSTEM\\\\x]\n"a"=dword:\n"b"=dword:0x1\n=\n"\n@\n' \
    "$h" > "$tmp/h-odd.reg"
# Truncations of the UTF-16 export at many points, odd ones too.
size=$(wc -c < "$tmp/system.reg")
for cut in 1 2 3 7 81 82 83 501 1001 2047 $((size / 2)) $((size / 2 + 1)) \
    $((size - 3)); do
	head -c "$cut" "$tmp/system.reg" > "$tmp/h-cut$cut.reg"
done
bad=""
for f in "$tmp"/h-*.reg; do
	run timeout "$(secs 20)" "$SPOOLFIX" scan --format json "$f"
	no_crash "$(basename "$f")" || { bad="$bad $(basename "$f")"; continue; }
	[ "$st" -le 2 ] || bad="$bad $(basename "$f"):$st"
	case $(basename "$f") in
	h-cut1.reg|h-cut2.reg|h-cut3.reg|h-cut7.reg|h-cut81.reg) ;;
	*)	# Whatever was read, the report is whole JSON.
		tail -c 3 "$tmp/out" | grep -q '}' ||
		    bad="$bad $(basename "$f"):json";;
	esac
done
[ -z "$bad" ] && ok "hostile .reg sweep ($(ls "$tmp"/h-*.reg | wc -l) \
files): bounded, exit 0-2, no crash" || not_ok "hostile sweep:$bad"
run "$SPOOLFIX" scan --format json "$tmp/h-deep.reg"
grep -q 'h-deep.reg:2: a key nested deeper than 512 levels' "$tmp/out" &&
    ok "a key deeper than 512 levels is skipped and named by its line" ||
    not_ok "deep key" "$(head -c 500 "$tmp/out")"
run "$SPOOLFIX" scan --format json "$tmp/h-manyhives.reg"
grep -q 'entries of more than 64 hives' "$tmp/out" && ok "more than 64 \
hives in one file: the rest skipped, said" || not_ok "many hives" \
    "$(head -c 500 "$tmp/out")"
run timeout "$(secs 20)" "$TREEDUMP" "$tmp/h-wide.reg"
[ "$st" -eq 0 ] && [ "$(grep -c '^K' "$tmp/out")" -eq 100002 ] &&
    ok "100,000 sibling keys all read within $(secs 20) s" ||
    not_ok "wide .reg: exit $st (124: over $(secs 20) s)" \
    "$(head -c 300 "$tmp/err")"
# The same file given twice, and a second SYSTEM: refused as for hives.
run "$SPOOLFIX" scan "$tmp/system.reg" "$tmp/system.reg"
[ "$st" -eq 2 ] && grep -q 'one hive given twice' "$tmp/err" &&
    ok "one .reg given twice is refused" || not_ok "twice: exit $st" \
    "$(cat "$tmp/err")"
run "$SPOOLFIX" scan "$tmp/ccs.reg" "$tmp/system.reg"
[ "$st" -eq 2 ] && grep -q 'a second SYSTEM hive' "$tmp/err" &&
    ok "two SYSTEM exports for one machine are refused, as two hives are" ||
    not_ok "second SYSTEM: exit $st" "$(cat "$tmp/err")"

# ---- spoolfix's extension lines (undo files) ----
# Read strictly (spoolfix undo), a ";spoolfix " line is a key header or
# value line whose names carry %XXXX escapes (one UTF-16 unit each), and
# a value belongs to the last header of its own kind: plain values to the
# last plain header, as regedit reads the file, extension values to the
# last extension header.  Read as an export (the scan) they are comments,
# as regedit reads them.  A comment line is never continued, even when it
# ends in a hex continuation: regedit reads the next line on its own.
X=$tmp/ext
hive "$X/SYSTEM" $F/base/system.hreg < /dev/null
cp "$X/SYSTEM" "$X/SYSTEM.orig"
S='HKEY_LOCAL_MACHINE\SYSTEM\ControlSet002\Control\Print'
printf 'Windows Registry Editor Version 5.00\n\n[%s\\plain]\n;spoolfix [%s\\e%%0000x%%005Cy%%0025%%000d]\n"a"=dword:00000001\n;spoolfix "b%%000Dc%%0000"=dword:00000002\n;spoolfix @=hex:01\n"d"=dword:00000003\n  ;spoolfix [%s\\e%%0000x%%005Cy%%0025%%000D\\sub%%000A]\n;spoolfix "q\\"%%0025"=hex:02\n; x=hex:01,\\\n[%s\\after]\n"e"=dword:00000004\n' \
    "$S" "$S" "$S" "$S" > "$X/ext-8.reg"
utf16 "$X/ext-8.reg" "$X/ext.reg"
run "$SPOOLFIX" undo --dry-run --backup-dir "$X/bk0" "$X/ext.reg" "$X/SYSTEM"
sed -n 's/^  //p' "$tmp/out" |
    sed 's/HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Control\\Print\\/P\\/' \
    > "$X/entries"
cat > "$X/want" <<'EOF'
create key P\plain (line 3)
create key P\e\0x\\y%\x0d (line 4)
set value "a" of P\plain to REG_DWORD, 4 bytes (line 5)
set value "b\x0dc\0" of P\e\0x\\y%\x0d to REG_DWORD, 4 bytes (line 6)
set the default value of P\e\0x\\y%\x0d to REG_BINARY, 1 byte (line 7)
set value "d" of P\plain to REG_DWORD, 4 bytes (line 8)
create key P\e\0x\\y%\x0d\sub\x0a (line 9)
set value "q"%" of P\e\0x\\y%\x0d\sub\x0a to REG_BINARY, 1 byte (line 10)
create key P\after (line 12)
set value "e" of P\after to REG_DWORD, 4 bytes (line 13)
EOF
[ "$st" -eq 1 ] && cmp -s "$X/want" "$X/entries" && ok "extension lines \
read strictly: %XXXX escapes, each value to the last header of its kind, \
in file order; a comment ending in a hex continuation does not swallow \
the next line" || not_ok "extension lines, strict: exit $st" \
    "$(cat "$tmp/err")" "$(diff "$X/want" "$X/entries")"
# Applied: exactly these keys and values, names as stored (libregf's raw
# names, bytes as 01XX units): NUL, backslash, '%', CR, LF and '"'.
run "$SPOOLFIX" undo --backup-dir "$X/bk1" "$X/ext.reg" "$X/SYSTEM"
"$top/tests/tools/walk" -d -r "$X/SYSTEM.orig" | sort > "$X/orig.raw"
"$top/tests/tools/walk" -d -r "$X/SYSTEM" | sort > "$X/new.raw"
LC_ALL=C comm -13 "$X/orig.raw" "$X/new.raw" |
    sed 's/0143016f016e01740172016f016c015301650174013001300132\/0143016f016e01740172016f016c\/015001720169016e0174/P/' \
    > "$X/added"
cat > "$X/added.want" <<'EOF'
K	P/0170016c01610169016e
K	P/016501000178015c01790125010d
K	P/016501000178015c01790125010d/017301750162010a
K	P/01610166017401650172
V	P/0170016c01610169016e	0161	4	01000000	4
V	P/0170016c01610169016e	0164	4	03000000	4
V	P/016501000178015c01790125010d		3	(small)
V	P/016501000178015c01790125010d	0162010d01630100	4	02000000	4
V	P/016501000178015c01790125010d/017301750162010a	017101220125	3	(small)
V	P/01610166017401650172	0165	4	04000000	4
EOF
sort "$X/added.want" > "$X/added.sorted"
LC_ALL=C comm -23 "$X/orig.raw" "$X/new.raw" > "$X/lost"
[ "$st" -eq 0 ] && [ ! -s "$X/lost" ] &&
    sort "$X/added" | cmp -s - "$X/added.sorted" && ok "applied by spoolfix undo: exactly those keys and \
values, named as escaped" || not_ok "extension lines applied: exit $st" \
    "$(cat "$tmp/err")" "$(sort "$X/added" | diff "$X/added.sorted" -)"
# As an export, the same file is what regedit imports: the plain lines.
run "$TREEDUMP" "$X/ext.reg"
sort "$tmp/out" > "$X/lenient"
printf '[ControlSet002\\Control\\Print\\plain]\n"a"=dword:1\n"d"=dword:3\n[ControlSet002\\Control\\Print\\after]\n"e"=dword:4\n' |
    "$MKHIVE" -o "$X/plain.hive" -
"$TREEDUMP" "$X/plain.hive" | sort > "$X/plain.dump"
grep -v '^K	0043006f006e00740072006f006c005300650074003000300032$\|^K	0043006f006e00740072006f006c005300650074003000300032/0043006f006e00740072006f006c$\|^K	0043006f006e00740072006f006c005300650074003000300032/0043006f006e00740072006f006c/005000720069006e0074$' \
    "$X/lenient" > "$X/lenient.keys"
grep -v '^K	0043006f006e00740072006f006c005300650074003000300032$\|^K	0043006f006e00740072006f006c005300650074003000300032/0043006f006e00740072006f006c$\|^K	0043006f006e00740072006f006c005300650074003000300032/0043006f006e00740072006f006c/005000720069006e0074$' \
    "$X/plain.dump" > "$X/plain.keys"
run "$SPOOLFIX" scan --format json "$X/ext.reg"
[ -s "$X/plain.keys" ] && cmp -s "$X/plain.keys" "$X/lenient.keys" &&
    ! grep -q '"rule":"HIVE-002"' "$tmp/out" && ok "read as an export \
(the scan), extension lines are comments, as regedit reads them: only \
the plain keys and values, nothing reported skipped" ||
    not_ok "extension lines in an export" \
    "$(diff "$X/plain.keys" "$X/lenient.keys" | head -6)"
# Malformed extension lines: strictly, refused with the file and line,
# nothing applied; in an export, comments (regedit skips them).
n=0
while IFS='|' read -r line want; do
	n=$((n + 1))
	printf 'Windows Registry Editor Version 5.00\n\n[%s\\k]\n%s\n' "$S" \
	    "$line" > "$X/b$n.reg"
	cp "$X/SYSTEM.orig" "$X/SYSTEM"
	run "$SPOOLFIX" undo --backup-dir "$X/bkb$n" "$X/b$n.reg" "$X/SYSTEM"
	no_crash "bad extension line $n" || continue
	[ "$st" -eq 2 ] && grep -qF "b$n.reg:4: $want" "$tmp/err" &&
	    cmp -s "$X/SYSTEM" "$X/SYSTEM.orig" || {
		not_ok "bad extension line '$line': exit $st" \
		    "$(cat "$tmp/err")"
		continue
	}
	run "$SPOOLFIX" scan --format json "$X/b$n.reg"
	[ "$st" -le 1 ] && ! grep -q 'HIVE-002' "$tmp/out" &&
	    ok "refused with file:line ($want); skipped by the scan: $line" ||
	    not_ok "bad extension line '$line' in an export: exit $st" \
	    "$(head -c 400 "$tmp/out")"
done <<EOF
;spoolfix [$S\\x%00]|malformed %XXXX escape in a key header
;spoolfix [$S\\x%zz00]|malformed %XXXX escape in a key header
;spoolfix [$S\\x%]|malformed %XXXX escape in a key header
;spoolfix [$S\\%005C%]|malformed %XXXX escape in a key header
;spoolfix [$S\\]|malformed key header
;spoolfix "v"=dword:00000001|a value outside any key
;spoolfix x|malformed extension line
;spoolfix ;spoolfix [$S\\x]|malformed extension line
EOF
printf 'Windows Registry Editor Version 5.00\n\n;spoolfix [%s\\x%%0000]\n;spoolfix "v%%0g00"=dword:00000001\n' \
    "$S" > "$X/name.reg"
run "$SPOOLFIX" undo --backup-dir "$X/bkn" "$X/name.reg" "$X/SYSTEM"
[ "$st" -eq 2 ] && grep -qF 'name.reg:4: malformed %XXXX escape in a value name' \
    "$tmp/err" && cmp -s "$X/SYSTEM" "$X/SYSTEM.orig" &&
    ok "a malformed escape in a value name is refused with file:line" ||
    not_ok "bad escape in a value name: exit $st" "$(cat "$tmp/err")"
# A value name's limit (16,384 units) is the decoded name's: 16,384
# NULs (81,920 characters escaped) are read, one more is not.
for k in 16384 16385; do
	awk -v s="$S" -v k=$k 'BEGIN { printf "Windows Registry Editor Version 5.00\n\n;spoolfix [%s\\x]\n;spoolfix \"", s
	    for (i = 0; i < k; i++) printf "%%0000"; print "\"=dword:00000001" }' \
	    > "$X/long$k.reg"
done
run "$SPOOLFIX" undo --dry-run --backup-dir "$X/bkl" "$X/long16384.reg" "$X/SYSTEM"
st1=$st
grep -q '^  set value "\\0\\0\\0.*(line 4)$' "$tmp/out"
f1=$?
run "$SPOOLFIX" undo --dry-run --backup-dir "$X/bkl" "$X/long16385.reg" "$X/SYSTEM"
[ "$st1" -eq 1 ] && [ "$f1" -eq 0 ] && [ "$st" -eq 2 ] &&
    grep -qF 'long16385.reg:4: malformed value line' "$tmp/err" &&
    ok "an extension value name of 16,384 NULs (81,920 characters) is \
read; 16,385 are refused" || not_ok "long extension value names: exit \
$st1, $st" "$(cat "$tmp/err")"
printf ';spoolfix [%s\\x]\nWindows Registry Editor Version 5.00\n' "$S" \
    > "$X/early.reg"
run "$SPOOLFIX" undo --backup-dir "$X/bke" "$X/early.reg" "$X/SYSTEM"
[ "$st" -eq 2 ] && grep -qF 'early.reg:1: an extension line before the file header' \
    "$tmp/err" && ok "an extension line before the file header is refused" ||
    not_ok "extension line before the header: exit $st" "$(cat "$tmp/err")"

# ---- repair: the fixes as a .reg file to import ----

cp "$tmp/system.reg" "$tmp/system.orig"
run "$SPOOLFIX" repair --yes "$tmp/system.reg"
[ "$st" -eq 2 ] && grep -q 'is a .reg export.*--plan FILE' "$tmp/err" &&
    cmp -s "$tmp/system.reg" "$tmp/system.orig" && ok "repair of a .reg \
without --plan is refused, saying to use --plan or --dry-run; the export \
is unchanged" || not_ok "repair without --plan: exit $st" "$(cat "$tmp/err")"
run "$SPOOLFIX" repair --plan "$tmp/plan.reg" "$tmp/system.reg" \
    "$tmp/software.reg" "$tmp/alice.reg"
[ "$st" -eq 1 ] && grep -q '^plan written: ' "$tmp/out" &&
    cmp -s "$tmp/system.reg" "$tmp/system.orig" &&
    [ "$(head -c 2 "$tmp/plan.reg" | od -An -tx1 | tr -d ' ')" = fffe ] &&
    ok "repair --plan FILE on .reg inputs writes the plan (UTF-16LE, BOM) \
and changes nothing else (exit 1: pending)" ||
    not_ok "repair --plan: exit $st" "$(cat "$tmp/out" "$tmp/err")"
iconv -f UTF-16LE -t UTF-8 "$tmp/plan.reg" | tr -d '\r' > "$tmp/plan-8.reg"
grep -q '^\[-HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\10.1.1.5,raw:lp\]$' \
    "$tmp/plan-8.reg" && grep -q '^\[-\?HKEY_USERS\\alice\\' \
    "$tmp/plan-8.reg" && ok "the plan deletes as [-KEY] under the roots of \
the input" || not_ok "plan content" "$(head -30 "$tmp/plan-8.reg")"
# Applied to the hives (spoolfix undo applies a .reg file as written):
# the findings it fixes are gone.
cp -r "$M" "$tmp/m2"
C2=$tmp/m2/Windows/System32/config
ok_all=1
for hv in "$C2/SYSTEM" "$C2/SOFTWARE" "$tmp/m2/Users/alice/NTUSER.DAT"; do
	run "$SPOOLFIX" undo --backup-dir "$tmp/bk-$(basename "$hv")" \
	    "$tmp/plan.reg" "$hv"
	case $st in 0) ;; *) grep -q 'no entry for' "$tmp/err" ||
	    { ok_all=0; cat "$tmp/err" >&2; };; esac
done
run "$SPOOLFIX" repair --dry-run "$C2/SYSTEM" "$C2/SOFTWARE" \
    "$tmp/m2/Users/alice/NTUSER.DAT"
[ "$ok_all" -eq 1 ] && grep -q '^0 changes planned' "$tmp/out" && ok "the \
plan applied to the hives leaves nothing for repair to change" ||
    not_ok "plan applied to the hives" "$(head -8 "$tmp/out")"
# The three exports in one file (three roots), then the plan imported
# after them, as a second import merges: nothing left to fix.
{ cat "$tmp/system-8.reg"; sed 1d "$tmp/software-8.reg";
    sed 1d "$tmp/alice-8.reg"; } > "$tmp/all.reg"
{ cat "$tmp/all.reg"; sed 1d "$tmp/plan-8.reg"; } > "$tmp/all-fixed.reg"
run "$SPOOLFIX" repair --dry-run "$tmp/all.reg"
before=$(grep -c '^  ' "$tmp/out")
run "$SPOOLFIX" repair --dry-run "$tmp/all-fixed.reg"
[ "$before" -gt 3 ] && grep -q '^0 changes planned' "$tmp/out" && ok "one \
export of three roots with the plan imported after it: $before changes \
before, none left" || not_ok "export + plan ($before before)" \
    "$(head -8 "$tmp/out" "$tmp/err")"
# HKEY_CURRENT_USER stays HKEY_CURRENT_USER in the plan.
hivexregedit --export --prefix 'HKEY_CURRENT_USER' \
    "$M/Users/alice/NTUSER.DAT" '\' > "$tmp/hkcu.reg"
run "$SPOOLFIX" repair --dry-run --plan "$tmp/hkcu-plan.reg" "$tmp/hkcu.reg"
iconv -f UTF-16LE -t UTF-8 "$tmp/hkcu-plan.reg" 2>/dev/null | tr -d '\r' \
    > "$tmp/hkcu-plan-8.reg"
grep -q '^\[-\?HKEY_CURRENT_USER\\' "$tmp/hkcu-plan-8.reg" &&
    ! grep -q 'HKEY_USERS' "$tmp/hkcu-plan-8.reg" && ok "an HKEY_CURRENT_USER \
export gets an HKEY_CURRENT_USER plan" || not_ok "HKCU plan (exit $st)" \
    "$(head -12 "$tmp/hkcu-plan-8.reg")"
# A hostile user name (an escape sequence) is escaped in every report,
# and named exactly in the plan, which must delete that very key.
printf 'Windows Registry Editor Version 5.00\n\n[HKEY_USERS\\S-1\033[31m\\Printers\\Connections\\,,printsrv]\n"Server"="\\\\\\\\printsrv"\n' \
    > "$tmp/esc.reg"
run "$SPOOLFIX" repair --plan "$tmp/esc-plan.reg" "$tmp/esc.reg"
esc=$(printf '\033')
iconv -f UTF-16LE -t UTF-8 "$tmp/esc-plan.reg" 2>/dev/null | tr -d '\r' \
    > "$tmp/esc-plan-8.reg"
[ "$st" -eq 1 ] && ! grep -q "$esc" "$tmp/out" "$tmp/err" &&
    grep -q 'HKU\\S-1\\x1b\[31m\\Printers' "$tmp/out" &&
    grep -qx "\[-HKEY_USERS\\\\S-1$esc\\[31m\\\\Printers\\\\Connections\\\\,,printsrv\]" \
    "$tmp/esc-plan-8.reg" && ok "a user name holding an escape sequence: \
escaped on the terminal, exact in the plan" || not_ok "hostile user name \
(exit $st)" "$(cat -v "$tmp/out" | head -3)" "$(cat -v "$tmp/esc-plan-8.reg")"

[ -n "${KEEP:-}" ] && cp -r "$tmp" "$KEEP"
t_done
