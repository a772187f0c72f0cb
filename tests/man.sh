#!/bin/sh
# The manual pages: they lint clean, the generated rule reference matches
# the rule files, the example rules of spoolfix.rules(5) compile, the
# options that --help lists are documented (and only existing options
# are), and the EXAMPLES of spoolfix(1) run against the sample machine.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2

page1=man/spoolfix.1
page5=man/spoolfix.rules.5
begin='.\" BEGIN GENERATED RULE REFERENCE'
end='.\" END GENERATED RULE REFERENCE'

# Undoes the mdoc escapes used in literal blocks and examples.
unmdoc() {
	sed -e 's/\\(dq/"/g' -e 's/\\&//g' -e 's/\\e/\\/g'
}

# (a) mandoc -Tlint -Wwarning reports nothing.
page1a=man/spoolfix-audit.1
if command -v mandoc > /dev/null 2>&1; then
	for p in "$page1" "$page1a" "$page5"; do
		if mandoc -Tlint -Wwarning "$p" > "$tmp/lint" 2>&1; then
			ok "mandoc -Tlint -Wwarning $p"
		else
			not_ok "mandoc -Tlint -Wwarning $p" \
			    "$(head -c 600 "$tmp/lint")"
		fi
	done
else
	skip "mandoc -Tlint -Wwarning $page1" "mandoc is not installed"
	skip "mandoc -Tlint -Wwarning $page5" "mandoc is not installed"
	skip "mandoc -Tlint -Wwarning $page1a" "mandoc is not installed"
fi

# (b) The generated section is what tools/gen-man.sh makes of a fresh
# 'spoolfix rules doc', and holds exactly its words.
section() {	# the lines strictly between the markers
	# (through the environment: awk -v would eat the backslash)
	B=$begin E=$end awk '
		$0 == ENVIRON["E"] { in_s = 0 }
		in_s { print }
		$0 == ENVIRON["B"] { in_s = 1 }
	' "$1"
}
squeeze() {	# the text without blanks and the \& that line starts get
	sed 's/\\&//g' | tr -d ' \t\n'
}
nb=$(grep -cxF -- "$begin" "$page5")
ne=$(grep -cxF -- "$end" "$page5")
if [ "$nb" != 1 ] || [ "$ne" != 1 ]; then
	not_ok "$page5 has one pair of GENERATED RULE REFERENCE markers" \
	    "found $nb BEGIN and $ne END lines"
else
	ok "$page5 has one pair of GENERATED RULE REFERENCE markers"
fi
cp "$page5" "$tmp/regen.5"
if SPOOLFIX=$SPOOLFIX sh tools/gen-man.sh "$tmp/regen.5" \
    > "$tmp/gen.out" 2>&1; then
	if cmp -s "$page5" "$tmp/regen.5"; then
		ok "the rule reference in $page5 is up to date"
	else
		not_ok "the rule reference in $page5 is up to date" \
		    "run 'make man'; the difference:" \
		    "$(diff "$page5" "$tmp/regen.5" | head -c 600)"
	fi
else
	not_ok "tools/gen-man.sh runs" "$(head -c 600 "$tmp/gen.out")"
fi
if "$SPOOLFIX" rules doc --no-default-rules --rules rules \
    > "$tmp/doc" 2> "$tmp/doc.err"; then
	section "$page5" | squeeze > "$tmp/have"
	squeeze < "$tmp/doc" > "$tmp/want"
	if [ -s "$tmp/want" ] && cmp -s "$tmp/have" "$tmp/want"; then
		ok "the rule reference holds the words of 'spoolfix rules doc'"
	else
		not_ok "the rule reference holds the words of 'spoolfix rules doc'" \
		    "run 'make man'"
	fi
	for id in $("$SPOOLFIX" rules list --no-default-rules --rules rules |
	    awk 'NR > 1 && NF > 0 && $1 ~ /^[A-Za-z][A-Za-z0-9-]*$/ &&
	    $1 != "ID" { print $1 }'); do
		grep -q "^\.It Sy $id Pq" "$tmp/regen.5" ||
		    echo "$id" >> "$tmp/missing"
	done
	if [ -s "$tmp/missing" ]; then
		not_ok "every shipped rule is in the rule reference" \
		    "missing: $(tr '\n' ' ' < "$tmp/missing")"
	else
		ok "every shipped rule is in the rule reference"
	fi
else
	not_ok "spoolfix rules doc runs" "$(head -c 600 "$tmp/doc.err")"
fi

# (c) Each example rule file of spoolfix.rules(5) compiles: the
# ".Bd -literal" block after a line '.\" example' in EXAMPLES alone, the
# one after '.\" site example' with the shipped rules.
mkdir -p "$tmp/ex"
awk -v dir="$tmp/ex" '
	/^\.Sh / { in_ex = ($0 == ".Sh EXAMPLES") }
	!in_ex { next }
	$0 == ".\\\" example" { want = "rules"; next }
	$0 == ".\\\" site example" { want = "site"; next }
	want != "" && /^\.Bd -literal/ {
		n++
		f = sprintf("%s/%02d.%s", dir, n, want)
		want = ""
		in_bd = 1
		next
	}
	in_bd && /^\.Ed/ { in_bd = 0; close(f); next }
	in_bd { print > f }
' "$page5"
n=0
for f in "$tmp"/ex/*; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	unmdoc < "$f" > "$f.txt"
	case $f in
	*.site)	set -- --no-default-rules --rules rules "$f.txt"
		what="site example $n of $page5 lints with the shipped rules";;
	*)	set -- --no-default-rules "$f.txt"
		what="example $n of $page5 lints alone";;
	esac
	run "$SPOOLFIX" rules lint "$@"
	if [ "$st" -eq 0 ]; then
		ok "$what"
	else
		not_ok "$what: exit $st" "$(head -c 600 "$tmp/err")" \
		    "$(head -20 "$f.txt")"
	fi
done
if [ "$n" -lt 2 ]; then
	not_ok "EXAMPLES of $page5 has marked example blocks" "found $n"
fi

# (d) --help runs, and the manual and --help agree on the options.
run "$SPOOLFIX" scan --help
if [ "$st" -eq 0 ] && grep -q '^usage: spoolfix scan' "$tmp/out"; then
	ok "spoolfix scan --help"
else
	not_ok "spoolfix scan --help: exit $st" "$(head -c 400 "$tmp/err")"
fi
cp "$tmp/out" "$tmp/scan.help"
# 'rules --help' prints the usage of every rules sub-command (today on
# standard error, with exit 2: see spoolfix(1) for 'rules list --help').
run "$SPOOLFIX" rules --help
cat "$tmp/out" "$tmp/err" > "$tmp/rules.help"
if no_crash "spoolfix rules --help"; then
	miss=
	for sub in lint list show doc; do
		grep -q "spoolfix rules $sub" "$tmp/rules.help" ||
		    miss="$miss $sub"
	done
	if [ -z "$miss" ]; then
		ok "spoolfix rules --help shows every rules sub-command"
	else
		not_ok "spoolfix rules --help shows every rules sub-command" \
		    "missing:$miss"
	fi
fi
run "$SPOOLFIX" rules list --help
if [ "$st" -eq 0 ] && grep -q 'spoolfix rules list' "$tmp/out"; then
	ok "spoolfix rules list --help"
else
	not_ok "spoolfix rules list --help: exit $st" \
	    "$(head -c 400 "$tmp/err")"
fi

for c in repair undo recover; do
	run "$SPOOLFIX" $c --help
	if [ "$st" -eq 0 ] && grep -q "^usage: spoolfix $c" "$tmp/out"; then
		ok "spoolfix $c --help"
	else
		not_ok "spoolfix $c --help: exit $st" "$(head -c 400 "$tmp/err")"
	fi
	cp "$tmp/out" "$tmp/$c.help"
done

# Every long option --help lists is documented as ".Fl -name".
listed=$(cat "$tmp/scan.help" "$tmp/rules.help" "$tmp/repair.help" \
    "$tmp/undo.help" "$tmp/recover.help" |
    grep -o -- '--[a-z][a-z-]*' | grep -vx -- '--help' | sort -u)
miss=
for o in $listed; do
	grep -Eq "Fl -${o#--}( |\$)" "$page1" || miss="$miss $o"
done
if [ -n "$listed" ] && [ -z "$miss" ]; then
	ok "spoolfix.1 documents every option that --help lists"
else
	not_ok "spoolfix.1 documents every option that --help lists" \
	    "missing:$miss"
fi
# ... and every option it documents exists (--colour is the British
# spelling of --color; --help and --version are global).
miss=
for o in $(grep -o 'Fl -[a-z][a-z-]*' "$page1" | sed 's/^Fl -//' |
    sort -u); do
	case $o in colour|help|version) continue;; esac
	printf '%s\n' "$listed" | grep -qx -- "--$o" || miss="$miss --$o"
done
if [ -z "$miss" ]; then
	ok "spoolfix.1 documents no option that does not exist"
else
	not_ok "spoolfix.1 documents no option that does not exist" \
	    "unknown:$miss"
fi
# The same for audit and its own page.
run "$SPOOLFIX" audit --help
alisted=$(grep -o -- '--[a-z][a-z-]*' "$tmp/out" | grep -vx -- '--help' |
    sort -u)
miss=
for o in $alisted; do
	grep -Eq "Fl -${o#--}( |\$)" "$page1a" || miss="$miss $o"
done
if [ "$st" -eq 0 ] && [ -n "$alisted" ] && [ -z "$miss" ]; then
	ok "spoolfix-audit.1 documents every option that audit --help lists"
else
	not_ok "spoolfix-audit.1 documents every option that audit --help lists" \
	    "exit $st; missing:$miss"
fi
miss=
for o in $(grep -o 'Fl -[a-z][a-z-]*' "$page1a" | sed 's/^Fl -//' |
    sort -u); do
	printf '%s\n' "$alisted" | grep -qx -- "--$o" || miss="$miss --$o"
done
[ -z "$miss" ] && ok "spoolfix-audit.1 documents no option audit lacks" ||
    not_ok "spoolfix-audit.1 documents no option audit lacks" "unknown:$miss"
run "$SPOOLFIX" scan --colour never --help
if [ "$st" -eq 0 ]; then
	ok "--colour is accepted"
else
	not_ok "--colour is accepted: exit $st" "$(head -c 400 "$tmp/err")"
fi

# (e) The EXAMPLES of spoolfix.1 run against the sample machine of
# tools/demo.sh: /mnt/win is that machine, the current folder holds
# collected hives (SYSTEM, SOFTWARE, alice/NTUSER.DAT) and site.rules.
# Each must exit 0 or 1 and print nothing on standard error.  They run in
# order, so the repair examples change the sample machine as an admin's
# session would: dry run, repair, optional fix, undo.
if [ ! -x "$MKHIVE" ]; then
	skip "EXAMPLES of $page1" "fixtures/mkhive is not built"
else
	m=$tmp/machine
	w=$tmp/work
	mkdir -p "$w/alice"
	cfg=$m/Windows/System32/config
	if ! { hive "$cfg/SYSTEM" fixtures/base/system.hreg \
	    fixtures/sample/system-faults.hreg &&
	    hive "$cfg/SOFTWARE" fixtures/base/software.hreg \
	    fixtures/sample/software-faults.hreg &&
	    hive "$m/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
	    fixtures/sample/ntuser-alice-faults.hreg &&
	    hive "$m/Users/bob/NTUSER.DAT" fixtures/base/ntuser.hreg; } \
	    < /dev/null > "$tmp/mkhive.err" 2>&1; then
		not_ok "the sample machine builds" \
		    "$(head -c 400 "$tmp/mkhive.err")"
	fi
	cp "$cfg/SYSTEM" "$cfg/SOFTWARE" "$w/"
	cp "$m/Users/alice/NTUSER.DAT" "$w/alice/"
	# .reg exports of its SYSTEM and SOFTWARE, for the examples of
	# exports as input (hivexregedit writes regedit's format).
	hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SYSTEM' \
	    "$cfg/SYSTEM" '\' > "$w/print.reg" 2> /dev/null
	hivexregedit --export --prefix 'HKEY_LOCAL_MACHINE\SOFTWARE' \
	    "$cfg/SOFTWARE" '\' > "$w/software-print.reg" 2> /dev/null
	# The first example rule file of spoolfix.rules(5) as site rules.
	for f in "$tmp"/ex/*.rules.txt; do
		cp "$f" "$w/site.rules"
		break
	done
	# One command per '.Dl $' line, or per '$' line of a literal
	# block, joined with its indented continuation lines.
	awk '
		/^\.Sh / { in_ex = ($0 == ".Sh EXAMPLES") }
		!in_ex { next }
		/^\.Dl \$ / { flush(); cmd = substr($0, 7); flush(); next }
		/^\.Bd -literal/ { in_bd = 1; next }
		/^\.Ed/ { flush(); in_bd = 0; next }
		in_bd && /^\$ / { flush(); cmd = substr($0, 3); next }
		in_bd && /^[ \t]/ && cmd != "" { sub(/^[ \t]+/, ""); cmd = cmd " " $0; next }
		in_bd { flush() }
		function flush() { if (cmd != "") print cmd; cmd = "" }
		END { flush() }
	' "$page1" | unmdoc > "$tmp/examples"
	n=0
	while IFS= read -r cmd; do
		n=$((n + 1))
		case $cmd in
		spoolfix\ *) ;;
		*)	not_ok "example $n of $page1 starts with spoolfix" "$cmd"
			continue;;
		esac
		case $cmd in
		*jq\ *)	if ! command -v jq > /dev/null 2>&1; then
				skip "example $n of $page1" "jq is not installed"
				continue
			fi;;
		esac
		# /mnt/win is the sample machine; spoolfix is the one built.
		# /srv/backup is a folder of the test's own.
		c=$(printf '%s\n' "$cmd" | sed "s|/mnt/win|$m|g; s|/srv/backup|$tmp/backup|g")
		c="\"\$SPOOLFIX\"${c#spoolfix}"
		st=0
		(cd "$w" && SPOOLFIX=$SPOOLFIX SPOOLFIX_RULES_DIR=$top/rules \
		    sh -c "$c") > "$tmp/out" 2> "$tmp/err" || st=$?
		if [ "$st" -le 1 ] && [ ! -s "$tmp/err" ]; then
			ok "example $n of $page1: $cmd"
		else
			not_ok "example $n of $page1: $cmd: exit $st" \
			    "$(head -c 600 "$tmp/err")"
		fi
	done < "$tmp/examples"
	if [ "$n" -lt 5 ]; then
		not_ok "EXAMPLES of $page1 were found" "found $n"
	fi
fi

t_done
