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
 * The structural check of the key tree that libregf does not make
 * (regf-format.md section 5): every key and every subkey list is
 * reached once, each key names the parent that lists it, subkey counts
 * match the lists, lists are sorted without duplicates, and value lists
 * and data fit their cells.  It walks cells in memory with an explicit
 * stack, so a looping or cross-linked hive cannot make it recurse or
 * run forever; its cost is linear in the size of the hive.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"

#define DB_SEGMENT	SF_REGF_CELL_DATA_MAX

typedef struct tree_check {
	const sf_regf	*r;
	sf_problems	*pr;
	sf_offset_set	 keys;
	sf_offset_set	 lists;
	uint32_t	*stack;		/* pairs: nk offset, depth */
	size_t		 nstack, capstack;
	uint32_t	*kids;		/* children of the current key */
	size_t		 nkids, capkids;
	int		 oom;
	int		 unsafe;	/* an ri lists another ri */
	size_t		 problems;
} tree_check;

static void SF_PRINTF(2, 3)
problem(tree_check *t, const char *fmt, ...)
{
	va_list ap;

	t->problems++;
	va_start(ap, fmt);
	sf_problem_vadd(t->pr, fmt, ap);
	va_end(ap);
}

static int
push(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	uint32_t *nv;

	if (*n == *cap) {
		if ((nv = sf_reallocarray(*v, *cap ? *cap * 2 : 64,
		    sizeof(*nv))) == NULL)
			return -1;
		*v = nv;
		*cap = *cap ? *cap * 2 : 64;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* Offsets are stored +1 so that offset 0 is a valid member. */
static int
first_visit(tree_check *t, sf_offset_set *s, uint32_t off)
{
	int rc = sf_offset_set_add(s, (uint64_t)off + 1);

	if (rc == -1)
		t->oom = 1;
	return rc == 1;
}

/* Appends the entries of one leaf list (lf, lh or li). */
static int
read_leaf(tree_check *t, uint32_t off, const uint8_t *p, size_t n)
{
	size_t	 count, step, i;

	if (n < 4)
		return -1;
	step = (p[0] == 'l' && p[1] == 'i') ? 4 : 8;
	if (!(p[0] == 'l' && (p[1] == 'f' || p[1] == 'h' || p[1] == 'i')))
		return -1;
	count = sf_le16(p + 2);
	if (count > (n - 4) / step) {
		problem(t, "subkey list at 0x%x holds more entries than fit "
		    "its cell", off);
		count = (n - 4) / step;
	}
	for (i = 0; i < count; i++)
		if (push(&t->kids, &t->nkids, &t->capkids,
		    sf_le32(p + 4 + i * step)) == -1) {
			t->oom = 1;
			return -1;
		}
	return 0;
}

static void
read_list(tree_check *t, uint32_t nk, uint32_t off)
{
	const uint8_t	*p, *lp;
	size_t		 n, ln, count, i;
	uint32_t	 leaf;

	if (!first_visit(t, &t->lists, off)) {
		problem(t, "subkey list at 0x%x is shared with another key "
		    "(key at 0x%x)", off, nk);
		return;
	}
	if (sf_regf_cell(t->r, off, &p, &n) == -1 || n < 4) {
		problem(t, "key at 0x%x points at a subkey list 0x%x that is "
		    "not an allocated cell", nk, off);
		return;
	}
	if (!(p[0] == 'r' && p[1] == 'i')) {
		if (read_leaf(t, off, p, n) == -1 && !t->oom)
			problem(t, "key at 0x%x has a subkey list at 0x%x of "
			    "unknown type", nk, off);
		return;
	}
	count = sf_le16(p + 2);
	if (count > (n - 4) / 4)
		count = (n - 4) / 4;
	for (i = 0; i < count && !t->oom; i++) {
		leaf = sf_le32(p + 4 + 4 * i);
		if (sf_regf_cell(t->r, leaf, &lp, &ln) == -1) {
			problem(t, "ri list at 0x%x has a bad leaf 0x%x", off,
			    leaf);
			continue;
		}
		/*
		 * libregf recurses into an ri below an ri without limit, so
		 * this is checked before anything else (even a leaf seen
		 * before may be this very ri).
		 */
		if (ln >= 2 && lp[0] == 'r' && lp[1] == 'i') {
			t->unsafe = 1;
			problem(t, "ri list at 0x%x points at an ri list 0x%x "
			    "(a loop in the subkey index)", off, leaf);
			continue;
		}
		if (!first_visit(t, &t->lists, leaf)) {
			problem(t, "list leaf at 0x%x is shared (key at "
			    "0x%x)", leaf, nk);
			continue;
		}
		if (read_leaf(t, leaf, lp, ln) == -1)
			problem(t, "ri list at 0x%x has a bad leaf 0x%x", off,
			    leaf);
	}
}

/* Whether every byte of a Latin-1 name is printable ASCII. */
static int
printable_latin1(const uint8_t *p, size_t n)
{
	size_t	 i;
	int	 bad = 0;

	/* No early exit: the loop runs whole, a byte in two or three. */
	for (i = 0; i < n; i++)
		bad |= (uint8_t)(p[i] - 0x20) > 0x7E - 0x20;
	return !bad;
}

/*
 * name_order of two Latin-1 names, as nearly all are: bytes equal as
 * they are are equal folded, so only from the first byte that differs
 * on are they folded.
 */
static int
order_latin1(const uint8_t *pa, size_t la, const uint8_t *pb, size_t lb)
{
	size_t	 i, m = la < lb ? la : lb;
	uint8_t	 x, y;

	if (!printable_latin1(pa, la) || !printable_latin1(pb, lb))
		return 2;
	for (i = 0; i < m && pa[i] == pb[i]; i++)
		;
	for (; i < m; i++) {
		x = pa[i] >= 'a' && pa[i] <= 'z' ? (uint8_t)(pa[i] - 32) :
		    pa[i];
		y = pb[i] >= 'a' && pb[i] <= 'z' ? (uint8_t)(pb[i] - 32) :
		    pb[i];
		if (x != y)
			return x < y ? -1 : 1;
	}
	return la == lb ? 0 : la < lb ? -1 : 1;
}

/*
 * The order of two sibling names, ignoring case, or 2 when either is not
 * printable ASCII (whose order Windows does not define the same way).
 * Read in place: the check compares every pair of siblings of the hive.
 */
static int
name_order(const sf_regf *r, uint32_t a, uint32_t b)
{
	const uint8_t	*pa, *pb;
	size_t		 ba, bb, la, lb, i;
	uint16_t	 fa, fb, x, y;
	int		 a1, b1, c = 0;

	if (sf_regf_nk_name_at(r, (uint64_t)a + 4 + SF_REGF_BASE, &pa, &ba,
	    &a1, &fa) == -1 || sf_regf_nk_name_at(r, (uint64_t)b + 4 +
	    SF_REGF_BASE, &pb, &bb, &b1, &fb) == -1)
		return 2;
	if (a1 && b1)
		return order_latin1(pa, ba, pb, bb);
	la = a1 ? ba : ba / 2;
	lb = b1 ? bb : bb / 2;
	/* One pass: every unit printable ASCII, folded here as sf_u16_upper
	 * folds it, compared until the first difference. */
	for (i = 0; i < la || i < lb; i++) {
		x = i >= la ? 0x20 : a1 ? pa[i] : sf_le16(pa + 2 * i);
		y = i >= lb ? 0x20 : b1 ? pb[i] : sf_le16(pb + 2 * i);
		if (x > 0x7E || x < 0x20 || y > 0x7E || y < 0x20)
			return 2;
		if (c != 0 || i >= la || i >= lb)
			continue;
		if (x >= 'a' && x <= 'z')
			x = (uint16_t)(x - 32);
		if (y >= 'a' && y <= 'z')
			y = (uint16_t)(y - 32);
		if (x != y)
			c = x < y ? -1 : 1;
	}
	if (c == 0 && la != lb)
		c = la < lb ? -1 : 1;
	return c;
}

static void
check_values(tree_check *t, uint32_t nk, const uint8_t *p)
{
	const uint8_t	*l, *v, *d;
	size_t		 ln, vn, dn, i;
	uint32_t	 count = sf_le32(p + 36), size, vk;

	if (count == 0)
		return;
	if (sf_regf_cell(t->r, sf_le32(p + 40), &l, &ln) == -1 ||
	    (size_t)count > ln / 4) {
		problem(t, "key at 0x%x has %u values but no list that holds "
		    "them", nk, count);
		return;
	}
	for (i = 0; i < count; i++) {
		vk = sf_le32(l + 4 * i);
		if (sf_regf_cell(t->r, vk, &v, &vn) == -1 || vn < 20 ||
		    memcmp(v, "vk", 2) != 0 || sf_le16(v + 2) > vn - 20) {
			problem(t, "key at 0x%x lists a value at 0x%x that is "
			    "not a valid vk record", nk, vk);
			continue;
		}
		size = sf_le32(v + 4);
		if ((size & 0x80000000u) || size == 0)
			continue;
		if (sf_regf_cell(t->r, sf_le32(v + 8), &d, &dn) == -1) {
			problem(t, "value at 0x%x points at data 0x%x that is "
			    "not an allocated cell", vk, sf_le32(v + 8));
			continue;
		}
		if (size > dn && !(size > DB_SEGMENT && t->r->minor >= 4 &&
		    dn >= 2 && d[0] == 'd' && d[1] == 'b'))
			problem(t, "value at 0x%x claims %u data bytes, more "
			    "than its cell holds", vk, size);
	}
}

static void
check_key(tree_check *t, uint32_t nk, uint32_t depth)
{
	const uint8_t	*p, *c;
	size_t		 n, cn, i;
	uint32_t	 nsub;
	int		 ord;

	if (sf_regf_cell(t->r, nk, &p, &n) == -1 || n < SF_REGF_NK_NAME ||
	    memcmp(p, "nk", 2) != 0 || sf_le16(p + 72) > n - SF_REGF_NK_NAME) {
		problem(t, "key at 0x%x is not a valid nk record", nk);
		return;
	}
	check_values(t, nk, p);
	nsub = sf_le32(p + 20);
	t->nkids = 0;
	if (nsub > 0)
		read_list(t, nk, sf_le32(p + 28));
	if (t->nkids != nsub && !t->oom)
		problem(t, "key at 0x%x says it has %u subkeys; its lists hold "
		    "a different number", nk, nsub);
	for (i = 0; i < t->nkids && !t->oom; i++) {
		uint32_t kid = t->kids[i];

		if (sf_regf_cell(t->r, kid, &c, &cn) == -1 || cn < 20 ||
		    memcmp(c, "nk", 2) != 0) {
			problem(t, "subkey list of key at 0x%x points at 0x%x, "
			    "which is not a key", nk, kid);
			continue;
		}
		if (sf_le32(c + 16) != nk)
			problem(t, "key at 0x%x is listed under 0x%x but names "
			    "another parent", kid, nk);
		if (i > 0) {
			ord = name_order(t->r, t->kids[i - 1], kid);
			if (ord == 0)
				problem(t, "key at 0x%x has two subkeys of one "
				    "name (0x%x)", nk, kid);
			else if (ord == 1)
				problem(t, "subkey list of key at 0x%x is not "
				    "sorted (at 0x%x)", nk, kid);
		}
		if (!first_visit(t, &t->keys, kid)) {
			problem(t, "key at 0x%x is reached from more than one "
			    "parent (last 0x%x)", kid, nk);
			continue;
		}
		if (depth + 1 >= SF_MAX_DEPTH) {
			problem(t, "keys nest deeper than %u levels (at 0x%x)",
			    SF_MAX_DEPTH, kid);
			continue;
		}
		if (push(&t->stack, &t->nstack, &t->capstack, kid) == -1 ||
		    push(&t->stack, &t->nstack, &t->capstack, depth + 1) == -1)
			t->oom = 1;
	}
}

size_t
sf_regf_check_tree(const sf_regf *r, sf_problems *pr, int *unsafe)
{
	tree_check	 t;
	uint32_t	 nk, depth;

	memset(&t, 0, sizeof(t));
	t.r = r;
	t.pr = pr;
	/* Cell offsets are 8-aligned and stored +1 (first_visit): phase 1.
	 * Without the memory for bitmaps the hash sets do the same. */
	(void)sf_offset_set_span(&t.keys, (uint64_t)r->size + 8, 1);
	(void)sf_offset_set_span(&t.lists, (uint64_t)r->size + 8, 1);
	first_visit(&t, &t.keys, r->root);
	if (push(&t.stack, &t.nstack, &t.capstack, r->root) == -1 ||
	    push(&t.stack, &t.nstack, &t.capstack, 0) == -1)
		t.oom = 1;
	while (t.nstack >= 2 && !t.oom) {
		depth = t.stack[--t.nstack];
		nk = t.stack[--t.nstack];
		check_key(&t, nk, depth);
	}
	/* Not a problem of the hive: sf_hive_incomplete() says so. */
	if (t.oom)
		pr->oom = 1;
	sf_offset_set_free(&t.keys);
	sf_offset_set_free(&t.lists);
	free(t.stack);
	free(t.kids);
	*unsafe = t.unsafe || t.oom;
	return t.problems;
}
