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
 * The keyword table of the rule lexer (lib/rules/keyword.c): every
 * keyword is found as itself, and a word is a keyword exactly when it
 * is spelt as one.  The words tried are each keyword and its near
 * misses (a letter more or less, another case, a letter changed), which
 * are the words a hash table with a wrong probe or length check takes
 * for a keyword, or misses.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "rules/keyword.h"
#include "t.h"

/* The keyword spelt w[0..n), by a search of every name. */
static kw_id
spelt(const char *w, size_t n)
{
	const char	*name;
	int		 k;

	for (k = KW_NONE + 1; k < KW_MAX; k++)
		if ((name = kw_name((kw_id)k)) != NULL &&
		    strlen(name) == n && memcmp(name, w, n) == 0)
			return (kw_id)k;
	return KW_NONE;
}

static unsigned nwrong;

static void
try(const kw_table *t, const char *w, size_t n)
{
	kw_id got = kw_lookup(t, w, n), want = spelt(w, n);

	if (got != want) {
		nwrong++;
		printf("# \"%.*s\": got %d, want %d\n", (int)n, w, got, want);
	}
}

int
main(void)
{
	kw_table	 t;
	char		 w[64];
	const char	*name;
	size_t		 n;
	int		 k;

	alarm(T_ALARM);
	kw_table_init(&t);
	for (k = KW_NONE + 1; k < KW_MAX; k++) {
		name = kw_name((kw_id)k);
		CHECK(name != NULL && (int)kw_lookup(&t, name, strlen(name)) == k,
		    "keyword %d (%s) is found as itself", k,
		    name != NULL ? name : "?");
	}
	CHECK(kw_name(KW_NONE) == NULL && kw_name(KW_MAX) == NULL,
	    "no name outside the table");
	for (k = KW_NONE + 1; k < KW_MAX; k++) {
		n = strlen(name = kw_name((kw_id)k));
		memcpy(w, name, n);
		try(&t, w, n - 1);		/* a letter less */
		w[n] = 's';
		try(&t, w, n + 1);		/* a letter more */
		w[n] = '-';
		try(&t, w, n + 1);
		w[0] = (char)toupper((unsigned char)w[0]);
		try(&t, w, n);			/* another case */
		memcpy(w, name, n);
		w[n / 2] ^= 1;			/* a letter changed */
		try(&t, w, n);
	}
	try(&t, "", 0);
	try(&t, "resource_requirements_lists", 27);	/* longer than any */
	CHECK(nwrong == 0, "near misses are keywords exactly when spelt as "
	    "one (%u wrong)", nwrong);
	T_DONE();
}
