#!/bin/sh
# The tree builds warning-free with clang too: "make all" (the library,
# the program, mkhive, the unit tests, the test tools, the fuzz replay
# programs and the allocation shim) with CC=clang and WERROR=1, on a
# copy of the sources.  CI runs the same build as its last step; here it
# is part of make check, so that a warning only clang gives (such as
# -Wstring-plus-int in a test) is seen before CI.  gcc builds the tree
# for every other group, and mingw-w64 in the windows group.
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2

unset MAKEFLAGS MFLAGS MAKELEVEL
MAKE=${MAKE:-make}
case $MAKE in *" "*|"") MAKE=make;; esac
if ! command -v clang > /dev/null 2>&1; then
	skip "the tree builds with clang -Werror" "clang is not installed"
	t_done; exit
fi
if ! command -v "$MAKE" > /dev/null 2>&1; then
	skip "the tree builds with clang -Werror" "make is not installed"
	t_done; exit
fi

# The sources only: no objects of the gcc build, no fuzzing corpora.
src=$tmp/src
mkdir "$src"
find Makefile spoolfix.pc.in lib cli fixtures tests \
    \( -path tests/out -o -path tests/fuzz/build -o -path tests/fuzz/work \
    -o -path tests/fuzz/regress \) -prune -o \
    \( -name '*.[ch]' -o -name Makefile -o -name '*.in' \) -type f -print |
    while read -r f; do
	mkdir -p "$src/$(dirname "$f")" && cp -p "$f" "$src/$f" || exit 1
done || { not_ok "copying the sources for the clang build"; t_done; exit; }

# SANITIZE, CFLAGS and the like of an outer make would reach this build
# through the environment; it is the plain build CI makes.
st=0
(cd "$src" && env -u SANITIZE -u CFLAGS -u CPPFLAGS -u LDFLAGS -u LDLIBS \
    "$MAKE" -j2 CC=clang WERROR=1 all) > "$tmp/make.out" 2>&1 || st=$?
if [ "$st" -eq 0 ]; then
	ok "make all with CC=clang WERROR=1 builds the whole tree"
else
	not_ok "make all with CC=clang WERROR=1 failed (exit $st)" \
	    "$(grep -E 'error:|warning:' "$tmp/make.out" | head -8)" \
	    "$(tail -c 400 "$tmp/make.out")"
fi
# Not a build that merely ran nothing: clang made the program.
if [ "$st" -eq 0 ] && [ -x "$src/spoolfix" ] &&
    grep -q '^clang ' "$src/.build-flags"; then
	ok "the clang build made spoolfix (.build-flags names clang)"
else
	not_ok "the clang build made no spoolfix" \
	    "$(cat "$src/.build-flags" 2>/dev/null)"
fi
t_done
