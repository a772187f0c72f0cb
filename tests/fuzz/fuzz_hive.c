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
 * Hive bytes -> machine view -> scan with the shipped rules -> plan ->
 * the .reg plan writer, and every finding's strings escaped in every
 * style.  The base-block checksum is recomputed so the fuzzer's
 * mutations reach the cells rather than stopping at the checksum.  An
 * input may carry the hive's transaction logs after FZ_LOG_SEP (see
 * fuzz.h): they are replayed, their hashes made right so that mutations
 * reach the pages they write.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

/*
 * A name in JSON as the contract says it, a unit at a time: the escapes
 * the library finds eight bytes or four units at a time must be these.
 */
static char *
json_ref(sf_name n)
{
	char	*r, *o;
	size_t	 i;

	if ((r = calloc(n.len * 6 + 1, 1)) == NULL)
		fz_fail("out of memory", NULL);
	for (o = r, i = 0; i < n.len; i++) {
		if (n.u[i] == '"' || n.u[i] == '\\') {
			*o++ = '\\';
			*o++ = (char)n.u[i];
		} else if (n.u[i] == '\n' || n.u[i] == '\r' || n.u[i] == '\t') {
			*o++ = '\\';
			*o++ = n.u[i] == '\n' ? 'n' : n.u[i] == '\r' ? 'r' : 't';
		} else if (n.u[i] >= 0x20 && n.u[i] < 0x7F)
			*o++ = (char)n.u[i];
		else
			o += sprintf(o, "\\u%04x", n.u[i]);
	}
	return r;
}

static void
check_json(sf_text *t, sf_name n)
{
	const char	*got = sf_escape_name_to(t, n, SF_ESC_JSON);
	char		*want = json_ref(n);

	if (got != NULL && strcmp(got, want) != 0)
		fz_fail("a name escaped for JSON differs from the unit-by-unit "
		    "reference", got);
	free(want);
}

static void
touch_findings(const sf_report *rep)
{
	const sf_finding	*f;
	size_t			 i, j;
	char			*s;
	const char		*r;
	int			 style;
	sf_text			*t;

	if ((t = sf_text_new()) == NULL)
		fz_fail("out of memory", NULL);
	for (i = 0; i < sf_report_count(rep); i++) {
		f = sf_report_get(rep, i);
		(void)strlen(sf_finding_message(f));
		/* Into a reused text: the same as a string of its own. */
		s = sf_escape_utf8(sf_finding_message(f), SF_ESC_JSON);
		r = sf_escape_utf8_to(t, sf_finding_message(f), SF_ESC_JSON);
		if (s != NULL && r != NULL && strcmp(s, r) != 0)
			fz_fail("a message escaped into a text differs", r);
		free(s);
		for (style = SF_ESC_TEXT; style <= SF_ESC_CSV; style++)
			for (j = 0; j < 2; j++) {
				s = sf_finding_path_string(f, (int)j,
				    (sf_escape_style)style);
				r = sf_finding_path_to(t, f, (int)j,
				    (sf_escape_style)style);
				if (s != NULL && r != NULL && strcmp(s, r) != 0)
					fz_fail("a path escaped into a text "
					    "differs", r);
				free(s);
			}
		for (j = 0; j < sf_finding_hive_path_len(f); j++)
			check_json(t, sf_finding_hive_path_name(f, j));
		if (sf_finding_has_value(f)) {
			s = sf_escape_name(sf_finding_value(f), SF_ESC_JSON);
			free(s);
			check_json(t, sf_finding_value(f));
		}
	}
	sf_text_free(t);
}

/*
 * The findings of a scan as one string (rule, path, message each), to
 * compare a scan that holds every key with one that unloads them.
 */
static char *
digest(const sf_report *rep)
{
	const sf_finding	*f;
	size_t			 i, len = 0, cap = 1024, n;
	char			*d, *nd, *path;
	const char		*parts[3];
	int			 j;

	if ((d = calloc(cap, 1)) == NULL)
		fz_fail("out of memory", NULL);
	for (i = 0; i < sf_report_count(rep); i++) {
		f = sf_report_get(rep, i);
		path = sf_finding_path_string(f, 0, SF_ESC_TEXT);
		parts[0] = sf_rule_id(sf_finding_rule(f));
		parts[1] = path != NULL ? path : "?";
		parts[2] = sf_finding_message(f);
		for (j = 0; j < 3; j++) {
			n = strlen(parts[j]);
			while (len + n + 2 > cap) {
				if ((nd = realloc(d, cap * 2)) == NULL)
					fz_fail("out of memory", NULL);
				d = nd;
				cap *= 2;
			}
			memcpy(d + len, parts[j], n);
			len += n;
			d[len++] = j < 2 ? '|' : '\n';
			d[len] = '\0';
		}
		free(path);
	}
	return d;
}

/*
 * A machine of the one hive, and its scan (NULL when the scan failed).
 * An unreadable hive is recorded on the machine, not fatal.
 */
static sf_report *
scan_file(const sf_rules *rules, const char *hive, sf_machine **mp)
{
	sf_report	*rep = NULL;
	sf_error	*err = NULL;
	sf_scan_opts	 so = { 1, 0 };

	if (sf_machine_new(mp, &err) != SF_OK)
		fz_fail("sf_machine_new", NULL);
	(void)sf_machine_add_file(*mp, hive, SF_HIVE_UNKNOWN, NULL, &err);
	sf_error_free(err);
	err = NULL;
	if (sf_scan(*mp, rules, &so, &rep, &err) != SF_OK)
		rep = NULL;
	sf_error_free(err);
	return rep;
}

/*
 * The same hive scanned another way, set by a test variable of
 * spoolfix(1), or two: every key unloaded once passed, or every scope
 * walking on its own instead of sharing one walk (and every rule
 * evaluated on every object, without prefilters).
 */
static char *
scan_with(const sf_rules *rules, const char *hive, const char *var,
    const char *var2, const char *var3)
{
	sf_machine	*m = NULL;
	sf_report	*rep;
	char		*d = NULL;
	const char	*vars[3];
	size_t		 i;

	vars[0] = var;
	vars[1] = var2;
	vars[2] = var3;
	for (i = 0; i < 3; i++)
		if (vars[i] != NULL)
			setenv(vars[i], "1", 1);
	if ((rep = scan_file(rules, hive, &m)) != NULL) {
		d = digest(rep);
		sf_report_free(rep);
	}
	sf_machine_free(m);
	for (i = 0; i < 3; i++)
		if (vars[i] != NULL)
			unsetenv(vars[i]);
	return d;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sf_rules	*rules = fz_shipped_rules();
	sf_machine	*m = NULL;
	sf_report	*rep;
	sf_plan		*plan = NULL;
	sf_error	*err = NULL;
	const char	*hive;
	char		 reg[700];
	size_t		 i;
	char		*s;

	hive = fz_write_with_logs("SYSTEM", data, size);
	if ((rep = scan_file(rules, hive, &m)) != NULL) {
		char *held = digest(rep), *other;

		touch_findings(rep);
		/* Unloading and streaming never change what is found. */
		if ((other = scan_with(rules, hive,
		    "SPOOLFIX_TEST_UNLOAD_ALL", NULL, NULL)) != NULL &&
		    strcmp(held, other) != 0)
			fz_fail("a scan that unloads keys found otherwise",
			    hive);
		free(other);
		/*
		 * Nor do the walk the scopes share, the prefilters that skip
		 * rules and the tests rules share: here every scope walks
		 * alone, every rule looks at every object and evaluates
		 * every test itself.
		 */
		if ((other = scan_with(rules, hive,
		    "SPOOLFIX_TEST_SEPARATE_WALKS",
		    "SPOOLFIX_TEST_NO_PREFILTER",
		    "SPOOLFIX_TEST_PLAIN_EVAL")) != NULL &&
		    strcmp(held, other) != 0)
			fz_fail("a scan whose scopes walk separately and "
			    "whose rules see every object and share no test "
			    "found otherwise", hive);
		free(other);
		free(held);
		if (sf_plan_build(m, rep, &plan, &err) == SF_OK) {
			for (i = 0; i < sf_plan_count(plan); i++) {
				s = sf_plan_describe(plan, i);
				free(s);
				s = sf_plan_key_string(plan, i, SF_ESC_CSV);
				free(s);
			}
			snprintf(reg, sizeof(reg), "%s/plan.reg", fz_dir());
			unlink(reg);
			(void)sf_plan_write_reg(plan, reg, &err);
			unlink(reg);
			sf_plan_free(plan);
		}
		sf_report_free(rep);
	}
	sf_error_free(err);
	sf_machine_free(m);
	return 0;
}
