#!/usr/bin/env bash
#
# Copyright (c) 2026 The spoolfix authors.
#
# Permission to use, copy, modify, and distribute this software for any
# purpose with or without fee is hereby granted, provided that the above
# copyright notice and this permission notice appear in all copies.
#
# THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
#

# Checks the hives mkhive writes against two independent readers, libregf
# (regfinfo, regfexport; Debian libregf-utils) and hivex (hivexml,
# hivexget; Debian libhivex-bin), plus a few byte-level checks of our own
# (checksum, hbin and cell tiling, list signatures), and checks mkhive's
# error reports.  Usage: tests/mkhive-check.sh PATH/TO/mkhive.  Prints TAP
# and exits non-zero when a check fails.  The time taken for a
# 100,000-key hive is printed as a comment, never judged.

set -u

MKHIVE=${1:?usage: mkhive-check.sh PATH/TO/mkhive}
case $MKHIVE in
/*) ;;
*) MKHIVE=$PWD/$MKHIVE ;;
esac
HERE=$(cd "$(dirname "$0")" && pwd)
SMOKE=$HERE/../fixtures/examples/smoke.hreg
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP" || exit 2

# The readers' messages are English and their text is compared below.
export LC_ALL=C.UTF-8

for tool in regfinfo regfexport hivexml hivexget; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "Bail out! $tool not found: install libregf-utils and" \
		    "libhivex-bin"
		exit 2
	fi
done

n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
}

# check DESCRIPTION COMMAND...: one TAP line for the command's status.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# same DESCRIPTION GOT WANT: compares two strings, showing both on failure.
same() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		printf '#   got:  %s\n#   want: %s\n' "$2" "$3"
	fi
}

# --- byte access ---------------------------------------------------------

bytes() {	# FILE OFFSET COUNT -> decimal bytes
	od -An -v -tu1 -j "$2" -N "$3" "$1"
}

# Bytes past the end (or of a missing file) read as 0, so that a broken
# hive fails its checks instead of stopping the script.
u16() {		# FILE OFFSET
	set -- $(bytes "$1" "$2" 2 2>/dev/null) 0 0
	echo $(($1 | $2 << 8))
}

u32() {		# FILE OFFSET
	set -- $(bytes "$1" "$2" 4 2>/dev/null) 0 0 0 0
	echo $(($1 | $2 << 8 | $3 << 16 | $4 << 24))
}

u64() {		# FILE OFFSET
	echo $(($(u32 "$1" "$2") | $(u32 "$1" $(($2 + 4))) << 32))
}

sig() {		# FILE OFFSET -> two characters
	od -An -v -c -j "$2" -N 2 "$1" 2>/dev/null | tr -d ' \n'
}

hexdump() {	# FILE -> one line of hex
	od -An -v -tx1 "$1" 2>/dev/null | tr -d ' \n'
}

root_nk() {	# FILE -> file offset of the root nk cell's data
	echo $((4096 + $(u32 "$1" 36) + 4))
}

root_list() {	# FILE -> file offset of the root's subkey list cell data
	echo $((4096 + $(u32 "$1" $(($(root_nk "$1") + 28))) + 4))
}

# The stored checksum is the XOR of the first 127 dwords and is neither 0
# nor 0xFFFFFFFF (which Windows would replace and libregf/hivex reject).
checksum_ok() {
	local -a b
	local x=0 i
	[ "$(wc -c <"$1")" -ge 4096 ] 2>/dev/null || return 1
	b=($(bytes "$1" 0 512))
	for ((i = 0; i < 508; i += 4)); do
		x=$((x ^ (b[i] | b[i + 1] << 8 | b[i + 2] << 16 |
		    b[i + 3] << 24)))
	done
	[ "$x" -eq "$(u32 "$1" 508)" ] && [ "$x" -ne 0 ] &&
	    [ "$x" -ne 4294967295 ]
}

# Walks the hive bins: signatures, offsets, sizes, the base block's total,
# and cells tiling each hbin exactly.  Prints "ok" or the first problem.
layout() {
	od -An -v -tu1 "$1" 2>/dev/null | awk '
	{ for (i = 1; i <= NF; i++) b[n++] = $i }
	function u32(o) {
		return b[o] + b[o+1] * 256 + b[o+2] * 65536 + b[o+3] * 16777216
	}
	END {
		total = u32(40); pos = 4096
		if (total % 4096 != 0 || 4096 + total > n) {
			print "bad hive bins size " total; exit
		}
		while (pos < 4096 + total) {
			if (b[pos] != 104 || b[pos+1] != 98 || b[pos+2] != 105 ||
			    b[pos+3] != 110) { print "no hbin at " pos; exit }
			if (u32(pos + 4) != pos - 4096) {
				print "hbin offset field wrong at " pos; exit
			}
			size = u32(pos + 8)
			if (size == 0 || size % 4096 != 0) {
				print "bad hbin size at " pos; exit
			}
			for (c = pos + 32; c < pos + size; c += s) {
				s = u32(c)
				if (s >= 2147483648) s = 4294967296 - s
				if (s < 8 || s % 8 != 0 || c + s > pos + size) {
					print "bad cell at " c; exit
				}
			}
			pos += size
		}
		print "ok"
	}'
}

# key_block EXPORT PATH: regfexport's paragraph for one key.
key_block() {
	awk -v k="Key path: $2" '
	$0 == k { f = 1; print; next }
	/^Key path: / { f = 0 }
	f' "$1"
}

# value_hex EXPORT "Value: N NAME": the bytes of regfexport's hex dump of
# that value, as "01 02 ...".
value_hex() {
	awk -v v="$2" '
	$0 == v { f = 1; next }
	/^Value: |^Key path: / { f = 0 }
	f && /^[0-9a-f][0-9a-f]*: / {
		line = substr($0, 11, 48)
		gsub(/  +/, " ", line)
		out = out " " line
	}
	END { gsub(/  +/, " ", out); sub(/^ /, "", out); sub(/ $/, "", out)
	      print out }' "$1"
}

# Builds a hive from text on stdin: build NAME < text.
build() {
	"$MKHIVE" -o "$1.hive" - 2>"$1.err"
}

# Number of keys (with the root) each reader lists.
libregf_keys() {
	regfinfo "$1" 2>/dev/null | grep -c '(key:)'
}

hivex_keys() {
	hivexml "$1" 2>/dev/null | grep -o '<node ' | wc -l
}

now() {
	date +%s.%N
}

# --- the smoke example -----------------------------------------------------

check "smoke.hreg builds" "$MKHIVE" -o smoke.hive "$SMOKE"
check "smoke: checksum is the plain XOR" checksum_ok smoke.hive
same "smoke: hbins and cells tile the file" "$(layout smoke.hive)" ok
same "smoke: signature, version 1.5, type 0" \
    "$(sig smoke.hive 0)$(sig smoke.hive 2) $(u32 smoke.hive 20).$(u32 smoke.hive 24) $(u32 smoke.hive 28)" \
    "regf 1.5 0"
same "smoke: !sequence 7 7" \
    "$(u32 smoke.hive 4) $(u32 smoke.hive 8)" "7 7"
same "smoke: !timestamp in base block, hbin 0 and root nk" \
    "$(u64 smoke.hive 12) $(u64 smoke.hive 4116) $(u64 smoke.hive $(($(root_nk smoke.hive) + 4)))" \
    "132223104000000000 132223104000000000 132223104000000000"
same "smoke: !filename SYSTEM" \
    "$(od -An -v -c -j 48 -N 14 smoke.hive | tr -d ' \\0\n')" "SYSTEM"
same "smoke: root nk flags 0x2C, lh list" \
    "$(u16 smoke.hive $(($(root_nk smoke.hive) + 2))) $(sig smoke.hive "$(root_list smoke.hive)")" \
    "44 lh"
regfinfo smoke.hive >smoke.info 2>&1
check "smoke: regfinfo reads it as 1.5" grep -q 'Version:.1\.5' smoke.info
regfexport smoke.hive >smoke.txt 2>smoke.rerr
rc=$?
check "smoke: regfexport reads every key and value" \
    test "$rc" -eq 0 -a ! -s smoke.rerr
check "smoke: hivexml reads it" sh -c 'hivexml smoke.hive >smoke.xml'
same "smoke: both readers list the 19 keys" \
    "$(libregf_keys smoke.hive) $(hivex_keys smoke.hive)" "19 19"

same "smoke: root key, class and default value" \
    "$(key_block smoke.txt '$$$PROTO.HIV')" "$(cat <<'EOF'
Key path: $$$PROTO.HIV
Key: $$$PROTO.HIV
Class name: RootClass
Value: 0 (default)
Type: string (REG_SZ)
Data size: 36
Data: value on the root
EOF
)"
same "smoke: Local Port monitor" \
    "$(key_block smoke.txt '$$$PROTO.HIV\ControlSet001\Control\Print\Monitors\Local Port')" \
    "$(cat <<'EOF'
Key path: $$$PROTO.HIV\ControlSet001\Control\Print\Monitors\Local Port
Key: Local Port
Value: 0 Driver
Type: string (REG_SZ)
Data size: 26
Data: localspl.dll
EOF
)"
key_block smoke.txt '$$$PROTO.HIV\ControlSet001\Control\Print' >print.txt
same "smoke: Print values in insertion order, headers merged" \
    "$(grep '^Value: ' print.txt | tr '\n' '|')" \
    'Value: 0 BeepEnabled|Value: 1 MajorVersion|Value: 2 LastChange|Value: 3 SpoolDirectory|Value: 4 Name with "quotes"|Value: 5 EmptyString|Value: 6 (default)|Value: 7 DependentFiles|Value: 8 EmptyList|Value: 9 Blob|Value: 10 NoData|Value: 11 Small|'
check "smoke: class, dword, qword, expand, escaped quotes" grep -qxF \
    -e 'Class name: PrintClass' print.txt
same "smoke: data of dword, qword, expand and escapes" \
    "$(grep '^Data: ' print.txt | head -5 | tr '\n' '|')" \
    'Data: 0|Data: 3|Data: 132223574684467200|Data: %SystemRoot%\System32\spool\PRINTERS|Data: and a \ backslash|'
same "smoke: multi: strings plus the final empty string" \
    "$(value_hex print.txt 'Value: 7 DependentFiles')" \
    "61 00 2e 00 64 00 6c 00 6c 00 00 00 62 00 2e 00 64 00 6c 00 6c 00 00 00 00 00"
same "smoke: continued hex list" \
    "$(value_hex print.txt 'Value: 9 Blob')" \
    "01 02 03 04 05 06 07 08 09 0a 0b 0c"
same "smoke: hex(N) keeps type and exact size" \
    "$(key_block smoke.txt '$$$PROTO.HIV\Malformed' | grep -A2 '^Value: 3 ' | tr '\n' '|')" \
    'Value: 3 MultiUnterminated|Type: multi-value string (REG_MULTI_SZ)|Data size: 6|'
same "smoke: hivex reads inline 3-byte data from the field start" \
    "$(hivexget smoke.hive '\Malformed' Inline3 2>&1 | od -An -tx1 | tr -d ' \n')" \
    "010203"
same "smoke: 40000-byte fill read back whole (db)" \
    "$(key_block smoke.txt '$$$PROTO.HIV\Big' | grep -A2600 'Value: 0 Fill40000' | grep -E '^[0-9a-f]{8}:' | cut -c11-58 | grep -o 'ab' | wc -l)" \
    40000
for name in Café 日本語 'Printer🖨' 'Back\slash' '{U+0041}' $'Esc\e' Nul; do
	check "smoke: key name $name" grep -qxF "Key: $name" smoke.txt
done
check "smoke: value name Ünïcödé" grep -qxF 'Value: 0 Ünïcödé' smoke.txt

cp smoke.hive smoke.first
"$MKHIVE" -o smoke.hive "$SMOKE"
check "smoke: output is deterministic" cmp -s smoke.first smoke.hive
"$MKHIVE" -o smoke.stdin - <"$SMOKE"
check "smoke: stdin gives the same hive" cmp -s smoke.first smoke.stdin
cp "$SMOKE" copy.hreg
"$MKHIVE" copy.hreg
check "smoke: default output name is INPUT.hive" cmp -s smoke.first copy.hive

# --- versions and list forms -----------------------------------------------

# keys_text COUNT: COUNT subkeys of the root, each with two values.
keys_text() {
	awk -v n="$1" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "[Sub%05d]\n\"Name\"=\"key %d\"\n\"Id\"=dword:%x\n",
			    i, i, i
	}'
}

{ echo '!version 1.3'; keys_text 300; } | build v13
same "1.3: default list is lf, both readers list 300 keys" \
    "$(u32 v13.hive 24) $(sig v13.hive "$(root_list v13.hive)") $(libregf_keys v13.hive) $(hivex_keys v13.hive)" \
    "3 lf 301 301"
same "1.3: lf hints are the first 4 characters" \
    "$(od -An -c -j $(($(root_list v13.hive) + 8)) -N 4 v13.hive | tr -d ' \n')" \
    "Sub0"
{ echo '!version 1.5'; keys_text 300; } | build v15
same "1.5: default list is lh, both readers list 300 keys" \
    "$(u32 v15.hive 24) $(sig v15.hive "$(root_list v15.hive)") $(libregf_keys v15.hive) $(hivex_keys v15.hive)" \
    "5 lh 301 301"
# lh hash of "SUB00000": h = 37 * h + unit over the upcased name.
h=0
for c in 83 85 66 48 48 48 48 48; do h=$(((37 * h + c) & 0xFFFFFFFF)); done
same "1.5: lh hash of the first entry" \
    "$(u32 v15.hive $(($(root_list v15.hive) + 8)))" "$h"
{ echo '!version 1.4'; keys_text 10; } | build v14
same "1.4: accepted, lf lists" \
    "$(u32 v14.hive 24) $(sig v14.hive "$(root_list v14.hive)")" "4 lf"

{ echo '!lists li'; keys_text 5000; } | build li
same "li: one li leaf, both readers list 5000 subkeys" \
    "$(sig li.hive "$(root_list li.hive)") $(u16 li.hive $(($(root_list li.hive) + 2))) $(libregf_keys li.hive) $(hivex_keys li.hive)" \
    "li 5000 5001 5001"
{ echo '!lists ri'; keys_text 5000; } | build ri
ri=$(root_list ri.hive)
leaf=$((4096 + $(u32 ri.hive $((ri + 4))) + 4))
same "ri: 10 li leaves of 500, both readers list 5000 subkeys" \
    "$(sig ri.hive "$ri") $(u16 ri.hive $((ri + 2))) $(sig ri.hive "$leaf") $(u16 ri.hive $((leaf + 2))) $(libregf_keys ri.hive) $(hivex_keys ri.hive)" \
    "ri 10 li 500 5001 5001"
same "ri: layout" "$(layout ri.hive)" ok
regfinfo ri.hive | grep '(key:) Sub' | sed 's/.*Sub//' >ri.order
check "ri: subkeys sorted across leaves" sort -c ri.order

# --- big data ----------------------------------------------------------------

printf '[Big]\n"V"=fill(3,40000):5a\n"W"=fill(3,16345):5b\n' | build big15
regfexport big15.hive >big15.txt 2>&1
same "1.5 big value: db record, regfexport reads 40000 bytes" \
    "$(hexdump big15.hive | grep -c '64620300') $(grep -A2600 'Value: 0 V' big15.txt | grep -E '^[0-9a-f]{8}:' | cut -c11-58 | grep -o '5a' | wc -l)" \
    "1 40000"
same "1.5 big value: hivexget reads 40000 bytes" \
    "$(hivexget big15.hive '\Big' V | wc -c)" 40000
same "1.5 big value: a 1-byte last segment survives both readers" \
    "$(grep -A2 'Value: 1 W' big15.txt | grep 'Data size') $(hivexget big15.hive '\Big' W | wc -c)" \
    "Data size: 16345 16345"
printf '!version 1.3\n[Big]\n"V"=fill(3,40000):5a\n' | build big13
regfexport big13.hive >big13.txt 2>&1
same "1.3 big value: one plain cell, regfexport reads 40000 bytes" \
    "$(hexdump big13.hive | grep -c '6462') $(grep -A2600 'Value: 0 V' big13.txt | grep -E '^[0-9a-f]{8}:' | cut -c11-58 | grep -o '5a' | wc -l)" \
    "0 40000"
check "1.3 big value: hivexml reads it" sh -c 'hivexml big13.hive >/dev/null'

# --- names -------------------------------------------------------------------

long=$(printf 'L%.0s' $(seq 300))
cat >names.hreg <<EOF
[Odd\\a{U+0000}b]
[Odd\\esc{U+001B}]
[Odd\\Café]
[Odd\\Ελληνικά]
[Odd\\clef{U+1D11E}]
[Odd\\$long]
[Odd\\x{U+005C}y]
"v{U+0000}w"="nul in a value name"
EOF
"$MKHIVE" -o names.hive names.hreg
regfexport names.hive >names.txt 2>names.rerr
rc=$?
check "names: regfexport reads NUL, ESC, non-ASCII, long names" \
    test "$rc" -eq 0 -a ! -s names.rerr
check "names: hivexml reads them" sh -c 'hivexml names.hive >/dev/null'
for name in a $'esc\e' Café Ελληνικά 'clef𝄞' "$long" 'x\y'; do
	check "names: key ${name:0:20} listed" grep -qxF "Key: $name" names.txt
done
check "names: NUL stored inside the Latin-1 name" \
    grep -q '610062' <(hexdump names.hive)
check "names: supplementary character stored as a surrogate pair" \
    grep -q '63006c0065006600'"34d81edd" <(hexdump names.hive)

printf '[sur{U+D800}]\n"v{U+DC00}"=dword:1\n' | build sur
check "names: unpaired surrogates are written" \
    grep -q '73007500720000d8' <(hexdump sur.hive)
check "names: ... and stored as UTF-16 (no COMP_NAME flag)" \
    test "$(($(u16 sur.hive $((4096 + $(u32 sur.hive $(($(root_list sur.hive) + 4))) + 4 + 2))) & 0x20))" -eq 0
echo "# libregf and hivex both refuse keys and values whose names hold an" \
    "unpaired surrogate"

printf '!utf16-names\n[Plain]\n"Value"="x"\n' | build u16
same "!utf16-names: root flags 0x0C, names stored as UTF-16" \
    "$(u16 u16.hive $(($(root_nk u16.hive) + 2))) $(u16 u16.hive $(($(root_nk u16.hive) + 72)))" \
    "12 8"
check "!utf16-names: readers still see the names" \
    sh -c 'regfexport u16.hive | grep -qx "Value: 0 Value" &&
        hivexml u16.hive | grep -q "<node name=\"Plain\""'

# --- header fields -----------------------------------------------------------

printf '!sequence 5 4\n!root "My Root"\n[k]\n' | build dirty
same "!sequence 5 4 makes a dirty hive that still opens" \
    "$(u32 dirty.hive 4) $(u32 dirty.hive 8) $(libregf_keys dirty.hive) $(hivex_keys dirty.hive)" \
    "5 4 2 2"
check "!root with a quoted name" grep -qx '(key:) My Root' <(regfinfo dirty.hive)

# Pick the timestamp that makes the raw XOR 0: mkhive must move it.
printf '[k]\n' | build t0
ts=$(u64 t0.hive 12)
bad=$(((ts & ~0xFFFFFFFF) | ((ts & 0xFFFFFFFF) ^ $(u32 t0.hive 508))))
printf '!timestamp %s\n[k]\n' "$bad" | build t1
same "checksum: timestamp nudged off a zero XOR, hbin 0 agrees" \
    "$(u64 t1.hive 12) $(u64 t1.hive 4116)" "$((bad + 1)) $((bad + 1))"
if checksum_ok t1.hive && hivexml t1.hive >/dev/null 2>&1 &&
    regfinfo t1.hive >/dev/null 2>&1; then
	ok "checksum: nudged hive is valid and opens"
else
	not_ok "checksum: nudged hive is valid and opens"
fi
same "checksum: keys keep the requested timestamp" \
    "$(u64 t1.hive $(($(root_nk t1.hive) + 4)))" "$bad"

# --- input forms -------------------------------------------------------------

cat >lf.hreg <<'EOF'
!version 1.5
[A\B]
"Bin"=hex:01,02,\
  03,04
"S"="text"
EOF
"$MKHIVE" lf.hreg
{ printf '\357\273\277'; sed 's/$/\r/' lf.hreg; } >crlf.hreg
"$MKHIVE" crlf.hreg
check "BOM and CRLF give the same hive as LF" cmp -s lf.hive crlf.hive

# --- errors ------------------------------------------------------------------

cat >errors.hreg <<'EOF'
"early"="no key yet"
[Printers\\Bad]
[Printers\Good]
"Port"=dword:123456789
"Name"="one"
"NAME"="two"
"Gone"=-
"Bytes"=hex:01,zz
!version 1.5
EOF
"$MKHIVE" errors.hreg 2>errors.out
rc=$?
same "errors: exit status 1" "$rc" 1
same "errors: every error reported as FILE:LINE:COL" \
    "$(cat errors.out)" "$(cat <<'EOF'
errors.hreg:1:1: value outside of any key: add a [key] header before it
errors.hreg:2:11: empty key name in the path
errors.hreg:4:14: dword: needs 1 to 8 hex digits
errors.hreg:6:1: value "NAME" set twice in this key (first on line 5)
errors.hreg:7:8: deleting values (=-) is not supported: mkhive builds hives, it does not merge into them
errors.hreg:8:16: expected a hex byte
errors.hreg:9:1: !version must come before the first [key] header
EOF
)"
check "errors: no hive written" test ! -e errors.hive

printf '[k]\n"s"="\\q"\n[a\n' | "$MKHIVE" -o e2.hive - 2>e2.out
rc=$?
same "errors: stdin is named <stdin>, columns count characters" \
    "$rc $(tr '\n' '|' <e2.out)" \
    "1 <stdin>:2:6: unknown escape in a string: only \\\" and \\\\ are escapes (use {U+XXXX} for others)|<stdin>:3:3: missing ']' at the end of the key path|"
printf '[Ünï\\{U+110000}]\n' | "$MKHIVE" -o e3.hive - 2>e3.out
same "errors: column after multibyte characters" \
    "$(cut -d: -f1-3 e3.out)" "<stdin>:1:6"

"$MKHIVE" does-not-exist.hreg 2>io1.out
rc=$?
same "I/O: missing input exits 2 with a message" \
    "$rc $(cat io1.out)" \
    "2 mkhive: does-not-exist.hreg: No such file or directory"
"$MKHIVE" -o no/such/dir/x.hive "$SMOKE" 2>io2.out
rc=$?
check "I/O: unwritable output exits 2 and names the file" \
    test "$rc" -eq 2 -a -n "$(grep -F 'no/such/dir/x.hive' io2.out)"
"$MKHIVE" 2>/dev/null
same "usage: no argument exits 2" "$?" 2

# --- 100,000 keys ------------------------------------------------------------

awk 'BEGIN {
	print "!version 1.5"
	for (s = 0; s < 100; s++)
		for (k = 0; k < 1000; k++) {
			printf "[Set%03d\\Key%05d]\n", s, k
			printf "\"Name\"=\"value %d.%d\"\n", s, k
			printf "\"Count\"=dword:%08x\n", k
			if (k % 2)
				printf "\"Blob\"=hex:01,02,03,04,05,06,07,08\n"
		}
}' >big.hreg
start=$(now)
"$MKHIVE" big.hreg
rc=$?
end=$(now)
echo "# 100,000 keys with 250,000 values: mkhive took" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s" \
    "for $(wc -c <big.hreg) bytes of text, $(wc -c <big.hive 2>/dev/null || echo 0) bytes of hive"
check "100,000 keys: hive written" test "$rc" -eq 0 -a -s big.hive
same "100,000 keys: hivexml and regfinfo read all keys" \
    "$(hivex_keys big.hive) $(libregf_keys big.hive)" "100101 100101"

echo "1..$n"
[ "$failed" -eq 0 ]
