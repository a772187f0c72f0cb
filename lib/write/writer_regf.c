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
 * spoolfix's own offline writer, behind the writer interface: the hive
 * image as scanned is edited in memory (regf_edit.c) and written to the
 * job's temporary file, which the job then verifies with independent
 * readers before it replaces the hive.  Portable C: no hivex, no limits
 * on subkeys or values, any list form, freed space reused.
 *
 * Finding keys.  Operations come addressed by logical path.  A path is
 * followed through spoolfix's reading of the very bytes being edited:
 * a scanned key's nk cell is its record's offset less four (and less
 * the base block), and the image must agree that its parent is the key
 * before.  Keys the scan never saw (created in this run) are found by
 * name in the image; keys deleted in this run are remembered, so a path
 * never leads into freed cells.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/regf_compact.h"
#include "write/regf_edit.h"
#include "write/writer.h"

typedef struct rw {
	re_image	*im;
	sf_offset_set	 gone;		/* scanned keys deleted (nk offsets) */
} rw;

static uint32_t
cell_of(const sf_key *k)
{
	return (uint32_t)(k->offset - SF_REGF_BASE - 4);
}

/*
 * The nk cell of the key at a path and of its parent (RE_NONE when
 * absent), creating missing keys when asked; 'scanned' is the scanned
 * key when the key is one.
 */
static sf_status
node_at(writer *w, const sf_keypath *p, int create, uint32_t *node,
    uint32_t *parent, sf_key **scanned, sf_error **errp)
{
	rw		*x = w->impl;
	sf_key		*k = w->hive->root, *c;
	uint32_t	 n, up = RE_NONE, next;
	size_t		 i;
	int		 twice;
	sf_status	 rc;

	*node = *parent = RE_NONE;
	*scanned = NULL;
	n = re_root(x->im);
	if (k == NULL || n != cell_of(k))
		return sf_err(errp, SF_ERR_VERIFY, NULL, "the hive's root is "
		    "not where the scan found it");
	for (i = 0; i < p->n; i++) {
		c = NULL;
		if (k != NULL && (c = sf_key_child_n(w->hive, k, p->seg[i].u,
		    p->seg[i].len, &twice)) != NULL && twice)
			return sf_err(errp, SF_ERR_UNSAFE, NULL, "two subkeys "
			    "have the name of a key to change");
		if (c != NULL && !sf_offset_set_has(&x->gone, c->offset)) {
			if (!re_is_child(x->im, n, cell_of(c)))
				return sf_err(errp, SF_ERR_VERIFY, "scan the hive "
				    "again and repair from the new scan", "the key "
				    "at offset 0x%jx is not the one scanned (its "
				    "parent differs)", (uintmax_t)c->offset);
			up = n;
			n = cell_of(c);
			k = c;
			continue;
		}
		k = NULL;
		if ((rc = re_child(x->im, n, p->seg[i].u, p->seg[i].len, &next,
		    errp)) != SF_OK)
			return rc;
		if (next == RE_NONE && create && (rc = re_create_key(x->im, n,
		    p->seg[i].u, p->seg[i].len, &next, errp)) != SF_OK)
			return rc;
		if (next == RE_NONE)
			return SF_OK;
		up = n;
		n = next;
	}
	*node = n;
	*parent = up;
	*scanned = k;
	return SF_OK;
}

/* What no hive can hold; everything else this writer can do. */
static sf_status
rw_check(writer *w, const wop *ops, size_t n, sf_error **errp)
{
	size_t i, j;

	(void)w;
	for (i = 0; i < n; i++) {
		for (j = 0; j < ops[i].path->n; j++)
			if (ops[i].path->seg[j].len == 0 ||
			    ops[i].path->seg[j].len > 255)
				return sf_err(errp, SF_ERR_UNSUPPORTED, NULL,
				    "line %u: a key name must have 1 to 255 "
				    "characters", ops[i].line);
		if (ops[i].kind == WOP_SET_VALUE && ops[i].size >
		    (size_t)0xFFFF * SF_REGF_CELL_DATA_MAX)
			return sf_err(errp, SF_ERR_UNSUPPORTED, "restore the hive "
			    "from its backup instead", "a value of %zu bytes is "
			    "more than a hive can hold", ops[i].size);
	}
	return SF_OK;
}

static sf_status
rw_begin(writer *w, sf_error **errp)
{
	rw		*x = w->impl;
	sf_status	 rc;

	if ((rc = sf_step("prepare", w->hive->path, errp)) != SF_OK ||
	    (rc = sf_step("open", w->hive->path, errp)) != SF_OK)
		return rc;
	return re_open(w->image->data, w->image->size, &x->im, errp);
}

static sf_status
rw_apply(writer *w, const wop *op, sf_error **errp)
{
	rw		*x = w->impl;
	uint32_t	 node, parent;
	sf_key		*k;
	sf_status	 rc;
	int		 create = op->kind == WOP_CREATE_KEY ||
			    op->kind == WOP_SET_VALUE;

	if ((rc = node_at(w, op->path, create, &node, &parent, &k, errp)) !=
	    SF_OK)
		return rc;
	if (node == RE_NONE)
		return op->if_present ? SF_OK : sf_err(errp, SF_ERR_VERIFY,
		    "scan again and repair from the new scan", "a key to "
		    "change is not in the hive");
	switch (op->kind) {
	case WOP_CREATE_KEY:
		return SF_OK;
	case WOP_DELETE_KEY:
		if (parent == RE_NONE)
			return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "the "
			    "root key of a hive cannot be deleted");
		if ((rc = re_delete_key(x->im, parent, node, errp)) != SF_OK)
			return rc;
		if (k != NULL && sf_offset_set_add(&x->gone, k->offset) == -1)
			return sf_err_nomem(errp);
		return SF_OK;
	case WOP_SET_VALUE:
		return re_set_value(x->im, node, op->name, op->namelen,
		    op->type, op->data, op->size, errp);
	case WOP_DELETE_VALUE:
		rc = re_delete_value(x->im, node, op->name, op->namelen, errp);
		if (rc == SF_ERR_NOTFOUND && op->if_present) {
			/* Absent is what was asked for. */
			if (errp != NULL) {
				sf_error_free(*errp);
				*errp = NULL;
			}
			return SF_OK;
		}
		return rc == SF_ERR_NOTFOUND ? SF_ERR_VERIFY : rc;
	}
	return SF_OK;
}

static sf_status
rw_commit(writer *w, sf_error **errp)
{
	rw		*x = w->impl;
	const uint8_t	*data;
	size_t		 size;
	sf_status	 rc;

	uint8_t		*packed = NULL;

	if ((rc = re_finish(x->im, &data, &size, errp)) != SF_OK)
		return rc;
	if (w->compact) {
		if ((rc = regf_compact(data, size, &packed, &size, errp)) !=
		    SF_OK)
			return rc;
		data = packed;
	}
	w->written = size;
	rc = sf_file_write_temp(w->out, data, size, errp);
	free(packed);
	return rc;
}

static void
rw_end(writer *w)
{
	rw *x = w->impl;

	re_close(x->im);
	x->im = NULL;
	sf_offset_set_free(&x->gone);
}

static void
rw_free(writer *w)
{
	rw_end(w);
	free(w->impl);
}

static const writer_ops regf_ops = {
	"spoolfix",
	rw_check,
	rw_begin,
	rw_apply,
	rw_commit,
	rw_end,
	rw_free
};

sf_status
writer_regf_new(sf_hive *h, writer **out, sf_error **errp)
{
	writer	*w;
	rw	*x;

	*out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (x = calloc(1, sizeof(*x))) == NULL) {
		free(w);
		return sf_err_nomem(errp);
	}
	w->ops = &regf_ops;
	w->hive = h;
	w->impl = x;
	*out = w;
	return SF_OK;
}
