#!/bin/sh
# spoolfix.h promises that one rule set may be shared by threads that
# each scan their own machine.  tests/tools/threads scans two different
# machines in four threads, twenty times each, and compares every result
# with a scan made alone; then the same program and the library are
# built with ThreadSanitizer, which reports any data race.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
B=fixtures/base S=fixtures/sample
for m in a b; do
	hive "$tmp/$m/Windows/System32/config/SOFTWARE" $B/software.hreg \
	    $S/software-faults.hreg < /dev/null
	hive "$tmp/$m/Users/alice/NTUSER.DAT" $B/ntuser.hreg \
	    $S/ntuser-alice-faults.hreg < /dev/null
done
hive "$tmp/a/Windows/System32/config/SYSTEM" $B/system.hreg \
    $S/system-faults.hreg < /dev/null
# Machine b differs: a healthy SYSTEM, so its findings differ from a's.
hive "$tmp/b/Windows/System32/config/SYSTEM" $B/system.hreg < /dev/null

roots="$tmp/a $tmp/b $tmp/a $tmp/b"
run tests/tools/threads rules $roots
if no_crash "threads"; then
	[ "$st" -eq 0 ] && [ "$(grep -c '^ok' "$tmp/out")" -eq 4 ] &&
	    ok "4 threads, one rule set, 2 machines: every scan as alone" ||
	    not_ok "concurrent scans differ (exit $st)" "$(cat "$tmp/out" "$tmp/err")"
fi

# ThreadSanitizer: the library's sources and the program, built apart.
cc=${TSAN_CC:-cc}
flags=$(pkg-config --cflags libregf libbfio 2>/dev/null)
libs=$(pkg-config --libs libregf libbfio 2>/dev/null)
if ! echo 'int main(void){return 0;}' > "$tmp/t.c" ||
    ! $cc -fsanitize=thread "$tmp/t.c" -o "$tmp/t" 2>/dev/null ||
    ! "$tmp/t" 2>/dev/null; then
	skip "threads under ThreadSanitizer" "$cc -fsanitize=thread does not build or run here"
else
	# The Makefile's POSIX sources: no other platform layer, no *_win32.c.
	# shellcheck disable=SC2086
	if $cc -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread \
	    -pthread $flags -Ilib -o "$tmp/threads-tsan" tests/tools/threads.c \
	    $(ls lib/*/*.c | grep -v "platform_\|_win32\.c" ) \
	    lib/base/platform_posix.c $libs > "$tmp/build.err" 2>&1; then
		run env TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
		    "$tmp/threads-tsan" rules $roots
		[ "$st" -eq 0 ] && ! grep -q 'ThreadSanitizer' "$tmp/err" &&
		    ok "no data race under ThreadSanitizer" ||
		    not_ok "ThreadSanitizer: exit $st" "$(head -40 "$tmp/err")"
	else
		not_ok "cannot build the ThreadSanitizer test" \
		    "$(head -20 "$tmp/build.err")"
	fi
fi
t_done
