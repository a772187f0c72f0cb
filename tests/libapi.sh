#!/bin/sh
# The library as a user gets it: "make install" into a temporary prefix,
# then the example program of man/libspoolfix.3 (taken from the page, so
# the documentation cannot drift) is compiled against the installed
# header and archive through pkg-config, and run on the sample machine.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
prefix=$tmp/usr
# On a copy of the build tree (objects included), as tests/install.sh
# does: installing rebuilds objects that hold the install paths, which
# must not change under the groups running beside this one.
unset MAKEFLAGS MFLAGS MAKELEVEL PREFIX DESTDIR BINDIR LIBDIR INCLUDEDIR \
    MANDIR DATADIR RULESDIR
src=$tmp/src
mkdir "$src" && cp -Rp Makefile lib cli rules man schema "$src"/ || exit 2
for f in spoolfix.pc.in Makefile.local .build-flags .install-paths; do
	[ -f "$f" ] && cp -p "$f" "$src"/
done
if ! make -s -C "$src" install PREFIX="$prefix" > "$tmp/install.out" 2>&1; then
	not_ok "make install PREFIX=$prefix" "$(tail -20 "$tmp/install.out")"
	t_done; exit
fi
ok "make install into a temporary prefix"

# The first literal display of EXAMPLES, with mdoc's \e made a backslash.
awk '/^\.Sh EXAMPLES/ { ex = 1 } ex && /^\.Bd -literal/ { on = 1; next }
	on && /^\.Ed/ { exit } on { gsub(/\\e/, "\\"); print }' \
    man/libspoolfix.3 > "$tmp/scan.c"
grep -q 'sf_scan(' "$tmp/scan.c" && ok "libspoolfix(3) has an example program" ||
    not_ok "no example program in man/libspoolfix.3"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
if flags=$(pkg-config --cflags --libs --static spoolfix 2>"$tmp/pc.err"); then
	ok "pkg-config finds the installed spoolfix.pc: $flags"
else
	not_ok "pkg-config spoolfix" "$(cat "$tmp/pc.err")"
fi
# shellcheck disable=SC2086
# Under "make SANITIZE=... check" the installed archive is instrumented
# too, so the program links with the same runtime.
san=${SANITIZE:+-fsanitize=$SANITIZE}
if ${CC:-cc} -std=c11 -Wall -Wextra -Werror $san -o "$tmp/scan" "$tmp/scan.c" \
    $flags > "$tmp/cc.out" 2>&1; then
	ok "the example builds against the installed header and archive"
else
	not_ok "the example does not build" "$(head -20 "$tmp/cc.out")"
fi

m=$tmp/machine
hive "$m/Windows/System32/config/SYSTEM" fixtures/base/system.hreg \
    fixtures/sample/system-faults.hreg < /dev/null
hive "$m/Users/alice/NTUSER.DAT" fixtures/base/ntuser.hreg \
    fixtures/sample/ntuser-alice-faults.hreg < /dev/null
run "$tmp/scan" "$prefix/share/spoolfix/rules" "$m"
if no_crash "example"; then
	# The same findings as the command's (the same rules, as often).
	"$SPOOLFIX" scan --format csv --root "$m" 2>/dev/null |
	    awk -F'","' 'NR > 1 { print $2 }' | sort > "$tmp/cli.ids"
	awk '/ findings$/ { next } { print $1 }' "$tmp/out" | sort \
	    > "$tmp/ex.ids"
	[ "$st" -eq 1 ] && [ -s "$tmp/ex.ids" ] &&
	    grep -q '^LPR-001 error HKLM' "$tmp/out" &&
	    cmp -s "$tmp/cli.ids" "$tmp/ex.ids" &&
	    ok "the example finds what spoolfix scan finds (exit 1)" ||
	    not_ok "example: exit $st" "$(head -5 "$tmp/out")" \
	    "$(diff "$tmp/cli.ids" "$tmp/ex.ids" | head)" "$(cat "$tmp/err")"
	run "$tmp/scan" "$prefix/share/spoolfix/rules" "$tmp/nowhere"
	[ "$st" -eq 2 ] && grep -q 'nowhere' "$tmp/err" &&
	    ok "the example reports an error with its advice (exit 2)" ||
	    not_ok "example on a missing folder: exit $st" "$(cat "$tmp/err")"
fi
t_done
