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
 * A regedit export as a hive source.  The file is read with the .reg
 * reader (dotreg_read.c, leniently: a malformed line is skipped and
 * listed, as regedit skips it on import), then its entries are applied
 * in order to in-memory trees, one per hive root, as an import would
 * apply them to the registry: a key given twice is one key whose values
 * merge, a later value replaces an earlier one of the same name, [-KEY]
 * deletes a subtree and "v"=- a value.  Keys are then complete, so the
 * source's load functions have nothing left to do; the tree is the
 * live source's shape (names and values as counted UTF-16 and raw
 * bytes, offsets 0).
 *
 * HKLM\SYSTEM\CurrentControlSet is the current control set: when the
 * file holds Select\Current it is that ControlSet00N (an import writes
 * through the link), otherwise it stays a key of its own, which the
 * machine view takes as the current set (machine.c).
 *
 * Every step is linear in the file: names are found through one hash
 * table of (parent, name) for keys and one of (key, name) for values,
 * so a file of a million siblings costs a million lookups, and deleted
 * keys and values are dropped in one pass at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "hive/dotreg_in.h"
#include "hive/source_reg.h"

/* One hash table for both kinds of names. */
typedef struct slot {
	const sf_key	*owner;		/* the parent, or the value's key */
	sf_key		*key;		/* keys: the child */
	size_t		 vi;		/* values: its index in owner->val */
	uint64_t	 hash;		/* compared first: names are far away */
	int		 state;		/* 0 empty, 1 used, 2 deleted */
} slot;

typedef struct table {
	slot		*s;
	size_t		 cap, used;	/* used: filled and deleted slots */
	int		 values;
} table;

/* One hive of the file: where its root is, what it is. */
typedef struct part {
	sf_hive		*h;
	sf_hive_kind	 kind;
	const uint16_t	*user;		/* HKU\<user>, as in the first entry */
	size_t		 ulen;
	int		 hkcu;
	int		 have_select;	/* SYSTEM: Select\Current read */
	uint32_t	 select;
} part;

typedef struct build {
	const char	*path;
	const char	*base;
	const char	*user;		/* the profile of HKEY_CURRENT_USER */
	table		 keys, vals;
	part		 p[REG_MAX_HIVES];
	size_t		 np;
	part		*last;		/* the hive of the last entry */
	size_t		 other;		/* keys of other roots, skipped */
	size_t		 too_many;	/* of hives beyond REG_MAX_HIVES */
} build;

static const char *
slot_name(const table *t, const slot *e, size_t *len)
{
	if (t->values) {
		*len = e->owner->val[e->vi].name_len;
		return (const char *)e->owner->val[e->vi].name;
	}
	*len = e->key->name_len;
	return (const char *)e->key->name;
}

/*
 * The name's hash mixed with its owner's address.  Addresses are
 * multiples of 16: multiplied alone they would keep their low bits
 * zero and crowd every value of one name into a sixteenth of the
 * table, so the product is folded (murmur3's finaliser).
 */
static uint64_t
slot_hash(const sf_key *owner, const uint16_t *u, size_t n)
{
	uint64_t x = (uint64_t)(uintptr_t)owner ^ sf_u16_casehash(u, n);

	x ^= x >> 33;
	x *= 0xFF51AFD7ED558CCDULL;
	x ^= x >> 33;
	x *= 0xC4CEB9FE1A85EC53ULL;
	return x ^ (x >> 33);
}

/* The slot of (owner, name), or NULL. */
static slot *
lookup(table *t, const sf_key *owner, const uint16_t *u, size_t n)
{
	const uint16_t	*nm;
	size_t		 i, len;
	uint64_t	 h;

	if (t->cap == 0)
		return NULL;
	h = slot_hash(owner, u, n);
	i = h & (t->cap - 1);
	for (; t->s[i].state != 0; i = (i + 1) & (t->cap - 1)) {
		if (t->s[i].state != 1 || t->s[i].hash != h ||
		    t->s[i].owner != owner)
			continue;
		nm = (const uint16_t *)(const void *)slot_name(t, &t->s[i],
		    &len);
		if (sf_u16_caseeq(nm, len, u, n))
			return &t->s[i];
	}
	return NULL;
}

static int insert(table *, const sf_key *, sf_key *, size_t);

/* Doubles the table (or makes it), leaving deleted slots behind. */
static int
grow(table *t)
{
	table	 old = *t;
	size_t	 i;

	t->cap = old.cap ? old.cap * 2 : 256;
	t->used = 0;
	if ((t->s = sf_calloc(t->cap, sizeof(*t->s))) == NULL) {
		*t = old;
		return -1;
	}
	for (i = 0; i < old.cap; i++)
		if (old.s[i].state == 1)
			insert(t, old.s[i].owner, old.s[i].key, old.s[i].vi);
	free(old.s);
	return 0;
}

static int
insert(table *t, const sf_key *owner, sf_key *key, size_t vi)
{
	slot		 e;
	const uint16_t	*u;
	size_t		 i, n;

	if ((t->used + 1) * 2 > t->cap && grow(t) == -1)
		return -1;
	e.owner = owner;
	e.key = key;
	e.vi = vi;
	e.state = 1;
	u = (const uint16_t *)(const void *)slot_name(t, &e, &n);
	e.hash = slot_hash(owner, u, n);
	i = e.hash & (t->cap - 1);
	while (t->s[i].state == 1)
		i = (i + 1) & (t->cap - 1);
	if (t->s[i].state == 0)
		t->used++;
	t->s[i] = e;
	return 0;
}

/* ---- the source: everything is loaded when the file is read ---- */

static sf_status
load_nothing(sf_hive *h, sf_key *k)
{
	(void)h;
	(void)k;
	return SF_OK;
}

static sf_status
no_class(sf_hive *h, sf_key *k, uint16_t **out, size_t *len)
{
	(void)h;
	(void)k;
	*out = NULL;
	*len = 0;
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
	(void)h;
}

static const sf_source_ops reg_ops = {
	load_nothing, load_nothing, no_class, release, close_src, NULL, NULL,
	NULL, NULL
};

static const uint16_t empty[1];

int
sf_reg_sniff(const uint8_t *d, size_t n)
{
	static const char v5[] = "Windows Registry Editor Version 5.00";
	size_t	 i, k = 0;

	if (n >= 2 && d[0] == 0xFF && d[1] == 0xFE) {
		/* UTF-16LE: the header's ASCII letters, each with a 0 byte. */
		for (i = 2; i + 1 < n && k < 8; i += 2, k++)
			if (d[i + 1] != 0 || (d[i] != v5[k] &&
			    d[i] != "REGEDIT4"[k]))
				return 0;
		return k == 8;
	}
	i = n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	return (n - i >= 8 && memcmp(d + i, "REGEDIT4", 8) == 0) ||
	    (n - i >= sizeof(v5) - 1 && memcmp(d + i, v5, sizeof(v5) - 1) == 0);
}

static int
seg_is(const reg_op *op, size_t i, const char *s)
{
	return i < op->nseg && sf_u16_caseeq_ascii(op->seg[i], op->seglen[i],
	    s);
}

/*
 * Which hive an entry belongs to, and where its path below that hive's
 * root starts: 0 for another root (skipped), -1 for no root at all.
 */
static int
classify(const reg_op *op, sf_hive_kind *kind, int *hkcu, size_t *start)
{
	size_t n;

	*hkcu = 0;
	if (seg_is(op, 0, "HKEY_LOCAL_MACHINE") || seg_is(op, 0, "HKLM")) {
		*start = 2;
		if (seg_is(op, 1, "SYSTEM"))
			*kind = SF_HIVE_SYSTEM;
		else if (seg_is(op, 1, "SOFTWARE"))
			*kind = SF_HIVE_SOFTWARE;
		else
			return 0;
		return 1;
	}
	if (seg_is(op, 0, "HKEY_CURRENT_USER") || seg_is(op, 0, "HKCU")) {
		*kind = SF_HIVE_NTUSER;
		*hkcu = 1;
		*start = 1;
		return 1;
	}
	if (seg_is(op, 0, "HKEY_USERS") || seg_is(op, 0, "HKU")) {
		if (op->nseg < 2)
			return 0;
		n = op->seglen[1];
		/* <SID>_Classes: file associations, no print settings. */
		if (n > 8 && sf_u16_caseeq_ascii(op->seg[1] + n - 8, 8,
		    "_Classes"))
			return 0;
		*kind = seg_is(op, 1, ".DEFAULT") ? SF_HIVE_DEFAULT :
		    SF_HIVE_NTUSER;
		*start = 2;
		return 1;
	}
	if (seg_is(op, 0, "HKEY_CLASSES_ROOT") || seg_is(op, 0, "HKCR") ||
	    seg_is(op, 0, "HKEY_CURRENT_CONFIG") || seg_is(op, 0, "HKCC") ||
	    seg_is(op, 0, "HKEY_PERFORMANCE_DATA") ||
	    seg_is(op, 0, "HKEY_DYN_DATA"))
		return 0;
	return -1;
}

/* The hive of an entry, made on its first entry; NULL: none (or OOM). */
static part *
part_for(build *b, const reg_op *op, sf_hive_kind kind, int hkcu,
    size_t start, int *oom)
{
	part	*p;
	size_t	 i;
	char	*s;

	*oom = 0;
	for (i = 0; i < b->np; i++) {
		p = &b->p[i];
		if (p->kind == kind && p->hkcu == hkcu && (kind !=
		    SF_HIVE_NTUSER || hkcu || sf_u16_caseeq(p->user, p->ulen,
		    op->seg[1], op->seglen[1])))
			return p;
	}
	if (b->np == REG_MAX_HIVES) {
		b->too_many++;
		return NULL;
	}
	p = &b->p[b->np];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->hkcu = hkcu;
	if ((p->h = sf_hive_new(b->path)) == NULL ||
	    (p->h->root = sf_key_new(NULL, empty, 0)) == NULL)
		goto oom;
	b->np++;
	p->h->kind = kind;
	p->h->ops = &reg_ops;
	p->h->dotreg = 1;
	p->h->root->children_loaded = p->h->root->values_loaded = 1;
	/* The root as the file spells it, for a plan written back. */
	for (i = 0; i < start; i++)
		if (sf_keypath_push(&p->h->reg_root, op->seg[i],
		    op->seglen[i]) == -1)
			goto oom;
	if (kind == SF_HIVE_NTUSER) {
		if (!hkcu) {
			p->user = p->h->reg_root.seg[1].u;
			p->ulen = p->h->reg_root.seg[1].len;
			s = sf_u16_to_display(p->user, p->ulen);
		} else
			s = sf_strdup(b->user);
		if (s == NULL)
			goto oom;
		p->h->profile = s;
	}
	return p;
oom:
	*oom = 1;
	return NULL;
}

/* The child of k named (u, n), made when 'make'; NULL when absent. */
static sf_key *
child(build *b, sf_hive *h, sf_key *k, const uint16_t *u, size_t n,
    int make, int *oom)
{
	slot	*e;
	sf_key	*c;

	if ((e = lookup(&b->keys, k, u, n)) != NULL)
		return e->key;
	if (!make)
		return NULL;
	if ((c = sf_key_new(k, u, n)) == NULL)
		goto oom;
	c->children_loaded = c->values_loaded = 1;
	if (sf_key_adopt(h, k, c) != SF_OK) {
		sf_key_free_tree(h, c);
		goto oom;
	}
	if (insert(&b->keys, k, c, 0) == -1)
		goto oom;	/* c is k's: freed with the tree */
	return c;
oom:
	*oom = 1;
	return NULL;
}

/*
 * Select\Current as the file leaves it (the last entry wins), so that
 * CurrentControlSet can be written through to its set like an import.
 */
static void
find_select(build *b, const reg_in *in)
{
	sf_hive_kind	 kind;
	size_t		 i, start;
	int		 hkcu;
	part		*p = NULL;

	for (i = 0; i < in->n; i++) {
		const reg_op *op = &in->op[i];

		if (classify(op, &kind, &hkcu, &start) != 1 ||
		    kind != SF_HIVE_SYSTEM || op->nseg < 3 ||
		    !seg_is(op, 2, "Select"))
			continue;
		if (p == NULL) {
			for (p = b->p; p < b->p + b->np; p++)
				if (p->kind == SF_HIVE_SYSTEM)
					break;
			if (p == b->p + b->np)
				return;
		}
		if (op->nseg != 3)
			continue;
		if (op->kind == REG_DELETE_KEY || (op->kind ==
		    REG_DELETE_VALUE && sf_u16_caseeq_ascii(op->name,
		    op->namelen, "Current")))
			p->have_select = 0;
		else if (op->kind == REG_SET_VALUE && sf_u16_caseeq_ascii(
		    op->name, op->namelen, "Current")) {
			p->have_select = op->type == SF_REG_DWORD &&
			    op->size == 4 && sf_le32(op->data) <= 999;
			p->select = p->have_select ? sf_le32(op->data) : 0;
		}
	}
}

static void
note(sf_hive *h, const build *b, unsigned line, const char *what)
{
	sf_problem_add(&h->problems, "%s:%u: %s", b->base, line, what);
}

static int
set_value(build *b, sf_key *k, reg_op *op)
{
	slot		*e;
	sf_value	*v, *nv;
	uint8_t		*d;

	if ((d = realloc(op->data, op->size + 1)) == NULL)
		return -1;
	op->data = NULL;	/* the hive's now */
	if ((e = lookup(&b->vals, k, op->name, op->namelen)) != NULL) {
		v = &k->val[e->vi];
		free(v->data);
		v->type = op->type;
		v->data = d;
		v->size = op->size;
		return 0;
	}
	if ((k->nval & (k->nval - 1)) == 0) {
		if ((nv = sf_reallocarray(k->val, k->nval ? k->nval * 2 : 1,
		    sizeof(*nv))) == NULL) {
			free(d);
			return -1;
		}
		k->val = nv;
	}
	v = &k->val[k->nval];
	memset(v, 0, sizeof(*v));
	if ((v->name = sf_u16dup(op->name, op->namelen)) == NULL) {
		free(d);
		return -1;
	}
	v->name_len = op->namelen;
	v->type = op->type;
	v->data = d;
	v->size = op->size;
	k->nval++;
	return insert(&b->vals, k, NULL, k->nval - 1);
}

/* Forgets a key's children and values: an import of [-KEY] or the root. */
static void
forget_below(build *b, sf_key *k)
{
	slot	*e;
	size_t	 i;

	for (i = 0; i < k->nchild; i++)
		if ((e = lookup(&b->keys, k, k->child[i]->name,
		    k->child[i]->name_len)) != NULL && e->key == k->child[i])
			e->state = 2;
	for (i = 0; i < k->nval; i++)
		if ((e = lookup(&b->vals, k, k->val[i].name,
		    k->val[i].name_len)) != NULL && e->vi == i)
			e->state = 2;
}

/* Applies one entry; -1 when out of memory. */
static int
apply(build *b, reg_op *op)
{
	sf_hive_kind	 kind;
	part		*p;
	sf_hive		*h;
	sf_key		*k;
	slot		*e;
	size_t		 start, i;
	int		 hkcu, r, oom = 0, make;
	uint16_t	 cs[13];
	char		 name[16];

	if ((r = classify(op, &kind, &hkcu, &start)) == -1) {
		/* Not in any hive: reported once per key header. */
		if (op->kind == REG_KEY || op->kind == REG_DELETE_KEY) {
			if (b->np == 0 && part_for(b, op, SF_HIVE_UNKNOWN, 0,
			    0, &oom) == NULL && oom)
				return -1;
			if (b->np > 0)
				note(b->p[b->np - 1].h, b, op->line,
				    "a key under no registry root "
				    "(HKEY_LOCAL_MACHINE, HKEY_USERS, "
				    "HKEY_CURRENT_USER): skipped");
			if (b->np > 0)
				b->p[b->np - 1].h->corrupt = 1;
		}
		return 0;
	}
	if (r == 0) {
		b->other += op->kind == REG_KEY || op->kind == REG_DELETE_KEY;
		return 0;
	}
	if ((p = part_for(b, op, kind, hkcu, start, &oom)) == NULL)
		return oom ? -1 : 0;
	b->last = p;
	h = p->h;
	if (op->nseg - start >= SF_MAX_DEPTH) {
		if (op->kind == REG_KEY || op->kind == REG_DELETE_KEY) {
			note(h, b, op->line, "a key nested deeper than 512 "
			    "levels: skipped");
			h->corrupt = 1;
		}
		return 0;
	}
	make = op->kind == REG_KEY || op->kind == REG_SET_VALUE;
	k = h->root;
	for (i = start; i < op->nseg && k != NULL; i++) {
		const uint16_t	*u = op->seg[i];
		size_t		 n = op->seglen[i];

		/* An import writes CurrentControlSet through its link. */
		if (i == 2 && kind == SF_HIVE_SYSTEM && p->have_select &&
		    sf_u16_caseeq_ascii(u, n, "CurrentControlSet")) {
			snprintf(name, sizeof(name), "ControlSet%03u",
			    p->select);
			for (n = 0; n < 13; n++)
				cs[n] = (uint16_t)(unsigned char)name[n];
			u = cs;
		}
		if (op->kind == REG_DELETE_KEY && i + 1 == op->nseg) {
			/* The key goes; its subtree goes with it. */
			if ((e = lookup(&b->keys, k, u, n)) != NULL)
				e->state = 2;
			return 0;
		}
		k = child(b, h, k, u, n, make, &oom);
	}
	if (oom)
		return -1;
	if (k == NULL)
		return 0;	/* a value of a key that is not there */
	switch (op->kind) {
	case REG_KEY:
		break;
	case REG_DELETE_KEY:
		forget_below(b, k);	/* the hive's root itself */
		break;
	case REG_SET_VALUE:
		if (op->size > SF_MAX_VALUE_DATA) {
			note(h, b, op->line, "a value larger than 64 MB: "
			    "skipped");
			h->corrupt = 1;
			break;
		}
		return set_value(b, k, op);
	case REG_DELETE_VALUE:
		if ((e = lookup(&b->vals, k, op->name, op->namelen)) != NULL)
			e->state = 2;
		break;
	}
	return 0;
}

/*
 * Drops what was deleted: a child is kept when the table still leads
 * to it, a value likewise.  Nothing is allocated here, so a freed key's
 * address is not reused while the table is still consulted.
 */
static void
sweep(build *b, sf_hive *h, sf_key *k)
{
	slot	*e;
	size_t	 i, n = 0;

	for (i = 0; i < k->nval; i++) {
		e = lookup(&b->vals, k, k->val[i].name, k->val[i].name_len);
		if (e != NULL && e->vi == i) {
			e->vi = n;
			k->val[n++] = k->val[i];
		} else {
			free(k->val[i].name);
			free(k->val[i].data);
		}
	}
	k->nval = n;
	for (i = n = 0; i < k->nchild; i++) {
		e = lookup(&b->keys, k, k->child[i]->name,
		    k->child[i]->name_len);
		if (e != NULL && e->key == k->child[i]) {
			k->child[n++] = k->child[i];
			sweep(b, h, k->child[i]);
		} else
			sf_key_free_tree(h, k->child[i]);
	}
	k->nchild = n;
}

static void
build_free(build *b, int hives)
{
	size_t i;

	free(b->keys.s);
	free(b->vals.s);
	for (i = 0; hives && i < b->np; i++)
		sf_hive_free(b->p[i].h);
}

sf_status
sf_reg_source_open(const char *path, const char *user, sf_hive ***hives,
    size_t *nh, sf_error **errp)
{
	static const reg_in_opts opts = {
		".reg file",
		"give a file exported by regedit or \"reg export\" (version 5 "
		"or REGEDIT4), unchanged",
		"export only the print keys, for example reg export "
		"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print print.reg",
		1
	};
	reg_in		 in;
	build		 b;
	sf_hive		*h;
	size_t		 i, k = 0;
	sf_status	 rc;

	*hives = NULL;
	*nh = 0;
	if ((rc = reg_in_read(path, &opts, &in, errp)) != SF_OK)
		return rc;
	memset(&b, 0, sizeof(b));
	b.path = path;
	b.base = sf_path_base(path);
	b.user = user;
	b.vals.values = 1;
	/* The hives in the order the file names them; then Select. */
	for (i = 0; i < in.n; i++) {
		sf_hive_kind kind;
		size_t	     start;
		int	     hkcu, oom;

		if (classify(&in.op[i], &kind, &hkcu, &start) == 1 &&
		    part_for(&b, &in.op[i], kind, hkcu, start, &oom) == NULL &&
		    oom)
			goto oom;
	}
	find_select(&b, &in);
	for (i = 0; i < in.n; i++) {
		/* Skipped lines go to the hive of the entry before them. */
		for (; k < in.nbad && in.bad[k].line < in.op[i].line; k++)
			if (b.np > 0) {
				h = b.last != NULL ? b.last->h : b.p[0].h;
				note(h, &b, in.bad[k].line, in.bad[k].what);
				h->corrupt = 1;
			}
		if (apply(&b, &in.op[i]) == -1)
			goto oom;
	}
	if (b.np == 0) {
		/* No hive of a machine: the input is still listed. */
		if ((b.p[0].h = sf_hive_new(path)) == NULL ||
		    (b.p[0].h->root = sf_key_new(NULL, empty, 0)) == NULL)
			goto oom;
		b.np = 1;
		b.p[0].h->ops = &reg_ops;
		b.p[0].h->dotreg = 1;
		b.p[0].h->kind = SF_HIVE_UNKNOWN;
		b.p[0].h->root->children_loaded = 1;
		b.p[0].h->root->values_loaded = 1;
	}
	h = b.last != NULL ? b.last->h : b.p[0].h;
	for (; k < in.nbad; k++) {
		note(h, &b, in.bad[k].line, in.bad[k].what);
		h->corrupt = 1;
	}
	if (in.nbad_all > in.nbad)
		sf_problem_add(&h->problems, "%s: %zu more malformed lines "
		    "skipped", b.base, in.nbad_all - in.nbad);
	if (b.other > 0)
		sf_problem_add(&b.p[0].h->problems, "%s: %zu key%s outside "
		    "HKLM\\SYSTEM, HKLM\\SOFTWARE and the user hives not read",
		    b.base, b.other, b.other == 1 ? "" : "s");
	if (b.too_many > 0) {
		sf_problem_add(&h->problems, "%s: entries of more than %d "
		    "hives; those of the others were skipped", b.base,
		    REG_MAX_HIVES);
		h->corrupt = 1;
	}
	for (i = 0; i < b.np; i++)
		sweep(&b, b.p[i].h, b.p[i].h->root);
	if ((*hives = sf_calloc(b.np, sizeof(**hives))) == NULL)
		goto oom;
	for (i = 0; i < b.np; i++)
		(*hives)[i] = b.p[i].h;
	*nh = b.np;
	build_free(&b, 0);
	reg_in_free(&in);
	return SF_OK;
oom:
	build_free(&b, 1);
	reg_in_free(&in);
	return sf_err_nomem(errp);
}
