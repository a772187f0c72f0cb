#!/bin/sh
# Installing: "make install" with DESTDIR and with PREFIX puts the
# program, rules, manual, header, archive and spoolfix.pc in place; the
# installed program reads the rules of its compiled-in RULESDIR (never
# rules/ in the current folder, even when that is all there is); a link
# to a build tree's program finds that tree's rules; a small C program
# builds against the installed library through pkg-config; "make
# uninstall" removes it all; CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS reach
# the compiler.
#
# It works on a copy of the build tree (objects included, so only
# cli/rules_opts.o is rebuilt for each installation path).  Flags for
# the copy come from the environment as for any make: under "make
# SANITIZE=... check" they match the build tree's.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2

# Paths given to an outer make must not leak into the installations
# below; its job server is not ours.
unset MAKEFLAGS MFLAGS MAKELEVEL PREFIX DESTDIR BINDIR LIBDIR INCLUDEDIR \
    MANDIR DATADIR RULESDIR SCHEMADIR SPOOLFIX_RULES_DIR
MAKE=${MAKE:-make}
case $MAKE in *" "*|"") MAKE=make;; esac

if ! command -v "$MAKE" > /dev/null 2>&1; then
	skip "make install" "make is not installed"
	t_done; exit
fi

src=$tmp/src
mkdir "$src"
cp -Rp Makefile lib cli rules man schema "$src"/ || exit 2
for f in spoolfix.pc.in Makefile.local .build-flags; do
	[ -f "$f" ] && cp -p "$f" "$src"/
done

# A folder someone else controls, holding rules of its own.
evil=$tmp/evil
mkdir -p "$evil/rules"
cat > "$evil/rules/evil.rules" <<'EOF'
rule EVIL-001 {
	title "Planted in the current folder"
	severity error
	rationale "A rule in the folder spoolfix was run from; it must never
		be loaded."
	scope hive
	when dirty
	message "planted"
}
EOF

# The rule IDs the build tree's rules give.
SPOOLFIX_RULES_DIR=$top/rules "$SPOOLFIX" rules list |
    awk 'NR > 1 && NF > 1 && !/ rules;/ { print $1 }' > "$tmp/ids.want"
[ -s "$tmp/ids.want" ] || { not_ok "the build tree lists its rules"; t_done; exit; }
nrules=$(wc -l < "$tmp/ids.want")

# same_rules DESCRIPTION: $tmp/out holds a 'rules list' equal to the
# build tree's, with no planted rule.
same_rules() {
	awk 'NR > 1 && NF > 1 && !/ rules;/ { print $1 }' "$tmp/out" \
	    > "$tmp/ids.got"
	if [ "$st" -eq 0 ] && cmp -s "$tmp/ids.want" "$tmp/ids.got"; then
		ok "$1"
	else
		not_ok "$1: exit $st" "$(head -c 400 "$tmp/err")" \
		    "$(diff "$tmp/ids.want" "$tmp/ids.got" | head -5)"
	fi
}

# installed ROOT BINDIR MANDIR: every file "make install" puts there.
installed() {
	for f in "$2/spoolfix" "$1/lib/libspoolfix.a" \
	    "$1/include/spoolfix.h" "$1/lib/pkgconfig/spoolfix.pc" \
	    "$3/man1/spoolfix.1" "$3/man5/spoolfix.rules.5"; do
		[ -f "$f" ] || { echo "missing: $f"; return 1; }
	done
	for r in rules/*.rules; do
		cmp "$r" "$1/share/spoolfix/rules/${r#rules/}" || return 1
	done
	for r in schema/*.schema.json; do
		cmp "$r" "$1/share/spoolfix/schema/${r#schema/}" || return 1
	done
	[ -x "$2/spoolfix" ] || { echo "not executable: $2/spoolfix"; return 1; }
}

# --- make install PREFIX=/usr DESTDIR=...: the packager's way ---
dest=$tmp/dest
if (cd "$src" && $MAKE -j2 install PREFIX=/usr DESTDIR="$dest") \
    > "$tmp/make.out" 2>&1; then
	ok "make install PREFIX=/usr DESTDIR=dir"
else
	not_ok "make install PREFIX=/usr DESTDIR=dir" \
	    "$(tail -c 600 "$tmp/make.out")"
fi
check "DESTDIR: program, rules, manual, header, archive and .pc installed" \
    installed "$dest/usr" "$dest/usr/bin" "$dest/usr/share/man"
# Built with PREFIX=/usr/local first: the installed one was rebuilt.
run "$dest/usr/bin/spoolfix" --help
if grep -q ' /usr/share/spoolfix/rules,' "$tmp/out"; then
	ok "the program installed with PREFIX=/usr reads /usr/share/spoolfix/rules"
else
	not_ok "the program installed with PREFIX=/usr reads /usr/share/spoolfix/rules" \
	    "$(grep -i rules "$tmp/out")"
fi
if grep -q '^prefix=/usr$' "$dest/usr/lib/pkgconfig/spoolfix.pc"; then
	ok "spoolfix.pc names prefix /usr"
else
	not_ok "spoolfix.pc names prefix /usr" "$(head -5 "$dest/usr/lib/pkgconfig/spoolfix.pc")"
fi

# Its rules are not at /usr/share/spoolfix/rules (only under DESTDIR):
# run from a folder with a planted rules/, it must fail, saying where it
# looked and what to do, and not use the planted ones.
if [ -d /usr/share/spoolfix/rules ]; then
	skip "an installed program without its rules fails, ignoring ./rules" \
	    "this machine has /usr/share/spoolfix/rules"
else
	st=0
	(cd "$evil" && "$dest/usr/bin/spoolfix" rules list) > "$tmp/out" \
	    2> "$tmp/err" || st=$?
	if [ "$st" -eq 2 ] && ! grep -q EVIL "$tmp/out" "$tmp/err" &&
	    grep -q 'shipped rules were not found.*/usr/share/spoolfix/rules' \
	    "$tmp/err" && grep -q 'what to do:.*SPOOLFIX_RULES_DIR' "$tmp/err"
	then
		ok "an installed program without its rules fails, ignoring ./rules"
	else
		not_ok "an installed program without its rules fails, ignoring ./rules: exit $st" \
		    "$(head -c 600 "$tmp/err")" "$(head -3 "$tmp/out")"
	fi
fi
st=0
(cd / && SPOOLFIX_RULES_DIR=$dest/usr/share/spoolfix/rules \
    "$dest/usr/bin/spoolfix" rules list) > "$tmp/out" 2> "$tmp/err" || st=$?
same_rules "run from /, the installed program reads SPOOLFIX_RULES_DIR"

# --- a program linking the installed library, through pkg-config ---
cat > "$tmp/prog.c" <<'EOF'
/* Compiles the rules in argv[1] and opens the hive argv[2]. */
#include <stdio.h>

#include <spoolfix.h>

int
main(int argc, char **argv)
{
	sf_compiler	*c;
	sf_rules	*r;
	sf_machine	*m;
	sf_error	*e = NULL;

	if (argc != 3 || sf_compiler_new(&c, &e) != SF_OK ||
	    sf_compiler_add_dir(c, argv[1], &e) != SF_OK ||
	    sf_compiler_finish(c, &r, &e) != SF_OK ||
	    sf_machine_new(&m, &e) != SF_OK ||
	    sf_machine_add_file(m, argv[2], SF_HIVE_UNKNOWN, NULL,
	    &e) != SF_OK) {
		fprintf(stderr, "prog: %s\n", e ? sf_error_message(e) : "usage");
		return 1;
	}
	printf("%s %zu %s\n", SPOOLFIX_VERSION, sf_rules_count(r),
	    sf_hive_kind_name(sf_hive_kind_of(sf_machine_hive(m, 0))));
	sf_machine_free(m);
	sf_rules_free(r);
	sf_compiler_free(c);
	return 0;
}
EOF
hive "$tmp/SYSTEM" fixtures/base/system.hreg < /dev/null
version=$(sed -n 's/.*SPOOLFIX_VERSION "\(.*\)"/\1/p' lib/spoolfix.h)
# build_prog DESCRIPTION RULESDIR: $PKG_CONFIG_PATH (and _SYSROOT_DIR)
# set by the caller.  A sanitized archive needs the sanitizer runtime.
build_prog() {
	rm -f "$tmp/prog"
	if ! flags=$(pkg-config --cflags --libs --static spoolfix 2>&1); then
		not_ok "$1: pkg-config --cflags --libs --static spoolfix" "$flags"
		return
	fi
	san=${SANITIZE:+-fsanitize=$SANITIZE}
	# shellcheck disable=SC2086
	if ! ${CC:-cc} $san -o "$tmp/prog" "$tmp/prog.c" $flags \
	    > "$tmp/cc.out" 2>&1; then
		not_ok "$1: cc prog.c \$(pkg-config ...)" "$flags" \
		    "$(head -c 600 "$tmp/cc.out")"
		return
	fi
	run "$tmp/prog" "$2" "$tmp/SYSTEM"
	if [ "$st" -eq 0 ] && [ "$(cat "$tmp/out")" = "$version $nrules SYSTEM" ]
	then
		ok "$1"
	else
		not_ok "$1: exit $st" "$(cat "$tmp/out" "$tmp/err")"
	fi
}
if command -v pkg-config > /dev/null 2>&1; then
	PKG_CONFIG_PATH=$dest/usr/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR=$dest \
	    build_prog "DESTDIR: a program builds with pkg-config --static spoolfix and runs" \
	    "$dest/usr/share/spoolfix/rules"
else
	skip "DESTDIR: a program builds with pkg-config --static spoolfix" \
	    "pkg-config is not installed"
fi

run sh -c "cd '$src' && $MAKE uninstall PREFIX=/usr DESTDIR='$dest'"
left=$(find "$dest" ! -type d | head -5)
if [ "$st" -eq 0 ] && [ -z "$left" ]; then
	ok "make uninstall PREFIX=/usr DESTDIR=dir removes every file"
else
	not_ok "make uninstall PREFIX=/usr DESTDIR=dir: exit $st" "$left" \
	    "$(head -c 300 "$tmp/err")"
fi

# --- make install PREFIX=dir, BINDIR and MANDIR of its own ---
pre=$tmp/prefix
if (cd "$src" && $MAKE -j2 install PREFIX="$pre/usr" BINDIR="$pre/bin" \
    MANDIR="$pre/man") > "$tmp/make.out" 2>&1; then
	ok "make install PREFIX=dir BINDIR=dir MANDIR=dir"
else
	not_ok "make install PREFIX=dir BINDIR=dir MANDIR=dir" \
	    "$(tail -c 600 "$tmp/make.out")"
fi
check "PREFIX: program, rules, manual, header, archive and .pc installed" \
    installed "$pre/usr" "$pre/bin" "$pre/man"
# The compiled-in RULESDIR, from / and from the planted folder.
st=0
(cd / && "$pre/bin/spoolfix" rules list) > "$tmp/out" 2> "$tmp/err" || st=$?
same_rules "run from /, the installed program reads its compiled-in RULESDIR"
st=0
(cd "$evil" && "$pre/bin/spoolfix" rules list) > "$tmp/out" 2> "$tmp/err" ||
    st=$?
same_rules "run beside a planted rules/, the installed program ignores it"
if command -v pkg-config > /dev/null 2>&1; then
	PKG_CONFIG_PATH=$pre/usr/lib/pkgconfig \
	    build_prog "PREFIX: a program builds with pkg-config --static spoolfix and runs" \
	    "$pre/usr/share/spoolfix/rules"
else
	skip "PREFIX: a program builds with pkg-config --static spoolfix" \
	    "pkg-config is not installed"
fi
run sh -c "cd '$src' && $MAKE uninstall PREFIX='$pre/usr' BINDIR='$pre/bin' MANDIR='$pre/man'"
left=$(find "$pre" ! -type d | head -5)
if [ "$st" -eq 0 ] && [ -z "$left" ]; then
	ok "make uninstall PREFIX=dir BINDIR=dir MANDIR=dir removes every file"
else
	not_ok "make uninstall PREFIX=dir BINDIR=dir MANDIR=dir: exit $st" \
	    "$left" "$(head -c 300 "$tmp/err")"
fi

# --- a build tree: rules/ beside the program file, through a link ---
# The copy's RULESDIR ($pre/usr/share/spoolfix/rules) is gone now, so it
# falls back to its own rules/, which gets one rule more to tell them
# apart; run from the planted folder, through a symbolic link.
cat > "$src/rules/zz-beside.rules" <<'EOF'
rule BESIDE-001 {
	title "Beside the program file"
	severity info
	rationale "Tells the build tree's rules from any other."
	scope hive
	when dirty
	message "beside"
}
EOF
mkdir "$tmp/links"
ln -s "$src/spoolfix" "$tmp/links/spoolfix"
st=0
(cd "$evil" && "$tmp/links/spoolfix" rules list) > "$tmp/out" \
    2> "$tmp/err" || st=$?
if [ "$st" -eq 0 ] && grep -q '^BESIDE-001 ' "$tmp/out" &&
    ! grep -q EVIL "$tmp/out" "$tmp/err"; then
	ok "a link to a build tree's program reads the rules beside the real file, not ./rules"
else
	not_ok "a link to a build tree's program reads the rules beside the real file, not ./rules: exit $st" \
	    "$(head -c 400 "$tmp/err")" "$(grep 'EVIL\|BESIDE' "$tmp/out")"
fi
# Found through $PATH, argv[0] names no folder at all.
st=0
(cd "$evil" && PATH=$tmp/links:$PATH spoolfix rules list) > "$tmp/out" \
    2> "$tmp/err" || st=$?
if [ "$st" -eq 0 ] && grep -q '^BESIDE-001 ' "$tmp/out" &&
    ! grep -q EVIL "$tmp/out" "$tmp/err"; then
	ok "found through PATH, the program still reads the rules beside its file"
else
	not_ok "found through PATH, the program still reads the rules beside its file: exit $st" \
	    "$(head -c 400 "$tmp/err")"
fi

# --- the build honours the environment's flags; -Werror on request ---
# (make -n: nothing is built.)
(cd "$src" && CPPFLAGS=-DSF_T_CPPFLAGS CFLAGS=-DSF_T_CFLAGS \
    LDFLAGS=-Wl,--as-needed LDLIBS=-lm $MAKE -n -B spoolfix) 2>&1 |
    sed -e :a -e '/\\$/N; s/\\\n//; ta' > "$tmp/n.out"
if grep -q -- '-c cli/main.c' "$tmp/n.out" &&
    grep -- '-c cli/main.c' "$tmp/n.out" | grep -q -- '-DSF_T_CPPFLAGS' &&
    grep -- '-c cli/main.c' "$tmp/n.out" | grep -q -- '-DSF_T_CFLAGS' &&
    grep -- '-o spoolfix' "$tmp/n.out" | grep -q -- '-Wl,--as-needed.*-lm'
then
	ok "CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS from the environment are used"
else
	not_ok "CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS from the environment are used" \
	    "$(grep -- 'cli/main.c\|-o spoolfix' "$tmp/n.out" | head -c 600)"
fi
(cd "$src" && $MAKE -n -B LDFLAGS=-Wl,--as-needed SANITIZE=address spoolfix) \
    > "$tmp/n.out" 2>&1
if grep -- '-o spoolfix' "$tmp/n.out" | grep -q -- '-fsanitize=address' &&
    grep -- '-o spoolfix' "$tmp/n.out" | grep -q -- '-Wl,--as-needed'; then
	ok "LDFLAGS on the command line keeps SANITIZE's link flag"
else
	not_ok "LDFLAGS on the command line keeps SANITIZE's link flag" \
	    "$(grep -- '-o spoolfix' "$tmp/n.out")"
fi
(cd "$src" && env -u WERROR $MAKE -n -B cli/main.o) > "$tmp/n0.out" 2>&1
(cd "$src" && $MAKE -n -B WERROR=1 cli/main.o) > "$tmp/n1.out" 2>&1
if ! grep -q -- -Werror "$tmp/n0.out" && grep -q -- -Werror "$tmp/n1.out"
then
	ok "-Werror only with WERROR=1"
else
	not_ok "-Werror only with WERROR=1" "$(cat "$tmp/n0.out" "$tmp/n1.out")"
fi
t_done
