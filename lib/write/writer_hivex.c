/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 *
 * The writer over hivex, the only file that includes hivex.h.  hivex
 * reports failures through errno; each is turned into an error that
 * names the operation.
 *
 * Finding keys.  Operations come addressed by logical path.  hivex can
 * only look a child up by its name decoded to UTF-8, which fails on
 * names that are not valid UTF-16 and matches names it cannot tell
 * apart.  So a path is followed through spoolfix's reading of the very
 * bytes hivex was given: each key's node is its nk cell (four bytes
 * before the record the reader reports), and hivex must agree that its
 * parent is the node before.  Keys the reader never saw (created in
 * this run) are found by name through hivex; keys deleted in this run
 * are remembered, so a path never leads into freed cells.
 *
 * Big values.  hivex stores any value's data in one cell, and refuses
 * cells over a megabyte.  A hive of version 1.4 or later must hold data
 * over 16,344 bytes as a "db" record (a list of segments of at most
 * 16,344 bytes each); Windows and libregf cannot read one big cell
 * there.  So a big value is given to hivex empty, as a placeholder, and
 * after hivex has written the file its data is added here: a new hive
 * bin at the end holding the db record, its segment list and the
 * segments (or, in older hives, one cell), and the placeholder's vk
 * record pointed at it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hivex.h>

#include "base/platform.h"
#include "hive/regf.h"
#include "write/writer_hivex.h"

#define BIG_SEGMENT	SF_REGF_CELL_DATA_MAX	/* data bytes per db segment */

/* A big value waiting for hivex's file: the node, its name, the data. */
struct big {
	size_t		 node;
	char		*name;		/* UTF-8, as hivex takes it */
	uint16_t	*uname;
	size_t		 ulen;
	uint32_t	 type;
	uint8_t		*data;
	size_t		 size;
};
typedef struct big big;

static sf_status
hx_fail(sf_error **errp, const char *what)
{
	int e = errno;

	return sf_err(errp, e == ENOMEM ? SF_ERR_NOMEM : SF_ERR_UNSUPPORTED,
	    "nothing was changed; edit this key on Windows, or restore the "
	    "hive from its backup", "hivex could not %s: %s", what,
	    e != 0 ? strerror(e) : "unknown error");
}

/* hivex's UTF-8 name against a UTF-16 one, ignoring case. */
static int
same_name(const char *utf8, const uint16_t *u, size_t n)
{
	uint16_t *w;
	size_t	  wn;
	int	  eq;

	if (utf8 == NULL || (w = sf_u16_from_utf8(utf8, &wn)) == NULL)
		return 0;
	eq = sf_u16_caseeq(w, wn, u, n);
	free(w);
	return eq;
}

static void
big_free(big *b)
{
	free(b->name);
	free(b->uname);
	free(b->data);
}

/* Forgets the big value i (set again, deleted, or its key deleted). */
static void
big_drop(hx *x, size_t i)
{
	big_free(&x->big[i]);
	x->big[i] = x->big[--x->nbig];
}

/* Forgets a pending big value of this node with this name. */
static void
big_forget(hx *x, size_t node, const uint16_t *name, size_t len)
{
	size_t i;

	for (i = 0; i < x->nbig; i++)
		if (x->big[i].node == node && sf_u16_caseeq(x->big[i].uname,
		    x->big[i].ulen, name, len)) {
			big_drop(x, i);
			return;
		}
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* A used cell of 'need' bytes at 'at' (8-aligned); returns its size. */
static size_t
cell(uint8_t *at, size_t need)
{
	size_t n = (need + 7) & ~(size_t)7;

	put32(at, (uint32_t)-(int32_t)n);
	return n;
}

/*
 * Appends the data of big value b to the hive image img (n bytes, room
 * for the new bin after them) and points the vk cell at 'vk' to it.
 * Returns the new image size.
 */
static size_t
big_append(uint8_t *img, size_t n, size_t vk, const big *b, int db)
{
	size_t	 bin = n, at = n + 32, nseg, i, take, done, list, first;

	nseg = (b->size + BIG_SEGMENT - 1) / BIG_SEGMENT;
	if (db) {
		first = at;
		memcpy(img + at + 4, "db", 2);
		img[at + 6] = (uint8_t)nseg;
		img[at + 7] = (uint8_t)(nseg >> 8);
		at += cell(img + at, 12);
		list = at;
		put32(img + first + 8, (uint32_t)(list - SF_REGF_BASE));
		at += cell(img + at, 4 + 4 * nseg);
		for (i = 0, done = 0; i < nseg; i++, done += take) {
			take = b->size - done < BIG_SEGMENT ? b->size - done :
			    BIG_SEGMENT;
			put32(img + list + 4 + 4 * i, (uint32_t)(at -
			    SF_REGF_BASE));
			memcpy(img + at + 4, b->data + done, take);
			/*
			 * 4 spare bytes, as Windows leaves: libregf takes a
			 * segment's length to be its cell size less 8.
			 */
			at += cell(img + at, take + 8);
		}
	} else {
		first = at;
		memcpy(img + at + 4, b->data, b->size);
		at += cell(img + at, 4 + b->size);
	}
	/* The bin: its header, and the rest of it one free cell. */
	n = bin + ((at - bin + 4095) & ~(size_t)4095);
	memcpy(img + bin, "hbin", 4);
	put32(img + bin + 4, (uint32_t)(bin - SF_REGF_BASE));
	put32(img + bin + 8, (uint32_t)(n - bin));
	memcpy(img + bin + 20, img + 12, 8);	/* the base block's time */
	if (n > at)
		put32(img + at, (uint32_t)(n - at));
	put32(img + vk + 8, (uint32_t)b->size);
	put32(img + vk + 12, (uint32_t)(first - SF_REGF_BASE));
	return n;
}

/* The bytes big_append needs at most for b, bin header included. */
static size_t
big_room(const big *b)
{
	size_t nseg = (b->size + BIG_SEGMENT - 1) / BIG_SEGMENT;

	return 32 + 16 + 8 + 4 * nseg + nseg * (BIG_SEGMENT + 16) + 4096;
}

/*
 * Adds the big values to the file hivex wrote.  Each placeholder must
 * be where hivex says, empty and of the right type: anything else is
 * refused, and the caller drops the file.
 */
static sf_status
big_write(hx *x, const char *out, sf_error **errp)
{
	sf_filedata	 fd;
	uint8_t		*img = NULL, *p;
	size_t		 i, n, room, vk;
	hive_value_h	 v;
	FILE		*f;
	sf_status	 rc = SF_OK;
	int		 db;

	if ((rc = sf_file_read(out, (size_t)2 << 30, &fd, errp)) != SF_OK)
		return rc;
	n = fd.size >= SF_REGF_BASE ? SF_REGF_BASE + (size_t)(fd.data[40] |
	    fd.data[41] << 8 | fd.data[42] << 16 |
	    (uint32_t)fd.data[43] << 24) : 0;
	room = n;
	for (i = 0; i < x->nbig; i++)
		room += big_room(&x->big[i]);
	if (n < SF_REGF_BASE || n > fd.size || (img = calloc(1, room)) == NULL) {
		sf_file_release(&fd);
		return img == NULL && n >= SF_REGF_BASE && n <= fd.size ?
		    sf_err_nomem(errp) : sf_err(errp, SF_ERR_VERIFY,
		    "nothing was changed; report this with the backup files",
		    "hivex wrote a hive whose size is not recorded");
	}
	memcpy(img, fd.data, n);
	sf_file_release(&fd);
	db = (img[24] | img[25] << 8) >= 4;	/* minor version 1.4+ */
	for (i = 0; i < x->nbig && rc == SF_OK; i++) {
		big *b = &x->big[i];

		errno = 0;
		v = hivex_node_get_value(x->h, b->node, b->name);
		vk = (size_t)v;
		p = img + vk;
		if (v == 0 || vk + 20 > n || memcmp(p + 4, "vk", 2) != 0 ||
		    (p[8] | p[9] << 8 | p[10] << 16 | (uint32_t)p[11] << 24) !=
		    0x80000000u || (p[16] | p[17] << 8 | p[18] << 16 |
		    (uint32_t)p[19] << 24) != b->type) {
			char *nm = sf_u16_to_display(b->uname, b->ulen);

			rc = sf_err(errp, SF_ERR_VERIFY, "nothing was changed; "
			    "report this with the backup files", "the %zu-byte "
			    "value \"%s\" is not where hivex wrote it", b->size,
			    nm != NULL ? nm : "?");
			free(nm);
			break;
		}
		n = big_append(img, n, vk, b, db);
	}
	if (rc == SF_OK) {
		put32(img + 40, (uint32_t)(n - SF_REGF_BASE));
		put32(img + 508, sf_regf_checksum(img));
		errno = 0;
		if ((f = fopen(out, "wb")) == NULL ||
		    fwrite(img, 1, n, f) != n || fclose(f) != 0) {
			int e = errno;

			if (f != NULL && e == 0)
				e = EIO;
			rc = sf_err(errp, SF_ERR_IO, "free space on that disk, "
			    "then run again", "cannot write %s: %s", out,
			    strerror(e != 0 ? e : EIO));
		}
	}
	free(img);
	return rc;
}

/*
 * hivex's child of 'parent' named 'name' (ignoring case), for keys the
 * scan never saw; created when absent and 'create'.  0 when absent.
 */
static sf_status
child_by_name(hx *x, size_t parent, const uint16_t *name, size_t len,
    int create, size_t *child, sf_error **errp)
{
	hive_node_h	*kids;
	char		*nm, *u8;
	size_t		 i;

	*child = 0;
	errno = 0;
	if ((kids = hivex_node_children(x->h, parent)) == NULL)
		return hx_fail(errp, "list subkeys");
	for (i = 0; kids[i] != 0 && *child == 0; i++) {
		nm = hivex_node_name(x->h, kids[i]);
		if (same_name(nm, name, len))
			*child = kids[i];
		free(nm);
	}
	free(kids);
	if (*child != 0 || !create)
		return SF_OK;
	if ((u8 = sf_u16_to_utf8(name, len)) == NULL)
		return sf_err(errp, SF_ERR_UNSUPPORTED, "restore the hive from "
		    "its backup instead", "a key name holds a NUL or an "
		    "unpaired surrogate, which hivex cannot create");
	errno = 0;
	*child = hivex_node_add_child(x->h, parent, u8);
	free(u8);
	if (*child == 0)
		return hx_fail(errp, "create a key");
	return SF_OK;
}

/*
 * hivex's node of the key at a path (see the top of this file), created
 * when asked; 0 when absent.  'scanned' is set to the scanned key when
 * the node is one.
 */
static sf_status
node_at(writer *w, const sf_keypath *p, int create, size_t *node,
    sf_key **scanned, sf_error **errp)
{
	hx		*x = w->impl;
	sf_key		*k = w->hive->root, *c;
	size_t		 n, i, want;
	int		 twice;
	sf_status	 rc;

	*node = 0;
	*scanned = NULL;
	n = hivex_root(x->h);
	if (k == NULL || n != k->offset - 4)
		return sf_err(errp, SF_ERR_VERIFY, NULL, "the hive's root is "
		    "not where the scan found it");
	for (i = 0; i < p->n; i++) {
		c = NULL;
		if (k != NULL && (c = sf_key_child_n(w->hive, k, p->seg[i].u,
		    p->seg[i].len, &twice)) != NULL && twice)
			return sf_err(errp, SF_ERR_UNSAFE, NULL, "two subkeys "
			    "have the name of a key to change");
		if (c != NULL && !sf_offset_set_has(&x->gone, c->offset)) {
			want = n;
			n = c->offset - 4;
			errno = 0;
			if (hivex_node_parent(x->h, n) != want)
				return sf_err(errp, SF_ERR_VERIFY, "scan the hive "
				    "again and repair from the new scan", "the key "
				    "at offset 0x%jx is not the one scanned (its "
				    "parent differs)", (uintmax_t)c->offset);
			k = c;
			continue;
		}
		k = NULL;
		if ((rc = child_by_name(x, n, p->seg[i].u, p->seg[i].len,
		    create, &n, errp)) != SF_OK)
			return rc;
		if (n == 0)
			return SF_OK;
	}
	*node = n;
	*scanned = k;
	return SF_OK;
}

/* Forgets the scanned keys of a deleted subtree, and its big values. */
static sf_status
delete_key(writer *w, size_t node, sf_key *scanned, sf_error **errp)
{
	hx		*x = w->impl;
	size_t		 i;
	hive_value_h	*v;

	errno = 0;
	if (hivex_node_delete_child(x->h, node) == -1)
		return hx_fail(errp, "delete the key");
	if (scanned != NULL && sf_offset_set_add(&x->gone,
	    scanned->offset) == -1)
		return sf_err_nomem(errp);
	/* Big values of keys gone with it: hivex no longer lists them. */
	for (i = 0; i < x->nbig; i++) {
		if ((v = hivex_node_values(x->h, x->big[i].node)) == NULL)
			big_drop(x, i--);
		free(v);
	}
	return SF_OK;
}

static sf_status
set_value(hx *x, size_t node, const uint16_t *name, size_t len,
    uint32_t type, const uint8_t *data, size_t size, sf_error **errp)
{
	hive_set_value	 v;
	char		*u8;
	int		 rc;

	big	*nb;

	if ((u8 = sf_u16_to_utf8(name, len)) == NULL)
		return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "a value name "
		    "hivex cannot write (NUL or unpaired surrogate)");
	big_forget(x, node, name, len);
	v.key = u8;
	v.t = (hive_type)type;
	v.len = size;
	v.value = (char *)data;
	/* A db record counts its segments in 16 bits. */
	if (size > (size_t)0xFFFF * BIG_SEGMENT) {
		free(u8);
		return sf_err(errp, SF_ERR_UNSUPPORTED, "restore the hive from "
		    "its backup instead", "a value of %zu bytes is more than "
		    "a hive can hold", size);
	}
	if (size > BIG_SEGMENT) {
		/* Empty for now; its data is added after the commit. */
		if ((nb = sf_reallocarray(x->big, x->nbig + 1,
		    sizeof(*nb))) == NULL) {
			free(u8);
			return sf_err_nomem(errp);
		}
		x->big = nb;
		nb = &x->big[x->nbig];
		memset(nb, 0, sizeof(*nb));
		nb->node = node;
		nb->name = u8;
		nb->type = type;
		nb->size = size;
		nb->ulen = len;
		if ((nb->uname = sf_u16dup(name, len)) == NULL ||
		    (nb->data = malloc(size)) == NULL) {
			big_free(nb);
			return sf_err_nomem(errp);
		}
		memcpy(nb->data, data, size);
		x->nbig++;
		v.len = 0;
		v.value = NULL;
	}
	errno = 0;
	rc = hivex_node_set_value(x->h, node, &v, 0);
	if (size <= BIG_SEGMENT)
		free(u8);
	if (rc == -1)
		return hx_fail(errp, "set the value");
	return SF_OK;
}

static sf_status
delete_value(hx *x, size_t node, const uint16_t *name, size_t len,
    sf_error **errp)
{
	hive_value_h	*vals;
	hive_set_value	*keep;
	size_t		 i, n = 0, k = 0;
	hive_type	 t;
	size_t		 vl;
	sf_status	 rc = SF_OK;

	big_forget(x, node, name, len);
	errno = 0;
	if ((vals = hivex_node_values(x->h, node)) == NULL)
		return hx_fail(errp, "list values");
	while (vals[n] != 0)
		n++;
	if ((keep = sf_calloc(n + 1, sizeof(*keep))) == NULL) {
		free(vals);
		return sf_err_nomem(errp);
	}
	/* hivex replaces the whole value list: keep every other value. */
	for (i = 0; i < n && rc == SF_OK; i++) {
		char *key = hivex_value_key(x->h, vals[i]);

		if (key == NULL) {
			rc = hx_fail(errp, "read a value name");
			break;
		}
		if (same_name(key, name, len)) {
			free(key);
			continue;
		}
		keep[k].key = key;
		if ((keep[k].value = hivex_value_value(x->h, vals[i], &t,
		    &vl)) == NULL) {
			rc = hx_fail(errp, "read a value");
			k++;
			break;
		}
		keep[k].t = t;
		keep[k].len = vl;
		k++;
	}
	if (rc == SF_OK && k == n)
		rc = sf_err(errp, SF_ERR_VERIFY, NULL, "the value to delete is "
		    "not in the key");
	errno = 0;
	if (rc == SF_OK && hivex_node_set_values(x->h, node, k, keep, 0) == -1)
		rc = hx_fail(errp, "rewrite the values");
	for (i = 0; i < k; i++) {
		free(keep[i].key);
		free(keep[i].value);
	}
	free(keep);
	free(vals);
	return rc;
}

static sf_status
hx_apply(writer *w, const wop *op, sf_error **errp)
{
	hx		*x = w->impl;
	size_t		 node;
	sf_key		*k;
	sf_error	*e = NULL;
	sf_status	 rc;
	int		 create = op->kind == WOP_CREATE_KEY ||
			    op->kind == WOP_SET_VALUE;

	if ((rc = node_at(w, op->path, create, &node, &k, errp)) != SF_OK)
		return rc;
	if (node == 0)
		return op->if_present ? SF_OK : sf_err(errp, SF_ERR_VERIFY,
		    "scan again and repair from the new scan", "a key to "
		    "change is not in the hive");
	switch (op->kind) {
	case WOP_CREATE_KEY:
		return SF_OK;
	case WOP_DELETE_KEY:
		if (node == (size_t)hivex_root(x->h))
			return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "the "
			    "root key of a hive cannot be deleted");
		return delete_key(w, node, k, errp);
	case WOP_SET_VALUE:
		return set_value(x, node, op->name, op->namelen, op->type,
		    op->data, op->size, errp);
	case WOP_DELETE_VALUE:
		if ((rc = delete_value(x, node, op->name, op->namelen, &e)) ==
		    SF_OK || !op->if_present ||
		    sf_error_code(e) != SF_ERR_VERIFY) {
			/* Absent is what was asked for, when if_present. */
			if (errp != NULL && e != NULL)
				*errp = e;
			else
				sf_error_free(e);
			return rc;
		}
		sf_error_free(e);
		return SF_OK;
	}
	return SF_OK;
}

/* The private copy's name, in the scratch folder (the backups'). */
static char *
copy_name(const writer *w)
{
	sf_buf b;

	sf_buf_init(&b);
	sf_buf_printf(&b, "%s/.%s.hivex-input", w->scratch,
	    sf_path_base(w->hive->path));
	return sf_buf_take(&b);
}

/* hivex gets a private copy, with the check's patches, to edit. */
static sf_status
hx_begin(writer *w, sf_error **errp)
{
	hx		*x = w->impl;
	uint8_t		*copy;
	size_t		 i, n = w->image->size;
	sf_status	 rc;

	if ((x->copy = copy_name(w)) == NULL)
		return sf_err_nomem(errp);
	if ((rc = sf_step("prepare", x->copy, errp)) != SF_OK)
		return rc;
	if ((copy = malloc(n + 1)) == NULL)
		return sf_err_nomem(errp);
	memcpy(copy, w->image->data, n);
	for (i = 0; i < x->npatch; i++)
		if (x->patch[i].off + 2 <= n) {
			copy[x->patch[i].off] = (uint8_t)(x->patch[i].unit &
			    0xFF);
			copy[x->patch[i].off + 1] = (uint8_t)(x->patch[i].unit >>
			    8);
		}
	sf_file_remove(x->copy);
	rc = sf_file_write_new(x->copy, copy, n, errp);
	free(copy);
	if (rc != SF_OK || (rc = sf_step("open", x->copy, errp)) != SF_OK)
		return rc;
	errno = 0;
	if ((x->h = hivex_open(x->copy, HIVEX_OPEN_WRITE)) == NULL)
		return hx_fail(errp, "open the hive for writing");
	return SF_OK;
}

static sf_status
hx_commit(writer *w, sf_error **errp)
{
	hx *x = w->impl;

	errno = 0;
	if (hivex_commit(x->h, w->out, 0) == -1)
		return hx_fail(errp, "write the new hive");
	return x->nbig > 0 ? big_write(x, w->out, errp) : SF_OK;
}

static void
hx_end(writer *w)
{
	hx	*x = w->impl;
	size_t	 i;

	if (x->h != NULL)
		hivex_close(x->h);	/* without commit: changes dropped */
	x->h = NULL;
	for (i = 0; i < x->nbig; i++)
		big_free(&x->big[i]);
	free(x->big);
	x->big = NULL;
	x->nbig = 0;
	/* Begun in a child process that died, the copy is still there. */
	if (x->copy == NULL && w->scratch != NULL)
		x->copy = copy_name(w);
	if (x->copy != NULL)
		sf_file_remove(x->copy);
	free(x->copy);
	x->copy = NULL;
	sf_offset_set_free(&x->gone);
}

static void
hx_free(writer *w)
{
	hx *x = w->impl;

	hx_end(w);
	free(x->patch);
	free(x);
}

static const writer_ops hivex_ops = {
	"hivex",
	1,		/* hivex asserts on some damage */
	hivex_check,
	hx_begin,
	hx_apply,
	hx_commit,
	hx_end,
	hx_free
};

sf_status
writer_hivex_new(sf_hive *h, writer **out, sf_error **errp)
{
	writer	*w;
	hx	*x;

	*out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (x = calloc(1, sizeof(*x))) == NULL) {
		free(w);
		return sf_err_nomem(errp);
	}
	w->ops = &hivex_ops;
	w->hive = h;
	w->impl = x;
	*out = w;
	return SF_OK;
}
