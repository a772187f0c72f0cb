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
 * The key tree of a hive file as the file source loads it: keys, names
 * and values in one arena (base/arena.c), value names interned, value
 * data read in place.  Each check is on what a reader of the tree sees:
 * exact names (case kept), exact data, whatever the storage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "hive/hive.h"
#include "t.h"

/*
 * 40 MB in objects of up to 100 KB: chunks grow past 2 MiB, where they
 * become whole large pages (sf_alloc_large), each object still zeroed,
 * whole and apart from the others.
 */
static void
arena_big_chunks(void)
{
	sf_arena	 a;
	unsigned char	*p[1000];
	size_t		 i, j, n, total = 0;
	int		 ok = 1;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < 1000; i++) {
		n = 1 + (i * 7919) % 81920;
		if ((p[i] = sf_arena_calloc(&a, n, 1)) == NULL)
			break;
		ok &= p[i][0] == 0 && p[i][n - 1] == 0;
		memset(p[i], (int)(i & 0xFF), n);
		total += n;
	}
	CHECK(i == 1000 && ok, "arena: %zu bytes in 1000 objects, zeroed",
	    total);
	for (i = 0; i < 1000 && ok; i++) {
		n = 1 + (i * 7919) % 81920;
		for (j = 0; j < n; j++)
			ok &= p[i][j] == (unsigned char)(i & 0xFF);
	}
	CHECK(ok, "arena: big chunks keep every object apart");
	sf_arena_free(&a);
}

static void
test_arena(void)
{
	sf_arena	 a;
	unsigned char	*p[2000], *big;
	size_t		 i, j, n;
	int		 zero = 1, aligned = 1, intact = 1;

	memset(&a, 0, sizeof(a));
	for (i = 0; i < 2000; i++) {
		n = 1 + (i * 37) % 300;
		if ((p[i] = sf_arena_calloc(&a, n, 1)) == NULL)
			break;
		for (j = 0; j < n; j++)
			zero &= p[i][j] == 0;
		aligned &= ((uintptr_t)p[i] % 8) == 0;
		memset(p[i], (int)(i & 0xFF), n);
	}
	CHECK_INT(i, 2000, "arena: 2000 objects");
	CHECK(zero, "arena: objects are zeroed");
	CHECK(aligned, "arena: objects are 8-byte aligned");
	/* An object larger than a chunk, then the small ones still intact. */
	big = sf_arena_calloc(&a, 3 * 1024 * 1024, 1);
	CHECK(big != NULL && big[0] == 0 && big[3 * 1024 * 1024 - 1] == 0,
	    "arena: an object larger than a chunk");
	if (big != NULL)
		memset(big, 0xEE, 3 * 1024 * 1024);
	for (i = 0; i < 2000; i++) {
		n = 1 + (i * 37) % 300;
		for (j = 0; j < n; j++)
			intact &= p[i][j] == (unsigned char)(i & 0xFF);
	}
	CHECK(intact, "arena: no two objects overlap");
	p[0] = sf_arena_calloc(&a, 0, 1);
	p[1] = sf_arena_calloc(&a, 0, 1);
	CHECK(p[0] != NULL && p[1] != NULL && p[0] != p[1],
	    "arena: empty objects are distinct and not NULL");
	CHECK(sf_arena_calloc(&a, SIZE_MAX / 2, 4) == NULL,
	    "arena: an overflowing size is refused");
	sf_arena_free(&a);
	CHECK(a.head == NULL, "arena: freed");
	arena_big_chunks();
}

/* 1 when the units of (u, n) are exactly the ASCII string s. */
static int
is(const uint16_t *u, size_t n, const char *s)
{
	size_t i;

	if (n != strlen(s))
		return 0;
	for (i = 0; i < n; i++)
		if (u[i] != (unsigned char)s[i])
			return 0;
	return 1;
}

static const sf_value *
value_exact(sf_hive *h, sf_key *k, const char *name)
{
	size_t i;

	if (k == NULL || sf_key_values(h, k) != SF_OK)
		return NULL;
	for (i = 0; i < k->nval; i++)
		if (is(k->val[i].name, k->val[i].name_len, name))
			return &k->val[i];
	return NULL;
}

static sf_hive *
open_hive(const char *path)
{
	sf_hive	 *h = sf_hive_new(path);
	sf_error *e = NULL;

	if (h == NULL)
		return NULL;
	if (sf_hive_read_file(h, &e) != SF_OK ||
	    sf_hive_open_file(h, &e) != SF_OK) {
		fprintf(stderr, "%s: %s\n", path, sf_error_message(e));
		sf_error_free(e);
		sf_hive_free(h);
		return NULL;
	}
	return h;
}

#define MANY	70000	/* more distinct value names than are interned */

static void
test_tree(const char *dir)
{
	char		 txt[512], hive[512], cmd[1200];
	FILE		*f;
	sf_hive		*h;
	sf_key		*a, *b, *c, *m;
	const sf_value	*v, *w;
	size_t		 i;
	int		 ok;
	char		 name[32];

	snprintf(txt, sizeof(txt), "%s/tree.hreg", dir);
	snprintf(hive, sizeof(hive), "%s/tree", dir);
	if ((f = fopen(txt, "w")) == NULL) {
		CHECK(0, "cannot write %s", txt);
		return;
	}
	fprintf(f, "!root ROOT\n"
	    "[A]\n\"Name\"=\"one\"\n\"Big\"=fill(3,40000):41\n"
	    "\"Num\"=dword:12345678\n\"Empty\"=hex:\n"
	    "\"{U+0141}{U+00F3}d{U+017A}\"=\"wide\"\n"
	    "[B]\n\"NAME\"=\"two\"\n\"{U+0141}{U+00F3}d{U+017A}\"=\"wide too\"\n"
	    "[C]\n\"Name\"=\"three\"\n"
	    "[M]\n");
	for (i = 0; i < MANY; i++)
		fprintf(f, "\"v%zu\"=dword:%zx\n", i, i);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "fixtures/mkhive -o '%s' '%s'", hive, txt);
	if (system(cmd) != 0) {
		CHECK(0, "mkhive failed: %s", cmd);
		return;
	}
	if ((h = open_hive(hive)) == NULL) {
		CHECK(0, "the hive opens");
		return;
	}
	a = sf_key_child_ascii(h, h->root, "A");
	b = sf_key_child_ascii(h, h->root, "B");
	c = sf_key_child_ascii(h, h->root, "C");
	m = sf_key_child_ascii(h, h->root, "M");
	CHECK(a != NULL && b != NULL && c != NULL && m != NULL,
	    "keys A, B, C, M are found");
	CHECK(a != NULL && is(a->name, a->name_len, "A"), "key name kept");

	/* One name in three keys, in two spellings: each as stored. */
	v = value_exact(h, a, "Name");
	CHECK(v != NULL && v->size == 8 && memcmp(v->data, "o\0n\0e\0\0", 8) ==
	    0, "A\\Name is \"one\"");
	CHECK(value_exact(h, b, "Name") == NULL && value_exact(h, b, "NAME") !=
	    NULL, "B's value keeps its own spelling, NAME");
	v = value_exact(h, c, "Name");
	CHECK(v != NULL && v->size == 12 && memcmp(v->data, "t\0h\0r\0e\0e\0\0",
	    12) == 0, "C\\Name is \"three\", not A's data");
	v = sf_key_value_ascii(h, b, "name");
	CHECK(v != NULL && is(v->name, v->name_len, "NAME"),
	    "lookup ignores case, the name keeps it");

	/* A name stored as UTF-16 (not Latin-1), in two keys. */
	ok = 0;
	if (sf_key_values(h, a) == SF_OK && sf_key_values(h, b) == SF_OK)
		for (i = 0; i < a->nval; i++)
			if (a->val[i].name_len == 4 && a->val[i].name[0] ==
			    0x141 && a->val[i].name[1] == 0xF3 &&
			    a->val[i].name[2] == 'd' &&
			    a->val[i].name[3] == 0x17A)
				ok++;
	for (i = 0; b != NULL && i < b->nval; i++)
		if (b->val[i].name_len == 4 && b->val[i].name[0] == 0x141 &&
		    b->val[i].name[3] == 0x17A && b->val[i].size == 18)
			ok++;
	CHECK(ok == 2, "a UTF-16 value name, read in two keys");

	/* Data: big data in segments, inline, empty. */
	v = value_exact(h, a, "Big");
	ok = v != NULL && v->size == 40000;
	for (i = 0; ok && i < 40000; i++)
		ok = v->data[i] == 0x41;
	CHECK(ok, "40,000 bytes of big data, every one read");
	v = value_exact(h, a, "Num");
	CHECK(v != NULL && v->size == 4 && v->type == SF_REG_DWORD &&
	    v->data[0] == 0x78 && v->data[3] == 0x12, "inline dword data");
	v = value_exact(h, a, "Empty");
	CHECK(v != NULL && v->size == 0 && v->data != NULL,
	    "empty data: size 0, data not NULL");

	/* Past the interned names: still every name and datum exact. */
	ok = m != NULL && sf_key_values(h, m) == SF_OK && m->nval == MANY;
	CHECK(ok, "%d values in one key", MANY);
	for (i = 0; ok && i < MANY; i += 997) {
		snprintf(name, sizeof(name), "v%zu", i);
		w = value_exact(h, m, name);
		ok = w != NULL && w->size == 4 && sf_le32(w->data) == i;
	}
	w = value_exact(h, m, "v69999");
	CHECK(ok && w != NULL && sf_le32(w->data) == 69999,
	    "names past the interning limit are exact");
	sf_hive_free(h);
	unlink(hive);
	unlink(txt);
}

/* The names of k's subkeys, joined, for comparing two loadings. */
static void
names_of(sf_hive *h, sf_key *k, char *out, size_t len)
{
	size_t i, j, o = 0;

	out[0] = '\0';
	if (sf_key_children(h, k) != SF_OK)
		return;
	for (i = 0; i < k->nchild && o + 2 < len; i++) {
		for (j = 0; j < k->child[i]->name_len && o + 2 < len; j++)
			out[o++] = (char)k->child[i]->name[j];
		out[o++] = '|';
	}
	out[o] = '\0';
}

#define NKIDS	200

/* What a stream handed to fn, and what fn does meanwhile. */
typedef struct seen_stream {
	char	 names[4096];
	size_t	 o, n;
	size_t	 keep_at, load_at, stop_at;	/* (size_t)-1: never */
	sf_key	*kept;
	int	 loaded_twice;	/* a key handed over with its list loaded */
} seen_stream;

static int
on_child(void *arg, sf_hive *h, sf_key *c)
{
	seen_stream	*ss = arg;
	size_t		 j;

	for (j = 0; j < c->name_len && ss->o + 2 < sizeof(ss->names); j++)
		ss->names[ss->o++] = (char)c->name[j];
	ss->names[ss->o++] = '|';
	ss->names[ss->o] = '\0';
	/* What a rule does: read the subkey's values and subkeys. */
	(void)sf_key_values(h, c);
	(void)sf_key_child_ascii(h, c, "Sub");
	if (ss->n == ss->keep_at) {
		sf_key_keep(c);
		ss->kept = c;
	}
	if (ss->n == ss->load_at)	/* a rule looking at the siblings */
		(void)sf_key_children(h, c->parent);
	return ss->n++ == ss->stop_at;
}

static void
stream_init(seen_stream *ss)
{
	memset(ss, 0, sizeof(*ss));
	ss->keep_at = ss->load_at = ss->stop_at = (size_t)-1;
}

/*
 * A walk unloads the keys it has passed (sf_key_unload) and they load
 * again as they were; keys a finding keeps (sf_key_keep) stay the same
 * objects, in their places, through unloading and loading.
 */
static void
test_unload(const char *dir)
{
	char		 txt[512], hive[512], cmd[1200], before[4096],
			 after[4096];
	FILE		*f;
	sf_hive		*h;
	sf_key		*p, *q, *k50, *k150, *a, *k;
	const sf_value	*v;
	size_t		 i, nprob;
	int		 ok;

	snprintf(txt, sizeof(txt), "%s/unload.hreg", dir);
	snprintf(hive, sizeof(hive), "%s/unload", dir);
	if ((f = fopen(txt, "w")) == NULL) {
		CHECK(0, "cannot write %s", txt);
		return;
	}
	fprintf(f, "!root ROOT\n[P]\n");
	for (i = 0; i < NKIDS; i++)
		fprintf(f, "[P\\k%03zu]\n\"Data\"=\"x%zu\"\n[P\\k%03zu\\Sub]\n"
		    "\"N\"=dword:%zx\n", i, i, i, i);
	fprintf(f, "[Q\\a\\b]\n\"V\"=\"deep\"\n");
	fclose(f);
	snprintf(cmd, sizeof(cmd), "fixtures/mkhive -o '%s' '%s'", hive, txt);
	if (system(cmd) != 0 || (h = open_hive(hive)) == NULL) {
		CHECK(0, "the unload hive is made and opens");
		return;
	}
	CHECK(h->ops->forget_key != NULL && !h->unload_ok, "unload: the "
	    "file source can unload, a small hive is held whole");
	(void)sf_key_children(h, h->root);
	sf_key_unload(h, h->root);
	CHECK(h->root->children_loaded && h->root->nchild == 2,
	    "unload: a small hive is not unloaded");
	h->unload_ok = 1;	/* as a big hive would be */
	p = sf_key_child_ascii(h, h->root, "P");
	q = sf_key_child_ascii(h, h->root, "Q");
	CHECK(p != NULL && q != NULL, "unload: P and Q");
	if (p == NULL || q == NULL)
		goto out;
	names_of(h, p, before, sizeof(before));
	CHECK_INT(p->nchild, NKIDS, "unload: P's subkeys");
	/* Everything below P loaded: values and subkeys. */
	for (i = 0; i < p->nchild; i++)
		(void)sf_key_values(h, p->child[i]),
		(void)sf_key_child_ascii(h, p->child[i], "Sub");
	k50 = p->child[50];
	k150 = p->child[150];
	sf_key_keep(k50);
	sf_key_keep(k150);
	CHECK(p->keep && h->root->keep && !p->child[49]->keep,
	    "unload: keeping a key keeps its ancestors, not its siblings");
	nprob = h->problems.n;

	sf_key_unload(h, p);
	CHECK(!p->children_loaded && p->nchild == 2 && p->child[0] == k50 &&
	    p->child[1] == k150, "unload: P keeps only its kept subkeys");
	CHECK(!k50->values_loaded && k50->nval == 0 && !k50->children_loaded &&
	    k50->nchild == 0, "unload: a kept key's values and subkeys go");
	names_of(h, p, after, sizeof(after));
	CHECK(strcmp(before, after) == 0 && p->nchild == NKIDS,
	    "unload: P's subkeys load again, the same names in order");
	CHECK(p->child[50] == k50 && p->child[150] == k150 &&
	    k50->parent == p, "unload: the kept keys are the same objects, "
	    "in their places");
	ok = 1;
	for (i = 0; i < p->nchild; i++) {
		char want[16];

		k = p->child[i];
		snprintf(want, sizeof(want), "x%zu", i);
		v = sf_key_value_ascii(h, k, "Data");
		ok &= !k->repeated && v != NULL && v->size == 2 *
		    (strlen(want) + 1) && v->data[0] == 'x' &&
		    sf_key_child_ascii(h, k, "Sub") != NULL;
	}
	CHECK(ok, "unload: every subkey reads again, none taken for a loop");
	CHECK(!h->corrupt && h->problems.n == nprob,
	    "unload: loading again records no problem");

	/* Not kept: everything below goes, and comes back. */
	a = sf_key_path_ascii(h, q, "a\\b");
	CHECK(a != NULL && sf_key_value_ascii(h, a, "V") != NULL,
	    "unload: Q\\a\\b read");
	sf_key_unload(h, q);
	CHECK(!q->children_loaded && q->nchild == 0 && q->child == NULL,
	    "unload: Q's subtree is freed");
	a = sf_key_path_ascii(h, q, "a\\b");
	v = a != NULL ? sf_key_value_ascii(h, a, "V") : NULL;
	CHECK(v != NULL && v->size == 10 && v->data[0] == 'd',
	    "unload: Q\\a\\b reads again");

	/*
	 * Streaming: P's subkeys one at a time, never its whole list.  P
	 * still has k050 and k150 kept from above; the stream keeps k010.
	 */
	{
		seen_stream	 ss;
		sf_key		*k10;
		int		 done;

		sf_key_unload(h, p);
		CHECK(p->nchild == 2 && !p->children_loaded,
		    "stream: P starts with its two kept keys");
		stream_init(&ss);
		ss.keep_at = 10;
		CHECK(sf_key_stream(h, p, on_child, &ss, &done) == SF_OK &&
		    done, "stream: P's subkeys are streamed");
		k10 = ss.kept;
		CHECK(ss.n == NKIDS && strcmp(ss.names, before) == 0,
		    "stream: every subkey once, in the list's order");
		CHECK(!p->children_loaded && p->nchild == 3 &&
		    p->child[0] == k10 && p->child[1] == k50 &&
		    p->child[2] == k150, "stream: P holds just its kept "
		    "keys after it, in order, the old ones the same objects");
		CHECK(!k10->values_loaded && !k10->children_loaded,
		    "stream: a kept key is unloaded after its turn");

		/* Stopped early: the kept keys not reached stay. */
		stream_init(&ss);
		ss.stop_at = 5;
		CHECK(sf_key_stream(h, p, on_child, &ss, &done) == SF_OK &&
		    done && ss.n == 6, "stream: fn stops it");
		CHECK(p->nchild == 3 && p->child[0] == k10 &&
		    p->child[2] == k150, "stream: stopped, the kept keys stay");

		/*
		 * fn loads P's list in the middle (a rule reading the
		 * siblings): the stream goes on from the list, and every
		 * kept key, met or not yet, has its place in it.
		 */
		stream_init(&ss);
		ss.keep_at = 100;
		ss.load_at = 120;
		CHECK(sf_key_stream(h, p, on_child, &ss, &done) == SF_OK &&
		    done, "stream: a list loaded meanwhile");
		CHECK(ss.n == NKIDS && strcmp(ss.names, before) == 0,
		    "stream: with the list loaded meanwhile, every subkey "
		    "once, in order");
		CHECK(p->children_loaded && p->nchild == NKIDS &&
		    p->child[10] == k10 && p->child[50] == k50 &&
		    p->child[100] == ss.kept && p->child[150] == k150,
		    "stream: the loaded list holds the kept keys in place");
		names_of(h, p, after, sizeof(after));
		CHECK(strcmp(before, after) == 0 && sf_key_child_ascii(h, p,
		    "k100") == ss.kept, "stream: the list and its index "
		    "name the kept keys");
		stream_init(&ss);
		CHECK(sf_key_stream(h, p, on_child, &ss, &done) == SF_OK &&
		    !done && ss.n == 0, "stream: a loaded list is not "
		    "streamed");
		CHECK(!h->corrupt && h->problems.n == nprob,
		    "stream: no problem recorded");
	}

	/* A damaged hive is never unloaded (its problems would repeat). */
	h->corrupt = 1;
	sf_key_unload(h, q);
	CHECK(q->children_loaded && q->nchild == 1,
	    "unload: a damaged hive keeps its keys");
out:
	sf_hive_free(h);
	unlink(hive);
	unlink(txt);
}

/*
 * The loop guard's set of offsets, in both modes: a hash set, and the
 * bitmap of sf_offset_set_span with the hash set behind it for offsets
 * off its phase or past its limit (a damaged hive's unaligned ones).
 * Each mode must answer exactly as a plain set would.
 */
static void
test_offset_set(void)
{
	sf_offset_set	 hs, bs;
	uint64_t	 off;
	int		 same = 1, fresh = 1, again = 1;

	memset(&hs, 0, sizeof(hs));
	memset(&bs, 0, sizeof(bs));
	CHECK_INT(sf_offset_set_span(&bs, 1 << 20, 4), 0,
	    "offset set: bitmap mode set up");
	/* Else every check below would pass on the hash set alone. */
	CHECK(bs.bits != NULL && bs.limit == 1 << 20 && bs.phase == 4,
	    "offset set: the bitmap is in use");
	/* Aligned (phase 4), unaligned, and past the limit, interleaved. */
	for (off = 4; off < (1 << 21) + 64; off += 4099) {
		int a = sf_offset_set_add(&hs, off);
		int b = sf_offset_set_add(&bs, off);

		same &= a == b;
		fresh &= b == 1;
	}
	for (off = 4; off < (1 << 21) + 64; off += 4099)
		again &= sf_offset_set_add(&bs, off) == 0 &&
		    sf_offset_set_has(&bs, off) && sf_offset_set_has(&hs, off);
	CHECK(same && fresh, "offset set: the first add of each offset is new");
	CHECK(again, "offset set: a second add is not new; has() finds it");
	/* Neighbours of a member on and off the phase are not members. */
	CHECK(!sf_offset_set_has(&bs, 8 + 4) && !sf_offset_set_has(&bs, 5) &&
	    !sf_offset_set_has(&bs, 4 + 4099 + 8) &&
	    !sf_offset_set_has(&bs, 4 + 4099 + 1),
	    "offset set: only the offsets added are members");
	/* 4 and 4 + 1 share a bitmap byte; off the phase goes to the hash. */
	CHECK(sf_offset_set_add(&bs, 5) == 1 && sf_offset_set_has(&bs, 5) &&
	    sf_offset_set_add(&bs, 5) == 0, "offset set: an unaligned offset "
	    "is kept apart from the aligned one beside it");
	CHECK(sf_offset_set_add(&bs, (uint64_t)1 << 40) == 1 &&
	    sf_offset_set_add(&bs, (uint64_t)1 << 40) == 0,
	    "offset set: an offset past the limit");
	sf_offset_set_free(&hs);
	sf_offset_set_free(&bs);
}

/* The pool: freed objects are reused by size, zeroed, never shared. */
static void
test_pool(void)
{
	sf_pool		 p;
	unsigned char	*a[100], *b, *big;
	size_t		 i;
	int		 zero = 1, distinct = 1;

	memset(&p, 0, sizeof(p));
	for (i = 0; i < 100; i++) {
		a[i] = sf_pool_alloc(&p, 24 + i % 3 * 40);
		CHECK(a[i] != NULL, "pool: object %zu", i);
		if (a[i] == NULL)
			return;
		memset(a[i], 0xAB, 24 + i % 3 * 40);
	}
	for (i = 0; i < 100; i += 2)
		sf_pool_release(&p, a[i], 24 + i % 3 * 40);
	for (i = 0; i < 50; i++) {
		b = sf_pool_alloc(&p, 24 + (2 * i) % 3 * 40);
		if (b == NULL)
			break;
		for (size_t j = 0; j < 24 + (2 * i) % 3 * 40; j++)
			zero &= b[j] == 0;
		for (size_t j = 1; j < 100; j += 2)
			distinct &= b != a[j];
		a[2 * i] = b;
	}
	CHECK(zero, "pool: a reused object is zeroed");
	CHECK(distinct, "pool: a live object is never handed out again");
	big = sf_pool_alloc(&p, SF_POOL_MAX + 1);
	CHECK(big != NULL && big[SF_POOL_MAX] == 0, "pool: a big object");
	sf_pool_release(&p, big, SF_POOL_MAX + 1);
	sf_pool_free(&p);
}

/* Big blocks (sf_alloc_large): zeroed when asked, whole, freed by free. */
static void
test_alloc_large(void)
{
	static const size_t sizes[] = { 1, 4096, (size_t)2 << 20,
	    ((size_t)3 << 20) + 5 };
	unsigned char	*p;
	size_t		 i, j, nonzero;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		p = sf_alloc_large(sizes[i], 1);
		CHECK(p != NULL, "sf_alloc_large(%zu)", sizes[i]);
		if (p == NULL)
			continue;
		for (j = 0, nonzero = 0; j < sizes[i]; j++)
			nonzero += p[j] != 0;
		CHECK(nonzero == 0, "%zu bytes zeroed", sizes[i]);
		memset(p, 0xA5, sizes[i]);
#ifdef __linux__
		if (sizes[i] >= ((size_t)2 << 20))
			CHECK((uintptr_t)p % ((size_t)2 << 20) == 0,
			    "%zu bytes start on a 2 MiB page", sizes[i]);
#endif
		free(p);
		p = sf_alloc_large(sizes[i], 0);
		CHECK(p != NULL, "sf_alloc_large(%zu), not zeroed", sizes[i]);
		if (p != NULL)
			p[sizes[i] - 1] = 1;
		free(p);
	}
}

/*
 * Names equal as sf_u16_caseeq finds them hash equal (the key index and
 * the named sets rely on it), whatever the case of each unit and
 * whether a block of four is all ASCII (folded at once) or not; and
 * names that differ by a unit mostly hash apart.
 */
static void
test_casehash(void)
{
	static const uint16_t pool[] = { 'a', 'z', 'A', 'Z', '`', '{', '@',
	    '[', '0', ':', 0x7F, 0x80, 0xE4, 0xC4, 0x3B1, 0x391, 0 };
	uint16_t	 a[24], b[24];
	size_t		 n, i, t, unequal = 0, wrong = 0, same = 0, order = 0;
	int		 want;
	unsigned	 seed = 12345;

	for (t = 0; t < 20000; t++) {
		n = t % 24;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = pool[(seed >> 16) % (sizeof(pool) /
			    sizeof(pool[0]))];
			/* b: a with the case of some letters flipped */
			b[i] = (seed >> 8) & 1 ? a[i] : a[i] == 0xE4 ? 0xC4 :
			    a[i] == 0xC4 ? 0xE4 : a[i] == 0x3B1 ? 0x391 :
			    a[i] == 0x391 ? 0x3B1 : (a[i] >= 'a' &&
			    a[i] <= 'z') || (a[i] >= 'A' && a[i] <= 'Z') ?
			    (uint16_t)(a[i] ^ 0x20) : a[i];
		}
		if (!sf_u16_caseeq(a, n, b, n)) {
			unequal++;
			continue;
		}
		wrong += sf_u16_casehash(a, n) != sf_u16_casehash(b, n);
		if (n > 0) {
			b[n / 2] = b[n / 2] == '0' ? '1' : '0';
			same += sf_u16_casehash(a, n) == sf_u16_casehash(b, n);
			/* The order, four equal units at a time first. */
			for (i = 0; i < n && sf_u16_upper(a[i]) ==
			    sf_u16_upper(b[i]); i++)
				;
			want = i == n ? 0 : sf_u16_upper(a[i]) <
			    sf_u16_upper(b[i]) ? -1 : 1;
			order += sf_u16_casecmp(a, n, b, n) != want ||
			    sf_u16_casecmp(b, n, a, n) != -want ||
			    sf_u16_casecmp(a, n, a, n / 2) != 1;
		}
	}
	CHECK(order == 0, "names a unit apart are ordered by that unit, "
	    "folded, at every place (%zu of 20000 not)", order);
	CHECK(unequal == 0, "names with letters of the other case are "
	    "equal ignoring case (%zu not)", unequal);
	CHECK(wrong == 0, "equal names ignoring case hash equal, ASCII "
	    "blocks and others (%zu of 20000 not)", wrong);
	CHECK(same < 5, "names a unit apart hash apart (%zu of 20000 "
	    "collide)", same);
	a[0] = 'x';
	b[0] = 'x';
	b[1] = 0;
	CHECK(sf_u16_casehash(a, 1) != sf_u16_casehash(b, 2),
	    "a trailing NUL unit changes the hash");
}

int
main(void)
{
	char dir[] = "/tmp/spoolfix-hivetree.XXXXXX";

	alarm(T_ALARM);
	test_casehash();
	test_alloc_large();
	test_arena();
	test_offset_set();
	test_pool();
	if (mkdtemp(dir) == NULL)
		CHECK(0, "mkdtemp");
	else {
		test_tree(dir);
		test_unload(dir);
		rmdir(dir);
	}
	T_DONE();
}
