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
 * This file tests the UTF-16 regular-expression engine in lib/regex.c.
 * Patterns and most subjects are written as UTF-8 literals and widened
 * to UTF-16; subjects that need NUL units or lone surrogates, which
 * UTF-8 cannot carry, are given as explicit unit arrays.
 */

#include <stdint.h>
#include <stdlib.h>

#include "base/regex_int.h"
#include "t.h"

#define MAXU	8192

struct mcase {
	const char	*pat;
	int		 flags;
	const char	*subj;		/* UTF-8; used when units is NULL */
	const uint16_t	*units;
	size_t		 nunits;
	int		 want;
};

#define M(p, f, s, w)	{ (p), (f), (s), NULL, 0, (w) }
#define U(p, f, w, ...)	{ (p), (f), NULL, (const uint16_t[]){ __VA_ARGS__ }, \
	sizeof((const uint16_t[]){ __VA_ARGS__ }) / sizeof(uint16_t), (w) }

#define I SF_RE_ICASE

static const struct mcase mcases[] = {
	/* literals and the empty pattern */
	M("abc", 0, "xxabcxx", 1),
	M("abc", 0, "abx", 0),
	M("", 0, "", 1),
	M("", 0, "anything", 1),
	M("a", 0, "", 0),
	/* anchors */
	M("^abc", 0, "abcd", 1),
	M("^abc", 0, "xabc", 0),
	M("abc$", 0, "xabc", 1),
	M("abc$", 0, "abcx", 0),
	M("^$", 0, "", 1),
	M("^$", 0, "x", 0),
	M("a$", 0, "a\n", 0),
	M("a^b", 0, "a^b", 0),
	M("(^a|b$)", 0, "xxb", 1),
	M("(^a|b$)", 0, "xax", 0),
	/* a leading ^ ends the search early; one in an alternative not */
	M("^a|b", 0, "xxb", 1),
	M("^a|b", 0, "xxa", 0),
	M("^[^:]+:.+$", 0, "host:queue", 1),
	M("^[^:]+:.+$", 0, ":queue", 0),
	M("^[^:]+:.+$", 0, "hostqueue", 0),
	M("^x*$", 0, "xxxxy", 0),
	M("^x*", 0, "yxxx", 1),
	/* alternation and groups */
	M("cat|dog", 0, "hotdog", 1),
	M("cat|dog", 0, "cow", 0),
	M("^(cat|dog)s$", 0, "cats", 1),
	M("^(cat|dog)s$", 0, "cows", 0),
	M("^(a|)b$", 0, "b", 1),
	M("^(a|)b$", 0, "ab", 1),
	M("^(|a)b$", 0, "aab", 0),
	M("a||b", 0, "zzz", 1),
	M("^((a|b)(c|d))+$", 0, "acbdad", 1),
	M("^((a|b)(c|d))+$", 0, "acbda", 0),
	M("^(((x)))$", 0, "x", 1),
	M("^()$", 0, "", 1),
	M("^()*a$", 0, "a", 1),
	M("^(){2}$", 0, "", 1),
	M("^(()){3,}x$", 0, "x", 1),
	/* quantifiers */
	M("^ab*c$", 0, "ac", 1),
	M("^ab*c$", 0, "abbbc", 1),
	M("^ab+c$", 0, "ac", 0),
	M("^ab+c$", 0, "abbc", 1),
	M("^ab?c$", 0, "abbc", 0),
	M("^ab?c$", 0, "ac", 1),
	M("^a{3}$", 0, "aaa", 1),
	M("^a{3}$", 0, "aa", 0),
	M("^a{3}$", 0, "aaaa", 0),
	M("^a{2,}$", 0, "a", 0),
	M("^a{2,}$", 0, "aaaaaaa", 1),
	M("^a{2,4}$", 0, "aaaa", 1),
	M("^a{2,4}$", 0, "aaaaa", 0),
	M("^a{0,2}$", 0, "", 1),
	M("^a{0,2}$", 0, "aaa", 0),
	M("^a{0}b$", 0, "b", 1),
	M("^a{0}b$", 0, "ab", 0),
	M("^(ab){2}$", 0, "abab", 1),
	M("^(ab){2}$", 0, "aba", 0),
	M("^a{2}{3}$", 0, "aaaaaa", 1),
	M("^a{2}{3}$", 0, "aaaaa", 0),
	M("^x{1000}$", 0, "x", 0),
	M("^(a|b){1,3}c$", 0, "babc", 1),
	/* literal braces when no interval follows */
	M("^\\{[0-9A-F-]+\\}$", 0, "{4D36E972-E325}", 1),
	M("^{4D36E972}$", 0, "{4D36E972}", 1),
	M("a{,2}", 0, "a{,2}", 1),
	M("a{2", 0, "a{2", 1),
	/* dot */
	M("^a.c$", 0, "abc", 1),
	M("^a.c$", 0, "ac", 0),
	M("^.$", 0, "\xc3\xa9", 1),
	M("^.$", 0, "\xf0\x9f\x98\x80", 0),	/* a surrogate pair is 2 units */
	M("^..$", 0, "\xf0\x9f\x98\x80", 1),
	U("a.b", 0, 1, 'a', 0x0000, 'b'),
	U("^.$", 0, 1, 0xD800),
	U("^.$", 0, 1, 0xDFFF),
	/* classes */
	M("^[abc]+$", 0, "cabbage", 0),
	M("^[abc]+$", 0, "cab", 1),
	M("^[a-z]+$", 0, "hello", 1),
	M("^[a-z]+$", 0, "Hello", 0),
	M("[^a-z]", 0, "hello", 0),
	M("[^a-z]", 0, "hel1o", 1),
	M("^[]a]+$", 0, "]a]", 1),
	M("^[^]a]$", 0, "]", 0),
	M("^[^]a]$", 0, "b", 1),
	M("^[-a]+$", 0, "-a-", 1),
	M("^[a-]+$", 0, "a-", 1),
	M("^[a-c-e]+$", 0, "b-e", 1),
	M("^[a-c-e]+$", 0, "d", 0),
	M("^[\\]\\\\]+$", 0, "]\\", 1),
	M("^[\\d_]+$", 0, "12_3", 1),
	M("^[\\D]+$", 0, "ab", 1),
	M("^[\\D]+$", 0, "a1", 0),
	M("^[\\W\\d]+$", 0, "1-2", 1),
	M("^[\\W\\d]+$", 0, "1a", 0),
	M("^[.]$", 0, "x", 0),
	U("^[\\u0000-\\u001f]$", 0, 1, 0x001B),
	U("^[\\uD800-\\uDFFF]$", 0, 1, 0xDC00),
	U("^[^\\uD800-\\uDFFF]$", 0, 0, 0xDC00),
	/* class escapes outside brackets */
	M("^\\d+$", 0, "2026", 1),
	M("^\\d+$", 0, "20x6", 0),
	M("^\\D$", 0, "x", 1),
	M("^\\w+$", 0, "Key_01", 1),
	M("^\\w+$", 0, "Key-01", 0),
	M("^\\W$", 0, "-", 1),
	M("^a\\sb$", 0, "a\tb", 1),
	M("^a\\sb$", 0, "a\vb", 1),
	M("^a\\Sb$", 0, "a b", 0),
	/* other escapes */
	M("^a\\.b$", 0, "a.b", 1),
	M("^a\\.b$", 0, "axb", 0),
	M("^\\*\\+\\?\\(\\)\\|\\^\\$$", 0, "*+?()|^$", 1),
	M("^\\t\\n\\r$", 0, "\t\n\r", 1),
	M("\\x1b\\[", 0, "\x1b[0m", 1),
	M("^\\x41\\u00e9$", 0, "A\xc3\xa9", 1),
	M("^\\\xc3\xa9$", 0, "\xc3\xa9", 1),	/* escaped non-ASCII is literal */
	U("x\\u0000", 0, 1, 'x', 0x0000),
	U("x\\u0000", 0, 0, 'x'),
	U("\\uD800", 0, 1, 'a', 0xD800, 'b'),
	U("\\uD800", 0, 0, 0xD801),
	/* case folding */
	M("hello", I, "SAY HELLO", 1),
	M("HELLO", I, "say hello", 1),
	M("hello", 0, "HELLO", 0),
	M("^[a-c]+$", I, "AbC", 1),
	M("^[^a-c]$", I, "B", 0),
	M("^[A-Z]+$", I, "software", 1),
	M("^\xc3\xa9t\xc3\xa9$", I, "\xc3\x89T\xc3\x89", 1),
	M("^\xc3\x80$", I, "\xc3\xa0", 1),
	M("^\xc3\x97$", I, "\xc3\xb7", 0),	/* U+00D7 does not fold */
	M("^\xc3\xbf$", I, "\xc5\xb8", 0),	/* U+00FF is outside the fold */
	M("^[\xc3\x80-\xc3\x9e]+$", I, "\xc3\xa9\xc3\xa0", 1),
	M("^\\w+$", I, "\xc3\xa9", 0),
	/* linear-time behaviour on classic backtracking traps */
	{ "(a*)*b", 0, "@A20000", NULL, 0, 0 },
	{ "(a|aa)*c", 0, "@A20000", NULL, 0, 0 },
	{ "(a*)*b", 0, "@A20000b", NULL, 0, 1 },
	{ "^(a|aa)*c$", 0, "@A20000c", NULL, 0, 1 },
	{ "(a?){30}a{30}", 0, "@A20000", NULL, 0, 1 },
	{ "^(a?){30}a{30}$", 0, "@A20000", NULL, 0, 0 },
};

struct ecase {
	const char	*pat;
	size_t		 pos;
	const char	*msg;
};

static const struct ecase ecases[] = {
	{ "a)", 1, "unmatched ')'" },
	{ "(a", 0, "unmatched '('" },
	{ "x(a(b)", 1, "unmatched '('" },
	{ "*a", 0, "nothing to repeat" },
	{ "a|*b", 2, "nothing to repeat" },
	{ "(+a)", 1, "nothing to repeat" },
	{ "^*", 1, "nothing to repeat" },
	{ "a$?", 2, "nothing to repeat" },
	{ "{2}", 0, "nothing to repeat" },
	{ "[abc", 0, "unterminated character class" },
	{ "x[]", 1, "unterminated character class" },
	{ "a{2,1}", 1, "min repeat greater than max repeat" },
	{ "a{1001}", 1, "repetition count too large" },
	{ "a{1,99999999999999999999}", 1, "repetition count too large" },
	{ "\\q", 0, "unknown escape" },
	{ "ab\\b", 2, "unknown escape" },
	{ "\\x1", 0, "\\x needs two hex digits" },
	{ "\\x1g", 0, "\\x needs two hex digits" },
	{ "a\\u00e", 1, "\\u needs four hex digits" },
	{ "abc\\", 3, "trailing backslash" },
	{ "[z-a]", 1, "invalid range" },
	{ "[a-\\d]", 1, "invalid range" },
	{ "[\\q]", 1, "unknown escape" },
	{ "x{1000}{1000}", 7, "pattern too large once repeats are expanded (limit 10000)" },
	{ "(x{1000}){11}", 9, "pattern too large once repeats are expanded (limit 10000)" },
	{ "((a{1000}){1000}){1000}", 10, "pattern too large once repeats are expanded (limit 10000)" },
};

/* Widens UTF-8 to UTF-16; "@A<n>" followed by text means n 'a's then text. */
static size_t
widen(const char *s, uint16_t *out, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	uint32_t c;
	char *end;
	unsigned long reps;

	if (s[0] == '@' && s[1] == 'A') {
		reps = strtoul(s + 2, &end, 10);
		while (reps-- > 0 && n < max)
			out[n++] = 'a';
		u = (const unsigned char *)end;
	}
	while (*u != '\0' && n + 2 <= max) {
		if (*u < 0x80)
			c = *u++;
		else if (*u < 0xE0) {
			c = (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
			u += 2;
		} else if (*u < 0xF0) {
			c = (uint32_t)(u[0] & 0x0F) << 12 |
			    (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
			u += 3;
		} else {
			c = (uint32_t)(u[0] & 0x07) << 18 |
			    (uint32_t)(u[1] & 0x3F) << 12 |
			    (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
			u += 4;
		}
		if (c >= 0x10000) {
			c -= 0x10000;
			out[n++] = (uint16_t)(0xD800 | (c >> 10));
			out[n++] = (uint16_t)(0xDC00 | (c & 0x3FF));
		} else
			out[n++] = (uint16_t)c;
	}
	return n;
}

static uint16_t pbuf[MAXU], sbuf[32768];

/*
 * The DFA (regex_dfa.c) against the VM: on the case itself, then on
 * subjects made at random of the pattern's own units, their other case,
 * NUL, a surrogate and units above U+00FF, so that every class and
 * state is crossed.  A pattern the DFA declines is counted.
 */
static size_t dfa_built, dfa_declined;
static uint32_t seed = 12345;

static uint32_t
rnd(void)
{
	seed = seed * 1103515245u + 12345u;
	return seed >> 8;
}

static void
check_dfa(const struct sf_regex *re, const char *pat, const uint16_t *s,
    size_t n, int want)
{
	static const uint16_t extra[] = { 'a', 'A', 'z', 0xC9, 0xE9, 0xD7,
	    0xF7, 0xFF, 0x100, 0x17F, 0x410, 0x430, 0xD800, 0xDC00, 0xFFFF,
	    0, '\\', ':', '.', '_', '0', '9', ' ', '\n' };
	uint16_t	 alpha[160], subj[24];
	size_t		 na = 0, i, k, len, bad = 0;
	struct re_dfa	*d;

	if ((d = re_dfa_build(re)) == NULL) {
		dfa_declined++;
		return;
	}
	dfa_built++;
	if (n > 0)
		CHECK_INT(re_dfa_search(d, s, n), want, pat);
	for (i = 0; i < n && na < 100; i++)
		alpha[na++] = s[i];
	for (i = 0; pat[i] != '\0' && na < 130; i++)
		alpha[na++] = (unsigned char)pat[i];
	for (i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		alpha[na++] = extra[i];
	for (k = 0; k < 300; k++) {
		len = 1 + rnd() % 20;
		for (i = 0; i < len; i++)
			subj[i] = alpha[rnd() % na];
		if (re_dfa_search(d, subj, len) != re_run_vm(re, subj, len))
			bad++;
	}
	CHECK(bad == 0, "/%s/: the DFA and the VM agree on 300 random "
	    "subjects (%zu differ)", pat, bad);
	re_dfa_free(d);
}

/* A pattern gets its DFA from its 32nd search, and answers the same. */
static void
test_lazy_dfa(void)
{
	struct sf_regex *re;
	char err[64];
	size_t plen, slen, i;
	int same = 1;

	plen = widen("^[^:]+:.+$", pbuf, MAXU);
	if (sf_regex_compile(pbuf, plen, 0, &re, err, sizeof(err), NULL) !=
	    0)
		abort();
	for (i = 0; i < 40; i++) {
		slen = widen(i % 2 ? "host:queue" : "hostqueue", sbuf, 64);
		if (i == 30)
			CHECK(atomic_load(&re->dfa) == NULL,
			    "no DFA after 30 searches");
		same &= sf_regex_search(re, sbuf, slen) == (int)(i % 2);
	}
	CHECK(atomic_load(&re->dfa) != NULL &&
	    atomic_load(&re->dfa) != &re_no_dfa, "a DFA after 40 searches");
	CHECK(same, "the 40 searches answer right, before and after it");
	sf_regex_free(re);
}

static void
run_match(const struct mcase *m)
{
	struct sf_regex *re;
	char err[64];
	size_t plen, slen, epos;
	const uint16_t *s = m->units;
	int rc;

	plen = widen(m->pat, pbuf, MAXU);
	rc = sf_regex_compile(pbuf, plen, m->flags, &re, err, sizeof(err),
	    &epos);
	CHECK(rc == 0, "compile /%s/ (%s at %zu)", m->pat, rc ? err : "ok",
	    rc ? epos : 0);
	if (rc != 0)
		return;
	slen = m->nunits;
	if (s == NULL) {
		slen = widen(m->subj, sbuf, sizeof(sbuf) / sizeof(sbuf[0]));
		s = sbuf;
	}
	CHECK_INT(sf_regex_search(re, s, slen), m->want, m->pat);
	check_dfa(re, m->pat, s, slen, m->want);
	sf_regex_free(re);
}

static void
check_error(const uint16_t *pat, size_t plen, size_t wantpos,
    const char *wantmsg, const char *what)
{
	struct sf_regex *re = (struct sf_regex *)&re;
	char err[64];
	size_t epos = 12345;
	int rc;

	rc = sf_regex_compile(pat, plen, 0, &re, err, sizeof(err), &epos);
	CHECK_INT(rc, -1, what);
	CHECK(re == NULL, "%s: *out is NULL", what);
	if (rc == 0)
		sf_regex_free(re);
	CHECK_INT(epos, wantpos, what);
	CHECK_STR(err, wantmsg, what);
}

static void
test_errors(void)
{
	size_t i, n;

	for (i = 0; i < sizeof(ecases) / sizeof(ecases[0]); i++) {
		n = widen(ecases[i].pat, pbuf, MAXU);
		check_error(pbuf, n, ecases[i].pos, ecases[i].msg,
		    ecases[i].pat);
	}
}

/* Limits that need generated patterns. */
static void
test_limits(void)
{
	struct sf_regex *re;
	size_t i;
	int rc;

	for (i = 0; i < 5000; i++)
		pbuf[i] = 'a';
	check_error(pbuf, 5000, 4096, "pattern longer than 4096 units",
	    "5000 units");
	rc = sf_regex_compile(pbuf, 4096, 0, &re, NULL, 0, NULL);
	CHECK_INT(rc, 0, "4096 units compile");
	CHECK_INT(sf_regex_search(re, pbuf, 4096), 1, "4096 units match");
	CHECK_INT(sf_regex_search(re, pbuf, 4095), 0, "4095 units no match");
	sf_regex_free(re);

	for (i = 0; i < 200; i++) {
		pbuf[i] = '(';
		pbuf[201 + i] = ')';
	}
	pbuf[200] = 'a';
	check_error(pbuf, 401, 100, "groups nested deeper than 100 levels",
	    "200 deep");

	for (i = 0; i < 100; i++) {
		pbuf[i] = '(';
		pbuf[101 + i] = ')';
	}
	pbuf[100] = 'a';
	rc = sf_regex_compile(pbuf, 201, 0, &re, NULL, 0, NULL);
	CHECK_INT(rc, 0, "100 deep compiles");
	CHECK_INT(sf_regex_search(re, (const uint16_t[]){ 'a' }, 1), 1,
	    "100 deep matches");
	sf_regex_free(re);

	/* Thousands of bare "*" on one atom must not blow the C stack. */
	pbuf[0] = 'a';
	for (i = 1; i < 4096; i++)
		pbuf[i] = '*';
	rc = sf_regex_compile(pbuf, 4096, 0, &re, NULL, 0, NULL);
	CHECK_INT(rc, 0, "a**** compiles");
	CHECK_INT(sf_regex_search(re, pbuf, 4096), 1, "a**** matches");
	sf_regex_free(re);
}

/* Patterns holding raw NUL and surrogate units, not written as escapes. */
static void
test_raw_units(void)
{
	static const uint16_t pat[] = { '^', 'a', 0x0000, 0xD800, '$' };
	static const uint16_t yes[] = { 'a', 0x0000, 0xD800 };
	static const uint16_t no[] = { 'a', 0x0000, 0xD801 };
	struct sf_regex *re;
	int rc;

	rc = sf_regex_compile(pat, 5, 0, &re, NULL, 0, NULL);
	CHECK_INT(rc, 0, "raw units compile");
	CHECK_INT(sf_regex_search(re, yes, 3), 1, "raw units match");
	CHECK_INT(sf_regex_search(re, no, 3), 0, "raw units differ");
	CHECK_INT(sf_regex_search(re, yes, 2), 0, "raw units short");
	sf_regex_free(re);
	sf_regex_free(NULL);
}

static void
test_errbuf(void)
{
	static const uint16_t pat[] = { 'a', ')' };
	struct sf_regex *re;
	char err[5];
	size_t epos;

	memset(err, 'x', sizeof(err));
	CHECK_INT(sf_regex_compile(pat, 2, 0, &re, err, sizeof(err), &epos),
	    -1, "short errbuf rc");
	CHECK_STR(err, "unma", "short errbuf truncated");
	CHECK_INT(sf_regex_compile(pat, 2, 0, &re, NULL, 0, NULL), -1,
	    "no errbuf rc");
	CHECK_INT(sf_regex_compile(pat, 1, 0, &re, err, sizeof(err), &epos),
	    0, "good pattern rc");
	CHECK_STR(err, "", "errbuf cleared on success");
	sf_regex_free(re);
	CHECK_INT(sf_regex_compile(NULL, 0, 0, &re, NULL, 0, NULL), 0,
	    "empty pattern rc");
	CHECK_INT(sf_regex_search(re, NULL, 0), 1, "empty matches empty");
	sf_regex_free(re);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(mcases) / sizeof(mcases[0]); i++)
		run_match(&mcases[i]);
	test_errors();
	test_limits();
	test_raw_units();
	test_errbuf();
	test_lazy_dfa();
	CHECK(dfa_built > 9 * (dfa_built + dfa_declined) / 10, "the DFA is "
	    "built for most patterns: %zu of %zu", dfa_built,
	    dfa_built + dfa_declined);
	T_DONE();
}
