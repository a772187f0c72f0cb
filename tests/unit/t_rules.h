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
 * Rule text compiled for a unit test that looks inside the compiled
 * rules (test_prefilter.c, test_shared_tests.c).  Text that does not
 * compile is the test's own mistake: it is shown with the diagnostics
 * and the program aborts.
 */
#ifndef SPOOLFIX_TESTS_T_RULES_H
#define SPOOLFIX_TESTS_T_RULES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spoolfix.h"

static void
t_rules_diag(void *arg, const char *file, unsigned line, unsigned col,
    const char *msg)
{
	(void)arg;
	fprintf(stderr, "%s:%u:%u: %s\n", file, line, col, msg);
}

static sf_rules *
t_compile(const char *text)
{
	sf_compiler	*c = NULL;
	sf_rules	*rs = NULL;
	sf_error	*e = NULL;

	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	sf_compiler_set_diag(c, t_rules_diag, NULL);
	sf_compiler_add_string(c, "t.rules", text, strlen(text), NULL);
	if (sf_compiler_finish(c, &rs, &e) != SF_OK) {
		fprintf(stderr, "%s\n%s\n", text, sf_error_message(e));
		abort();
	}
	sf_error_free(e);
	sf_compiler_free(c);
	return rs;
}

#endif
