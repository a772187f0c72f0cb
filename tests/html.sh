#!/bin/sh
# spoolfix audit --html: the report for people, checked in a real
# headless browser (Debian's chromium, driven through chromedriver by
# tests/tools/html_check.py): it loads without console errors, shows
# the counts of the JSON Lines of the same run, sorts and filters its
# host table, shows hostile host names as text, makes no request, and
# leaves a screenshot in tests/out/html-report.png for people to look
# at (the page itself is tests/out/html-report.html).
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
. "$top/tests/fleet.sh"
B=fixtures/base
shot=$top/tests/out/html-report.png
mkdir -p "$top/tests/out"

fleet "$tmp/fleet" 12

page=$top/tests/out/html-report.html
rm -f "$page" "$shot"
run "$SPOOLFIX" audit -j2 --jsonl "$tmp/run.jsonl" --html "$page" "$tmp/fleet"
[ "$st" -eq 2 ] && [ -s "$page" ] && [ -s "$tmp/run.jsonl" ] &&
    ok "audit --html writes the page beside the JSON Lines (exit 2: unreadable hosts)" ||
    not_ok "audit --html" "exit $st" "$(head -c 600 "$tmp/err")"

jq -e -s '[.[] | select(.type == "host" and .warning > 0 and .error == 0)] |
    length > 0' "$tmp/run.jsonl" > /dev/null &&
    ok "the fleet has a host with warnings only (with findings != with errors)" ||
    not_ok "a host with warnings only" "$(grep warn-only "$tmp/run.jsonl" | head -c 400)"
# Self-contained: no reference to anything outside the page.
if grep -Eqi '(src|href)="[^#]|url\(|@import|https?:' "$page"; then
	not_ok "the page refers to nothing outside itself" \
	    "$(grep -Eoi '.{40}((src|href)="[^#]|url\(|@import|https?:).{40}' "$page" | head -3)"
else
	ok "the page refers to nothing outside itself"
fi
# The escaped display form, entity-escaped: the raw markup, the escape
# byte and the invalid byte never reach the file.
if LC_ALL=C grep -q "$(printf '\033')\|<img\|<script>window\|$(printf '\377')" "$page"; then
	not_ok "hostile names are escaped in the file" \
	    "$(LC_ALL=C grep -o '.\{30\}spoolfixPwned.\{30\}' "$page" | head -3)"
else
	ok "hostile names are escaped in the file"
fi
[ "$(grep -c '<script' "$page")" -eq 1 ] &&
    ok "the page has exactly one script element (its own)" ||
    not_ok "one script element" "$(grep -o '.\{20\}<script.\{40\}' "$page")"

# Usage: the page is a file.
run "$SPOOLFIX" audit --html - "$tmp/fleet"
[ "$st" -eq 2 ] && grep -q -- '--html take' "$tmp/err" &&
    ok "--html - is refused: standard output carries --format" ||
    not_ok "--html -" "exit $st" "$(cat "$tmp/err")"
run "$SPOOLFIX" audit --html "$tmp/no/such/dir/r.html" "$tmp/fleet"
[ "$st" -eq 2 ] && grep -q 'cannot create the HTML report' "$tmp/err" &&
    ok "an HTML file that cannot be created is said before scanning" ||
    not_ok "--html to a missing folder" "exit $st" "$(cat "$tmp/err")"
# The host rows wait in TMPDIR, unlinked: nothing is left there.
mkdir "$tmp/td"
run env TMPDIR="$tmp/td" "$SPOOLFIX" audit -j2 --html "$tmp/td.html" "$tmp/fleet"
[ "$st" -eq 2 ] && [ -s "$tmp/td.html" ] && [ -z "$(ls -A "$tmp/td")" ] &&
    ok "the temporary file of host rows is in TMPDIR and left nowhere" ||
    not_ok "TMPDIR" "exit $st" "$(ls -A "$tmp/td")" "$(head -c 300 "$tmp/err")"
run env TMPDIR="$tmp/no/such" "$SPOOLFIX" audit --html "$tmp/td2.html" "$tmp/fleet"
[ "$st" -eq 2 ] && grep -q "temporary file for the HTML report in $tmp/no/such" "$tmp/err" &&
    ok "a TMPDIR that cannot be used is named, with what to do" ||
    not_ok "bad TMPDIR" "exit $st" "$(head -c 300 "$tmp/err")"
if [ -w /dev/full ]; then
	run "$SPOOLFIX" audit -j1 --html /dev/full "$tmp/fleet"
	[ "$st" -eq 2 ] && grep -q 'cannot write the HTML report /dev/full' "$tmp/err" &&
	    ok "a page that cannot be written is said, exit 2" ||
	    not_ok "--html /dev/full" "exit $st" "$(head -c 300 "$tmp/err")"
fi
"$SPOOLFIX" audit --help | grep -q -- '--html FILE' &&
    ok "--help lists --html" || not_ok "--help lists --html"

# A host with more findings than a page lists says how many more.
cap=$(sed -n 's/^#define HTML_HOST_FINDINGS[^0-9]*\([0-9]*\).*/\1/p' cli/html.h)
big=$tmp/big
mkdir -p "$big/many/Windows/System32/config"
{
	cat $B/system.hreg
	n=0
	while [ "$n" -le "$cap" ]; do
		# LPR-003: a port added by hand, with no values.
		printf '[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\unix:q%d]\n' "$n"
		n=$((n + 1))
	done
} > "$tmp/many.hreg"
"$MKHIVE" -o "$big/many/Windows/System32/config/SYSTEM" "$tmp/many.hreg"
run "$SPOOLFIX" audit -j1 --jsonl "$tmp/big.jsonl" --html "$tmp/big.html" "$big"
nf=$(grep -c '"type":"finding"' "$tmp/big.jsonl")
li=$(grep -o '<li class="[a-z]*"><span class="sev' "$tmp/big.html" | wc -l)
more=$(sed -n 's/.*<p class="more">\([0-9]*\) more finding.*/\1/p' "$tmp/big.html")
[ "$nf" -gt "$cap" ] && [ "$li" -eq "$cap" ] && [ "$((li + more))" -eq "$nf" ] &&
    ok "a host lists $cap findings and says how many more ($more of $nf)" ||
    not_ok "findings cap per host" "$nf findings, $li listed, '$more' more"

# The browser.
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import selenium' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ] || ! command -v chromium > /dev/null 2>&1 ||
    ! command -v chromedriver > /dev/null 2>&1; then
	skip "the report in a headless browser" \
	    "chromium, chromium-driver or python3-selenium is not installed (sh tools/deps.sh)"
	t_done
	exit
fi
st=0
timeout "$(secs 180)" "$py" tests/tools/html_check.py "$page" "$tmp/run.jsonl" \
    "$shot" host003 > "$tmp/browser" 2> "$tmp/browser.err" || st=$?
while IFS= read -r line; do
	case $line in
	PASS*)	ok "browser: ${line#PASS }";;
	FAIL*)	not_ok "browser: ${line#FAIL }";;
	SKIP*)	skip "the report in a headless browser" "${line#SKIP }";;
	esac
done < "$tmp/browser"
if [ "$st" -ne 0 ] && [ "$st" -ne 77 ] && ! grep -q '^FAIL' "$tmp/browser"; then
	not_ok "the browser check ran to its end" "exit $st" \
	    "$(tail -c 800 "$tmp/browser.err")"
fi
[ -s "$shot" ] && echo "# screenshot of the report: $shot"
t_done
