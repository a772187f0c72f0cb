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
 * Registry path patterns as rules write them: a logical root
 * (HKLM\SYSTEM, HKLM\SOFTWARE, HKU\<profile>) and '\'-separated names,
 * where "*" is any one name, "**" any number of levels, a name holding
 * * or ? is a glob, and {env} stands for the machine's print
 * environment.  Names compare ignoring case, like Windows.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

#define STR_(x)	#x
#define STR(x)	STR_(x)

static int
classify(struct sf_rules *r, seg *s, const char *text, size_t n,
    const char **why)
{
	const char	*b;
	int		 wild = 0;

	if (n == 0) {
		*why = "empty name in path (doubled or trailing '\\')";
		return -1;
	}
	if (n == 2 && memcmp(text, "**", 2) == 0)
		s->kind = SEG_DEEP;
	else if (n == 1 && text[0] == '*')
		s->kind = SEG_ANY;
	else if (n == 2 && memcmp(text, "..", 2) == 0)
		s->kind = SEG_UP;
	else {
		wild = memchr(text, '*', n) != NULL ||
		    memchr(text, '?', n) != NULL;
		s->kind = wild ? SEG_GLOB : SEG_LIT;
	}
	for (b = text; (b = memchr(b, '{', n - (size_t)(b - text))) != NULL;
	    b++)
		if (n - (size_t)(b - text) >= 5 && memcmp(b, "{env}", 5) == 0) {
			s->has_env = 1;
			break;
		}
	if ((s->u = rules_u16(r, text, n, &s->len)) == NULL) {
		*why = "out of memory";
		return -1;
	}
	return 0;
}

/* a[0..n) equals the ASCII text b ignoring case; b holds n bytes */
static int
ascii_ncaseeq(const char *a, const char *b, size_t n)
{
	size_t	i;
	int	x, y;

	for (i = 0; i < n; i++) {
		x = (unsigned char)a[i];
		y = (unsigned char)b[i];
		if (x >= 'a' && x <= 'z')
			x -= 'a' - 'A';
		if (y >= 'a' && y <= 'z')
			y -= 'a' - 'A';
		if (x != y)
			return 0;
	}
	return 1;
}

/* Splits off the logical root; returns the rest of the path. */
static const char *
take_root(struct sf_rules *r, pattern *p, const char *t, const char *end,
    int allow_relative, const char **why)
{
	static const struct {
		const char *prefix;
		root_kind   root;
	} roots[] = {
		{ "HKLM\\SYSTEM", ROOT_SYSTEM },
		{ "HKEY_LOCAL_MACHINE\\SYSTEM", ROOT_SYSTEM },
		{ "HKLM\\SOFTWARE", ROOT_SOFTWARE },
		{ "HKEY_LOCAL_MACHINE\\SOFTWARE", ROOT_SOFTWARE },
		{ "HKU", ROOT_USERS },
		{ "HKEY_USERS", ROOT_USERS },
	};
	size_t	 i, n;
	const char *s;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		n = strlen(roots[i].prefix);
		if ((size_t)(end - t) < n || (t + n != end && t[n] != '\\') ||
		    !ascii_ncaseeq(t, roots[i].prefix, n))
			continue;
		p->root = roots[i].root;
		t += n;
		if (t < end)
			t++;
		if (p->root != ROOT_USERS)
			return t;
		for (s = t; s < end && *s != '\\'; s++)
			;
		if (classify(r, &p->user, t, (size_t)(s - t), why) == -1)
			return NULL;
		if (p->user.kind == SEG_DEEP || p->user.kind == SEG_UP) {
			*why = "the profile part of HKU\\... must be a name or "
			    "a glob";
			return NULL;
		}
		return s < end ? s + 1 : s;
	}
	if (!allow_relative || (end - t >= 2 && (t[0] == 'H' || t[0] == 'h') &&
	    (t[1] == 'K' || t[1] == 'k'))) {
		*why = "a path must start with HKLM\\SYSTEM, HKLM\\SOFTWARE or "
		    "HKU\\<profile>";
		return NULL;
	}
	p->root = ROOT_RELATIVE;
	return t;
}

pattern *
pattern_parse(struct sf_rules *r, const char *text, size_t len,
    int allow_relative, const char **why)
{
	pattern		*p;
	const char	*t = text, *end = text + len, *s;
	seg		*ns;
	size_t		 down = 0;

	if ((p = rules_calloc(r, 1, sizeof(*p))) == NULL ||
	    (p->text = rules_strndup(r, text, len)) == NULL) {
		*why = "out of memory";
		return NULL;
	}
	if ((t = take_root(r, p, t, end, allow_relative, why)) == NULL)
		return NULL;
	while (t < end) {
		if ((s = memchr(t, '\\', (size_t)(end - t))) == NULL)
			s = end;
		/*
		 * The walk recurses once per name, so the names that go
		 * down are bounded: keys nest at most SF_MAX_DEPTH deep, and
		 * "**\**" means "**" (kept once, it is also not tried in
		 * every split).  ".." stops at the root by itself.
		 */
		if (s - t == 2 && memcmp(t, "**", 2) == 0 && p->nseg > 0 &&
		    p->seg[p->nseg - 1].kind == SEG_DEEP)
			goto next;
		if (!(s - t == 2 && memcmp(t, "..", 2) == 0) &&
		    down++ >= SF_MAX_DEPTH) {
			*why = "a path of more than " STR(SF_MAX_DEPTH) " names "
			    "cannot match: keys nest at most " STR(SF_MAX_DEPTH)
			    " deep";
			return NULL;
		}
		if ((ns = rules_grow(r, p->seg, p->nseg, sizeof(*ns))) ==
		    NULL) {
			*why = "out of memory";
			return NULL;
		}
		p->seg = ns;
		if (classify(r, &p->seg[p->nseg], t, (size_t)(s - t), why) ==
		    -1)
			return NULL;
		if (p->seg[p->nseg].kind == SEG_UP && p->root != ROOT_RELATIVE) {
			p->nseg++;
			*why = "\"..\" is allowed only in relative paths";
			return NULL;
		}
		p->nseg++;
next:
		if (s == end)
			break;
		t = s + 1;
		if (t == end) {
			*why = "trailing '\\' in path";
			return NULL;
		}
	}
	return p;
}

/* '*' matches any run of units, '?' one unit; case-insensitive. */
int
glob_match(const uint16_t *p, size_t pn, const uint16_t *s, size_t sn)
{
	size_t	 pi = 0, si = 0, star = (size_t)-1, mark = 0;

	while (si < sn) {
		if (pi < pn && (p[pi] == '?' || (p[pi] != '*' &&
		    sf_u16_upper(p[pi]) == sf_u16_upper(s[si])))) {
			pi++;
			si++;
		} else if (pi < pn && p[pi] == '*') {
			star = pi++;
			mark = si;
		} else if (star != (size_t)-1) {
			pi = star + 1;
			si = ++mark;
		} else
			return 0;
	}
	while (pi < pn && p[pi] == '*')
		pi++;
	return pi == pn;
}
