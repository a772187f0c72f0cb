#!/bin/sh
# Nothing from a hive, a path, a rule file or the command line reaches
# the terminal raw.  Every command runs, in every output format, on
# hostile inputs: a --root folder whose profile folder name holds ESC,
# BEL, the C1 CSI (U+009B) and a raw 0x9b byte; key and value names and
# data with the same; a rule file named with controls whose title,
# rationale, references, fix and message hold them; paths and command-
# line arguments with them.  Standard output and error must be valid
# UTF-8 with no C0 control but tab, CR and LF, no DEL and no C1 control
# (U+0080..U+009F).  The colour spoolfix writes itself with --color
# always is the only escape sequence allowed.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base
S=fixtures/sample

# ESC with an SGR sequence, BEL, U+009B as UTF-8, and a raw 0x9b byte
# (not UTF-8; a terminal in an 8-bit mode reads it as CSI).
X=$(printf 'E\033[31mB\007C\302\2332JR\233Z')
ESC=$(printf '\033')

cat > "$tmp/safe.py" <<'PY'
import re, sys
# safe.py [-c] FILE...: FILE is valid UTF-8 without controls but TAB,
# CR and LF.  -c first removes the exact SGR sequences spoolfix writes.
args = sys.argv[1:]
color = args[:1] == ['-c']
bad = 0
for name in args[color:]:
    data = open(name, 'rb').read()
    if color:
        data = re.sub(rb'\x1b\[(?:1;31|33|36|1|0)m', b'', data)
    try:
        text = data.decode('utf-8')
    except UnicodeDecodeError as e:
        print('%s: not UTF-8 at byte %d: %r' % (name, e.start,
            data[max(0, e.start - 30):e.start + 10]))
        bad = 1
        continue
    for i, ch in enumerate(text):
        o = ord(ch)
        if (o < 0x20 and ch not in '\t\r\n') or 0x7f <= o <= 0x9f:
            print('%s: U+%04X at character %d: %r' % (name, o, i,
                text[max(0, i - 40):i + 10]))
            bad = 1
            break
sys.exit(bad)
PY

# shown FILE...: the start of files on one line, controls made visible
# (a TAP detail line must not hold a newline).
shown() {
	cat -v "$@" | head -c 400 | tr '\n' '|'
}

# safe DESCRIPTION [-c]: the last run's output and errors are safe, and
# it did not crash.
safe() {
	no_crash "$1" || return 0
	if python3 "$tmp/safe.py" ${2:+"$2"} "$tmp/out" "$tmp/err" \
	    > "$tmp/why" 2>&1; then
		ok "$1"
	else
		not_ok "$1" "$(shown "$tmp/why")"
	fi
}

# --- the hostile machine ---
P=$(printf 'e\033[31mx\007y\302\2332Jz\233w')	# the profile folder
root=$tmp/root
hive "$root/Windows/System32/config/SYSTEM" $B/system.hreg \
    $S/system-faults.hreg <<'H'
; A port whose name and value hold ESC, BEL and U+009B.
[ControlSet002\Control\Print\Monitors\LPR Port\Ports\q{U+001B}[31m{U+0007}{U+009B}2J:h]
"S{U+001B}[31m{U+0007}"="d{U+001B}[31m{U+0007}{U+009B}2J"
H
hive "$root/Users/$P/NTUSER.DAT" $B/ntuser.hreg $S/ntuser-alice-faults.hreg \
    </dev/null
# The same SYSTEM hive under a folder whose name holds the controls.
mkdir -p "$tmp/p$X"
cp "$root/Windows/System32/config/SYSTEM" "$tmp/p$X/SYSTEM"

# A rule file named with controls, every text of its rule holding them.
rf=$tmp/r$X.rules
cat > "$rf" <<R
rule ESC-001 {
	title "title $X"
	severity warning
	rationale "why $X and more"
	ref "ref $X"
	ref "second $X"
	scope key "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\*"
	when name has nonprint
	fix set-value "v$X" sz "d$X"
	message "msg $X {name}"
}
R
# A rule file with mistakes quoting the controls.
bad=$tmp/bad$X.rules
printf 'rule ESC-002 {\n\ttitle "t"\n\tseverity %s\n\tbogus "%s"\n}\n' \
    "$X" "$X" > "$bad"

# --- scan, every format ---
for fmt in text json jsonl csv; do
	run "$SPOOLFIX" scan --format "$fmt" --rules "$rf" --root "$root"
	safe "scan --format $fmt of the hostile machine and rules"
	run "$SPOOLFIX" scan --format "$fmt" --rules "$rf" "$tmp/p$X/SYSTEM" \
	    "$tmp/missing$X"
	safe "scan --format $fmt of a hostile path and a missing one"
done
run "$SPOOLFIX" scan --rules "$rf" --root "$root"
grep -q '^NTUSER .*(HKU\\e\\x1b\[31mx\\x07y\\x9b2Jz' "$tmp/out" &&
    ok "text: the profile in the hive header is shown escaped" ||
    not_ok "text header profile" "$(grep '^NTUSER' "$tmp/out" | shown)"
# A hive given as a file besides --root would be a second SYSTEM, which
# is refused: the hostile path gets a run of its own.
run "$SPOOLFIX" scan --color always --rules "$rf" --root "$root"
safe "scan --color always: only spoolfix's own colour codes" -c
LC_ALL=C grep -q "$ESC\[1;31merror" "$tmp/out" &&
    ok "--color always still colours" || not_ok "--color always colour"
run "$SPOOLFIX" scan --color always --rules "$rf" "$tmp/p$X/SYSTEM"
safe "scan --color always of a hostile path: only spoolfix's own colour codes" -c
run "$SPOOLFIX" scan --color never --rules "$rf" --root "$root"
safe "scan --color never"
run "$SPOOLFIX" scan --format json --rules "$rf" --root "$root"
jq -e '[.inputs[].profile] | any(. == "e\u001b[31mx\u0007y\u009b2Jz\ufffdw")' \
    "$tmp/out" > /dev/null &&
    jq -e '[.findings[] | select(.rule == "ESC-001")][0] |
    .title == "title E\u001b[31mB\u0007C\u009b2JR\ufffdZ" and
    .refs == ["ref E\u001b[31mB\u0007C\u009b2JR\ufffdZ",
    "second E\u001b[31mB\u0007C\u009b2JR\ufffdZ"]' "$tmp/out" > /dev/null &&
    ok "json: valid, with exact \\u escapes of profile, title and refs" ||
    not_ok "json exact escapes" "$(shown "$tmp/out")"
run "$SPOOLFIX" scan --format jsonl --rules "$rf" --root "$root"
n=$(while IFS= read -r l; do printf '%s\n' "$l" | jq -e . >/dev/null 2>&1 ||
    echo x; done < "$tmp/out" | wc -l)
[ -s "$tmp/out" ] && [ "$n" -eq 0 ] && ok "jsonl: every line valid JSON" ||
    not_ok "jsonl: $n invalid lines"
run "$SPOOLFIX" scan --rules "$bad" --root "$root"
[ "$st" -eq 2 ] && [ -s "$tmp/err" ] && safe "scan with mistaken rules: diagnostics" ||
    not_ok "scan with mistaken rules: exit $st"

# --- repair: dry run with plan, a real repair, undo ---
run "$SPOOLFIX" repair --dry-run --plan "$tmp/plan$X.reg" --rules "$rf" \
    --root "$root"
[ "$st" -eq 1 ] && safe "repair --dry-run --plan with hostile names" ||
    not_ok "repair --dry-run exit $st" "$(shown "$tmp/err")"
run "$SPOOLFIX" repair --dry-run --plan "$tmp/plan$X.reg" --root "$root"
[ "$st" -eq 2 ] && safe "repair --plan to an existing file: the error" ||
    not_ok "repair --plan existing exit $st"
# The machine repaired and undone: its folder and profile carry the
# hostile names, so every path the repair and undo print does too.
hive "$tmp/c$X/Windows/System32/config/SYSTEM" $B/system.hreg \
    $S/system-faults.hreg </dev/null
hive "$tmp/c$X/Users/$P/NTUSER.DAT" $B/ntuser.hreg \
    $S/ntuser-alice-faults.hreg </dev/null
run "$SPOOLFIX" repair --yes --backup-dir "$tmp/bk$X" --root "$tmp/c$X"
[ "$st" -le 1 ] && grep -q '^repaired: ' "$tmp/out" &&
    safe "repair --yes: paths of hives, backups and undo file" ||
    not_ok "repair --yes exit $st" "$(shown "$tmp/err")"
sys=$tmp/c$X/Windows/System32/config/SYSTEM
run "$SPOOLFIX" undo --backup-dir "$tmp/ub$X" "$tmp/bk$X/undo.reg" "$sys"
[ "$st" -eq 0 ] && grep -q '^restored: .*/cE\\x1b\[31mB\\x07C\\x9b2JR' "$tmp/out" &&
    safe "undo: the restored hive's path" ||
    not_ok "undo exit $st" "$(shown "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" undo "$tmp/none$X.reg" "$sys"
[ "$st" -eq 2 ] && grep -q '^left unchanged: ' "$tmp/out" &&
    safe "undo failing: the hive left unchanged" ||
    not_ok "undo failing exit $st" "$(shown "$tmp/out")"

# --- rules ---
run "$SPOOLFIX" rules list --rules "$rf"
safe "rules list"
run "$SPOOLFIX" rules show --rules "$rf" ESC-001
[ "$st" -eq 0 ] && safe "rules show: title, fix, file, rationale, references" ||
    not_ok "rules show exit $st"
grep -q '^  why E\\x1b\[31mB\\x07C\\x9b2JR' "$tmp/out" &&
    ok "rules show: the rationale escaped" ||
    not_ok "rules show rationale" "$(shown "$tmp/out")"
run "$SPOOLFIX" rules show --rules "$rf" "NO$X"
[ "$st" -eq 2 ] && safe "rules show of an unknown ID" ||
    not_ok "rules show unknown exit $st"
run "$SPOOLFIX" rules lint "$rf"
[ "$st" -eq 0 ] && safe "rules lint of a good file" || not_ok "lint exit $st"
run "$SPOOLFIX" rules lint "$bad"
[ "$st" -eq 1 ] && [ -s "$tmp/err" ] && safe "rules lint of a mistaken file" ||
    not_ok "lint mistaken exit $st"
run "$SPOOLFIX" rules lint "$tmp/missing$X.rules"
[ "$st" -eq 2 ] && safe "rules lint of a missing file" ||
    not_ok "lint missing exit $st"
run "$SPOOLFIX" rules doc --rules "$rf"
safe "rules doc"

# --- usage errors and help ---
for args in "scan --bogus$X" "scan -$ESC" "scan --format x$X" \
    "scan --fail-on x$X" "scan --color x$X" "scan --dry-run=$X" \
    "repair --bogus$X" "repair --fail-on x$X" "repair --yes=$X" \
    "undo --bogus$X" "rules x$X" "rules list --bogus$X" "bogus$X" \
    "help$X"; do
	# shellcheck disable=SC2086
	run "$SPOOLFIX" $args
	[ "$st" -eq 2 ] && [ -s "$tmp/err" ] &&
	    safe "usage error: $(printf '%s' "$args" | cat -v)" ||
	    not_ok "usage error exit $st: $(printf '%s' "$args" | cat -v)"
done
run "$SPOOLFIX" scan --bogus"$X" "$root"
grep -q "unknown option '--bogusE\\\\x1b\[31mB" "$tmp/err" &&
    ok "usage error: the bad option named, escaped" ||
    not_ok "bad option message" "$(shown "$tmp/err")"
run "$SPOOLFIX" scan --root
[ "$st" -eq 2 ] && grep -q "option '--root' needs a value" "$tmp/err" &&
    ok "usage error: a missing option value named" ||
    not_ok "missing value message" "$(shown "$tmp/err")"
for args in "--help" "help scan" "scan --help" "repair --help" \
    "undo --help" "rules --help" "--version"; do
	# shellcheck disable=SC2086
	run "$SPOOLFIX" $args
	[ "$st" -eq 0 ] && safe "$args" || not_ok "$args: exit $st"
done

# --- CSV: a long references field is written whole ---
long=$(awk 'BEGIN { s = "xy"; for (i = 0; i < 700; i++) s = s "\303\251";
	print s }')
cat > "$tmp/long.rules" <<R
rule LONG-001 {
	title "long references"
	severity warning
	rationale "A references field longer than a fixed buffer."
	ref "$long"
	ref "tail"
	scope key "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\Monitors\\LPR Port\\Ports\\*"
	when name has comma
	message "a long references field"
}
R
run "$SPOOLFIX" scan --format csv --no-default-rules --rules "$tmp/long.rules" \
    --root "$root"
LONG=$long python3 -c '
import csv, os, sys
want = os.environ["LONG"] + "; tail"
rows = [r for r in csv.reader(open(sys.argv[1], encoding="utf-8", newline=""))
    if r[1] == "LONG-001"]
sys.exit(0 if rows and all(r[11] == want for r in rows) else 1)' "$tmp/out" \
    2> "$tmp/why" && ok "csv: a 1,408-byte references field is written whole" ||
    not_ok "csv long refs" "$(shown "$tmp/why")"
t_done
