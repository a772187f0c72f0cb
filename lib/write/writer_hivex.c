/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 *
 * The only file that includes hivex.h.  hivex reports failures through
 * errno; each is turned into an error that names the operation and the
 * key.  Node handles are hivex's: the file offset of the nk cell, four
 * bytes before the nk record spoolfix's reader reports.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <hivex.h>

#include "write/writer_hivex.h"

struct hxw {
	hive_h	*h;
	char	*path;
};

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

sf_status
hxw_open(const char *path, hxw **out, sf_error **errp)
{
	hxw *x;

	if ((x = calloc(1, sizeof(*x))) == NULL ||
	    (x->path = sf_strdup(path)) == NULL) {
		free(x);
		return sf_err_nomem(errp);
	}
	errno = 0;
	if ((x->h = hivex_open(path, HIVEX_OPEN_WRITE)) == NULL) {
		sf_status rc = hx_fail(errp, "open the hive for writing");

		free(x->path);
		free(x);
		return rc;
	}
	*out = x;
	return SF_OK;
}

void
hxw_close(hxw *x)
{
	if (x == NULL)
		return;
	if (x->h != NULL)
		hivex_close(x->h);	/* without commit: changes dropped */
	free(x->path);
	free(x);
}

sf_status
hxw_commit(hxw *x, const char *out, sf_error **errp)
{
	errno = 0;
	if (hivex_commit(x->h, out, 0) == -1)
		return hx_fail(errp, "write the new hive");
	return SF_OK;
}

sf_status
hxw_root(hxw *x, size_t *node)
{
	*node = hivex_root(x->h);
	return *node != 0 ? SF_OK : SF_ERR_FORMAT;
}

sf_status
hxw_node(hxw *x, const uint64_t *chain, size_t n, size_t *node,
    sf_error **errp)
{
	size_t	 i, want, got;

	if (n == 0 || hivex_root(x->h) != chain[0] - 4)
		return sf_err(errp, SF_ERR_VERIFY, NULL, "the hive's root is "
		    "not where the scan found it");
	for (i = n - 1; i > 0; i--) {
		want = chain[i - 1] - 4;
		errno = 0;
		got = hivex_node_parent(x->h, chain[i] - 4);
		if (got != want)
			return sf_err(errp, SF_ERR_VERIFY, "scan the hive again "
			    "and repair from the new scan", "the key at offset "
			    "0x%jx is not the one scanned (its parent differs)",
			    (uintmax_t)chain[i]);
	}
	*node = chain[n - 1] - 4;
	return SF_OK;
}

sf_status
hxw_child(hxw *x, size_t parent, const uint16_t *name, size_t len,
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

sf_status
hxw_delete_key(hxw *x, size_t node, sf_error **errp)
{
	errno = 0;
	if (hivex_node_delete_child(x->h, node) == -1)
		return hx_fail(errp, "delete the key");
	return SF_OK;
}

sf_status
hxw_set_value(hxw *x, size_t node, const uint16_t *name, size_t len,
    uint32_t type, const uint8_t *data, size_t size, sf_error **errp)
{
	hive_set_value	 v;
	char		*u8;
	int		 rc;

	if ((u8 = sf_u16_to_utf8(name, len)) == NULL)
		return sf_err(errp, SF_ERR_UNSUPPORTED, NULL, "a value name "
		    "hivex cannot write (NUL or unpaired surrogate)");
	v.key = u8;
	v.t = (hive_type)type;
	v.len = size;
	v.value = (char *)data;
	errno = 0;
	rc = hivex_node_set_value(x->h, node, &v, 0);
	free(u8);
	if (rc == -1)
		return hx_fail(errp, "set the value");
	return SF_OK;
}

sf_status
hxw_delete_value(hxw *x, size_t node, const uint16_t *name, size_t len,
    sf_error **errp)
{
	hive_value_h	*vals;
	hive_set_value	*keep;
	size_t		 i, n = 0, k = 0;
	hive_type	 t;
	size_t		 vl;
	sf_status	 rc = SF_OK;

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
