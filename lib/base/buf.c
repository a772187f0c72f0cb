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
 * Growable byte and UTF-16 buffers.  Allocation failure is sticky
 * (the 'oom' flag), so builders can append freely and check once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

void
sf_buf_init(sf_buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
sf_buf_free(sf_buf *b)
{
	free(b->p);
	sf_buf_init(b);
}

void
sf_buf_reset(sf_buf *b)
{
	b->len = 0;
	if (b->p != NULL)
		b->p[0] = '\0';
}

static int
buf_grow(sf_buf *b, size_t more)
{
	size_t	 need, cap;
	char	*p;

	if (b->oom)
		return -1;
	if (more > SIZE_MAX - b->len - 1) {
		b->oom = 1;
		return -1;
	}
	need = b->len + more + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

int
sf_buf_add(sf_buf *b, const void *data, size_t n)
{
	if (buf_grow(b, n) == -1)
		return -1;
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

char *
sf_buf_room(sf_buf *b, size_t n)
{
	return buf_grow(b, n) == -1 ? NULL : b->p + b->len;
}

void
sf_buf_commit(sf_buf *b, size_t k)
{
	b->len += k;
	b->p[b->len] = '\0';
}

int
sf_buf_adds(sf_buf *b, const char *s)
{
	return sf_buf_add(b, s, strlen(s));
}

int
sf_buf_addc(sf_buf *b, char c)
{
	return sf_buf_add(b, &c, 1);
}

int
sf_buf_vprintf(sf_buf *b, const char *fmt, va_list ap)
{
	va_list	 cp;
	int	 n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0 || buf_grow(b, (size_t)n) == -1) {
		b->oom = 1;
		return -1;
	}
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int
sf_buf_printf(sf_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 rc;

	va_start(ap, fmt);
	rc = sf_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *
sf_buf_take(sf_buf *b)
{
	char *p;

	if (b->oom || buf_grow(b, 0) == -1) {
		sf_buf_free(b);
		return NULL;
	}
	b->p[b->len] = '\0';	/* a buffer never written to is "" too */
	p = b->p;
	sf_buf_init(b);
	return p;
}

sf_text *
sf_text_new(void)
{
	return calloc(1, sizeof(sf_text));
}

void
sf_text_free(sf_text *t)
{
	if (t == NULL)
		return;
	sf_buf_free(&t->b);
	free(t);
}

sf_buf *
sf_text_start(sf_text *t)
{
	sf_buf_reset(&t->b);
	t->b.oom = 0;	/* what it holds is still a whole buffer */
	return &t->b;
}

const char *
sf_text_result(sf_text *t)
{
	/* Adding nothing gives a buffer never written to its "". */
	if (t->b.oom || sf_buf_add(&t->b, "", 0) == -1)
		return NULL;
	return t->b.p;
}

void
sf_u16buf_init(sf_u16buf *b)
{
	memset(b, 0, sizeof(*b));
}

void
sf_u16buf_free(sf_u16buf *b)
{
	free(b->u);
	sf_u16buf_init(b);
}

int
sf_u16buf_add(sf_u16buf *b, const uint16_t *u, size_t n)
{
	size_t	 cap;
	uint16_t *p;

	if (b->oom)
		return -1;
	if (n > SIZE_MAX / 4 - b->len) {
		b->oom = 1;
		return -1;
	}
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 32;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = sf_reallocarray(b->u, cap, sizeof(*p))) == NULL) {
			b->oom = 1;
			return -1;
		}
		b->u = p;
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->u + b->len, u, n * sizeof(*u));
	b->len += n;
	b->u[b->len] = 0;
	return 0;
}

int
sf_u16buf_addc(sf_u16buf *b, uint16_t c)
{
	return sf_u16buf_add(b, &c, 1);
}

