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
 * The live writer (Windows only): the operations of writer.h applied to
 * a loaded hive through ntdll's key calls, and the snapshots a live job
 * backs up and rolls back from.  Every key is reached segment by
 * segment from the hive's root with counted names (NtOpenKey,
 * NtCreateKey): a name holding a NUL, a control character or an
 * unpaired surrogate is opened exactly, never cut at the NUL nor
 * confused with its prefix, which the Reg* calls would do.  A key is
 * deleted with everything below it as RegDeleteTreeW does, but by
 * counted names and bounded: at most SF_MAX_DEPTH levels and LIVE_MAX
 * keys, so a hostile tree (or one that grows while it is deleted)
 * cannot keep the writer busy for ever.
 */
#include "base/ntkey_win32.h"

#include <stdlib.h>
#include <string.h>

#include "write/live.h"

#define LIVE_MAX	200000	/* keys read or deleted in one call */

#define ST_NOT_FOUND	((NTSTATUS)0xC0000034L)
#define ST_DENIED	((NTSTATUS)0xC0000022L)
#define ST_NO_MEMORY	((NTSTATUS)0xC0000017L)

#define RW_ACCESS	(KEY_READ | KEY_SET_VALUE | KEY_CREATE_SUB_KEY | DELETE)

static void
counted(UNICODE_STRING *us, const uint16_t *u, size_t len)
{
	us->Buffer = (PWSTR)(uintptr_t)u;
	us->Length = us->MaximumLength = (USHORT)(len * 2);
}

/* One name below 'parent' (NULL: an object path). */
static NTSTATUS
open_name(HANDLE parent, const uint16_t *u, size_t len, ACCESS_MASK a,
    int create, const uint16_t *cls, size_t clslen, HANDLE *out)
{
	OBJECT_ATTRIBUTES	oa;
	UNICODE_STRING		us, cs;
	ULONG			disp;

	if (len * 2 > 0xfffe || clslen * 2 > 0xfffe)
		return (NTSTATUS)0xC0000106L;	/* NAME_TOO_LONG */
	counted(&us, u, len);
	InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, parent,
	    NULL);
	if (!create)
		return sf_nt.open(out, a, &oa);
	counted(&cs, cls, clslen);
	return sf_nt.create(out, a, &oa, 0, cls != NULL ? &cs : NULL, 0, &disp);
}

uint16_t *
live_object_path(const sf_hive *h, size_t *len)
{
	sf_buf		 b;
	const char	*p = h->path;
	uint16_t	*u;

	sf_buf_init(&b);
	if (strncmp(p, "HKLM\\", 5) == 0)
		sf_buf_printf(&b, "\\Registry\\Machine\\%s", p + 5);
	else if (strncmp(p, "HKU\\", 4) == 0)
		sf_buf_printf(&b, "\\Registry\\User\\%s", p + 4);
	if (b.p == NULL || b.len == 0) {
		sf_buf_free(&b);
		return NULL;
	}
	u = sf_u16_from_utf8(b.p, len);
	sf_buf_free(&b);
	return u;
}

static char *
shown(const sf_hive *h, const sf_keypath *p, size_t n)
{
	sf_buf	 b;
	char	*s;
	size_t	 i;

	sf_buf_init(&b);
	sf_buf_adds(&b, h->path);
	for (i = 0; i < n && i < p->n; i++) {
		s = sf_u16_to_display(p->seg[i].u, p->seg[i].len);
		sf_buf_printf(&b, "\\%s", s != NULL ? s : "?");
		free(s);
	}
	return sf_buf_take(&b);
}

static sf_status
nt_error(sf_error **errp, NTSTATUS st, const char *what, const sf_hive *h,
    const sf_keypath *p, size_t n)
{
	char		*s = shown(h, p, n);
	sf_status	 rc;

	rc = sf_err(errp, SF_ERR_IO, st == ST_DENIED ? "run spoolfix as an "
	    "administrator (elevated); a key owned by TrustedInstaller or "
	    "locked by its ACL must be changed by its owner" : NULL,
	    "cannot %s the live key %s (NTSTATUS 0x%08lx)", what,
	    s != NULL ? s : h->path, (unsigned long)st);
	free(s);
	return rc;
}

/* The hive's root. */
static NTSTATUS
open_root(const sf_hive *h, ACCESS_MASK a, HANDLE *out)
{
	uint16_t	*u;
	size_t		 n;
	NTSTATUS	 st;

	if ((u = live_object_path(h, &n)) == NULL)
		return ST_NO_MEMORY;
	st = open_name(NULL, u, n, a, 0, NULL, 0, out);
	free(u);
	return st;
}

static const uint16_t empty[1];

/*
 * The key at the first n segments of p, from the root; with 'create',
 * missing keys on the way are created.  *depth: the segments reached.
 */
static NTSTATUS
open_path(HANDLE root, const sf_keypath *p, size_t n, ACCESS_MASK a,
    int create, HANDLE *out, size_t *depth)
{
	HANDLE		cur = root, next;
	NTSTATUS	st = 0;
	size_t		i;

	*out = NULL;
	if (depth != NULL)
		*depth = 0;
	if (n == 0)
		return open_name(root, empty, 0, a, 0, NULL, 0, out);
	for (i = 0; i < n; i++) {
		st = open_name(cur, p->seg[i].u, p->seg[i].len, i + 1 == n ?
		    a : create ? KEY_READ | KEY_CREATE_SUB_KEY : KEY_READ,
		    create, NULL, 0, &next);
		if (cur != root)
			sf_nt.close(cur);
		if (st < 0)
			return st;
		cur = next;
		if (depth != NULL)
			*depth = i + 1;
	}
	*out = cur;
	return st;
}

void
live_key_free(lkey *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->nval; i++) {
		free(k->val[i].name);
		free(k->val[i].data);
	}
	for (i = 0; i < k->nchild; i++)
		live_key_free(k->child[i]);
	free(k->val);
	free(k->child);
	free(k->name);
	free(k->cls);
	free(k);
}

typedef struct rd {
	void	*buf;
	ULONG	 cap;
	size_t	 keys;
} rd;

/* Reads the open key into k: its facts, values, and (deep) below. */
static NTSTATUS
read_key(HANDLE key, lkey *k, int deep, unsigned depth, rd *r)
{
	kfull		*f;
	kbasic		*b;
	vfull		*v;
	NTSTATUS	 st;
	ULONG		 i, nsub, nval;
	HANDLE		 ch;
	lkey		*c;

	if (++r->keys > LIVE_MAX || depth > SF_MAX_DEPTH)
		return (NTSTATUS)0xC000009AL;	/* INSUFFICIENT_RESOURCES */
	if ((st = sf_ntkey_read(key, NTKEY_INFO, 0, &r->buf, &r->cap)) < 0)
		return st;
	f = r->buf;
	k->written = (uint64_t)f->LastWriteTime.QuadPart;
	nsub = f->SubKeys;
	nval = f->Values;
	if (f->ClassLength > 0 && f->ClassOffset + (uint64_t)f->ClassLength <=
	    r->cap) {
		k->clslen = f->ClassLength / 2;
		if ((k->cls = sf_u16dup((const uint16_t *)((uint8_t *)r->buf +
		    f->ClassOffset), k->clslen)) == NULL)
			return ST_NO_MEMORY;
	}
	if (nval > 0 && (k->val = sf_calloc(nval, sizeof(*k->val))) == NULL)
		return ST_NO_MEMORY;
	for (i = 0; i < nval; i++) {
		if ((st = sf_ntkey_read(key, NTKEY_VALUE, i, &r->buf, &r->cap)) < 0)
			return st == STATUS_NO_MORE_ENTRIES ?
			    (NTSTATUS)0xC0000001L : st;
		v = r->buf;
		if (v->DataOffset + (uint64_t)v->DataLength > r->cap ||
		    offsetof(vfull, Name) + (uint64_t)v->NameLength > r->cap)
			return (NTSTATUS)0xC0000001L;
		k->val[i].namelen = v->NameLength / 2;
		k->val[i].type = v->Type;
		k->val[i].size = v->DataLength;
		if ((k->val[i].name = sf_u16dup((const uint16_t *)v->Name,
		    k->val[i].namelen)) == NULL ||
		    (k->val[i].data = malloc(v->DataLength + 1)) == NULL)
			return ST_NO_MEMORY;
		memcpy(k->val[i].data, (uint8_t *)r->buf + v->DataOffset,
		    v->DataLength);
		k->nval++;
	}
	if (!deep || nsub == 0)
		return 0;
	if ((k->child = sf_calloc(nsub, sizeof(*k->child))) == NULL)
		return ST_NO_MEMORY;
	for (i = 0; i < nsub; i++) {
		if ((st = sf_ntkey_read(key, NTKEY_SUBKEY, i, &r->buf, &r->cap)) < 0)
			return st == STATUS_NO_MORE_ENTRIES ?
			    (NTSTATUS)0xC0000001L : st;
		b = r->buf;
		if ((c = sf_calloc(1, sizeof(*c))) == NULL)
			return ST_NO_MEMORY;
		k->child[k->nchild++] = c;
		c->namelen = b->NameLength / 2;
		if ((c->name = sf_u16dup((const uint16_t *)b->Name,
		    c->namelen)) == NULL)
			return ST_NO_MEMORY;
	}
	for (i = 0; i < k->nchild; i++) {
		c = k->child[i];
		if ((st = open_name(key, c->name, c->namelen, KEY_READ, 0, NULL,
		    0, &ch)) < 0)
			return st;
		st = read_key(ch, c, 1, depth + 1, r);
		sf_nt.close(ch);
		if (st < 0)
			return st;
	}
	return 0;
}

sf_status
live_read(sf_hive *h, const sf_keypath *p, int deep, lkey **out,
    sf_error **errp)
{
	HANDLE		 root, key;
	NTSTATUS	 st;
	lkey		*k;
	rd		 r;
	size_t		 depth;

	*out = NULL;
	if (sf_ntkey_load(errp) != SF_OK)
		return SF_ERR_IO;
	if ((st = open_root(h, KEY_READ, &root)) < 0)
		return nt_error(errp, st, "open", h, p, 0);
	st = open_path(root, p, p->n, KEY_READ, 0, &key, &depth);
	sf_nt.close(root);
	if (st == ST_NOT_FOUND)
		return SF_OK;
	if (st < 0)
		return nt_error(errp, st, "open", h, p, depth + 1);
	memset(&r, 0, sizeof(r));
	if ((k = sf_calloc(1, sizeof(*k))) == NULL ||
	    (p->n > 0 && (k->name = sf_u16dup(p->seg[p->n - 1].u,
	    k->namelen = p->seg[p->n - 1].len)) == NULL)) {
		sf_nt.close(key);
		live_key_free(k);
		return sf_err_nomem(errp);
	}
	st = read_key(key, k, deep, 0, &r);
	sf_nt.close(key);
	free(r.buf);
	if (st < 0) {
		live_key_free(k);
		return st == ST_NO_MEMORY ? sf_err_nomem(errp) : nt_error(errp,
		    st, "read (it changed while it was read, or is too large)",
		    h, p, p->n);
	}
	*out = k;
	return SF_OK;
}

/* Deletes what is below the open key, bounded; the key itself stays. */
static NTSTATUS
delete_below(HANDLE key, unsigned depth, size_t *budget)
{
	void		*buf = NULL;
	ULONG		 cap = 0;
	NTSTATUS	 st;
	HANDLE		 ch;
	kbasic		*b;

	if (depth > SF_MAX_DEPTH)
		return (NTSTATUS)0xC000009AL;
	for (;;) {
		if (*budget == 0) {
			st = (NTSTATUS)0xC000009AL;
			break;
		}
		(*budget)--;
		/* Always the first child: the one before it is gone. */
		if ((st = sf_ntkey_read(key, NTKEY_SUBKEY, 0, &buf, &cap)) == STATUS_NO_MORE_ENTRIES) {
			st = 0;
			break;
		}
		if (st < 0)
			break;
		b = buf;
		if ((st = open_name(key, (const uint16_t *)b->Name,
		    b->NameLength / 2, KEY_READ | DELETE, 0, NULL, 0, &ch)) < 0)
			break;
		if ((st = delete_below(ch, depth + 1, budget)) >= 0)
			st = sf_nt.delete_key(ch);
		sf_nt.close(ch);
		if (st < 0)
			break;
	}
	free(buf);
	return st;
}

static NTSTATUS
delete_tree(HANDLE root, const sf_keypath *p, int if_present)
{
	HANDLE		key;
	NTSTATUS	st;
	size_t		budget = LIVE_MAX;

	if (p->n == 0)
		return (NTSTATUS)0xC000000DL;	/* never the hive's root */
	st = open_path(root, p, p->n, KEY_READ | DELETE, 0, &key, NULL);
	if (st == ST_NOT_FOUND && if_present)
		return 0;
	if (st < 0)
		return st;
	if ((st = delete_below(key, 0, &budget)) >= 0)
		st = sf_nt.delete_key(key);
	sf_nt.close(key);
	return st;
}

/* Creates k (and below) under the open 'parent'. */
static NTSTATUS
create_tree(HANDLE parent, const lkey *k, unsigned depth)
{
	HANDLE		key;
	NTSTATUS	st;
	UNICODE_STRING	us;
	size_t		i;

	if (depth > SF_MAX_DEPTH)
		return (NTSTATUS)0xC000009AL;
	if ((st = open_name(parent, k->name, k->namelen, RW_ACCESS, 1, k->cls,
	    k->clslen, &key)) < 0)
		return st;
	for (i = 0; i < k->nval && st >= 0; i++) {
		counted(&us, k->val[i].name, k->val[i].namelen);
		st = sf_nt.set_value(key, &us, 0, k->val[i].type, k->val[i].data,
		    (ULONG)k->val[i].size);
	}
	for (i = 0; i < k->nchild && st >= 0; i++)
		st = create_tree(key, k->child[i], depth + 1);
	sf_nt.close(key);
	return st;
}

sf_status
live_restore(sf_hive *h, const sf_keypath *p, const lkey *k, sf_error **errp)
{
	HANDLE		root, parent;
	NTSTATUS	st;

	if (sf_ntkey_load(errp) != SF_OK)
		return SF_ERR_IO;
	if ((st = open_root(h, RW_ACCESS, &root)) < 0)
		return nt_error(errp, st, "open", h, p, 0);
	if ((st = delete_tree(root, p, 1)) < 0) {
		sf_nt.close(root);
		return nt_error(errp, st, "delete", h, p, p->n);
	}
	if (k != NULL) {
		st = open_path(root, p, p->n - 1, RW_ACCESS, 1, &parent, NULL);
		if (st >= 0) {
			st = create_tree(parent, k, 0);
			sf_nt.close(parent);
		}
	}
	sf_nt.close(root);
	return st < 0 ? nt_error(errp, st, "re-create", h, p, p->n) : SF_OK;
}

sf_status
live_restore_value(sf_hive *h, const sf_keypath *p, const uint16_t *name,
    size_t namelen, const lval *v, sf_error **errp)
{
	HANDLE		root, key;
	NTSTATUS	st;
	UNICODE_STRING	us;

	if (sf_ntkey_load(errp) != SF_OK)
		return SF_ERR_IO;
	if ((st = open_root(h, RW_ACCESS, &root)) < 0)
		return nt_error(errp, st, "open", h, p, 0);
	st = open_path(root, p, p->n, RW_ACCESS, v != NULL, &key, NULL);
	sf_nt.close(root);
	if (st == ST_NOT_FOUND && v == NULL)
		return SF_OK;
	if (st < 0)
		return nt_error(errp, st, "open", h, p, p->n);
	counted(&us, name, namelen);
	if (v != NULL)
		st = sf_nt.set_value(key, &us, 0, v->type, v->data, (ULONG)v->size);
	else if ((st = sf_nt.delete_value(key, &us)) == ST_NOT_FOUND)
		st = 0;
	sf_nt.close(key);
	return st < 0 ? nt_error(errp, st, "restore a value of", h, p, p->n) :
	    SF_OK;
}

/* ---- the writer ---- */

typedef struct live_w {
	HANDLE		 root;
	size_t		 nop;		/* operations applied */
} live_w;

static sf_status
w_check(writer *w, const wop *op, size_t n, sf_error **errp)
{
	size_t i;

	(void)w;
	for (i = 0; i < n; i++)
		if ((op[i].kind == WOP_DELETE_KEY || op[i].kind ==
		    WOP_CREATE_KEY) && op[i].path->n == 0)
			return sf_err(errp, SF_ERR_UNSUPPORTED, "leave the hive's "
			    "root alone", "spoolfix does not create or delete "
			    "the root of a live hive");
	return SF_OK;
}

static sf_status
w_begin(writer *w, sf_error **errp)
{
	live_w		*lw = w->impl;
	NTSTATUS	 st;

	if (sf_ntkey_load(errp) != SF_OK)
		return SF_ERR_IO;
	lw->nop = 0;
	if ((st = open_root(w->hive, RW_ACCESS, &lw->root)) < 0) {
		lw->root = NULL;
		return sf_err(errp, SF_ERR_IO, st == ST_DENIED ? "run spoolfix "
		    "as an administrator (elevated)" : NULL, "cannot open the "
		    "live key %s for writing (NTSTATUS 0x%08lx)", w->hive->path,
		    (unsigned long)st);
	}
	return SF_OK;
}

static sf_status
w_apply(writer *w, const wop *op, sf_error **errp)
{
	live_w		*lw = w->impl;
	HANDLE		 key;
	UNICODE_STRING	 us;
	NTSTATUS	 st;
	sf_buf		 b;
	sf_status	 rc;
	const char	*what;

	/* SPOOLFIX_TEST_FAULT=apply@#N# fails before operation N (from 1). */
	sf_buf_init(&b);
	sf_buf_printf(&b, "%s#%zu#", w->hive->path, lw->nop + 1);
	rc = sf_step("apply", b.p != NULL ? b.p : w->hive->path, errp);
	sf_buf_free(&b);
	if (rc != SF_OK)
		return rc;
	switch (op->kind) {
	case WOP_CREATE_KEY:
		what = "create";
		if ((st = open_path(lw->root, op->path, op->path->n, KEY_READ,
		    1, &key, NULL)) >= 0)
			sf_nt.close(key);
		break;
	case WOP_DELETE_KEY:
		what = "delete";
		st = delete_tree(lw->root, op->path, op->if_present);
		break;
	case WOP_SET_VALUE:
		what = "set a value of";
		if ((st = open_path(lw->root, op->path, op->path->n,
		    RW_ACCESS, 1, &key, NULL)) >= 0) {
			counted(&us, op->name, op->namelen);
			st = sf_nt.set_value(key, &us, 0, op->type,
			    (PVOID)(uintptr_t)op->data, (ULONG)op->size);
			sf_nt.close(key);
		}
		break;
	default:
		what = "delete a value of";
		st = open_path(lw->root, op->path, op->path->n, RW_ACCESS, 0,
		    &key, NULL);
		if (st == ST_NOT_FOUND && op->if_present) {
			st = 0;
			break;
		}
		if (st >= 0) {
			counted(&us, op->name, op->namelen);
			st = sf_nt.delete_value(key, &us);
			if (st == ST_NOT_FOUND && op->if_present)
				st = 0;
			sf_nt.close(key);
		}
		break;
	}
	if (st < 0)
		return nt_error(errp, st, what, w->hive, op->path, op->path->n);
	lw->nop++;
	return SF_OK;
}

/* The changes to disk now, not at the next lazy flush. */
static sf_status
w_commit(writer *w, sf_error **errp)
{
	live_w		*lw = w->impl;
	NTSTATUS	 st;

	if ((st = sf_nt.flush(lw->root)) < 0)
		return sf_err(errp, SF_ERR_IO, NULL, "cannot flush the live "
		    "hive %s to disk (NTSTATUS 0x%08lx)", w->hive->path,
		    (unsigned long)st);
	return SF_OK;
}

static void
w_end(writer *w)
{
	live_w *lw = w->impl;

	if (lw->root != NULL)
		sf_nt.close(lw->root);
	lw->root = NULL;
}

static void
w_free(writer *w)
{
	if (w->impl != NULL)
		w_end(w);
	free(w->impl);
	w->impl = NULL;
}

static const writer_ops live_ops = {
	"the live registry writer", w_check, w_begin, w_apply, w_commit,
	w_end, w_free
};

sf_status
writer_live_new(sf_hive *h, writer **out, sf_error **errp)
{
	writer *w;

	*out = NULL;
	if ((w = sf_calloc(1, sizeof(*w))) == NULL ||
	    (w->impl = sf_calloc(1, sizeof(live_w))) == NULL) {
		free(w);
		return sf_err_nomem(errp);
	}
	w->ops = &live_ops;
	w->hive = h;
	*out = w;
	return SF_OK;
}
