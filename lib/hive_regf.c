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
 * The offline hive source: libregf reads the tree from the file image
 * already in memory (through a libbfio memory range, so the file is
 * read once), and spoolfix's own regf view supplies the raw names
 * libregf converts lossily.  This is the only file that includes
 * libregf.h.  Every libregf failure below the root becomes a "corrupt"
 * mark on the key concerned, never a failed scan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libbfio.h>
#include <libregf.h>

#include "hive.h"

struct regf_src {
	libbfio_handle_t *io;
	libregf_file_t	 *file;
};

/* libregf renamed these in 2024; Debian's 20201007 has the old names. */
static int
get_sub_key(libregf_key_t *k, int i, libregf_key_t **out, libregf_error_t **e)
{
	return libregf_key_get_sub_key(k, i, out, e);
}

static int
get_value(libregf_key_t *k, int i, libregf_value_t **out, libregf_error_t **e)
{
	return libregf_key_get_value(k, i, out, e);
}

/* The innermost line of a libregf error backtrace, for messages. */
static void
describe(libregf_error_t *e, char *out, size_t len)
{
	char	 buf[2048];
	char	*nl;

	out[0] = '\0';
	if (e == NULL)
		return;
	if (libregf_error_backtrace_sprint(e, buf, sizeof(buf)) > 0 ||
	    libregf_error_sprint(e, buf, sizeof(buf)) > 0) {
		if ((nl = strchr(buf, '\n')) != NULL)
			*nl = '\0';
		buf[len - 1] = '\0';
		memcpy(out, buf, strlen(buf) + 1);
	}
	libregf_error_free(&e);
}

static int
raw_key_name(sf_hive *h, libregf_key_t *k, uint64_t off, uint16_t **name,
    size_t *len, uint16_t *flags)
{
	size_t	 usz = 0;
	uint16_t *u;

	if (h->regf_ok && sf_regf_nk_name(&h->regf, off, name, len, flags) == 0)
		return 0;
	/* Fall back to libregf's conversion (may stop at a NUL). */
	*flags = 0;
	if (libregf_key_get_utf16_name_size(k, &usz, NULL) != 1 || usz == 0)
		usz = 1;
	if ((u = sf_calloc(usz, sizeof(*u))) == NULL)
		return -1;
	if (usz > 1 && libregf_key_get_utf16_name(k, u, usz, NULL) != 1)
		u[0] = 0;
	*name = u;
	*len = usz - 1;
	return 0;
}

static sf_key *
make_key(sf_hive *h, sf_key *parent, libregf_key_t *lk)
{
	off64_t	  off = 0;
	uint16_t *name = NULL, flags = 0;
	size_t	  len = 0;
	sf_key	 *k;

	if (libregf_key_get_offset(lk, &off, NULL) != 1)
		off = 0;
	if (raw_key_name(h, lk, (uint64_t)off, &name, &len, &flags) == -1)
		return NULL;
	if (len > SF_MAX_NAME_UNITS)
		len = SF_MAX_NAME_UNITS;
	k = sf_key_new(parent, name, len);
	free(name);
	if (k == NULL)
		return NULL;
	k->offset = (uint64_t)off;
	k->flags = flags;
	k->handle = lk;
	/*
	 * libregf_key_is_corrupted() is not used: libregf 20201007 sets it
	 * for every key without values (the 0xFFFFFFFF values-list offset
	 * is "not in a hive bin"), i.e. on thousands of keys of a healthy
	 * hive.  Damage shows as read failures below and in regf_walk.c.
	 */
	return k;
}

static sf_status
load_children(sf_hive *h, sf_key *k)
{
	libregf_key_t	*lk = k->handle, *sub;
	libregf_error_t *e = NULL;
	char		 why[512];
	int		 n = 0, i;
	sf_key		*c;
	sf_status	 rc;

	if (lk == NULL)
		return SF_OK;
	if (libregf_key_get_number_of_sub_keys(lk, &n, &e) != 1) {
		describe(e, why, sizeof(why));
		k->corrupt = h->corrupt = 1;
		sf_problem_add(&h->problems, "cannot list the subkeys of the "
		    "key at offset 0x%jx: %s", (uintmax_t)k->offset, why);
		return SF_OK;
	}
	if ((unsigned)n > SF_MAX_SUBKEYS)
		n = SF_MAX_SUBKEYS;
	for (i = 0; i < n; i++) {
		sub = NULL;
		e = NULL;
		if (get_sub_key(lk, i, &sub, &e) != 1) {
			describe(e, why, sizeof(why));
			k->corrupt = h->corrupt = 1;
			sf_problem_add(&h->problems, "cannot read subkey %d of "
			    "the key at offset 0x%jx: %s", i,
			    (uintmax_t)k->offset, why);
			continue;
		}
		if ((c = make_key(h, k, sub)) == NULL) {
			libregf_key_free(&sub, NULL);
			return SF_ERR_NOMEM;
		}
		if ((rc = sf_key_adopt(h, k, c)) != SF_OK) {
			sf_key_free_tree(h, c);
			return rc;
		}
	}
	return SF_OK;
}

static int
raw_value_name(sf_hive *h, libregf_value_t *lv, uint64_t off,
    sf_value *v)
{
	size_t	 usz = 0;

	if (h->regf_ok && sf_regf_vk_name(&h->regf, off, &v->name,
	    &v->name_len) == 0)
		return 0;
	if (libregf_value_get_utf16_name_size(lv, &usz, NULL) != 1)
		usz = 0;
	if ((v->name = sf_calloc(usz + 1, sizeof(*v->name))) == NULL)
		return -1;
	if (usz > 1 && libregf_value_get_utf16_name(lv, v->name, usz,
	    NULL) == 1)
		v->name_len = usz - 1;
	return 0;
}

static sf_status
read_value(sf_hive *h, sf_key *k, libregf_value_t *lv, sf_value *v)
{
	libregf_error_t *e = NULL;
	off64_t		 off = 0;
	uint32_t	 type = 0;
	size_t		 size = 0;
	char		 why[512];

	memset(v, 0, sizeof(*v));
	if (libregf_value_get_offset(lv, &off, NULL) == 1)
		v->offset = (uint64_t)off;
	if (raw_value_name(h, lv, v->offset, v) == -1)
		return SF_ERR_NOMEM;
	if (libregf_value_get_value_type(lv, &type, NULL) == 1)
		v->type = type;
	if (libregf_value_is_corrupted(lv, NULL) == 1)
		v->corrupt = 1;
	/*
	 * The data comes from the vk record itself: libregf 20201007 cuts
	 * string data at the first NUL, pads odd lengths and takes one to
	 * three inline bytes from the wrong end of the field, which hides
	 * exactly the malformations the rules look for.
	 */
	if (h->regf_ok && v->offset != 0) {
		int rc = sf_regf_vk_data(&h->regf, v->offset, &v->data,
		    &v->size);

		if (rc == -2)
			return SF_ERR_NOMEM;
		if (rc == 0)
			goto done;
	}
	if (libregf_value_get_value_data_size(lv, &size, &e) != 1 ||
	    size > SF_MAX_VALUE_DATA) {
		describe(e, why, sizeof(why));
		v->corrupt = 1;
		size = 0;
	}
	if ((v->data = malloc(size + 1)) == NULL)
		return SF_ERR_NOMEM;
	e = NULL;
	if (size > 0 && libregf_value_get_value_data(lv, v->data, size,
	    &e) != 1) {
		describe(e, why, sizeof(why));
		v->corrupt = 1;
		size = 0;
	}
	v->size = size;
done:
	if (v->corrupt) {
		k->corrupt = h->corrupt = 1;
		sf_problem_add(&h->problems, "value at offset 0x%jx of the key "
		    "at offset 0x%jx is corrupted", (uintmax_t)v->offset,
		    (uintmax_t)k->offset);
	}
	return SF_OK;
}

static sf_status
load_values(sf_hive *h, sf_key *k)
{
	libregf_key_t	*lk = k->handle;
	libregf_value_t *lv;
	libregf_error_t *e = NULL;
	char		 why[512];
	int		 n = 0, i;
	sf_status	 rc;

	if (lk == NULL)
		return SF_OK;
	if (libregf_key_get_number_of_values(lk, &n, &e) != 1) {
		describe(e, why, sizeof(why));
		k->corrupt = h->corrupt = 1;
		sf_problem_add(&h->problems, "cannot list the values of the "
		    "key at offset 0x%jx: %s", (uintmax_t)k->offset, why);
		return SF_OK;
	}
	if ((unsigned)n > SF_MAX_VALUES)
		n = SF_MAX_VALUES;
	if ((k->val = sf_calloc((size_t)n, sizeof(*k->val))) == NULL)
		return SF_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		lv = NULL;
		e = NULL;
		if (get_value(lk, i, &lv, &e) != 1) {
			describe(e, why, sizeof(why));
			k->corrupt = h->corrupt = 1;
			sf_problem_add(&h->problems, "cannot read value %d of "
			    "the key at offset 0x%jx: %s", i,
			    (uintmax_t)k->offset, why);
			continue;
		}
		rc = read_value(h, k, lv, &k->val[k->nval]);
		libregf_value_free(&lv, NULL);
		if (rc != SF_OK)
			return rc;
		k->nval++;
	}
	return SF_OK;
}

static sf_status
class_name(sf_hive *h, sf_key *k, uint16_t **out, size_t *len)
{
	libregf_key_t	*lk = k->handle;
	size_t		 size = 0, i;
	uint8_t		*raw;
	int		 rc;

	(void)h;
	*out = NULL;
	*len = 0;
	if (lk == NULL)
		return SF_OK;
	rc = libregf_key_get_class_name_size(lk, &size, NULL);
	if (rc != 1 || size == 0)
		return SF_OK;
	if ((raw = malloc(size)) == NULL)
		return SF_ERR_NOMEM;
	if (libregf_key_get_class_name(lk, raw, size, NULL) != 1) {
		free(raw);
		return SF_OK;
	}
	if ((*out = sf_calloc(size / 2 + 1, sizeof(**out))) == NULL) {
		free(raw);
		return SF_ERR_NOMEM;
	}
	for (i = 0; i < size / 2; i++)
		(*out)[i] = sf_le16(raw + 2 * i);
	*len = size / 2;
	free(raw);
	return SF_OK;
}

static void
release(sf_hive *h, sf_key *k)
{
	libregf_key_t *lk = k->handle;

	(void)h;
	if (lk != NULL)
		libregf_key_free(&lk, NULL);
	k->handle = NULL;
}

static void
close_src(sf_hive *h)
{
	struct regf_src *s = h->src;

	if (s == NULL)
		return;
	if (s->file != NULL) {
		libregf_file_close(s->file, NULL);
		libregf_file_free(&s->file, NULL);
	}
	if (s->io != NULL)
		libbfio_handle_free(&s->io, NULL);
	free(s);
	h->src = NULL;
}

static const sf_source_ops regf_ops = {
	load_children, load_values, class_name, release, close_src
};

static sf_status
fail(sf_hive *h, sf_error **errp, libregf_error_t *e, const char *what)
{
	char why[512];

	describe(e, why, sizeof(why));
	close_src(h);
	return sf_err(errp, SF_ERR_FORMAT,
	    "the file is damaged beyond what libregf reads; restore the hive "
	    "from a backup or let Windows repair it, then scan again",
	    "%s: %s (%s)", h->path, what, why[0] ? why : "no detail");
}

sf_status
sf_regf_source_open(sf_hive *h, sf_error **errp)
{
	struct regf_src	*s;
	libregf_error_t	*e = NULL;
	libregf_key_t	*root = NULL;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return sf_err_nomem(errp);
	h->src = s;
	h->ops = &regf_ops;
	if (libbfio_memory_range_initialize(&s->io, NULL) != 1 ||
	    libbfio_memory_range_set(s->io, h->file.data, h->file.size,
	    NULL) != 1 || libregf_file_initialize(&s->file, NULL) != 1) {
		close_src(h);
		return sf_err_nomem(errp);
	}
	if (libregf_file_open_file_io_handle(s->file, s->io,
	    LIBREGF_OPEN_READ, &e) != 1)
		return fail(h, errp, e, "libregf cannot open it");
	if (libregf_file_is_corrupted(s->file, NULL) == 1) {
		h->corrupt = 1;
		sf_problem_add(&h->problems, "libregf reports the hive as "
		    "corrupted (damaged or misaligned hive bins were "
		    "skipped)");
	}
	e = NULL;
	if (libregf_file_get_root_key(s->file, &root, &e) != 1 ||
	    root == NULL)
		return fail(h, errp, e, "libregf cannot read the root key");
	if ((h->root = make_key(h, NULL, root)) == NULL) {
		libregf_key_free(&root, NULL);
		close_src(h);
		return sf_err_nomem(errp);
	}
	sf_offset_set_add(&h->seen, h->root->offset);
	return SF_OK;
}
