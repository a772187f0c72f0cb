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
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sf_rules	*rules = fz_shipped_rules();
	sf_machine	*m = NULL;
	sf_report	*rep = NULL;
	sf_plan		*plan = NULL;
	sf_repair	*res = NULL;
	sf_error	*err = NULL;
	sf_scan_opts	 so = { 0 };
	sf_repair_opts	 ro = { 0 };
	uint8_t		*copy;
	char		 hive[700], bak[700];
	sf_status	 st;

	if ((copy = malloc(size + 1)) == NULL)
		return 0;
	memcpy(copy, data, size);
	fz_fix_checksum(copy, size);
	fz_clear("");
	snprintf(hive, sizeof(hive), "%s", fz_write("SYSTEM", copy, size));
	snprintf(bak, sizeof(bak), "%s/backup", fz_dir());

	if (sf_machine_new(&m, &err) != SF_OK)
		fz_fail("sf_machine_new", NULL);
	if (sf_machine_add_file(m, hive, SF_HIVE_UNKNOWN, NULL, &err) ==
	    SF_OK && sf_scan(m, rules, &so, &rep, &err) == SF_OK &&
	    sf_plan_build(m, rep, &plan, &err) == SF_OK &&
	    sf_plan_count(plan) > 0) {
		ro.backup_dir = bak;
		ro.rules = rules;
		st = sf_repair_run(m, plan, &ro, &res, &err);
		if (st != SF_OK && err == NULL)
			fz_fail("repair failed without an error", NULL);
		check(hive, copy, size, st == SF_OK && res != NULL &&
		    sf_repair_count(res) > 0 &&
		    sf_repair_state_of(res, 0) == SF_REPAIR_APPLIED);
	}
	sf_repair_free(res);
	sf_plan_free(plan);
	sf_report_free(rep);
	sf_error_free(err);
	sf_machine_free(m);
	free(copy);
	return 0;
}
