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
 * Tests that rules write alike (lib/rules/shared_tests.c): which get a
 * number, so that a scan answers them once per object, and which do
 * not.  That a scan reports the same either way is tests/shortcuts.sh's
 * part; here, that alike means alike (case, flags and literals count),
 * that a path, an item or a quantifier body keeps a test out, and that
 * the shipped LPR port rules share what they repeat.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/rules.h"
#include "t.h"
#include "t_rules.h"

/* The n-th leaf test (left to right) under and/or/not of e, or NULL. */
static const expr *
leaf(const expr *e, int *n)
{
	const expr *r;

	if (e == NULL)
		return NULL;
	if (e->kind == EX_AND || e->kind == EX_OR || e->kind == EX_NOT) {
		if ((r = leaf(e->a, n)) != NULL)
			return r;
		return leaf(e->b, n);
	}
	return (*n)-- == 0 ? e : NULL;
}

static uint32_t
memo_of(const sf_rules *rs, size_t rule, int n)
{
	const expr *e = leaf(rs->rule[rule]->when, &n);

	if (e == NULL) {
		fprintf(stderr, "rule %zu has no leaf %d\n", rule, n);
		abort();
	}
	return e->memo;
}

#define RULE(id, when) "rule " id " {\n\ttitle \"t\"\n" \
	"\tseverity error\n\trationale \"r\"\n" \
	"\tscope key \"HKLM\\SYSTEM\\T\\*\"\n\twhen " when "\n"

static void
alike(void)
{
	sf_rules	*rs;
	uint32_t	 v, env;
	int		 n;
	const expr	*fx;

	rs = t_compile("language 1\n"
	    RULE("T-001", "value \"v\" == \"x\" and name matches /ab/ and "
	    "value \"v\" at \"HKLM\\SYSTEM\\T\" == \"x\" and "
	    "any value (name == \"q\") and env == \"W\" and "
	    "has value \"h\" and data is sz") "}\n"
	    RULE("T-002", "value \"v\" == \"x\" or name matches /ab/i or "
	    "value \"V\" == \"x\" or value \"v\" == \"y\" or "
	    "value \"v\" at \"HKLM\\SYSTEM\\T\" == \"x\" or "
	    "any value (name == \"q\") or has value \"h\" at \"HKLM\\SYSTEM\\T\"")
	    "\tfix delete-key if value \"v\" == \"x\"\n}\n"
	    RULE("T-003", "env == \"W\" and name == \"once\" and "
	    "has value \"h\" and data is sz") "}\n");
	v = memo_of(rs, 0, 0);
	env = memo_of(rs, 0, 4);
	CHECK(v != 0 && memo_of(rs, 1, 0) == v, "value \"v\" == \"x\" in "
	    "two rules shares a number (%u, %u)", v, memo_of(rs, 1, 0));
	n = 0;
	fx = leaf(rs->rule[1]->fixes[0].cond, &n);
	CHECK(fx != NULL && fx->memo == v, "a fix's condition shares it too");
	CHECK(env != 0 && env != v && memo_of(rs, 2, 0) == env,
	    "env == \"W\" shares another number (%u, %u)", env,
	    memo_of(rs, 2, 0));
	CHECK(memo_of(rs, 0, 5) != 0 && memo_of(rs, 0, 5) == memo_of(rs, 2, 2),
	    "has value \"h\" without a path is shared");
	CHECK(memo_of(rs, 0, 6) != 0 && memo_of(rs, 0, 6) == memo_of(rs, 2, 3),
	    "data is sz is shared");
	CHECK(memo_of(rs, 0, 1) == 0 && memo_of(rs, 1, 1) == 0,
	    "/ab/ and /ab/i are two tests, each written once");
	CHECK(memo_of(rs, 1, 2) == 0, "\"V\" is not \"v\": written once");
	CHECK(memo_of(rs, 1, 3) == 0, "== \"y\" is not == \"x\"");
	CHECK(memo_of(rs, 0, 2) == 0 && memo_of(rs, 1, 4) == 0,
	    "a value read at a path is never shared");
	CHECK(memo_of(rs, 0, 3) == 0 && memo_of(rs, 1, 5) == 0,
	    "a quantifier is never shared");
	CHECK(memo_of(rs, 1, 6) == 0, "has value at a path is never shared");
	CHECK(memo_of(rs, 2, 1) == 0, "a test written once has no number");
	CHECK(rs->nmemo == 4, "four numbers in all (got %u)", rs->nmemo);
	sf_rules_free(rs);
}

/* The shipped LPR rules: LPR-004 repeats LPR-001's and LPR-003's tests. */
static void
shipped(void)
{
	sf_compiler	*c = NULL;
	sf_rules	*rs = NULL;
	sf_error	*e = NULL;
	const sf_rule	*r4;
	size_t		 i;
	int		 n, shared = 0, leaves = 0;

	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	if (sf_compiler_add_file(c, "rules/lpr.rules", &e) != SF_OK ||
	    sf_compiler_finish(c, &rs, &e) != SF_OK) {
		CHECK(0, "rules/lpr.rules compiles: %s", sf_error_message(e));
		sf_error_free(e);
		sf_compiler_free(c);
		return;
	}
	sf_compiler_free(c);
	r4 = sf_rules_find(rs, "LPR-004");
	for (i = 0; r4 != NULL; i++) {
		const expr *t;

		n = (int)i;
		if ((t = leaf(r4->when, &n)) == NULL)
			break;
		leaves++;
		shared += t->memo != 0;
	}
	CHECK(r4 != NULL && leaves == 7 && shared == 6, "LPR-004: 6 of its 7 "
	    "tests are LPR-001's and LPR-003's (got %d of %d)", shared,
	    leaves);
	sf_rules_free(rs);
}

int
main(void)
{
	alarm(T_ALARM);
	alike();
	shipped();
	T_DONE();
}
