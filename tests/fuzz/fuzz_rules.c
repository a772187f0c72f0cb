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
 * Rule text -> compiler (with diagnostics) -> scan of a small machine:
 * the sample machine that "make fuzz" builds from fixtures/ (or the
 * folder in SPOOLFIX_FUZZ_MACHINE).  Rule files come from sites we do
 * not control, so the compiler and the evaluator are hostile-input code.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static unsigned	ndiag;

static void
diag(void *arg, const char *file, unsigned line, unsigned col,
    const char *msg)
{
	(void)arg; (void)file; (void)line; (void)col;
	/* A compiler that reports without end never stops (defect 1). */
	if (++ndiag > 100000)
		fz_fail("more than 100,000 diagnostics for one input", msg);
}

static sf_machine *
machine(void)
{
	static sf_machine	*m;
	sf_error		*err = NULL;
	const char		*d = getenv("SPOOLFIX_FUZZ_MACHINE");

	if (m != NULL)
		return m;
	if (d == NULL)
		d = "tests/fuzz/work/machine";
	if (sf_machine_new(&m, &err) != SF_OK ||
	    sf_machine_add_root(m, d, &err) != SF_OK)
		fz_fail("cannot read the sample machine (make fuzz builds it; "
		    "or set SPOOLFIX_FUZZ_MACHINE)", d);
	return m;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sf_compiler	*c = NULL;
	sf_rules	*rules = NULL;
	sf_report	*rep = NULL;
	sf_error	*err = NULL;
	sf_scan_opts	 so = { 1, 0 };
	char		*text;
	size_t		 i;

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	ndiag = 0;
	if (sf_compiler_new(&c, &err) != SF_OK)
		fz_fail("sf_compiler_new", NULL);
	sf_compiler_set_diag(c, diag, NULL);
	if (sf_compiler_add_string(c, "fuzz.rules", text, size, &err) ==
	    SF_OK && sf_compiler_finish(c, &rules, &err) == SF_OK) {
		for (i = 0; i < sf_rules_count(rules); i++)
			(void)sf_rule_id(sf_rules_get(rules, i));
		if (sf_scan(machine(), rules, &so, &rep, &err) == SF_OK)
			sf_report_free(rep);
		sf_rules_free(rules);
	} else if (sf_compiler_errors(c) == 0 && err == NULL)
		fz_fail("compilation failed without a diagnostic or an error",
		    NULL);
	sf_error_free(err);
	sf_compiler_free(c);
	free(text);
	return 0;
}
