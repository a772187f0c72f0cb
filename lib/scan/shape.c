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
 * What "has" sees in a name (the classes of its units) and what "data
 * is" sees in a value's data (its type and shapes), for the evaluation
 * of conditions (eval.c) and for the prefilters that learn them once per
 * object (prefilter.c): one definition for both, so that a prefilter
 * decides exactly as the test it stands for.
 */
#include <stdint.h>
#include <string.h>

#include "scan/scan.h"

/* The i-th UTF-16 unit of a value's data. */
static uint16_t
unit_at(const sf_value *v, size_t i)
{
	return sf_le16(v->data + 2 * i);
}

/*
 * The classes unit i of u is in, when it is not SF_PLAIN_UNIT (no class
 * of "has": it decides most units).
 */
static unsigned
unit_classes(const uint16_t *u, size_t n, size_t i)
{
	uint16_t c = u[i];
	unsigned cc = 0;
	int	 lone;

	lone = (c >= 0xD800 && c <= 0xDBFF) ? !(i + 1 < n &&
	    u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) :
	    (c >= 0xDC00 && c <= 0xDFFF) ? !(i > 0 &&
	    u[i - 1] >= 0xD800 && u[i - 1] <= 0xDBFF) : 0;
	if (c == 0)
		cc |= CC_NUL;
	if ((c >= 1 && c < 0x20) || (c >= 0x7F && c < 0xA0))
		cc |= CC_CONTROL;
	if (c == ',')
		cc |= CC_COMMA;
	if (c == '\\')
		cc |= CC_BACKSLASH;
	if (c == '/')
		cc |= CC_SLASH;
	if (c == ':')
		cc |= CC_COLON;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || lone ||
	    (c != '\\' && sf_u32_deceptive(c)))
		cc |= CC_NONPRINT;
	return cc;
}

int
shape_has_classes(const uint16_t *u, size_t n, unsigned cc)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!SF_PLAIN_UNIT(u[i]) && (unit_classes(u, n, i) & cc))
			return 1;
	return 0;
}

unsigned
shape_classes(const uint16_t *u, size_t n)
{
	unsigned cc = 0;
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!SF_PLAIN_UNIT(u[i]))
			cc |= unit_classes(u, n, i);
	return cc;
}

/*
 * Where a search of the first n units of a value's data for a NUL (top
 * 0) or a surrogate (top 0xD800) may start: four units at a time are
 * passed over while none of them is one, as most text has none.  A
 * surrogate pair never starts in what is passed over, so a search for
 * unpaired ones may start there.  On other hosts, at 0.
 */
static size_t
skip_units(const sf_value *v, size_t n, uint16_t top)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t	 ones = 0x0001000100010001ULL;
	const uint64_t	 highs = 0x8000800080008000ULL;
	uint64_t	 w;
	size_t		 i;

	for (i = 0; i + 4 <= n; i += 4) {
		memcpy(&w, v->data + 2 * i, sizeof(w));
		if (top != 0)	/* a surrogate's lane becomes 0 */
			w = (w & 0xF800F800F800F800ULL) ^ (top * ones);
		if (((w - ones) & ~w & highs) != 0)
			break;	/* some unit here may be one */
	}
	return i;
#else
	(void)v;
	(void)n;
	(void)top;
	return 0;
#endif
}

/*
 * Shape tests on raw value data (see spoolfix.rules(5)).  Read in place:
 * every "data is" test of every rule on every string value comes here,
 * over a million times on a bloated hive, so it copies nothing, and it
 * reads the data only for the properties in 'want' that need a pass
 * over it (embedded-nul, invalid-utf16, empty, malformed): a type test
 * ("data is sz") or an end test ("unterminated", "bad-size") costs the
 * same for a string of any length.  Bits not in 'want' may be missing.
 */
uint32_t
shape_of_value(const sf_value *v, uint32_t want)
{
	uint32_t f = 0;
	size_t	 n = v->size / 2, i, last;
	uint16_t c;

	if (v->size == 0)
		f |= IS_EMPTY;
	if (v->type == SF_REG_DWORD || v->type == SF_REG_DWORD_BIG_ENDIAN)
		return f | (v->size != 4 ? IS_BADSIZE | IS_MALFORMED : 0);
	if (v->type == SF_REG_QWORD)
		return f | (v->size != 8 ? IS_BADSIZE | IS_MALFORMED : 0);
	if (!sf_value_is_string(v->type) && v->type != SF_REG_MULTI_SZ)
		return f;
	if (want & IS_MALFORMED)
		want |= IS_ODD | IS_UNTERM | IS_EMBNUL | IS_BADUTF16;
	if (v->size % 2)
		f |= IS_ODD;
	if (v->type == SF_REG_MULTI_SZ) {
		if (n > 0 && !(unit_at(v, n - 1) == 0 && (n == 1 ||
		    unit_at(v, n - 2) == 0)))
			f |= IS_UNTERM;
	} else {
		if (n > 0 && unit_at(v, n - 1) != 0)
			f |= IS_UNTERM;
		if (want & (IS_EMBNUL | IS_EMPTY)) {
			for (last = n; last > 0 && unit_at(v, last - 1) == 0;
			    last--)
				;
			for (i = skip_units(v, last, 0); i < last; i++)
				if (unit_at(v, i) == 0) {
					f |= IS_EMBNUL;
					break;
				}
			if (last == 0)
				f |= IS_EMPTY;
		}
	}
	/* As sf_u16_valid: every surrogate in a high-low pair. */
	for (i = (want & IS_BADUTF16) ? skip_units(v, n, 0xD800) : n; i < n;
	    i++) {
		c = unit_at(v, i);
		if (c >= 0xD800 && c <= 0xDBFF) {
			if (i + 1 >= n || unit_at(v, i + 1) < 0xDC00 ||
			    unit_at(v, i + 1) > 0xDFFF) {
				f |= IS_BADUTF16;
				break;
			}
			i++;
		} else if (c >= 0xDC00 && c <= 0xDFFF) {
			f |= IS_BADUTF16;
			break;
		}
	}
	if (f & (IS_ODD | IS_UNTERM | IS_EMBNUL | IS_BADUTF16))
		f |= IS_MALFORMED;
	return f;
}

uint32_t
shape_value_facts(const sf_value *v)
{
	return (v->type < 16 ? 1u << v->type : 0) | shape_of_value(v,
	    IS_MALFORMED | IS_ODD | IS_UNTERM | IS_EMBNUL | IS_BADUTF16 |
	    IS_BADSIZE);
}
