#!/bin/sh
# The command line: usage errors, exit statuses, --root discovery, host
# names, output safety (escapes, colour, CSV), site policy and rule
# commands.  Every check runs the real binary on hives built by mkhive.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base
m=$tmp/machine
sample_machine "$m"
clean=$tmp/clean
hive "$clean/SYSTEM" $B/system.hreg </dev/null
hive "$clean/SOFTWARE" $B/software.hreg </dev/null

# --- usage and unreadable input: exit 2 with a message ---
run "$SPOOLFIX"
[ "$st" -eq 2 ] && grep -q '^usage:' "$tmp/err" &&
    ok "no command: usage on stderr, exit 2" || not_ok "no command" "$st"
run "$SPOOLFIX" frobnicate
[ "$st" -eq 2 ] && grep -q "unknown command 'frobnicate'" "$tmp/err" &&
    ok "unknown command: exit 2" || not_ok "unknown command"
run "$SPOOLFIX" scan
[ "$st" -eq 2 ] && grep -q 'give hive files or --root' "$tmp/err" &&
    ok "scan without inputs: exit 2 and what to give" || not_ok "scan no input"
run "$SPOOLFIX" scan --live
[ "$st" -eq 2 ] && [ ! -s "$tmp/out" ] &&
    grep -q 'live registry can be read only by the Windows build' "$tmp/err" &&
    grep -q 'what to do: run spoolfix.exe on the Windows machine' "$tmp/err" &&
    ok "scan --live outside Windows: exit 2, no report, what to do" ||
    not_ok "scan --live outside Windows: exit $st" "$(cat "$tmp/err")"
run "$SPOOLFIX" scan --live "$clean/SYSTEM"
[ "$st" -eq 2 ] && grep -q -- '--live scans the running system' "$tmp/err" &&
    ok "scan --live with a hive file: usage error" ||
    not_ok "scan --live with a hive: exit $st" "$(cat "$tmp/err")"
run "$SPOOLFIX" scan --format xml "$clean/SYSTEM"
[ "$st" -eq 2 ] && grep -q "unknown format 'xml'" "$tmp/err" &&
    ok "unknown format: exit 2" || not_ok "unknown format"
run "$SPOOLFIX" scan --fail-on fatal "$clean/SYSTEM"
[ "$st" -eq 2 ] && ok "bad --fail-on: exit 2" || not_ok "bad --fail-on"
run "$SPOOLFIX" scan "$tmp/nonexistent"
[ "$st" -eq 2 ] && grep -q "cannot open $tmp/nonexistent" "$tmp/err" &&
    ok "missing file: exit 2 naming the file" || not_ok "missing file" \
    "$(cat "$tmp/err")"
run "$SPOOLFIX" scan Makefile
[ "$st" -eq 2 ] && grep -q 'not a registry hive' "$tmp/err" &&
    grep -q 'what to do:' "$tmp/err" &&
    ok "not a hive: exit 2, says why and what to do" || not_ok "not a hive"
run "$SPOOLFIX" scan "$tmp"
[ "$st" -eq 2 ] && grep -q 'not a regular file' "$tmp/err" &&
    ok "a folder given as a hive: exit 2" || not_ok "folder as hive"
run "$SPOOLFIX" scan "$clean/SYSTEM" "$m/Windows/System32/config/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'a second SYSTEM hive' "$tmp/err" &&
    ok "two SYSTEM hives for one machine: refused, exit 2" ||
    not_ok "two SYSTEM hives" "$(cat "$tmp/err")"

# A file cut short or with a wrong base-block checksum is unreadable by
# spoolfix's own checks, as in the Windows build (which has no libregf):
# the message says what is wrong and what to do, in the user's terms.
unreadable() {	# unreadable DESCRIPTION FILE WHAT ADVICE
	run "$SPOOLFIX" scan "$2"
	l1=$(head -1 "$tmp/err")
	[ "$st" -eq 2 ] && case $l1 in
	*": $3"*) ! grep -q 'libregf' "$tmp/err";;
	*) false;;
	esac && grep -q "what to do: $4" "$tmp/err" &&
	    ok "$1: unreadable (exit 2), says what is wrong and what to do" ||
	    not_ok "$1: exit $st" "$(cat "$tmp/err")"
}
head -c 8192 "$clean/SYSTEM" > "$tmp/cut"
unreadable "truncated hive" "$tmp/cut" "truncated at byte 8192 of 16384" \
    "copy the hive again from its source; if it came from a running \
system, copy its .LOG1 and .LOG2"
cp "$clean/SYSTEM" "$tmp/badsum"
printf '\0\0\0\0' | dd of="$tmp/badsum" bs=1 seek=508 conv=notrunc 2>/dev/null
unreadable "bad base block checksum" "$tmp/badsum" \
    "bad base block checksum (stored 0x00000000" \
    "copy the hive again with its .LOG1 and .LOG2"
# Damage inside the hive bins that spoolfix's checks find (libregf
# refuses this file too) is reported as damage, HIVE-002, and the parts
# that can be read are read: the same in both builds.
cp "$clean/SYSTEM" "$tmp/badbin"
dd if=/dev/zero of="$tmp/badbin" bs=1 seek=4096 count=32 conv=notrunc \
    2>/dev/null
run "$SPOOLFIX" scan --format json "$tmp/badbin"
[ "$st" -eq 1 ] && [ ! -s "$tmp/err" ] && jq -e '.inputs[0] |
    .status == "read" and .corrupt and .hive == "SYSTEM" and
    (.problems[0] | test("^damaged hive bin at offset 0x0: "))' \
    "$tmp/out" > /dev/null && jq -e '[.findings[] | .rule] |
    index("HIVE-002") != null and index("HIVE-003") == null' \
    "$tmp/out" > /dev/null &&
    ok "zeroed hive bin: read as damaged (HIVE-002, exit 1), not unreadable" ||
    not_ok "zeroed hive bin (exit $st)" "$(head -c 600 "$tmp/out")" \
    "$(cat "$tmp/err")"

# --- exit statuses and --fail-on ---
run "$SPOOLFIX" scan "$clean/SYSTEM" "$clean/SOFTWARE"
[ "$st" -eq 0 ] && ok "healthy machine: exit 0" || not_ok "healthy exit $st" \
    "$(cat "$tmp/out")"
run "$SPOOLFIX" scan --root "$m"
[ "$st" -eq 1 ] && ok "seeded faults: exit 1" || not_ok "faults exit $st"
run "$SPOOLFIX" scan --root "$m" --fail-on none
[ "$st" -eq 0 ] && ok "--fail-on none: exit 0 despite errors" ||
    not_ok "--fail-on none exit $st"
# A dirty SYSTEM hive with print keys and no logs beside it (HIVE-007).
printf '!sequence 9 8\n[Select]\n"Current"=dword:1\n[ControlSet001\\Control\\Print]\n' |
    "$MKHIVE" -o "$tmp/dirty" -
run "$SPOOLFIX" scan "$tmp/dirty"
[ "$st" -eq 1 ] && ok "dirty hive without logs (a warning): exit 1 by default" ||
    not_ok "dirty default exit $st"
# Its logs beside it make it a copy of a hive in use: they are applied,
# info (HIVE-001), exit 0 unless --fail-on info asks for it.
mkdir -p "$tmp/dirtylogs"
cp "$tmp/dirty" "$tmp/dirtylogs/SYSTEM"
"$top/tests/tools/mklog" "$tmp/dirtylogs/SYSTEM" "$tmp/dirtylogs/SYSTEM" \
    "$tmp/dirtylogs/SYSTEM.LOG1"
: > "$tmp/dirtylogs/SYSTEM.LOG2"
run "$SPOOLFIX" scan "$tmp/dirtylogs/SYSTEM"
[ "$st" -eq 0 ] && ok "dirty hive with its logs (info): exit 0 by default" ||
    not_ok "dirty with logs default exit $st" "$(cat "$tmp/out")"
run "$SPOOLFIX" scan --fail-on info "$tmp/dirtylogs/SYSTEM"
[ "$st" -eq 1 ] && ok "dirty hive with its logs, --fail-on info: exit 1" ||
    not_ok "dirty with logs --fail-on info exit $st"
run "$SPOOLFIX" scan --fail-on error "$tmp/dirty"
[ "$st" -eq 0 ] && ok "dirty hive with --fail-on error: exit 0" ||
    not_ok "dirty --fail-on error exit $st"
run "$SPOOLFIX" scan --fail-on info "$clean/SYSTEM" "$clean/SOFTWARE"
[ "$st" -eq 0 ] && ok "--fail-on info on a healthy machine: exit 0" ||
    not_ok "fail-on info healthy $st" "$(cat "$tmp/out")"
run "$SPOOLFIX" scan "$clean/SYSTEM" Makefile
[ "$st" -eq 2 ] && grep -q 'could not be read' "$tmp/out" &&
    ok "one unreadable input among good ones: report, then exit 2" ||
    not_ok "mixed inputs exit $st"

# --- --root discovery ---
mkdir -p "$tmp/vol/windows/SYSTEM32/Config" "$tmp/vol/users/Carol"
cp "$clean/SYSTEM" "$tmp/vol/windows/SYSTEM32/Config/system"
cp "$m/Users/alice/NTUSER.DAT" "$tmp/vol/users/Carol/ntuser.dat"
run "$SPOOLFIX" scan --format json --root "$tmp/vol"
jq -e '.inputs | length == 2' "$tmp/out" > /dev/null &&
    jq -e '[.inputs[].mount] | sort == ["HKLM\\SYSTEM", "HKU\\Carol"]' \
    "$tmp/out" > /dev/null &&
    ok "--root matches Windows paths ignoring case; profile from folder" ||
    not_ok "--root discovery" "$(cat "$tmp/out" "$tmp/err" | head -20)"
# The other layouts discover.c knows, each folder read once (its
# finder): an XP volume (WINNT, Documents and Settings), and collected
# hives (SYSTEM and SOFTWARE at the top, a folder per profile beside
# them, one folder without NTUSER.DAT).
mkdir -p "$tmp/xp/WINNT/system32/CONFIG" \
    "$tmp/xp/Documents and Settings/Dave" \
    "$tmp/xp/Documents and Settings/All Users"
cp "$clean/SYSTEM" "$tmp/xp/WINNT/system32/CONFIG/SYSTEM"
cp "$m/Users/alice/NTUSER.DAT" "$tmp/xp/Documents and Settings/Dave/NTUSER.DAT"
run "$SPOOLFIX" scan --format json --root "$tmp/xp"
jq -e '[.inputs[].mount] | sort == ["HKLM\\SYSTEM", "HKU\\Dave"]' \
    "$tmp/out" > /dev/null &&
    ok "--root of an XP volume: WINNT\\System32\\config and Documents and Settings" ||
    not_ok "--root of an XP volume" "$(cat "$tmp/out" "$tmp/err" | head -20)"
mkdir -p "$tmp/coll/erin" "$tmp/coll/frank" "$tmp/coll/notes"
cp "$clean/SYSTEM" "$tmp/coll/System"
cp "$m/Windows/System32/config/SOFTWARE" "$tmp/coll/SOFTWARE"
cp "$m/Users/alice/NTUSER.DAT" "$tmp/coll/erin/NTUSER.DAT"
cp "$m/Users/bob/NTUSER.DAT" "$tmp/coll/frank/ntuser.DAT"
run "$SPOOLFIX" scan --format json --root "$tmp/coll"
jq -e '[.inputs[].mount] | sort == ["HKLM\\SOFTWARE", "HKLM\\SYSTEM",
    "HKU\\erin", "HKU\\frank"]' "$tmp/out" > /dev/null &&
    ok "--root of collected hives: SYSTEM, SOFTWARE and a folder per profile" ||
    not_ok "--root of collected hives" "$(cat "$tmp/out" "$tmp/err" | head -20)"
mkdir -p "$tmp/empty"
run "$SPOOLFIX" scan --root "$tmp/empty"
[ "$st" -eq 2 ] && grep -q 'no registry hives found' "$tmp/err" &&
    ok "--root with no hives: exit 2" || not_ok "--root empty"

# --- one hive given twice: refused before anything is scanned ---
# Every way to name one file twice, and a byte-identical copy.
d=$tmp/twice
mkdir -p "$d/sub"
a=$m/Users/alice/NTUSER.DAT
ln -s "$a" "$d/link.dat"
ln "$a" "$d/hard.dat"
cp "$a" "$d/copy.dat"
for pair in "$a|$a" "$a|$d/link.dat" "$a|$d/hard.dat" \
    "$a|$m/Users/alice/../alice/NTUSER.DAT" "$a|$d/copy.dat" \
    "$m/Windows/System32/config/SYSTEM|$m/Windows/System32/config/SYSTEM"; do
	one=${pair%%|*} two=${pair#*|}
	run "$SPOOLFIX" scan "$one" "$two"
	[ "$st" -eq 2 ] && grep -q 'one hive given twice' "$tmp/err" &&
	    grep -qF "$one" "$tmp/err" && grep -qF "$two" "$tmp/err" &&
	    grep -q 'what to do: give each hive once' "$tmp/err" &&
	    [ ! -s "$tmp/out" ] &&
	    ok "one hive given twice (${two#"$tmp"/}): refused, exit 2, both \
paths named, no report" || not_ok "given twice: ${two#"$tmp"/}: exit $st" \
	    "$(cat "$tmp/err")" "$(head -3 "$tmp/out")"
done
run "$SPOOLFIX" scan --root "$m" "$m/Windows/System32/config/../config/SYSTEM"
[ "$st" -eq 2 ] && grep -q 'one hive given twice' "$tmp/err" &&
    [ ! -s "$tmp/out" ] &&
    ok "a hive found under --root and given again as a file: refused" ||
    not_ok "--root plus its own SYSTEM: exit $st" "$(cat "$tmp/err")"
cp -R "$m" "$tmp/machine2"
run "$SPOOLFIX" scan --root "$m" --root "$tmp/machine2"
[ "$st" -eq 2 ] && grep -q 'a second machine folder' "$tmp/err" &&
    grep -q 'one machine per command' "$tmp/err" && [ ! -s "$tmp/out" ] &&
    ok "two --root folders (two machines): refused, exit 2" ||
    not_ok "two --root: exit $st" "$(cat "$tmp/err")" "$(head -3 "$tmp/out")"
# Windows links "Users/Default User" to "Users/Default": found once.
mkdir -p "$tmp/junction/Users/Default"
cp "$clean/SYSTEM" "$tmp/junction/SYSTEM"
cp "$m/Users/bob/NTUSER.DAT" "$tmp/junction/Users/Default/NTUSER.DAT"
ln -s Default "$tmp/junction/Users/Default User"
run "$SPOOLFIX" scan --format json --root "$tmp/junction"
[ "$st" -ne 2 ] && jq -e '[.inputs[].mount] | sort == ["HKLM\\SYSTEM",
    "HKU\\Default"]' "$tmp/out" > /dev/null &&
    ok "--root: a profile folder linked to another (Default User) is \
scanned once" || not_ok "junction: exit $st" "$(cat "$tmp/err")"

# --- JSON and host ---
run "$SPOOLFIX" scan --format json --root "$m"
if jq -e . "$tmp/out" > /dev/null 2>&1; then ok "json output is valid JSON"
else not_ok "json output invalid" "$(head -c 300 "$tmp/out")"; fi
jq -e '.host == "WS042" and .summary.exit == 1 and .summary.error == 16
    and (.findings | all(has("rule") and has("severity") and has("title")
    and has("message") and has("host") and has("source") and has("hive")
    and has("key") and has("hive_key") and has("value") and has("fix")
    and has("refs")))' "$tmp/out" > /dev/null &&
    ok "json: host from ComputerName, summary, every required field" ||
    not_ok "json fields"
jq -e '[.findings[] | select(.hive == "SYSTEM") | .hive_key] |
    all(startswith("ControlSet002\\"))' "$tmp/out" > /dev/null &&
    jq -e '[.findings[] | select(.hive == "SYSTEM") | .key] |
    all(startswith("HKLM\\SYSTEM\\CurrentControlSet\\"))' "$tmp/out" \
    > /dev/null && ok "json: key is logical, hive_key below the root" ||
    not_ok "json key/hive_key"
jq -e '[.findings[].hive_key_names[]] | any(. == "evil\u001b[31m:queue")' \
    "$tmp/out" > /dev/null &&
    ok "json: names keep their exact code units (\\u001b)" ||
    not_ok "json exact names"
run "$SPOOLFIX" scan --format json --host FLEET-7 "$tmp/dirty"
jq -e '.host == "FLEET-7"' "$tmp/out" > /dev/null &&
    ok "--host names a machine whose SYSTEM hive has no ComputerName" ||
    not_ok "--host"
run "$SPOOLFIX" scan --format jsonl --root "$m"
n=$(wc -l < "$tmp/out")
bad=$(while IFS= read -r l; do printf '%s\n' "$l" | jq -e . >/dev/null 2>&1 ||
    echo x; done < "$tmp/out" | wc -l)
[ "$n" -eq 17 ] && [ "$bad" -eq 0 ] && ok "jsonl: one valid object per finding" ||
    not_ok "jsonl lines $n, bad $bad"

# --- hostile names never reach the terminal raw ---
run "$SPOOLFIX" scan --root "$m"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out"; then
	not_ok "text output contains a raw escape character"
else ok "text output: the escape sequence in a name is shown as \\x1b"; fi
grep -q 'evil\\x1b\[31m:queue' "$tmp/out" && ok "text shows \\x1b" ||
    not_ok "text escape form"
run "$SPOOLFIX" scan --color always --root "$m"
LC_ALL=C grep -q "$(printf '\033')\[1;31merror" "$tmp/out" &&
    ok "--color always colours severities" || not_ok "--color always"
NO_COLOR= run "$SPOOLFIX" scan --color auto --root "$m"
LC_ALL=C grep -q "$(printf '\033')" "$tmp/out" &&
    not_ok "colour on a non-terminal" ||
    ok "--color auto: no colour when output is not a terminal"
# A machine named like a formula (hive data from a compromised host).
cat > "$tmp/inj.hreg" <<'H'
[Select]
"Current"=dword:00000001
[ControlSet001\Control\ComputerName\ComputerName]
"ComputerName"="=cmd|calc!A0"
[ControlSet001\Control\Print\Monitors\LPR Port\Ports\x,y:q]
H
mkdir -p "$tmp/inj" && "$MKHIVE" -o "$tmp/inj/SYSTEM" "$tmp/inj.hreg"
run "$SPOOLFIX" scan --format csv "$tmp/inj/SYSTEM"
grep -q ',"=cmd' "$tmp/out" && not_ok "csv field starts a formula" ||
    ok "csv: hive data cannot start a spreadsheet formula"
grep -q ",\"'=cmd|calc!A0\"," "$tmp/out" && ok "csv: formula guarded with '" ||
    not_ok "csv guard" "$(head -3 "$tmp/out")"

# --- rule selection and site policy ---
run "$SPOOLFIX" scan --format jsonl --disable LPR-001,LPR-003 --root "$m"
grep -q '"rule":"LPR-001"\|"rule":"LPR-003"' "$tmp/out" &&
    not_ok "--disable" || ok "--disable turns rules off"
run "$SPOOLFIX" scan --disable NOPE-001 --root "$m"
[ "$st" -eq 2 ] && grep -q 'no rule with ID NOPE-001' "$tmp/err" &&
    ok "--disable of an unknown ID: exit 2" || not_ok "--disable unknown"
printf 'severity LPR-001 warning\ndisable CON-004\n' > "$tmp/site.rules"
run "$SPOOLFIX" scan --format jsonl --site "$tmp/site.rules" --root "$m"
grep -q '"rule":"LPR-001","severity":"warning"' "$tmp/out" &&
    ! grep -q '"rule":"LPR-001","severity":"error"' "$tmp/out" &&
    ! grep -q '"rule":"CON-004"' "$tmp/out" &&
    ok "--site changes severities and disables rules" || not_ok "--site"
cat > "$tmp/mine.rules" <<'R'
rule SITE-001 {
	title "Printer on an LPT port"
	severity warning
	rationale "Parallel ports are gone from our fleet."
	scope key "HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Print\Printers\*"
	when value "Port" starts-with "LPT"
}
R
printf '[Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers\\Old]\n"Port"="LPT1:"\n' |
    hive "$tmp/lpt/SOFTWARE" $B/software.hreg
run "$SPOOLFIX" scan --format jsonl --no-default-rules --rules "$tmp/mine.rules" \
    "$tmp/lpt/SOFTWARE"
[ "$st" -eq 1 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
    grep -q '"rule":"SITE-001"' "$tmp/out" &&
    ok "--no-default-rules --rules runs only the user's rules" ||
    not_ok "own rules" "$(cat "$tmp/out" "$tmp/err")"

# --- rules commands ---
run "$SPOOLFIX" rules lint --no-default-rules tests/data/bad.rules
if [ "$st" -eq 1 ] && diff -u tests/data/bad.rules.expected "$tmp/err" \
    > "$tmp/diff"; then
	ok "rules lint reports every mistake with file:line:col, exit 1"
else
	not_ok "rules lint diagnostics (exit $st)" "$(cat "$tmp/diff")"
fi
# Duplicates are errors in a rule file: exit 1, as spoolfix(1) says.
run "$SPOOLFIX" rules lint rules/lpr.rules
[ "$st" -eq 1 ] && grep -q 'duplicate rule ID' "$tmp/err" &&
    ok "linting a shipped file against the shipped set finds duplicates" ||
    not_ok "linting a shipped file against the shipped set finds duplicates" \
    "exit $st" "$(head -c 600 "$tmp/err")"
run "$SPOOLFIX" rules lint --no-default-rules rules/lpr.rules
[ "$st" -eq 0 ] && ok "rules lint on a clean file: exit 0" ||
    not_ok "lint clean file $st"
run "$SPOOLFIX" rules lint --no-default-rules "$tmp/nonexistent.rules"
[ "$st" -eq 2 ] && ok "rules lint on a missing file: exit 2" ||
    not_ok "lint missing $st"
# A missing '}' is reported once, where the next block begins; the
# compiler used to repeat that diagnostic forever.
printf 'rule A-001 {\n\ttitle "t"\nrule B-001 {\n}\n' > "$tmp/brace.rules"
printf 'set S {\n\tkeys "HKLM\\SYSTEM\\X"\nrule B-001 {\n}\n' \
    > "$tmp/brace-set.rules"
for b in brace:rule:A-001 brace-set:set:S; do
	f=${b%%:*} w=${b#*:}
	run timeout "$(secs 10)" "$SPOOLFIX" rules lint --no-default-rules "$tmp/$f.rules"
	n=$(grep -c "^$tmp/$f.rules:3:1: expected '}' to close ${w%:*} ${w#*:} (opened at line 1), found rule\$" "$tmp/err")
	[ "$st" -eq 1 ] && [ "$n" -eq 1 ] &&
	    ok "lint: a ${w%:*} without its '}' is reported once, at line:col" ||
	    not_ok "missing '}' in a ${w%:*}: exit $st, reported $n times" \
	    "$(head -c 400 "$tmp/err")"
done
# A rule file for a newer rule language says so, once, and nothing else:
# not the syntax errors its newer constructs would cause here.
ver=$(sed -n 's/.*SPOOLFIX_VERSION "\(.*\)"/\1/p' lib/spoolfix.h)
printf 'language 2\n\nrule NEW-001 {\n\twhen name ends-with "x" @\n}\n' \
    > "$tmp/newer.rules"
run "$SPOOLFIX" rules lint --no-default-rules "$tmp/newer.rules"
[ "$st" -eq 1 ] && [ "$(grep -c "^$tmp/newer.rules:" "$tmp/err")" -eq 1 ] &&
    grep -qxF "$tmp/newer.rules:1:1: this file needs rule language 2; this spoolfix ($ver) reads language 1; upgrade spoolfix" "$tmp/err" &&
    ok "lint: a file for rule language 2 is one error naming both versions" ||
    not_ok "language 2: exit $st" "$(head -c 400 "$tmp/err")"
run "$SPOOLFIX" scan --rules "$tmp/newer.rules" "$clean/SYSTEM"
[ "$st" -eq 2 ] && grep -q "needs rule language 2.*upgrade spoolfix" "$tmp/err" &&
    ok "scan with a file for rule language 2: exit 2 with the reason" ||
    not_ok "scan with language 2: exit $st" "$(head -c 400 "$tmp/err")"
# The shipped rule files declare the language they are written in.
n=0
for f in rules/*.rules; do
	[ "$(sed -n 1p "$f")" = "language 1" ] || n=$((n + 1))
done
[ "$n" -eq 0 ] && ok "every shipped rule file starts with 'language 1'" ||
    not_ok "$n shipped rule files do not start with 'language 1'"
# Removed words of the language are errors that say what to write.
printf 'rule OLD-001 {\n\ttitle "t"\n\tseverity info\n\trationale "r"\n\tscope key "HKLM\\SYSTEM\\Select"\n\twhen value "X" is decimal\n}\n' \
    > "$tmp/old.rules"
run "$SPOOLFIX" rules lint --no-default-rules "$tmp/old.rules"
[ "$st" -eq 1 ] &&
    grep -qxF "$tmp/old.rules:6:20: 'decimal' is no longer part of the rule language: write 'matches /^[0-9]+\$/'" "$tmp/err" &&
    ok "lint: a removed predicate is an error saying what to write" ||
    not_ok "removed predicate: exit $st" "$(head -c 400 "$tmp/err")"
# Nesting is bounded: deep rule text is an error, never a crash.
hdr='rule T-001 {\ntitle "t"\nseverity error\nrationale "r"\nscope key "HKLM\\SYSTEM\\Select"\nwhen '
deep() {	# deep NAME N OPEN CORE CLOSE [HEAD]
	{ printf "$hdr"; awk -v n="$2" -v o="$3" -v c="$4" -v e="$5" \
	    -v h="${6-}" 'BEGIN { printf "%s", h
		for (i = 0; i < n; i++) printf "%s", o; printf "%s", c
		for (i = 0; i < n; i++) printf "%s", e; print "\n}" }'
	} > "$tmp/$1.rules"
}
deep parens 100000 '(' '1 == 1' ')'
deep not 200000 'not ' '1 == 1' ''
deep any 100000 'any subkey (' '1 == 1' ')'
for f in parens not any; do
	run timeout "$(secs 60)" "$SPOOLFIX" rules lint --no-default-rules "$tmp/$f.rules"
	n=$(grep -c "^$tmp/$f.rules:6:[0-9]*: expression nested deeper than 64 levels" "$tmp/err")
	no_crash "lint $f" && [ "$st" -eq 1 ] && [ "$n" -eq 1 ] &&
	    ok "lint: $f nested 100,000+ deep is one error, exit 1" ||
	    not_ok "lint $f: exit $st, reported $n times" \
	    "$(head -c 400 "$tmp/err")"
	run timeout "$(secs 60)" "$SPOOLFIX" scan --no-default-rules --rules \
	    "$tmp/$f.rules" "$clean/SYSTEM"
	no_crash "scan $f" && [ "$st" -eq 2 ] &&
	    grep -q 'expression nested deeper than 64 levels' "$tmp/err" &&
	    ok "scan with $f nested 100,000+ deep: exit 2 with the message" ||
	    not_ok "scan $f: exit $st" "$(head -c 400 "$tmp/err")"
done
deep and 300000 '1 == 1 and ' '1 == 1' ''
deep plus 300000 '"a" + ' '"a"' '' 'name != '
for f in and plus; do
	run timeout "$(secs 60)" "$SPOOLFIX" scan --format jsonl --no-default-rules \
	    --rules "$tmp/$f.rules" "$clean/SYSTEM"
	no_crash "scan $f" && [ "$st" -eq 1 ] &&
	    grep -q '"rule":"T-001"' "$tmp/out" &&
	    ok "a chain of 300,000 $f compiles and evaluates" ||
	    not_ok "chain of $f: exit $st" "$(head -c 400 "$tmp/err")"
done
deep stars 100000 '\\**' '\\X" where (1 == 1)' '' 'exists key "HKLM\\SYSTEM'
run timeout "$(secs 60)" "$SPOOLFIX" scan --no-default-rules --rules "$tmp/stars.rules" \
    "$clean/SYSTEM"
no_crash "scan stars" && [ "$st" -eq 0 ] &&
    ok "a path of 100,000 ** segments is walked as one" ||
    not_ok "path of 100,000 **: exit $st" "$(head -c 400 "$tmp/err")"
deep regex 1 'name matches /' "$(awk 'BEGIN { for (i = 0; i < 101; i++)
    printf "("; printf "a"; for (i = 0; i < 101; i++) printf ")" }')" '/'
run "$SPOOLFIX" rules lint --no-default-rules "$tmp/regex.rules"
[ "$st" -eq 1 ] && grep -q "^$tmp/regex.rules:6:120: bad regular expression: groups nested deeper than 100 levels\$" "$tmp/err" &&
    ok "lint: regex groups nested too deep, at line:col" ||
    not_ok "regex nesting: exit $st" "$(head -c 400 "$tmp/err")"
# An oversized rule file is named as one, with the limit.
truncate -s 17M "$tmp/huge.rules"
run "$SPOOLFIX" rules lint --no-default-rules "$tmp/huge.rules"
[ "$st" -eq 2 ] && grep -q "huge.rules is too large to be a rule file (17825792 bytes; the limit is 16777216 bytes)" "$tmp/err" &&
    ! grep -q hive "$tmp/err" &&
    ok "an oversized rule file is reported as a rule file, with the limit" ||
    not_ok "oversized rule file: exit $st" "$(cat "$tmp/err")"
run "$SPOOLFIX" rules list
[ "$st" -eq 0 ] && grep -q '^LPR-001 *error *delete-key' "$tmp/out" &&
    ok "rules list: ID, severity, fix, title" || not_ok "rules list"
run "$SPOOLFIX" rules show PP-001
[ "$st" -eq 0 ] && grep -q 'KB Q223863' "$tmp/out" &&
    grep -q '^rationale:' "$tmp/out" && grep -q 'set-value' "$tmp/out" &&
    ok "rules show: rationale, references, fix" || not_ok "rules show"
run "$SPOOLFIX" rules show NOPE-001
[ "$st" -eq 2 ] && ok "rules show of an unknown ID: exit 2" ||
    not_ok "rules show unknown"
SPOOLFIX_RULES_DIR=$tmp/empty run "$SPOOLFIX" rules list
[ "$st" -eq 2 ] && grep -q 'no .rules files' "$tmp/err" &&
    ok "missing shipped rules: exit 2 with a message" ||
    not_ok "missing rules dir" "$(cat "$tmp/err")"
# Issue 7: a hostile rule cannot hang a scan.  Nested quantifiers used
# to re-walk the same elements at every level (5^20 iterations here) and
# non-adjacent "**" to try every split of a deep path; now each rule has
# a step budget per object and is reported as cut off, or the walk
# visits each (key, pattern position) once.  Each must end within 20 s.
{
	printf '!root ROOT\n[Select]\n"Current"=dword:00000001\n'
	k='ControlSet001\Control\Print\Printers\P1'
	printf '[%s]\n"A"="1,2,3,4,5"\n"B"="2"\n"C"="3"\n"D"="4"\n' "$k"
	i=0
	while [ $i -lt 60 ]; do
		k="$k\\a"; printf '[%s]\n' "$k"; i=$((i + 1))
	done
} | "$MKHIVE" -o "$tmp/deep.hive" -
nested() {	# nested N OPEN CORE CLOSE > rules
	printf 'rule X-001 {\n\ttitle "t"\n\tseverity error\n\trationale "r"\n'
	printf '\tscope key "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Printers\\*"\n\twhen '
	i=0; while [ $i -lt "$1" ]; do printf '%s' "$2"; i=$((i + 1)); done
	printf '%s' "$3"
	i=0; while [ $i -lt "$1" ]; do printf '%s' "$4"; i=$((i + 1)); done
	printf '\n}\n'
}
budget() {	# budget DESCRIPTION RULES WANT: scan under timeout, grep WANT
	st=0
	timeout "$(secs 20)" "$SPOOLFIX" scan --format jsonl --no-default-rules \
	    --rules "$2" "$tmp/deep.hive" > "$tmp/out" 2> "$tmp/err" || st=$?
	if [ "$st" -le 1 ] && grep -q "$3" "$tmp/out"; then ok "$1"
	else not_ok "$1" "exit $st (124: timed out)" \
	    "$(head -c 600 "$tmp/out" "$tmp/err")"; fi
}
cut='evaluation of rule X-001 was cut off after 1000000 steps'
nested 20 'all value (' 'name != "zz"' ')' > "$tmp/nv.rules"
budget "20 nested 'all value (' are cut off with a note" "$tmp/nv.rules" \
    "\"severity\":\"info\".*$cut"
nested 20 'all item of value "A" split "," (' 'item != "zz"' ')' \
    > "$tmp/ni.rules"
budget "20 nested 'all item' are cut off with a note" "$tmp/ni.rules" "$cut"
nested 20 'exists key "**" where (' 'name == "zz"' ')' > "$tmp/ne.rules"
budget "20 nested 'exists key \"**\" where (' are cut off with a note" \
    "$tmp/ne.rules" "$cut"
# "**\a" ten times then a name no key has: every split of 60 levels.
p=''; i=0; while [ $i -lt 10 ]; do p="$p**\\a\\"; i=$((i + 1)); done
nested 0 '' "not exists key \"${p}nope\"" '' > "$tmp/nw.rules"
budget "non-adjacent '**' over 60 levels: no such key, found quickly" \
    "$tmp/nw.rules" '"rule":"X-001".*"severity":"error"'
nested 0 '' "exists key \"${p}a\"" '' > "$tmp/nw2.rules"
budget "non-adjacent '**' over 60 levels: an existing key is found" \
    "$tmp/nw2.rules" '"rule":"X-001".*"severity":"error"'
# The same pattern as a rule's scope, which no budget covers.
printf 'rule X-001 {\n\ttitle "t"\n\tseverity error\n\trationale "r"\n' \
    > "$tmp/nw3.rules"
printf '\tscope key "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\%s"\n}\n' \
    "Printers\\P1\\${p}a" >> "$tmp/nw3.rules"
st=0
timeout "$(secs 20)" "$SPOOLFIX" scan --format jsonl --no-default-rules \
    --rules "$tmp/nw3.rules" "$tmp/deep.hive" > "$tmp/out" 2>&1 || st=$?
n=$(grep -c '"rule":"X-001"' "$tmp/out")
# Keys 11 to 60 levels below P1 (eleven "a" at least) match, each once.
[ "$st" -eq 1 ] && [ "$n" -eq 50 ] &&
    ok "a scope with non-adjacent '**' over 60 levels: each key once" ||
    not_ok "a scope with non-adjacent '**' over 60 levels: each key once" \
    "exit $st (124: timed out), $n findings" "$(head -c 600 "$tmp/out")"
# A rule cut off on every key is given up after about 17 of them, and
# the scan goes on: the next rule still finds what it should.
printers_hive "$tmp/many.hive"
{
	cat "$tmp/nv.rules"
	printf 'rule X-002 {\n\ttitle "t2"\n\tseverity warning\n'
	printf '\trationale "r"\n\tscope key "HKLM\\SYSTEM\\%s"\n' \
	    'CurrentControlSet\Control\Print\Printers\P7'
	printf '\twhen has value "A"\n}\n'
} > "$tmp/nv2.rules"
st=0
timeout "$(secs 20)" "$SPOOLFIX" scan --format jsonl --no-default-rules \
    --rules "$tmp/nv2.rules" "$tmp/many.hive" > "$tmp/out" 2>&1 || st=$?
[ "$st" -eq 1 ] &&
    grep -q 'check skipped for 17 objects: evaluation of rule X-001 was cut off after 1000000 steps' "$tmp/out" &&
    grep -q 'check skipped for 13 objects: rule X-001 was not evaluated: it has used up its step budget' "$tmp/out" &&
    grep -q '"rule":"X-002","severity":"warning"' "$tmp/out" &&
    ok "a rule cut off on every key is given up; the scan goes on" ||
    not_ok "a rule cut off on every key is given up; the scan goes on" \
    "exit $st (124: timed out)" "$(head -c 1200 "$tmp/out")"
# "*\.." goes down to each of 30 children and back up: 30^20 routes to
# the same key before, one visit per (key, position) now.
q=''; i=0; while [ $i -lt 20 ]; do q="$q*\\..\\"; i=$((i + 1)); done
{
	printf 'rule X-003 {\n\ttitle "t"\n\tseverity error\n\trationale "r"\n'
	printf '\tscope key "HKLM\\SYSTEM\\%s"\n' \
	    'CurrentControlSet\Control\Print\Printers'
	printf '\twhen not exists key "%snope"\n}\n' "$q"
} > "$tmp/up.rules"
st=0
timeout "$(secs 20)" "$SPOOLFIX" scan --format jsonl --no-default-rules \
    --rules "$tmp/up.rules" "$tmp/many.hive" > "$tmp/out" 2>&1 || st=$?
[ "$st" -eq 1 ] && grep -q '"rule":"X-003","severity":"error"' "$tmp/out" &&
    ok "'*\\..' twenty times over 30 keys ends with the right result" ||
    not_ok "'*\\..' twenty times over 30 keys ends with the right result" \
    "exit $st (124: timed out)" "$(head -c 600 "$tmp/out")"
# --- a scan that lacks a hive kind says which, and the rules skipped ---
g=$tmp/gaps
hive "$g/Windows/System32/config/SYSTEM" $top/fixtures/base/system.hreg </dev/null
hive "$g/Windows/System32/config/SOFTWARE" $top/fixtures/base/software.hreg </dev/null
hive "$g/Users/alice/NTUSER.DAT" $top/fixtures/base/ntuser.hreg </dev/null
gsys=$g/Windows/System32/config/SYSTEM
run "$SPOOLFIX" scan "$gsys"
grep -q '^missing hives: SOFTWARE, NTUSER; [0-9]* rules skipped, as they read no other hive: .*SEC-001' "$tmp/out" &&
    ! grep '^missing hives' "$tmp/out" | grep -q 'TCP-011\|PRN-001\|LPR-001' &&
    grep -q '^spoolfix: .* in 1 hive (host [^)]*); missing SOFTWARE, NTUSER ([0-9]* rules skipped)$' "$tmp/out" &&
    ok "scan of SYSTEM alone: the text names SOFTWARE and NTUSER as missing \
and the rules that read only them (SEC-001; not TCP-011, PRN-001)" ||
    not_ok "gaps text" "$(cat "$tmp/out")"
run "$SPOOLFIX" scan --quiet "$gsys"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && grep -q '; missing SOFTWARE, NTUSER (' \
    "$tmp/out" && ok "--quiet: the summary line names the missing kinds" ||
    not_ok "gaps --quiet" "$(cat "$tmp/out")"
run "$SPOOLFIX" scan --format json "$gsys"
jq -e '.summary.missing_hives == ["SOFTWARE","NTUSER"] and
    (.summary.skipped_rules | index("SEC-001") != null) and
    (.summary.skipped_rules | index("CON-004") != null) and
    (.summary.skipped_rules | index("TCP-011") == null)' "$tmp/out" \
    > /dev/null 2>&1 && ok "JSON: summary.missing_hives and \
summary.skipped_rules" || not_ok "gaps json" "$(tail -1 "$tmp/out")"
# --root below the volume: only the user hive is found.
run "$SPOOLFIX" scan --format json --root "$g/Users"
jq -e '.summary.missing_hives == ["SYSTEM","SOFTWARE"] and
    (.summary.skipped_rules | index("LPR-001") != null) and
    (.summary.skipped_rules | index("PRN-001") != null) and
    (.summary.skipped_rules | index("CON-004") == null)' "$tmp/out" \
    > /dev/null 2>&1 && ok "--root at the Users folder: SYSTEM and SOFTWARE \
missing, their rules skipped, the user rules not" ||
    not_ok "gaps --root Users" "$(tail -1 "$tmp/out")"
run "$SPOOLFIX" scan --format nagios --root "$g/Users"
grep -q '^SPOOLFIX OK - 0 errors, 0 warnings, 0 info (missing SYSTEM, SOFTWARE: [0-9]* rules skipped) | errors=0' \
    "$tmp/out" && ok "nagios: the line names the missing kinds" ||
    not_ok "gaps nagios" "$(cat "$tmp/out")"
run "$SPOOLFIX" scan --format intune "$gsys"
grep -q '^spoolfix: compliant: .* (missing SOFTWARE, NTUSER: [0-9]* rules skipped)' \
    "$tmp/out" && ok "intune: the line names the missing kinds" ||
    not_ok "gaps intune" "$(cat "$tmp/out")"
# A machine with every kind: nothing said, no field added.
run "$SPOOLFIX" scan --root "$g"
run2=$st
cp "$tmp/out" "$tmp/gfull.txt"
run "$SPOOLFIX" scan --format json --root "$g"
[ "$run2" -le 1 ] && ! grep -q 'missing' "$tmp/gfull.txt" &&
    jq -e '.summary | has("missing_hives") | not' "$tmp/out" > /dev/null &&
    ok "SYSTEM, SOFTWARE and a user hive: no missing kinds, no new field" ||
    not_ok "gaps full machine" "$(cat "$tmp/gfull.txt")"
# A rule set of one SYSTEM rule: SOFTWARE is missing to no rule.
printf 'rule X-100 {\n\ttitle "t"\n\tseverity info\n\trationale "r"\n\tscope key "HKLM\\SYSTEM\\Select"\n\twhen name is empty\n}\n' \
    > "$tmp/one.rules"
run "$SPOOLFIX" scan --no-default-rules --rules "$tmp/one.rules" "$gsys"
! grep -q 'missing' "$tmp/out" && ok "a kind no rule reads is not \
reported missing" || not_ok "gaps one rule" "$(cat "$tmp/out")"
t_done
