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
 * CSV output for spreadsheets (RFC 4180 quoting).  Names are escaped as
 * in text output, and a field that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) gets a leading apostrophe: hive names
 * come from machines that may be compromised.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
csv_field(FILE *f, const char *s, int last)
{
	const char *p;

	if (s == NULL)
		s = "";
	fputc('"', f);
	if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0')
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
	fputs(last ? "\r\n" : ",", f);
}

void
csv_owned(FILE *f, char *s, int last)
{
	csv_field(f, s, last);
	free(s);
}

/*
 * A rule's references joined with "; ", escaped.  Whole, however long:
 * a fixed buffer cut them silently, even inside a UTF-8 sequence.
 */
static char *
refs_field(const sf_rule *r)
{
	size_t	 i, n, len = 1;
	char	*s, *p, *e;

	for (i = 0; i < sf_rule_ref_count(r); i++)
		len += strlen(sf_rule_ref(r, i)) + 2;
	if ((s = p = kept(malloc(len))) == NULL)
		return NULL;
	for (i = 0; i < sf_rule_ref_count(r); i++) {
		if (i > 0) {
			memcpy(p, "; ", 2);
			p += 2;
		}
		n = strlen(sf_rule_ref(r, i));
		memcpy(p, sf_rule_ref(r, i), n);
		p += n;
	}
	*p = '\0';
	e = kept(sf_escape_utf8(s, SF_ESC_CSV));
	free(s);
	return e;
}

/* The columns of one finding, severity to refs, as scan writes them. */
void
csv_finding(FILE *f, const char *host, const sf_finding *x, int last)
{
	const sf_rule	 *ru = sf_finding_rule(x);
	const sf_hive	 *h = sf_finding_hive(x);

	csv_field(f, sf_severity_name(sf_finding_severity(x)), 0);
	csv_field(f, sf_rule_id(ru), 0);
	csv_owned(f, kept(sf_escape_utf8(sf_rule_title(ru), SF_ESC_CSV)), 0);
	csv_owned(f, host ? kept(sf_escape_utf8(host, SF_ESC_CSV)) : NULL, 0);
	csv_owned(f, h ? kept(sf_escape_utf8(sf_hive_path(h), SF_ESC_CSV)) :
	    NULL, 0);
	csv_field(f, h ? sf_hive_kind_name(sf_hive_kind_of(h)) : "", 0);
	csv_owned(f, kept(sf_finding_path_string(x, 0, SF_ESC_CSV)), 0);
	csv_owned(f, kept(sf_finding_path_string(x, 1, SF_ESC_CSV)), 0);
	csv_owned(f, sf_finding_has_value(x) ? kept(sf_escape_name(
	    sf_finding_value(x), SF_ESC_CSV)) : NULL, 0);
	csv_field(f, sf_fix_kind_name(sf_finding_fix(x)), 0);
	csv_owned(f, kept(sf_escape_utf8(sf_finding_message(x), SF_ESC_CSV)),
	    0);
	csv_owned(f, refs_field(ru), last);
}

/* The header of those columns. */
void
csv_finding_header(FILE *f, int last)
{
	static const char *const cols[] = { "severity", "rule", "title",
	    "host", "source", "hive", "key", "hive_key", "value", "fix",
	    "message", "refs" };
	size_t i, n = sizeof(cols) / sizeof(cols[0]);

	for (i = 0; i < n; i++)
		csv_field(f, cols[i], last && i + 1 == n);
}

void
out_csv(FILE *f, const sf_machine *m, const sf_report *r)
{
	size_t	 i;

	csv_finding_header(f, 1);
	for (i = 0; i < sf_report_count(r); i++)
		if (listed(sf_report_get(r, i)))
			csv_finding(f, cli_host(m), sf_report_get(r, i), 1);
}
