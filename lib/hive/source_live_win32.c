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
 * The live registry source (Windows only; the Makefile's "windows"
 * target builds it): a loaded hive (HKLM\SYSTEM, HKLM\SOFTWARE,
 * HKU\<SID>) read through ntdll's key calls, which take and return
 * counted UTF-16 names.  The Reg* calls take NUL-terminated names, so a
 * key whose name holds a NUL (which hostile software can create with
 * NtCreateKey) could neither be opened nor told apart from its prefix;
 * here every key is opened by its exact counted path from the hive's
 * root handle (names cannot hold '\', so the path is unambiguous), and
 * enumerated with NtEnumerateKey and NtEnumerateValueKey.  ntdll's
 * functions are taken with GetProcAddress: mingw has no import library
 * that is certain to carry them.  Buffers grow on STATUS_BUFFER_OVERFLOW:
 * value names may be 16,383 units and data megabytes long.
 *
 * A key that changes while it is read (a subkey or value added or
 * removed between two enumeration calls, STATUS_NO_MORE_ENTRIES early
 * or a key deleted under us) is reported as a problem of the hive, not
 * taken as it was half read.  So is one that changed between the
 * listing of its parent and the reading of its own values or subkeys
 * (the scan is lazy: that may be long after): each key keeps the
 * last-write time it was listed with (sf_key.written), and every read
 * of it must find that time, before and after.  A live repair checks
 * the same times again before it changes anything (live_job_win32.c).
 */
#include "base/ntkey_win32.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"
#include "hive/live.h"

typedef struct live_src {
	HANDLE	 root;		/* the hive's root key */
} live_src;

/*
 * Opens the key 'path' (counted UTF-16, segments joined with '\')
 * below 'root'; an empty path opens the root itself again.
 */
static NTSTATUS
live_open(HANDLE root, const uint16_t *path, size_t len,
    ACCESS_MASK access, HANDLE *out)
{
	OBJECT_ATTRIBUTES	oa;
	UNICODE_STRING		us;

	if (len * 2 > 0xfffe)
		return (NTSTATUS)0xC0000106L;	/* STATUS_NAME_TOO_LONG */
	us.Buffer = (PWSTR)(uintptr_t)path;
	us.Length = us.MaximumLength = (USHORT)(len * 2);
	InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, root,
	    NULL);
	return sf_nt.open(out, access, &oa);
}

/* The counted path of k below the hive's root, '\'-joined. */
static int
key_path(const sf_key *k, sf_u16buf *b)
{
	const sf_key	*chain[SF_MAX_DEPTH + 1];
	size_t		 n = 0;

	for (; k != NULL && k->parent != NULL && n < SF_MAX_DEPTH;
	    k = k->parent)
		chain[n++] = k;
	while (n > 0) {
		k = chain[--n];
		if ((b->len > 0 && sf_u16buf_addc(b, '\\') == -1) ||
		    sf_u16buf_add(b, k->name, k->name_len) == -1)
			return -1;
	}
	return 0;
}

static void
changed(sf_hive *h, sf_key *k, const char *what)
{
	sf_u16buf	 b;
	char		*s;

	sf_u16buf_init(&b);
	key_path(k, &b);
	s = sf_u16_to_display(b.u, b.len);
	k->corrupt = h->corrupt = 1;
	sf_problem_add(&h->problems, "the key \"%s\" %s while it was read: "
	    "scan again", s != NULL ? (*s ? s : "(root)") : "?", what);
	free(s);
	sf_u16buf_free(&b);
	/* No time is the scan's: a live repair touching it refuses. */
	k->written = 0;
}

/*
 * Whether the key's last-write time now is the one it was listed with
 * (the root's is taken at its first read).  A key already reported as
 * changed is not reported twice.
 */
static int
as_listed(sf_key *k, uint64_t now)
{
	if (k->corrupt)
		return 1;
	if (k->parent == NULL && k->written == 0)
		k->written = now;
	return k->written == now;
}

/*
 * The test hook SPOOLFIX_TEST_EXEC=live-read@TEXT=COMMAND (platform.h)
 * runs COMMAND before the first key whose path holds TEXT is read: a
 * key changed after its parent listed it, deterministically.
 */
static void
test_hook(sf_hive *h, sf_key *k)
{
	sf_u16buf	 b;
	char		*s;
	sf_buf		 p;

	if (!sf_test_exec_armed())
		return;
	sf_u16buf_init(&b);
	sf_buf_init(&p);
	if (key_path(k, &b) == 0 && (s = sf_u16_to_display(b.u, b.len)) !=
	    NULL) {
		sf_buf_printf(&p, "%s\\%s", h->path, s);
		free(s);
		if (p.p != NULL)
			sf_test_exec("live-read", p.p);
	}
	sf_buf_free(&p);
	sf_u16buf_free(&b);
}

/* Opens k for reading, or NULL (the problem recorded). */
static HANDLE
open_key(sf_hive *h, sf_key *k)
{
	live_src	*src = h->src;
	sf_u16buf	 b;
	HANDLE		 out = NULL;
	NTSTATUS	 st;

	test_hook(h, k);
	sf_u16buf_init(&b);
	if (key_path(k, &b) == -1) {
		sf_u16buf_free(&b);
		return NULL;
	}
	st = live_open(src->root, b.u, b.len, KEY_READ, &out);
	sf_u16buf_free(&b);
	if (st < 0) {
		changed(h, k, st == (NTSTATUS)0xC0000034L ? "was deleted" :
		    "could not be opened");
		return NULL;
	}
	return out;
}

/* The number of subkeys and values NtQueryKey gives, or -1. */
static int
counts(HANDLE key, ULONG *nsub, ULONG *nval, uint64_t *written)
{
	void	*buf = NULL;
	ULONG	 cap = 0;
	kfull	*f;

	if (sf_ntkey_read(key, NTKEY_INFO, 0, &buf, &cap) < 0) {
		free(buf);
		return -1;
	}
	f = buf;
	*nsub = f->SubKeys;
	*nval = f->Values;
	*written = (uint64_t)f->LastWriteTime.QuadPart;
	free(buf);
	return 0;
}

/*
 * HKLM\SYSTEM's CurrentControlSet is a link to ControlSet00N on
 * Windows: listed next to its target, it would be scanned twice.  It
 * is left out where a numbered set exists; Wine has no numbered set,
 * and there it is the control set itself (machine.c).
 */
static int
is_link_ccs(sf_hive *h, sf_key *k, const uint16_t *name, size_t len)
{
	size_t i;

	if (k->parent != NULL || h->kind != SF_HIVE_SYSTEM ||
	    !sf_u16_caseeq_ascii(name, len, "CurrentControlSet"))
		return 0;
	for (i = 0; i < k->nchild; i++)
		if (k->child[i]->name_len == 13 &&
		    sf_u16_caseeq_ascii(k->child[i]->name, 10, "ControlSet"))
			return 1;
	return 0;
}

static sf_status
load_children(sf_hive *h, sf_key *k)
{
	HANDLE		 key;
	void		*buf = NULL;
	ULONG		 cap = 0, i, nsub, nval, again;
	NTSTATUS	 st;
	sf_key		*c;
	kbasic		*b;
	uint64_t	 w1, w2;
	sf_status	 rc = SF_OK;
	size_t		 len;
	sf_key		*link = NULL;

	if ((key = open_key(h, k)) == NULL)
		return SF_OK;
	if (counts(key, &nsub, &nval, &w1) == -1) {
		sf_nt.close(key);
		changed(h, k, "could not be queried");
		return SF_OK;
	}
	if (!as_listed(k, w1))
		changed(h, k, "changed after its parent was listed");
	for (i = 0; rc == SF_OK; i++) {
		st = sf_ntkey_read(key, NTKEY_SUBKEY, i, &buf, &cap);
		if (st == STATUS_NO_MORE_ENTRIES)
			break;
		if (st < 0) {
			changed(h, k, "could not be listed");
			break;
		}
		b = buf;
		len = b->NameLength / 2;
		if (len > SF_MAX_NAME_UNITS)
			len = SF_MAX_NAME_UNITS;
		if ((c = sf_key_new(k, (const uint16_t *)b->Name, len)) ==
		    NULL) {
			rc = SF_ERR_NOMEM;
			break;
		}
		c->written = (uint64_t)b->LastWriteTime.QuadPart;
		if ((rc = sf_key_adopt(h, k, c)) != SF_OK)
			sf_key_free_tree(h, c);
	}
	free(buf);
	/* Moved aside after the listing: numbered sets may come after. */
	for (i = 0; i < k->nchild; i++)
		if (is_link_ccs(h, k, k->child[i]->name,
		    k->child[i]->name_len)) {
			link = k->child[i];
			memmove(&k->child[i], &k->child[i + 1],
			    (k->nchild - i - 1) * sizeof(*k->child));
			k->nchild--;
			sf_key_free_tree(h, link);
			break;
		}
	/* The same count and time stamp after: nothing moved meanwhile. */
	if (rc == SF_OK && !k->corrupt && (counts(key, &again, &nval, &w2) ==
	    -1 || again != nsub || w1 != w2 || k->nchild + (link != NULL) !=
	    nsub))
		changed(h, k, "changed");
	sf_nt.close(key);
	return rc;
}

static sf_status
load_values(sf_hive *h, sf_key *k)
{
	HANDLE		 key;
	void		*buf = NULL;
	ULONG		 cap = 0, i, nsub, nval, again, n2;
	NTSTATUS	 st;
	sf_value	*v, *nv;
	vfull		*f;
	uint64_t	 w1, w2;

	if ((key = open_key(h, k)) == NULL)
		return SF_OK;
	if (counts(key, &nsub, &nval, &w1) == -1) {
		sf_nt.close(key);
		changed(h, k, "could not be queried");
		return SF_OK;
	}
	if (!as_listed(k, w1))
		changed(h, k, "changed after its parent was listed");
	for (i = 0;; i++) {
		st = sf_ntkey_read(key, NTKEY_VALUE, i, &buf, &cap);
		if (st == STATUS_NO_MORE_ENTRIES)
			break;
		if (st == (NTSTATUS)0xC0000017L) {
			free(buf);
			sf_nt.close(key);
			return SF_ERR_NOMEM;
		}
		if (st < 0) {
			changed(h, k, "could not be listed");
			break;
		}
		f = buf;
		if (f->DataOffset + (uint64_t)f->DataLength > cap ||
		    offsetof(vfull, Name) + (uint64_t)f->NameLength > cap) {
			changed(h, k, "returned a malformed value");
			break;
		}
		if ((k->nval & (k->nval - 1)) == 0) {
			nv = sf_reallocarray(k->val, k->nval ? k->nval * 2 :
			    1, sizeof(*nv));
			if (nv == NULL) {
				free(buf);
				sf_nt.close(key);
				return SF_ERR_NOMEM;
			}
			k->val = nv;
		}
		v = &k->val[k->nval];
		memset(v, 0, sizeof(*v));
		v->name_len = f->NameLength / 2;
		v->type = f->Type;
		v->size = f->DataLength;
		if ((v->name = sf_u16dup((const uint16_t *)f->Name,
		    v->name_len)) == NULL ||
		    (v->data = malloc(v->size + 1)) == NULL) {
			free(v->name);
			free(buf);
			sf_nt.close(key);
			return SF_ERR_NOMEM;
		}
		memcpy(v->data, (uint8_t *)buf + f->DataOffset, v->size);
		k->nval++;
	}
	free(buf);
	if (!k->corrupt && (counts(key, &n2, &again, &w2) == -1 ||
	    again != nval || w1 != w2 || k->nval != nval))
		changed(h, k, "changed");
	(void)nsub;
	sf_nt.close(key);
	return SF_OK;
}

static sf_status
class_name(sf_hive *h, sf_key *k, uint16_t **out, size_t *len)
{
	HANDLE	 key;
	void	*buf = NULL;
	ULONG	 cap = 0;
	kfull	*f;

	*out = NULL;
	*len = 0;
	if ((key = open_key(h, k)) == NULL)
		return SF_OK;
	if (sf_ntkey_read(key, NTKEY_INFO, 0, &buf, &cap) >= 0) {
		f = buf;
		if (f->ClassLength > 0 && f->ClassOffset +
		    (uint64_t)f->ClassLength <= cap) {
			*len = f->ClassLength / 2;
			*out = sf_u16dup((const uint16_t *)((uint8_t *)buf +
			    f->ClassOffset), *len);
			if (*out == NULL) {
				free(buf);
				sf_nt.close(key);
				return SF_ERR_NOMEM;
			}
		}
	}
	free(buf);
	sf_nt.close(key);
	return SF_OK;
}

static void
release(sf_hive *h, sf_key *k)
{
	(void)h;
	(void)k;
}

static void
close_src(sf_hive *h)
{
	live_src *src = h->src;

	if (src == NULL)
		return;
	sf_nt.close(src->root);
	free(src);
	h->src = NULL;
}

static const sf_source_ops live_ops = {
	load_children, load_values, class_name, release, close_src, NULL, NULL,
	NULL, NULL
};

/*
 * Opens the loaded hive whose root is 'path' (a registry object path
 * such as \Registry\Machine\SYSTEM) as h's source.
 */
static const uint16_t empty[1];

sf_status
sf_live_source_open(sf_hive *h, const uint16_t *path, size_t len,
    sf_error **errp)
{
	live_src	*src;
	HANDLE		 root = NULL;
	NTSTATUS	 st;
	sf_status	 rc;

	if ((rc = sf_ntkey_load(errp)) != SF_OK)
		return rc;
	if ((st = live_open(NULL, path, len, KEY_READ, &root)) < 0)
		return sf_err(errp, SF_ERR_IO, st == (NTSTATUS)0xC0000022L ?
		    "run spoolfix as an administrator" : NULL, "cannot open "
		    "the live registry key %s (NTSTATUS 0x%08lx)", h->path,
		    (unsigned long)st);
	if ((src = calloc(1, sizeof(*src))) == NULL) {
		sf_nt.close(root);
		return sf_err_nomem(errp);
	}
	src->root = root;
	h->src = src;
	h->ops = &live_ops;
	h->regf_ok = 0;
	h->live = 1;
	if ((h->root = sf_key_new(NULL, empty, 0)) == NULL)
		return sf_err_nomem(errp);
	return SF_OK;
}
