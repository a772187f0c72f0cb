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
 * .reg bytes -> "spoolfix undo" applied to a copy of the sample SYSTEM
 * hive in a scratch folder.  Whatever the file says, the outcome is
 * either a hive that reads back sound, or a refusal that left the hive
 * byte-identical: never a damaged hive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static uint8_t	*orig;
static size_t	 orig_len;

static void
load_sample(void)
{
	const char	*d = getenv("SPOOLFIX_FUZZ_MACHINE");
	char		 p[1024];

	if (orig != NULL)
		return;
	snprintf(p, sizeof(p), "%s/Windows/System32/config/SYSTEM",
	    d != NULL ? d : "tests/fuzz/work/machine");
	if ((orig = fz_read(p, &orig_len)) == NULL)
		fz_fail("cannot read the sample SYSTEM hive (make fuzz builds "
		    "it; or set SPOOLFIX_FUZZ_MACHINE)", p);
}

/* The hive after the attempt: sound, or exactly what it was. */
static void
check_hive(const char *hive, int applied)
{
	sf_machine	*m = NULL;
	sf_error	*err = NULL;
	uint8_t		*now;
	size_t		 len;

	if ((now = fz_read(hive, &len)) == NULL)
		fz_fail("the hive is gone after undo", hive);
	if (!applied && (len != orig_len || memcmp(now, orig, len) != 0))
		fz_fail("a refused undo changed the hive", hive);
	free(now);
	if (!applied)
		return;
	if (sf_machine_new(&m, &err) != SF_OK)
		fz_fail("sf_machine_new", NULL);
	if (sf_machine_add_file(m, hive, SF_HIVE_SYSTEM, NULL, &err) != SF_OK ||
	    !sf_hive_readable(sf_machine_hive(m, 0)) ||
	    sf_hive_corrupt(sf_machine_hive(m, 0)))
		fz_fail("undo wrote a hive that does not read back sound",
		    err != NULL ? sf_error_message(err) : hive);
	sf_error_free(err);
	sf_machine_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sf_repair_opts	 ro = { 0 };
	sf_repair	*res = NULL;
	sf_error	*err = NULL;
	char		 hive[700], bak[700], reg[700];
	sf_status	 st;

	load_sample();
	fz_clear("");
	/* fz_write returns one static buffer: copy each path. */
	snprintf(reg, sizeof(reg), "%s", fz_write("undo.reg", data, size));
	snprintf(hive, sizeof(hive), "%s", fz_write("SYSTEM", orig, orig_len));
	snprintf(bak, sizeof(bak), "%s/backup", fz_dir());
	ro.backup_dir = bak;
	st = sf_undo_run(reg, hive, &ro, &res, &err);
	check_hive(hive, st == SF_OK && res != NULL &&
	    sf_repair_count(res) > 0 &&
	    sf_repair_state_of(res, 0) == SF_REPAIR_APPLIED);
	if (st != SF_OK && err == NULL)
		fz_fail("undo failed without an error", NULL);
	sf_repair_free(res);
	sf_error_free(err);
	return 0;
}
