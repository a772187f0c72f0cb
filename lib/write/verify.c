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
 * The logical view of a hive through libregf, for verifying a written
 * hive against its original: an independent reader (spoolfix's own cell
 * reader is the other; the tests add hivex and reglookup).  libregf
 * walks the keys and reads class names and data; names are taken raw from the records
 * at the offsets libregf reports, so names with NULs or odd characters
 * compare exactly.  libregf's own quirks (string data cut at a NUL) are
 * the same on both sides of the comparison.  A subtree libregf cannot
 * open at all is read from the cells instead (walk_raw).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HAVE_LIBREGF
#define HAVE_LIBREGF 1
#endif
#if HAVE_LIBREGF
#include <libregf.h>
#define READER	"libregf"
#else
#define READER	"spoolfix's own reader"
/*
 * Without libregf (the Windows build: Debian has no mingw libregf) the
 * whole view is read with spoolfix's own cell reader (walk_raw), so the
 * comparison checks the writer against the reader it shares code with,
 * not against an independent one: still a full check that nothing
 * beyond the plan changed, but a weaker one, as spoolfix(1) says.
 */
typedef struct no_libregf_key libregf_key_t;
#endif

#include "write/verify.h"

typedef struct rec {
	char	 kind;		/* 'K' key, 'V' value */
	char	*path;		/* names as hex, '/'-joined, exact */
	char	*upath;		/* the same, upper-cased, for matching */
	char	*name;		/* value name, exact and upper-cased */
	char	*uname;
	char	*rest;		/* class, or type and data */
	int	 shared;	/* path and upath belong to the record before */
} rec;

typedef struct canon {
	rec	*r;
	size_t	 n, cap;
	sf_regf	 regf;
	sf_filedata file;
	int	 oom, fail;
	int	 strict;	/* keys' time stamps and descriptors too */
	char	*where;		/* the key or value libregf failed on */
} canon;

static char *
hex_units(const uint16_t *u, size_t n, int upper)
{
	char	*s;
	size_t	 i;

	if ((s = malloc(4 * n + 1)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		snprintf(s + 4 * i, 5, "%04x", upper ? sf_u16_upper(u[i]) :
		    u[i]);
	s[4 * n] = '\0';
	return s;
}

static char *
hex_bytes(const char *prefix, const uint8_t *d, size_t n)
{
	char	*s;
	size_t	 i, p = strlen(prefix);

	if ((s = malloc(p + 2 * n + 1)) == NULL)
		return NULL;
	memcpy(s, prefix, p);
	for (i = 0; i < n; i++)
		snprintf(s + p + 2 * i, 3, "%02x", d[i]);
	s[p + 2 * n] = '\0';
	return s;
}

static char *
join(const char *a, const char *b)
{
	size_t	 na = strlen(a), nb = strlen(b);
	char	*s = malloc(na + nb + 2);

	if (s == NULL)
		return NULL;
	memcpy(s, a, na);
	s[na] = na > 0 ? '/' : '\0';
	memcpy(s + na + (na > 0), b, nb + 1);
	return s;
}

/*
 * A key's record: its class name and, in a strict comparison (of a
 * compacted hive, where nothing may change), its time stamp and its
 * security descriptor.
 */
static char *
key_rest(const canon *c, const uint8_t *cls, size_t n, uint64_t ft,
    const uint8_t *sd, size_t sdn)
{
	char	*a = hex_bytes("class:", cls, n), *b, pre[40];
	sf_buf	 r;

	if (!c->strict || a == NULL)
		return a;
	snprintf(pre, sizeof(pre), " time:%016jx sd:", (uintmax_t)ft);
	if ((b = hex_bytes(pre, sd, sdn)) == NULL) {
		free(a);
		return NULL;
	}
	sf_buf_init(&r);
	sf_buf_printf(&r, "%s%s", a, b);
	free(a);
	free(b);
	return sf_buf_take(&r);
}

/* The time stamp and descriptor of the nk record at off, from cells. */
static void
raw_extra(const canon *c, uint64_t off, uint64_t *ft, const uint8_t **sd,
    size_t *sdn)
{
	const uint8_t	*d = c->regf.data;
	uint64_t	 sk;
	size_t		 n;

	*ft = 0;
	*sd = NULL;
	*sdn = 0;
	if (off + 48 > c->regf.size)
		return;
	*ft = sf_le64(d + off + 4);
	sk = (uint64_t)sf_le32(d + off + 44) + SF_REGF_BASE + 4;
	if (sk + 20 > c->regf.size || memcmp(d + sk, "sk", 2) != 0)
		return;
	n = sf_le32(d + sk + 16);
	if (n <= c->regf.size - sk - 20) {
		*sd = d + sk + 20;
		*sdn = n;
	}
}

/* A '/'-joined path of hex units as the user reads it: A\B. */
static void
show_path(sf_buf *b, const char *hex)
{
	uint16_t	*u;
	size_t		 n = 0, i, len = strlen(hex);
	char		*s, d[5];

	if (len == 0) {
		sf_buf_adds(b, "(root)");
		return;
	}
	if ((u = sf_calloc(len / 4 + 1, sizeof(*u))) == NULL)
		return;
	for (i = 0; i <= len; i++) {
		if (i == len || hex[i] == '/') {
			if ((s = sf_u16_to_display(u, n)) != NULL)
				sf_buf_adds(b, s);
			free(s);
			if (i < len)
				sf_buf_addc(b, '\\');
			n = 0;
		} else if (i + 4 <= len) {
			memcpy(d, hex + i, 4);
			d[4] = '\0';
			u[n++] = (uint16_t)strtoul(d, NULL, 16);
			i += 3;
		}
	}
	free(u);
}

/* Remembers where libregf first failed, for the message. */
static void
fail_at(canon *c, const char *path, const uint16_t *nm, size_t nl)
{
	sf_buf	 b;
	char	*s;

	c->fail = 1;
	if (c->where != NULL)
		return;
	sf_buf_init(&b);
	sf_buf_adds(&b, "the key \"");
	show_path(&b, path);
	sf_buf_adds(&b, "\"");
	if (nm != NULL) {
		s = sf_u16_to_display(nm, nl);
		sf_buf_printf(&b, ", value \"%s\"", s != NULL ? s : "?");
		free(s);
	}
	c->where = sf_buf_take(&b);
}

static void
add(canon *c, char kind, const char *path, const char *upath,
    char *name, char *uname, char *rest)
{
	rec	*nr, *prev = c->n > 0 ? &c->r[c->n - 1] : NULL;
	size_t	 cap;

	/*
	 * rest (and a value's names) are built by the caller, and NULL only
	 * when that ran out of memory: compared as "", the record would
	 * differ, and the repair be refused as changing the hive.
	 */
	if (rest == NULL || (kind == 'V' && (name == NULL || uname == NULL)))
		c->oom = 1;

	if (c->n == c->cap) {
		cap = c->cap ? 2 * c->cap : 256;
		if ((nr = sf_reallocarray(c->r, cap, sizeof(*nr))) == NULL) {
			c->oom = 1;
			free(name);
			free(uname);
			free(rest);
			return;
		}
		c->r = nr;
		c->cap = cap;
		prev = c->n > 0 ? &c->r[c->n - 1] : NULL;
	}
	c->r[c->n].kind = kind;
	/* A key's values follow it: they share its path strings, which
	 * are most of the memory of a big hive's view. */
	if (prev != NULL && prev->path != NULL && prev->upath != NULL &&
	    strcmp(prev->path, path) == 0) {
		c->r[c->n].path = prev->path;
		c->r[c->n].upath = prev->upath;
		c->r[c->n].shared = 1;
	} else {
		c->r[c->n].path = sf_strdup(path);
		c->r[c->n].upath = sf_strdup(upath);
		c->r[c->n].shared = 0;
	}
	c->r[c->n].name = name != NULL ? name : sf_strdup("");
	c->r[c->n].uname = uname != NULL ? uname : sf_strdup("");
	c->r[c->n].rest = rest != NULL ? rest : sf_strdup("");
	if (c->r[c->n].path == NULL || c->r[c->n].upath == NULL ||
	    c->r[c->n].name == NULL || c->r[c->n].uname == NULL ||
	    c->r[c->n].rest == NULL)
		c->oom = 1;
	c->n++;
}

#if HAVE_LIBREGF
/* libregf failed on value i of key k: named from the cells if they can. */
static void
value_failed(canon *c, libregf_key_t *k, int i, const char *path)
{
	off64_t		 koff;
	uint32_t	*cells = NULL;
	uint16_t	*nm = NULL;
	size_t		 n = 0, nl = 0;

	if (libregf_key_get_offset(k, &koff, NULL) == 1 &&
	    sf_regf_nk_values(&c->regf, (uint64_t)koff, &cells, &n) == 0 &&
	    (size_t)i < n && sf_regf_vk_name(&c->regf, (uint64_t)cells[i] +
	    SF_REGF_BASE + 4, &nm, &nl) == 0)
		fail_at(c, path, nm, nl);
	else
		fail_at(c, path, NULL, 0);
	free(nm);
	free(cells);
}

static void
walk_values(canon *c, libregf_key_t *k, const char *path, const char *upath)
{
	libregf_value_t	*v;
	int		 n = 0, i;
	off64_t		 off;
	uint16_t	*nm;
	size_t		 nl, size;
	uint32_t	 type;
	uint8_t		*data;
	char		 pre[16];

	if (libregf_key_get_number_of_values(k, &n, NULL) != 1) {
		fail_at(c, path, NULL, 0);
		return;
	}
	for (i = 0; i < n && !c->oom; i++) {
		v = NULL;
		if (libregf_key_get_value(k, i, &v, NULL) != 1 ||
		    libregf_value_get_offset(v, &off, NULL) != 1 ||
		    libregf_value_get_value_type(v, &type, NULL) != 1 ||
		    sf_regf_vk_name(&c->regf, (uint64_t)off, &nm, &nl) != 0) {
			libregf_value_free(&v, NULL);
			value_failed(c, k, i, path);
			return;
		}
		data = NULL;
		size = 0;
		if (libregf_value_get_value_data_size(v, &size, NULL) == 1 &&
		    (data = malloc(size + 1)) == NULL) {
			c->oom = 1;
			free(nm);
			libregf_value_free(&v, NULL);
			return;
		}
		if (data == NULL || (size > 0 &&
		    libregf_value_get_value_data(v, data, size, NULL) != 1))
			fail_at(c, path, nm, nl);
		snprintf(pre, sizeof(pre), "%u:", type);
		add(c, 'V', path, upath, hex_units(nm, nl, 0),
		    hex_units(nm, nl, 1), hex_bytes(pre, data, size));
		free(nm);
		free(data);
		libregf_value_free(&v, NULL);
	}
}

static void walk_key(canon *, libregf_key_t *, const char *, const char *,
    int);
#endif
static void walk_raw(canon *, uint64_t, const char *, const char *, int);

/*
 * Records the subkey whose nk is at file offset 'off' and walks it, with
 * libregf when 'sub' is given, else with spoolfix's own cell reader.
 */
static void
walk_child(canon *c, libregf_key_t *sub, uint64_t off, const char *path,
    const char *upath, int depth)
{
	uint16_t	*nm, flags;
	size_t		 nl;
	char		*hn, *un, *p, *up;

	if (sf_regf_nk_name(&c->regf, off, &nm, &nl, &flags) != 0) {
		fail_at(c, path, NULL, 0);
		return;
	}
	hn = hex_units(nm, nl, 0);
	un = hex_units(nm, nl, 1);
	free(nm);
	p = hn != NULL ? join(path, hn) : NULL;
	up = un != NULL ? join(upath, un) : NULL;
#if !HAVE_LIBREGF
	(void)sub;
#endif
	if (p == NULL || up == NULL)
		c->oom = 1;
#if HAVE_LIBREGF
	else if (sub != NULL)
		walk_key(c, sub, p, up, depth + 1);
#endif
	else
		walk_raw(c, off, p, up, depth + 1);
	free(hn);
	free(un);
	free(p);
	free(up);
}

/*
 * A subtree libregf refuses to open (it cannot initialise a key whose
 * name holds an unpaired surrogate, for one) is recorded from the cells
 * instead, in the same form, so that it still takes part in the
 * comparison: both files meet the same refusal for the same key.  The
 * rest of the hive stays libregf's view.
 */
static void
walk_raw(canon *c, uint64_t off, const char *path, const char *upath,
    int depth)
{
	uint32_t	*cells = NULL, type;
	uint16_t	*cls = NULL, *nm;
	uint8_t		*data;
	size_t		 n = 0, i, len, nl, sdn;
	char		 pre[16];
	uint64_t	 ft;
	const uint8_t	*sd;

	if (sf_regf_nk_class(&c->regf, off, &cls, &len) != 0) {
		fail_at(c, path, NULL, 0);
		return;
	}
	raw_extra(c, off, &ft, &sd, &sdn);
	add(c, 'K', path, upath, NULL, NULL, key_rest(c,
	    (const uint8_t *)cls, 2 * len, ft, sd, sdn));
	free(cls);
	if (sf_regf_nk_values(&c->regf, off, &cells, &n) != 0) {
		free(cells);
		fail_at(c, path, NULL, 0);
		return;
	}
	for (i = 0; i < n && !c->oom && !c->fail; i++) {
		uint64_t voff = (uint64_t)cells[i] + SF_REGF_BASE + 4;

		if (sf_regf_vk_name(&c->regf, voff, &nm, &nl) != 0) {
			fail_at(c, path, NULL, 0);
			break;
		}
		if (sf_regf_vk_type(&c->regf, voff, &type) != 0 ||
		    sf_regf_vk_data(&c->regf, voff, &data, &len) != 0) {
			fail_at(c, path, nm, nl);
			free(nm);
			break;
		}
		snprintf(pre, sizeof(pre), "%u:", type);
		add(c, 'V', path, upath, hex_units(nm, nl, 0),
		    hex_units(nm, nl, 1), hex_bytes(pre, data, len));
		free(nm);
		free(data);
	}
	free(cells);
	cells = NULL;
	if (c->fail || depth >= SF_MAX_DEPTH ||
	    sf_regf_nk_children(&c->regf, off, &cells, &n) != 0) {
		free(cells);
		fail_at(c, path, NULL, 0);
		return;
	}
	for (i = 0; i < n && !c->oom && !c->fail; i++)
		walk_child(c, NULL, (uint64_t)cells[i] + SF_REGF_BASE + 4,
		    path, upath, depth);
	free(cells);
}

#if HAVE_LIBREGF
static void
walk_key(canon *c, libregf_key_t *k, const char *path, const char *upath,
    int depth)
{
	libregf_key_t	*sub;
	int		 n = 0, i;
	off64_t		 off, koff;
	size_t		 csize = 0, nraw = 0, sdn = 0;
	uint8_t		*cls = NULL, *sd = NULL;
	uint32_t	*raw = NULL;
	uint64_t	 ft = 0;

	if (libregf_key_get_class_name_size(k, &csize, NULL) != 1)
		csize = 0;
	if (csize > 0 && (cls = malloc(csize)) == NULL) {
		c->oom = 1;
		return;
	}
	if (csize > 0 && libregf_key_get_class_name(k, cls, csize, NULL) != 1)
		csize = 0;
	if (c->strict && libregf_key_get_security_descriptor_size(k, &sdn,
	    NULL) == 1 && sdn > 0 && (sd = malloc(sdn)) == NULL) {
		free(cls);
		c->oom = 1;
		return;
	}
	if (c->strict && (libregf_key_get_last_written_time(k, &ft,
	    NULL) != 1 || (sd != NULL &&
	    libregf_key_get_security_descriptor(k, sd, sdn, NULL) != 1)))
		fail_at(c, path, NULL, 0);
	add(c, 'K', path, upath, NULL, NULL, key_rest(c, cls, csize, ft, sd,
	    sdn));
	free(cls);
	free(sd);
	walk_values(c, k, path, upath);
	if (depth >= SF_MAX_DEPTH ||
	    libregf_key_get_number_of_sub_keys(k, &n, NULL) != 1 ||
	    libregf_key_get_offset(k, &koff, NULL) != 1) {
		fail_at(c, path, NULL, 0);
		return;
	}
	for (i = 0; i < n && !c->oom && !c->fail; i++) {
		sub = NULL;
		if (libregf_key_get_sub_key(k, i, &sub, NULL) == 1 &&
		    libregf_key_get_offset(sub, &off, NULL) == 1) {
			walk_child(c, sub, (uint64_t)off, path, upath, depth);
			libregf_key_free(&sub, NULL);
			continue;
		}
		libregf_key_free(&sub, NULL);
		/* Its malloc failed: out of memory, not a key to read raw. */
		if (errno == ENOMEM) {
			c->oom = 1;
			break;
		}
		/* libregf lists subkeys in index order, as the cells do. */
		if (raw == NULL && (sf_regf_nk_children(&c->regf,
		    (uint64_t)koff, &raw, &nraw) != 0 || nraw != (size_t)n)) {
			fail_at(c, path, NULL, 0);
			break;
		}
		walk_child(c, NULL, (uint64_t)raw[i] + SF_REGF_BASE + 4, path,
		    upath, depth);
	}
	free(raw);
}
#endif

static void
canon_free(canon *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (!c->r[i].shared) {
			free(c->r[i].path);
			free(c->r[i].upath);
		}
		free(c->r[i].name);
		free(c->r[i].uname);
		free(c->r[i].rest);
	}
	free(c->r);
	free(c->where);
	sf_file_release(&c->file);
}

/*
 * 'what' names the file in messages: a temporary file is removed after
 * a failure, so its name would tell the user nothing.
 */
static sf_status
canon_load(canon *c, const char *path, const char *what, int strict,
    sf_error **errp)
{
#if HAVE_LIBREGF
	libregf_file_t	*f = NULL;
	libregf_key_t	*root = NULL;
#endif
	sf_problems	 pr;
	const char	*why;
	sf_status	 rc;

	memset(c, 0, sizeof(*c));
	memset(&pr, 0, sizeof(pr));
	c->strict = strict;
	/*
	 * libregf reports its malloc failing as a failure to read: with
	 * errno ENOMEM after it, out of memory is what the user is told,
	 * not that the written hive cannot be read.
	 */
	errno = 0;
	if ((rc = sf_file_read(path, (size_t)2 << 30, &c->file, errp)) !=
	    SF_OK)
		return rc;
	if (sf_regf_parse(&c->regf, c->file.data, c->file.size, &pr,
	    &why) == -1 || pr.n > 0 || pr.oom) {
		int oom = pr.oom;

		sf_problems_free(&pr);
		canon_free(c);
		if (oom)
			return sf_err_nomem(errp);
		return sf_err(errp, SF_ERR_VERIFY, NULL, "%s does not have a "
		    "valid base block", what);
	}
#if HAVE_LIBREGF
	if (libregf_file_initialize(&f, NULL) != 1 ||
	    libregf_file_open(f, path, LIBREGF_OPEN_READ, NULL) != 1 ||
	    libregf_file_get_root_key(f, &root, NULL) != 1) {
		libregf_file_free(&f, NULL);
		canon_free(c);
		if (errno == ENOMEM)
			return sf_err_nomem(errp);
		return sf_err(errp, SF_ERR_VERIFY, NULL, "libregf cannot open "
		    "%s", what);
	}
	walk_key(c, root, "", "", 0);
	libregf_key_free(&root, NULL);
	libregf_file_close(f, NULL);
	libregf_file_free(&f, NULL);
#else
	walk_raw(c, (uint64_t)c->regf.root + SF_REGF_BASE + 4, "", "", 0);
#endif
	if (c->oom || (c->fail && errno == ENOMEM))
		rc = sf_err_nomem(errp);
	else if (c->fail)
		rc = sf_err(errp, SF_ERR_VERIFY, NULL, READER " cannot "
		    "read %s in %s", c->where != NULL ? c->where : "every key",
		    what);
	if (rc != SF_OK)
		canon_free(c);
	return rc;
}

static int
cmp_rec(const void *a, const void *b)
{
	const rec	*x = a, *y = b;
	int		 d;

	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((d = strcmp(x->path, y->path)) != 0)
		return d;
	if ((d = strcmp(x->name, y->name)) != 0)
		return d;
	return strcmp(x->rest, y->rest);
}

typedef struct touch_hex {
	touch_kind	 kind;
	char		*upath;
	char		*uname;
} touch_hex;

/*
 * The touches sorted, subtrees first, by path and value name, so that a
 * record is looked up by binary search: a repair may touch tens of
 * thousands of keys in a hive of hundreds of thousands of records.
 */
static int
cmp_touch(const void *a, const void *b)
{
	const touch_hex	*x = a, *y = b;
	int		 d;

	if (x->kind != y->kind)
		return x->kind == TOUCH_SUBTREE ? -1 : 1;
	if ((d = strcmp(x->upath, y->upath)) != 0)
		return d;
	return strcmp(x->uname, y->uname);
}

/* Is there a touch of this kind for the first n bytes of path (and
 * this value name)? */
static int
find_touch(const touch_hex *t, size_t nt, touch_kind kind, const char *path,
    size_t n, const char *name)
{
	size_t	 lo = 0, hi = nt, mid;
	int	 d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t[mid].kind != kind)
			d = t[mid].kind == TOUCH_SUBTREE ? -1 : 1;
		else if ((d = strncmp(t[mid].upath, path, n)) == 0) {
			if (t[mid].upath[n] != '\0')
				d = 1;
			else if (name != NULL)
				d = strcmp(t[mid].uname, name);
		}
		if (d == 0)
			return 1;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* A record is touched when it lies in a touched subtree (its path or
 * any ancestor of it), or is a touched value. */
static int
touched(const rec *r, const touch_hex *t, size_t nt)
{
	const char *p;

	for (p = r->upath; (p = strchr(p, '/')) != NULL; p++)
		if (find_touch(t, nt, TOUCH_SUBTREE, r->upath,
		    (size_t)(p - r->upath), NULL))
			return 1;
	if (find_touch(t, nt, TOUCH_SUBTREE, r->upath, strlen(r->upath),
	    NULL))
		return 1;
	return r->kind == 'V' && find_touch(t, nt, TOUCH_VALUE, r->upath,
	    strlen(r->upath), r->uname);
}

/* Drops touched records (marking them with kind 0). */
static void
drop_touched(canon *c, touch_hex *t, size_t nt)
{
	size_t i;

	qsort(t, nt, sizeof(*t), cmp_touch);
	for (i = 0; i < c->n; i++)
		if (touched(&c->r[i], t, nt))
			c->r[i].kind = 0;
}

/*
 * Names kept as hex units, shown as a user reads them: escaped text
 * (sf_escape_u16), '\' between the names of a path.  The record keeps
 * hex so that every name compares exactly; a message must not.
 */
static void
show_hex(sf_buf *b, const char *hex, int path)
{
	sf_u16buf	 u;
	unsigned	 x;
	int		 k;

	sf_u16buf_init(&u);
	for (;;) {
		for (x = 0, k = 0; k < 4 && sf_hex_digit((unsigned char)
		    hex[k]) >= 0; k++)
			x = x << 4 | (unsigned)sf_hex_digit((unsigned char)hex[k]);
		if (k > 0) {
			sf_u16buf_addc(&u, (uint16_t)x);
			hex += k;
			continue;
		}
		/* The end of a name: at '/', at the end, or (never in a
		 * record) anything else, which ends the text. */
		sf_escape_u16(b, u.u, u.len, SF_ESC_TEXT, path);
		u.len = 0;
		if (*hex != '/')
			break;
		sf_buf_addc(b, '\\');
		hex++;
	}
	sf_u16buf_free(&u);
}

static void
describe(sf_buf *b, const rec *r)
{
	if (r->kind == 'V' && r->name[0] == '\0')
		sf_buf_adds(b, "the default value of key ");
	else if (r->kind == 'V') {
		sf_buf_adds(b, "the value \"");
		show_hex(b, r->name, 0);
		sf_buf_adds(b, "\" of key ");
	} else
		sf_buf_adds(b, "key ");
	if (r->path[0] == '\0')
		sf_buf_adds(b, "(root)");
	else
		show_hex(b, r->path, 1);
}

sf_status
canon_compare(const char *before, const char *after, const touch *t,
    size_t nt, int strict, sf_error **errp)
{
	canon		 a, b;
	touch_hex	*th = NULL;
	size_t		 i, j, k;
	sf_status	 rc;
	sf_buf		 msg;

	if ((rc = canon_load(&a, before, before, strict, errp)) != SF_OK)
		return rc;
	sf_buf_init(&msg);
	sf_buf_printf(&msg, "the hive written to replace %s", before);
	rc = canon_load(&b, after, msg.p != NULL ? msg.p : "the written hive",
	    strict, errp);
	sf_buf_free(&msg);
	if (rc != SF_OK) {
		canon_free(&a);
		return rc;
	}
	if ((th = sf_calloc(nt, sizeof(*th))) == NULL)
		rc = sf_err_nomem(errp);
	for (i = 0; i < nt && rc == SF_OK; i++) {
		sf_buf p;

		sf_buf_init(&p);
		for (j = 0; j < t[i].path.n; j++) {
			char *h = hex_units(t[i].path.seg[j].u, t[i].path.seg[j].len,
			    1);

			if (h == NULL)
				p.oom = 1;	/* taken as NULL below */
			if (j > 0)
				sf_buf_addc(&p, '/');
			sf_buf_adds(&p, h != NULL ? h : "");
			free(h);
		}
		sf_buf_adds(&p, "");
		th[i].kind = t[i].kind;
		th[i].upath = sf_buf_take(&p);
		th[i].uname = t[i].kind == TOUCH_VALUE ? hex_units(t[i].value,
		    t[i].valuelen, 1) : sf_strdup("");
		if (th[i].upath == NULL || th[i].uname == NULL)
			rc = sf_err_nomem(errp);
	}
	if (rc == SF_OK) {
		drop_touched(&a, th, nt);
		drop_touched(&b, th, nt);
		qsort(a.r, a.n, sizeof(*a.r), cmp_rec);
		qsort(b.r, b.n, sizeof(*b.r), cmp_rec);
		/* Dropped records sort first (kind 0). */
		for (i = 0; i < a.n && a.r[i].kind == 0; i++)
			;
		for (j = 0; j < b.n && b.r[j].kind == 0; j++)
			;
		for (k = 0; i < a.n && j < b.n; i++, j++, k++)
			if (cmp_rec(&a.r[i], &b.r[j]) != 0)
				break;
		if (i < a.n || j < b.n) {
			sf_buf_init(&msg);
			sf_buf_adds(&msg, "the written hive differs from the "
			    "original beyond the planned changes: ");
			if (i < a.n && (j == b.n || cmp_rec(&a.r[i], &b.r[j]) <
			    0)) {
				describe(&msg, &a.r[i]);
				sf_buf_adds(&msg, " is missing or changed");
			} else {
				describe(&msg, &b.r[j]);
				sf_buf_adds(&msg, " is new or changed");
			}
			rc = sf_err(errp, SF_ERR_VERIFY, "nothing was changed; "
			    "report this with the backup files", "%s",
			    msg.p != NULL ? msg.p : "");
			sf_buf_free(&msg);
		}
	}
	for (i = 0; th != NULL && i < nt; i++) {
		free(th[i].upath);
		free(th[i].uname);
	}
	free(th);
	canon_free(&a);
	canon_free(&b);
	return rc;
}
