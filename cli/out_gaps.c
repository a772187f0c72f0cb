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
 * The hive kinds a scan lacked and the rules it skipped therefore
 * (sf_report_missing), in each output format, so that a scan of SYSTEM
 * alone, or of a folder below the volume, does not read as a clean
 * machine.  Printed only when a kind is missing: the output of a
 * complete machine is as before.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* "SOFTWARE, NTUSER": kind names are fixed words, no escaping needed. */
void
gaps_kinds(FILE *f, const sf_report *r, const char *sep)
{
	size_t i;

	for (i = 0; i < sf_report_missing_count(r); i++)
		fprintf(f, "%s%s", i > 0 ? sep : "",
		    sf_hive_kind_name(sf_report_missing(r, i)));
}

/* Text: one line naming the kinds and the rules skipped. */
void
gaps_text(FILE *f, const sf_report *r)
{
	size_t i, n = sf_report_skipped_count(r);

	if (sf_report_missing_count(r) == 0)
		return;
	fputs("missing hives: ", f);
	gaps_kinds(f, r, ", ");
	fprintf(f, "; %zu rule%s skipped, as %s no other hive", n,
	    n == 1 ? "" : "s", n == 1 ? "it reads" : "they read");
	for (i = 0; i < n; i++) {
		fputs(i == 0 ? ": " : ", ", f);
		put_safe(f, sf_rule_id(sf_report_skipped(r, i)));
	}
	fputc('\n', f);
}

/* JSON: ,"missing_hives":[...],"skipped_rules":[...] */
void
gaps_json(FILE *f, const sf_report *r)
{
	size_t i;

	if (sf_report_missing_count(r) == 0)
		return;
	fputs(",\"missing_hives\":[", f);
	for (i = 0; i < sf_report_missing_count(r); i++)
		fprintf(f, "%s\"%s\"", i > 0 ? "," : "",
		    sf_hive_kind_name(sf_report_missing(r, i)));
	fputs("],\"skipped_rules\":[", f);
	for (i = 0; i < sf_report_skipped_count(r); i++) {
		fputs(i > 0 ? "," : "", f);
		json_str(f, sf_rule_id(sf_report_skipped(r, i)));
	}
	fputc(']', f);
}
