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
 * Tests that several rules write alike, numbered once per rule set so
 * that a scan evaluates each at most once per object (eval.c).  The LPR
 * port rules are the reason: LPR-004 repeats LPR-001's tests of the
 * port's name and LPR-003's of its "Server Name" and "Printer Name", and
 * on a bloated print server they run on 100,000s of ports.
 *
 * A test is numbered when its answer depends on the object alone: a
 * leaf test (a comparison, "in", "matches", "has", "is", ...) over terms
 * that read the object's name, its key's name, its data, a value of its
 * key or an ancestor's name, literals, parameters and the environment,
 * never a path ("at", "exists") nor a list item, and outside quantifier
 * and "exists" bodies, where the object is another one.  Such a test
 * costs no step of the evaluation budget, so answering it from memory
 * changes no budget either.  Two tests are alike when they are the same
 * test of the same terms, unit for unit (so "Server Name" and "server
 * name" are two tests), with the same regular expression, set and
 * parameter objects.  Only tests written at least twice get a number:
 * one written once gains nothing from being remembered.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

/* Whether a term's value depends on the object alone (see above). */
static int
term_pure(const term *t)
{
	if (t == NULL)
		return 1;
	switch (t->kind) {
	case TM_ITEM:
		return 0;
	case TM_VALUE:
		return t->at == NULL;
	default:
		return term_pure(t->a) && term_pure(t->b);
	}
}

/* Whether e is a leaf test that may be remembered (see above). */
static int
test_pure(const expr *e)
{
	size_t i;

	switch (e->kind) {
	case EX_OR: case EX_AND: case EX_NOT: case EX_EXISTS_KEY:
	case EX_QUANT: case EX_COUNT: case EX_FACT: case EX_UNKNOWN:
		return 0;
	case EX_HAS_VALUE: case EX_HAS_SUBKEY:
		if (e->path != NULL)
			return 0;
		break;
	default:
		break;
	}
	if (!term_pure(e->t) || !term_pure(e->t2))
		return 0;
	for (i = 0; i < e->nlist; i++)
		if (!term_pure(e->list[i]))
			return 0;
	return 1;
}

static int
units_eq(const uint16_t *a, size_t an, const uint16_t *b, size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an * sizeof(*a)) == 0);
}

static int
term_eq(const term *a, const term *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return a->kind == b->kind && a->num == b->num && a->pdef == b->pdef &&
	    a->at == NULL && b->at == NULL &&
	    units_eq(a->u, a->ulen, b->u, b->ulen) &&
	    units_eq(a->u2, a->u2len, b->u2, b->u2len) &&
	    term_eq(a->a, b->a) && term_eq(a->b, b->b);
}

static int
test_eq(const expr *a, const expr *b)
{
	size_t i;

	if (a->kind != b->kind || a->op != b->op || a->nlist != b->nlist ||
	    a->set != b->set || a->re != b->re || a->classes != b->classes ||
	    a->preds != b->preds || a->path != NULL || b->path != NULL ||
	    !term_eq(a->t, b->t) || !term_eq(a->t2, b->t2))
		return 0;
	for (i = 0; i < a->nlist; i++)
		if (!term_eq(a->list[i], b->list[i]))
			return 0;
	return 1;
}

static uint64_t
mix(uint64_t h, uint64_t x)
{
	return (h ^ x) * 1099511628211ULL;
}

static uint64_t
term_hash(const term *t)
{
	uint64_t h = 1469598103934665603ULL;
	size_t	 i;

	if (t == NULL)
		return h;
	h = mix(h, (uint64_t)t->kind);
	h = mix(h, t->num);
	for (i = 0; i < t->ulen; i++)
		h = mix(h, t->u[i]);
	h = mix(h, term_hash(t->a));
	return mix(h, term_hash(t->b));
}

static uint64_t
test_hash(const expr *e)
{
	uint64_t h = 1469598103934665603ULL;
	size_t	 i;

	h = mix(h, (uint64_t)e->kind);
	h = mix(h, (uint64_t)e->op);
	h = mix(h, e->preds ^ ((uint64_t)e->classes << 32));
	h = mix(h, (uint64_t)(uintptr_t)e->re);
	h = mix(h, (uint64_t)(uintptr_t)e->set);
	h = mix(h, term_hash(e->t));
	h = mix(h, term_hash(e->t2));
	for (i = 0; i < e->nlist; i++)
		h = mix(h, term_hash(e->list[i]));
	return h;
}

/* The tests that may be remembered, gathered from every rule. */
typedef struct gather {
	expr	**e;
	size_t	  n, cap;
	int	  oom;
} gather;

static void
collect(gather *g, expr *e, unsigned depth)
{
	expr **ne;

	/* The parser bounds nesting; this keeps the walk bounded anyway. */
	if (e == NULL || depth > RULES_MAX_NESTING)
		return;
	e->memo = 0;
	switch (e->kind) {
	case EX_OR: case EX_AND: case EX_NOT:
		collect(g, e->a, depth + 1);
		collect(g, e->b, depth + 1);
		return;
	default:
		break;
	}
	if (!test_pure(e) || g->oom)
		return;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 64;
		if ((ne = sf_reallocarray(g->e, g->cap, sizeof(*ne))) ==
		    NULL) {
			g->oom = 1;
			return;
		}
		g->e = ne;
	}
	g->e[g->n++] = e;
}

void
rules_share_tests(struct sf_rules *r)
{
	gather	  g;
	size_t	 *slot = NULL, *first = NULL, *count = NULL, cap = 16, i, j,
		  h;
	uint32_t  next = 0;

	r->nmemo = 0;
	memset(&g, 0, sizeof(g));
	for (i = 0; i < r->nrule; i++) {
		collect(&g, r->rule[i]->when, 0);
		for (j = 0; j < r->rule[i]->nfixes; j++)
			collect(&g, r->rule[i]->fixes[j].cond, 0);
	}
	while (cap < 2 * g.n && cap < SIZE_MAX / 4 / sizeof(*slot))
		cap *= 2;
	/* Without memory, no test is remembered: slower, not wrong. */
	if (g.oom || cap <= g.n ||
	    (slot = sf_calloc(cap, sizeof(*slot))) == NULL ||
	    (first = sf_calloc(g.n + 1, sizeof(*first))) == NULL ||
	    (count = sf_calloc(g.n + 1, sizeof(*count))) == NULL)
		goto out;
	/*
	 * slot: 1 + the index of the first of each set of alike tests;
	 * first: for each test, the first it is like; count: by the first,
	 * how many are alike.
	 */
	for (i = 0; i < g.n; i++) {
		for (h = test_hash(g.e[i]) & (cap - 1); slot[h] != 0;
		    h = (h + 1) & (cap - 1))
			if (test_eq(g.e[i], g.e[slot[h] - 1]))
				break;
		if (slot[h] == 0)
			slot[h] = i + 1;
		first[i] = slot[h] - 1;
		count[first[i]]++;
	}
	/* The first of each comes before the others: numbered already. */
	for (i = 0; i < g.n; i++) {
		j = first[i];
		if (count[j] < 2)
			continue;
		if (j != i)
			g.e[i]->memo = g.e[j]->memo;
		else if (next < UINT32_MAX - 1)
			g.e[i]->memo = ++next;
	}
	r->nmemo = next;
out:
	free(slot);
	free(first);
	free(count);
	free(g.e);
}
