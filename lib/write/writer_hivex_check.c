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
 * What hivex (1.3.23) cannot do safely, checked against the hive as
 * scanned before anything is written, so that a refusal names the key
 * and says what to do instead of surfacing later as an errno or a
 * damaged hive:
 *   - more subkeys or values in one key than its compile-time limits;
 *   - deleting a key listed through an li index (it corrupts the list);
 *   - names that are not valid UTF-16: hivex rewrites every value of a
 *     key it changes, and would rename such values; in a subtree about
 *     to be deleted, such names are patched in its private copy;
 *   - values above one cell in a 1.4+ hive, which it rewrites as one
 *     cell that readers of such hives do not read;
 *   - creating keys with non-ASCII names, which it sorts wrongly, and
 *     creating many keys under one parent, which copies the parent's
 *     whole subkey list for each.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "write/writer_hivex.h"

/* hivex's HIVEX_MAX_SUBKEYS and HIVEX_MAX_VALUES. */
#define HIVEX_SUBKEY_LIMIT	70000
#define HIVEX_VALUE_LIMIT	110000

/* A refusal; an operation of an undo file names its line. */
static sf_status
refuse(sf_error **errp, const wop *op, const char *advice, const char *fmt,
    ...)
{
	sf_buf		 b;
	va_list		 ap;
	sf_status	 rc;

	sf_buf_init(&b);
	if (op != NULL && op->line > 0)
		sf_buf_printf(&b, "line %u: ", op->line);
	va_start(ap, fmt);
	sf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (b.p == NULL)
		return sf_err_nomem(errp);
	rc = sf_err(errp, SF_ERR_UNSUPPORTED, advice, "%s", b.p);
	sf_buf_free(&b);
	return rc;
}

static char *
shown(const uint16_t *u, size_t n)
{
	char *s = sf_u16_to_display(u, n);

	return s != NULL ? s : sf_strdup("?");
}

static sf_status
over_limit(sf_hive *h, sf_key *k, int values, sf_error **errp)
{
	char		*name;
	size_t		 n;
	const char	*what;
	sf_status	 rc;

	if (sf_key_children(h, k) != SF_OK || (values &&
	    sf_key_values(h, k) != SF_OK))
		return sf_err_nomem(errp);
	if (k->nchild > HIVEX_SUBKEY_LIMIT) {
		n = k->nchild;
		what = "subkeys";
	} else if (values && k->nval > HIVEX_VALUE_LIMIT) {
		n = k->nval;
		what = "values";
	} else
		return SF_OK;
	name = shown(k->name, k->name_len);
	rc = sf_err(errp, SF_ERR_UNSUPPORTED, "make this change on Windows "
	    "(regedit, reg delete or a script) with the spooler stopped",
	    "the key \"%s\" holds %zu %s; hivex, which spoolfix writes hives "
	    "with, handles at most %u %s per key", name != NULL ? name :
	    "?", n, what, values && k->nval > HIVEX_VALUE_LIMIT ?
	    HIVEX_VALUE_LIMIT : HIVEX_SUBKEY_LIMIT, what);
	free(name);
	return rc;
}

/* Every key of a subtree hivex is about to walk (a deletion). */
static sf_status
limits_below(sf_hive *h, sf_key *k, sf_error **errp)
{
	size_t		 i;
	sf_status	 rc;

	if ((rc = over_limit(h, k, 1, errp)) != SF_OK)
		return rc;
	for (i = 0; i < k->nchild; i++)
		if ((rc = limits_below(h, k->child[i], errp)) != SF_OK)
			return rc;
	return SF_OK;
}

/* hivex lists the subkeys of every key on its way to k. */
static sf_status
limits(sf_hive *h, sf_key *k, int subtree, sf_error **errp)
{
	sf_key		*a;
	sf_status	 rc;

	for (a = k->parent; a != NULL; a = a->parent)
		if ((rc = over_limit(h, a, 0, errp)) != SF_OK)
			return rc;
	return subtree ? limits_below(h, k, errp) : over_limit(h, k, 1, errp);
}

static int
add_patch(hx *x, size_t off, uint16_t unit)
{
	patch *np;

	if ((np = sf_reallocarray(x->patch, x->npatch + 1, sizeof(*np))) ==
	    NULL)
		return -1;
	x->patch = np;
	np[x->npatch].off = off;
	np[x->npatch++].unit = unit;
	return 0;
}

/* Replaces unpaired surrogates in a UTF-16 name stored at 'off'. */
static int
patch_name(hx *x, uint64_t name_off, const uint16_t *u, size_t n,
    int latin1)
{
	size_t i;

	if (latin1 || sf_u16_valid(u, n))
		return 0;
	for (i = 0; i < n; i++) {
		int lone = (u[i] >= 0xD800 && u[i] <= 0xDBFF) ? !(i + 1 < n &&
		    u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) :
		    (u[i] >= 0xDC00 && u[i] <= 0xDFFF) ? !(i > 0 &&
		    u[i - 1] >= 0xD800 && u[i - 1] <= 0xDBFF) : 0;

		if (lone && add_patch(x, (size_t)name_off + 2 * i, '_') == -1)
			return -1;
	}
	return 0;
}

/*
 * hivex reads every name of a subtree it deletes and fails on a name
 * that is not valid UTF-16.  The subtree is about to go, so in hivex's
 * private copy those units become '_'.  The offsets are the offline
 * reader's, of the very bytes hivex is given.
 */
static int
patch_names(hx *x, sf_hive *h, sf_key *k)
{
	size_t i;

	if (sf_key_values(h, k) != SF_OK || sf_key_children(h, k) != SF_OK)
		return -1;
	if (patch_name(x, k->offset + 76, k->name, k->name_len,
	    (k->flags & SF_NK_COMP_NAME) != 0) == -1)
		return -1;
	for (i = 0; i < k->nval; i++) {
		const uint8_t *p = h->file.data + k->val[i].offset;

		if (k->val[i].offset + 20 <= h->file.size &&
		    patch_name(x, k->val[i].offset + 20, k->val[i].name,
		    k->val[i].name_len, (sf_le16(p + 16) & 1) != 0) == -1)
			return -1;
	}
	for (i = 0; i < k->nchild; i++)
		if (patch_names(x, h, k->child[i]) == -1)
			return -1;
	return 0;
}

/* hivex rewrites all values of a key it changes: each must survive. */
static sf_status
values_rewritable(sf_hive *h, sf_key *k, const wop *op, sf_error **errp)
{
	const sf_value	*v;
	char		*nm, *key;
	size_t		 i;
	sf_status	 rc = SF_OK;

	if (sf_key_values(h, k) != SF_OK)
		return sf_err_nomem(errp);
	for (i = 0; i < k->nval && rc == SF_OK; i++) {
		v = &k->val[i];
		key = shown(k->name, k->name_len);
		nm = shown(v->name, v->name_len);
		if (!sf_u16_valid(v->name, v->name_len) ||
		    sf_u16_has_nul(v->name, v->name_len))
			rc = refuse(errp, op, "delete the whole key instead, or "
			    "edit it on Windows (RegDelNull removes NUL names)",
			    "the key \"%s\" holds a value named \"%s\" that "
			    "hivex cannot write back (a NUL or an unpaired "
			    "surrogate); changing any value of that key would "
			    "rename it", key, nm);
		else if (h->regf.minor >= 4 && v->size > SF_REGF_CELL_DATA_MAX)
			rc = refuse(errp, op, "edit this key on Windows", "the "
			    "key \"%s\" holds the %zu-byte value \"%s\", which "
			    "hivex would write back in a form readers of a "
			    "version 1.%u hive cannot read", key, v->size, nm,
			    h->regf.minor);
		free(nm);
		free(key);
	}
	return rc;
}

static int
ascii_names(const sf_keypath *p)
{
	size_t i, k;

	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->seg[i].len; k++)
			if (p->seg[i].u[k] > 0x7F)
				return 0;
	return 1;
}

/* Keys to create, ordered by their parents' paths. */
static int
cmp_parent(const void *a, const void *b)
{
	const sf_keypath *x = *(const sf_keypath *const *)a;
	const sf_keypath *y = *(const sf_keypath *const *)b;
	size_t		  i, n = (x->n < y->n ? x->n : y->n);
	int		  d;

	for (i = 0; i + 1 < n; i++)
		if ((d = sf_u16_casecmp(x->seg[i].u, x->seg[i].len,
		    y->seg[i].u, y->seg[i].len)) != 0)
			return d;
	return (x->n > y->n) - (x->n < y->n);
}

/*
 * hivex adds a subkey by writing a copy of its parent's whole subkey
 * list, one entry longer, at the end of the file; the old list is never
 * reused.  c keys added under a parent that has e subkeys therefore cost
 * about 8 (c e + c (c - 1) / 2) bytes.  Re-creating thousands of sibling
 * keys (the undo of a large clean-up) would grow the hive by hundreds of
 * megabytes, and a SYSTEM hive that large may not load at boot: that is
 * refused before hivex starts, in favour of the byte backup.
 */
static sf_status
growth(sf_hive *h, const wop *ops, size_t n, sf_error **errp)
{
	const sf_keypath **c;
	size_t		  i, j, nc = 0, e, run;
	double		  grow = 0;
	sf_key		 *k;
	sf_keypath	  parent;
	sf_find		  how;

	if ((c = sf_calloc(n + 1, sizeof(*c))) == NULL)
		return sf_err_nomem(errp);
	for (i = 0; i < n; i++)
		if (ops[i].kind == WOP_CREATE_KEY && ops[i].path->n > 0 &&
		    sf_key_find(h, ops[i].path, ops[i].path->n, &how) == NULL)
			c[nc++] = ops[i].path;
	qsort(c, nc, sizeof(*c), cmp_parent);
	for (i = 0; i < nc; i = j) {
		for (j = i + 1; j < nc && cmp_parent(&c[i], &c[j]) == 0; j++)
			;
		run = j - i;
		parent = *c[i];
		parent.n--;
		k = sf_key_find(h, &parent, parent.n, &how);
		e = k != NULL && sf_key_children(h, k) == SF_OK ? k->nchild : 0;
		grow += 8.0 * ((double)run * (double)e +
		    (double)run * (double)(run - 1) / 2) + 160.0 * (double)run;
	}
	free(c);
	if (grow > (double)(1 << 20) && grow > (double)h->file.size)
		return sf_err(errp, SF_ERR_UNSUPPORTED, "restore the byte copy "
		    "instead: copy the backup file that the undo file names "
		    "over the hive (with the spooler stopped, or offline)",
		    "re-creating these keys would grow %s from %.1f MB to "
		    "about %.0f MB, because hivex copies a key's whole subkey "
		    "list for each key it adds", h->path,
		    (double)h->file.size / 1e6, ((double)h->file.size + grow) /
		    1e6);
	return SF_OK;
}

static sf_status
check_one(writer *w, const wop *op, sf_error **errp)
{
	hx		*x = w->impl;
	sf_hive		*h = w->hive;
	sf_key		*k;
	char		*ks;
	char		 form;
	int		 li;
	sf_find		 how;
	sf_status	 rc;

	k = sf_key_find(h, op->path, op->path->n, &how);
	if ((rc = limits(h, k != NULL ? k : sf_key_find_deepest(h, op->path),
	    k != NULL && op->kind == WOP_DELETE_KEY, errp)) != SF_OK)
		return rc;
	switch (op->kind) {
	case WOP_DELETE_KEY:
		if (k == NULL || k->parent == NULL)
			return SF_OK;
		if (sf_regf_nk_list_form(&h->regf, k->parent->offset, &form,
		    &li) == -1 || li) {
			ks = shown(k->name, k->name_len);
			rc = refuse(errp, op, "delete it on Windows (reg delete "
			    "or regedit) with the spooler stopped", "the key "
			    "\"%s\" is listed through an li subkey index, where "
			    "hivex cannot delete without corrupting the hive",
			    ks);
			free(ks);
			return rc;
		}
		return patch_names(x, h, k) == -1 ? sf_err_nomem(errp) : SF_OK;
	case WOP_CREATE_KEY:
	case WOP_SET_VALUE:
		if (k == NULL && !ascii_names(op->path))
			return refuse(errp, op, "restore the hive from its "
			    "backup instead", "the key to re-create has a "
			    "non-ASCII name, which hivex would index in the "
			    "wrong order");
		if (k == NULL || op->kind == WOP_CREATE_KEY)
			return SF_OK;
		/* FALLTHROUGH */
	case WOP_DELETE_VALUE:
		return k != NULL ? values_rewritable(h, k, op, errp) : SF_OK;
	}
	return SF_OK;
}

sf_status
hivex_check(writer *w, const wop *ops, size_t n, sf_error **errp)
{
	size_t		 i;
	sf_status	 rc;

	for (i = 0; i < n; i++)
		if ((rc = check_one(w, &ops[i], errp)) != SF_OK)
			return rc;
	return growth(w->hive, ops, n, errp);
}
