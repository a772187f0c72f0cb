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
 * UTF-16 helpers: conversion from UTF-8, the case folding used to
 * compare registry names, and the escaping that keeps hostile names
 * (controls, escape sequences, invisible and bidirectional characters,
 * NULs, unpaired surrogates) from reaching a terminal, JSON or CSV raw.
 *
 * Registry name comparison is case-insensitive in Windows through its
 * own upcase table.  We fold ASCII, Latin-1, Latin Extended-A, Greek
 * and Cyrillic, which covers the names print keys hold; anything else
 * compares exactly.
 */
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

static int
is_high(uint16_t c)
{
	return c >= 0xD800 && c <= 0xDBFF;
}

static int
is_low(uint16_t c)
{
	return c >= 0xDC00 && c <= 0xDFFF;
}

/* Decodes one UTF-8 sequence; invalid input yields U+FFFD. */
static uint32_t
utf8_next(const unsigned char *s, size_t n, size_t *used)
{
	uint32_t c;
	size_t	 len, i;

	if (s[0] < 0x80) {
		*used = 1;
		return s[0];
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		*used = 1;
		return 0xFFFD;
	}
	if (len > n) {
		*used = 1;
		return 0xFFFD;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*used = 1;
			return 0xFFFD;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*used = len;
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	return c;
}

size_t
sf_utf8_to_u16(const char *src, size_t n, uint16_t *out, size_t outcap)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t	 i = 0, o = 0, used;
	uint32_t c;

	while (i < n) {
		c = utf8_next(s + i, n - i, &used);
		i += used;
		if (c >= 0x10000) {
			if (o + 2 > outcap)
				break;
			c -= 0x10000;
			out[o++] = (uint16_t)(0xD800 | (c >> 10));
			out[o++] = (uint16_t)(0xDC00 | (c & 0x3FF));
		} else {
			if (o + 1 > outcap)
				break;
			out[o++] = (uint16_t)c;
		}
	}
	return o;
}

uint16_t *
sf_u16_from_utf8(const char *s, size_t *lenp)
{
	size_t	  n = strlen(s), len;
	uint16_t *u;

	if ((u = sf_reallocarray(NULL, n + 1, sizeof(*u))) == NULL)
		return NULL;
	len = sf_utf8_to_u16(s, n, u, n + 1);
	u[len] = 0;
	if (lenp != NULL)
		*lenp = len;
	return u;
}

uint16_t
sf_u16_upper(uint16_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? (uint16_t)(c - 32) : c;
	if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
		return (uint16_t)(c - 32);
	if (c == 0xFF)
		return 0x178;
	if (c >= 0x100 && c <= 0x17F) {
		/* Latin Extended-A pairs: odd is lower, except this run. */
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return (c & 1) ? c : (uint16_t)(c - 1);
		if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
			return c;
		return (c & 1) ? (uint16_t)(c - 1) : c;
	}
	if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2)
		return (uint16_t)(c - 32);
	if (c >= 0x430 && c <= 0x44F)
		return (uint16_t)(c - 32);
	if (c >= 0x450 && c <= 0x45F)
		return (uint16_t)(c - 80);
	return c;
}

uint16_t
sf_u16_lower(uint16_t c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? (uint16_t)(c + 32) : c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return (uint16_t)(c + 32);
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x100 && c <= 0x17F) {
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return (c & 1) ? (uint16_t)(c + 1) : c;
		if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 ||
		    c == 0x17F)
			return c;
		return (c & 1) ? c : (uint16_t)(c + 1);
	}
	if (c >= 0x391 && c <= 0x3AB && c != 0x3A2)
		return (uint16_t)(c + 32);
	if (c >= 0x410 && c <= 0x42F)
		return (uint16_t)(c + 32);
	if (c >= 0x400 && c <= 0x40F)
		return (uint16_t)(c + 80);
	return c;
}

int
sf_u16_plain(const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!SF_PLAIN_UNIT(u[i]))
			return 0;
	return 1;
}

int
sf_ascii_widen(const char *s, size_t n, uint16_t *out, size_t cap)
{
	size_t i;

	if (n > cap)
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return 0;
		out[i] = (unsigned char)s[i];
	}
	return 1;
}

int
sf_u16_casecmp(const uint16_t *a, size_t an, const uint16_t *b, size_t bn)
{
	size_t	 i = 0, m = an < bn ? an : bn;
	uint64_t wa, wb;
	uint16_t x, y;

	/*
	 * Equal units four at a time: names compared are mostly equal
	 * ("Server Name" looked up among a port's values), and an equal
	 * unit needs no folding.
	 */
	for (; i + 4 <= m; i += 4) {
		memcpy(&wa, a + i, sizeof(wa));
		memcpy(&wb, b + i, sizeof(wb));
		if (wa != wb)
			break;
	}
	for (; i < an && i < bn; i++) {
		if (a[i] == b[i])
			continue;	/* the common case, no folding */
		x = a[i];
		y = b[i];
		/* ASCII is folded here; the rest by sf_u16_upper. */
		if (x < 0x80 && y < 0x80) {
			if (x >= 'a' && x <= 'z')
				x = (uint16_t)(x - 32);
			if (y >= 'a' && y <= 'z')
				y = (uint16_t)(y - 32);
		} else {
			x = sf_u16_upper(x);
			y = sf_u16_upper(y);
		}
		if (x != y)
			return x < y ? -1 : 1;
	}
	return an == bn ? 0 : (an < bn ? -1 : 1);
}

int
sf_u16_caseeq_ascii(const uint16_t *a, size_t an, const char *s)
{
	size_t i, n = strlen(s);

	if (an != n)
		return 0;
	for (i = 0; i < n; i++)
		if (sf_u16_upper(a[i]) !=
		    sf_u16_upper((uint16_t)(unsigned char)s[i]))
			return 0;
	return 1;
}

int
sf_ascii_caseeq(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (sf_u16_upper((unsigned char)*a) !=
		    sf_u16_upper((unsigned char)*b))
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

/* A unit folded as sf_u16_upper folds it, ASCII here. */
static uint16_t
fold_unit(uint16_t c)
{
	if (c >= 'a' && c <= 'z')
		return (uint16_t)(c - 32);
	return c >= 0x80 ? sf_u16_upper(c) : c;
}

/*
 * Units i to i + 3 folded, the first in the low 16 bits.  Four ASCII
 * units are folded at once: in a lane below 0x80, bit 7 of x + 0x1F is
 * x >= 'a' and bit 7 of x + 0x05 is x > 'z', and nothing carries out of
 * a lane; the lanes of lower-case letters then lose 0x20.
 */
static uint64_t
fold_block(const uint16_t *u)
{
	uint64_t	 w;
	size_t		 j;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t	 ones = 0x0001000100010001ULL;

	memcpy(&w, u, sizeof(w));
	if ((w & 0xFF80FF80FF80FF80ULL) == 0)
		return w - (((w + 0x1F * ones) & ~(w + 0x05 * ones) &
		    0x80 * ones) >> 2);
#endif
	for (w = 0, j = 0; j < 4; j++)
		w |= (uint64_t)fold_unit(u[j]) << (16 * j);
	return w;
}

/*
 * Equal names as sf_u16_caseeq finds them hash equal: the folded units,
 * four to a block, each block mixed in with one multiplication (names
 * are hashed for every key and set member; two multiplications a unit
 * were a sixth of building a set).  Only tables in memory use it.
 */
uint64_t
sf_u16_casehash(const uint16_t *u, size_t n)
{
	const uint64_t	 k = 0x9E3779B97F4A7C15ULL;
	uint64_t	 h = (uint64_t)n * k, w;
	size_t		 i, j;

	for (i = 0; i + 4 <= n; i += 4) {
		h = (h ^ fold_block(u + i)) * k;
		h ^= h >> 32;
	}
	if (i < n) {
		for (w = 0, j = 0; i + j < n; j++)
			w |= (uint64_t)fold_unit(u[i + j]) << (16 * j);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	return h ^ h >> 29;
}

int
sf_hex_digit(uint16_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Whether a name holds a NUL unit: Win32 cannot address it.  Four
 * units at a time (the scan's prefilter asks it of nearly every value
 * name): a lane of w is 0 exactly when its high bit survives
 * (w - ones) & ~w.
 */
int
sf_u16_has_nul(const uint16_t *u, size_t n)
{
	const uint64_t	 ones = 0x0001000100010001ULL;
	const uint64_t	 highs = 0x8000800080008000ULL;
	uint64_t	 w;
	size_t		 i;

	for (i = 0; i + 4 <= n; i += 4) {
		memcpy(&w, u + i, sizeof(w));
		if (((w - ones) & ~w & highs) != 0)
			return 1;
	}
	for (; i < n; i++)
		if (u[i] == 0)
			return 1;
	return 0;
}

int
sf_u16_valid(const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (is_high(u[i])) {
			if (i + 1 >= n || !is_low(u[i + 1]))
				return 0;
			i++;
		} else if (is_low(u[i]))
			return 0;
	}
	return 1;
}

/*
 * Characters that print as nothing, reorder text, or look like a plain
 * space: shown escaped so that two different names never look alike.
 */
int
sf_u32_deceptive(uint32_t c)
{
	if (c < 0xA0)
		return 0;	/* the common case, decided at once */
	return c == 0xA0 || c == 0xAD || c == 0x34F || c == 0x61C ||
	    c == 0x115F || c == 0x1160 || c == 0x1680 || c == 0x180E ||
	    (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
	    (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 ||
	    (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
	    (c >= 0xFFF0 && c <= 0xFFFB) || c == 0xFFFE || c == 0xFFFF ||
	    (c >= 0xE0000 && c <= 0xE0FFF) || (c >= 0xE000 && c <= 0xF8FF) ||
	    c >= 0xF0000;
}

static int
put_utf8(sf_buf *b, uint32_t c)
{
	char	 s[4];
	size_t	 n;

	if (c < 0x80) {
		s[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		s[0] = (char)(0xC0 | (c >> 6));
		s[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		s[0] = (char)(0xE0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (c >> 18));
		s[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		s[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	return sf_buf_add(b, s, n);
}

/* JSON: ASCII-only output; every other unit is an exact \u escape. */
static int
escape_json_unit(sf_buf *b, uint16_t c)
{
	switch (c) {
	case '"':	return sf_buf_adds(b, "\\\"");
	case '\\':	return sf_buf_adds(b, "\\\\");
	case '\n':	return sf_buf_adds(b, "\\n");
	case '\r':	return sf_buf_adds(b, "\\r");
	case '\t':	return sf_buf_adds(b, "\\t");
	default:
		break;
	}
	if (c >= 0x20 && c < 0x7F)
		return sf_buf_addc(b, (char)c);
	return sf_buf_printf(b, "\\u%04x", c);
}

static int
escape_text_char(sf_buf *b, uint32_t c, int in_path)
{
	if (c == 0)
		return sf_buf_adds(b, "\\0");
	if (c == '\\' && in_path)
		return sf_buf_adds(b, "\\\\");
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return sf_buf_printf(b, "\\x%02x", (unsigned)c);
	if (sf_u32_deceptive(c))
		return c >= 0x10000 ? sf_buf_printf(b, "\\U%08x", (unsigned)c)
		    : sf_buf_printf(b, "\\u%04x", (unsigned)c);
	return put_utf8(b, c);
}

/*
 * Words of 8 bytes or 4 units tested at once for what every style
 * writes as it is (below): each test leaves bit 7 of a byte, or bit 15
 * of a unit, set where it holds, and its lowest such bit is always
 * true (a borrow only reaches higher places), so the lowest bit of all
 * tests is the first place that is not plain.  Little-endian hosts with
 * GCC or Clang; elsewhere a character at a time.
 */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    (defined(__GNUC__) || defined(__clang__))
#define SWAR_PLAIN	1
#define B1	0x0101010101010101ULL	/* one in each byte */
#define U1	0x0001000100010001ULL	/* one in each unit */

/* Bit 7 of each byte of w that is c. */
static uint64_t
byte_is(uint64_t w, unsigned c)
{
	uint64_t x = w ^ (B1 * c);

	return (x - B1) & ~x & B1 * 0x80;
}

/* Bit 15 of each unit of w that is c. */
static uint64_t
unit_is(uint64_t w, unsigned c)
{
	uint64_t x = w ^ (U1 * c);

	return (x - U1) & ~x & U1 * 0x8000;
}

/* Places of 8 bytes that are not printable ASCII or are " or \. */
static uint64_t
bytes_not_plain(uint64_t w, int quote, int bslash)
{
	uint64_t m = ((w - B1 * 0x20) & ~w) | w | byte_is(w, 0x7F);

	if (quote)
		m |= byte_is(w, '"');
	if (bslash)
		m |= byte_is(w, '\\');
	return m & B1 * 0x80;
}

/* The same of 4 units: below 0x20, from 0x7F on, or " or \. */
static uint64_t
units_not_plain(uint64_t w, int quote, int bslash)
{
	uint64_t hi = w & U1 * 0xFF80;	/* a unit from 0x80 on */
	uint64_t m = ((w - U1 * 0x20) & ~w) |
	    (((hi & U1 * 0x7FFF) + U1 * 0x7FFF) | hi) | unit_is(w, 0x7F);

	if (quote)
		m |= unit_is(w, '"');
	if (bslash)
		m |= unit_is(w, '\\');
	return m & U1 * 0x8000;
}
#endif

/* How many bytes of s (n long) are plain: printable, and no " or \. */
static size_t
plain_bytes(const char *s, size_t n, int quote, int bslash)
{
	size_t		 i = 0;
#ifdef SWAR_PLAIN
	uint64_t	 w, m;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, sizeof(w));
		if ((m = bytes_not_plain(w, quote, bslash)) != 0)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
#endif
	for (; i < n; i++)
		if (s[i] < 0x20 || s[i] >= 0x7F || (quote && s[i] == '"') ||
		    (bslash && s[i] == '\\'))
			break;
	return i;
}

/*
 * Appends the run of printable ASCII at u (up to n units) that every
 * style writes as it is: a backslash only outside paths in text, a
 * quote and a backslash never in JSON.  Narrowed straight into the
 * buffer, four units at once: names and messages are mostly such runs,
 * and a path is a dozen short ones.  Returns the units taken (all of
 * them when memory ran out: b says so).
 */
static size_t
plain_run(sf_buf *b, const uint16_t *u, size_t n, sf_escape_style st,
    int in_path)
{
	char	*o;
	size_t	 i = 0;
	int	 quote = st == SF_ESC_JSON;
	int	 bslash = in_path || st == SF_ESC_JSON;
#ifdef SWAR_PLAIN
	uint64_t w;
#endif

	/* Room for a run of all n units: a plain unit is one byte. */
	if ((o = sf_buf_room(b, n)) == NULL)
		return n;
#ifdef SWAR_PLAIN
	for (; i + 4 <= n; i += 4) {
		memcpy(&w, u + i, sizeof(w));
		if (units_not_plain(w, quote, bslash) != 0)
			break;
		o[i] = (char)w;
		o[i + 1] = (char)(w >> 16);
		o[i + 2] = (char)(w >> 32);
		o[i + 3] = (char)(w >> 48);
	}
#endif
	for (; i < n; i++) {
		if (u[i] < 0x20 || u[i] >= 0x7F || (bslash && u[i] == '\\') ||
		    (quote && u[i] == '"'))
			break;
		o[i] = (char)u[i];
	}
	sf_buf_commit(b, i);
	return i;
}

int
sf_escape_u16(sf_buf *b, const uint16_t *u, size_t n, sf_escape_style st,
    int in_path)
{
	size_t	 i;
	uint32_t c;

	for (i = 0; i < n; i++) {
		i += plain_run(b, u + i, n - i, st, in_path);
		if (i >= n)
			break;
		if (st == SF_ESC_JSON) {
			if (escape_json_unit(b, u[i]) == -1)
				return -1;
			continue;
		}
		c = u[i];
		if (is_high(u[i]) && i + 1 < n && is_low(u[i + 1])) {
			c = 0x10000 + (((uint32_t)u[i] - 0xD800) << 10) +
			    ((uint32_t)u[i + 1] - 0xDC00);
			i++;
		} else if (is_high(u[i]) || is_low(u[i])) {
			if (sf_buf_printf(b, "\\u%04x", u[i]) == -1)
				return -1;
			continue;
		}
		if (escape_text_char(b, c, in_path) == -1)
			return -1;
	}
	return b->oom ? -1 : 0;
}

char *
sf_escape_name(sf_name nm, sf_escape_style st)
{
	sf_buf b;

	sf_buf_init(&b);
	sf_escape_u16(&b, nm.u, nm.len, st, 1);
	return sf_buf_take(&b);
}

const char *
sf_escape_name_to(sf_text *t, sf_name nm, sf_escape_style st)
{
	sf_escape_u16(sf_text_start(t), nm.u, nm.len, st, 1);
	return sf_text_result(t);
}

/*
 * Appends UTF-8 text escaped.  Printable ASCII, which nearly every
 * message is, goes in as it is, a run at a time, but for the quotes
 * and backslashes JSON escapes (as escape_json_unit does): no round
 * trip through UTF-16.  A scan of a bloated server writes 10,000s of
 * messages.  The rest, from the first other byte on (the start of a
 * character: what precedes it is whole ASCII characters, and no style
 * escapes a character by what precedes it), goes through UTF-16.
 */
static int
escape_utf8(sf_buf *b, const char *s, sf_escape_style st)
{
	const char	*p, *run;
	uint16_t	*u;
	size_t		 n;
	int		 rc;

	n = strlen(s);
	for (p = run = s; ; ) {
		p += plain_bytes(p, n - (size_t)(p - s), st == SF_ESC_JSON,
		    st == SF_ESC_JSON);
		if (*p != '"' && *p != '\\')
			break;
		sf_buf_add(b, run, (size_t)(p - run));
		sf_buf_addc(b, '\\');
		run = p++;
	}
	sf_buf_add(b, run, (size_t)(p - run));
	if (*p == '\0')
		return b->oom ? -1 : 0;
	if ((u = sf_u16_from_utf8(p, &n)) == NULL) {
		b->oom = 1;
		return -1;
	}
	rc = sf_escape_u16(b, u, n, st, 0);
	free(u);
	return rc;
}

char *
sf_escape_utf8(const char *s, sf_escape_style st)
{
	sf_buf b;

	sf_buf_init(&b);
	escape_utf8(&b, s, st);
	return sf_buf_take(&b);
}

const char *
sf_escape_utf8_to(sf_text *t, const char *s, sf_escape_style st)
{
	escape_utf8(sf_text_start(t), s, st);
	return sf_text_result(t);
}

/*
 * Exact UTF-8 of a name, for APIs that take C strings (hivex): NULL when
 * it holds a NUL or an unpaired surrogate, which UTF-8 text cannot say.
 */
char *
sf_u16_to_utf8(const uint16_t *u, size_t n)
{
	sf_buf		 b;
	size_t		 i;
	uint32_t	 c;

	if (sf_u16_has_nul(u, n) || !sf_u16_valid(u, n))
		return NULL;
	sf_buf_init(&b);
	sf_buf_adds(&b, "");
	for (i = 0; i < n; i++) {
		c = u[i];
		if (is_high(u[i]))	/* valid, so a pair */
			c = 0x10000 + ((c - 0xD800) << 10) + (u[++i] - 0xDC00);
		put_utf8(&b, c);
	}
	return sf_buf_take(&b);
}

char *
sf_u16_to_display(const uint16_t *u, size_t n)
{
	sf_buf b;

	sf_buf_init(&b);
	sf_escape_u16(&b, u, n, SF_ESC_TEXT, 0);
	return sf_buf_take(&b);
}

/* Appends UTF-8 text as UTF-16 (here, not in buf.c: buffers sit below
 * the converters). */
int
sf_u16buf_add_utf8(sf_u16buf *b, const char *s, size_t n)
{
	uint16_t *u;
	size_t	  len;
	int	  rc;

	if ((u = sf_reallocarray(NULL, n + 1, sizeof(*u))) == NULL) {
		b->oom = 1;
		return -1;
	}
	len = sf_utf8_to_u16(s, n, u, n + 1);
	rc = sf_u16buf_add(b, u, len);
	free(u);
	return rc;
}
