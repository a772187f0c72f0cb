/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 *
 * The offline hive source.  A file cut short or with a wrong base-block
 * checksum is unreadable.  Every other hive must then be opened by
 * libregf, which checks the base block and the hive bins and must reach
 * the root key: a file libregf refuses is read as damaged when
 * spoolfix's own checks found it damaged, and is unreadable when they
 * found nothing (the two readers disagree).  This is the only file that
 * includes libregf.h.
 *
 * The tree itself is then loaded from the file image in memory through
 * spoolfix's bounds-checked cell reader (regf_cells.c), not through
 * libregf's key objects, because libregf 20201007:
 *   - cuts REG_SZ data at the first NUL and pads odd lengths, hiding the
 *     malformations the rules exist to find;
 *   - returns one to three bytes of inline data from the wrong end;
 *   - costs about 3 KiB per key object (327 MB for 100,000 keys);
 *   - recurses without limit on an ri list that points at an ri list.
 * The structural check (regf_tree.c) has walked the whole tree before
 * any of this runs.  tests/differential.sh checks that this reader and
 * libregf see the same keys, values and data on every corpus hive.
 *
 * Built with HAVE_LIBREGF=0 (the Windows build: Debian has no mingw
 * libregf) the libregf gate is skipped, and spoolfix's own structural
 * check (sf_regf_parse and regf_tree.c) is the only judge of a file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef HAVE_LIBREGF
#define HAVE_LIBREGF 1
#endif
#if HAVE_LIBREGF
#include <libbfio.h>
#include <libregf.h>
#endif

#include "base/arena.h"
#include "hive/hive.h"

#if HAVE_LIBREGF
/*
 * The innermost line of a libregf error backtrace, as a detail for
 * messages: without the libregf function name that starts it and the
 * full stop that ends it, since it follows spoolfix's own words.
 */
static void
describe(libregf_error_t *e, char *out, size_t len)
{
	char	 buf[2048];
	char	*s, *p;
	size_t	 n;

	out[0] = '\0';
	if (e == NULL)
		return;
	if (libregf_error_backtrace_sprint(e, buf, sizeof(buf)) > 0 ||
	    libregf_error_sprint(e, buf, sizeof(buf)) > 0) {
		buf[sizeof(buf) - 1] = '\0';
		if ((p = strchr(buf, '\n')) != NULL)
			*p = '\0';
		s = buf;
		if (strncmp(s, "libregf_", 8) == 0 &&
		    (p = strstr(s, ": ")) != NULL)
			s = p + 2;
		n = strlen(s);
		while (n > 0 && (s[n - 1] == '.' || s[n - 1] == ' '))
			s[--n] = '\0';
		if (n >= len)
			s[n = len - 1] = '\0';
		memcpy(out, s, n + 1);
	}
	libregf_error_free(&e);
}
#endif

/* Relative cell offset to the file offset of the record in it. */
static uint64_t
record_off(uint32_t cell)
{
	return (uint64_t)cell + SF_REGF_BASE + 4;
}

/*
 * Keys and value lists of a file hive come from the source's pool
 * (base/arena.h) and are marked pooled: sf_key_free_tree and a walk
 * that unloads them hand them back through forget_key, and the next
 * keys loaded take their place.  Value data in one cell is not copied
 * at all: the image stays in memory while the tree does, so a value
 * points into it.
 */
/*
 * Value names repeat across keys (every port has its "IPAddress"), so
 * they are interned: one copy per distinct stored name, found by a hash
 * of its stored bytes and compared with them where they lie in the
 * image (which stays while the source does): no unit is widened to
 * find a name already seen.  A name stored both as Latin-1 and as
 * UTF-16 has two copies, equal unit for unit: nothing compares names
 * by address.  Names are never written through, and live as long as the
 * arena.  The table stops growing at MAX_INTERNED names (a hostile hive
 * may give each value its own name); later new names get their own
 * copy, as key names do.
 */
#define MAX_INTERNED	65536

typedef struct interned {
	uint16_t	*u;
	const uint8_t	*raw;		/* the stored name, in the image */
	size_t		 len;		/* units */
	size_t		 nbytes;	/* bytes of raw those units take */
	uint32_t	 hash;
	int		 latin1;
	int		 plain;		/* sf_u16_plain(u, len) */
} interned;

typedef struct regf_src {
	sf_pool		 pool;		/* keys, value lists; its arena the
					   interned names */
	interned	*names;		/* open addressing, NULL u = free */
	size_t		 cap, n;
} regf_src;

static sf_arena *
arena_of(sf_hive *h)
{
	return &((regf_src *)h->src)->pool.arena;
}

static sf_pool *
pool_of(sf_hive *h)
{
	return &((regf_src *)h->src)->pool;
}

/* A key and its name: one object of the pool. */
static size_t
key_size(size_t units)
{
	return sizeof(sf_key) + (units + 1) * sizeof(uint16_t);
}

static uint16_t
stored_unit(const uint8_t *p, size_t i, int latin1)
{
	return latin1 ? p[i] : sf_le16(p + 2 * i);
}

/*
 * A hash of a stored name's bytes, eight at a time (names are short:
 * a byte-at-a-time hash was a tenth of loading a value).  Only this
 * table uses it.
 */
static uint32_t
stored_hash(const uint8_t *p, size_t n, int latin1)
{
	const uint64_t	 k = 0xff51afd7ed558ccdULL;
	uint64_t	 h = (uint64_t)n * k ^ (uint64_t)latin1, w;

	for (; n >= 8; p += 8, n -= 8) {
		w = sf_le64(p);
		h = (h ^ w) * k;
		h ^= h >> 32;
	}
	if (n > 0) {
		for (w = 0; n > 0; n--)
			w = w << 8 | p[n - 1];
		h = (h ^ w) * k;
	}
	h ^= h >> 29;
	return (uint32_t)h;
}

/* Widens a stored name into the arena, with a terminating 0 unit. */
static uint16_t *
pooled_name(sf_hive *h, const uint8_t *p, size_t nbytes, int latin1,
    size_t *len)
{
	uint16_t *u;
	size_t	  i, units = latin1 ? nbytes : nbytes / 2;

	if ((u = sf_arena_calloc(arena_of(h), units + 1, sizeof(*u))) == NULL)
		return NULL;
	for (i = 0; i < units; i++)
		u[i] = stored_unit(p, i, latin1);
	*len = units;
	return u;
}

static int
intern_grow(regf_src *s)
{
	interned	*nt;
	size_t		 ncap = s->cap ? s->cap * 2 : 256, i, j;

	if ((nt = sf_calloc(ncap, sizeof(*nt))) == NULL)
		return -1;
	for (i = 0; i < s->cap; i++) {
		if (s->names[i].u == NULL)
			continue;
		for (j = s->names[i].hash & (ncap - 1); nt[j].u != NULL;
		    j = (j + 1) & (ncap - 1))
			;
		nt[j] = s->names[i];
	}
	free(s->names);
	s->names = nt;
	s->cap = ncap;
	return 0;
}

/*
 * Widens a stored name into a copy of its own (*owned set: freed with
 * the value), with a terminating 0 unit.
 */
static uint16_t *
own_name(const uint8_t *p, size_t nbytes, int latin1, size_t *len,
    int *owned)
{
	uint16_t *u;
	size_t	  i, units = latin1 ? nbytes : nbytes / 2;

	if ((u = sf_calloc(units + 1, sizeof(*u))) == NULL)
		return NULL;
	for (i = 0; i < units; i++)
		u[i] = stored_unit(p, i, latin1);
	*len = units;
	*owned = 1;
	return u;
}

/*
 * A value name: the interned copy when there is one (*owned 0), else
 * a copy of its own (*owned 1).  *plain: every unit is SF_PLAIN_UNIT,
 * learnt once per interned name.
 */
static uint16_t *
value_name(sf_hive *h, const uint8_t *p, size_t nbytes, int latin1,
    size_t *len, int *owned, int *plain)
{
	regf_src	*s = h->src;
	size_t		 units = latin1 ? nbytes : nbytes / 2, j;
	size_t		 used = latin1 ? nbytes : units * 2;
	uint32_t	 hash = stored_hash(p, used, latin1);
	uint16_t	*u;

	for (j = s->cap ? hash & (s->cap - 1) : 0; s->cap != 0 &&
	    s->names[j].u != NULL; j = (j + 1) & (s->cap - 1)) {
		if (s->names[j].hash == hash && s->names[j].nbytes == used &&
		    s->names[j].latin1 == latin1 &&
		    memcmp(s->names[j].raw, p, used) == 0) {
			*len = units;
			*owned = 0;
			*plain = s->names[j].plain;
			return s->names[j].u;
		}
	}
	if (s->n >= MAX_INTERNED || (s->n * 2 >= s->cap &&
	    intern_grow(s) == -1)) {	/* not interned, still correct */
		if ((u = own_name(p, nbytes, latin1, len, owned)) != NULL)
			*plain = sf_u16_plain(u, *len);
		return u;
	}
	if ((u = pooled_name(h, p, nbytes, latin1, len)) == NULL)
		return NULL;
	*owned = 0;
	*plain = sf_u16_plain(u, *len);
	for (j = hash & (s->cap - 1); s->names[j].u != NULL;
	    j = (j + 1) & (s->cap - 1))
		;
	s->names[j].u = u;
	s->names[j].raw = p;
	s->names[j].len = units;
	s->names[j].nbytes = used;
	s->names[j].hash = hash;
	s->names[j].latin1 = latin1;
	s->names[j].plain = *plain;
	s->n++;
	return u;
}

/*
 * NULL when the record is unreadable or memory ran out (*oom set).  The
 * key and its name are one allocation, freed on their own when a walk
 * unloads the key (forget_key): keys are not pooled in the arena, so
 * that a scan holds the keys it is visiting, not all it has visited.
 */
static sf_key *
make_key(sf_hive *h, sf_key *parent, uint64_t off, int *oom)
{
	const uint8_t	*p;
	uint16_t	 flags = 0;
	size_t		 nbytes, units, i;
	int		 latin1;
	sf_key		*k;

	*oom = 0;
	if (sf_regf_nk_name_at(&h->regf, off, &p, &nbytes, &latin1,
	    &flags) == -1)
		return NULL;
	units = latin1 ? nbytes : nbytes / 2;
	/* Past SF_MAX_NAME_UNITS a name is cut (hive.h). */
	if (units > SF_MAX_NAME_UNITS)
		units = SF_MAX_NAME_UNITS;
	if ((k = sf_pool_alloc(pool_of(h), key_size(units))) == NULL) {
		*oom = 1;
		return NULL;
	}
	k->name = (uint16_t *)(void *)(k + 1);
	for (i = 0; i < units; i++)
		k->name[i] = stored_unit(p, i, latin1);
	k->name_len = units;
	k->parent = parent;
	k->depth = parent != NULL ? parent->depth + 1 : 0;
	k->pooled = 1;
	k->offset = off;
	k->flags = flags;
	return k;
}

static sf_status
load_children(sf_hive *h, sf_key *k)
{
	uint32_t	*kids = NULL;
	size_t		 n = 0, i;
	sf_key		*c;
	int		 rc, oom;
	sf_status	 st = SF_OK;

	rc = sf_regf_nk_children(&h->regf, k->offset, &kids, &n);
	if (rc == -2)
		return SF_ERR_NOMEM;
	if (rc == -1) {
		k->corrupt = h->corrupt = 1;
		sf_problem_add(&h->problems, "the subkey list of the key at "
		    "offset 0x%jx cannot be read completely",
		    (uintmax_t)k->offset);
	}
	if (n > SF_MAX_SUBKEYS)
		n = SF_MAX_SUBKEYS;
	for (i = 0; i < n && st == SF_OK; i++) {
		if (h->ireuse < h->nreuse && h->reuse[h->ireuse]->offset ==
		    record_off(kids[i])) {
			/* A kept key (key_tree.c): the same object again. */
			c = h->reuse[h->ireuse++];
		} else if ((c = make_key(h, k, record_off(kids[i]),
		    &oom)) == NULL) {
			if (oom) {
				st = SF_ERR_NOMEM;
				break;
			}
			k->corrupt = h->corrupt = 1;
			sf_problem_add(&h->problems, "subkey %zu of the key at "
			    "offset 0x%jx is not a readable key", i,
			    (uintmax_t)k->offset);
			continue;
		}
		if ((st = sf_key_adopt(h, k, c)) == SF_OK)
			continue;
		if (h->ireuse > 0 && c == h->reuse[h->ireuse - 1])
			h->ireuse--;	/* still the caller's */
		else
			sf_key_free_tree(h, c);
	}
	free(kids);
	return st;
}

/*
 * The data of a value: in place when it lies in one cell, else a copy.
 * 'vk' is the record as sf_regf_vk_at read it.
 */
static int
value_data(sf_hive *h, sf_value *v, const sf_regf_vk *vk)
{
	uint8_t		*copy;
	size_t		 len;
	int		 rc;

	if (vk->data_rc == 0) {
		/* Never written through: sf_value's data is only read. */
		v->data = (uint8_t *)(uintptr_t)vk->data;
		v->size = vk->len;
		return 0;
	}
	if (vk->data_rc == -1)
		return -1;
	if ((rc = sf_regf_vk_data(&h->regf, v->offset, &copy, &len)) != 0)
		return rc;
	copy[len] = 0;		/* it has room for one more */
	v->data = copy;
	v->flags |= SF_OWN_DATA;
	v->size = len;
	return 0;
}

static void	forget_list(sf_hive *, sf_key *, size_t);

static sf_status
load_values(sf_hive *h, sf_key *k)
{
	const uint8_t	*vks;
	size_t		 n = 0, i, nlen;
	sf_regf_vk	 vk;
	sf_value	*v, *fit = NULL;
	sf_status	 st = SF_OK;
	int		 rc, owned, plain;

	/* The list is read where it lies: no copy per key. */
	rc = sf_regf_nk_value_list(&h->regf, k->offset, &vks, &n);
	if (rc == -1) {
		k->corrupt = h->corrupt = 1;
		sf_problem_add(&h->problems, "the value list of the key at "
		    "offset 0x%jx cannot be read completely",
		    (uintmax_t)k->offset);
	}
	if (n > SF_MAX_VALUES)
		n = SF_MAX_VALUES;
	if (n > 0 && (k->val = sf_pool_alloc(pool_of(h), n *
	    sizeof(*k->val))) == NULL)
		return SF_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		v = &k->val[k->nval];
		v->offset = record_off(sf_le32(vks + 4 * i));
		if (sf_regf_vk_at(&h->regf, v->offset, &vk) == -1) {
			memset(v, 0, sizeof(*v));
			k->corrupt = h->corrupt = 1;
			sf_problem_add(&h->problems, "value %zu of the key at "
			    "offset 0x%jx is not a readable value record", i,
			    (uintmax_t)k->offset);
			continue;
		}
		v->type = vk.type;
		if ((v->name = value_name(h, vk.name, vk.nbytes, vk.latin1,
		    &nlen, &owned, &plain)) == NULL) {
			st = SF_ERR_NOMEM;
			break;
		}
		if (owned)
			v->flags |= SF_OWN_NAME;
		if (plain)
			v->flags |= SF_NAME_PLAIN;
		v->name_len = (uint16_t)nlen;	/* a vk's length: 16 bits */
		rc = value_data(h, v, &vk);
		if (rc == -2) {
			if (v->flags & SF_OWN_NAME)
				free(v->name);
			st = SF_ERR_NOMEM;
			break;
		}
		if (rc == -1) {
			/* Kept with no data, flagged: its name still counts. */
			char *shown = sf_u16_to_display(v->name, v->name_len);

			v->corrupt = 1;
			k->corrupt = h->corrupt = 1;
			sf_problem_add(&h->problems, "the data of value \"%s\" "
			    "of the key at offset 0x%jx cannot be read",
			    shown != NULL ? shown : "?", (uintmax_t)k->offset);
			free(shown);
			if ((v->data = sf_arena_calloc(arena_of(h), 1, 1)) ==
			    NULL) {
				if (v->flags & SF_OWN_NAME)
					free(v->name);
				st = SF_ERR_NOMEM;
				break;
			}
			v->size = 0;
		}
		k->nval++;
	}
	/*
	 * The pool takes a list back by its size, which forget_values
	 * says by nval: a list that unreadable values left longer is
	 * copied to one of its size.
	 */
	if (st == SF_OK && k->nval < n && k->nval > 0 && (fit =
	    sf_pool_alloc(pool_of(h), k->nval * sizeof(*fit))) == NULL)
		st = SF_ERR_NOMEM;
	if (st != SF_OK) {
		forget_list(h, k, n);
		return st;
	}
	if (k->nval < n) {
		if (fit != NULL)
			memcpy(fit, k->val, k->nval * sizeof(*fit));
		sf_pool_release(pool_of(h), k->val, n * sizeof(*k->val));
		k->val = fit;
	}
	return SF_OK;
}

static sf_status
class_name(sf_hive *h, sf_key *k, uint16_t **out, size_t *len)
{
	int rc = sf_regf_nk_class(&h->regf, k->offset, out, len);

	return rc == -2 ? SF_ERR_NOMEM : SF_OK;
}

static void
release(sf_hive *h, sf_key *k)
{
	(void)h;
	k->handle = NULL;
}

/* Frees k's values, their list taken from the pool for cap values. */
static void
forget_list(sf_hive *h, sf_key *k, size_t cap)
{
	size_t i;

	for (i = 0; i < k->nval; i++) {
		if (k->val[i].flags & SF_OWN_NAME)
			free(k->val[i].name);
		if (k->val[i].flags & SF_OWN_DATA)
			free(k->val[i].data);
	}
	sf_pool_release(pool_of(h), k->val, cap * sizeof(*k->val));
	k->val = NULL;
	k->nval = 0;
}

static void
forget_values(sf_hive *h, sf_key *k)
{
	forget_list(h, k, k->nval);
}

static void
forget_key(sf_hive *h, sf_key *k)
{
	forget_values(h, k);
	sf_pool_release(pool_of(h), k, key_size(k->name_len));
}

static int
child_records(sf_hive *h, sf_key *k, uint64_t **out, size_t *n)
{
	uint32_t	*kids = NULL;
	uint64_t	*r;
	size_t		 i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = sf_regf_nk_children(&h->regf, k->offset, &kids, n)) != 0) {
		free(kids);
		return rc;
	}
	if (*n > SF_MAX_SUBKEYS)
		*n = SF_MAX_SUBKEYS;
	if ((r = sf_reallocarray(NULL, *n ? *n : 1, sizeof(*r))) == NULL) {
		free(kids);
		return -2;
	}
	for (i = 0; i < *n; i++)
		r[i] = record_off(kids[i]);
	free(kids);
	*out = r;
	return 0;
}

static sf_key *
child_at(sf_hive *h, sf_key *k, uint64_t off, int *oom)
{
	return make_key(h, k, off, oom);
}

static void
close_src(sf_hive *h)
{
	regf_src *s = h->src;

	if (s != NULL) {
		sf_pool_free(&s->pool);
		free(s->names);
		free(s);
	}
	h->src = NULL;
}

static const sf_source_ops regf_ops = {
	load_children, load_values, class_name, release, close_src,
	forget_values, forget_key, child_records, child_at
};

/*
 * The file is refused.  The message says what spoolfix's own checks
 * found, in the user's terms (sf_regf_parse puts truncation first, then
 * the checksum), and what to do about it; libregf's words, when it was
 * libregf that refused, follow only as a detail, since they name its
 * own internals.
 */
static sf_status
refuse(sf_hive *h, sf_error **errp, const char *libregf_why)
{
	char		 tail[64];
	const char	*what, *advice;
	size_t		 more;

	if (h->regf.truncated)
		advice = "copy the hive again from its source; if it came "
		    "from a running system, copy its .LOG1 and .LOG2 files "
		    "with it, or take it from a shadow copy or a backup";
	else if (h->regf.bad_checksum)
		advice = "copy the hive again with its .LOG1 and .LOG2 files "
		    "(Windows rebuilds a damaged base block from them when "
		    "it loads the hive), or use a backup";
	else
		advice = "restore the hive from a backup, or let Windows "
		    "repair it (reg load and reg unload on a Windows "
		    "machine), then scan again";
	what = h->problems.n > 0 ? h->problems.v[0] : "damaged in a way "
	    "spoolfix's own checks do not pinpoint";
	more = h->problems.n + h->problems.dropped;
	tail[0] = '\0';
	if (more > 1)
		snprintf(tail, sizeof(tail), "; and %zu more problem%s",
		    more - 1, more == 2 ? "" : "s");
	if (libregf_why == NULL)
		return sf_err(errp, SF_ERR_FORMAT, advice, "%s: %s%s",
		    h->path, what, tail);
	return sf_err(errp, SF_ERR_FORMAT, advice, "%s: %s%s (libregf: %s)",
	    h->path, what, tail, libregf_why[0] ? libregf_why : "no detail");
}

#if HAVE_LIBREGF
/*
 * libregf refused the file.  When spoolfix's own checks have already
 * found it damaged, the hive is read as damaged (HIVE-002) through the
 * bounds-checked reader, as the Windows build (which has no libregf)
 * reads it, so both builds say the same of every file; a file libregf
 * refuses while spoolfix's checks find nothing wrong is a disagreement
 * between the two readers, and is refused as unreadable.
 */
static sf_status
libregf_refused(sf_hive *h, sf_error **errp, libregf_error_t *e)
{
	char	 why[512];
	int	 nomem = errno == ENOMEM;

	describe(e, why, sizeof(why));
	if (h->corrupt)
		return SF_OK;
	/*
	 * libregf says "unable to create file header" when its malloc
	 * fails, and a sound hive asks for nothing out of the ordinary:
	 * out of memory, then, not a disagreement about the file.
	 */
	if (nomem)
		return sf_err_nomem(errp);
	return refuse(h, errp, why);
}

/*
 * libregf must open the file and reach its root key.  It reads the
 * image spoolfix holds when spoolfix's own checks found every hive bin
 * inside it (a sound hive, or one recovered from its logs): reading the
 * file again would take a seek and a read for each 4 KiB bin, 46,000
 * system calls for 100 MB.  A damaged hive is opened by path instead:
 * libbfio's memory-range reader copies past the end of the range when
 * libregf asks for a hive bin that a truncated file does not hold, and a
 * file read cannot over-run.
 */
static sf_status
libregf_accepts(sf_hive *h, sf_error **errp)
{
	libregf_file_t	 *file = NULL;
	libregf_key_t	 *root = NULL;
	libregf_error_t	 *e = NULL;
	libbfio_handle_t *io = NULL;
	sf_status	  rc = SF_OK;

	if (h->replayed && h->corrupt)
		return sf_err(errp, SF_ERR_FORMAT, "scan it with --no-logs to "
		    "read the primary file alone, or let Windows load the "
		    "hive", "%s: the hive recovered from its transaction logs "
		    "is damaged: %s", h->path, h->problems.n > 0 ?
		    h->problems.v[0] : "see the problems reported");
	if (libregf_file_initialize(&file, NULL) != 1)
		return sf_err_nomem(errp);
	errno = 0;	/* ENOMEM from libregf's malloc: libregf_refused() */
	if (h->replayed || !h->corrupt) {
		/*
		 * The recovered image exists only in memory.  Its hive bins,
		 * as a sound hive's, were checked to lie inside it, so
		 * libbfio's memory reader is never asked for bytes past its
		 * end.
		 */
		if (libbfio_memory_range_initialize(&io, NULL) != 1 ||
		    libbfio_memory_range_set(io, h->file.data, h->file.size,
		    NULL) != 1) {
			rc = sf_err_nomem(errp);
			goto out;
		}
		if (libregf_file_open_file_io_handle(file, io,
		    LIBREGF_OPEN_READ, &e) != 1) {
			rc = libregf_refused(h, errp, e);
			goto out;
		}
	} else if (libregf_file_open(file, h->path, LIBREGF_OPEN_READ, &e) !=
	    1) {
		rc = libregf_refused(h, errp, e);
		goto out;
	}
	/*
	 * libregf's verdict adds to spoolfix's own only where they found
	 * nothing: the problems listed for a damaged hive are then the same
	 * in both builds.
	 */
	if (!h->corrupt && libregf_file_is_corrupted(file, NULL) == 1) {
		h->corrupt = 1;
		sf_problem_add(&h->problems, "libregf reports the hive as "
		    "corrupted (damaged or misaligned hive bins were "
		    "skipped)");
	}
	e = NULL;
	if (libregf_file_get_root_key(file, &root, &e) != 1 || root == NULL)
		rc = libregf_refused(h, errp, e);
	libregf_key_free(&root, NULL);
	libregf_file_close(file, NULL);
out:
	libregf_file_free(&file, NULL);
	if (io != NULL)
		libbfio_handle_free(&io, NULL);
	return rc;
}
#endif

int
sf_regf_source_is(const sf_hive *h)
{
	return h->ops == &regf_ops;
}

/* The source's state and the root key; 0 with h->root NULL when the
 * root's record cannot be read. */
int
sf_regf_source_tree(sf_hive *h)
{
	int oom;

	if ((h->src = calloc(1, sizeof(regf_src))) == NULL)
		return -1;
	h->ops = &regf_ops;
	if ((h->root = make_key(h, NULL, record_off(h->regf.root), &oom)) ==
	    NULL && oom)
		return -1;
	return 0;
}

uint32_t
sf_key_declared_subkeys(const sf_hive *h, const sf_key *k)
{
	uint32_t n;

	if (h->ops != &regf_ops || k->offset == 0 ||
	    sf_regf_nk_subkeys(&h->regf, k->offset, &n) != 0)
		return 0;
	return n;
}

sf_status
sf_regf_source_open(sf_hive *h, sf_error **errp)
{
#if HAVE_LIBREGF
	sf_status rc;
#endif

	/*
	 * A file cut short or with a wrong base-block checksum is not a
	 * hive Windows would load (it would rebuild it from its logs, and
	 * none recovered it here): unreadable, by spoolfix's own checks,
	 * so that the Linux and Windows builds refuse the same files.
	 */
	if (h->regf.truncated || h->regf.bad_checksum)
		return refuse(h, errp, NULL);
#if HAVE_LIBREGF
	if ((rc = libregf_accepts(h, errp)) != SF_OK)
		return rc;
#endif
	if (sf_regf_source_tree(h) == -1)
		return sf_err_nomem(errp);
	if (h->root == NULL)
		return sf_err(errp, SF_ERR_FORMAT, "restore the hive from a "
		    "backup or let Windows repair it", "%s: the root key "
		    "record cannot be read", h->path);
	/* A sound tree needs no loop guard (hive.h, tree_sound). */
	if (h->tree_sound)
		return SF_OK;
	/* nk offsets are a cell's (8-aligned) + SF_REGF_BASE + 4. */
	(void)sf_offset_set_span(&h->seen, (uint64_t)h->file.size + 8,
	    (SF_REGF_BASE + 4) & 7);
	if (sf_offset_set_add(&h->seen, h->root->offset) == -1)
		return sf_err_nomem(errp);
	return SF_OK;
}
