#!/bin/sh
# The library's contract: libspoolfix.a exports exactly what spoolfix.h
# declares.  Every global symbol defined in the archive must carry the
# public prefix sf_ and be a function or object declared in spoolfix.h;
# every function spoolfix.h declares must be defined.  Internal code is
# compiled with hidden visibility and made local (see the Makefile).
. "$(dirname "$0")/lib.sh"
cd "$top" || exit 2
lib=lib/libspoolfix.a
if ! command -v nm > /dev/null 2>&1; then
	skip "global symbols of $lib" "nm is not installed (binutils)"
	t_done; exit
fi
nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u \
    > "$tmp/exported"
# Declared functions: every "sf_name(" but the callback types (*_fn).
grep -o 'sf_[a-z0-9_]*(' lib/spoolfix.h | tr -d '(' | grep -v '_fn$' |
    sort -u > "$tmp/declared"
[ -s "$tmp/exported" ] && [ -s "$tmp/declared" ] ||
    not_ok "cannot list symbols" "$(wc -l "$tmp/exported" "$tmp/declared")"
bad=$(grep -v '^sf_' "$tmp/exported" | head -20 | tr '\n' ' ')
[ -z "$bad" ] && ok "$lib: every global symbol has the prefix sf_" ||
    not_ok "$lib exports symbols outside the public prefix sf_" "$bad"
extra=$(comm -23 "$tmp/exported" "$tmp/declared" | head -20 | tr '\n' ' ')
[ -z "$extra" ] && ok "$lib: exports nothing that spoolfix.h does not declare" ||
    not_ok "$lib exports internal symbols" "$extra"
missing=$(comm -13 "$tmp/exported" "$tmp/declared" | head -20 | tr '\n' ' ')
[ -z "$missing" ] &&
    ok "$lib: defines every function spoolfix.h declares ($(wc -l < "$tmp/declared"))" ||
    not_ok "spoolfix.h declares functions $lib does not export" "$missing"
t_done
