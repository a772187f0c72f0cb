#!/bin/sh
# Regenerates the RULE REFERENCE of man/spoolfix.rules.5 from the rule
# files, so that the manual cannot drift from rules/*.rules.  "make man"
# runs it.
#
#   sh tools/gen-man.sh [PAGE]
#
# PAGE defaults to man/spoolfix.rules.5.  The text between the lines
#   .\" BEGIN GENERATED RULE REFERENCE
#   .\" END GENERATED RULE REFERENCE
# is replaced by the output of
#   spoolfix rules doc --no-default-rules --rules rules
# run in the top folder ($SPOOLFIX names the program; ./spoolfix by
# default).  The page is written to a temporary file beside it and moved
# into place, and left alone when nothing changed.
#
# The output is normalised for mdoc, a no-op on text that is already
# well formed: each sentence starts a new line (a rule file ends a
# sentence with two spaces, and mandoc also takes ". " between a word
# and a capital for a sentence end: it warns "new sentence, new line"), a
# ".Pp" at the end of a text line goes on a line of its own ('rules doc'
# prints the title and ".Pp" on one line), trailing blanks and empty
# text lines are dropped, and a text line that would start with "." or
# "'" gets a "\&" in front, and text lines are wrapped before column
# 80.  tests/man.sh checks that the result still holds exactly the words
# of 'rules doc'.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
page=${1:-$top/man/spoolfix.rules.5}
case $page in
/*)	;;
*)	page=$(pwd)/$page;;
esac
cd "$top"
prog=${SPOOLFIX:-./spoolfix}
begin='.\" BEGIN GENERATED RULE REFERENCE'
end='.\" END GENERATED RULE REFERENCE'

die() {
	echo "gen-man.sh: $*" >&2
	exit 2
}

[ -f "$page" ] || die "$page: no such file"
[ -x "$prog" ] || die "$prog: not built (run make)"
nb=$(grep -cxF -- "$begin" "$page" || :)
ne=$(grep -cxF -- "$end" "$page" || :)
if [ "$nb" != 1 ] || [ "$ne" != 1 ]; then
	die "$page: needs exactly one line '$begin' and one '$end'"
fi
lb=$(grep -nxF -- "$begin" "$page" | cut -d: -f1)
le=$(grep -nxF -- "$end" "$page" | cut -d: -f1)
[ "$lb" -lt "$le" ] || die "$page: '$end' comes before '$begin'"

tmp=$(mktemp "$page.XXXXXX")
trap 'rm -f "$tmp" "$tmp.doc"' EXIT
trap 'exit 2' HUP INT TERM
cp -p "$page" "$tmp"		# the page's mode, for the mv below

"$prog" rules doc --no-default-rules --rules rules > "$tmp.doc" ||
    die "'$prog rules doc' failed"

# Through the environment: awk -v would take the backslashes as escapes.
GEN_BEGIN=$begin GEN_END=$end GEN_DOC=$tmp.doc awk '
BEGIN {
	begin = ENVIRON["GEN_BEGIN"]
	end = ENVIRON["GEN_END"]
	doc = ENVIRON["GEN_DOC"]
}
function emit(s,    cut, i) {
	if (s == "")
		return
	# Text lines are wrapped at the last blank before column 80 (mandoc
	# -Tlint asks for short input lines); a line break is a blank.
	for (;;) {
		if (!first && (substr(s, 1, 1) == "." ||
		    substr(s, 1, 1) == "\047"))
			s = "\\&" s
		first = 0
		if (length(s) <= 79)
			break
		cut = 0
		for (i = 79; i > 1; i--)
			if (substr(s, i, 1) == " ") {
				cut = i
				break
			}
		if (cut == 0)
			break
		print substr(s, 1, cut - 1)
		s = substr(s, cut + 1)
		sub(/^ +/, "", s)
		first = 0
	}
	print s
}
function normalise(line,    pp, seg, a, alen, b) {
	if (line ~ /^[.\047]/) {		# a macro or comment line
		print line
		return
	}
	pp = 0
	if (length(line) > 3 && substr(line, length(line) - 2) == ".Pp") {
		line = substr(line, 1, length(line) - 3)
		pp = 1
	}
	sub(/[ \t]+$/, "", line)
	first = 1
	for (;;) {
		# Two spaces end a sentence; so does ". " between a word
		# and a capital, which mandoc takes for a sentence end.
		a = match(line, /[.!?][)"\047]*  +/) ? RSTART : 0
		alen = RLENGTH
		b = match(line, /[A-Za-z0-9][A-Za-z0-9][.] [A-Z]/) ? RSTART : 0
		if (a == 0 && b == 0)
			break
		if (a > 0 && (b == 0 || a <= b + 2)) {
			seg = substr(line, a, alen)
			sub(/ +$/, "", seg)
			emit(substr(line, 1, a - 1) seg)
			line = substr(line, a + alen)
		} else {
			emit(substr(line, 1, b + 2))
			line = substr(line, b + 4)
		}
	}
	emit(line)
	if (pp)
		print ".Pp"
}
$0 == begin {
	print
	while ((getline l < doc) > 0)
		normalise(l)
	close(doc)
	skip = 1
	next
}
$0 == end { skip = 0 }
!skip { print }
' "$page" > "$tmp"

if cmp -s "$tmp" "$page"; then
	exit 0
fi
mv "$tmp" "$page"
echo "gen-man.sh: updated $page"
