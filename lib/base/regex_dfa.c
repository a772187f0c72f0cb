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
 * A DFA for a compiled regular expression, built from the VM's own
 * steps (re_closure, re_consumes), so that both give the same answer by
 * construction.  A state is the set of VM threads
 * alive after some units; searching is then one table lookup per unit.
 * Rules test every port name of a bloated hive against the same few
 * patterns, 100,000s of times.
 *
 * Units are grouped into classes that every instruction treats alike:
 * units below 256 by a table (case folding only touches those), the
 * others by the intervals between the characters and range ends of the
 * program.  ^ holds only in the start state; $ only at the end, where a
 * state accepts when its threads reach MATCH through $ (end_ok).  A
 * program too big, with too many classes or states, keeps the VM: the
 * DFA is an optimisation, never needed.
 *
 * regex.c builds it once a pattern has been searched often enough to be
 * worth it (a scan of a small machine never does), publishes it once
 * and only reads it afterwards, so one compiled rule set can be searched
 * by several threads at once (spoolfix.h).
 */
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"
#include "base/regex_int.h"

#define DFA_MAX_PROG	512	/* instructions */
#define DFA_MAX_CLASS	64
#define DFA_MAX_STATE	256
#define DFA_MAX_HI	256	/* intervals above U+00FF */

#define ST_MATCH	0x1	/* a thread has matched: true at once */
#define ST_END_OK	0x2	/* matches if the subject ends here */
#define ST_DEAD		0x4	/* no thread left (anchored patterns) */

struct re_dfa {
	uint8_t		 lo[256];	/* class of each unit below 256 */
	uint16_t	 hi_start[DFA_MAX_HI];	/* interval starts, >= 256 */
	uint8_t		 hi_class[DFA_MAX_HI];
	size_t		 nhi;
	size_t		 nclass;
	uint16_t	*next;		/* [state * nclass + class] */
	uint8_t		*flags;		/* per state, ST_* */
	size_t		 nstate;
};

/* What a pattern holds when a DFA would be too big for it. */
struct re_dfa re_no_dfa;

/* A set of pcs, sorted: a state while the DFA is built. */
struct pcset {
	uint32_t	*pc;
	size_t		 n;
};

struct build {
	const struct sf_regex	*re;
	struct re_dfa		*d;
	struct thrset		 t;
	uint32_t		*mem;	/* the thrset's arrays and a stack */
	uint32_t		*stack;
	struct pcset		*set;	/* one per state */
	uint16_t		 rep[DFA_MAX_CLASS];	/* a unit of each class */
	int			 anchored;
};

/* Which consuming instructions take unit c, as a bit string. */
static void
signature(const struct sf_regex *re, uint16_t c, uint8_t *sig, size_t len)
{
	size_t pc;

	memset(sig, 0, len);
	for (pc = 0; pc < re->nprog; pc++)
		if (re_consumes(re, &re->prog[pc], c))
			sig[pc / 8] |= (uint8_t)(1u << (pc % 8));
}

/* The class of the signature, added when new; -1 when too many. */
static int
class_of(uint8_t *sigs, size_t *n, const uint8_t *sig, size_t len,
    uint16_t c, uint16_t *rep)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (memcmp(sigs + i * len, sig, len) == 0)
			return (int)i;
	if (*n == DFA_MAX_CLASS)
		return -1;
	memcpy(sigs + *n * len, sig, len);
	rep[*n] = c;
	return (int)(*n)++;
}

static int
u16_cmp(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Splits the units into classes.  Above 255 no folding applies, so the
 * class of a unit can change only where a character or a range of the
 * program starts or ends.  0 done, 1 too many, -1 no memory.
 */
static int
make_classes(struct build *b)
{
	const struct sf_regex	*re = b->re;
	struct re_dfa		*d = b->d;
	uint16_t		 cut[2 * DFA_MAX_HI + 2];
	uint8_t			*sigs, *sig;
	size_t			 len = (re->nprog + 7) / 8, ncut = 0, i, k;
	int			 c;

	if ((sigs = calloc(DFA_MAX_CLASS + 1, len)) == NULL)
		return -1;
	sig = sigs + DFA_MAX_CLASS * len;
	for (i = 0; i < 256; i++) {
		signature(re, (uint16_t)i, sig, len);
		if ((c = class_of(sigs, &d->nclass, sig, len, (uint16_t)i,
		    b->rep)) < 0)
			goto many;
		d->lo[i] = (uint8_t)c;
	}
	cut[ncut++] = 256;
	for (i = 0; i < re->nprog; i++) {
		const struct inst *in = &re->prog[i];
		const struct cls *cl;

		if (in->op == OP_CHAR && in->arg >= 256) {
			if (ncut + 2 > sizeof(cut) / sizeof(cut[0]))
				goto many;
			cut[ncut++] = (uint16_t)in->arg;
			if (in->arg < 0xFFFF)
				cut[ncut++] = (uint16_t)(in->arg + 1);
		} else if (in->op == OP_CLASS) {
			cl = &re->classes[in->arg];
			for (k = 0; k < cl->count; k++) {
				const struct range *r = &re->ranges[cl->first + k];

				if (ncut + 2 > sizeof(cut) / sizeof(cut[0]))
					goto many;
				if (r->lo >= 256)
					cut[ncut++] = r->lo;
				if (r->hi >= 255 && r->hi < 0xFFFF)
					cut[ncut++] = (uint16_t)(r->hi + 1);
			}
		}
	}
	qsort(cut, ncut, sizeof(cut[0]), u16_cmp);
	for (i = 0; i < ncut; i++) {
		if (d->nhi > 0 && d->hi_start[d->nhi - 1] == cut[i])
			continue;
		if (d->nhi == DFA_MAX_HI)
			goto many;
		signature(re, cut[i], sig, len);
		if ((c = class_of(sigs, &d->nclass, sig, len, cut[i],
		    b->rep)) < 0)
			goto many;
		d->hi_start[d->nhi] = cut[i];
		d->hi_class[d->nhi++] = (uint8_t)c;
	}
	free(sigs);
	return 0;
many:
	free(sigs);
	return 1;
}

static int
pc_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Closes the pcs now in b->t at a position that is neither the start
 * nor the end, adding a fresh thread for a search that is not anchored;
 * returns 1 when MATCH is reached.  i = 1, n = 2: ^ and $ both fail.
 */
static int
close_mid(struct build *b, const uint32_t *pcs, size_t n, int fresh)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (re_closure(b->re, &b->t, b->stack, pcs[i], 1, 2))
			return 1;
	return fresh && re_closure(b->re, &b->t, b->stack, 0, 1, 2);
}

/* Whether the threads of a set match at the subject's end ($ holds). */
static int
end_ok(struct build *b, const struct pcset *s)
{
	size_t i;

	b->t.n = 0;
	for (i = 0; i < s->n; i++)
		if (re_closure(b->re, &b->t, b->stack, s->pc[i], 1, 1))
			return 1;
	return 0;
}

/*
 * The state of the set now in b->t: found or added, with flags.
 * Returns its number, or -1 too many states, -2 no memory.
 */
static int
state_of(struct build *b, int match)
{
	struct re_dfa	*d = b->d;
	struct pcset	 s;
	size_t		 i;

	qsort(b->t.dense, b->t.n, sizeof(*b->t.dense), pc_cmp);
	for (i = 0; i < d->nstate; i++)
		if (b->set[i].n == b->t.n && ((d->flags[i] & ST_MATCH) != 0) ==
		    match && (b->t.n == 0 || memcmp(b->set[i].pc, b->t.dense,
		    b->t.n * sizeof(*b->t.dense)) == 0))
			return (int)i;
	if (d->nstate == DFA_MAX_STATE)
		return -1;
	s.n = b->t.n;
	if ((s.pc = sf_reallocarray(NULL, s.n + 1, sizeof(*s.pc))) == NULL)
		return -2;
	memcpy(s.pc, b->t.dense, s.n * sizeof(*s.pc));
	b->set[d->nstate] = s;
	d->flags[d->nstate] = match ? ST_MATCH : 0;
	if (!match && s.n == 0)
		d->flags[d->nstate] |= ST_DEAD;
	else if (!match && end_ok(b, &s))
		d->flags[d->nstate] |= ST_END_OK;
	return (int)d->nstate++;
}

/* Fills the transitions of every state.  0, 1 too big, -1 no memory. */
static int
make_states(struct build *b)
{
	struct re_dfa	*d = b->d;
	struct pcset	*s;
	uint32_t	*move;
	size_t		 st, c, i, nmove;
	int		 match, to;

	if ((move = sf_reallocarray(NULL, b->re->nprog + 1,
	    sizeof(*move))) == NULL)
		return -1;
	/* The start: ^ holds, $ does not (the subject is not empty). */
	b->t.n = 0;
	match = re_closure(b->re, &b->t, b->stack, 0, 0, 1);
	if ((to = state_of(b, match)) < 0)
		goto fail;
	for (st = 0; st < d->nstate; st++) {
		s = &b->set[st];
		for (c = 0; c < d->nclass; c++) {
			if (d->flags[st] & (ST_MATCH | ST_DEAD)) {
				d->next[st * d->nclass + c] = (uint16_t)st;
				continue;
			}
			nmove = 0;
			for (i = 0; i < s->n; i++)
				if (re_consumes(b->re, &b->re->prog[s->pc[i]],
				    b->rep[c]))
					move[nmove++] = s->pc[i] + 1;
			b->t.n = 0;
			match = close_mid(b, move, nmove, !b->anchored);
			/* s may move: b->set grows only by state_of. */
			if ((to = state_of(b, match)) < 0)
				goto fail;
			s = &b->set[st];
			d->next[st * d->nclass + c] = (uint16_t)to;
		}
	}
	free(move);
	return 0;
fail:
	free(move);
	return to == -2 ? -1 : 1;
}

void
re_dfa_free(struct re_dfa *d)
{
	if (d == NULL)
		return;
	free(d->next);
	free(d->flags);
	free(d);
}

/* The tables cut to the states there are (most patterns have a few). */
static void
shrink(struct re_dfa *d)
{
	uint16_t	*n;
	uint8_t		*f;

	if ((n = sf_reallocarray(d->next, d->nstate * d->nclass,
	    sizeof(*n))) != NULL)
		d->next = n;
	if ((f = realloc(d->flags, d->nstate)) != NULL)
		d->flags = f;
}

struct re_dfa *
re_dfa_build(const struct sf_regex *re)
{
	struct build	 b;
	struct re_dfa	*d;
	size_t		 m = re->nprog, i;
	int		 rc = -1;

	if (m == 0 || m > DFA_MAX_PROG)
		return NULL;
	memset(&b, 0, sizeof(b));
	b.re = re;
	b.anchored = re->prog[0].op == OP_BOL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	b.d = d;
	/* As the VM's: a sparse set of m pcs and a stack of 2m + 1. */
	if ((b.mem = calloc(4 * m + 1, sizeof(*b.mem))) == NULL ||
	    (b.set = calloc(DFA_MAX_STATE, sizeof(*b.set))) == NULL)
		goto out;
	b.t.dense = b.mem;
	b.t.sparse = b.mem + m;
	b.stack = b.mem + 2 * m;
	if ((rc = make_classes(&b)) != 0)
		goto out;
	rc = -1;
	if ((d->next = sf_reallocarray(NULL, DFA_MAX_STATE * d->nclass,
	    sizeof(*d->next))) == NULL ||
	    (d->flags = calloc(DFA_MAX_STATE, 1)) == NULL)
		goto out;
	if ((rc = make_states(&b)) == 0)
		shrink(d);
out:
	for (i = 0; b.set != NULL && i < DFA_MAX_STATE; i++)
		free(b.set[i].pc);
	free(b.set);
	free(b.mem);
	if (rc == 0)
		return d;
	re_dfa_free(d);
	return NULL;
}

static size_t
unit_class(const struct re_dfa *d, uint16_t c)
{
	size_t lo = 0, hi = d->nhi, mid;

	if (c < 256)
		return d->lo[c];
	/* The last interval starting at or below c. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (d->hi_start[mid] <= c)
			lo = mid;
		else
			hi = mid;
	}
	return d->hi_class[lo];
}

int
re_dfa_search(const struct re_dfa *d, const uint16_t *s, size_t n)
{
	size_t	i, st = 0;

	for (i = 0; i < n; i++) {
		if (d->flags[st] & (ST_MATCH | ST_DEAD))
			return (d->flags[st] & ST_MATCH) != 0;
		st = d->next[st * d->nclass + unit_class(d, s[i])];
	}
	return (d->flags[st] & (ST_MATCH | ST_END_OK)) != 0;
}
