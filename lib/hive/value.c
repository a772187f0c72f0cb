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
 * REG_EXPAND_SZ, REG_LINK), for the machine view (ComputerName, the
 * environment), rule evaluation, named sets and messages.
 */
#include <stdlib.h>

#include "hive/hive.h"

int
sf_value_is_string(uint32_t t)
{
	return t == SF_REG_SZ || t == SF_REG_EXPAND_SZ || t == SF_REG_LINK;
}

uint16_t *
sf_value_string(const sf_value *v, size_t *len)
{
	uint16_t *u;
	size_t	  n, i;

	if (!sf_value_is_string(v->type))
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

char *
sf_value_display(const sf_value *v)
{
	uint16_t	*u;
	size_t		 n;
	char		*s;

	if ((u = sf_value_string(v, &n)) == NULL)
		return NULL;
	s = sf_u16_to_display(u, n);
	free(u);
	return s;
}
