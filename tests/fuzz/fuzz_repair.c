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
 * Hive bytes -> machine -> scan -> plan -> "spoolfix repair" into a
 * scratch folder.  The safety contract under hostile input: either the
 * repair is applied and the new hive reads back sound, or it is refused
 * and the hive is byte-identical.  A damaged hive written is a crash.
 * The undo file of an applied repair must read back strictly, whatever
 * the names (extension lines hold those a plain line cannot), and, for a
 * SYSTEM hive, apply to the repaired hive, verify, and bring back as
 * many findings as the scan before the repair had.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "hive/dotreg_in.h"

static void
check(const char *hive, const uint8_t *orig, size_t orig_len, int applied)
{
	sf_machine	*m = NULL;
	sf_error	*err = NULL;
	uint8_t		*now;
	size_t		 n;

	if ((now = fz_read(hive, &n)) == NULL)
		fz_fail("the hive is gone after repair", hive);
	if (!applied && (n != orig_len ||
	    memcmp(now, orig, orig_len) != 0))
		fz_fail("a refused repair changed the hive", hive);
	free(now);
	if (!applied)
		return;
	if (sf_machine_new(&m, &err) != SF_OK)
		fz_fail("sf_machine_new", NULL);
	if (sf_machine_add_file(m, hive, SF_HIVE_UNKNOWN, NULL, &err) != SF_OK ||
	    !sf_hive_readable(sf_machine_hive(m, 0)) ||
	    sf_hive_corrupt(sf_machine_hive(m, 0)))
		fz_fail("repair wrote a hive that does not read back sound",
		    err != NULL ? sf_error_message(err) : hive);
	sf_error_free(err);
	sf_machine_free(m);
}

/* The undo file of an applied repair reads back, and applies. */
static void
check_undo(const char *hive, const char *bak, sf_hive_kind kind,
    size_t findings)
{
	reg_in		 in;
	sf_repair	*res = NULL;
	sf_repair_opts	 ro = { 0 };
	sf_scan_opts	 so = { 0 };
	sf_machine	*m = NULL;
	sf_report	*rep = NULL;
	sf_error	*err = NULL;
	char		 undo[800], bk2[800];

	snprintf(undo, sizeof(undo), "%s/undo.reg", bak);
	snprintf(bk2, sizeof(bk2), "%s2", bak);
	if (reg_in_parse(undo, &in, &err) != SF_OK)
		fz_fail("the undo file of a repair does not read back",
		    err != NULL ? sf_error_message(err) : undo);
	reg_in_free(&in);
	if (kind != SF_HIVE_SYSTEM)
		return;
	ro.backup_dir = bk2;
	if (sf_undo_run(undo, hive, &ro, &res, &err) != SF_OK)
		fz_fail("the undo file of a repair does not apply",
		    err != NULL ? sf_error_message(err) : undo);
	sf_repair_free(res);
	if (sf_machine_new(&m, &err) != SF_OK ||
	    sf_machine_add_file(m, hive, SF_HIVE_UNKNOWN, NULL, &err) !=
	    SF_OK || sf_scan(m, fz_shipped_rules(), &so, &rep, &err) != SF_OK)
		fz_fail("the undone hive does not scan",
		    err != NULL ? sf_error_message(err) : hive);
	if (sf_report_count(rep) != findings)
		fz_fail("the undo did not bring back every finding the repair "
		    "fixed", hive);
	sf_report_free(rep);
	sf_machine_free(m);
	sf_error_free(err);
}

/*
 * The changes a plan makes, one line each (what, and on which key), or
 * NULL when the hive gives no plan.  The caller frees it.
 */
static char *
plan_text(const char *hive, sf_plan **keep, sf_machine **mp,
    sf_report **repp, sf_error **errp)
{
	sf_scan_opts	 so = { 0 };
	sf_plan		*plan = NULL;
	char		*text = NULL, *d, *k, *t;
	size_t		 i, len = 0;

	if (sf_machine_new(mp, errp) != SF_OK)
		fz_fail("sf_machine_new", NULL);
	if (sf_machine_add_file(*mp, hive, SF_HIVE_UNKNOWN, NULL, errp) !=
	    SF_OK || sf_scan(*mp, fz_shipped_rules(), &so, repp, errp) !=
	    SF_OK || sf_plan_build(*mp, *repp, &plan, errp) != SF_OK)
		return NULL;
	if ((text = strdup("")) == NULL)
		fz_fail("out of memory", NULL);
	for (i = 0; i < sf_plan_count(plan); i++) {
		d = sf_plan_describe(plan, i);
		k = sf_plan_key_string(plan, i, SF_ESC_JSON);
		len += (d != NULL ? strlen(d) : 0) + (k != NULL ?
		    strlen(k) : 0) + 3;
		if ((t = realloc(text, len + 1)) == NULL)
			fz_fail("out of memory", NULL);
		text = t;
		strcat(text, d != NULL ? d : "");
		strcat(text, " @ ");
		strcat(text, k != NULL ? k : "");
		text[len - 1] = '\n';
		text[len] = '\0';
		free(d);
		free(k);
	}
	*keep = plan;
	return text;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sf_rules	*rules = fz_shipped_rules();
	sf_machine	*m = NULL;
	sf_report	*rep = NULL;
	sf_plan		*plan = NULL;
	sf_repair	*res = NULL;
	sf_error	*err = NULL;
	sf_repair_opts	 ro = { 0 };
	uint8_t		*copy;
	char		*held, *unloaded;
	char		 hive[700], bak[700];
	sf_status	 st;
	int		 applied;

	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	fz_fix_checksum(copy, size);
	fz_clear("");
	snprintf(hive, sizeof(hive), "%s", fz_write("SYSTEM", copy, size));
	snprintf(bak, sizeof(bak), "%s/backup", fz_dir());

	/*
	 * The plan is made twice: from a scan that holds every key, and
	 * from one that unloads them (SPOOLFIX_TEST_UNLOAD_ALL; fuzz
	 * inputs are too small to be unloaded otherwise).  They must be
	 * the same, and the repair is run from the second, whose findings
	 * hold only the keys they kept.
	 */
	held = plan_text(hive, &plan, &m, &rep, &err);
	sf_plan_free(plan);
	plan = NULL;
	sf_report_free(rep);
	rep = NULL;
	sf_machine_free(m);
	m = NULL;
	sf_error_free(err);
	err = NULL;
	setenv("SPOOLFIX_TEST_UNLOAD_ALL", "1", 1);
	unloaded = plan_text(hive, &plan, &m, &rep, &err);
	unsetenv("SPOOLFIX_TEST_UNLOAD_ALL");
	if ((held == NULL) != (unloaded == NULL) || (held != NULL &&
	    strcmp(held, unloaded) != 0))
		fz_fail("a scan that unloads keys planned otherwise",
		    unloaded != NULL ? unloaded : "no plan");
	free(held);
	free(unloaded);
	if (plan != NULL && sf_plan_count(plan) > 0) {
		ro.backup_dir = bak;
		ro.rules = rules;
		st = sf_repair_run(m, plan, &ro, &res, &err);
		if (st != SF_OK && err == NULL)
			fz_fail("repair failed without an error", NULL);
		applied = st == SF_OK && res != NULL &&
		    sf_repair_count(res) > 0 &&
		    sf_repair_state_of(res, 0) == SF_REPAIR_APPLIED;
		check(hive, copy, size, applied);
		if (applied)
			check_undo(hive, bak, sf_hive_kind_of(
			    sf_machine_hive(m, 0)), sf_report_count(rep));
	}
	sf_repair_free(res);
	sf_plan_free(plan);
	sf_report_free(rep);
	sf_error_free(err);
	sf_machine_free(m);
	free(copy);
	return 0;
}
