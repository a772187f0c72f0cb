#!/bin/sh
# spoolfix audit: a generated fleet (the sample machine with faults
# varied per host, some hosts unreadable, one with a hostile folder
# name) is reported host by host exactly once, with the findings a
# separate scan of each host gives; the automation contracts (JSON
# Lines, CSV for Excel, Nagios) keep their shape and exit statuses; a
# baseline marks findings new, still and resolved.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base
S=fixtures/sample
N=${SPOOLFIX_AUDIT_HOSTS:-24}

command -v jq > /dev/null 2>&1 || { skip "audit tests" "jq is missing"; t_done; exit; }

# host DIR NAME FAULTS: a host folder laid out as a Windows volume;
# FAULTS holds s (SYSTEM faults), w (SOFTWARE faults), u (user faults).
host() {
	sed "s/WS042/$2/" $B/system.hreg > "$tmp/sys.hreg"
	f=; case $3 in *s*) f=$S/system-faults.hreg;; esac
	hive "$1/Windows/System32/config/SYSTEM" "$tmp/sys.hreg" $f </dev/null
	f=; case $3 in *w*) f=$S/software-faults.hreg;; esac
	hive "$1/Windows/System32/config/SOFTWARE" $B/software.hreg $f </dev/null
	f=; case $3 in *u*) f=$S/ntuser-alice-faults.hreg;; esac
	hive "$1/Users/alice/NTUSER.DAT" $B/ntuser.hreg $f </dev/null
}

fleet=$tmp/fleet
i=0
while [ "$i" -lt "$N" ]; do
	faults=
	[ $((i % 2)) -eq 1 ] && faults=${faults}s
	[ $((i % 3)) -eq 1 ] && faults=${faults}w
	[ $((i % 5)) -eq 2 ] && faults=${faults}u
	host "$fleet/host$(printf %03d "$i")" "PC$i" "$faults"
	i=$((i + 1))
done
# Two hosts of one name (a cloned image): told apart.
host "$fleet/clone-a" PCDUP ""
host "$fleet/clone-b" PCDUP s
# Unreadable: not a hive; truncated; a folder without hives.
mkdir -p "$fleet/garbage/Windows/System32/config"
echo 'not a hive' > "$fleet/garbage/Windows/System32/config/SYSTEM"
host "$fleet/truncated" PCTRUNC s
head -c 8192 "$fleet/truncated/Windows/System32/config/SYSTEM" > "$tmp/cut"
mv "$tmp/cut" "$fleet/truncated/Windows/System32/config/SYSTEM"
mkdir -p "$fleet/nohives/Documents"
# A hostile folder name and no SYSTEM hive: the folder names the host.
evil=$(printf '=cmd|\033[31m"x\377')
hive "$fleet/$evil/Users/alice/NTUSER.DAT" $B/ntuser.hreg \
    $S/ntuser-alice-faults.hreg </dev/null
nhosts=$((N + 6))

# Fields that differ between runs, left out for comparisons.
norm() {
	jq -c 'del(.run_id, .time, .seconds)' "$@"
}

# --- every host once, findings equal to scan ---
run "$SPOOLFIX" audit -j1 --format jsonl "$fleet"
cp "$tmp/out" "$tmp/j1.jsonl"
[ "$st" -eq 2 ] && ok "audit of a fleet with unreadable hosts: exit 2" ||
    not_ok "audit exit status" "exit $st" "$(head -c 600 "$tmp/err")"
if [ -s "$tmp/j1.jsonl" ] && jq -e . "$tmp/j1.jsonl" > /dev/null 2>&1 &&
    ! LC_ALL=C grep -q '[^ -~]' "$tmp/j1.jsonl"; then
	ok "every line is JSON, in printable ASCII"
else
	not_ok "JSON Lines parse and are ASCII"
fi
n=$(jq -r 'select(.type=="host") | .folder' "$tmp/j1.jsonl" | wc -l)
u=$(jq -r 'select(.type=="host") | .folder' "$tmp/j1.jsonl" | sort -u | wc -l)
[ "$n" -eq "$nhosts" ] && [ "$u" -eq "$nhosts" ] &&
    ok "each of $nhosts hosts has exactly one host record" ||
    not_ok "one host record per host" "$n records, $u folders, want $nhosts"
jq -r 'select(.type=="host") | .host' "$tmp/j1.jsonl" | sort | uniq -d \
    > "$tmp/dups"
[ "$n" -gt 0 ] && [ ! -s "$tmp/dups" ] && ok "host names are unique (clones told apart)" ||
    not_ok "host names unique" "$(cat "$tmp/dups")"
jq -e -s '[.[] | select(.type=="host" and (.folder | test("clone-")))
    | .host] | sort == ["PCDUP", "PCDUP (clone-b)"]' "$tmp/j1.jsonl" \
    > /dev/null && ok "the second host of a name is named by its folder" ||
    not_ok "duplicate naming" "$(grep PCDUP "$tmp/j1.jsonl" | head -c 600)"
# Every record carries the run's identity and the host.
jq -e -s '(map(.run_id) | unique | length == 1) and
    all(.[]; (.run_id | test("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))
    and (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"))
    and (.spoolfix | type == "string") and (.ruleset | test("^[0-9]+-[0-9a-f]{16}$"))
    and (.host | type == "string") and (.type == "host" or .type == "finding"))' \
    "$tmp/j1.jsonl" > /dev/null &&
    ok "every record has type, run ID, UTC time, versions and host" ||
    not_ok "run fields on every record"
for st_want in clean findings unreadable; do
	c=$(jq -r "select(.type==\"host\" and .status==\"$st_want\") | .host" \
	    "$tmp/j1.jsonl" | wc -l)
	[ "$c" -gt 0 ] && ok "some hosts are $st_want ($c)" ||
	    not_ok "hosts with status $st_want" "none"
done
jq -e -s '[.[] | select(.type=="host" and .status=="unreadable")] |
    map(.folder | split("/") | last) | sort == ["garbage", "nohives",
    "truncated"]' "$tmp/j1.jsonl" > /dev/null &&
    jq -e -s 'all(.[] | select(.status=="unreadable"); (.reason |
    length > 0) and (.advice | type == "string"))' "$tmp/j1.jsonl" \
    > /dev/null &&
    ok "unreadable hosts are reported with their reason; the audit goes on" ||
    not_ok "unreadable hosts" "$(jq -c 'select(.status=="unreadable")' \
    "$tmp/j1.jsonl" | head -c 800)"
# The per-host counts agree with the finding records.
[ "$n" -gt 0 ] && jq -e -s '[.[] | select(.type=="host")] as $h | [.[] |
    select(.type=="finding")] as $f | all($h[]; . as $x | ($x.error +
    $x.warning + $x.info) == ([$f[] | select(.host == $x.host)] | length))' \
    "$tmp/j1.jsonl" > /dev/null &&
    ok "each host record counts its finding records" ||
    not_ok "host counts match findings"
# A separate scan of each readable host finds the same.
bad=
for d in "$fleet"/*/; do
	d=${d%/}
	case $d in *garbage|*truncated|*nohives) continue;; esac
	"$SPOOLFIX" scan --format jsonl --root "$d" 2>/dev/null |
	    jq -c '[.rule, .severity, .key, .value, .source, .message]' |
	    sort > "$tmp/scan.one"
	F=$d jq -c 'select(.type=="finding" and (.source |
	    startswith(env.F + "/"))) | [.rule, .severity, .key, .value,
	    .source, .message]' "$tmp/j1.jsonl" | sort > "$tmp/audit.one"
	cmp -s "$tmp/scan.one" "$tmp/audit.one" || bad="$bad $d"
done
[ -z "$bad" ] && ok "findings of each host equal those of 'spoolfix scan --root'" ||
    not_ok "audit findings equal scan's" "differ:$bad"
# The hostile folder name never reaches output raw.
jq -e -s --arg e "$evil" 'any(.[]; .type=="host" and .host==($e |
    sub("\uFFFD$"; "") + "\uFFFD") and .status=="findings")' \
    "$tmp/j1.jsonl" > /dev/null 2>&1 ||
    jq -e -s 'any(.[]; .type=="host" and (.host | startswith("=cmd|\u001b")))' \
    "$tmp/j1.jsonl" > /dev/null &&
    ok "a hostile folder names its host, escaped in JSON" ||
    not_ok "hostile host name in JSON"

# --- parallel: the same records in the same order ---
run "$SPOOLFIX" audit -j3 --format jsonl "$fleet"
norm "$tmp/j1.jsonl" > "$tmp/a"
norm "$tmp/out" > "$tmp/b"
[ -s "$tmp/b" ] && cmp -s "$tmp/a" "$tmp/b" && ok "-j3 writes what -j1 writes, in the same order" ||
    not_ok "-j3 equals -j1" "$(diff "$tmp/a" "$tmp/b" | head -c 600)"

# --- summary for people ---
run "$SPOOLFIX" audit -j2 "$fleet"
l1=$(head -1 "$tmp/out")
case $l1 in
"spoolfix audit: $nhosts hosts, "*" clean, "*" with findings ("*" with errors), 3 unreadable; "*)
	ok "summary: hosts, clean, with findings, unreadable";;
*)	not_ok "summary first line" "$l1";;
esac
grep -q '^top rules by hosts affected:' "$tmp/out" &&
    grep -q '^slowest hosts:' "$tmp/out" &&
    ok "summary: top rules and slowest hosts" || not_ok "summary sections" \
    "$(head -c 600 "$tmp/out")"
# LPR-001 is seeded on every odd host and both PCDUP clones but one.
want=$(jq -r 'select(.type=="finding" and .rule=="LPR-001") | .host' \
    "$tmp/j1.jsonl" | sort -u | wc -l)
grep -Eq "^  LPR-001 +$want +error " "$tmp/out" &&
    ok "summary counts hosts per rule as the JSON does ($want for LPR-001)" ||
    not_ok "summary rule counts" "$(grep LPR-001 "$tmp/out")"
if LC_ALL=C grep -q "$(printf '\033')" "$tmp/out" "$tmp/err"; then
	not_ok "no raw escape character reaches the terminal"
else
	ok "no raw escape character reaches the terminal"
fi
[ ! -s "$tmp/err" ] && ok "no progress when standard error is not a terminal" ||
    not_ok "progress off by default" "$(head -c 300 "$tmp/err")"
run "$SPOOLFIX" audit --quiet "$fleet"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && ok "--quiet: the summary line only" ||
    not_ok "--quiet" "$(cat "$tmp/out")"
run "$SPOOLFIX" audit --progress always -j2 "$fleet"
grep -q "$nhosts/$nhosts hosts, .*/s, 3 unreadable" "$tmp/err" &&
    ok "--progress always: hosts done, rate, unreadable so far" ||
    not_ok "--progress" "$(head -c 300 "$tmp/err" | od -c | head)"

# --- CSV for Excel ---
run "$SPOOLFIX" audit --format csv --hosts-csv "$tmp/hosts.csv" "$fleet"
cp "$tmp/out" "$tmp/f.csv"
[ "$(head -c 3 "$tmp/f.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    [ "$(head -c 3 "$tmp/hosts.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    ok "CSV starts with a UTF-8 byte-order mark by default" ||
    not_ok "CSV byte-order mark"
[ "$(grep -c '"run_id","time"' "$tmp/f.csv")" -eq 1 ] &&
    ok "CSV: one header for the whole fleet" || not_ok "CSV one header"
if python3 - "$tmp/f.csv" "$tmp/hosts.csv" "$tmp/j1.jsonl" "$nhosts" \
    > "$tmp/py" 2>&1 <<'EOF'
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
hosts = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
recs = [json.loads(l) for l in open(sys.argv[3])]
assert all(len(r) == len(rows[0]) for r in rows), "ragged finding rows"
assert all(len(r) == len(hosts[0]) for r in hosts), "ragged host rows"
nf = sum(1 for r in recs if r["type"] == "finding")
assert len(rows) - 1 == nf, "%d rows, %d findings" % (len(rows) - 1, nf)
assert len(hosts) - 1 == int(sys.argv[4]), "%d host rows" % (len(hosts) - 1)
h = rows[0].index("host")
hh = hosts[0].index("host")
bad = [c for r in rows[1:] + hosts[1:] for c in r if c and c[0] in "=+-@"]
assert not bad, "formula cells: %r" % bad
assert any(r[hh].startswith("'=cmd|\\x1b") for r in hosts[1:]), \
    "hostile host not neutralised: %r" % [r[hh] for r in hosts[1:]]
assert any(r[h].startswith("'=cmd|\\x1b") for r in rows[1:]), \
    "hostile host of a finding not neutralised"
EOF
then ok "CSV: rows match the JSON, hostile cells neutralised and escaped"
else not_ok "CSV rows" "$(tail -3 "$tmp/py")"; fi
# --- hosts lacking a hive kind: which, and the rules skipped ---
jq -e -s '[.[] | select(.type=="host" and (.folder | test("/host0")))] |
    length > 0 and all(.missing == [] and .skipped_rules == [])' \
    "$tmp/j1.jsonl" > /dev/null 2>&1 &&
    jq -e -s '[.[] | select(.type=="host" and (.folder | test("cmd")))] |
    length == 1 and all(.missing == ["SYSTEM","SOFTWARE"] and
    (.skipped_rules | index("LPR-001") != null) and
    (.skipped_rules | index("CON-004") == null))' "$tmp/j1.jsonl" \
    > /dev/null 2>&1 &&
    python3 - "$tmp/hosts.csv" <<'EOF' > "$tmp/py" 2>&1 &&
import csv, sys
h = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
m, k, f = h[0].index("missing"), h[0].index("skipped_rules"), h[0].index("folder")
assert h[0][-2:] == ["missing", "skipped_rules"], h[0]
ev = [r for r in h[1:] if "cmd" in r[f]]
assert len(ev) == 1 and ev[0][m] == "SYSTEM SOFTWARE", ev
assert "LPR-001" in ev[0][k].split(" "), ev[0][k]
assert all(r[m] == "" for r in h[1:] if "/host0" in r[f])
EOF
    ok "audit: a host without SYSTEM and SOFTWARE says so (missing, \
skipped_rules in its record and the host CSV); complete hosts say nothing" ||
    not_ok "audit missing kinds" "$(cat "$tmp/py"; jq -c 'select(.type=="host") | [.folder, .missing, .skipped_rules]' "$tmp/j1.jsonl" | head -5)"
run "$SPOOLFIX" audit --no-csv-bom --format csv "$fleet"
[ "$(head -c 1 "$tmp/out")" = '"' ] && ok "--no-csv-bom: no byte-order mark" ||
    not_ok "--no-csv-bom"

# --- severity filter ---
run "$SPOOLFIX" audit --min-severity error --format jsonl "$fleet"
jq -e -s '[.[] | select(.type=="finding")] | length > 0 and
    all(.severity == "error")' "$tmp/out" > /dev/null &&
    jq -e -s 'all(.[] | select(.type=="host"); .warning == 0 and .info == 0)' \
    "$tmp/out" > /dev/null &&
    ok "--min-severity error: only errors, and counted so" ||
    not_ok "--min-severity"

# --- SIEM: ATT&CK technique on persistence keys ---
jq -e -s '[.[] | select(.type=="finding" and (.key |
    test("\\\\Control\\\\Print\\\\Monitors\\\\")))] | length > 0 and
    all(.attack == "T1547.010")' "$tmp/j1.jsonl" > /dev/null &&
    jq -e -s '[.[] | select(.type=="finding" and (.key |
    test("\\\\Print Processors\\\\")))] | length > 0 and
    all(.attack == "T1547.012")' "$tmp/j1.jsonl" > /dev/null &&
    jq -e -s '[.[] | select(.type=="finding" and (.key |
    test("\\\\Connections\\\\")))] | all(.attack == null)' \
    "$tmp/j1.jsonl" > /dev/null &&
    ok "findings on monitor and print-processor keys carry T1547.010/.012" ||
    not_ok "attack field"

# --- Nagios ---
nagios() {	# nagios DESCRIPTION WANT_EXIT WANT_STATE ARGS...
	d=$1 we=$2 ws=$3; shift 3
	run "$SPOOLFIX" audit --format nagios "$@"
	if [ "$st" -eq "$we" ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
	    grep -Eq "^SPOOLFIX $ws - .* \| hosts=[0-9]+;;;0 clean=[0-9]+;;;0 unreadable=[0-9]+;;;0 errors=[0-9]+;;;0 warnings=[0-9]+;;;0 info=[0-9]+;;;0\$" \
	    "$tmp/out" && [ ! -s "$tmp/err" ]; then
		ok "nagios: $d is $ws, exit $we, one line with perfdata"
	else
		not_ok "nagios: $d" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
	fi
}
nagios "a fleet with errors" 2 CRITICAL "$fleet"
nagios "a clean host" 0 OK "$fleet/host000"
nagios "an unreadable host" 3 UNKNOWN "$fleet/garbage"
nagios "a clean and an unreadable host" 3 UNKNOWN "$fleet/host000" \
    "$fleet/nohives"
# Warnings only: a site policy makes every rule a warning.
"$SPOOLFIX" rules list | awk 'NR > 1 && $1 ~ /^[A-Z]+-[0-9]+$/ {
    print "severity " $1 " warning" }' > "$tmp/warn.site"
nagios "warnings only" 1 WARNING --site "$tmp/warn.site" "$fleet/host001"

# --- a list of host folders, on standard input or in a file ---
printf '%s\n' "$fleet/host000" "# a comment" "$fleet/host001" > "$tmp/list"
run "$SPOOLFIX" audit --format jsonl - < "$tmp/list"
[ "$(jq -r 'select(.type=="host") | .host' "$tmp/out" | tr '\n' ' ')" = \
    "PC0 PC1 " ] && ok "a list of host folders on standard input" ||
    not_ok "host list" "$(head -c 400 "$tmp/err")"
run "$SPOOLFIX" audit --format jsonl "$tmp/list"
[ "$(jq -r 'select(.type=="host") | .host' "$tmp/out" | wc -l)" -eq 2 ] &&
    ok "a list of host folders in a file" || not_ok "host list file"

# --- baseline: new, still, resolved ---
base=$tmp/base.jsonl
cp "$tmp/j1.jsonl" "$base"
# host001 is repaired (its SYSTEM rebuilt clean), host000 gets faults,
# and the truncated host stays unreadable.
host "$fleet/host001" PC1 ""
host "$fleet/host000" PC0 s
run "$SPOOLFIX" audit -j2 --format jsonl --baseline "$base" "$fleet"
cp "$tmp/out" "$tmp/second.jsonl"
jq -e -s '[.[] | select(.type=="finding" and .host=="PC0")] |
    length > 0 and all(.change == "new")' "$tmp/second.jsonl" > /dev/null &&
    ok "baseline: findings of a host that got faults are new" ||
    not_ok "baseline new"
jq -e -s '[.[] | select(.type=="finding" and .host=="PC1")] |
    length > 0 and all(.change == "resolved")' "$tmp/second.jsonl" \
    > /dev/null && ok "baseline: findings of a repaired host are resolved" ||
    not_ok "baseline resolved" "$(grep '"PC1"' "$tmp/second.jsonl" | head -c 600)"
jq -e -s '[.[] | select(.type=="finding" and .host=="PC3")] |
    length > 0 and all(.change == "still")' "$tmp/second.jsonl" \
    > /dev/null && ok "baseline: unchanged findings are still present" ||
    not_ok "baseline still"
# Resolved counts only what was found before and not now.
r=$(jq -r 'select(.change=="resolved") | .host' "$tmp/second.jsonl" | sort -u)
[ "$r" = PC1 ] && ok "baseline: nothing else resolved (not the unreadable host)" ||
    not_ok "baseline resolved hosts" "$r"
run "$SPOOLFIX" audit --quiet --baseline "$base" "$fleet"
grep -Eq '; [1-9][0-9]* new, [1-9][0-9]* still, [1-9][0-9]* resolved$' \
    "$tmp/out" && ok "baseline: the summary counts new, still and resolved" ||
    not_ok "baseline summary" "$(cat "$tmp/out")"
run "$SPOOLFIX" audit --baseline "$tmp/missing.jsonl" "$fleet"
[ "$st" -eq 2 ] && grep -q 'cannot open the baseline' "$tmp/err" &&
    ok "a missing baseline: exit 2, says so" || not_ok "missing baseline"

# --- scan for one endpoint: Intune and Nagios contracts ---
# (after the baseline section: host000 has SYSTEM faults now, host001 none)
one=$fleet/host000	# errors and a warning
cleanh=$fleet/host001
run "$SPOOLFIX" scan --format intune --root "$cleanh"
[ "$st" -eq 0 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] && [ ! -s "$tmp/err" ] &&
    grep -q '^spoolfix: compliant: 0 errors, 0 warnings, 0 info on PC1$' \
    "$tmp/out" && ok "intune: a compliant host exits 0 with one line" ||
    not_ok "intune compliant" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" scan --format intune --root "$one"
[ "$st" -eq 1 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] && [ ! -s "$tmp/err" ] &&
    grep -q '^spoolfix: remediation needed: [1-9][0-9]* errors, .*: .*LPR-001 HKLM' \
    "$tmp/out" && ok "intune: remediation needed exits 1, one line naming the faults" ||
    not_ok "intune needed" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" scan --format intune --fail-on error --site "$tmp/warn.site" \
    --root "$one"
[ "$st" -eq 0 ] && grep -q '^spoolfix: compliant: 0 errors' "$tmp/out" &&
    ok "intune: --fail-on error, only warnings: compliant" ||
    not_ok "intune fail-on" "exit $st" "$(cat "$tmp/out")"
run "$SPOOLFIX" scan --format intune --root "$fleet/garbage"
[ "$st" -eq 1 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
    grep -q '^spoolfix: cannot read: .*garbage.*not a registry hive' \
    "$tmp/out" && ok "intune: an unreadable hive exits 1, the reason on stdout only" ||
    not_ok "intune unreadable" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
run "$SPOOLFIX" scan --format intune --root "$fleet/nohives"
[ "$st" -eq 1 ] && [ ! -s "$tmp/err" ] &&
    grep -q '^spoolfix: cannot read: no registry hives found' "$tmp/out" &&
    ok "intune: a folder without hives exits 1, nothing on stderr" ||
    not_ok "intune no hives" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
# Many findings: the line stops at 2,048 characters, newline included.
i=0
while [ "$i" -lt 300 ]; do
	printf '[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\bad,port%03d:q]\n' "$i"
	i=$((i + 1))
done > "$tmp/many.hreg"
hive "$tmp/many/Windows/System32/config/SYSTEM" $B/system.hreg "$tmp/many.hreg" </dev/null
run "$SPOOLFIX" scan --format intune --root "$tmp/many"
c=$(wc -c < "$tmp/out")
[ "$st" -eq 1 ] && [ "$c" -le 2048 ] && [ "$c" -gt 1900 ] &&
    [ "$(wc -l < "$tmp/out")" -eq 1 ] && grep -q ' \.\.\.$' "$tmp/out" &&
    ok "intune: 300 findings fit one line of $c bytes, cut with ..." ||
    not_ok "intune length" "exit $st, $c bytes"
run "$SPOOLFIX" scan --format nagios --root "$tmp/many"
c=$(head -1 "$tmp/out" | sed 's/ | errors=.*//' | wc -c)
[ "$st" -eq 2 ] && [ "$c" -le 2048 ] &&
    grep -q '^SPOOLFIX CRITICAL - 600 errors, .* | errors=600;;;0 warnings=0;;;0 info=1;;;0 unreadable=0;;;0$' \
    "$tmp/out" && ok "nagios: CRITICAL, exit 2, the text cut, perfdata whole" ||
    not_ok "nagios many" "exit $st" "$(head -c 300 "$tmp/out")"
scan_nagios() {	# DESCRIPTION WANT_EXIT WANT_STATE ARGS...
	d=$1 we=$2 ws=$3; shift 3
	run "$SPOOLFIX" scan --format nagios "$@"
	[ "$st" -eq "$we" ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
	    [ ! -s "$tmp/err" ] && grep -Eq "^SPOOLFIX $ws - .* \| errors=[0-9]+;;;0 warnings=[0-9]+;;;0 info=[0-9]+;;;0 unreadable=[0-9]+;;;0\$" \
	    "$tmp/out" && ok "scan nagios: $d is $ws, exit $we" ||
	    not_ok "scan nagios: $d" "exit $st" "$(cat "$tmp/out" "$tmp/err")"
}
scan_nagios "a clean host" 0 OK --root "$cleanh"
scan_nagios "warnings only" 1 WARNING --site "$tmp/warn.site" --root "$one"
scan_nagios "errors" 2 CRITICAL --root "$one"
scan_nagios "an unreadable hive beside readable ones" 3 UNKNOWN \
    "$cleanh/Windows/System32/config/SOFTWARE" \
    "$fleet/garbage/Windows/System32/config/SYSTEM"
grep -q 'cannot read: .*garbage' "$tmp/out" &&
    ok "scan nagios: UNKNOWN names the unreadable hive" ||
    not_ok "nagios unknown reason" "$(cat "$tmp/out")"

# --- small scan options ---
run "$SPOOLFIX" scan --quiet --root "$one"
[ "$st" -eq 1 ] && [ "$(wc -l < "$tmp/out")" -eq 1 ] &&
    grep -q '^spoolfix: [0-9]* errors, .* (host PC0)$' "$tmp/out" &&
    ok "scan --quiet: the summary line only" || not_ok "scan --quiet" \
    "$(head -c 300 "$tmp/out")"
run "$SPOOLFIX" scan --format jsonl --min-severity error --root "$one"
[ "$st" -eq 1 ] && [ -s "$tmp/out" ] &&
    jq -e -s 'all(.severity == "error")' "$tmp/out" > /dev/null &&
    ok "scan --min-severity error lists errors only, exit by --fail-on" ||
    not_ok "scan --min-severity"
run "$SPOOLFIX" scan --format json --host NEWNAME --root "$one"
[ "$st" -eq 1 ] && jq -e '.host == "PC0"' "$tmp/out" > /dev/null &&
    ok "scan --host: ComputerName wins without --host-override" ||
    not_ok "--host default"
run "$SPOOLFIX" scan --format json --host NEWNAME --host-override --root "$one"
[ "$st" -eq 1 ] && jq -e '.host == "NEWNAME" and
    all(.findings[]; .host == "NEWNAME")' \
    "$tmp/out" > /dev/null &&
    ok "scan --host-override: the given name everywhere" ||
    not_ok "--host-override" "$(head -c 300 "$tmp/out")"
run "$SPOOLFIX" scan --host-override --root "$one"
[ "$st" -eq 2 ] && grep -q -- '--host-override needs --host' "$tmp/err" &&
    ok "--host-override without --host: usage error" || not_ok "override alone"
run "$SPOOLFIX" scan --format csv --csv-bom --root "$one"
[ "$(head -c 3 "$tmp/out" | od -An -tx1 | tr -d ' ')" = efbbbf ] &&
    ok "scan --csv-bom: a byte-order mark" || not_ok "scan --csv-bom"
run "$SPOOLFIX" scan --format csv --root "$one"
[ "$(head -c 1 "$tmp/out")" = '"' ] &&
    ok "scan CSV: no byte-order mark unless asked (unchanged)" ||
    not_ok "scan csv default"
# "--rule" is repair's; to scan it was a silent prefix of --rules.
run "$SPOOLFIX" scan --rule rules/lpr.rules --no-default-rules --root "$one"
[ "$st" -eq 2 ] && grep -q "unknown option '--rule' (did you mean --rules?)" \
    "$tmp/err" && [ ! -s "$tmp/out" ] &&
    ok "scan --rule X: refused, not taken as --rules X" ||
    not_ok "scan --rule prefix" "exit $st" "$(cat "$tmp/err")"
run "$SPOOLFIX" repair --dry-run --rul SEC-001 --root "$one"
[ "$st" -eq 2 ] && grep -q "unknown option '--rul'" "$tmp/err" &&
    ok "repair --rul: refused" || not_ok "repair prefix" "$(cat "$tmp/err")"
run "$SPOOLFIX" scan --format=jsonl --root="$one"
[ "$st" -eq 1 ] && [ -s "$tmp/out" ] &&
    ok "--option=value spelled out is still accepted" ||
    not_ok "--opt=value" "exit $st" "$(cat "$tmp/err")"

# --- Ansible: repair --format json, and the playbook of contrib/ ---
rj=$tmp/rj
cp -R "$one" "$rj"
find "$rj" -type f -exec cksum {} + | sort > "$tmp/rj.before"
run "$SPOOLFIX" repair --format json --dry-run --root "$rj"
find "$rj" -type f -exec cksum {} + | sort > "$tmp/rj.after"
[ "$st" -eq 1 ] && jq -e '.changed == true and .failed == false and
    .dry_run == true and (.changes | length > 0) and
    all(.changes[]; (.hive | type == "string") and (.action |
    test("^(delete-key|delete-value|set-value)$")) and (.key | type ==
    "string") and (.rules | length > 0)) and .undo_file == null and
    (.msg | test("^dry run: "))' "$tmp/out" > /dev/null &&
    cmp -s "$tmp/rj.before" "$tmp/rj.after" &&
    ok "repair --format json --dry-run: changed, the changes, nothing written" ||
    not_ok "repair json dry run" "exit $st" "$(head -c 600 "$tmp/out")"
run "$SPOOLFIX" repair --format json --yes --backup-dir "$tmp/rj.bk" \
    --root "$rj"
if [ "$st" -le 1 ] && jq -e '.changed == true and .failed == false and
    (.hives | length > 0) and all(.hives[]; .state == "repaired") and
    .undo_file != null and .backup_dir != null' "$tmp/out" > /dev/null &&
    [ -f "$(jq -r .undo_file "$tmp/out")" ] &&
    [ -f "$(jq -r '.hives[0].backup' "$tmp/out")" ]; then
	ok "repair --format json: changed, each hive repaired, backup and undo paths"
else
	not_ok "repair json" "exit $st" "$(head -c 600 "$tmp/out" "$tmp/err")"
fi
run "$SPOOLFIX" repair --format json --yes --backup-dir "$tmp/rj.bk2" \
    --root "$rj"
jq -e '.changed == false and .failed == false and (.hives | length == 0)' \
    "$tmp/out" > /dev/null && ok "repair --format json again: not changed" ||
    not_ok "repair json idempotent" "$(head -c 400 "$tmp/out")"
run "$SPOOLFIX" repair --format json --yes --root "$fleet/garbage"
[ "$st" -eq 2 ] && jq -e '.failed == true and .changed == false and
    (.msg | length > 0) and .rc == 2' "$tmp/out" > /dev/null &&
    ok "repair --format json, unreadable hive: failed, with a message" ||
    not_ok "repair json failure" "exit $st" "$(head -c 400 "$tmp/out")"
if command -v ansible-playbook > /dev/null 2>&1; then
	pb=contrib/ansible/spoolfix-repair.yml
	cp -R "$one" "$tmp/pb1"
	find "$tmp/pb1" -type f -exec cksum {} + | sort > "$tmp/pb.before"
	ap() {	# ap HOST_FOLDER [ansible-playbook options]
		r=$1; shift
		ANSIBLE_LOCALHOST_WARNING=False ANSIBLE_INVENTORY_UNPARSED_WARNING=False \
		ANSIBLE_NOCOLOR=1 ANSIBLE_LOCAL_TEMP=$tmp/ans ANSIBLE_HOME=$tmp/ans \
		    ansible-playbook -i localhost, "$pb" -e spoolfix="$SPOOLFIX" \
		    -e "{\"hive_roots\": [\"$r\"]}" \
		    -e backup_root="$tmp/pb.bk" "$@"
	}
	run ap "$tmp/pb1" --check
	find "$tmp/pb1" -type f -exec cksum {} + | sort > "$tmp/pb.after"
	[ "$st" -eq 0 ] && grep -q 'changed=1 ' "$tmp/out" &&
	    cmp -s "$tmp/pb.before" "$tmp/pb.after" &&
	    ok "ansible-playbook --check: changed, nothing written" ||
	    not_ok "playbook check mode" "exit $st" "$(tail -c 800 "$tmp/out")"
	run ap "$tmp/pb1"
	find "$tmp/pb1" -type f -exec cksum {} + | sort > "$tmp/pb.after"
	[ "$st" -eq 0 ] && grep -q 'changed=1 ' "$tmp/out" &&
	    ! cmp -s "$tmp/pb.before" "$tmp/pb.after" &&
	    ls "$tmp"/pb.bk/pb1-*/undo.reg > /dev/null 2>&1 &&
	    ok "ansible-playbook: repaired, with backups and an undo file" ||
	    not_ok "playbook run" "exit $st" "$(tail -c 800 "$tmp/out")"
	run ap "$tmp/pb1"
	[ "$st" -eq 0 ] && grep -q 'changed=0 ' "$tmp/out" &&
	    ok "ansible-playbook again: nothing to change" ||
	    not_ok "playbook idempotent" "exit $st" "$(tail -c 800 "$tmp/out")"
	run ap "$fleet/garbage"
	[ "$st" -ne 0 ] && grep -q 'failed=1 ' "$tmp/out" &&
	    ok "ansible-playbook: an unreadable host fails its task" ||
	    not_ok "playbook failure" "exit $st" "$(tail -c 800 "$tmp/out")"
else
	skip "ansible-playbook runs contrib/ansible/spoolfix-repair.yml" \
	    "ansible-core is not installed"
fi

# --- usage ---
run "$SPOOLFIX" audit
[ "$st" -eq 2 ] && grep -q '^usage: spoolfix audit' "$tmp/err" &&
    ok "audit without paths: usage, exit 2" || not_ok "audit usage"
run "$SPOOLFIX" audit -j 0 "$fleet"
[ "$st" -eq 2 ] && grep -q -- "-j takes a number" "$tmp/err" &&
    ok "audit -j 0: refused" || not_ok "-j 0"
run "$SPOOLFIX" audit --base "$base" "$fleet"
[ "$st" -eq 2 ] && grep -q "unknown option '--base' (did you mean --baseline?)" \
    "$tmp/err" && ok "a long option's prefix is refused, naming the option" ||
    not_ok "prefix option" "$(cat "$tmp/err")"
run "$SPOOLFIX" audit "$tmp/nonexistent"
[ "$st" -eq 2 ] && grep -q "cannot open $tmp/nonexistent" "$tmp/err" &&
    ok "a missing path: exit 2 naming it" || not_ok "missing path"
run "$SPOOLFIX" --help
grep -q '^  audit ' "$tmp/out" && ok "spoolfix --help lists audit" ||
    not_ok "help lists audit"
grep -q -- '--version' "$tmp/out" && ok "spoolfix --help lists --version" ||
    not_ok "help lists --version"

t_done
