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
 * sf_plan_fixed() finds the change that fixes a finding by the plan's
 * order instead of asking sf_plan_fixes() of every change: it must say
 * what that loop says, for every finding of the sample machine and of
 * a port deleted with a finding on a key below it, with every change
 * selected, with every other one left out, and with none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scan/report.h"
#include "write/plan.h"
#include "t.h"

/* A hive of the texts a and b, and c if not NULL, at out. */
static int
make(const char *out, const char *a, const char *b, const char *c)
{
	char cmd[2000];

	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\" && "
	    "cat '%s' '%s' %s%s%s | fixtures/mkhive -o '%s' -", out, a, b,
	    c != NULL ? "'" : "", c != NULL ? c : "", c != NULL ? "'" : "",
	    out);
	return system(cmd) == 0 ? 0 : -1;
}

/*
 * A port whose name holds a comma (LPR-001 deletes it) and whose
 * Timeouts hold a string where a REG_DWORD belongs (LPR-006, on a key
 * below it): deleting the port fixes both.
 */
static const char below_text[] =
    "[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\"
    "bad,port:q]\n"
    "\"Server Name\"=\"bad\"\n\"Printer Name\"=\"q\"\n"
    "[ControlSet002\\Control\\Print\\Monitors\\LPR Port\\Ports\\"
    "bad,port:q\\Timeouts]\n"
    "\"CommandTimeout\"=\"120\"\n";

/* What sf_plan_fixed() replaces: every change asked in turn. */
static int
fixed_by_loop(const sf_plan *p, const sf_finding *f)
{
	size_t k;

	for (k = 0; k < sf_plan_count(p); k++)
		if (sf_plan_selected(p, k) && sf_plan_fixes(p, k, f))
			return 1;
	return 0;
}

/* Findings where the two answers differ; *nfixed the fixed ones. */
static size_t
disagree(const sf_plan *p, const sf_report *r, size_t *nfixed)
{
	size_t i, bad = 0;

	*nfixed = 0;
	for (i = 0; i < sf_report_count(r); i++) {
		const sf_finding *f = sf_report_get(r, i);
		int want = fixed_by_loop(p, f);

		bad += sf_plan_fixed(p, f) != want;
		*nfixed += want;
	}
	return bad;
}

int
main(void)
{
	char		 dir[] = "/tmp/spoolfix-plan.XXXXXX", path[512];
	char		 text[512];
	FILE		*tf;
	sf_compiler	*c = NULL;
	sf_rules	*rules = NULL;
	sf_machine	*m = NULL;
	sf_report	*rep = NULL;
	sf_plan		*p = NULL;
	sf_error	*e = NULL;
	sf_scan_opts	 opts;
	size_t		 i, k, n, below = 0, same = 0, all, half;

	alarm(T_ALARM);
	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		T_DONE();
	}
	snprintf(text, sizeof(text), "%s/below.hreg", dir);
	if ((tf = fopen(text, "w")) != NULL) {
		fputs(below_text, tf);
		fclose(tf);
	}
	snprintf(path, sizeof(path), "%s/Windows/System32/config/SYSTEM", dir);
	CHECK(tf != NULL && make(path, "fixtures/base/system.hreg",
	    "fixtures/sample/system-faults.hreg", text) == 0, "SYSTEM made");
	snprintf(path, sizeof(path), "%s/Windows/System32/config/SOFTWARE",
	    dir);
	CHECK(make(path, "fixtures/base/software.hreg",
	    "fixtures/sample/software-faults.hreg", NULL) == 0,
	    "SOFTWARE made");
	snprintf(path, sizeof(path), "%s/Users/alice/NTUSER.DAT", dir);
	CHECK(make(path, "fixtures/base/ntuser.hreg",
	    "fixtures/sample/ntuser-alice-faults.hreg", NULL) == 0,
	    "alice made");
	memset(&opts, 0, sizeof(opts));
	if (sf_compiler_new(&c, &e) != SF_OK ||
	    sf_compiler_add_dir(c, "rules", &e) != SF_OK ||
	    sf_compiler_finish(c, &rules, &e) != SF_OK ||
	    sf_machine_new(&m, &e) != SF_OK ||
	    sf_machine_add_root(m, dir, &e) != SF_OK ||
	    sf_scan(m, rules, &opts, &rep, &e) != SF_OK ||
	    sf_plan_build(m, rep, &p, &e) != SF_OK) {
		CHECK(0, "scan and plan of the sample: %s",
		    e != NULL ? sf_error_message(e) : "failed");
		goto out;
	}
	n = sf_plan_count(p);
	CHECK(n > 5, "the sample's plan has changes (%zu)", n);
	/* The cases the search must find: a deletion above the finding's
	 * key, and a change at its own key. */
	for (i = 0; i < sf_report_count(rep); i++) {
		const struct sf_finding *f = sf_report_get(rep, i);

		for (k = 0; k < n; k++)
			if (sf_plan_fixes(p, k, f)) {
				below += p->c[k].path.n < f->hpath.n;
				same += p->c[k].path.n == f->hpath.n;
			}
	}
	CHECK(below > 0, "findings fixed by deleting a key above theirs: %zu",
	    below);
	CHECK(same > 0, "findings fixed by a change of their own key: %zu",
	    same);

	CHECK_INT(disagree(p, rep, &all), 0, "every change selected: "
	    "findings where sf_plan_fixed and the loop differ");
	CHECK(all > 0 && all < sf_report_count(rep), "some findings fixed "
	    "(%zu of %zu), not all", all, sf_report_count(rep));
	for (k = 0; k < n; k += 2)
		sf_plan_select(p, k, 0);
	CHECK_INT(disagree(p, rep, &half), 0, "every other change left out: "
	    "findings where they differ");
	CHECK(half < all, "fewer fixed with half the changes (%zu < %zu)",
	    half, all);
	for (k = 0; k < n; k++)
		sf_plan_select(p, k, 0);
	CHECK_INT(disagree(p, rep, &half), 0, "no change selected: findings "
	    "where they differ");
	CHECK_INT(half, 0, "no change selected: findings fixed");
out:
	sf_error_free(e);
	sf_plan_free(p);
	sf_report_free(rep);
	sf_machine_free(m);
	sf_rules_free(rules);
	sf_compiler_free(c);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	(void)system(path);
	T_DONE();
}
