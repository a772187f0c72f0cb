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
 * Compaction: a hive written anew with only what its root reaches, cell
 * after cell, so that the space of deleted keys (100,000 stale ports)
 * is given back, as Windows does when it reorganizes a hive.  Every
 * cell is copied whole (its bytes, so names, flags, time stamps, classes,
 * security descriptors and data stay exactly as they were) and only the
 * offsets in it are changed: a first pass copies, a second maps each
 * offset field to the cell's new place.  The ring of security
 * descriptors keeps its order.  Bins are 4 KiB, larger only for a cell
 * that needs it; the base block keeps its fields but the root, the
 * size and the checksum.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/regf.h"
#include "write/regf_compact.h"
#include "write/regf_edit.h"

#define NONE		0xFFFFFFFFu
#define BIN_HDR		32
#define MAX_CELLS	((size_t)1 << 26)
#define OPEN_BINS	16

typedef struct omap {
	uint32_t	*key, *val;
	size_t		 cap, n;
} omap;

typedef struct u32v {
	uint32_t	*v;
	size_t		 n, cap;
} u32v;

typedef struct cx {
	const uint8_t	*in;
	size_t		 insize;
	unsigned	 minor;
	uint8_t		*out;
	size_t		 size, cap;
	uint32_t	 fill[OPEN_BINS];	/* open bins: next free byte */
	uint32_t	 end[OPEN_BINS];	/* and end (relative) */
	size_t		 nopen;
	omap		 map;
	u32v		 nks, sks, stack, big;
	int		 oom;
} cx;

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static size_t
slot(const omap *m, uint32_t k)
{
	return (size_t)((k * 0x9E3779B1u) >> 3) & (m->cap - 1);
}

static uint32_t
map_get(const omap *m, uint32_t k)
{
	size_t h;

	if (m->cap == 0)
		return NONE;
	for (h = slot(m, k); m->key[h] != NONE; h = (h + 1) & (m->cap - 1))
		if (m->key[h] == k)
			return m->val[h];
	return NONE;
}

static int
map_put(omap *m, uint32_t k, uint32_t v)
{
	omap	 n;
	size_t	 i, h;

	if ((m->n + 1) * 2 > m->cap) {
		n.cap = m->cap ? 2 * m->cap : 4096;
		n.n = 0;
		if ((n.key = malloc(n.cap * sizeof(*n.key))) == NULL ||
		    (n.val = malloc(n.cap * sizeof(*n.val))) == NULL) {
			free(n.key);
			return -1;
		}
		memset(n.key, 0xFF, n.cap * sizeof(*n.key));
		for (i = 0; i < m->cap; i++)
			if (m->key[i] != NONE) {
				for (h = slot(&n, m->key[i]); n.key[h] != NONE;
				    h = (h + 1) & (n.cap - 1))
					;
				n.key[h] = m->key[i];
				n.val[h] = m->val[i];
				n.n++;
			}
		free(m->key);
		free(m->val);
		*m = n;
	}
	for (h = slot(m, k); m->key[h] != NONE && m->key[h] != k;
	    h = (h + 1) & (m->cap - 1))
		;
	if (m->key[h] == NONE)
		m->n++;
	m->key[h] = k;
	m->val[h] = v;
	return 0;
}

static int
push(u32v *v, uint32_t x)
{
	uint32_t *nv;

	if (v->n == v->cap) {
		if ((nv = sf_reallocarray(v->v, v->cap ? 2 * v->cap : 256,
		    sizeof(*nv))) == NULL)
			return -1;
		v->v = nv;
		v->cap = v->cap ? 2 * v->cap : 256;
	}
	v->v[v->n++] = x;
	return 0;
}

/* The data of the input's allocated cell at r, with its length. */
static const uint8_t *
in_cell(const cx *c, uint32_t r, size_t *len)
{
	return re_cell_data(c->in, c->insize, r, len);
}

/* The output's cell data at new offset r. */
static uint8_t *
out_cell(const cx *c, uint32_t r)
{
	return c->out + SF_REGF_BASE + r + 4;
}

static int
grow(cx *c, size_t need)
{
	uint8_t	*np;
	size_t	 nc;

	if (c->size + need <= c->cap)
		return 0;
	nc = c->cap * 2 > c->size + need ? c->cap * 2 : c->size + need;
	if ((np = realloc(c->out, nc)) == NULL)
		return -1;
	c->out = np;
	c->cap = nc;
	return 0;
}

/* Ends an open bin: what is left of it becomes one free cell. */
static void
retire(cx *c, size_t i)
{
	if (c->fill[i] < c->end[i])
		put32(c->out + SF_REGF_BASE + c->fill[i], c->end[i] -
		    c->fill[i]);
	c->fill[i] = c->fill[--c->nopen];
	c->end[i] = c->end[c->nopen];
}

/* A new bin of bs bytes at the end of the output; its first cell. */
static uint32_t
new_bin(cx *c, size_t bs)
{
	uint32_t r = (uint32_t)(c->size - SF_REGF_BASE);
	uint8_t	*h;

	if (c->size + bs > (size_t)0x7FFFF000 || grow(c, bs) == -1)
		return NONE;
	h = c->out + c->size;
	memset(h, 0, bs);
	memcpy(h, "hbin", 4);
	put32(h + 4, r);
	put32(h + 8, (uint32_t)bs);
	if (r == 0)	/* the first bin's time, as it was */
		memcpy(h + 20, c->in + SF_REGF_BASE + 20, 8);
	c->size += bs;
	return r + BIN_HDR;
}

/*
 * Room for a small cell: first fit in the last few open 4 KiB bins, so
 * that a cell that does not fit leaves its bin open for smaller ones
 * (as Windows fills a bin's tail), else a new bin.
 */
static uint32_t
place(cx *c, uint32_t total)
{
	uint32_t r;
	size_t	 i, worst = 0;

	for (i = 0; i < c->nopen; i++)
		if (c->end[i] - c->fill[i] >= total) {
			r = c->fill[i];
			c->fill[i] += total;
			return r;
		}
	if (c->nopen == OPEN_BINS) {
		for (i = 1; i < c->nopen; i++)
			if (c->end[i] - c->fill[i] < c->end[worst] -
			    c->fill[worst])
				worst = i;
		retire(c, worst);
	}
	if ((r = new_bin(c, 4096)) == NONE)
		return NONE;
	c->fill[c->nopen] = r + total;
	c->end[c->nopen++] = r - BIN_HDR + 4096;
	return r;
}

/*
 * Cells too big for a 4 KiB bin (db segments of 16 KiB, long lists)
 * are placed after all the others, each in a bin sized to it, so that
 * none leaves a half-empty bin behind.  Until then they are mapped to
 * BIG | their index.
 */
#define BIG	0x80000000u

static int
place_big(cx *c)
{
	size_t		 i, len, bs;
	uint32_t	 r, old;
	const uint8_t	*d;

	while (c->nopen > 0)
		retire(c, 0);
	for (i = 0; i < c->big.n; i++) {
		old = c->big.v[i];
		if ((d = in_cell(c, old, &len)) == NULL)
			return -1;
		bs = (len + 4 + BIN_HDR + 4095) & ~(size_t)4095;
		if ((r = new_bin(c, bs)) == NONE || map_put(&c->map, old,
		    r) == -1)
			return -1;
		put32(c->out + SF_REGF_BASE + r, (uint32_t)-(int32_t)(len +
		    4));
		memcpy(out_cell(c, r), d, len);
		if (bs - BIN_HDR > len + 4)
			put32(c->out + SF_REGF_BASE + r + len + 4, (uint32_t)(bs -
			    BIN_HDR - len - 4));
	}
	return 0;
}

/* Copies the input's cell at r once; its new offset, or NONE. */
static uint32_t
copy(cx *c, uint32_t r)
{
	const uint8_t	*d;
	size_t		 len;
	uint32_t	 n, total;

	if ((n = map_get(&c->map, r)) != NONE)
		return n;
	if ((d = in_cell(c, r, &len)) == NULL)
		return NONE;
	total = (uint32_t)(len + 4);
	if (c->map.n >= MAX_CELLS) {
		c->oom = 1;
		return NONE;
	}
	if (total > 4096 - BIN_HDR) {
		n = BIG | (uint32_t)c->big.n;
		if (push(&c->big, r) == -1 || map_put(&c->map, r, n) == -1)
			c->oom = 1;
		return n;
	}
	if ((n = place(c, total)) == NONE || map_put(&c->map, r, n) == -1) {
		c->oom = 1;
		return NONE;
	}
	put32(c->out + SF_REGF_BASE + n, (uint32_t)-(int32_t)total);
	memcpy(out_cell(c, n), d, len);
	return n;
}

static int
is_db(const cx *c, uint32_t size, uint32_t off)
{
	const uint8_t	*d;
	size_t		 len;

	return size > SF_REGF_CELL_DATA_MAX && c->minor >= 4 &&
	    (d = in_cell(c, off, &len)) != NULL && len >= 8 &&
	    memcmp(d, "db", 2) == 0;
}

/* Pass 1 for one key: its cells, and its subkeys onto the stack. */
static void
copy_key(cx *c, uint32_t r)
{
	const uint8_t	*nk, *l, *vl, *vk, *db, *sl, *leaf;
	size_t		 len, ll, i, j, n, es;
	uint32_t	 size, off;

	if (copy(c, r) == NONE || (nk = in_cell(c, r, &len)) == NULL ||
	    len < 76 || push(&c->nks, r) == -1) {
		c->oom = 1;
		return;
	}
	if (sf_le16(nk + 74) > 0)
		copy(c, sf_le32(nk + 48));
	if (map_get(&c->map, sf_le32(nk + 44)) == NONE &&
	    copy(c, sf_le32(nk + 44)) != NONE)
		push(&c->sks, sf_le32(nk + 44));
	n = sf_le32(nk + 36);
	if (n > 0 && copy(c, sf_le32(nk + 40)) != NONE &&
	    (vl = in_cell(c, sf_le32(nk + 40), &ll)) != NULL) {
		for (i = 0; i < n && 4 * i + 4 <= ll; i++) {
			copy(c, sf_le32(vl + 4 * i));
			if ((vk = in_cell(c, sf_le32(vl + 4 * i), &len)) ==
			    NULL || len < 20)
				continue;
			size = sf_le32(vk + 4);
			off = sf_le32(vk + 8);
			if ((size & 0x80000000u) || size == 0 || off == NONE)
				continue;
			copy(c, off);
			if (!is_db(c, size, off))
				continue;
			db = in_cell(c, off, &len);
			copy(c, sf_le32(db + 4));
			if ((sl = in_cell(c, sf_le32(db + 4), &len)) == NULL)
				continue;
			for (j = 0; j < sf_le16(db + 2) && 4 * j + 4 <= len;
			    j++)
				copy(c, sf_le32(sl + 4 * j));
		}
	}
	if (sf_le32(nk + 20) == 0 || copy(c, sf_le32(nk + 28)) == NONE ||
	    (l = in_cell(c, sf_le32(nk + 28), &ll)) == NULL || ll < 4)
		return;
	for (i = 0; i < (memcmp(l, "ri", 2) == 0 ? sf_le16(l + 2) : 1);
	    i++) {
		leaf = l;
		len = ll;
		if (memcmp(l, "ri", 2) == 0) {
			if (4 + 4 * i + 4 > ll || copy(c, sf_le32(l + 4 +
			    4 * i)) == NONE || (leaf = in_cell(c, sf_le32(l +
			    4 + 4 * i), &len)) == NULL || len < 4)
				continue;
		}
		es = memcmp(leaf, "li", 2) == 0 ? 4 : 8;
		for (j = 0; j < sf_le16(leaf + 2) && 4 + (j + 1) * es <= len;
		    j++)
			if (push(&c->stack, sf_le32(leaf + 4 + j * es)) == -1)
				c->oom = 1;
	}
}

/* An offset field of an output cell, mapped to the new offsets. */
static void
remap(cx *c, uint8_t *field)
{
	uint32_t old = sf_le32(field), n;

	if (old != NONE && (n = map_get(&c->map, old)) != NONE)
		put32(field, n);
}

/* Pass 2 for one key: every offset in its cells. */
static void
fix_key(cx *c, uint32_t r, uint32_t root)
{
	const uint8_t	*nk, *vk;
	uint8_t		*o, *ov, *l, *leaf, *db, *sl;
	size_t		 len, i, j, es;
	uint32_t	 n, size, nr = map_get(&c->map, r), cnt, old, nv;

	nk = in_cell(c, r, &len);
	o = out_cell(c, nr);
	if (r != root)
		remap(c, o + 16);
	remap(c, o + 28);
	remap(c, o + 40);
	remap(c, o + 44);
	if (sf_le16(nk + 74) > 0)
		remap(c, o + 48);
	cnt = sf_le32(nk + 36);
	if (cnt > 0 && (n = map_get(&c->map, sf_le32(nk + 40))) != NONE) {
		ov = out_cell(c, n);
		for (i = 0; i < cnt; i++) {
			old = sf_le32(ov + 4 * i);
			if ((nv = map_get(&c->map, old)) == NONE)
				continue;
			put32(ov + 4 * i, nv);
			if ((vk = in_cell(c, old, &len)) == NULL || len < 20)
				continue;
			size = sf_le32(vk + 4);
			if ((size & 0x80000000u) || size == 0 ||
			    sf_le32(vk + 8) == NONE)
				continue;
			if (is_db(c, size, sf_le32(vk + 8)) &&
			    (n = map_get(&c->map, sf_le32(vk + 8))) != NONE) {
				db = out_cell(c, n);
				if ((n = map_get(&c->map, sf_le32(db + 4))) !=
				    NONE) {
					sl = out_cell(c, n);
					for (j = 0; j < sf_le16(db + 2); j++)
						remap(c, sl + 4 * j);
				}
				remap(c, db + 4);
			}
			remap(c, out_cell(c, nv) + 8);
		}
	}
	if (sf_le32(nk + 20) == 0 || (n = map_get(&c->map,
	    sf_le32(nk + 28))) == NONE)
		return;
	l = out_cell(c, n);
	for (i = 0; i < (memcmp(l, "ri", 2) == 0 ? sf_le16(l + 2) : 1);
	    i++) {
		leaf = l;
		if (memcmp(l, "ri", 2) == 0) {
			if ((n = map_get(&c->map, sf_le32(l + 4 + 4 * i))) ==
			    NONE)
				continue;
			leaf = out_cell(c, n);
			remap(c, l + 4 + 4 * i);
		}
		es = memcmp(leaf, "li", 2) == 0 ? 4 : 8;
		for (j = 0; j < sf_le16(leaf + 2); j++)
			remap(c, leaf + 4 + j * es);
	}
}

/* The ring of copied security descriptors, in the input's order. */
static void
fix_sks(cx *c)
{
	uint32_t	*ring, first, at, nf;
	size_t		 n = 0, i, len, guard;
	const uint8_t	*d;

	if (c->sks.n == 0)
		return;
	if ((ring = sf_calloc(c->sks.n, sizeof(*ring))) == NULL) {
		c->oom = 1;
		return;
	}
	first = at = c->sks.v[0];
	for (guard = 0; guard <= c->insize / 8 && n < c->sks.n; guard++) {
		if (map_get(&c->map, at) != NONE)
			ring[n++] = at;
		if ((d = in_cell(c, at, &len)) == NULL || len < 12 ||
		    (at = sf_le32(d + 4)) == first)
			break;
	}
	if (n != c->sks.n)	/* a broken ring: the order they were met */
		memcpy(ring, c->sks.v, (n = c->sks.n) * sizeof(*ring));
	for (i = 0; i < n; i++) {
		nf = map_get(&c->map, ring[(i + 1) % n]);
		put32(out_cell(c, map_get(&c->map, ring[i])) + 4, nf);
		put32(out_cell(c, nf) + 8, map_get(&c->map, ring[i]));
	}
	free(ring);
}

sf_status
regf_compact(const uint8_t *in, size_t insize, uint8_t **out,
    size_t *outsize, sf_error **errp)
{
	cx		 c;
	uint32_t	 root, sum;
	size_t		 i;
	sf_status	 rc = SF_OK;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.in = in;
	c.insize = insize;
	c.minor = sf_le32(in + 24);
	root = sf_le32(in + 36);
	if ((c.out = malloc(SF_REGF_BASE + 4096)) == NULL)
		return sf_err_nomem(errp);
	c.cap = SF_REGF_BASE + 4096;
	memcpy(c.out, in, SF_REGF_BASE);
	c.size = SF_REGF_BASE;
	if (push(&c.stack, root) == -1)
		c.oom = 1;
	while (c.stack.n > 0 && !c.oom)
		copy_key(&c, c.stack.v[--c.stack.n]);
	if (!c.oom && place_big(&c) == -1)
		c.oom = 1;
	if (!c.oom) {
		for (i = 0; i < c.nks.n; i++)
			fix_key(&c, c.nks.v[i], root);
		fix_sks(&c);
	}
	if (c.oom || map_get(&c.map, root) == NONE)
		rc = c.oom ? sf_err_nomem(errp) : sf_err(errp, SF_ERR_FORMAT,
		    NULL, "the hive's root key cannot be read");
	else {
		put32(c.out + 36, map_get(&c.map, root));
		put32(c.out + 40, (uint32_t)(c.size - SF_REGF_BASE));
		for (i = 0; i < 2; i++) {
			sum = sf_regf_checksum(c.out);
			if (sum != 0 && sum != 0xFFFFFFFFu)
				break;
			put32(c.out + 12, sf_le32(c.out + 12) + 1);
		}
		put32(c.out + 508, sum);
		*out = c.out;
		*outsize = c.size;
		c.out = NULL;
	}
	free(c.out);
	free(c.map.key);
	free(c.map.val);
	free(c.nks.v);
	free(c.sks.v);
	free(c.stack.v);
	free(c.big.v);
	return rc;
}
