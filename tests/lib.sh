# Shared helpers for the shell test groups (sourced).  They print TAP and
# build hives from .hreg text with fixtures/mkhive.
t_n=0
t_failed=0
top=$(cd "$(dirname "$0")/.." && pwd)
SPOOLFIX=${SPOOLFIX:-$top/spoolfix}
MKHIVE=${MKHIVE:-$top/fixtures/mkhive}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/spoolfix-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Time bounds in the tests guard against hangs and against quadratic
# work (a quadratic reader takes minutes where a linear one takes
# seconds); they are not speed targets, which live in make bench.  A
# sanitizer build runs everything several times slower, on a machine
# that runs the other groups at once: its bounds are four times longer.
slow=1
grep -q fsanitize "$top/.build-flags" 2>/dev/null && slow=4
secs() {	# secs N: the bound of N seconds for this build
	echo $(($1 * slow))
}

# make_windows TARGET...: builds the Windows targets in the source tree.
# The windows and winrepair groups run at the same time and both need
# spoolfix.exe; two makes writing the same objects and linking the same
# .exe race (on a fresh tree one of them links half-written objects, or
# deletes an .exe the other is running), so the builds take turns under
# a lock.  flock is util-linux's, which tools/deps.sh installs.
make_windows() {
	mkdir -p "$top/build"
	flock "$top/build/.windows-make.lock" make -s -C "$top" "$@"
}

ok() {		# ok DESCRIPTION  (after a command that succeeded)
	t_n=$((t_n + 1)); printf 'ok %d - %s\n' "$t_n" "$*"
}
not_ok() {	# not_ok DESCRIPTION [DETAIL...]
	t_n=$((t_n + 1)); t_failed=$((t_failed + 1))
	d=$1; shift
	printf 'not ok %d - %s\n' "$t_n" "$d"
	# Every line of a detail is a TAP comment, so that run.sh can show it.
	for l in "$@"; do printf '%s\n' "$l" | sed 's/^/#   /'; done
}
check() {	# check DESCRIPTION COMMAND...: passes when COMMAND succeeds
	d=$1; shift
	if "$@" > "$tmp/check.out" 2>&1; then ok "$d"
	else not_ok "$d" "$(head -c 600 "$tmp/check.out")"; fi
}
skip() {	# skip DESCRIPTION REASON
	t_n=$((t_n + 1)); printf 'ok %d - %s # SKIP %s\n' "$t_n" "$1" "$2"
}
t_done() {
	echo "1..$t_n"
	[ "$t_failed" -eq 0 ]
}

# hive OUT [BASE.hreg ...] < extra text: builds a hive from the files
# (healthy bases first) followed by standard input.
hive() {
	hive_out=$1; shift
	mkdir -p "$(dirname "$hive_out")"
	cat "$@" - | "$MKHIVE" -o "$hive_out" -
}

# printers_hive OUT: a SYSTEM hive of 30 printers P0 to P29, each with
# four string values A to D (the rule budget tests of cli.sh and
# threads.sh).
printers_hive() {
	mkdir -p "$(dirname "$1")"
	{
		printf '!root ROOT\n[Select]\n"Current"=dword:00000001\n'
		i=0
		while [ $i -lt 30 ]; do
			printf '[ControlSet001\\Control\\Print\\Printers\\P%d]\n' $i
			printf '"A"="1"\n"B"="2"\n"C"="3"\n"D"="4"\n'
			i=$((i + 1))
		done
	} | "$MKHIVE" -o "$1" -
}

# sample_machine DIR: the bundled sample (fixtures/sample) as a machine
# folder: SYSTEM, SOFTWARE and two users, alice with faults, bob healthy.
sample_machine() {
	hive "$1/Windows/System32/config/SYSTEM" fixtures/base/system.hreg \
	    fixtures/sample/system-faults.hreg < /dev/null
	hive "$1/Windows/System32/config/SOFTWARE" fixtures/base/software.hreg \
	    fixtures/sample/software-faults.hreg < /dev/null
	hive "$1/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
	    fixtures/sample/ntuser-alice-faults.hreg < /dev/null
	hive "$1/Users/bob/NTUSER.DAT" fixtures/base/ntuser.hreg < /dev/null
}

# same_report VAR DESCRIPTION ARGS...: "spoolfix scan --format jsonl
# ARGS" prints the same, and exits the same, as with the test variable
# VAR set (spoolfix(1)), which makes the scan take its longer way.  The
# first report is kept in $tmp/with.out.
same_report() {
	sr_var=$1; sr_what=$2; shift 2
	run "$SPOOLFIX" scan --format jsonl "$@"
	no_crash "$sr_what" || return
	cp "$tmp/out" "$tmp/with.out"
	sr_st=$st
	run env "$sr_var=1" "$SPOOLFIX" scan --format jsonl "$@"
	no_crash "$sr_what ($sr_var)" || return
	if [ "$st" -eq 2 ]; then
		not_ok "$sr_what: not read, nothing to compare" \
		    "$(head -c 400 "$tmp/err")"
	elif [ "$sr_st" -eq "$st" ] && cmp -s "$tmp/with.out" "$tmp/out"; then
		ok "$sr_what: the same report as with $sr_var" \
		    "($(wc -l < "$tmp/out") lines)"
	else
		not_ok "$sr_what: the report differs with $sr_var (exit" \
		    "$sr_st, then $st)" "$(diff "$tmp/out" "$tmp/with.out" |
		    head -c 800)"
	fi
}

# same_everywhere VAR: same_report VAR on the sample machine (as it is,
# and with every control set), on a bloated hive of 3,000 ports (1.5 MB,
# past the size from which keys are unloaded) and on every corpus hive.
same_everywhere() {
	se_var=$1
	sample_machine "$tmp/se"
	same_report "$se_var" "sample machine" --root "$tmp/se"
	same_report "$se_var" "sample machine, every control set" \
	    --all-control-sets --root "$tmp/se"
	awk -v ports=3000 -v devmode=64 -f "$top/tests/bench/bloated.awk" |
	    "$MKHIVE" -o "$tmp/bloated" -
	same_report "$se_var" "bloated hive, 3,000 ports" --all-control-sets \
	    "$tmp/bloated"
	each_corpus_hive se_corpus
}
se_corpus() {	# se_corpus WHAT HIVE
	same_report "$se_var" "$1" --no-logs --all-control-sets "$2"
}

# each_corpus_hive FUNC: runs "FUNC 'corpus NAME' HIVE" for every hive of
# ../shared/corpus that spoolfix reads (copied to $tmp/c/hive; the logs
# beside a hive are left out), then checks that more than 20 were; a
# skip when the corpus is absent.
each_corpus_hive() {
	corpus=${SPOOLFIX_CORPUS:-$top/../shared/corpus}
	if [ ! -d "$corpus" ]; then
		skip "corpus hives" "$corpus is absent"
		return
	fi
	ch_n=0
	for ch_f in $(cd "$corpus" && find . -type f | sort); do
		case $(basename "$ch_f") in
		LICENSE*|README*|*.LOG|*.LOG1|*.LOG2|*.log1|*.log2) continue;;
		esac
		mkdir -p "$tmp/c"
		case $ch_f in
		*.xz) xz -dc "$corpus/$ch_f" > "$tmp/c/hive";;
		*) cp "$corpus/$ch_f" "$tmp/c/hive";;
		esac
		run "$SPOOLFIX" scan --no-logs --format jsonl "$tmp/c/hive"
		[ "$st" -eq 2 ] && continue	# unreadable: nothing walked
		"$1" "corpus $ch_f" "$tmp/c/hive"
		ch_n=$((ch_n + 1))
	done
	[ "$ch_n" -gt 20 ] && ok "$ch_n corpus hives compared" ||
	    not_ok "only $ch_n corpus hives could be compared"
}

# regen NEW GOLDEN: replaces a golden file (SPOOLFIX_REGEN=1) and prints
# the change as TAP comments, which tests/run.sh shows for review.
regen() {
	if diff -u "$2" "$1" > "$tmp/regen.diff" 2>&1; then
		ok "$(basename "$2") regenerated: unchanged"
	else
		sed 's/^/# /' "$tmp/regen.diff"
		cp "$1" "$2"
		ok "$(basename "$2") regenerated: CHANGED (diff above)"
	fi
}

# status COMMAND...: runs it, stores output in $tmp/out, $tmp/err, and
# the exit status in $st.
run() {
	st=0
	"$@" > "$tmp/out" 2> "$tmp/err" || st=$?
}

# A crash or sanitizer report is never an acceptable outcome.
no_crash() {	# no_crash DESCRIPTION
	if [ "$st" -ge 3 ] || grep -q 'Sanitizer\|runtime error:' "$tmp/err"
	then not_ok "$1: exit $st" "$(head -c 800 "$tmp/err")"; return 1
	fi
	return 0
}

# wine_prefix: a fresh Wine prefix under $tmp for this test file (Wine
# quiet, no Mono or Gecko dialogs), killed with its server at exit; the
# rules must then be found beside spoolfix.exe, not through the
# variable.  Ends the file when wineboot fails.
wine_prefix() {
	WINEPREFIX=$tmp/wineprefix
	WINEDEBUG=-all
	WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
	export WINEPREFIX WINEDEBUG WINEDLLOVERRIDES
	unset SPOOLFIX_RULES_DIR
	trap 'WINEPREFIX=$tmp/wineprefix wineserver -k > /dev/null 2>&1;
	    rm -rf "$tmp"' EXIT
	if timeout 300 wineboot -i > "$tmp/boot.out" 2>&1; then
		ok "a fresh Wine prefix"
	else
		not_ok "wineboot -i failed" "$(tail -c 800 "$tmp/boot.out")"
		t_done
		exit 1
	fi
	# wineboot leaves a server that ends as soon as its last program
	# does (-p0): each command would start a new one, and a command
	# started while the old one ends is itself ended with status 1 and
	# no output (seen in CI).  Its processes must also be gone first: a
	# program started while they end gets a second services.exe, and
	# services that do not run.  So wait for it, then keep one server up
	# for the whole file (the trap above ends it).
	timeout 120 wineserver -w
	wineserver -p 300
}
