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
 * One walk of each hive for many rule scopes.  Walked one scope at a
 * time, the generic checks of every value under Print, the LPR port
 * rules and the Standard TCP/IP port rules would each make, read and
 * unload the same 100,000s of keys.  Here every scope that can share a
 * walk (walk_combinable) moves through the tree together: a key carries
 * the list of (scope, position in its pattern) states that reached it,
 * is read once, evaluated for every scope it completes, and its
 * children are visited once, each with the states that move on to it.
 *
 * Each scope still sees its keys in the order of its own walk.  The
 * shareable patterns only go down and have "**" at most at their end,
 * so a scope's keys come in the order of their paths as child positions
 * (the lists' order), which is the order of a depth-first walk that
 * visits a key before its subkeys.  A name without wildcards goes to
 * the first child of that name ignoring case, as sf_key_child does; a
 * damaged list can hold two.  Scopes of different rules interleave, and
 * scan.c puts findings and notes back in rule and scope order.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

/* One scope's place in its pattern at a key. */
typedef struct cstate {
	uint32_t	 job;
	uint32_t	 pos;		/* the next segment to match */
} cstate;

/* What a state asks of the children of the key it is at. */
typedef enum want { W_NONE, W_DEEP, W_ANY, W_GLOB, W_LIT } want;

typedef struct req {
	want		 w;
	cstate		 st;
	const uint16_t	*u;
	size_t		 len;
	uint16_t	*own;		/* {env} replaced */
	int		 found;		/* W_LIT: its child was met */
} req;

typedef struct cwalk {
	scan		*sc;
	scope_job	*job;
	size_t		 njob;
	cstate		*st;		/* a stack: each frame's states */
	size_t		 nst, cap;
	int		 noncurrent;
	int		 stop;
	int		 owned;		/* below a child of a split list */
} cwalk;

static void visit_key(cwalk *, sf_hive *, sf_key *, size_t, size_t);

static int
push(cwalk *w, cstate s)
{
	cstate	*ns;
	size_t	 ncap;

	if (w->nst == w->cap) {
		ncap = w->cap ? w->cap * 2 : 64;
		if ((ns = sf_reallocarray(w->st, ncap, sizeof(*ns))) == NULL) {
			w->sc->oom = 1;
			w->stop = 1;
			return -1;
		}
		w->st = ns;
		w->cap = ncap;
	}
	w->st[w->nst++] = s;
	return 0;
}

/* What the state at this key wants next; W_NONE when it stops here. */
static want
classify(cwalk *w, cstate s, req *r)
{
	scope_job	*j = &w->job[s.job];
	const seg	*g;

	memset(r, 0, sizeof(*r));
	r->st = s;
	if (s.pos >= j->p->nseg)
		return r->w = W_NONE;
	g = &j->p->seg[s.pos];
	if (g->kind == SEG_DEEP)
		return r->w = W_DEEP;
	if (g->kind == SEG_ANY)
		return r->w = W_ANY;
	r->u = g->u;
	r->len = g->len;
	if (g->has_env) {
		if ((r->own = walk_subst_env(w->sc, g, &r->len)) == NULL) {
			j->why = "the machine's print environment is unknown";
			return r->w = W_NONE;
		}
		r->u = r->own;
	}
	return r->w = (g->kind == SEG_GLOB || walk_is_wild(r->u, r->len)) ?
	    W_GLOB : W_LIT;
}

/* The child a state moves on to gets the state's next position. */
static cstate
next_of(const req *r)
{
	cstate s = r->st;

	if (r->w != W_DEEP)
		s.pos++;
	return s;
}

/* A child of a key whose children are listed (wildcards, "**"). */
typedef struct kids {
	cwalk		*w;
	req		*r;
	size_t		 nr;
	int		 visited;	/* the last child was */
	int		 split;		/* the list is split between threads */
	uint32_t	 nsplit;	/* its place among the split lists */
	uint32_t	 at;		/* the next child's place in the list */
	uint32_t	 begin, end;	/* the chunk of it this thread has */
} kids;

/*
 * In a walk made by two threads (scan.h, part), the first big list each
 * meets on a path is split: its children go to the threads a chunk at a
 * time (split.c), and all below a child is its thread's alone.
 * Elsewhere both walk the same keys and only the first evaluates rules
 * on them.  Both threads meet the same lists in the same order (the
 * same tree, the same scopes), so 'at' and nsplit count the same for
 * both.
 */
static int
splits(const cwalk *w, const sf_hive *h, const sf_key *k)
{
	return w->sc->part != 0 && !w->owned &&
	    sf_key_declared_subkeys(h, k) >= w->sc->split_min;
}

/*
 * Whether the child at 'at' of the n-th split list is this thread's
 * (scan.h, split_claims): a->begin and a->end are the chunk it has.
 */
static int
owns(scan *sc, kids *a, uint32_t at)
{
	uint32_t c, chunk = sc->claims->chunk;

	if (a->nsplit >= SPLIT_SLOTS)
		return (at / chunk) % 2 == (uint32_t)sc->part - 1;
	/*
	 * Past its chunk, a thread takes the next one not taken yet: the
	 * other thread has the chunks between (chunks go out in order, and
	 * this one was at its own chunk's end, so the next is not behind).
	 */
	if (at >= a->end) {
		c = atomic_fetch_add_explicit(&sc->claims->next[a->nsplit], 1,
		    memory_order_relaxed);
		a->begin = c > UINT32_MAX / chunk ? UINT32_MAX : c * chunk;
		a->end = a->begin > UINT32_MAX - chunk ? UINT32_MAX :
		    a->begin + chunk;
	}
	return at >= a->begin && at < a->end;
}

static int
one_child(void *arg, sf_hive *h, sf_key *c)
{
	kids	*a = arg;
	cwalk	*w = a->w;
	req	*r;
	size_t	 base = w->nst, i;
	uint32_t at = a->at++;
	int	 take;

	a->visited = 0;
	if (a->split && !owns(w->sc, a, at))
		return w->stop || w->sc->oom;	/* the other thread's */
	for (i = 0; i < a->nr && !w->stop; i++) {
		r = &a->r[i];
		switch (r->w) {
		case W_DEEP:
		case W_ANY:
			take = 1;
			break;
		case W_GLOB:
			take = glob_match(r->u, r->len, c->name, c->name_len);
			break;
		case W_LIT:
			take = !r->found && sf_u16_caseeq(c->name, c->name_len,
			    r->u, r->len);
			r->found |= take;
			break;
		default:
			take = 0;
			break;
		}
		if (take && push(w, next_of(r)) == -1)
			break;
	}
	a->visited = w->nst > base && !w->stop;
	if (a->visited && a->split) {
		w->owned = 1;
		w->sc->at = (w->sc->at & ~(uint64_t)UINT32_MAX) | at;
		visit_key(w, h, c, base, w->nst - base);
		w->sc->at &= ~(uint64_t)UINT32_MAX;
		w->owned = 0;
	} else if (a->visited)
		visit_key(w, h, c, base, w->nst - base);
	w->nst = base;
	return w->stop || w->sc->oom;
}

/* Lists the children once for every state, streamed when it may be. */
static void
list_children(cwalk *w, sf_hive *h, sf_key *k, req *r, size_t nr)
{
	kids	 a;
	size_t	 i;
	int	 done = 0;

	a.w = w;
	a.r = r;
	a.nr = nr;
	a.visited = 0;
	a.at = a.begin = a.end = 0;
	/* Begun and ended: the list's place among split lists, in 'at'. */
	if ((a.split = splits(w, h, k))) {
		w->sc->at += (uint64_t)1 << 32;
		a.nsplit = w->sc->nsplit++;
	}
	if (sf_key_stream(h, k, one_child, &a, &done) == SF_ERR_NOMEM) {
		w->sc->oom = 1;
		w->stop = 1;
	}
	if (!done && !w->stop && sf_key_children(h, k) == SF_ERR_NOMEM) {
		w->sc->oom = 1;
		w->stop = 1;
	}
	for (i = 0; !done && i < k->nchild && !w->stop; i++) {
		one_child(&a, h, k->child[i]);
		/* Passed for good: only a visited child loaded more. */
		if (a.visited)
			sf_key_unload(h, k->child[i]);
	}
	if (a.split)
		w->sc->at += (uint64_t)1 << 32;
}

/* Goes to each named child once, with every state that names it. */
static void
named_children(cwalk *w, sf_hive *h, sf_key *k, req *r, size_t nr)
{
	size_t	 i, j, base;
	sf_key	*c;

	for (i = 0; i < nr && !w->stop; i++) {
		if (r[i].w != W_LIT || r[i].found)
			continue;
		base = w->nst;
		for (j = i; j < nr; j++)
			if (r[j].w == W_LIT && !r[j].found &&
			    sf_u16_caseeq(r[j].u, r[j].len, r[i].u, r[i].len)) {
				r[j].found = 1;
				if (push(w, next_of(&r[j])) == -1)
					return;
			}
		if ((c = sf_key_child(h, k, r[i].u, r[i].len)) != NULL) {
			visit_key(w, h, c, base, w->nst - base);
			sf_key_unload(h, c);
		}
		w->nst = base;
	}
}

#define SMALL_REQ	8

/* The states st[base, base + n) have reached k. */
static void
visit_key(cwalk *w, sf_hive *h, sf_key *k, size_t base, size_t n)
{
	req		 small[SMALL_REQ], *r = small;
	scope_job	*j;
	size_t		 i, nr = 0;
	int		 list = 0;

	if (n > SMALL_REQ && (r = sf_reallocarray(NULL, n, sizeof(*r))) ==
	    NULL) {
		w->sc->oom = 1;
		w->stop = 1;
		return;
	}
	for (i = 0; i < n && !w->stop; i++) {
		j = &w->job[w->st[base + i].job];
		/*
		 * A pattern ends here, or "**" takes this key too.  Of two
		 * threads, the second evaluates only below split lists.
		 */
		if ((w->st[base + i].pos >= j->p->nseg ||
		    j->p->seg[w->st[base + i].pos].kind == SEG_DEEP) &&
		    (w->sc->part != 2 || w->owned) &&
		    j->fn(j->arg, h, k, w->noncurrent) != 0)
			w->stop = 1;
	}
	for (i = 0; i < n && !w->stop; i++)
		if (classify(w, w->st[base + i], &r[nr]) != W_NONE) {
			list |= r[nr].w != W_LIT;
			nr++;
		}
	if (nr > 0 && !w->stop) {
		if (list)
			list_children(w, h, k, r, nr);
		else
			named_children(w, h, k, r, nr);
	}
	for (i = 0; i < nr; i++)
		free(r[i].own);
	if (r != small)
		free(r);
}

typedef int pick_fn(const scope_job *, const void *);

/* Walks from k with the jobs 'pick' takes, each at segment 'pos'. */
static void
walk_with(cwalk *w, sf_hive *h, sf_key *k, pick_fn *pick, const void *arg,
    uint32_t pos)
{
	cstate	 s;
	size_t	 base = w->nst;

	for (s.job = 0; s.job < w->njob && !w->stop; s.job++) {
		s.pos = pos;
		if (pick(&w->job[s.job], arg) && push(w, s) == -1)
			return;
	}
	if (w->nst > base && !w->stop)
		visit_key(w, h, k, base, w->nst - base);
	w->nst = base;
}

static int
starts_ccs(const pattern *p)
{
	return p->nseg > 0 && walk_is_ccs(&p->seg[0]);
}

static int
pick_ccs(const scope_job *j, const void *arg)
{
	(void)arg;
	return j->p->root == ROOT_SYSTEM && starts_ccs(j->p);
}

static int
pick_system(const scope_job *j, const void *arg)
{
	(void)arg;
	return j->p->root == ROOT_SYSTEM && !starts_ccs(j->p);
}

static int
pick_software(const scope_job *j, const void *arg)
{
	(void)arg;
	return j->p->root == ROOT_SOFTWARE;
}

/* The profile name of a user hive, as its mount says it. */
typedef struct profile {
	const uint16_t	*u;
	size_t		 len;
} profile;

static int
pick_user(const scope_job *j, const void *arg)
{
	const profile *pr = arg;

	return j->p->root == ROOT_USERS && (j->p->user.kind == SEG_ANY ||
	    glob_match(j->p->user.u, j->p->user.len, pr->u, pr->len));
}

void
scope_walk(scan *sc, scope_job *job, size_t njob, int others)
{
	sf_hive		*sys = sf_machine_kind(sc->m, SF_HIVE_SYSTEM);
	sf_hive		*sw = sf_machine_kind(sc->m, SF_HIVE_SOFTWARE), *h;
	cwalk		 w;
	profile		 pr;
	uint16_t	*u;
	size_t		 i;

	for (i = 0; i < njob; i++) {
		if (job[i].p->root == ROOT_SYSTEM && sys == NULL)
			job[i].why = "the SYSTEM hive was not given";
		else if (pick_ccs(&job[i], NULL) && sys->ccs == NULL)
			job[i].why = "the SYSTEM hive's current control set "
			    "is unknown";
		else if (job[i].p->root == ROOT_SOFTWARE && sw == NULL)
			job[i].why = "the SOFTWARE hive was not given";
	}
	memset(&w, 0, sizeof(w));
	w.sc = sc;
	w.job = job;
	w.njob = njob;
	if (sys != NULL && sys->ccs != NULL) {
		walk_with(&w, sys, sys->ccs, pick_ccs, NULL, 1);
		for (i = 0; others && i < sys->root->nchild && !w.stop; i++) {
			if (sys->root->child[i] == sys->ccs ||
			    !machine_is_control_set(sys->root->child[i]))
				continue;
			w.noncurrent = 1;
			walk_with(&w, sys, sys->root->child[i], pick_ccs, NULL,
			    1);
			w.noncurrent = 0;
		}
	}
	if (sys != NULL && !w.stop)
		walk_with(&w, sys, sys->root, pick_system, NULL, 0);
	if (sw != NULL && !w.stop)
		walk_with(&w, sw, sw->root, pick_software, NULL, 0);
	for (i = 0; i < sc->m->nhive && !w.stop; i++) {
		h = sc->m->hive[i];
		if (h->mount == NULL || strncmp(h->mount, "HKU\\", 4) != 0)
			continue;
		if ((u = sf_u16_from_utf8(h->mount + 4, &pr.len)) == NULL) {
			sc->oom = 1;
			break;
		}
		pr.u = u;
		walk_with(&w, h, h->root, pick_user, &pr, 0);
		free(u);
	}
	free(w.st);
}
