#!/bin/sh
# Per-rule fixtures: every tests/rules/*.t file describes one machine
# (sections of .hreg text, optionally on top of a healthy base hive from
# fixtures/base/) and what a scan of it must report.  Every shipped rule
# must have a case that triggers it (ID-bad*.t) and a near-miss that
# does not (ID-good*.t).  The format is described in tests/rules/README.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2

base_of() {	# base_of KIND: the healthy base hive text for a kind
	case $1 in
	SYSTEM) echo fixtures/base/system.hreg;;
	SOFTWARE) echo fixtures/base/software.hreg;;
	NTUSER|DEFAULT) echo fixtures/base/ntuser.hreg;;
	esac
}

# Splits a case into its sections and builds the hives; prints the paths.
build_case() {	# build_case FILE DIR
	awk -v dir="$2" '
		/^=== / { n++; f = dir "/sec" n; print $0 > (dir "/heads"); next }
		# "@repeat FROM TO FORMAT": FORMAT (printf, one number) for
		# each number, so that big cases stay a few lines.
		n > 0 && /^@repeat[ \t]/ {
			fmt = $0
			sub(/^@repeat[ \t]+[0-9]+[ \t]+[0-9]+[ \t]+/, "", fmt)
			for (i = $2 + 0; i <= $3 + 0; i++)
				printf(fmt "\n", i) > f
			next
		}
		n > 0 { print > f }
	' "$1"
	n=0
	[ -f "$2/heads" ] || return 0
	while read -r _ kind a b; do
		n=$((n + 1))
		sec=$2/sec$n
		[ -f "$sec" ] || : > "$sec"
		base=
		case $kind in
		SYSTEM|SOFTWARE|DEFAULT)
			out=$2/hives/$kind
			[ "$a" = base ] && base=$(base_of "$kind");;
		NTUSER)
			out=$2/hives/Users/$a/NTUSER.DAT
			[ "$b" = base ] && base=$(base_of NTUSER);;
		FILE)
			out=$2/hives/$a;;
		*)	echo "bad section: === $kind" >&2; return 1;;
		esac
		# shellcheck disable=SC2086
		hive "$out" $base < "$sec" >&2 || return 1
		printf '%s\n' "$out"
	done < "$2/heads"
}

# The @ lines before the first section (later ones are hive text).
directives() {
	awk '/^=== /{exit} /^@/' "$1"
}

# patch_bytes FILE OFFSET HEX: overwrites bytes, e.g. to damage a hive.
patch_bytes() {
	o=$2 h=$3
	while [ -n "$h" ]; do
		b=${h%"${h#??}"}
		h=${h#??}
		# shellcheck disable=SC2059
		printf "\\$(printf '%03o' "0x$b")" |
		    dd of="$1" bs=1 seek="$o" conv=notrunc 2>/dev/null
		o=$((o + 1))
	done
}

# Test arguments reach awk through the environment: "awk -v" would
# turn the backslashes of registry paths into escape sequences.
sel() {		# sel AWK-CONDITION: findings matching it (R, V = arguments)
	awk -F'\t' "$1" "$tmp/case/findings.tsv"
}

expect() {	# expect CASE DIRECTIVE ARGS...
	c=$1 d=$2; shift 2
	R=${1:-}
	[ $# -gt 0 ] && shift
	V="$*"
	export R V
	case $d in
	@expect)
		n=$(sel '$1 == ENVIRON["R"]' | wc -l)
		[ "$n" -eq "$V" ] && ok "$c: $R reported $V times" ||
		    not_ok "$c: $R reported $n times, want $V" \
		    "$(cut -f1,3 "$tmp/case/findings.tsv" | head -20)";;
	@none)
		n=$(sel '$1 == ENVIRON["R"]' | wc -l)
		[ "$n" -eq 0 ] && ok "$c: no $R" ||
		    not_ok "$c: $R reported $n times, want none" \
		    "$(sel '$1 == ENVIRON["R"] {print $3}')";;
	@key)
		[ -n "$(sel '$1 == ENVIRON["R"] && $3 == ENVIRON["V"]')" ] &&
		    ok "$c: $R at $V" || not_ok "$c: no $R at $V" \
		    "$(sel '$1 == ENVIRON["R"] {print $3}')";;
	@value)
		[ -n "$(sel '$1 == ENVIRON["R"] && $4 == ENVIRON["V"]')" ] &&
		    ok "$c: $R names value $V" || not_ok "$c: no $R naming \
value $V" "$(sel '$1 == ENVIRON["R"] {print $4}')";;
	@fix)
		[ -n "$(sel '$1 == ENVIRON["R"]')" ] &&
		    [ -z "$(sel '$1 == ENVIRON["R"] && $5 != ENVIRON["V"]')" ] &&
		    ok "$c: $R proposes $V" || not_ok "$c: $R does not always \
propose $V" "$(sel '$1 == ENVIRON["R"] {print $5}')";;
	@severity)
		[ -n "$(sel '$1 == ENVIRON["R"]')" ] &&
		    [ -z "$(sel '$1 == ENVIRON["R"] && $2 != ENVIRON["V"]')" ] &&
		    ok "$c: $R is $V" || not_ok "$c: $R is not always $V" \
		    "$(sel '$1 == ENVIRON["R"] {print $2}')";;
	@message)
		[ -n "$(sel '$1 == ENVIRON["R"] && index($6, ENVIRON["V"])')" ] &&
		    ok "$c: $R message has \"$V\"" || not_ok "$c: no $R \
message with \"$V\"" "$(sel '$1 == ENVIRON["R"] {print $6}')";;
	@no-errors)
		n=$(sel '$2 == "error"' | wc -l)
		[ "$n" -eq 0 ] && ok "$c: no error-severity findings" ||
		    not_ok "$c: $n error findings" \
		    "$(sel '$2 == "error" {print $1, $3}')";;
	@exit)
		[ "$st" -eq "$R" ] && ok "$c: exit status $R" ||
		    not_ok "$c: exit status $st, want $R" "$(cat "$tmp/err")";;
	@args|@patch|@grow|@touch|@log) ;;
	*)	not_ok "$c: unknown directive $d";;
	esac
}

for t in tests/rules/${RULES_T:-*}.t; do
	c=$(basename "$t" .t)
	rm -rf "$tmp/case"
	mkdir -p "$tmp/case"
	if ! build_case "$t" "$tmp/case" > "$tmp/case/hivelist" 2> "$tmp/case/build.err"
	then
		not_ok "$c: fixture builds" "$(cat "$tmp/case/build.err")"
		continue
	fi
	directives "$t" | grep '^@patch ' | while read -r _ f off hex; do
		patch_bytes "$tmp/case/hives/$f" "$off" "$hex"
	done
	# Sparse: a gigabyte of padding costs no disk.
	directives "$t" | grep '^@grow ' | while read -r _ f n; do
		truncate -s "+$n" "$tmp/case/hives/$f"
	done
	# Files such as transaction logs beside the hives: named, not
	# scanned (spoolfix finds them by name).
	directives "$t" | grep '^@touch ' | while read -r _ f; do
		mkdir -p "$(dirname "$tmp/case/hives/$f")"
		: > "$tmp/case/hives/$f"
	done
	# A transaction log holding the hive as built (tests/tools/mklog):
	# the hive becomes dirty, with a log that spoolfix applies.
	directives "$t" | grep '^@log ' | while read -r _ f log; do
		tests/tools/mklog "$tmp/case/hives/$f" "$tmp/case/hives/$f" \
		    "$tmp/case/hives/$log"
	done
	args=$(directives "$t" | sed -n 's/^@args //p')
	# shellcheck disable=SC2046,SC2086
	run "$SPOOLFIX" scan --format jsonl $args $(cat "$tmp/case/hivelist")
	no_crash "$c" || continue
	awk -f tests/jsonl.awk "$tmp/out" > "$tmp/case/findings.tsv"
	directives "$t" | while read -r d rest; do
		set -f
		# shellcheck disable=SC2086
		set -- $rest
		set +f
		expect "$c" "$d" "$@"
	done > "$tmp/case/tap"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok * - }";;
		"not ok "*) not_ok "${line#not ok * - }";;
		*) printf "%s\n" "$line";;
		esac
	done < "$tmp/case/tap"
done

# Every rule has a triggering case and a near miss.
"$SPOOLFIX" rules list | awk 'NR > 1 && /^[A-Z]/ {print $1}' > "$tmp/ids"
while read -r id; do
	if ls tests/rules/"$id"-bad*.t > /dev/null 2>&1 &&
	    ls tests/rules/"$id"-good*.t > /dev/null 2>&1; then
		ok "$id has a triggering fixture and a near miss"
	else
		not_ok "$id has no tests/rules/$id-bad*.t and $id-good*.t"
	fi
done < "$tmp/ids"
t_done
