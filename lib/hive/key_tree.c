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
 * The lazily loaded key tree.  A key's children and values are read
 * from the source the first time a rule needs them, so a scan costs
 * what its rules visit, not the size of the hive.  Every key's file
 * offset goes into a set as it is loaded: a key reached a second time
 * (a cross-linked or looping subkey list) is kept as a leaf and
 * flagged, so no hive can make a walk run forever.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"

struct sf_child_index {
	sf_key	**slot;
	size_t	  cap;
};

/* Lookups on keys with more children than this use a hash index. */
#define INDEX_THRESHOLD 16

/*
 * The slot an offset starts probing at.  Offsets are multiples of 8, and
 * a multiplication leaves the low bits of a product no better than the
 * factor's: masking off*K directly would use one slot in eight and make
 * long probe runs.  So the product's high bits are folded down first.
 */
static size_t
offset_slot(uint64_t off, size_t cap)
{
	uint64_t h = off * 0x9E3779B97F4A7C15ULL;

	return (size_t)((h ^ h >> 32) & (cap - 1));
}

int
sf_offset_set_span(sf_offset_set *s, uint64_t limit, unsigned phase)
{
	uint8_t *b;

	if (s->bits != NULL || s->n > 0 || limit == 0 ||
	    limit > (uint64_t)SIZE_MAX / 2)
		return 0;	/* only on an empty set */
	/* 1.5 MB each for a 100 MB hive: large pages (sf_alloc_large). */
	if ((b = sf_alloc_large((size_t)(limit / 64 + 1), 1)) == NULL)
		return -1;
	s->bits = b;
	s->limit = limit;
	s->phase = phase & 7;
	return 0;
}

/* The bit of off in bitmap mode, or -1 when off is for the hash set. */
static int64_t
offset_bit(const sf_offset_set *s, uint64_t off)
{
	if (s->bits == NULL || off >= s->limit || (off & 7) != s->phase)
		return -1;
	return (int64_t)(off >> 3);
}

int
sf_offset_set_add(sf_offset_set *s, uint64_t off)
{
	uint64_t *ns, h;
	size_t	  i, ncap;
	int64_t	  bit = offset_bit(s, off);

	if (bit >= 0) {
		if (s->bits[bit >> 3] & (1u << (bit & 7)))
			return 0;
		s->bits[bit >> 3] |= (uint8_t)(1u << (bit & 7));
		return 1;
	}

	if (s->n * 2 >= s->cap) {
		ncap = s->cap ? s->cap * 2 : 1024;
		if ((ns = sf_calloc(ncap, sizeof(*ns))) == NULL)
			return -1;
		for (i = 0; i < s->cap; i++) {
			if (s->slot[i] == 0)
				continue;
			h = offset_slot(s->slot[i], ncap);
			while (ns[h] != 0)
				h = (h + 1) & (ncap - 1);
			ns[h] = s->slot[i];
		}
		free(s->slot);
		s->slot = ns;
		s->cap = ncap;
	}
	h = offset_slot(off, s->cap);
	while (s->slot[h] != 0) {
		if (s->slot[h] == off)
			return 0;
		h = (h + 1) & (s->cap - 1);
	}
	s->slot[h] = off;
	s->n++;
	return 1;
}

int
sf_offset_set_has(const sf_offset_set *s, uint64_t off)
{
	uint64_t h;
	int64_t	 bit = offset_bit(s, off);

	if (bit >= 0)
		return (s->bits[bit >> 3] & (1u << (bit & 7))) != 0;
	if (s->cap == 0)
		return 0;
	h = offset_slot(off, s->cap);
	while (s->slot[h] != 0) {
		if (s->slot[h] == off)
			return 1;
		h = (h + 1) & (s->cap - 1);
	}
	return 0;
}

void
sf_offset_set_free(sf_offset_set *s)
{
	free(s->slot);
	free(s->bits);
	memset(s, 0, sizeof(*s));
}

sf_key *
sf_key_new(sf_key *parent, const uint16_t *name, size_t len)
{
	sf_key *k;

	if ((k = calloc(1, sizeof(*k))) == NULL)
		return NULL;
	if ((k->name = sf_u16dup(name, len)) == NULL) {
		free(k);
		return NULL;
	}
	k->name_len = len;
	k->parent = parent;
	k->depth = parent != NULL ? parent->depth + 1 : 0;
	return k;
}

static void
free_values(sf_key *k)
{
	size_t i;

	for (i = 0; i < k->nval; i++) {
		free(k->val[i].name);
		free(k->val[i].data);
	}
	free(k->val);
	k->val = NULL;
	k->nval = 0;
}

void
sf_key_free_tree(sf_hive *h, sf_key *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nchild; i++)
		sf_key_free_tree(h, k->child[i]);
	free(k->child);
	if (k->index != NULL) {
		free(k->index->slot);
		free(k->index);
	}
	if (k->handle != NULL && h->ops != NULL)
		h->ops->release(h, k);
	if (k->pooled) {
		if (h->ops != NULL && h->ops->forget_key != NULL)
			h->ops->forget_key(h, k);
		return;
	}
	free_values(k);
	free(k->name);
	free(k);
}

static sf_status	reload_children(sf_hive *, sf_key *);

static void
maybe_release(sf_hive *h, sf_key *k)
{
	if (k->children_loaded && k->values_loaded && k->handle != NULL &&
	    h->ops != NULL)
		h->ops->release(h, k);
}

sf_status
sf_key_children(sf_hive *h, sf_key *k)
{
	sf_status rc = SF_OK;

	if (k->children_loaded)
		return SF_OK;
	k->children_loaded = 1;
	if (k->nchild > 0)	/* unloaded with kept subkeys */
		rc = reload_children(h, k);
	else if (!k->repeated && k->depth < SF_MAX_DEPTH && h->ops != NULL)
		rc = h->ops->load_children(h, k);
	else if (k->depth >= SF_MAX_DEPTH) {
		sf_problem_add(&h->problems, "keys nested deeper than %d "
		    "levels were not read", SF_MAX_DEPTH);
		/* Loaded again, it would say so again. */
		sf_key_keep(k);
	}
	maybe_release(h, k);
	if (rc == SF_ERR_NOMEM)
		h->oom = 1;
	return rc;
}

sf_status
sf_key_values(sf_hive *h, sf_key *k)
{
	sf_status rc = SF_OK;

	if (k->values_loaded)
		return SF_OK;
	k->values_loaded = 1;
	if (!k->repeated && h->ops != NULL)
		rc = h->ops->load_values(h, k);
	maybe_release(h, k);
	if (rc == SF_ERR_NOMEM)
		h->oom = 1;
	return rc;
}

void
sf_key_keep(sf_key *k)
{
	for (; k != NULL && !k->keep; k = k->parent)
		k->keep = 1;
}

static void
free_index(sf_key *k)
{
	if (k->index != NULL) {
		free(k->index->slot);
		free(k->index);
		k->index = NULL;
	}
}

/* Frees k and all below it; its parent's list is the caller's. */
static void
forget_tree(sf_hive *h, sf_key *k)
{
	size_t i;

	for (i = 0; i < k->nchild; i++)
		forget_tree(h, k->child[i]);
	free(k->child);
	free_index(k);
	h->ops->forget_key(h, k);
}

/*
 * A kept key's list keeps its kept subkeys only, the others freed: the
 * key is then unloaded with a partial list, and sf_key_children puts
 * the kept ones back in place when it loads the list again, so that a
 * pointer to a kept key stays valid.
 */
static void
unload(sf_hive *h, sf_key *k)
{
	size_t i, n;

	if (k->repeated)
		return;
	if (k->values_loaded) {
		h->ops->forget_values(h, k);
		k->values_loaded = 0;
	}
	if (!k->children_loaded || k->keep) {
		for (i = n = 0; i < k->nchild; i++) {
			if (k->child[i]->keep) {
				unload(h, k->child[i]);
				k->child[n++] = k->child[i];
			} else
				forget_tree(h, k->child[i]);
		}
		if (n < k->nchild) {
			k->nchild = n;
			k->children_loaded = 0;
			free_index(k);
		}
		return;
	}
	for (i = 0; i < k->nchild; i++)
		forget_tree(h, k->child[i]);
	free(k->child);
	k->child = NULL;
	k->nchild = 0;
	free_index(k);
	k->children_loaded = 0;
}

/*
 * Loads the list of a key unloaded with kept subkeys: the source takes
 * each kept key where the list has its offset (h->reuse, in the order
 * of the file's list, which never changes), so a pointer to a kept key
 * stays valid.
 */
static sf_status
reload_children(sf_hive *h, sf_key *k)
{
	sf_key		**kept = k->child;
	size_t		  nkept = k->nchild, j;
	sf_status	  rc;

	k->child = NULL;
	k->nchild = 0;
	h->reuse = kept;
	h->nreuse = nkept;
	h->ireuse = 0;
	rc = h->ops->load_children(h, k);
	j = h->ireuse;
	h->reuse = NULL;
	h->nreuse = h->ireuse = 0;
	/* Not met again (cannot happen in an unchanged image): kept. */
	for (; j < nkept && rc == SF_OK; j++)
		if ((rc = sf_key_adopt(h, k, kept[j])) != SF_OK)
			break;
	for (; j < nkept; j++)
		sf_key_free_tree(h, kept[j]);
	free(kept);
	return rc;
}

/*
 * Only a hive found sound is unloaded.  A damaged one records its
 * problems as keys load, and loading them again would record them
 * twice.  And in a tree the structural check found sound no key is
 * reached twice, so the loop guard is not kept (tree_sound) and a key
 * loaded again is never taken for a loop.
 */
void
sf_key_unload(sf_hive *h, sf_key *k)
{
	if (h->ops == NULL || h->ops->forget_key == NULL || h->corrupt ||
	    !h->tree_sound || !h->unload_ok)
		return;
	unload(h, k);
}

sf_status
sf_key_adopt(sf_hive *h, sf_key *parent, sf_key *c)
{
	sf_key **nc;
	int	 fresh = 1;

	/* A sound tree has no second path to a key (hive.h, tree_sound). */
	if (c->offset != 0 && !h->tree_sound && (fresh =
	    sf_offset_set_add(&h->seen, c->offset)) == -1)
		return SF_ERR_NOMEM;
	if (!fresh) {
		/* A second path to one key: a leaf, so walks end. */
		c->repeated = 1;
		c->children_loaded = c->values_loaded = 1;
		h->corrupt = 1;
		sf_problem_add(&h->problems, "key at offset 0x%jx is reached "
		    "from more than one parent (cross-linked subkey lists)",
		    (uintmax_t)c->offset);
	}
	if ((parent->nchild & (parent->nchild - 1)) == 0) {
		nc = sf_reallocarray(parent->child,
		    parent->nchild ? parent->nchild * 2 : 1, sizeof(*nc));
		if (nc == NULL)
			return SF_ERR_NOMEM;
		parent->child = nc;
	}
	parent->child[parent->nchild++] = c;
	return SF_OK;
}

static int
build_index(sf_key *k)
{
	struct sf_child_index *ix;
	size_t	 i, h;

	if ((ix = calloc(1, sizeof(*ix))) == NULL)
		return -1;
	ix->cap = 32;
	while (ix->cap < k->nchild * 2)
		ix->cap *= 2;
	if ((ix->slot = sf_calloc(ix->cap, sizeof(*ix->slot))) == NULL) {
		free(ix);
		return -1;
	}
	for (i = 0; i < k->nchild; i++) {
		h = sf_u16_casehash(k->child[i]->name, k->child[i]->name_len) &
		    (ix->cap - 1);
		while (ix->slot[h] != NULL)
			h = (h + 1) & (ix->cap - 1);
		ix->slot[h] = k->child[i];
	}
	k->index = ix;
	return 0;
}

/*
 * The first child of k named 'name' (ignoring case), and in *more
 * whether another child has that name too (damaged hives only).
 */
sf_key *
sf_key_child_n(sf_hive *h, sf_key *k, const uint16_t *name, size_t len,
    int *more)
{
	size_t	 i, s;
	sf_key	*c, *first = NULL;

	if (more != NULL)
		*more = 0;
	if (sf_key_children(h, k) == SF_ERR_NOMEM)
		return NULL;
	if (k->nchild > INDEX_THRESHOLD && k->index == NULL)
		build_index(k);
	if (k->index == NULL) {
		for (i = 0; i < k->nchild; i++) {
			c = k->child[i];
			if (!sf_u16_caseeq(c->name, c->name_len, name, len))
				continue;
			if (first != NULL || more == NULL) {
				if (more != NULL)
					*more = 1;
				return first != NULL ? first : c;
			}
			first = c;
		}
		return first;
	}
	s = sf_u16_casehash(name, len) & (k->index->cap - 1);
	while ((c = k->index->slot[s]) != NULL) {
		if (sf_u16_caseeq(c->name, c->name_len, name, len)) {
			if (first != NULL || more == NULL) {
				if (more != NULL)
					*more = 1;
				return first != NULL ? first : c;
			}
			first = c;
		}
		s = (s + 1) & (k->index->cap - 1);
	}
	return first;
}

sf_key *
sf_key_child(sf_hive *h, sf_key *k, const uint16_t *name, size_t len)
{
	return sf_key_child_n(h, k, name, len, NULL);
}

sf_key *
sf_key_child_ascii(sf_hive *h, sf_key *k, const char *name)
{
	uint16_t u[256];
	size_t	 n = strlen(name), i;

	if (n > 255)
		return NULL;
	for (i = 0; i < n; i++)
		u[i] = (unsigned char)name[i];
	return sf_key_child(h, k, u, n);
}

sf_key *
sf_key_path_ascii(sf_hive *h, sf_key *k, const char *path)
{
	char	 seg[256];
	size_t	 n;

	while (k != NULL && *path != '\0') {
		n = strcspn(path, "\\");
		if (n == 0 || n >= sizeof(seg))
			return NULL;
		memcpy(seg, path, n);
		seg[n] = '\0';
		k = sf_key_child_ascii(h, k, seg);
		path += n;
		if (*path == '\\')
			path++;
	}
	return k;
}

const sf_value *
sf_key_value(sf_hive *h, sf_key *k, const uint16_t *name, size_t len)
{
	size_t i;

	if (sf_key_values(h, k) == SF_ERR_NOMEM)
		return NULL;
	for (i = 0; i < k->nval; i++)
		if (sf_u16_caseeq(k->val[i].name, k->val[i].name_len, name,
		    len))
			return &k->val[i];
	return NULL;
}

const sf_value *
sf_key_value_ascii(sf_hive *h, sf_key *k, const char *name)
{
	uint16_t u[256];
	size_t	 n = strlen(name), i;

	if (n > 255)
		return NULL;
	for (i = 0; i < n; i++)
		u[i] = (unsigned char)name[i];
	return sf_key_value(h, k, u, n);
}

/* A growing list of keys (the kept ones of a stream). */
typedef struct keylist {
	sf_key	**v;
	size_t	  n, cap;
} keylist;

static int
keylist_add(keylist *l, sf_key *k)
{
	sf_key **nv;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		if ((nv = sf_reallocarray(l->v, l->cap, sizeof(*nv))) == NULL)
			return -1;
		l->v = nv;
	}
	l->v[l->n++] = k;
	return 0;
}

/*
 * fn loaded k's list in the middle of a stream.  Its new list holds a
 * fresh key in the place of each kept one (keys met so far, then the
 * earlier kept ones not met yet: in the file's order, as the list):
 * the kept object takes its place again and the fresh one goes.
 */
static sf_status
stream_rejoin(sf_hive *h, sf_key *k, keylist *kept, sf_key **old,
    size_t nold)
{
	size_t	 i, r = 0, nr = kept->n + nold;
	sf_key	*want;

	free_index(k);		/* it points at the fresh keys */
	for (i = 0; i < k->nchild && r < nr; i++) {
		want = r < kept->n ? kept->v[r] : old[r - kept->n];
		if (k->child[i]->offset != want->offset)
			continue;
		forget_tree(h, k->child[i]);
		k->child[i] = want;
		r++;
	}
	/* Not in the list again (cannot happen in an unchanged image). */
	for (; r < nr; r++) {
		want = r < kept->n ? kept->v[r] : old[r - kept->n];
		if (sf_key_adopt(h, k, want) != SF_OK) {
			for (; r < nr; r++)
				sf_key_free_tree(h, r < kept->n ?
				    kept->v[r] : old[r - kept->n]);
			return SF_ERR_NOMEM;
		}
	}
	return SF_OK;
}

/* After fn: a subkey not kept goes, a kept one is unloaded and kept. */
static int
stream_done(sf_hive *h, sf_key *c, keylist *kept)
{
	if (c->keep || h->corrupt) {
		/* Damaged now: kept as loaded, as a list would be. */
		if (!h->corrupt)
			unload(h, c);
		return keylist_add(kept, c);
	}
	unload(h, c);
	forget_tree(h, c);
	return 0;
}

sf_status
sf_key_stream(sf_hive *h, sf_key *k, sf_stream_fn *fn, void *arg, int *done)
{
	uint64_t	*rec = NULL;
	size_t		 n = 0, i, j = 0, nold = k->nchild;
	sf_key		**old = k->child, *c;
	keylist		 kept = { NULL, 0, 0 };
	sf_status	 st = SF_OK;
	int		 stop = 0, oom, rc;

	*done = 0;
	if (h->ops == NULL || h->ops->child_records == NULL || h->corrupt ||
	    !h->tree_sound || !h->unload_ok || k->children_loaded ||
	    k->repeated || k->depth >= SF_MAX_DEPTH)
		return SF_OK;
	if ((rc = h->ops->child_records(h, k, &rec, &n)) == -2) {
		h->oom = 1;
		return SF_ERR_NOMEM;
	}
	if (rc != 0)
		return SF_OK;	/* loaded as usual, which says what is wrong */
	*done = 1;
	k->child = NULL;	/* the kept keys are the stream's meanwhile */
	k->nchild = 0;
	for (i = 0; i < n && !stop; i++) {
		if (j < nold && old[j]->offset == rec[i])
			c = old[j++];
		else if ((c = h->ops->child_at(h, k, rec[i], &oom)) == NULL) {
			if (oom) {
				st = SF_ERR_NOMEM;
				break;
			}
			continue;	/* not in a sound tree */
		}
		stop = fn(arg, h, c);
		if (stream_done(h, c, &kept) == -1) {
			st = SF_ERR_NOMEM;
			break;
		}
		if (k->children_loaded) {
			/* fn loaded the list: the kept keys have twins there. */
			/* old is NULL when k had no kept subkeys. */
			if ((st = stream_rejoin(h, k, &kept, old != NULL ?
			    old + j : NULL, nold - j)) != SF_OK)
				break;
			j = nold;
			kept.n = 0;
			for (i++; i < k->nchild && !stop; i++) {
				stop = fn(arg, h, k->child[i]);
				sf_key_unload(h, k->child[i]);
			}
			break;
		}
	}
	if (!k->children_loaded) {
		/* Stopped early: the kept keys not met stay kept. */
		for (; j < nold && st == SF_OK; j++)
			if (keylist_add(&kept, old[j]) == -1)
				st = SF_ERR_NOMEM;
		k->child = kept.v;
		k->nchild = kept.n;
		kept.v = NULL;
	}
	free(kept.v);
	free(old);
	free(rec);
	if (st == SF_ERR_NOMEM)
		h->oom = 1;
	return st;
}
