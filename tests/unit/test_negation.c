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
 * Every spelling of a negation means "not" in front of the positive
 * test: "not X is ipv4" and "X is not ipv4", "not X in ..." and "X not
 * in ...", "not has value" and "missing value".  Each row is a condition
 * evaluated on four keys, and the keys it must hold for: one whose value
 * passes the positive test, one whose value fails it, one without the
 * value, and one whose value is binary (no string or number view).  The
 * absent and binary keys are where the spellings used to differ.
 *
 * The hive is built with fixtures/mkhive, so the test runs from the top
 * of the tree, as tests/run.sh runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spoolfix.h"
#include "t.h"

/* A SYSTEM hive: the keys HKLM\SYSTEM\T\{pass,fail,absent,binary}. */
static const char hive_text[] =
	"!filename SYSTEM\n"
	"[Select]\n"
	"\"Current\"=dword:00000001\n"
	"[ControlSet001\\Control]\n"
	"[T\\pass]\n"
	"\"A\"=\"10.0.0.5\"\n"
	"\"N\"=dword:00000005\n"
	"[T\\fail]\n"
	"\"A\"=\"printer.example\"\n"
	"\"N\"=dword:00000032\n"
	"[T\\absent]\n"
	"[T\\binary]\n"
	"\"A\"=hex:31,00,00,00\n"
	"\"N\"=hex:05,00,00,00\n";

static const char *const keys[] = { "pass", "fail", "absent", "binary" };
#define PASS	1u
#define FAIL	2u
#define ABSENT	4u
#define BINARY	8u
#define NOT_PASS	(FAIL | ABSENT | BINARY)

static const struct {
	const char	*when;
	unsigned	 holds;		/* keys it must be true for */
} rows[] = {
	{ "value \"A\" is ipv4", PASS },
	{ "not value \"A\" is ipv4", NOT_PASS },
	{ "value \"A\" is not ipv4", NOT_PASS },
	{ "value \"A\" is not sz", ABSENT | BINARY },
	{ "not value \"A\" is sz", ABSENT | BINARY },
	{ "value \"A\" in (\"10.0.0.5\", \"x\")", PASS },
	{ "not value \"A\" in (\"10.0.0.5\", \"x\")", NOT_PASS },
	{ "value \"A\" not in (\"10.0.0.5\", \"x\")", NOT_PASS },
	{ "value \"A\" in set s", PASS },
	{ "not value \"A\" in set s", NOT_PASS },
	{ "value \"A\" not in set s", NOT_PASS },
	{ "value \"N\" in 1..10", PASS },
	{ "not value \"N\" in 1..10", NOT_PASS },
	{ "value \"N\" not in 1..10", NOT_PASS },
	{ "has value \"A\"", PASS | FAIL | BINARY },
	{ "not has value \"A\"", ABSENT },
	{ "missing value \"A\"", ABSENT },
	{ "has value \"A\" at \"..\\absent\"", 0 },
	{ "missing value \"A\" at \"..\\absent\"", NOT_PASS | PASS },
	{ "not has value \"A\" at \"..\\absent\"", NOT_PASS | PASS },
	/* The old meaning of "is not": the value must be there. */
	{ "has value \"A\" and value \"A\" is not ipv4", FAIL | BINARY },
	/* Inside and, or and quantifiers the spellings stay equal. */
	{ "any values (name == \"A\" and data is not ipv4)", FAIL | BINARY },
	{ "any values (name == \"A\" and not data is ipv4)", FAIL | BINARY },
	{ "not (value \"A\" is ipv4 or value \"N\" not in 1..10)", 0 },
	{ "value \"A\" is not ipv4 and value \"N\" not in 1..10",
	  FAIL | ABSENT | BINARY },
};

static int
same_name(sf_name nm, const char *ascii)
{
	size_t i;

	if (nm.len != strlen(ascii))
		return 0;
	for (i = 0; i < nm.len; i++)
		if (nm.u[i] != (uint16_t)ascii[i])
			return 0;
	return 1;
}

/* Which of the four keys a condition is true for, as a mask. */
static int
holds(sf_machine *m, const char *when, unsigned *mask, char *diag,
    size_t diagsz)
{
	sf_compiler	*c = NULL;
	sf_rules	*rs = NULL;
	sf_report	*rep = NULL;
	sf_error	*e = NULL;
	char		 text[1024];
	size_t		 i, j, n;
	sf_name		 nm;

	*mask = 0;
	snprintf(text, sizeof(text), "set s {\n\titems \"10.0.0.5\"\n}\n"
	    "rule T-001 {\n\ttitle \"t\"\n\tseverity error\n"
	    "\trationale \"r\"\n\tscope key \"HKLM\\SYSTEM\\T\\*\"\n"
	    "\twhen %s\n}\n", when);
	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	sf_compiler_add_string(c, "t.rules", text, strlen(text), NULL);
	if (sf_compiler_finish(c, &rs, &e) != SF_OK) {
		snprintf(diag, diagsz, "%s", sf_error_message(e));
		sf_error_free(e);
		sf_compiler_free(c);
		return -1;
	}
	sf_compiler_free(c);
	if (sf_scan(m, rs, NULL, &rep, &e) != SF_OK) {
		snprintf(diag, diagsz, "%s", sf_error_message(e));
		sf_error_free(e);
		sf_rules_free(rs);
		return -1;
	}
	for (i = 0; i < sf_report_count(rep); i++) {
		const sf_finding *f = sf_report_get(rep, i);

		if ((n = sf_finding_path_len(f)) == 0)
			continue;
		nm = sf_finding_path_name(f, n - 1);
		for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
			if (same_name(nm, keys[j]))
				*mask |= 1u << j;
	}
	sf_report_free(rep);
	sf_rules_free(rs);
	return 0;
}

static const char *
names(unsigned mask)
{
	static char	buf[64];
	size_t		j;

	buf[0] = '\0';
	for (j = 0; j < sizeof(keys) / sizeof(keys[0]); j++)
		if (mask & (1u << j)) {
			if (buf[0] != '\0')
				strcat(buf, " ");
			strcat(buf, keys[j]);
		}
	return buf[0] != '\0' ? buf : "(none)";
}

int
main(void)
{
	char		 dir[] = "/tmp/spoolfix-negation.XXXXXX";
	char		 path[256], cmd[512], diag[512], want[64];
	sf_machine	*m = NULL;
	sf_error	*e = NULL;
	FILE		*fp;
	unsigned	 mask;
	size_t		 i;

	alarm(T_ALARM);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/SYSTEM", dir);
	snprintf(cmd, sizeof(cmd), "fixtures/mkhive -o '%s' -", path);
	if ((fp = popen(cmd, "w")) == NULL ||
	    fwrite(hive_text, 1, sizeof(hive_text) - 1, fp) !=
	    sizeof(hive_text) - 1 || pclose(fp) != 0) {
		fprintf(stderr, "cannot build the hive with %s\n", cmd);
		return 1;
	}
	if (sf_machine_new(&m, NULL) != SF_OK ||
	    sf_machine_add_file(m, path, SF_HIVE_SYSTEM, NULL, &e) != SF_OK) {
		fprintf(stderr, "%s: %s\n", path, e != NULL ?
		    sf_error_message(e) : "out of memory");
		return 1;
	}
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		if (holds(m, rows[i].when, &mask, diag, sizeof(diag)) == -1) {
			CHECK(0, "%s: %s", rows[i].when, diag);
			continue;
		}
		snprintf(want, sizeof(want), "%s", names(rows[i].holds));
		CHECK(mask == rows[i].holds, "%s: true for %s, got %s",
		    rows[i].when, want, names(mask));
	}
	sf_machine_free(m);
	unlink(path);
	rmdir(dir);
	T_DONE();
}
