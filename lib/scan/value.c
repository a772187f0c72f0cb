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
 * Views of registry values: the one decoder of string data (REG_SZ,
 * REG_EXPAND_SZ, REG_LINK) for evaluation, named sets and messages.
 */
#include <stdlib.h>

#include "scan/scan.h"

int
value_is_string(uint32_t t)
{
	return t == 1 || t == 2 || t == 6;
}

uint16_t *
value_string(const sf_value *v, size_t *len)
{
	uint16_t *u;
	size_t	  n, i;

	if (!value_is_string(v->type))
		return NULL;
	n = v->size / 2;
	/* Trailing NULs are terminators, not content. */
	while (n > 0 && sf_le16(v->data + 2 * (n - 1)) == 0)
		n--;
	if ((u = sf_calloc(n + 1, sizeof(*u))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		u[i] = sf_le16(v->data + 2 * i);
	*len = n;
	return u;
}
