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
 * Prefilters: what an object must have for a rule's condition to hold,
 * decided from facts learnt once per object instead of once per rule.
 * The generic checks look at every value under Print ("data is sz and
 * data is odd-length ..."), and on a bloated hive that is a million
 * evaluations that all end false; with the value's type and shape known
 * (one pass over its data), each of them is a mask test.
 *
 * A prefilter is a necessary condition: when it fails, the condition is
 * false, never unknown, so skipping the rule changes nothing in the
 * report.  It is built only from tests whose answer the facts decide
 * exactly, the way eval.c would: "data is" with types and data shapes
 * (value scopes), "name has" with classes, "length(name) >" a number,
 * and "name ==" or "name in" strings (by their lengths);
 * "and" keeps what either side needs, "or" what one of them does, and
 * anything else needs nothing.  And it is built only for conditions
 * that do nothing but answer (no quantifier, path walk, set, fact or
 * "value"): those spend steps of the rule's budget, build shared state
 * or read more of the hive (whose damage the hive rules count), which
 * skipping them would change.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

/* The data shapes the facts hold exactly (shape_value_facts). */
#define PF_SHAPES	(IS_TYPE_MASK | IS_MALFORMED | IS_ODD | IS_UNTERM | \
			 IS_EMBNUL | IS_BADUTF16 | IS_BADSIZE)

static int
pure_term(const term *t)
{
	if (t == NULL)
		return 1;
	/*
	 * value "X" reads the key's values, and "at" walks a path: reading
	 * a damaged list adds to what the hive rules report.
	 */
	if (t->kind == TM_VALUE)
		return 0;
	return pure_term(t->a) && pure_term(t->b);
}

/* Whether evaluating e only computes its answer. */
static int
pure_expr(const expr *e)
{
	size_t i;

	if (e == NULL)
		return 1;
	switch (e->kind) {
	case EX_OR:
	case EX_AND:
	case EX_NOT:
		return pure_expr(e->a) && pure_expr(e->b);
	case EX_CMP:
	case EX_IN_RANGE:
	case EX_MATCH:
	case EX_HAS_CLASS:
	case EX_HAS_CHARS:
	case EX_IS:
	case EX_STARTS:
	case EX_CONTAINS:
	case EX_HAS_BITS:
		break;
	case EX_IN_LIST:
		for (i = 0; i < e->nlist; i++)
			if (!pure_term(e->list[i]))
				return 0;
		break;
	default:
		return 0;
	}
	return pure_term(e->t) && pure_term(e->t2);
}

static int
add(prefilter *pf, pf_kind k, int a, int b, uint64_t arg)
{
	pf_node *n;

	if (pf->n == PF_MAX_NODES) {
		pf->full = 1;
		return -1;
	}
	n = &pf->node[pf->n];
	n->kind = k;
	n->a = (int8_t)a;
	n->b = (int8_t)b;
	n->arg = arg;
	return pf->n++;
}

/*
 * The name, or lower(name), which is as long.  Against a string, "=="
 * and "in" compare as sf_u16_casecmp does, which is never equal for two
 * lengths: a name of none of the lengths listed makes them false.
 */
static int
is_name(const term *t)
{
	return t->kind == TM_NAME || (t->kind == TM_LOWER &&
	    t->a->kind == TM_NAME);
}

/* Lengths 0 to 62 have a bit each; the last bit stands for the rest. */
uint64_t
prefilter_length_bit(size_t n)
{
	return (uint64_t)1 << (n < 63 ? n : 63);
}
#define length_bit prefilter_length_bit

/* The node e needs, or -1 when it needs nothing. */
static int
need(prefilter *pf, const expr *e, scope_kind sk)
{
	uint64_t lens;
	size_t	 i;
	int	 a, b, start;

	switch (e->kind) {
	case EX_AND:
		a = need(pf, e->a, sk);
		b = need(pf, e->b, sk);
		if (a < 0 || b < 0)
			return a < 0 ? b : a;
		return add(pf, PF_AND, a, b, 0);
	case EX_OR:
		start = pf->n;
		a = need(pf, e->a, sk);
		b = need(pf, e->b, sk);
		if (a < 0 || b < 0) {
			pf->n = start;	/* no node is left unreached */
			return -1;
		}
		return add(pf, PF_OR, a, b, 0);
	case EX_IS:
		/* Formats and emptiness need the string view: not here. */
		if (sk != SC_VALUE || e->t->kind != TM_DATA ||
		    (e->preds & ~PF_SHAPES) != 0)
			return -1;
		return add(pf, PF_SHAPE, -1, -1, e->preds);
	case EX_HAS_CLASS:
		if (e->t->kind != TM_NAME)
			return -1;
		return add(pf, PF_CLASS, -1, -1, e->classes);
	case EX_IN_LIST:
		if (!is_name(e->t))
			return -1;
		for (i = 0, lens = 0; i < e->nlist; i++) {
			if (e->list[i]->kind != TM_STR)
				return -1;
			lens |= length_bit(e->list[i]->ulen);
		}
		return add(pf, PF_LENGTHS, -1, -1, lens);
	case EX_CMP:
		if (e->op == OP_EQ && is_name(e->t) && e->t2->kind == TM_STR)
			return add(pf, PF_LENGTHS, -1, -1,
			    length_bit(e->t2->ulen));
		if (e->t->kind != TM_LENGTH || e->t->a->kind != TM_NAME ||
		    e->t2->kind != TM_NUM)
			return -1;
		if (e->op == OP_GT)
			return add(pf, PF_LONGER, -1, -1, e->t2->num);
		if (e->op == OP_GE && e->t2->num > 0)
			return add(pf, PF_LONGER, -1, -1, e->t2->num - 1);
		return -1;
	default:
		return -1;
	}
}

static void
quick_none(pf_quick *q)
{
	memset(q, 0, sizeof(*q));
	q->longer = UINT64_MAX;
}

static void
quick_union(pf_quick *q, const pf_quick *a, const pf_quick *b)
{
	q->shape = a->shape | b->shape;
	q->classes = a->classes | b->classes;
	q->lengths = a->lengths | b->lengths;
	q->longer = a->longer < b->longer ? a->longer : b->longer;
}

/*
 * A necessary condition of node i in one piece: the facts must meet one
 * of its masks.  An "or" needs what either side does; an "and" what one
 * side does, the one that does not rest on the type alone, which most
 * values have.
 */
static void
quick_of(const prefilter *pf, int i, pf_quick *q)
{
	const pf_node	*n = &pf->node[i];
	pf_quick	 a, b;

	quick_none(q);
	switch (n->kind) {
	case PF_AND:
		quick_of(pf, n->a, &a);
		quick_of(pf, n->b, &b);
		*q = (a.shape & IS_TYPE_MASK) && !(b.shape & IS_TYPE_MASK) ?
		    b : a;
		break;
	case PF_OR:
		quick_of(pf, n->a, &a);
		quick_of(pf, n->b, &b);
		quick_union(q, &a, &b);
		break;
	case PF_SHAPE:
		q->shape = (uint32_t)n->arg;
		break;
	case PF_CLASS:
		q->classes = (unsigned)n->arg;
		break;
	case PF_LENGTHS:
		q->lengths = n->arg;
		break;
	default:	/* PF_LONGER */
		q->longer = n->arg;
		break;
	}
}

void
prefilter_quick_add(pf_quick *q, const prefilter *pf)
{
	pf_quick one;

	if (pf->root < 0)
		return;
	quick_of(pf, pf->root, &one);
	if (!q->used) {
		*q = one;
		q->used = 1;
	} else
		quick_union(q, q, &one);
}

void
prefilter_quick_init(pf_quick *q)
{
	quick_none(q);
}

void
prefilter_build(prefilter *pf, const expr *when, scope_kind sk)
{
	memset(pf, 0, sizeof(*pf));
	pf->root = -1;
	if (when == NULL || (sk != SC_KEY && sk != SC_VALUE) ||
	    !pure_expr(when))
		return;
	pf->root = need(pf, when, sk);
	if (pf->full)
		pf->root = -1;
	/* What need() kept is what the root reaches, the root last. */
	if (pf->root >= 0 && pf->root != pf->n - 1)
		pf->root = -1;
}

/* What the facts say of a name, learnt when first asked. */
static int
nul_of(obj_facts *f)
{
	if (!(f->known & FACT_NUL)) {
		f->nul = sf_u16_has_nul(f->name, f->name_len);
		f->known |= FACT_NUL;
	}
	return f->nul;
}

/* Whether the name is in one of the classes; a NUL alone is quicker. */
static int
in_classes(obj_facts *f, unsigned cc)
{
	if (cc == CC_NUL)
		return nul_of(f);
	if (!(f->known & FACT_CLASSES)) {
		f->classes = shape_classes(f->name, f->name_len);
		f->known |= FACT_CLASSES;
	}
	return (f->classes & cc) != 0;
}

static uint32_t
shape_of(obj_facts *f)
{
	if (!(f->known & FACT_SHAPE)) {
		f->shape = f->val != NULL ? shape_value_facts(f->val) : 0;
		f->known |= FACT_SHAPE;
	}
	return f->shape;
}

/*
 * Operands come before the nodes that use them and every node is
 * reached (need), so one pass in order leaves the answer in the last.
 */
int
prefilter_fails(const prefilter *pf, obj_facts *f)
{
	const pf_node	*n;
	uint8_t		 v[PF_MAX_NODES];
	int		 i;

	if (pf->root < 0)
		return 0;
	for (i = 0; i < pf->n; i++) {
		n = &pf->node[i];
		switch (n->kind) {
		case PF_AND:
			v[i] = v[n->a] && v[n->b];
			break;
		case PF_OR:
			v[i] = v[n->a] || v[n->b];
			break;
		case PF_SHAPE:
			v[i] = (shape_of(f) & n->arg) != 0;
			break;
		case PF_CLASS:
			v[i] = in_classes(f, (unsigned)n->arg);
			break;
		case PF_LENGTHS:
			v[i] = (length_bit(f->name_len) & n->arg) != 0;
			break;
		default:	/* PF_LONGER */
			v[i] = f->name_len > n->arg;
			break;
		}
	}
	return !v[pf->root];
}

int
prefilter_quick_fails(const pf_quick *q, obj_facts *f)
{
	return !((q->shape != 0 && (shape_of(f) & q->shape) != 0) ||
	    (q->classes != 0 && in_classes(f, q->classes)) ||
	    (length_bit(f->name_len) & q->lengths) != 0 ||
	    f->name_len > q->longer);
}

/*
 * Quantifier bodies.  "any values (name == ...)" evaluates its body on
 * every value of the key, where name and data are the value's, as a
 * value scope's rule does (a body over subkeys: as a key scope's): a
 * pure body gets a prefilter the same way, and an element it fails is
 * false without evaluating the body.  They are built once per scan, for
 * every rule enabled, and found by the body's address.
 */
static int
add_body(scan *sc, const expr *e)
{
	prefilter	pf;
	body_pf		*nb;

	prefilter_build(&pf, e->a, e->iter == IT_VALUES ? SC_VALUE : SC_KEY);
	if (pf.root < 0)
		return 0;
	if (sc->nbodies == sc->capbodies) {
		size_t ncap = sc->capbodies ? sc->capbodies * 2 : 16;

		if ((nb = sf_reallocarray(sc->bodies, ncap, sizeof(*nb))) ==
		    NULL)
			return -1;
		sc->bodies = nb;
		sc->capbodies = ncap;
	}
	sc->bodies[sc->nbodies].e = e;
	sc->bodies[sc->nbodies++].pf = pf;
	return 0;
}

static int
find_bodies(scan *sc, const expr *e)
{
	if (e == NULL)
		return 0;
	if ((e->kind == EX_QUANT || e->kind == EX_COUNT) && e->a != NULL &&
	    (e->iter == IT_VALUES || e->iter == IT_SUBKEYS) &&
	    add_body(sc, e) == -1)
		return -1;
	return find_bodies(sc, e->a) == -1 || find_bodies(sc, e->b) == -1 ?
	    -1 : 0;
}

static int
body_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const body_pf *)a)->e;
	uintptr_t y = (uintptr_t)((const body_pf *)b)->e;

	return x < y ? -1 : x > y;
}

int
prefilter_bodies(scan *sc)
{
	const struct sf_rule	*r;
	size_t			 i, j;

	for (i = 0; i < sc->rules->nrule; i++) {
		r = sc->rules->rule[i];
		if (!r->enabled)
			continue;
		if (find_bodies(sc, r->when) == -1)
			return -1;
		for (j = 0; j < r->nfixes; j++)
			if (find_bodies(sc, r->fixes[j].cond) == -1)
				return -1;
	}
	if (sc->nbodies > 1)
		qsort(sc->bodies, sc->nbodies, sizeof(*sc->bodies), body_cmp);
	return 0;
}

const prefilter *
prefilter_body(const scan *sc, const expr *e)
{
	body_pf		 key;
	const body_pf	*b;

	if (sc->nbodies == 0)
		return NULL;
	key.e = e;
	b = bsearch(&key, sc->bodies, sc->nbodies, sizeof(*sc->bodies),
	    body_cmp);
	return b != NULL ? &b->pf : NULL;
}
