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
 * Bounds-checked reads of single cells: raw key and value names with
 * their storage flags (libregf's converted names stop at an embedded
 * NUL and fail on unpaired surrogates), and the subkey-list form a
 * delete has to cope with.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/regf.h"

int
sf_regf_cell(const sf_regf *r, uint32_t rel, const uint8_t **p, size_t *len)
{
	uint64_t off = (uint64_t)rel + SF_REGF_BASE;
	int32_t	 sz;

	if (rel == SF_REGF_NONE || off + 4 > r->end || off < SF_REGF_BASE +
	    SF_REGF_HBIN_HDR)
		return -1;
	sz = (int32_t)sf_le32(r->data + off);
	if (sz >= 0 || sz == INT32_MIN)
		return -1;	/* free cell, or nonsense */
	if ((uint64_t)(-(int64_t)sz) < 4 || off + (uint64_t)(-(int64_t)sz) >
	    r->end)
		return -1;
	*p = r->data + off + 4;
	*len = (size_t)(-(int64_t)sz) - 4;
	return 0;
}

/* The data of the cell whose payload starts at file offset 'off'. */
static int
record_at(const sf_regf *r, uint64_t off, const uint8_t **p, size_t *len)
{
	if (off < SF_REGF_BASE + 4 || off > UINT32_MAX)
		return -1;
	return sf_regf_cell(r, (uint32_t)(off - 4 - SF_REGF_BASE), p, len);
}

static int
decode_name(const uint8_t *p, size_t n, int latin1, uint16_t **name,
    size_t *len)
{
	uint16_t *u;
	size_t	  i, units = latin1 ? n : n / 2;

	if ((u = sf_reallocarray(NULL, units + 1, sizeof(*u))) == NULL)
		return -1;
	for (i = 0; i < units; i++)
		u[i] = latin1 ? p[i] : sf_le16(p + 2 * i);
	u[units] = 0;
	*name = u;
	*len = units;
	return 0;
}

/* The copying readers: the in-place ones (below) check the record. */
int
sf_regf_nk_name(const sf_regf *r, uint64_t off, uint16_t **name,
    size_t *len, uint16_t *flags)
{
	const uint8_t	*p;
	size_t		 nlen;
	int		 latin1;

	if (sf_regf_nk_name_at(r, off, &p, &nlen, &latin1, flags) == -1)
		return -1;
	return decode_name(p, nlen, latin1, name, len);
}

int
sf_regf_vk_name(const sf_regf *r, uint64_t off, uint16_t **name, size_t *len)
{
	const uint8_t	*p;
	size_t		 nlen;
	int		 latin1;

	if (sf_regf_vk_name_at(r, off, &p, &nlen, &latin1) == -1)
		return -1;
	return decode_name(p, nlen, latin1, name, len);
}

int
sf_regf_nk_name_at(const sf_regf *r, uint64_t off, const uint8_t **name,
    size_t *nbytes, int *latin1, uint16_t *flags)
{
	const uint8_t	*p;
	size_t		 n, nlen;

	if (record_at(r, off, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	nlen = sf_le16(p + 72);
	if (nlen > n - SF_REGF_NK_NAME)
		return -1;
	*flags = sf_le16(p + 2);
	*latin1 = (*flags & SF_NK_COMP_NAME) != 0;
	*name = p + SF_REGF_NK_NAME;
	*nbytes = nlen;
	return 0;
}

/* The vk record at file offset 'off', checked: its data and length. */
static int
vk_record(const sf_regf *r, uint64_t off, const uint8_t **p, size_t *n)
{
	if (record_at(r, off, p, n) == -1 || *n < SF_REGF_VK_NAME ||
	    memcmp(*p, "vk", 2) != 0)
		return -1;
	return 0;
}

/* The name of the checked vk record p (n bytes long). */
static int
vk_name_of(const uint8_t *p, size_t n, const uint8_t **name, size_t *nbytes,
    int *latin1)
{
	size_t nlen = sf_le16(p + 2);

	if (nlen > n - SF_REGF_VK_NAME)
		return -1;
	*latin1 = (sf_le16(p + 16) & SF_VK_COMP_NAME) != 0;
	*name = p + SF_REGF_VK_NAME;
	*nbytes = nlen;
	return 0;
}

int
sf_regf_vk_name_at(const sf_regf *r, uint64_t off, const uint8_t **name,
    size_t *nbytes, int *latin1)
{
	const uint8_t	*p;
	size_t		 n;

	if (vk_record(r, off, &p, &n) == -1)
		return -1;
	return vk_name_of(p, n, name, nbytes, latin1);
}

/* Copies a big-data (db) record's segments, 16,344 bytes each. */
static int
db_data(const sf_regf *r, const uint8_t *db, size_t dbn, uint8_t *out,
    size_t size)
{
	const uint8_t	*list, *seg;
	size_t		 listn, segn, count, i, done = 0, take;

	if (dbn < 8)
		return -1;
	count = sf_le16(db + 2);
	if (sf_regf_cell(r, sf_le32(db + 4), &list, &listn) == -1 ||
	    count > listn / 4)
		return -1;
	for (i = 0; i < count && done < size; i++) {
		if (sf_regf_cell(r, sf_le32(list + 4 * i), &seg, &segn) == -1)
			return -1;
		take = size - done < SF_REGF_CELL_DATA_MAX ? size - done :
		    SF_REGF_CELL_DATA_MAX;
		if (take > segn)
			return -1;
		memcpy(out + done, seg, take);
		done += take;
	}
	return done == size ? 0 : -1;
}

static int	vk_data_of(const sf_regf *, const uint8_t *, const uint8_t **,
		    size_t *, uint32_t *);

/*
 * A vk record's data size and the cell (or the record's own four bytes)
 * that holds it or, for big data, its db record.
 */
static int
vk_data_cell(const sf_regf *r, uint64_t off, const uint8_t **d, size_t *dn,
    uint32_t *size)
{
	const uint8_t	*p;
	size_t		 n;

	if (vk_record(r, off, &p, &n) == -1)
		return -1;
	return vk_data_of(r, p, d, dn, size);
}

/* vk_data_cell's work once the record 'p' is found and checked. */
static int
vk_data_of(const sf_regf *r, const uint8_t *p, const uint8_t **d, size_t *dn,
    uint32_t *size)
{
	*size = sf_le32(p + 4);
	if (*size & 0x80000000u) {
		*size &= 0x7FFFFFFFu;
		if (*size > 4)
			return -1;
		*d = p + 8;
		*dn = 4;
	} else if (*size == 0) {
		*dn = 0;
		*d = p;
	} else if (sf_regf_cell(r, sf_le32(p + 8), d, dn) == -1)
		return -1;
	return *size > SF_MAX_VALUE_DATA ? -1 : 0;
}

/* Big data (a db record, format 1.4 on) is longer than its cell. */
static int
is_big(const sf_regf *r, const uint8_t *d, size_t dn)
{
	return dn >= 2 && d[0] == 'd' && d[1] == 'b' && r->minor >= 4;
}

int
sf_regf_vk_data(const sf_regf *r, uint64_t off, uint8_t **data, size_t *len)
{
	const uint8_t	*d;
	size_t		 dn;
	uint32_t	 size;
	uint8_t		*out;

	*data = NULL;
	*len = 0;
	if (vk_data_cell(r, off, &d, &dn, &size) == -1)
		return -1;
	if ((out = malloc((size_t)size + 1)) == NULL)
		return -2;
	if (size <= dn)
		memcpy(out, d, size);
	else if (!is_big(r, d, dn) || db_data(r, d, dn, out, size) == -1) {
		free(out);
		return -1;
	}
	*data = out;
	*len = size;
	return 0;
}

int
sf_regf_vk_at(const sf_regf *r, uint64_t off, sf_regf_vk *vk)
{
	const uint8_t	*p, *d;
	size_t		 n, dn;
	uint32_t	 size;

	vk->data = NULL;
	vk->len = 0;
	if (vk_record(r, off, &p, &n) == -1 ||
	    vk_name_of(p, n, &vk->name, &vk->nbytes, &vk->latin1) == -1)
		return -1;
	vk->type = sf_le32(p + 12);
	if (vk_data_of(r, p, &d, &dn, &size) == -1)
		vk->data_rc = -1;
	else if (size > dn)	/* only big data is longer than its cell */
		vk->data_rc = is_big(r, d, dn) ? 1 : -1;
	else {
		vk->data = d;
		vk->len = size;
		vk->data_rc = 0;
	}
	return 0;
}

static int
push_off(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	uint32_t *nv;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((nv = sf_reallocarray(*v, *cap, sizeof(*nv))) == NULL)
			return -1;
		*v = nv;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* Appends the cell offsets of one lf, lh or li list. */
static int
leaf_entries(const uint8_t *l, size_t ln, uint32_t **v, size_t *n,
    size_t *cap)
{
	size_t	 count, step, i;

	if (ln < 4 || l[0] != 'l' || (l[1] != 'f' && l[1] != 'h' &&
	    l[1] != 'i'))
		return -1;
	step = l[1] == 'i' ? 4 : 8;
	count = sf_le16(l + 2);
	if (count > (ln - 4) / step)
		return -1;
	for (i = 0; i < count; i++)
		if (push_off(v, n, cap, sf_le32(l + 4 + i * step)) == -1)
			return -2;
	return 0;
}

int
sf_regf_nk_children(const sf_regf *r, uint64_t off, uint32_t **kids,
    size_t *nkids)
{
	const uint8_t	*p, *l, *leaf;
	size_t		 n, ln, leafn, i, count, cap = 0;
	int		 rc = 0, lrc;

	*kids = NULL;
	*nkids = 0;
	if (record_at(r, off, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	if (sf_le32(p + 20) == 0)
		return 0;
	if (sf_regf_cell(r, sf_le32(p + 28), &l, &ln) == -1 || ln < 4)
		return -1;
	if (l[0] != 'r' || l[1] != 'i')
		return leaf_entries(l, ln, kids, nkids, &cap);
	/* An ri holds leaves only; one below another would be a loop. */
	count = sf_le16(l + 2);
	if (count > (ln - 4) / 4)
		return -1;
	for (i = 0; i < count; i++) {
		if (sf_regf_cell(r, sf_le32(l + 4 + 4 * i), &leaf, &leafn) ==
		    -1) {
			rc = -1;
			continue;
		}
		if ((lrc = leaf_entries(leaf, leafn, kids, nkids, &cap)) == -2)
			return -2;
		if (lrc == -1)
			rc = -1;
	}
	return rc;
}

int
sf_regf_nk_value_list(const sf_regf *r, uint64_t off, const uint8_t **list,
    size_t *count)
{
	const uint8_t	*p, *l;
	size_t		 n, ln;
	uint32_t	 want;

	*list = NULL;
	*count = 0;
	if (record_at(r, off, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	if ((want = sf_le32(p + 36)) == 0)
		return 0;
	if (sf_regf_cell(r, sf_le32(p + 40), &l, &ln) == -1)
		return -1;
	*list = l;
	/* What fits; a count the cell cannot hold is damage. */
	*count = (size_t)want > ln / 4 ? ln / 4 : (size_t)want;
	return (size_t)want > ln / 4 ? -1 : 0;
}

int
sf_regf_nk_values(const sf_regf *r, uint64_t off, uint32_t **vks,
    size_t *nvks)
{
	const uint8_t	*l;
	size_t		 count, i;
	int		 rc;

	*vks = NULL;
	*nvks = 0;
	rc = sf_regf_nk_value_list(r, off, &l, &count);
	if (count == 0)
		return rc;
	if ((*vks = sf_calloc(count, sizeof(**vks))) == NULL)
		return -2;
	for (i = 0; i < count; i++)
		(*vks)[i] = sf_le32(l + 4 * i);
	*nvks = count;
	return rc;
}

int
sf_regf_vk_type(const sf_regf *r, uint64_t off, uint32_t *type)
{
	const uint8_t	*p;
	size_t		 n;

	if (vk_record(r, off, &p, &n) == -1)
		return -1;
	*type = sf_le32(p + 12);
	return 0;
}

int
sf_regf_nk_class(const sf_regf *r, uint64_t off, uint16_t **cls, size_t *len)
{
	const uint8_t	*p, *c;
	size_t		 n, cn, clen, i;

	*cls = NULL;
	*len = 0;
	if (record_at(r, off, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	clen = sf_le16(p + 74);
	if (clen == 0 || sf_le32(p + 48) == SF_REGF_NONE)
		return 0;
	if (sf_regf_cell(r, sf_le32(p + 48), &c, &cn) == -1 || clen > cn)
		return -1;
	if ((*cls = sf_calloc(clen / 2 + 1, sizeof(**cls))) == NULL)
		return -2;
	for (i = 0; i < clen / 2; i++)
		(*cls)[i] = sf_le16(c + 2 * i);
	*len = clen / 2;
	return 0;
}

int
sf_regf_nk_parent(const sf_regf *r, uint64_t off, uint32_t *parent)
{
	const uint8_t	*p;
	size_t		 n;

	if (record_at(r, off, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	*parent = sf_le32(p + 16);
	return 0;
}

int
sf_regf_nk_subkeys(const sf_regf *r, uint64_t off, uint32_t *n)
{
	const uint8_t	*p;
	size_t		 len;

	if (record_at(r, off, &p, &len) == -1 || len < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	*n = sf_le32(p + 20);
	return 0;
}

static char
list_form(const uint8_t *p)
{
	if (p[0] == 'l' && p[1] == 'h')
		return 'h';
	if (p[0] == 'l' && p[1] == 'f')
		return 'f';
	if (p[0] == 'l' && p[1] == 'i')
		return 'i';
	if (p[0] == 'r' && p[1] == 'i')
		return 'r';
	return '?';
}

int
sf_regf_nk_list_form(const sf_regf *r, uint64_t off, char *form,
    int *li_below)
{
	const uint8_t	*p, *l, *leaf;
	size_t		 n, ln, leafn, i, count;

	*form = 0;
	*li_below = 0;
	if (record_at(r, off, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0)
		return -1;
	if (sf_le32(p + 20) == 0)
		return 0;
	if (sf_regf_cell(r, sf_le32(p + 28), &l, &ln) == -1 || ln < 4)
		return -1;
	*form = list_form(l);
	if (*form == 'i')
		*li_below = 1;
	if (*form != 'r')
		return *form == '?' ? -1 : 0;
	count = sf_le16(l + 2);
	if (count > (ln - 4) / 4)
		return -1;
	for (i = 0; i < count; i++) {
		if (sf_regf_cell(r, sf_le32(l + 4 + 4 * i), &leaf, &leafn) ==
		    -1 || leafn < 4)
			return -1;
		if (list_form(leaf) == 'i')
			*li_below = 1;
	}
	return 0;
}
