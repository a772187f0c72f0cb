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
 * Key paths: the logical address of a key, its UTF-16 names from the
 * hive's root down.  Plans, undo files, writers and verification find
 * keys by path, never by file offset, because a path means the same in
 * a hive file, in the live registry and in a .reg file.  Names are
 * exact (NULs, unpaired surrogates and all) and matched ignoring case
 * as Windows matches them.  A damaged hive may hold two subkeys whose
 * names match: a path through them is ambiguous, and sf_key_find says
 * so instead of picking one.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"

void
sf_keypath_free(sf_keypath *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->seg[i].u);
	free(p->seg);
	p->seg = NULL;
	p->n = 0;
}

int
sf_keypath_push(sf_keypath *p, const uint16_t *u, size_t len)
{
	owned_name *ns;

	if ((ns = sf_reallocarray(p->seg, p->n + 1, sizeof(*ns))) == NULL)
		return -1;
	p->seg = ns;
	if ((ns[p->n].u = sf_u16dup(u, len)) == NULL)
		return -1;
	ns[p->n++].len = len;
	return 0;
}

int
sf_keypath_copy(sf_keypath *dst, const sf_keypath *src, size_t n)
{
	size_t i;

	memset(dst, 0, sizeof(*dst));
	for (i = 0; i < n && i < src->n; i++)
		if (sf_keypath_push(dst, src->seg[i].u, src->seg[i].len) == -1) {
			sf_keypath_free(dst);
			return -1;
		}
	return 0;
}

int
sf_keypath_of(sf_keypath *p, const sf_key *k)
{
	const sf_key	*a;
	size_t		 depth = 0, i;

	memset(p, 0, sizeof(*p));
	for (a = k; a != NULL && a->parent != NULL; a = a->parent)
		depth++;
	if ((p->seg = sf_calloc(depth + 1, sizeof(*p->seg))) == NULL)
		return -1;
	for (a = k, i = depth; i > 0; a = a->parent, i--) {
		if ((p->seg[i - 1].u = sf_u16dup(a->name, a->name_len)) ==
		    NULL) {
			p->n = depth;
			sf_keypath_free(p);
			return -1;
		}
		p->seg[i - 1].len = a->name_len;
	}
	p->n = depth;
	return 0;
}

int
sf_keypath_cmp(const sf_keypath *a, const sf_keypath *b)
{
	size_t	 i, n = a->n < b->n ? a->n : b->n;
	int	 d;

	for (i = 0; i < n; i++)
		if ((d = sf_u16_casecmp(a->seg[i].u, a->seg[i].len,
		    b->seg[i].u, b->seg[i].len)) != 0)
			return d;
	return (a->n > b->n) - (a->n < b->n);
}

int
sf_keypath_within(const sf_keypath *a, const sf_keypath *b)
{
	size_t i;

	if (a->n > b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (!sf_u16_caseeq(a->seg[i].u, a->seg[i].len, b->seg[i].u,
		    b->seg[i].len))
			return 0;
	return 1;
}

int
sf_keypath_is(const sf_keypath *p, const sf_key *k)
{
	size_t i = p->n;

	for (; i > 0 && k != NULL && k->parent != NULL; i--, k = k->parent)
		if (k->name_len != p->seg[i - 1].len || (k->name_len > 0 &&
		    memcmp(k->name, p->seg[i - 1].u, k->name_len *
		    sizeof(*k->name)) != 0))
			return 0;
	return i == 0 && k != NULL && k->parent == NULL;
}

sf_key *
sf_key_find(sf_hive *h, const sf_keypath *p, size_t n, sf_find *how)
{
	sf_key	*k = h->root, *c;
	size_t	 i;
	int	 twice;

	if (n > p->n)
		n = p->n;
	*how = SF_FIND_ABSENT;
	for (i = 0; i < n && k != NULL; i++, k = c) {
		if ((c = sf_key_child_n(h, k, p->seg[i].u, p->seg[i].len,
		    &twice)) != NULL && twice) {
			*how = SF_FIND_AMBIGUOUS;
			return NULL;
		}
		if (c == NULL)
			return NULL;
	}
	if (k != NULL)
		*how = SF_FIND_FOUND;
	return k;
}

sf_key *
sf_key_find_deepest(sf_hive *h, const sf_keypath *p)
{
	sf_key	*k = h->root, *c;
	size_t	 i;

	for (i = 0; i < p->n && k != NULL; i++, k = c)
		if ((c = sf_key_child(h, k, p->seg[i].u, p->seg[i].len)) ==
		    NULL)
			break;
	return k;
}
