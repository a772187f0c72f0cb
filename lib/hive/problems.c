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
 * The capped list of problems found in a hive.  A hostile hive can hold
 * millions of broken cells; reporting the first few and a count keeps
 * output useful and memory bounded.
 */
#include <stdlib.h>

#include "hive/regf.h"

void
sf_problem_add(sf_problems *pr, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sf_problem_vadd(pr, fmt, ap);
	va_end(ap);
}

void
sf_problem_vadd(sf_problems *pr, const char *fmt, va_list ap)
{
	sf_buf	  b;
	char	**v, *s;

	if (pr->n >= SF_PROBLEMS_MAX) {
		pr->dropped++;
		return;
	}
	sf_buf_init(&b);
	sf_buf_vprintf(&b, fmt, ap);
	if ((s = sf_buf_take(&b)) == NULL) {
		pr->oom = 1;
		return;
	}
	if ((v = sf_reallocarray(pr->v, pr->n + 1, sizeof(*v))) == NULL) {
		pr->oom = 1;
		free(s);
		return;
	}
	pr->v = v;
	pr->v[pr->n++] = s;
}

void
sf_problems_free(sf_problems *pr)
{
	size_t i;

	for (i = 0; i < pr->n; i++)
		free(pr->v[i]);
	free(pr->v);
	pr->v = NULL;
	pr->n = pr->dropped = 0;
}
