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
 * Named sets: names or data gathered from anywhere in the machine view
 * (every port under every monitor, every registered print processor),
 * built once on first use and hashed, so membership tests cost O(1).
 * A set whose source hive was not given is incomplete: a name found in
 * it is still a member, but a name not found is "unknown", never a
 * fault.  Names matching an "external" pattern belong to monitors that
 * keep their ports outside the registry and are "unknown" as well.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

static uint32_t
set_hash(const uint16_t *u, size_t n)
{
	uint64_t h = sf_u16_casehash(u, n);

	return (uint32_t)(h ^ h >> 32);
}

/* Whether a slot's name is (u, n), ignoring case as sf_u16_caseeq. */
static int
slot_is(const set_slot *sl, const uint16_t *u, size_t n)
{
	const uint8_t	*b;
	size_t		 i;
	uint16_t	 x;

	if ((sl->n & ~SET_NARROW) != n)
		return 0;
	if (!(sl->n & SET_NARROW))
		return sf_u16_caseeq(sl->u, n, u, n);
	b = sl->u;
	for (i = 0; i < n; i++) {
		x = b[i];
		if (x != u[i] && sf_u16_upper(x) != sf_u16_upper(u[i]))
			return 0;
	}
	return 1;
}

/* The name's copy in the scan's arena, narrow when it can be. */
static const void *
keep_name(scan *sc, const uint16_t *u, size_t n, uint32_t *flag)
{
	uint8_t		*b;
	uint16_t	*w;
	size_t		 i;

	for (i = 0; i < n && u[i] < 0x100; i++)
		;
	*flag = 0;
	if (i == n) {
		if ((b = sf_arena_calloc(&sc->set_names, n + 1, 1)) == NULL)
			return NULL;
		for (i = 0; i < n; i++)
			b[i] = (uint8_t)u[i];
		*flag = SET_NARROW;
		return b;
	}
	if ((w = sf_arena_calloc(&sc->set_names, n + 1, sizeof(*w))) == NULL)
		return NULL;
	memcpy(w, u, n * sizeof(*w));
	return w;
}

/* Whether two slots hold one name, ignoring case as slot_is. */
static int
slot_eq(const set_slot *a, const set_slot *b)
{
	const uint8_t	*x = a->u, *y = b->u;
	size_t		 i;

	if (!(a->n & SET_NARROW))
		return slot_is(b, a->u, a->n);
	if (!(b->n & SET_NARROW))
		return slot_is(a, b->u, b->n);
	if (a->n != b->n)
		return 0;
	for (i = 0; i < (a->n & ~SET_NARROW); i++)
		if (x[i] != y[i] && sf_u16_upper(x[i]) != sf_u16_upper(y[i]))
			return 0;
	return 1;
}

/* Puts a name into the table, unless it is there already. */
static int
set_insert(set_cache *c, const set_slot *sl)
{
	size_t	    i, ncap, s;
	set_slot   *ns;

	/* At most three quarters full: probes stay short, and a set of
	 * 150,000 ports fits 256k slots rather than 512k. */
	if (c->n + 1 > c->cap / 4 * 3) {
		ncap = c->cap ? c->cap * 2 : 64;
		/* The ports of a bloated server: 256k slots, 4 MB. */
		if (ncap > SIZE_MAX / sizeof(*ns) || (ns = sf_alloc_large(ncap *
		    sizeof(*ns), 1)) == NULL)
			return -1;
		for (i = 0; i < c->cap; i++) {
			if (c->slot[i].u == NULL)
				continue;
			s = c->slot[i].h & (ncap - 1);
			while (ns[s].u != NULL)
				s = (s + 1) & (ncap - 1);
			ns[s] = c->slot[i];
		}
		free(c->slot);
		c->slot = ns;
		c->cap = ncap;
	}
	s = sl->h & (c->cap - 1);
	while (c->slot[s].u != NULL) {
		if (c->slot[s].h == sl->h && slot_eq(&c->slot[s], sl))
			return 0;
		s = (s + 1) & (c->cap - 1);
	}
	c->slot[s] = *sl;
	c->n++;
	return 0;
}

/* Puts every name still waiting into the table, oldest first. */
static int
set_flush(set_cache *c)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < c->npend; i++)
		if (set_insert(c, &c->pend[(c->pfirst + i) % SET_PENDING]) ==
		    -1)
			rc = -1;
	c->npend = 0;
	c->pfirst = 0;
	return rc;
}

/*
 * A name joins the set in two steps: copied and hashed now, put into
 * the table SET_PENDING names later, when the slot it probes first has
 * been fetched (a hint, where the compiler has one).  The table of
 * every port of a bloated server is 4 MB probed at random: each insert
 * waited for memory, and that was most of the time the set took.  The
 * copy is made now, as the key the name lies in may be unloaded once
 * the walk passes it; a name already in the set wastes its copy in the
 * arena, which lives as long as the set.
 */
static int
set_add(scan *sc, set_cache *c, const uint16_t *u, size_t n)
{
	set_slot    sl;
	uint32_t    narrow;

	if (n >= SET_NARROW)
		return -1;	/* past any name or data a hive holds */
	sl.h = set_hash(u, n);
	if ((sl.u = keep_name(sc, u, n, &narrow)) == NULL)
		return -1;
	sl.n = (uint32_t)n | narrow;
	/* A ring: the oldest name goes in, the new one takes its place. */
	if (c->npend == SET_PENDING) {
		if (set_insert(c, &c->pend[c->pfirst]) == -1)
			return -1;
		c->pend[c->pfirst] = sl;
		c->pfirst = (c->pfirst + 1) % SET_PENDING;
	} else
		c->pend[(c->pfirst + c->npend++) % SET_PENDING] = sl;
#if defined(__GNUC__) || defined(__clang__)
	if (c->cap > 0)
		__builtin_prefetch(&c->slot[sl.h & (c->cap - 1)], 1);
#endif
	return 0;
}

static int
set_has(const set_cache *c, const uint16_t *u, size_t n)
{
	uint32_t h;
	size_t	 s;

	if (c->cap == 0)
		return 0;
	h = set_hash(u, n);
	s = h & (c->cap - 1);
	while (c->slot[s].u != NULL) {
		if (c->slot[s].h == h && slot_is(&c->slot[s], u, n))
			return 1;
		s = (s + 1) & (c->cap - 1);
	}
	return 0;
}

typedef struct build {
	scan		*sc;
	set_cache	*c;
	const set_src	*src;
} build;

/* Adds one item without the spaces around it; empty items are skipped. */
static void
add_item(build *b, const uint16_t *u, size_t n)
{
	while (n > 0 && (u[0] == ' ' || u[0] == '\t')) {
		u++;
		n--;
	}
	while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t'))
		n--;
	if (n > 0 && set_add(b->sc, b->c, u, n) == -1)
		b->sc->oom = 1;
}

static void
add_split(build *b, const uint16_t *u, size_t n)
{
	const set_src *s = b->src;
	size_t	 i, start = 0;

	if (s->split == NULL) {
		add_item(b, u, n);
		return;
	}
	for (i = 0; i + s->splitlen <= n; i++)
		if (memcmp(u + i, s->split, s->splitlen * sizeof(*u)) == 0) {
			add_item(b, u + start, i - start);
			start = i + s->splitlen;
			i = start - 1;
		}
	add_item(b, u + start, n - start);
}

static void
add_multi(build *b, const uint8_t *d, size_t bytes)
{
	uint16_t *u;
	size_t	  i, n = bytes / 2;

	if (n == 0)
		return;
	if ((u = sf_calloc(n + 1, sizeof(*u))) == NULL) {
		b->sc->oom = 1;
		return;
	}
	for (i = 0; i < n; i++)
		u[i] = sf_le16(d + 2 * i);
	add_split(b, u, n);
	free(u);
}

static int
collect(void *arg, sf_hive *h, sf_key *k, int noncurrent)
{
	build		*b = arg;
	const sf_value	*v;
	uint16_t	*u;
	size_t		 i, n;

	(void)noncurrent;
	switch (b->src->kind) {
	case SS_KEYS:
		if (set_add(b->sc, b->c, k->name, k->name_len) == -1)
			b->sc->oom = 1;
		break;
	case SS_VALUES:
		if (sf_key_values(h, k) != SF_OK)
			break;
		for (i = 0; i < k->nval; i++)
			if (set_add(b->sc, b->c, k->val[i].name,
			    k->val[i].name_len) == -1)
				b->sc->oom = 1;
		break;
	case SS_DATA:
		v = sf_key_value(h, k, b->src->value, b->src->valuelen);
		if (v != NULL && v->type == SF_REG_MULTI_SZ) {
			size_t start = 0, j;

			/* REG_MULTI_SZ: each string is an item. */
			for (j = 0; j + 1 < v->size; j += 2)
				if (sf_le16(v->data + j) == 0) {
					add_multi(b, v->data + start, j - start);
					start = j + 2;
				}
			if (start + 1 < v->size)
				add_multi(b, v->data + start, v->size - start);
			break;
		}
		if (v == NULL || (u = sf_value_string(v, &n)) == NULL)
			break;
		add_split(b, u, n);
		free(u);
		break;
	case SS_ITEMS:		/* added by build_set, not walked */
		break;
	}
	return b->sc->oom;
}

static void
build_set(scan *sc, const set_def *def, set_cache *c, int release)
{
	build		 b;
	const char	*why;
	size_t		 i;

	c->built = 1;
	b.sc = sc;
	b.c = c;
	for (i = 0; i < def->nsrc; i++) {
		b.src = &def->src[i];
		if (b.src->kind == SS_ITEMS) {
			size_t j;

			for (j = 0; j < b.src->nitem; j++)
				if (set_add(sc, c, b.src->item[j],
				    b.src->itemlen[j]) == -1)
					sc->oom = 1;
			continue;
		}
		why = release ? walk_scope(sc, def->src[i].path, 0, collect,
		    &b) : walk_pattern(sc, def->src[i].path, NULL, NULL, 0,
		    collect, &b);
		if (why != NULL && c->why == NULL) {
			sf_buf buf;

			sf_buf_init(&buf);
			sf_buf_printf(&buf, "the set '%s' is incomplete: %s",
			    def->name, why);
			/* Without its reason it would pass for complete. */
			if ((c->why = sf_buf_take(&buf)) == NULL)
				sc->oom = 1;
		}
	}
	if (set_flush(c) == -1)
		sc->oom = 1;
}

tri
set_member(ctx *cx, const set_def *def, const uint16_t *u, size_t n)
{
	scan		*sc = cx->sc;
	set_cache	*c = &sc->sets[def->index];
	size_t		 i;
	char		*item;

	/*
	 * A set is built once per scan for every rule that uses it, so its
	 * walk is not charged to the object that happens to ask first; it
	 * is bounded by the walk itself (walk.c).
	 */
	/* Another thread's sets are only read (scan_split.c). */
	if (!c->built && sc->part != 0) {
		sc->split_failed = 1;
		return TRI_U;
	}
	if (!c->built) {
		int metered = sc->metered;

		sc->metered = 0;
		build_set(sc, def, c, 0);
		sc->metered = metered;
	}
	if (set_has(c, u, n))
		return TRI_T;
	for (i = 0; i < def->next; i++)
		switch (sf_regex_search(def->ext[i].re, u, n)) {
		case 1:
			if ((item = sf_u16_to_display(u, n)) == NULL) {
				sc->oom = 1;
				return TRI_U;
			}
			ctx_unknown(cx, "\"%s\" %s", item,
			    def->ext[i].reason);
			free(item);
			return TRI_U;
		case -1:	/* out of memory: no answer */
			sc->oom = 1;
			return TRI_U;
		}
	if (c->why != NULL) {
		ctx_unknown(cx, "%s", c->why);
		return TRI_U;
	}
	return TRI_F;
}

/* Marks the sets an expression tests membership of. */
static void
mark_used(const expr *e, unsigned char *used)
{
	for (; e != NULL; e = e->b) {
		if (e->kind == EX_IN_SET && e->set != NULL)
			used[e->set->index] = 1;
		mark_used(e->a, used);
	}
}

/*
 * Builds every set an enabled rule tests before any rule runs, with
 * walks that unload the keys they pass (walk_scope).  Built on first
 * use instead, a set's walk runs inside an evaluation, which may hold
 * pointers into the tree, so it must keep every key it loads: the
 * ports of a bloated server, all at once, beside the findings.  Only
 * when every hive is sound (a damaged one records its problems as keys
 * load, and building earlier would change their order) and one is big
 * enough to be unloaded at all (hive.h, unload_ok).
 */
void
sets_prebuild(scan *sc)
{
	const struct sf_rule	*r;
	unsigned char		*used;
	size_t			 i, j;
	int			 any = 0;

	for (i = 0; i < sc->m->nhive; i++) {
		if (sc->m->hive[i]->corrupt)
			return;
		any |= sc->m->hive[i]->unload_ok;
	}
	if (sc->rules->nset == 0) {
		sc->sets_ready = 1;
		return;
	}
	/* Nothing would be unloaded: built on first use, as needed. */
	if (!any)
		return;
	if ((used = calloc(sc->rules->nset, 1)) == NULL) {
		sc->oom = 1;
		return;
	}
	for (i = 0; i < sc->rules->nrule; i++) {
		r = sc->rules->rule[i];
		if (!r->enabled)
			continue;
		mark_used(r->when, used);
		for (j = 0; j < r->nfixes; j++)
			mark_used(r->fixes[j].cond, used);
	}
	for (i = 0; i < sc->rules->nset && !sc->oom; i++)
		if (used[i] && !sc->sets[i].built)
			build_set(sc, sc->rules->set[i], &sc->sets[i], 1);
	free(used);
	sc->sets_ready = !sc->oom;
}

void
sets_free(scan *sc)
{
	size_t i;

	if (sc->sets == NULL || sc->sets_borrowed)
		return;
	for (i = 0; i < sc->rules->nset; i++) {
		free(sc->sets[i].slot);
		free(sc->sets[i].why);
	}
	free(sc->sets);
	sc->sets = NULL;
	sf_arena_free(&sc->set_names);
}
