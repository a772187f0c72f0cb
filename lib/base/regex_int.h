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
 * The compiled form of a regular expression, shared by the compiler and
 * VM (regex.c) and the DFA built from its program (regex_dfa.c).
 */
#ifndef SPOOLFIX_REGEX_INT_H
#define SPOOLFIX_REGEX_INT_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "base/regex.h"

enum op { OP_CHAR, OP_ANY, OP_CLASS, OP_SPLIT, OP_JMP, OP_MATCH, OP_BOL,
	OP_EOL };

/*
 * Jump targets are relative to the instruction, which makes any complete
 * sub-program position independent: {m,n} can copy it with memcpy and a
 * quantifier can insert an instruction in front of it without patching.
 */
struct inst {
	unsigned char	op;
	uint32_t	arg;	/* OP_CHAR: unit; OP_CLASS: class index */
	int32_t		x, y;	/* OP_JMP: x; OP_SPLIT: x and y */
};

struct range {
	uint16_t	lo, hi;
};

/* Ranges are sorted and disjoint so membership is a binary search. */
struct cls {
	size_t		first, count;
	int		neg;
};

struct re_dfa;

struct sf_regex {
	struct inst	*prog;
	size_t		 nprog;
	struct range	*ranges;
	struct cls	*classes;
	int		 icase;
	/*
	 * The DFA (regex_dfa.c), built by the search that makes the
	 * pattern's RE_DFA_AFTER-th search: NULL before, re_no_dfa when
	 * it is not worth one.  The only fields a search changes, and only
	 * atomically, so threads may share the pattern.
	 */
	_Atomic(struct re_dfa *) dfa;
	atomic_uint	 searches;
};

extern struct re_dfa re_no_dfa;

/* A sparse set of pcs: O(1) insert, test and clear, no initialisation. */
struct thrset {
	uint32_t	*dense, *sparse;
	size_t		 n;
};

/* SF_RE_ICASE folding (regex.h), for the compiler and the VM. */
static inline uint16_t
fold_lower(uint16_t c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		return (uint16_t)(c + 0x20);
	return c;
}

static inline uint16_t
fold_upper(uint16_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7))
		return (uint16_t)(c - 0x20);
	return c;
}

/* The VM's steps, which the DFA is built from (regex_vm.c). */
int	re_closure(const struct sf_regex *, struct thrset *, uint32_t *stack,
	    uint32_t pc, size_t i, size_t n);
int	re_consumes(const struct sf_regex *, const struct inst *, uint16_t);
int	re_run_vm(const struct sf_regex *, const uint16_t *, size_t);

/* regex_dfa.c: the DFA, or NULL when it would be too big or no memory. */
struct re_dfa *re_dfa_build(const struct sf_regex *);
/* 1 match, 0 none; for a subject of at least one unit. */
int	re_dfa_search(const struct re_dfa *, const uint16_t *, size_t);
void	re_dfa_free(struct re_dfa *);

#endif
