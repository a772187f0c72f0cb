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
 * Matching path patterns against the machine view.  Literal names go
 * straight to the child (hashed when a key has many), wildcards visit
 * the children, so a scan only loads the keys its rules reach.
 * CurrentControlSet is the control set Select\Current names; on request
 * the other control sets are walked too, flagged as non-current.
 *
 * A pattern with "**" twice, or ".." after a wildcard, can reach one key
 * at one point of the pattern along many routes: "**\a\**\a\**\a"
 * reaches a deep key once per way of splitting its path, and "*\..\*\.."
 * once per child at every step, which grows exponentially with the
 * length of the pattern.  For such patterns the walk remembers which
 * (key, pattern position) states it has visited and visits each once, so
 * it costs at most keys x segments, and each key is matched once.  Walks
 * made while evaluating a condition also count every visit against the
 * evaluation budget (scan.h).
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

int
walk_is_wild(const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] == '*' || u[i] == '?')
			return 1;
	return 0;
}

/* A visited state: a key, a position in the pattern, how it was reached. */
typedef struct state {
	const sf_key	*k;
	const seg	*s;
	int		 deep;		/* in walk_deep rather than walk_from */
	int		 noncurrent;
} state;

typedef struct walk {
	scan		*sc;
	walk_fn		*fn;
	void		*arg;
	const char	*why;
	int		 noncurrent;
	int		 stop;
	int		 dedupe;	/* the pattern can revisit states */
	int		 release;	/* unloads the keys it is done with */
	state		*seen;		/* open addressing, NULL k = free */
	size_t		 cap, nseen;
} walk;

static size_t
state_hash(const state *st, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)st->k * 0x9E3779B97F4A7C15ULL;

	h ^= (uint64_t)(uintptr_t)st->s * 0xC2B2AE3D27D4EB4FULL;
	h ^= (uint64_t)(st->deep * 2 + st->noncurrent);
	h ^= h >> 29;
	return (size_t)h & (cap - 1);
}

static int
state_eq(const state *a, const state *b)
{
	return a->k == b->k && a->s == b->s && a->deep == b->deep &&
	    a->noncurrent == b->noncurrent;
}

/*
 * Returns 1 when the state was visited before (or memory ran out, which
 * stops the walk), else records it and returns 0.
 */
static int
seen(walk *w, const sf_key *k, const seg *s, int deep)
{
	state	 st, *ns;
	size_t	 i, j, ncap;

	if (!w->dedupe)
		return 0;
	st.k = k;
	st.s = s;
	st.deep = deep;
	st.noncurrent = w->noncurrent;
	if (w->nseen * 2 >= w->cap) {
		ncap = w->cap ? w->cap * 2 : 256;
		if ((ns = sf_calloc(ncap, sizeof(*ns))) == NULL) {
			w->sc->oom = 1;
			return 1;
		}
		for (i = 0; i < w->cap; i++) {
			if (w->seen[i].k == NULL)
				continue;
			j = state_hash(&w->seen[i], ncap);
			while (ns[j].k != NULL)
				j = (j + 1) & (ncap - 1);
			ns[j] = w->seen[i];
		}
		free(w->seen);
		w->seen = ns;
		w->cap = ncap;
	}
	for (i = state_hash(&st, w->cap); w->seen[i].k != NULL;
	    i = (i + 1) & (w->cap - 1))
		if (state_eq(&w->seen[i], &st))
			return 1;
	w->seen[i] = st;
	w->nseen++;
	return 0;
}

/* Whether two routes through the pattern can lead to the same state. */
static int
needs_dedupe(const pattern *p)
{
	size_t	i, deep = 0;
	int	branched = 0;

	for (i = 0; i < p->nseg; i++) {
		switch (p->seg[i].kind) {
		case SEG_DEEP:
			if (++deep > 1)
				return 1;
			branched = 1;
			break;
		case SEG_UP:
			if (branched)
				return 1;
			break;
		case SEG_LIT:
			/* {env} may expand to a wildcard; a plain name
			 * with one is matched as a glob below. */
			if (p->seg[i].has_env || walk_is_wild(p->seg[i].u,
			    p->seg[i].len))
				branched = 1;
			break;
		default:
			branched = 1;
			break;
		}
	}
	return 0;
}

/* Replaces {env} in a segment; NULL when the environment is unknown. */
uint16_t *
walk_subst_env(scan *sc, const seg *s, size_t *len)
{
	sf_u16buf b;
	size_t	  i;

	if (sc->envu == NULL)
		return NULL;
	sf_u16buf_init(&b);
	for (i = 0; i < s->len; i++) {
		if (i + 5 <= s->len && s->u[i] == '{' && s->u[i + 1] == 'e' &&
		    s->u[i + 2] == 'n' && s->u[i + 3] == 'v' &&
		    s->u[i + 4] == '}') {
			sf_u16buf_add(&b, sc->envu, sc->envlen);
			i += 4;
		} else
			sf_u16buf_addc(&b, s->u[i]);
	}
	if (b.oom) {
		sc->oom = 1;
		sf_u16buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.u;
}

static void walk_from(walk *, sf_hive *, sf_key *, const seg *, size_t);

/*
 * A walk that only descends has passed a child for good once it returns
 * from it: nothing below it is visited again, and no frame of the walk
 * points below it.  A releasing walk (walk_scope) then unloads it.
 */
static void
done_with(walk *w, sf_hive *h, sf_key *k)
{
	if (w->release)
		sf_key_unload(h, k);
}

static void walk_deep(walk *, sf_hive *, sf_key *, const seg *, size_t);

/* A child handed over by sf_key_stream, for visit_children or walk_deep. */
typedef struct stream_arg {
	walk		*w;
	const uint16_t	*pat;
	size_t		 plen;
	int		 any, deep;
	const seg	*rest;
	size_t		 nrest;
} stream_arg;

static int
stream_one(void *arg, sf_hive *h, sf_key *c)
{
	stream_arg *a = arg;

	if (a->deep)
		walk_deep(a->w, h, c, a->rest, a->nrest);
	else if (a->any || glob_match(a->pat, a->plen, c->name, c->name_len))
		walk_from(a->w, h, c, a->rest, a->nrest);
	return a->w->stop || a->w->sc->oom;
}

/*
 * A releasing walk takes a key's subkeys one at a time when it can
 * (sf_key_stream), so that a list of 100,000s of ports is never held
 * whole; 1 when it did.
 */
static int
streamed(walk *w, sf_hive *h, sf_key *k, const uint16_t *pat, size_t plen,
    int any, int deep, const seg *rest, size_t nrest)
{
	stream_arg	 a;
	int		 done;

	if (!w->release)
		return 0;
	a.w = w;
	a.pat = pat;
	a.plen = plen;
	a.any = any;
	a.deep = deep;
	a.rest = rest;
	a.nrest = nrest;
	if (sf_key_stream(h, k, stream_one, &a, &done) == SF_ERR_NOMEM)
		w->sc->oom = 1;
	return done;
}

static void
visit_children(walk *w, sf_hive *h, sf_key *k, const uint16_t *pat,
    size_t plen, int any, const seg *rest, size_t nrest)
{
	size_t i;

	if (streamed(w, h, k, pat, plen, any, 0, rest, nrest))
		return;
	if (sf_key_children(h, k) == SF_ERR_NOMEM) {
		w->sc->oom = 1;
		return;
	}
	for (i = 0; i < k->nchild && !w->stop; i++)
		if (any || glob_match(pat, plen, k->child[i]->name,
		    k->child[i]->name_len)) {
			walk_from(w, h, k->child[i], rest, nrest);
			done_with(w, h, k->child[i]);
		}
}

static void
walk_deep(walk *w, sf_hive *h, sf_key *k, const seg *rest, size_t nrest)
{
	size_t i;

	if (w->stop || w->sc->oom || scan_step(w->sc)) {
		w->stop = 1;
		return;
	}
	if (seen(w, k, rest, 1))
		return;
	walk_from(w, h, k, rest, nrest);
	if (!w->stop && streamed(w, h, k, NULL, 0, 1, 1, rest, nrest))
		return;
	if (sf_key_children(h, k) == SF_ERR_NOMEM) {
		w->sc->oom = 1;
		return;
	}
	for (i = 0; i < k->nchild && !w->stop; i++) {
		walk_deep(w, h, k->child[i], rest, nrest);
		done_with(w, h, k->child[i]);
	}
}

static void
walk_from(walk *w, sf_hive *h, sf_key *k, const seg *s, size_t n)
{
	uint16_t *sub = NULL;
	const uint16_t *u;
	size_t	  len;
	sf_key	 *c;

	if (w->stop || w->sc->oom)
		return;
	if (scan_step(w->sc)) {
		w->stop = 1;
		return;
	}
	if (seen(w, k, s, 0))
		return;
	if (n == 0) {
		if (w->fn(w->arg, h, k, w->noncurrent) != 0)
			w->stop = 1;
		return;
	}
	u = s->u;
	len = s->len;
	if (s->has_env) {
		if ((sub = walk_subst_env(w->sc, s, &len)) == NULL) {
			w->why = "the machine's print environment is unknown";
			return;
		}
		u = sub;
	}
	switch (s->kind) {
	case SEG_DEEP:
		walk_deep(w, h, k, s + 1, n - 1);
		break;
	case SEG_ANY:
		visit_children(w, h, k, NULL, 0, 1, s + 1, n - 1);
		break;
	case SEG_UP:
		if (k->parent != NULL)
			walk_from(w, h, k->parent, s + 1, n - 1);
		break;
	default:
		if (s->kind == SEG_GLOB || walk_is_wild(u, len))
			visit_children(w, h, k, u, len, 0, s + 1, n - 1);
		else if ((c = sf_key_child(h, k, u, len)) != NULL) {
			walk_from(w, h, c, s + 1, n - 1);
			done_with(w, h, c);
		}
		break;
	}
	free(sub);
}

int
walk_is_ccs(const seg *s)
{
	return s->kind == SEG_LIT && sf_u16_caseeq_ascii(s->u, s->len,
	    "CurrentControlSet");
}

static void
walk_system(walk *w, const pattern *p, int others)
{
	sf_hive	*h = sf_machine_kind(w->sc->m, SF_HIVE_SYSTEM);
	size_t	 i;
	sf_key	*c;

	if (h == NULL) {
		w->why = "the SYSTEM hive was not given";
		return;
	}
	if (p->nseg == 0 || !walk_is_ccs(&p->seg[0])) {
		walk_from(w, h, h->root, p->seg, p->nseg);
		return;
	}
	if (h->ccs == NULL) {
		w->why = "the SYSTEM hive's current control set is unknown";
		return;
	}
	walk_from(w, h, h->ccs, p->seg + 1, p->nseg - 1);
	if (!others)
		return;
	for (i = 0; i < h->root->nchild && !w->stop; i++) {
		c = h->root->child[i];
		if (c == h->ccs || !machine_is_control_set(c))
			continue;
		w->noncurrent = 1;
		walk_from(w, h, c, p->seg + 1, p->nseg - 1);
		w->noncurrent = 0;
	}
}

static void
walk_users(walk *w, const pattern *p)
{
	sf_machine *m = w->sc->m;
	size_t	    i, ulen;
	uint16_t   *u;
	sf_hive	   *h;

	for (i = 0; i < m->nhive && !w->stop; i++) {
		h = m->hive[i];
		if (h->mount == NULL || strncmp(h->mount, "HKU\\", 4) != 0)
			continue;
		if ((u = sf_u16_from_utf8(h->mount + 4, &ulen)) == NULL) {
			w->sc->oom = 1;
			return;
		}
		if (p->user.kind == SEG_ANY || glob_match(p->user.u,
		    p->user.len, u, ulen))
			walk_from(w, h, h->root, p->seg, p->nseg);
		free(u);
	}
}

/* Whether the pattern only goes down: no "..". */
static int
descends(const pattern *p)
{
	size_t i;

	for (i = 0; i < p->nseg; i++)
		if (p->seg[i].kind == SEG_UP)
			return 0;
	return 1;
}

int
walk_combinable(const pattern *p)
{
	size_t i;

	if (p->root == ROOT_RELATIVE || needs_dedupe(p) || !descends(p))
		return 0;
	for (i = 0; i + 1 < p->nseg; i++)
		if (p->seg[i].kind == SEG_DEEP)
			return 0;
	return 1;
}

static const char *
walk_any(scan *sc, const pattern *p, sf_hive *from_hive, sf_key *from,
    int others, walk_fn *fn, void *arg, int release)
{
	walk	 w;
	sf_hive *h;

	memset(&w, 0, sizeof(w));
	w.sc = sc;
	w.fn = fn;
	w.arg = arg;
	w.dedupe = needs_dedupe(p);
	/* The dedupe table holds key pointers; ".." returns to keys. */
	w.release = release && !w.dedupe && descends(p);
	switch (p->root) {
	case ROOT_RELATIVE:
		if (from != NULL)
			walk_from(&w, from_hive, from, p->seg, p->nseg);
		break;
	case ROOT_SYSTEM:
		walk_system(&w, p, others);
		break;
	case ROOT_SOFTWARE:
		if ((h = sf_machine_kind(sc->m, SF_HIVE_SOFTWARE)) == NULL)
			w.why = "the SOFTWARE hive was not given";
		else
			walk_from(&w, h, h->root, p->seg, p->nseg);
		break;
	case ROOT_USERS:
		walk_users(&w, p);
		break;
	}
	free(w.seen);
	return w.why;
}

const char *
walk_pattern(scan *sc, const pattern *p, sf_hive *from_hive, sf_key *from,
    int others, walk_fn *fn, void *arg)
{
	return walk_any(sc, p, from_hive, from, others, fn, arg, 0);
}

const char *
walk_scope(scan *sc, const pattern *p, int others, walk_fn *fn, void *arg)
{
	return walk_any(sc, p, NULL, NULL, others, fn, arg, 1);
}
