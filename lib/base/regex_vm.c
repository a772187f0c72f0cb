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
 * The VM that runs a compiled regular expression (regex.c): a set of
 * threads, one per live instruction, moved along the subject one unit
 * at a time (Thompson's construction, as Pike's VM without captures),
 * so a search is linear in the subject whatever the pattern.  Its steps
 * are also what the DFA is built from (regex_dfa.c).
 */
#include <stdlib.h>
#include <string.h>

#include "base/regex_int.h"

struct vm {
	struct thrset	 a, b;
	uint32_t	*stack;
	uint32_t	*mem;
};

static int
set_has(const struct thrset *t, uint32_t pc)
{
	uint32_t i = t->sparse[pc];

	return i < t->n && t->dense[i] == pc;
}

static void
set_add(struct thrset *t, uint32_t pc)
{
	t->sparse[pc] = (uint32_t)t->n;
	t->dense[t->n++] = pc;
}

/*
 * The VM's arrays in mem, 6m+1 zeroed units: each pc enters a set at
 * most once and pushes at most two successors, so 2m+1 stack slots
 * always suffice.  Zeroed keeps the sparse arrays' never-written slots
 * defined for sanitizers.
 */
static void
vm_layout(struct vm *vm, uint32_t *mem, size_t m)
{
	vm->mem = mem;
	vm->a.dense = mem;
	vm->a.sparse = mem + m;
	vm->b.dense = mem + 2 * m;
	vm->b.sparse = mem + 3 * m;
	vm->stack = mem + 4 * m;
	vm->a.n = vm->b.n = 0;
}

static uint32_t
target(uint32_t pc, int32_t off)
{
	return (uint32_t)((int64_t)pc + off);
}

/*
 * Adds pc and everything reachable from it without consuming a unit at
 * subject offset i.  Returns 1 as soon as MATCH is reachable, since a
 * search only asks whether any match exists.  An explicit stack keeps
 * the C stack flat however long the chains of SPLITs and JMPs are.
 */
int
re_closure(const struct sf_regex *re, struct thrset *t, uint32_t *stack,
    uint32_t pc, size_t i, size_t n)
{
	const struct inst *in;
	size_t sp = 0;

	stack[sp++] = pc;
	while (sp > 0) {
		pc = stack[--sp];
		if (set_has(t, pc))
			continue;
		set_add(t, pc);
		in = &re->prog[pc];
		switch (in->op) {
		case OP_MATCH:
			return 1;
		case OP_JMP:
			stack[sp++] = target(pc, in->x);
			break;
		case OP_SPLIT:
			stack[sp++] = target(pc, in->y);
			stack[sp++] = target(pc, in->x);
			break;
		case OP_BOL:
			if (i == 0)
				stack[sp++] = pc + 1;
			break;
		case OP_EOL:
			if (i == n)
				stack[sp++] = pc + 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static int
in_ranges(const struct range *r, size_t n, uint16_t c)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c < r[mid].lo)
			hi = mid;
		else if (c > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static int
class_match(const struct sf_regex *re, const struct cls *k, uint16_t c)
{
	const struct range *r = re->ranges + k->first;
	int hit;

	hit = in_ranges(r, k->count, c);
	if (!hit && re->icase)
		hit = in_ranges(r, k->count, fold_lower(c)) ||
		    in_ranges(r, k->count, fold_upper(c));
	return hit != k->neg;
}

int
re_consumes(const struct sf_regex *re, const struct inst *in, uint16_t c)
{
	switch (in->op) {
	case OP_CHAR:
		return (re->icase ? fold_lower(c) : c) == in->arg;
	case OP_ANY:
		return 1;
	case OP_CLASS:
		return class_match(re, &re->classes[in->arg], c);
	default:
		return 0;
	}
}

static int
vm_run(const struct sf_regex *re, struct vm *vm, const uint16_t *s, size_t n)
{
	struct thrset *cur = &vm->a, *next = &vm->b, *tmp;
	size_t i, k;
	uint32_t pc;
	/*
	 * A program that starts with ^ (not inside an alternative: its
	 * first instruction is BOL) matches only from offset 0: a fresh
	 * thread later dies at once, and once no thread is left the
	 * search is over.  Most rule patterns are anchored.
	 */
	int anchored = re->nprog > 0 && re->prog[0].op == OP_BOL;

	for (i = 0;; i++) {
		/* A fresh thread at every offset makes this a search. */
		if ((i == 0 || !anchored) &&
		    re_closure(re, cur, vm->stack, 0, i, n))
			return 1;
		if (i == n || (anchored && cur->n == 0))
			return 0;
		next->n = 0;
		for (k = 0; k < cur->n; k++) {
			pc = cur->dense[k];
			if (re_consumes(re, &re->prog[pc], s[i]) &&
			    re_closure(re, next, vm->stack, pc + 1, i + 1, n))
				return 1;
		}
		tmp = cur;
		cur = next;
		next = tmp;
	}
}

/* Programs up to this size run on the stack, without an allocation. */
#define SMALL_PROG	64

int
re_run_vm(const struct sf_regex *re, const uint16_t *s, size_t n)
{
	uint32_t	 small[6 * SMALL_PROG + 1], *mem = small;
	struct vm	 vm;
	int		 r;

	if (re->nprog <= SMALL_PROG)
		memset(small, 0, (6 * re->nprog + 1) * sizeof(*small));
	else if ((mem = calloc(6 * re->nprog + 1, sizeof(*mem))) == NULL)
		return -1;
	vm_layout(&vm, mem, re->nprog);
	r = vm_run(re, &vm, s, n);
	if (mem != small)
		free(mem);
	return r;
}

