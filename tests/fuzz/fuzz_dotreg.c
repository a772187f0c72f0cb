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
 * A .reg export as a scan source: text -> the lenient reader and the
 * in-memory trees (hive/source_reg.c) -> machine view -> scan with the
 * shipped rules and every control set -> plan -> the .reg plan writer.
 * Exports come from support cases and mail: hostile input.  The
 * invariant: the plan written for any export is read back by the strict
 * reader that "spoolfix undo" uses, so a plan can always be applied.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "hive/dotreg_in.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const sf_rules	*rules = fz_shipped_rules();
	sf_machine	*m = NULL;
	sf_report	*rep = NULL;
	sf_plan		*plan = NULL;
	sf_error	*err = NULL;
	sf_scan_opts	 so = { 1, 0 };
	reg_in		 back;
	const char	*path = fz_write("export.reg", data, size);
	char		 reg[700];
	size_t		 i;
	char		*s;

	if (sf_machine_new(&m, &err) != SF_OK)
		fz_fail("sf_machine_new", NULL);
	(void)sf_machine_add_file(m, path, SF_HIVE_UNKNOWN, NULL, &err);
	sf_error_free(err);
	err = NULL;
	if (sf_scan(m, rules, &so, &rep, &err) == SF_OK) {
		for (i = 0; i < sf_report_count(rep); i++) {
			s = sf_finding_path_string(sf_report_get(rep, i), 0,
			    SF_ESC_JSON);
			free(s);
		}
		if (sf_plan_build(m, rep, &plan, &err) == SF_OK) {
			snprintf(reg, sizeof(reg), "%s/plan.reg", fz_dir());
			unlink(reg);
			if (sf_plan_write_reg(plan, reg, &err) == SF_OK) {
				if (reg_in_parse(reg, &back, &err) != SF_OK)
					fz_fail("the plan of an export does not "
					    "read back", err != NULL ?
					    sf_error_message(err) : NULL);
				reg_in_free(&back);
			}
			unlink(reg);
			sf_plan_free(plan);
		}
		sf_report_free(rep);
	}
	sf_error_free(err);
	sf_machine_free(m);
	return 0;
}
