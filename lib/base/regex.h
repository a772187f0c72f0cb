/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 */

/*
 * This file declares the internal regular-expression engine.  Patterns
 * and subjects are arrays of UTF-16 code units with explicit lengths,
 * because registry key names may contain NUL units and unpaired
 * surrogates that have to be matched exactly.  The syntax is described
 * at the top of regex.c.
 */
#ifndef SPOOLFIX_REGEX_H
#define SPOOLFIX_REGEX_H

#include <stddef.h>
#include <stdint.h>

struct sf_regex;

#define SF_RE_ICASE 0x1   /* case-insensitive: fold ASCII A-Z and Latin-1 0xC0-0xDE (except 0xD7) to lower case on both sides */

/* Compiles pat[0..patlen). Returns 0 on success and stores the program in *out.
 * On a syntax error returns -1, stores NULL, writes a short English message (no trailing newline,
 * e.g. "unmatched ')'", "nothing to repeat", "unterminated character class") into errbuf (always NUL-terminated if errlen>0)
 * and the 0-based offset in the pattern where the error was found into *errpos (if errpos non-NULL).
 * Returns -2 on allocation failure. */
int  sf_regex_compile(const uint16_t *pat, size_t patlen, int flags, struct sf_regex **out, char *errbuf, size_t errlen, size_t *errpos);
/* Search semantics like POSIX regexec/egrep: returns 1 if the pattern matches anywhere in s[0..n) (respecting ^ and $ anchors, which match only at the start/end of the whole subject), 0 if not, -1 on allocation failure. */
int  sf_regex_search(const struct sf_regex *re, const uint16_t *s, size_t n);
void sf_regex_free(struct sf_regex *re);   /* NULL is a no-op */

#endif
