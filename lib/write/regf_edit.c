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
 * spoolfix's own hive editor, in memory (see regf_edit.h and
 * ../shared/docs/regf-format.md, sections 3, 5 and 6).
 *
 * Cells.  A freed cell is marked free and merged with free neighbours in
 * its hive bin; new cells come from free cells first (size classes, so
 * finding one does not scan the hive), then from a new bin at the end.
 * The file never grows while freed space fits, which is what keeps a
 * repair of 100,000 ports from bloating the hive.
 *
 * Subkey lists.  A key whose subkeys change gets its list as a sorted
 * array (offset and lf hint or lh hash per entry, kept as read); at the
 * end the array is written as a new list of the same form (lf, lh or
 * li, under an ri when the old one was) and the old list cells are
 * freed.  So deleting 20,000 of 60,000 ports costs one list, not 20,000
 * copies of it, and any list form works, li and ri included.  Names sort
 * by upper-cased UTF-16 units, as Windows sorts them.
 *
 * Deleting a key frees its subtree post-order: values and their data
 * (db records, segment lists and segments too), value lists, subkey
 * lists, class names, the nk, and one reference of its security
 * descriptor, unlinked and freed at zero.
 *
 * The input was checked by spoolfix's reader (the job refuses damaged
 * hives); every offset is still checked before use.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "hive/regf.h"
#include "write/regf_edit.h"

#define BIN_HDR		32
#define NBUCKET		24
#define BIG_SEGMENT	SF_REGF_CELL_DATA_MAX
#define LEAF_MAX	65535u		/* a leaf counts in 16 bits */
#define MAX_DEPTH	512

/* nk fields, from the start of the cell's data. */
#define NK_FLAGS	2
#define NK_TIME		4
#define NK_PARENT	16
#define NK_NSUB		20
#define NK_SUBLIST	28
#define NK_NVAL		36
#define NK_VALLIST	40
#define NK_SK		44
#define NK_CLASS	48
#define NK_MAXNAME	52
#define NK_MAXVNAME	60
#define NK_MAXDATA	64
#define NK_NAMELEN	72
#define NK_CLASSLEN	74
#define NK_NAME		76
#define NK_COMP		0x0020

#define VK_NAMELEN	2
#define VK_SIZE		4
#define VK_DATA		8
#define VK_TYPE		12
#define VK_FLAGS	16
#define VK_NAME		20

typedef struct fcell {
	uint32_t	 off, size;
} fcell;

typedef struct bucket {
	fcell		*v;
	size_t		 n, cap;
} bucket;

/*
 * The free cells, offset to size: the truth the buckets' entries are
 * checked against (a bucket entry goes stale when its cell is merged
 * into a neighbour or taken).
 */
typedef struct freemap {
	uint32_t	*key;		/* FM_EMPTY, FM_GONE or an offset */
	uint32_t	*val;
	size_t		 cap, used;	/* used counts FM_GONE too */
} freemap;

#define FM_EMPTY	0xFFFFFFFFu
#define FM_GONE		0xFFFFFFFEu

/* The subkeys of one key, while it is being edited. */
typedef struct kids {
	uint32_t	 key;
	uint32_t	*off;
	uint32_t	*word;		/* lf hint or lh hash, as stored */
	size_t		 n, cap;
	char		 form;		/* 'f' lf, 'h' lh, 'i' li */
	int		 ri;		/* leaves under an ri */
	size_t		 per_leaf;
	uint32_t	*old;		/* the list cells to free at the end */
	size_t		 nold;
	int		 sorted;	/* 0 not known yet, 1 yes, -1 no */
} kids;

struct re_image {
	uint8_t		*p;
	size_t		 size, cap;
	unsigned	 minor;
	uint32_t	*bin;		/* bin starts (relative), ascending */
	size_t		 nbin;
	bucket		 b[NBUCKET];
	freemap		 fm;
	kids		*k;
	size_t		 nk;
	uint64_t	 now;		/* FILETIME */
};

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static sf_status
bad(sf_error **errp, const char *what)
{
	return sf_err(errp, SF_ERR_FORMAT, "nothing was changed; restore the "
	    "hive from a backup or let Windows repair it, then scan again",
	    "the hive's structure is not what its check found: %s", what);
}

/* ---- cells ---- */

const uint8_t *
re_cell_data(const uint8_t *img, size_t size, uint32_t r, size_t *len)
{
	size_t	 a = SF_REGF_BASE + (size_t)r;
	int32_t	 s;

	if (r == RE_NONE || (r & 7) != 0 || a + 4 > size)
		return NULL;
	s = (int32_t)sf_le32(img + a);
	if (s >= 0 || s == INT32_MIN || (size_t)-s < 8 ||
	    a + (size_t)-s > size)
		return NULL;
	if (len != NULL)
		*len = (size_t)-s - 4;
	return img + a + 4;
}

/* The data of the image's allocated cell at r and its length, or NULL. */
static uint8_t *
cell(const re_image *im, uint32_t r, size_t *len)
{
	const uint8_t *d = re_cell_data(im->p, im->size, r, len);

	/* The image is ours to edit: the pointer is into im->p. */
	return d != NULL ? im->p + (d - im->p) : NULL;
}

/* The data of the cell at r when it is at least n bytes, or NULL. */
static uint8_t *
cell_n(const re_image *im, uint32_t r, size_t n)
{
	size_t	 len;
	uint8_t	*d = cell(im, r, &len);

	return d != NULL && len >= n ? d : NULL;
}

static size_t
fm_slot(const freemap *m, uint32_t off)
{
	return (size_t)((off * 0x9E3779B1u) >> 3) & (m->cap - 1);
}

static int
fm_grow(freemap *m)
{
	freemap	 n;
	size_t	 i, h;

	n.cap = m->cap ? 2 * m->cap : 1024;
	while (n.cap < 4 * m->used)
		n.cap *= 2;
	n.used = 0;
	if ((n.key = sf_calloc(n.cap, sizeof(*n.key))) == NULL ||
	    (n.val = sf_calloc(n.cap, sizeof(*n.val))) == NULL) {
		free(n.key);
		return -1;
	}
	memset(n.key, 0xFF, n.cap * sizeof(*n.key));
	for (i = 0; i < m->cap; i++) {
		if (m->key[i] >= FM_GONE)
			continue;
		for (h = fm_slot(&n, m->key[i]); n.key[h] != FM_EMPTY;
		    h = (h + 1) & (n.cap - 1))
			;
		n.key[h] = m->key[i];
		n.val[h] = m->val[i];
		n.used++;
	}
	free(m->key);
	free(m->val);
	*m = n;
	return 0;
}

/* The slot of off, or of the first empty one after its chain. */
static size_t
fm_find(const freemap *m, uint32_t off)
{
	size_t h;

	for (h = fm_slot(m, off); m->key[h] != FM_EMPTY && m->key[h] != off;
	    h = (h + 1) & (m->cap - 1))
		;
	return h;
}

static uint32_t
fm_get(const freemap *m, uint32_t off)
{
	size_t h;

	if (m->cap == 0)
		return 0;
	h = fm_find(m, off);
	return m->key[h] == off ? m->val[h] : 0;
}

static void
fm_del(freemap *m, uint32_t off)
{
	size_t h;

	if (m->cap == 0)
		return;
	h = fm_find(m, off);
	if (m->key[h] == off)
		m->key[h] = FM_GONE;
}

static int
fm_put(freemap *m, uint32_t off, uint32_t size)
{
	size_t h;

	if ((m->used + 1) * 2 > m->cap && fm_grow(m) == -1)
		return -1;
	h = fm_find(m, off);
	if (m->key[h] != off) {
		m->key[h] = off;
		m->used++;
	}
	m->val[h] = size;
	return 0;
}

static unsigned
size_class(size_t s)
{
	unsigned c = 0;

	for (s /= 8; s > 1 && c < NBUCKET - 1; s /= 2)
		c++;
	return c;
}

static int
push_free(re_image *im, uint32_t off, uint32_t size)
{
	bucket	*b = &im->b[size_class(size)];
	fcell	*nv;

	if (fm_put(&im->fm, off, size) == -1)
		return -1;
	if (b->n == b->cap) {
		if ((nv = sf_reallocarray(b->v, b->cap ? 2 * b->cap : 64,
		    sizeof(*nv))) == NULL)
			return -1;
		b->v = nv;
		b->cap = b->cap ? 2 * b->cap : 64;
	}
	b->v[b->n].off = off;
	b->v[b->n++].size = size;
	return 0;
}

/* The bin holding relative offset r: its start and end. */
static int
bin_of(const re_image *im, uint32_t r, uint32_t *start, uint32_t *end)
{
	size_t lo = 0, hi = im->nbin, mid;

	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (im->bin[mid] <= r)
			lo = mid;
		else
			hi = mid;
	}
	if (im->nbin == 0 || im->bin[lo] > r)
		return -1;
	*start = im->bin[lo];
	*end = *start + sf_le32(im->p + SF_REGF_BASE + *start + 8);
	return 0;
}

static int32_t
size_at(const re_image *im, uint32_t r)
{
	return (int32_t)sf_le32(im->p + SF_REGF_BASE + r);
}

/*
 * Frees the cell at r, merged with a free cell after it.  A free cell
 * before it is merged at the end (merge_free), in one pass over the
 * bins: finding it now would walk the bin from its start, and a hive
 * may be one bin of many megabytes.
 */
static int
cell_free(re_image *im, uint32_t r)
{
	uint32_t start, end, s;
	int32_t	 n;

	if (r == RE_NONE || cell(im, r, NULL) == NULL ||
	    bin_of(im, r, &start, &end) == -1)
		return 0;	/* nothing to free, or not a cell: leave it */
	s = (uint32_t)-size_at(im, r);
	/* The next cell, if free: absorbed, its header cleared. */
	while (r + s < end && (n = size_at(im, r + s)) > 0 &&
	    r + s + (uint32_t)n <= end && fm_get(&im->fm, r + s) ==
	    (uint32_t)n) {
		fm_del(&im->fm, r + s);
		put32(im->p + SF_REGF_BASE + r + s, 0);
		s += (uint32_t)n;
	}
	put32(im->p + SF_REGF_BASE + r, s);
	return push_free(im, r, s);
}

/* Merges every run of adjacent free cells into one, bin by bin. */
static void
merge_free(re_image *im)
{
	size_t	 i;
	uint32_t at, end, run;
	int32_t	 n;

	for (i = 0; i < im->nbin; i++) {
		end = im->bin[i] + sf_le32(im->p + SF_REGF_BASE + im->bin[i] +
		    8);
		run = RE_NONE;
		for (at = im->bin[i] + BIN_HDR; at + 4 <= end;
		    at += (uint32_t)(n < 0 ? -n : n)) {
			n = size_at(im, at);
			if (n == 0 || n == INT32_MIN)
				break;
			if (n < 0) {
				run = RE_NONE;
				continue;
			}
			if (run == RE_NONE) {
				run = at;
				continue;
			}
			put32(im->p + SF_REGF_BASE + run,
			    (uint32_t)size_at(im, run) + (uint32_t)n);
			put32(im->p + SF_REGF_BASE + at, 0);
		}
	}
}

static int
add_bin(re_image *im, size_t need)
{
	size_t	 bs = (need + BIN_HDR + 4095) & ~(size_t)4095, nc;
	uint32_t r = (uint32_t)(im->size - SF_REGF_BASE), *nb;
	uint8_t	*np, *h;

	if (im->size + bs > (size_t)0x7FFFF000)
		return -1;
	if (im->size + bs > im->cap) {
		nc = im->cap * 2 > im->size + bs ? im->cap * 2 : im->size + bs;
		if ((np = realloc(im->p, nc)) == NULL)
			return -1;
		im->p = np;
		im->cap = nc;
	}
	if ((nb = sf_reallocarray(im->bin, im->nbin + 1, sizeof(*nb))) ==
	    NULL)
		return -1;
	im->bin = nb;
	im->bin[im->nbin++] = r;
	h = im->p + im->size;
	memset(h, 0, bs);
	memcpy(h, "hbin", 4);
	put32(h + 4, r);
	put32(h + 8, (uint32_t)bs);
	im->size += bs;
	put32(h + BIN_HDR, (uint32_t)(bs - BIN_HDR));
	return push_free(im, r + BIN_HDR, (uint32_t)(bs - BIN_HDR));
}

/* Takes free cell f (checked) for 'need' bytes, splitting off the rest. */
static uint32_t
take(re_image *im, fcell f, uint32_t need)
{
	fm_del(&im->fm, f.off);
	if (f.size - need >= 8) {
		put32(im->p + SF_REGF_BASE + f.off + need, f.size - need);
		if (push_free(im, f.off + need, f.size - need) == -1)
			return RE_NONE;
	} else
		need = f.size;
	put32(im->p + SF_REGF_BASE + f.off, (uint32_t)-(int32_t)need);
	memset(im->p + SF_REGF_BASE + f.off + 4, 0, need - 4);
	return f.off;
}

/* A new cell of at least len data bytes, zeroed; RE_NONE when no memory. */
static uint32_t
cell_alloc(re_image *im, size_t len)
{
	uint32_t need;
	unsigned c;
	size_t	 i, tries;
	bucket	*b;
	fcell	 f;
	int	 round;

	if (len > 0x7FFFFFF0u - 16)
		return RE_NONE;
	need = (uint32_t)((len + 4 + 7) & ~(size_t)7);
	for (round = 0; round < 2; round++) {
		for (c = size_class(need); c < NBUCKET; c++) {
			b = &im->b[c];
			for (i = b->n, tries = 0; i > 0 && tries < 64; tries++) {
				f = b->v[--i];
				/* Stale: merged away or taken since. */
				if (fm_get(&im->fm, f.off) != f.size ||
				    size_at(im, f.off) != (int32_t)f.size) {
					b->v[i] = b->v[--b->n];
					continue;
				}
				if (f.size < need)
					continue;
				b->v[i] = b->v[--b->n];
				return take(im, f, need);
			}
		}
		if (round == 0 && add_bin(im, need) == -1)
			return RE_NONE;
	}
	return RE_NONE;
}

/* ---- names ---- */

/* The name of nk r as UTF-16 (a copy), or NULL (*oom set when that is
 * for want of memory). */
static uint16_t *
nk_name(const re_image *im, uint32_t r, size_t *n, int *oom)
{
	size_t	  len, nb, i;
	uint8_t	 *d = cell_n(im, r, NK_NAME);
	uint16_t *u;
	int	  comp;

	*oom = 0;
	if (d == NULL || memcmp(d, "nk", 2) != 0)
		return NULL;
	cell(im, r, &len);
	nb = sf_le16(d + NK_NAMELEN);
	comp = (sf_le16(d + NK_FLAGS) & NK_COMP) != 0;
	if (NK_NAME + nb > len)
		return NULL;
	*n = comp ? nb : nb / 2;
	if ((u = sf_calloc(*n + 1, sizeof(*u))) == NULL) {
		*oom = 1;
		return NULL;
	}
	for (i = 0; i < *n; i++)
		u[i] = comp ? d[NK_NAME + i] : sf_le16(d + NK_NAME + 2 * i);
	return u;
}

static int
latin1(const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] > 0xFF)
			return 0;
	return 1;
}

static void
put_name(uint8_t *p, const uint16_t *u, size_t n, int comp)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (comp)
			p[i] = (uint8_t)u[i];
		else
			put16(p + 2 * i, u[i]);
}

static uint32_t
entry_word(char form, const uint16_t *u, size_t n)
{
	uint32_t h = 0;
	size_t	 i;

	if (form == 'h') {
		for (i = 0; i < n; i++)
			h = 37 * h + sf_u16_upper(u[i]);
		return h;
	}
	if (form == 'f') {	/* the first 4 characters, 0 if not ASCII */
		for (i = 0; i < 4; i++)
			h |= (uint32_t)(i < n && u[i] <= 0x7F ? u[i] : 0) <<
			    (8 * i);
		return h;
	}
	return 0;
}

/* ---- subkey lists ---- */

static void
kids_free(kids *k)
{
	free(k->off);
	free(k->word);
	free(k->old);
}

static int
kids_push(kids *k, uint32_t off, uint32_t word)
{
	uint32_t *no, *nw;
	size_t	  nc;

	if (k->n == k->cap) {
		nc = k->cap ? 2 * k->cap : 16;
		if ((no = sf_reallocarray(k->off, nc, sizeof(*no))) == NULL)
			return -2;
		k->off = no;
		if ((nw = sf_reallocarray(k->word, nc, sizeof(*nw))) == NULL)
			return -2;
		k->word = nw;
		k->cap = nc;
	}
	k->off[k->n] = off;
	k->word[k->n++] = word;
	return 0;
}

static int
old_push(kids *k, uint32_t r)
{
	uint32_t *no;

	if ((no = sf_reallocarray(k->old, k->nold + 1, sizeof(*no))) == NULL)
		return -2;
	k->old = no;
	k->old[k->nold++] = r;
	return 0;
}

/* Reads one leaf (lf, lh, li) into k: -1 damaged, -2 out of memory. */
static int
read_leaf(re_image *im, kids *k, uint32_t r)
{
	size_t	 len, n, i, es;
	int	 rc;
	uint8_t	*d = cell_n(im, r, 4);

	if (d == NULL)
		return -1;
	cell(im, r, &len);
	if (memcmp(d, "lf", 2) == 0 || memcmp(d, "lh", 2) == 0)
		es = 8;
	else if (memcmp(d, "li", 2) == 0)
		es = 4;
	else
		return -1;
	if (k->form == 0)
		k->form = es == 4 ? 'i' : d[1] == 'f' ? 'f' : 'h';
	n = sf_le16(d + 2);
	if (4 + n * es > len)
		return -1;
	if (n > k->per_leaf)
		k->per_leaf = n;
	for (i = 0; i < n; i++)
		if ((rc = kids_push(k, sf_le32(d + 4 + i * es), es == 8 ?
		    sf_le32(d + 8 + i * es) : 0)) != 0)
			return rc;
	return old_push(k, r);
}

/* The subkey list of nk 'key' as an array (read on first use). */
static kids *
kids_of(re_image *im, uint32_t key, sf_error **errp)
{
	kids	*k, *nk;
	uint8_t	*d, *l;
	uint32_t list;
	size_t	 i, n, len;
	int	 rc = -1;

	for (i = 0; i < im->nk; i++)
		if (im->k[i].key == key)
			return &im->k[i];
	if ((d = cell_n(im, key, NK_NAME)) == NULL) {
		bad(errp, "a key record is missing");
		return NULL;
	}
	if ((nk = sf_reallocarray(im->k, im->nk + 1, sizeof(*nk))) == NULL) {
		sf_err_nomem(errp);
		return NULL;
	}
	im->k = nk;
	k = &im->k[im->nk++];
	memset(k, 0, sizeof(*k));
	k->key = key;
	list = sf_le32(d + NK_SUBLIST);
	if (sf_le32(d + NK_NSUB) == 0 || list == RE_NONE) {
		k->form = im->minor >= 5 ? 'h' : 'f';
		return k;
	}
	if ((l = cell_n(im, list, 4)) == NULL)
		goto damaged;
	if (memcmp(l, "ri", 2) == 0) {
		cell(im, list, &len);
		n = sf_le16(l + 2);
		k->ri = 1;
		if (4 + 4 * n > len || (rc = old_push(k, list)) != 0)
			goto damaged;
		for (i = 0; i < n; i++)
			if ((rc = read_leaf(im, k, sf_le32(cell(im, list,
			    NULL) + 4 + 4 * i))) != 0)
				goto damaged;
	} else if ((rc = read_leaf(im, k, list)) != 0)
		goto damaged;
	if (k->n != sf_le32(d + NK_NSUB)) {
		rc = -1;
		goto damaged;
	}
	return k;
damaged:
	/* Not kept half read: the edit stops here anyway. */
	free(k->off);
	free(k->word);
	free(k->old);
	im->nk--;
	if (rc == -2)
		sf_err_nomem(errp);
	else
		bad(errp, "a subkey list cannot be read");
	return NULL;
}

/*
 * Compares nk r's name with u as sf_u16_casecmp does, reading the
 * record in place: lookups compare a name with many subkeys, and a
 * copy of each would cost an allocation per comparison.
 */
static int
name_cmp(const re_image *im, uint32_t r, const uint16_t *u, size_t n,
    int *cmp)
{
	size_t	  len, nb, vn, i;
	uint8_t	 *d = cell_n(im, r, NK_NAME);
	uint16_t  x, y;
	int	  comp;

	if (d == NULL || memcmp(d, "nk", 2) != 0)
		return -1;
	cell(im, r, &len);
	nb = sf_le16(d + NK_NAMELEN);
	comp = (sf_le16(d + NK_FLAGS) & NK_COMP) != 0;
	if (NK_NAME + nb > len)
		return -1;
	vn = comp ? nb : nb / 2;
	for (i = 0; i < vn && i < n; i++) {
		x = comp ? d[NK_NAME + i] : sf_le16(d + NK_NAME + 2 * i);
		if (x == u[i])
			continue;
		x = sf_u16_upper(x);
		y = sf_u16_upper(u[i]);
		if (x != y) {
			*cmp = x < y ? -1 : 1;
			return 0;
		}
	}
	*cmp = vn == n ? 0 : (vn < n ? -1 : 1);
	return 0;
}

/* The position of the first subkey not sorting before the name. */
static int
kids_find(const re_image *im, const kids *k, const uint16_t *u, size_t n,
    size_t *pos)
{
	size_t	 lo = 0, hi = k->n, mid;
	int	 c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (name_cmp(im, k->off[mid], u, n, &c) == -1)
			return -1;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*pos = lo;
	return 0;
}

/*
 * Whether k's subkeys are in strictly ascending order (1), not (-1),
 * or a record cannot be read (-2).  Each name is compared with the one
 * before it, read in place.
 */
static int
kids_sorted(const re_image *im, const kids *k)
{
	uint8_t	 *d;
	uint16_t  prev[256], *u;
	size_t	  i, j, len, nb, n;
	int	  comp, c;

	for (i = 1; i < k->n; i++) {
		d = cell_n(im, k->off[i - 1], NK_NAME);
		if (d == NULL || memcmp(d, "nk", 2) != 0)
			return -2;
		cell(im, k->off[i - 1], &len);
		nb = sf_le16(d + NK_NAMELEN);
		comp = (sf_le16(d + NK_FLAGS) & NK_COMP) != 0;
		n = comp ? nb : nb / 2;
		if (NK_NAME + nb > len)
			return -2;
		if (n > sizeof(prev) / sizeof(prev[0]))
			return -1;	/* past any real name: read through */
		u = prev;
		for (j = 0; j < n; j++)
			u[j] = comp ? d[NK_NAME + j] : sf_le16(d + NK_NAME +
			    2 * j);
		if (name_cmp(im, k->off[i], u, n, &c) == -1)
			return -2;
		if (c <= 0)
			return -1;
	}
	return 1;
}

sf_status
re_child(re_image *im, uint32_t key, const uint16_t *u, size_t n,
    uint32_t *child, sf_error **errp)
{
	kids	*k;
	size_t	 i;
	int	 c;

	*child = RE_NONE;
	if ((k = kids_of(im, key, errp)) == NULL)
		return SF_ERR_FORMAT;
	/*
	 * A list in Windows' order (strictly ascending, ignoring case) is
	 * searched by halves, and stays in order: subkeys are inserted
	 * where kids_find says.  One out of order (a damaged hive, or two
	 * names equal but for case) is read through, as before.
	 */
	if (k->sorted == 0 && (k->sorted = kids_sorted(im, k)) == -2)
		return bad(errp, "a key record is missing");
	if (k->sorted == 1) {
		if (kids_find(im, k, u, n, &i) == -1)
			return bad(errp, "a key record is missing");
		if (i < k->n && name_cmp(im, k->off[i], u, n, &c) == 0 &&
		    c == 0)
			*child = k->off[i];
		return SF_OK;
	}
	for (i = 0; i < k->n; i++) {
		if (name_cmp(im, k->off[i], u, n, &c) == -1)
			return bad(errp, "a key record is missing");
		if (c == 0) {
			*child = k->off[i];
			break;
		}
	}
	return SF_OK;
}

int
re_is_child(re_image *im, uint32_t parent, uint32_t child)
{
	uint8_t *d = cell_n(im, child, NK_NAME);

	return d != NULL && memcmp(d, "nk", 2) == 0 &&
	    sf_le32(d + NK_PARENT) == parent;
}

/* Raises a largest-length field, keeping its high flag bits. */
static void
raise16(uint8_t *p, size_t v)
{
	uint32_t cur = sf_le32(p);

	if (v > (cur & 0xFFFF))
		put32(p, (cur & 0xFFFF0000u) | (uint32_t)(v & 0xFFFF));
}

static void
raise32(uint8_t *p, size_t v)
{
	if (v > sf_le32(p))
		put32(p, (uint32_t)v);
}

sf_status
re_create_key(re_image *im, uint32_t parent, const uint16_t *u, size_t n,
    uint32_t *child, sf_error **errp)
{
	kids	*k;
	uint8_t	*pd, *d, *sd;
	uint32_t r, sk;
	size_t	 pos, i;
	int	 comp = latin1(u, n);

	if (n == 0 || n > 255)
		return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "a key name "
		    "must have 1 to 255 characters");
	if ((k = kids_of(im, parent, errp)) == NULL)
		return SF_ERR_FORMAT;
	if (kids_find(im, k, u, n, &pos) == -1)
		return bad(errp, "a key record is missing");
	if ((r = cell_alloc(im, NK_NAME + (comp ? n : 2 * n))) == RE_NONE)
		return sf_err_nomem(errp);
	/* Both pointers after the allocation, which may move the image. */
	pd = cell(im, parent, NULL);
	d = cell(im, r, NULL);
	memcpy(d, "nk", 2);
	put16(d + NK_FLAGS, comp ? NK_COMP : 0);
	put64(d + NK_TIME, im->now);
	put32(d + NK_PARENT, parent);
	put32(d + NK_SUBLIST, RE_NONE);
	put32(d + 32, RE_NONE);			/* volatile list */
	put32(d + NK_VALLIST, RE_NONE);
	put32(d + NK_CLASS, RE_NONE);
	put16(d + NK_NAMELEN, (uint32_t)(comp ? n : 2 * n));
	put_name(d + NK_NAME, u, n, comp);
	/* The parent's security descriptor, one more reference. */
	sk = sf_le32(pd + NK_SK);
	if ((sd = cell_n(im, sk, 16)) != NULL && memcmp(sd, "sk", 2) == 0) {
		put32(d + NK_SK, sk);
		put32(sd + 12, sf_le32(sd + 12) + 1);
	} else
		put32(d + NK_SK, RE_NONE);
	/* In the parent's list, in order. */
	if (kids_push(k, 0, 0) == -1)
		return sf_err_nomem(errp);
	for (i = k->n - 1; i > pos; i--) {
		k->off[i] = k->off[i - 1];
		k->word[i] = k->word[i - 1];
	}
	k->off[pos] = r;
	k->word[pos] = entry_word(k->form, u, n);
	put32(pd + NK_NSUB, sf_le32(pd + NK_NSUB) + 1);
	raise16(pd + NK_MAXNAME, 2 * n);
	put64(pd + NK_TIME, im->now);
	*child = r;
	return SF_OK;
}

/* ---- values ---- */

static int
data_free(re_image *im, const uint8_t *vk)
{
	uint32_t size = sf_le32(vk + VK_SIZE), off = sf_le32(vk + VK_DATA);
	uint8_t	*db, *list;
	size_t	 i, nseg;

	if ((size & 0x80000000u) || size == 0 || off == RE_NONE)
		return 0;
	if (size > BIG_SEGMENT && im->minor >= 4 &&
	    (db = cell_n(im, off, 8)) != NULL && memcmp(db, "db", 2) == 0) {
		nseg = sf_le16(db + 2);
		if ((list = cell_n(im, sf_le32(db + 4), 4 * nseg)) != NULL) {
			for (i = 0; i < nseg; i++)
				if (cell_free(im, sf_le32(list + 4 * i)) == -1)
					return -1;
			if (cell_free(im, sf_le32(db + 4)) == -1)
				return -1;
		}
	}
	return cell_free(im, off);
}

/* Stores data for the vk at vr: inline, one cell, or a db record. */
static sf_status
data_write(re_image *im, uint32_t vr, const uint8_t *data, size_t size,
    sf_error **errp)
{
	uint32_t off, list, seg;
	size_t	 nseg, i, done, n;
	uint8_t	*vk;

	if (size <= 4) {
		vk = cell(im, vr, NULL);
		put32(vk + VK_SIZE, (uint32_t)size | 0x80000000u);
		memset(vk + VK_DATA, 0, 4);
		if (size > 0)
			memcpy(vk + VK_DATA, data, size);
		return SF_OK;
	}
	if (size > BIG_SEGMENT && im->minor >= 4) {
		nseg = (size + BIG_SEGMENT - 1) / BIG_SEGMENT;
		if (nseg > 0xFFFF)
			return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "a value "
			    "of %zu bytes is more than a hive can hold", size);
		if ((off = cell_alloc(im, 8)) == RE_NONE ||
		    (list = cell_alloc(im, 4 * nseg)) == RE_NONE)
			return sf_err_nomem(errp);
		memcpy(cell(im, off, NULL), "db", 2);
		put16(cell(im, off, NULL) + 2, (uint32_t)nseg);
		put32(cell(im, off, NULL) + 4, list);
		for (i = 0, done = 0; i < nseg; i++, done += n) {
			n = size - done < BIG_SEGMENT ? size - done :
			    BIG_SEGMENT;
			/* 4 spare bytes, as Windows leaves: libregf takes a
			 * segment's length to be its cell size less 8. */
			if ((seg = cell_alloc(im, n + 4)) == RE_NONE)
				return sf_err_nomem(errp);
			memcpy(cell(im, seg, NULL), data + done, n);
			put32(cell(im, list, NULL) + 4 * i, seg);
		}
	} else {
		if ((off = cell_alloc(im, size)) == RE_NONE)
			return sf_err_nomem(errp);
		memcpy(cell(im, off, NULL), data, size);
	}
	vk = cell(im, vr, NULL);
	put32(vk + VK_SIZE, (uint32_t)size);
	put32(vk + VK_DATA, off);
	return SF_OK;
}

/* The index in the key's value list of the value named so, or -1. */
static long
value_index(const re_image *im, const uint8_t *nk, const uint16_t *u,
    size_t n, uint32_t *vr)
{
	uint32_t cnt = sf_le32(nk + NK_NVAL), i;
	uint8_t	*list, *vk;
	size_t	 len, nb, k;
	uint16_t c;
	int	 comp;

	if (cnt == 0 || (list = cell_n(im, sf_le32(nk + NK_VALLIST),
	    4 * (size_t)cnt)) == NULL)
		return -1;
	for (i = 0; i < cnt; i++) {
		*vr = sf_le32(list + 4 * i);
		if ((vk = cell_n(im, *vr, VK_NAME)) == NULL ||
		    memcmp(vk, "vk", 2) != 0)
			continue;
		cell(im, *vr, &len);
		nb = sf_le16(vk + VK_NAMELEN);
		comp = (sf_le16(vk + VK_FLAGS) & 1) != 0;
		if (VK_NAME + nb > len || (comp ? nb : nb / 2) != n)
			continue;
		for (k = 0; k < n; k++) {
			c = comp ? vk[VK_NAME + k] : sf_le16(vk + VK_NAME +
			    2 * k);
			if (sf_u16_upper(c) != sf_u16_upper(u[k]))
				break;
		}
		if (k == n)
			return (long)i;
	}
	return -1;
}

/* Replaces nk's value list by one without entry 'drop' or with 'add'. */
static sf_status
value_list(re_image *im, uint32_t key, long drop, uint32_t add,
    sf_error **errp)
{
	uint8_t	*nk = cell(im, key, NULL), *ol;
	uint32_t cnt = sf_le32(nk + NK_NVAL), old = sf_le32(nk + NK_VALLIST);
	uint32_t ncnt = cnt + (add != RE_NONE) - (drop >= 0), nl = RE_NONE, i, j;

	if (ncnt > 0 && (nl = cell_alloc(im, 4 * (size_t)ncnt)) == RE_NONE)
		return sf_err_nomem(errp);
	nk = cell(im, key, NULL);
	ol = cnt > 0 ? cell_n(im, old, 4 * (size_t)cnt) : NULL;
	for (i = 0, j = 0; ol != NULL && i < cnt; i++)
		if ((long)i != drop)
			put32(cell(im, nl, NULL) + 4 * j++, sf_le32(ol + 4 * i));
	if (add != RE_NONE)
		put32(cell(im, nl, NULL) + 4 * j, add);
	put32(nk + NK_NVAL, ncnt);
	put32(nk + NK_VALLIST, nl);
	put64(nk + NK_TIME, im->now);
	if (cnt > 0 && cell_free(im, old) == -1)
		return sf_err_nomem(errp);
	return SF_OK;
}

sf_status
re_set_value(re_image *im, uint32_t key, const uint16_t *u, size_t n,
    uint32_t type, const uint8_t *data, size_t size, sf_error **errp)
{
	uint8_t	*nk, *vk;
	uint32_t vr;
	long	 i;
	int	 comp = latin1(u, n);
	sf_status rc;

	if ((nk = cell_n(im, key, NK_NAME)) == NULL)
		return bad(errp, "a key record is missing");
	if (n > 16383)
		return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "a value name "
		    "of %zu characters is too long", n);
	if ((i = value_index(im, nk, u, n, &vr)) >= 0) {
		if (data_free(im, cell(im, vr, NULL)) == -1)
			return sf_err_nomem(errp);
	} else {
		if ((vr = cell_alloc(im, VK_NAME + (comp ? n : 2 * n))) ==
		    RE_NONE)
			return sf_err_nomem(errp);
		vk = cell(im, vr, NULL);
		memcpy(vk, "vk", 2);
		put16(vk + VK_NAMELEN, (uint32_t)(comp ? n : 2 * n));
		put16(vk + VK_FLAGS, comp ? 1 : 0);
		put_name(vk + VK_NAME, u, n, comp);
		put32(vk + VK_DATA, RE_NONE);
		if ((rc = value_list(im, key, -1, vr, errp)) != SF_OK)
			return rc;
	}
	put32(cell(im, vr, NULL) + VK_TYPE, type);
	if ((rc = data_write(im, vr, data, size, errp)) != SF_OK)
		return rc;
	nk = cell(im, key, NULL);
	raise32(nk + NK_MAXVNAME, 2 * n);
	raise32(nk + NK_MAXDATA, size);
	put64(nk + NK_TIME, im->now);
	return SF_OK;
}

sf_status
re_delete_value(re_image *im, uint32_t key, const uint16_t *u, size_t n,
    sf_error **errp)
{
	uint8_t	*nk;
	uint32_t vr;
	long	 i;

	if ((nk = cell_n(im, key, NK_NAME)) == NULL)
		return bad(errp, "a key record is missing");
	if ((i = value_index(im, nk, u, n, &vr)) < 0)
		return sf_err(errp, SF_ERR_NOTFOUND, NULL, "the value to "
		    "delete is not in the key");
	if (data_free(im, cell(im, vr, NULL)) == -1 || cell_free(im, vr) == -1)
		return sf_err_nomem(errp);
	return value_list(im, key, i, RE_NONE, errp);
}

/* ---- deleting a subtree ---- */

static sf_status
sk_release(re_image *im, uint32_t sk, sf_error **errp)
{
	uint8_t	*d, *p, *q;
	uint32_t refs, fl, bl;

	if ((d = cell_n(im, sk, 16)) == NULL || memcmp(d, "sk", 2) != 0)
		return SF_OK;
	refs = sf_le32(d + 12);
	if (refs > 1) {
		put32(d + 12, refs - 1);
		return SF_OK;
	}
	fl = sf_le32(d + 4);
	bl = sf_le32(d + 8);
	if (fl == sk || bl == sk || (p = cell_n(im, bl, 12)) == NULL ||
	    (q = cell_n(im, fl, 12)) == NULL) {
		put32(d + 12, 0);	/* the last one: keep the ring whole */
		return SF_OK;
	}
	put32(p + 4, fl);
	put32(q + 8, bl);
	return cell_free(im, sk) == -1 ? sf_err_nomem(errp) : SF_OK;
}

static void
kids_drop(re_image *im, kids *k)
{
	kids_free(k);
	*k = im->k[--im->nk];
}

static sf_status
free_subtree(re_image *im, uint32_t r, unsigned depth, sf_error **errp)
{
	kids		*k;
	uint8_t		*nk, *list;
	uint32_t	 cnt, vl, i, *sub = NULL, *old = NULL;
	size_t		 nsub = 0, nold = 0, j;
	sf_status	 rc = SF_OK;

	if (depth > MAX_DEPTH)
		return bad(errp, "keys nest too deep");
	if ((k = kids_of(im, r, errp)) == NULL)
		return SF_ERR_FORMAT;
	/* Take the arrays: the recursion may move im->k. */
	sub = k->off;
	nsub = k->n;
	old = k->old;
	nold = k->nold;
	k->off = k->old = NULL;
	kids_drop(im, k);
	for (j = 0; j < nsub && rc == SF_OK; j++)
		rc = free_subtree(im, sub[j], depth + 1, errp);
	for (j = 0; j < nold && rc == SF_OK; j++)
		if (cell_free(im, old[j]) == -1)
			rc = sf_err_nomem(errp);
	free(sub);
	free(old);
	if (rc != SF_OK)
		return rc;
	if ((nk = cell_n(im, r, NK_NAME)) == NULL)
		return bad(errp, "a key record is missing");
	cnt = sf_le32(nk + NK_NVAL);
	vl = sf_le32(nk + NK_VALLIST);
	if (cnt > 0 && (list = cell_n(im, vl, 4 * (size_t)cnt)) != NULL) {
		for (i = 0; i < cnt; i++) {
			uint8_t *vk = cell_n(im, sf_le32(list + 4 * i),
			    VK_NAME);

			if (vk != NULL && memcmp(vk, "vk", 2) == 0 &&
			    data_free(im, vk) == -1)
				return sf_err_nomem(errp);
			/* data_free may merge cells, never move them */
			if (cell_free(im, sf_le32(list + 4 * i)) == -1)
				return sf_err_nomem(errp);
		}
		if (cell_free(im, vl) == -1)
			return sf_err_nomem(errp);
	}
	nk = cell(im, r, NULL);
	if (sf_le16(nk + NK_CLASSLEN) > 0 && cell_free(im,
	    sf_le32(nk + NK_CLASS)) == -1)
		return sf_err_nomem(errp);
	if ((rc = sk_release(im, sf_le32(nk + NK_SK), errp)) != SF_OK)
		return rc;
	return cell_free(im, r) == -1 ? sf_err_nomem(errp) : SF_OK;
}

sf_status
re_delete_key(re_image *im, uint32_t parent, uint32_t r, sf_error **errp)
{
	kids	*k;
	uint16_t *u;
	size_t	  n, pos, i;
	uint8_t	 *pd;
	int	  oom;

	if (r == re_root(im))
		return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "the root key of "
		    "a hive cannot be deleted");
	if ((k = kids_of(im, parent, errp)) == NULL)
		return SF_ERR_FORMAT;
	if ((u = nk_name(im, r, &n, &oom)) == NULL)
		return oom ? sf_err_nomem(errp) : bad(errp, "a key record is "
		    "missing");
	/*
	 * Sorted by name: look there first, then everywhere (also when a
	 * sibling's name cannot be read, and the search gives up).
	 */
	pos = k->n;
	if (kids_find(im, k, u, n, &i) == 0) {
		for (; i < k->n && k->off[i] != r; i++)
			;
		if (i < k->n)
			pos = i;
	}
	free(u);
	for (i = 0; pos == k->n && i < k->n; i++)
		if (k->off[i] == r)
			pos = i;
	if (pos == k->n)
		return bad(errp, "a key to delete is not in its parent's list");
	memmove(k->off + pos, k->off + pos + 1, (k->n - pos - 1) *
	    sizeof(*k->off));
	memmove(k->word + pos, k->word + pos + 1, (k->n - pos - 1) *
	    sizeof(*k->word));
	k->n--;
	pd = cell(im, parent, NULL);
	put32(pd + NK_NSUB, sf_le32(pd + NK_NSUB) - 1);
	put64(pd + NK_TIME, im->now);
	return free_subtree(im, r, 0, errp);
}

/* ---- writing the lists and the base block ---- */

static uint32_t
write_leaf(re_image *im, const kids *k, size_t from, size_t n)
{
	size_t	 es = k->form == 'i' ? 4 : 8, i;
	uint32_t r;
	uint8_t	*d;

	if ((r = cell_alloc(im, 4 + n * es)) == RE_NONE)
		return RE_NONE;
	d = cell(im, r, NULL);
	d[0] = 'l';
	d[1] = (uint8_t)k->form;
	put16(d + 2, (uint32_t)n);
	for (i = 0; i < n; i++) {
		put32(d + 4 + i * es, k->off[from + i]);
		if (es == 8)
			put32(d + 8 + i * es, k->word[from + i]);
	}
	return r;
}

static sf_status
write_list(re_image *im, kids *k, sf_error **errp)
{
	uint32_t list = RE_NONE, ri, leaf;
	size_t	 per, nleaf, i, j;
	uint8_t	*nk;

	for (j = 0; j < k->nold; j++)
		if (cell_free(im, k->old[j]) == -1)
			return sf_err_nomem(errp);
	per = k->per_leaf > 0 ? k->per_leaf : LEAF_MAX;
	if (per > LEAF_MAX)
		per = LEAF_MAX;
	if (k->n > 0 && !k->ri && k->n <= LEAF_MAX)
		list = write_leaf(im, k, 0, k->n);
	else if (k->n > 0) {
		nleaf = (k->n + per - 1) / per;
		if ((ri = cell_alloc(im, 4 + 4 * nleaf)) == RE_NONE)
			return sf_err_nomem(errp);
		memcpy(cell(im, ri, NULL), "ri", 2);
		put16(cell(im, ri, NULL) + 2, (uint32_t)nleaf);
		for (i = 0; i < nleaf; i++) {
			if ((leaf = write_leaf(im, k, i * per, k->n - i * per <
			    per ? k->n - i * per : per)) == RE_NONE)
				return sf_err_nomem(errp);
			put32(cell(im, ri, NULL) + 4 + 4 * i, leaf);
		}
		list = ri;
	}
	if (k->n > 0 && list == RE_NONE)
		return sf_err_nomem(errp);
	nk = cell(im, k->key, NULL);
	put32(nk + NK_SUBLIST, list);
	put32(nk + NK_NSUB, (uint32_t)k->n);
	return SF_OK;
}

sf_status
re_finish(re_image *im, const uint8_t **data, size_t *size, sf_error **errp)
{
	size_t		 i;
	uint32_t	 seq, sum;
	sf_status	 rc;

	for (i = 0; i < im->nk; i++)
		if ((rc = write_list(im, &im->k[i], errp)) != SF_OK)
			return rc;
	for (i = 0; i < im->nk; i++)
		kids_free(&im->k[i]);
	im->nk = 0;
	merge_free(im);
	seq = sf_le32(im->p + 4) + 1;
	put32(im->p + 4, seq);
	put32(im->p + 8, seq);
	put32(im->p + 40, (uint32_t)(im->size - SF_REGF_BASE));
	/* A checksum of 0 or ~0 reads differently in Windows and libregf:
	 * one tick later it does not (regf-format.md 3.2). */
	for (i = 0; i < 2; i++) {
		put64(im->p + 12, im->now + i);
		sum = sf_regf_checksum(im->p);
		if (sum != 0 && sum != 0xFFFFFFFFu)
			break;
	}
	put32(im->p + 508, sum);
	*data = im->p;
	*size = im->size;
	return SF_OK;
}

/* ---- opening ---- */

uint32_t
re_root(const re_image *im)
{
	return sf_le32(im->p + 36);
}

sf_status
re_open(const uint8_t *data, size_t size, re_image **out, sf_error **errp)
{
	re_image	*im;
	size_t		 declared, at, bs, c;
	int32_t		 n;
	uint32_t	*nb;

	*out = NULL;
	if (size < SF_REGF_BASE || memcmp(data, "regf", 4) != 0)
		return bad(errp, "no base block");
	declared = SF_REGF_BASE + (size_t)sf_le32(data + 40);
	if (declared > size || declared < SF_REGF_BASE + 4096)
		return bad(errp, "the hive bins are not where declared");
	if ((im = calloc(1, sizeof(*im))) == NULL ||
	    (im->p = malloc(declared)) == NULL) {
		free(im);
		return sf_err_nomem(errp);
	}
	memcpy(im->p, data, declared);
	im->size = im->cap = declared;
	im->minor = sf_le32(data + 24);
	im->now = sf_filetime_now();
	for (at = SF_REGF_BASE; at + BIN_HDR <= declared; at += bs) {
		bs = sf_le32(im->p + at + 8);
		if (memcmp(im->p + at, "hbin", 4) != 0 || bs < 4096 ||
		    (bs & 4095) != 0 || at + bs > declared)
			goto damaged;
		if ((nb = sf_reallocarray(im->bin, im->nbin + 1,
		    sizeof(*nb))) == NULL)
			goto nomem;
		im->bin = nb;
		im->bin[im->nbin++] = (uint32_t)(at - SF_REGF_BASE);
		/* Its free cells, for reuse. */
		for (c = at + BIN_HDR; c + 4 <= at + bs; c += (size_t)(n < 0 ?
		    -(int64_t)n : n)) {
			n = (int32_t)sf_le32(im->p + c);
			if (n == 0 || n == INT32_MIN || (n < 0 ? (size_t)-n :
			    (size_t)n) > at + bs - c || ((n < 0 ? -n : n) & 7))
				goto damaged;
			if (n > 0 && push_free(im, (uint32_t)(c -
			    SF_REGF_BASE), (uint32_t)n) == -1)
				goto nomem;
		}
	}
	if (at != declared || cell_n(im, re_root(im), NK_NAME) == NULL)
		goto damaged;
	*out = im;
	return SF_OK;
damaged:
	re_close(im);
	return bad(errp, "its hive bins do not tile");
nomem:
	re_close(im);
	return sf_err_nomem(errp);
}

void
re_close(re_image *im)
{
	size_t i;

	if (im == NULL)
		return;
	for (i = 0; i < im->nk; i++)
		kids_free(&im->k[i]);
	for (i = 0; i < NBUCKET; i++)
		free(im->b[i].v);
	free(im->fm.key);
	free(im->fm.val);
	free(im->k);
	free(im->bin);
	free(im->p);
	free(im);
}
