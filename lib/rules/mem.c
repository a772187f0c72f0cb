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
 * Memory of compiled rules.  Every rule, set, parameter, expression,
 * pattern and string lives as long as the rule set, so all come from
 * the rule set's arena: a malloc and a free for each of them were a
 * third of compiling the shipped rules.  Only the compiled regular
 * expressions are the regex engine's own; the rule set keeps a list of
 * them to free.  What a parse discards after an error stays in the
 * arena until the rule set is freed, at most a constant times the text.
 */
#include <string.h>

#include "rules/rules.h"

#define BLOCK		((size_t)16 * 1024)
#define BLOCK_BIG	((size_t)1024)	/* larger objects get their own */

/* rules_calloc() when the block in use has no room for want bytes. */
void *
rules_calloc_block(struct sf_rules *r, size_t want)
{
	char *b;

	if (want > BLOCK_BIG) {
		if ((b = sf_arena_calloc(&r->arena, want, 1)) == NULL)
			r->oom = 1;
		return b;
	}
	if ((b = sf_arena_calloc(&r->arena, BLOCK, 1)) == NULL) {
		r->oom = 1;
		return NULL;
	}
	r->bump = b + want;
	r->bumpleft = BLOCK - want;
	return b;
}

char *
rules_strndup(struct sf_rules *r, const char *s, size_t n)
{
	char *p;

	if ((p = rules_calloc(r, n + 1, 1)) != NULL && n > 0)
		memcpy(p, s, n);
	return p;
}

/*
 * UTF-8 text of n bytes as UTF-16 with a NUL after it.  ASCII, nearly
 * all the text of rules, is widened here a byte at a time; anything
 * else goes to the decoder, from the start.
 */
uint16_t *
rules_u16(struct sf_rules *r, const char *s, size_t n, size_t *lenp)
{
	uint16_t *u;
	size_t	  len;

	if (n == SIZE_MAX || (u = rules_calloc(r, n + 1,
	    sizeof(*u))) == NULL)
		return NULL;
	for (len = 0; len < n && (unsigned char)s[len] < 0x80; len++)
		u[len] = (unsigned char)s[len];
	if (len < n)
		len = sf_utf8_to_u16(s, n, u, n + 1);
	u[len] = 0;
	if (lenp != NULL)
		*lenp = len;
	return u;
}

/*
 * Room for item n of an array of n items in the arena.  The capacity is
 * not stored: an array of n items has room for the next power of two,
 * so it moves when n is 0 or a power of two, and a list of any length
 * costs at most twice its size (growing by one item at a time would
 * cost the square).  Returns the array, moved or not; NULL when out of
 * memory, the old array unchanged.
 */
void *
rules_grow(struct sf_rules *r, void *arr, size_t n, size_t size)
{
	void *na;

	if (n != 0 && (n & (n - 1)) != 0)
		return arr;
	if (n > SIZE_MAX / 2) {
		r->oom = 1;
		return NULL;
	}
	if ((na = rules_calloc(r, n == 0 ? 1 : 2 * n, size)) == NULL)
		return NULL;
	if (n > 0)
		memcpy(na, arr, n * size);
	return na;
}

/* The rule set frees re with itself; -1 (and re freed) when out of memory. */
int
rules_keep_regex(struct sf_rules *r, struct sf_regex *re, const char *src,
    int icase)
{
	struct rules_regex *l;

	if ((l = rules_calloc(r, 1, sizeof(*l))) == NULL ||
	    (l->src = rules_strndup(r, src, strlen(src))) == NULL) {
		sf_regex_free(re);
		return -1;
	}
	l->re = re;
	l->icase = icase;
	l->next = r->regexes;
	r->regexes = l;
	return 0;
}

/*
 * Only the last REGEX_SHARE_SCAN patterns are looked at: a site's rule
 * file with thousands of patterns must not compile in quadratic time,
 * and a pattern not shared is only compiled twice.
 */
#define REGEX_SHARE_SCAN	64

struct sf_regex *
rules_find_regex(const struct sf_rules *r, const char *src, int icase)
{
	const struct rules_regex	*l;
	int				 n = 0;

	for (l = r->regexes; l != NULL && n < REGEX_SHARE_SCAN; l = l->next,
	    n++)
		if (l->icase == icase && strcmp(l->src, src) == 0)
			return l->re;
	return NULL;
}
