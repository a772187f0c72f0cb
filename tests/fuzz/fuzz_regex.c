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
 * Pattern and subjects -> regex compiler -> the VM and the DFA
 * (lib/base/regex_dfa.c), which must agree on every subject: rule files
 * and key names are both hostile input.  The input is UTF-16LE units:
 * the first holds the flags (bit 0: case-insensitive) and, above them,
 * the pattern's length; the pattern follows, then the subject material,
 * cut into up to eight subjects at units chosen from the input itself.
 * Each subject is also searched 40 times through sf_regex_search, which
 * moves from the VM to the DFA on the 32nd, and must answer the same.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "base/regex_int.h"

static void
agree(const struct sf_regex *re, const struct re_dfa *d, const uint16_t *s,
    size_t n)
{
	int vm = re_run_vm(re, s, n);

	if (vm == -1)
		return;		/* no memory: nothing to compare */
	if (d != NULL && n > 0 && re_dfa_search(d, s, n) != vm)
		fz_fail("the DFA and the VM disagree", NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sf_regex	*re = NULL;
	struct re_dfa	*d;
	uint16_t	*u;
	size_t		 n = size / 2, plen, i, k, a, b;
	char		 err[128];
	int		 want;

	if (n < 1 || (u = calloc(n, sizeof(*u))) == NULL)
		return 0;
	for (i = 0; i < n; i++)
		u[i] = (uint16_t)(data[2 * i] | data[2 * i + 1] << 8);
	plen = (u[0] >> 1) % n;		/* at most n - 1: after u[0] */
	if (sf_regex_compile(u + 1, plen, (u[0] & 1) ? SF_RE_ICASE : 0, &re,
	    err, sizeof(err), NULL) != 0) {
		free(u);
		return 0;
	}
	d = re_dfa_build(re);
	a = 1 + plen;
	/* The whole rest, then up to eight slices of it. */
	agree(re, d, u + a, n - a);
	for (k = 0; k < 8 && n - a > 0; k++) {
		i = u[(k * 7 + 3) % n] % (n - a + 1);
		b = i + u[(k * 11 + 5) % n] % (n - a - i + 1);
		agree(re, d, u + a + i, b - i);
	}
	/* The public search, across the switch from the VM to the DFA. */
	want = re_run_vm(re, u + a, n - a);
	for (k = 0; k < 40 && want != -1; k++)
		if (sf_regex_search(re, u + a, n - a) != want)
			fz_fail("a search answered otherwise after its DFA "
			    "was built", NULL);
	re_dfa_free(d);
	sf_regex_free(re);
	free(u);
	return 0;
}
