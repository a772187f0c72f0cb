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
 * Key paths, the logical address of a key (hive/key_path.c): found
 * ignoring case as Windows does, exact for names with NULs and unpaired
 * surrogates, and refused when two sibling names match (a damaged
 * hive), with and without the hash index large keys get.
 */
#include <stdlib.h>

#include "hive/hive.h"
#include "t.h"

static sf_key *
add(sf_hive *h, sf_key *parent, const uint16_t *u, size_t n)
{
	sf_key *k = sf_key_new(parent, u, n);

	k->children_loaded = k->values_loaded = 1;
	if (parent != NULL)
		sf_key_adopt(h, parent, k);
	return k;
}

static sf_key *
adda(sf_hive *h, sf_key *parent, const char *s)
{
	uint16_t u[64];
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		u[i] = (unsigned char)s[i];
	return add(h, parent, u, i);
}

static void
path(sf_keypath *p, const char *a, const char *b)
{
	uint16_t u[64];
	size_t	 i;

	memset(p, 0, sizeof(*p));
	for (i = 0; a[i] != '\0'; i++)
		u[i] = (unsigned char)a[i];
	sf_keypath_push(p, u, i);
	if (b == NULL)
		return;
	for (i = 0; b[i] != '\0'; i++)
		u[i] = (unsigned char)b[i];
	sf_keypath_push(p, u, i);
}

int
main(void)
{
	static const uint16_t nul[] = { 'a', 0, 'b' };
	static const uint16_t nul2[] = { 'a', 0, 'c' };
	static const uint16_t lone[] = { 'x', 0xd800 };
	sf_hive		 h;
	sf_key		*ports, *lpr, *k, *big, *dup;
	sf_keypath	 p, q;
	sf_find		 how;
	char		 name[16];
	int		 i;

	memset(&h, 0, sizeof(h));
	h.root = add(&h, NULL, NULL, 0);
	ports = adda(&h, h.root, "Ports");
	lpr = adda(&h, ports, "LPR Port");
	add(&h, ports, nul, 3);
	add(&h, ports, nul2, 3);
	add(&h, ports, lone, 2);

	path(&p, "PORTS", "lpr port");
	k = sf_key_find(&h, &p, p.n, &how);
	CHECK(k == lpr && how == SF_FIND_FOUND, "found ignoring case");
	CHECK(!sf_keypath_is(&p, lpr), "but not exactly its names");
	sf_keypath_free(&p);
	CHECK(sf_keypath_of(&p, lpr) == 0 && p.n == 2 &&
	    sf_keypath_is(&p, lpr), "the path of a key is exactly its names");
	CHECK(sf_key_find(&h, &p, 1, &how) == ports, "a prefix of the path");
	CHECK(sf_key_find(&h, &p, 0, &how) == h.root, "no names: the root");
	path(&q, "Ports", NULL);
	CHECK(sf_keypath_within(&q, &p) && !sf_keypath_within(&p, &q),
	    "within: an ancestor, not a descendant");
	CHECK(sf_keypath_cmp(&q, &p) < 0, "a key sorts before its subkeys");
	sf_keypath_free(&q);
	sf_keypath_free(&p);

	memset(&p, 0, sizeof(p));
	sf_keypath_push(&p, (const uint16_t *)u"Ports", 5);
	sf_keypath_push(&p, nul2, 3);
	k = sf_key_find(&h, &p, p.n, &how);
	CHECK(k != NULL && k->name_len == 3 && k->name[2] == 'c',
	    "a name with a NUL is matched whole, not up to the NUL");
	sf_keypath_free(&p);
	memset(&p, 0, sizeof(p));
	sf_keypath_push(&p, (const uint16_t *)u"Ports", 5);
	sf_keypath_push(&p, lone, 2);
	CHECK(sf_key_find(&h, &p, p.n, &how) != NULL, "an unpaired "
	    "surrogate is a name like any other");
	sf_keypath_free(&p);

	/* Two subkeys whose names differ only in case: ambiguous. */
	adda(&h, ports, "LPR PORT");
	path(&p, "Ports", "LPR Port");
	CHECK(sf_key_find(&h, &p, p.n, &how) == NULL &&
	    how == SF_FIND_AMBIGUOUS, "two keys of one name: refused");
	CHECK(sf_key_find(&h, &p, 1, &how) == ports && how == SF_FIND_FOUND,
	    "the parent itself is not ambiguous");
	sf_keypath_free(&p);
	path(&p, "Ports", "absent");
	CHECK(sf_key_find(&h, &p, p.n, &how) == NULL && how ==
	    SF_FIND_ABSENT, "absent is absent");
	CHECK(sf_key_find_deepest(&h, &p) == ports, "the deepest key");
	sf_keypath_free(&p);

	/* The same through the hash index of keys with many subkeys
	 * (built on the first lookup, once the subkeys are loaded). */
	big = adda(&h, h.root, "Big");
	dup = adda(&h, h.root, "Dup");
	for (i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "Port%03d", i);
		adda(&h, big, name);
		adda(&h, dup, name);
	}
	adda(&h, dup, "port123");
	path(&p, "big", "PORT123");
	k = sf_key_find(&h, &p, p.n, &how);
	CHECK(k != NULL && how == SF_FIND_FOUND && big->index != NULL,
	    "found through the index");
	sf_keypath_free(&p);
	path(&p, "dup", "PORT123");
	CHECK(sf_key_find(&h, &p, p.n, &how) == NULL &&
	    how == SF_FIND_AMBIGUOUS && dup->index != NULL, "a duplicate is "
	    "seen through the index too");
	sf_keypath_free(&p);
	path(&p, "dup", "PORT124");
	CHECK(sf_key_find(&h, &p, p.n, &how) != NULL && how == SF_FIND_FOUND,
	    "its other subkeys are found");
	sf_keypath_free(&p);

	sf_key_free_tree(&h, h.root);
	sf_offset_set_free(&h.seen);
	T_DONE();
}
