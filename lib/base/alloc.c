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
 * Allocation helpers.  Sizes derived from hive data are multiplied
 * here with overflow checks, so a hostile count becomes a clean
 * allocation failure instead of a short buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

void
sf_free(void *p)
{
	free(p);
}

void *
sf_calloc(size_t n, size_t size)
{
	if (n == 0 || size == 0)
		return calloc(1, 1);
	return calloc(n, size);
}

void *
sf_reallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	if (n == 0 || size == 0)
		return realloc(p, 1);
	return realloc(p, n * size);
}

char *
sf_strdup(const char *s)
{
	return sf_strndup(s, strlen(s));
}

char *
sf_strndup(const char *s, size_t n)
{
	char *d;

	if ((d = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

uint16_t *
sf_u16dup(const uint16_t *u, size_t n)
{
	uint16_t *d;

	if ((d = sf_reallocarray(NULL, n + 1, sizeof(*d))) == NULL)
		return NULL;
	if (n > 0)
		memcpy(d, u, n * sizeof(*d));
	d[n] = 0;
	return d;
}
