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
 * JSON and JSON Lines output for scripts.  The field set is a stable
 * interface (spoolfix(1) documents it).  Output is pure ASCII: every
 * other character, and every name that is not valid Unicode, is written
 * as exact \u escapes of its UTF-16 code units, so consumers on any code
 * page can recover the original names.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/*
 * Escaping goes through one reusable text (sf_text) per output or per
 * finding, not a string allocated and freed per field: a bloated
 * server's scan writes 10,000s of records of a dozen fields each.  A
 * NULL text (out of memory) marks the output as lost, as any NULL does.
 */

/* "s", in quotes: fprintf's format would be parsed for every field. */
static void
quoted(FILE *f, const char *s)
{
	putc('"', f);
	fputs(or_lost(s), f);
	putc('"', f);
}

/* A string in quotes, or null. */
static void
put_str(FILE *f, sf_text *t, const char *s)
{
	if (s == NULL)
		fputs("null", f);
	else
		quoted(f, t != NULL ? sf_escape_utf8_to(t, s, SF_ESC_JSON) :
		    NULL);
}

static void
put_name(FILE *f, sf_text *t, sf_name n)
{
	quoted(f, t != NULL ? sf_escape_name_to(t, n, SF_ESC_JSON) : NULL);
}

static void
put_path(FILE *f, sf_text *t, const sf_finding *x, int which)
{
	quoted(f, t != NULL ? sf_finding_path_to(t, x, which, SF_ESC_JSON) :
	    NULL);
}

void
json_str(FILE *f, const char *s)
{
	sf_text *t;

	if (s == NULL) {
		fputs("null", f);
		return;
	}
	t = sf_text_new();
	put_str(f, t, s);
	sf_text_free(t);
}

void
json_name(FILE *f, sf_name n)
{
	sf_text *t = sf_text_new();

	put_name(f, t, n);
	sf_text_free(t);
}

static const char *
type_name(uint32_t t)
{
	static const char *const names[] = {
		"REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY",
		"REG_DWORD", "REG_DWORD_BIG_ENDIAN", "REG_LINK",
		"REG_MULTI_SZ", "REG_RESOURCE_LIST",
		"REG_FULL_RESOURCE_DESCRIPTOR",
		"REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD"
	};

	return t < sizeof(names) / sizeof(names[0]) ? names[t] : "unknown";
}

static void
json_fix_value(FILE *f, const sf_finding *x)
{
	const uint8_t	*d;
	size_t		 len, i;
	uint32_t	 t = sf_finding_fix_type(x);

	d = sf_finding_fix_data(x, &len);
	fprintf(f, "{\"type\":\"%s\",\"data\":", type_name(t));
	if ((t == 1 || t == 2) && len >= 2) {
		uint16_t *u = calloc(len / 2 + 1, sizeof(*u));
		sf_name	  n;

		if (kept(u) == NULL) {
			fputs("null}", f);
			return;
		}
		for (i = 0; i < len / 2; i++)
			u[i] = (uint16_t)(d[2 * i] | d[2 * i + 1] << 8);
		n.u = u;
		n.len = len / 2 - (u[len / 2 - 1] == 0);
		json_name(f, n);
		free(u);
	} else if (t == 4 && len == 4)
		fprintf(f, "%u", (unsigned)(d[0] | d[1] << 8 | d[2] << 16 |
		    (unsigned)d[3] << 24));
	else {
		fputc('"', f);
		for (i = 0; i < len; i++)
			fprintf(f, "%s%02x", i ? "," : "", d[i]);
		fputc('"', f);
	}
	fputc('}', f);
}

/*
 * The fields of a finding, without the braces: audit puts its run
 * fields before them, so scan and audit records share their names.
 */
static void
finding_fields(FILE *f, sf_text *t, const char *host, const sf_finding *x)
{
	const sf_rule	*r = sf_finding_rule(x);
	const sf_hive	*h = sf_finding_hive(x);
	size_t		 i;

	fputs("\"rule\":", f);
	put_str(f, t, sf_rule_id(r));
	fprintf(f, ",\"severity\":\"%s\",\"title\":",
	    sf_severity_name(sf_finding_severity(x)));
	put_str(f, t, sf_rule_title(r));
	fputs(",\"message\":", f);
	put_str(f, t, sf_finding_message(x));
	fputs(",\"host\":", f);
	put_str(f, t, host);
	fputs(",\"source\":", f);
	put_str(f, t, h != NULL ? sf_hive_path(h) : NULL);
	fputs(",\"hive\":", f);
	put_str(f, t, h != NULL ? sf_hive_kind_name(sf_hive_kind_of(h)) : NULL);
	fputs(",\"key\":", f);
	put_path(f, t, x, 0);
	fputs(",\"hive_key\":", f);
	put_path(f, t, x, 1);
	fputs(",\"hive_key_names\":[", f);
	for (i = 0; i < sf_finding_hive_path_len(x); i++) {
		if (i > 0)
			fputc(',', f);
		put_name(f, t, sf_finding_hive_path_name(x, i));
	}
	fputs("],\"value\":", f);
	if (sf_finding_has_value(x))
		put_name(f, t, sf_finding_value(x));
	else
		fputs("null", f);
	fprintf(f, ",\"fix\":\"%s\"", sf_fix_kind_name(sf_finding_fix(x)));
	fprintf(f, ",\"fix_optional\":%s", sf_finding_fix(x) != SF_FIX_NONE &&
	    sf_finding_fix_optional(x) ? "true" : "false");
	if (sf_finding_fix(x) == SF_FIX_SET_VALUE) {
		fputs(",\"fix_value\":", f);
		json_fix_value(f, x);
	}
	fputs(",\"refs\":[", f);
	for (i = 0; i < sf_rule_ref_count(r); i++) {
		if (i > 0)
			fputc(',', f);
		put_str(f, t, sf_rule_ref(r, i));
	}
	fputc(']', f);
}

void
json_finding_fields(FILE *f, const char *host, const sf_finding *x)
{
	sf_text *t = sf_text_new();

	finding_fields(f, t, host, x);
	sf_text_free(t);
}

static void
json_finding(FILE *f, sf_text *t, const sf_machine *m, const sf_finding *x)
{
	fputc('{', f);
	finding_fields(f, t, cli_host(m), x);
	fputc('}', f);
}

static void
json_input(FILE *f, sf_text *t, const sf_hive *h)
{
	unsigned	 maj, min;
	uint32_t	 s1, s2;
	size_t		 i;
	const sf_error	*e = sf_hive_error(h);

	fputs("{\"source\":", f);
	put_str(f, t, sf_hive_path(h));
	fprintf(f, ",\"status\":\"%s\"", sf_hive_readable(h) ? "read" :
	    "unreadable");
	fputs(",\"error\":", f);
	put_str(f, t, e != NULL ? sf_error_message(e) : NULL);
	fputs(",\"hive\":", f);
	put_str(f, t, sf_hive_kind_name(sf_hive_kind_of(h)));
	fputs(",\"mount\":", f);
	put_str(f, t, sf_hive_mount(h));
	fputs(",\"profile\":", f);
	put_str(f, t, sf_hive_profile(h));
	fputs(",\"root_name\":", f);
	if (sf_hive_readable(h))
		put_name(f, t, sf_hive_root_name(h));
	else
		fputs("null", f);
	sf_hive_version(h, &maj, &min);
	sf_hive_sequence(h, &s1, &s2);
	/* A live hive has no file: its format says so, the rest is 0. */
	if (sf_hive_live(h))
		fputs(",\"format\":\"live\"", f);
	else
		fprintf(f, ",\"format\":\"%u.%u\"", maj, min);
	fprintf(f, ",\"sequence\":[%u,%u],\"size\":%ju,\"trailing\":%ju",
	    s1, s2, (uintmax_t)sf_hive_size(h),
	    (uintmax_t)sf_hive_trailing(h));
	fprintf(f, ",\"dirty\":%s,\"corrupt\":%s", sf_hive_dirty(h) ? "true" :
	    "false", sf_hive_corrupt(h) ? "true" : "false");
	sf_hive_file_sequence(h, &s1, &s2);
	fprintf(f, ",\"logs_applied\":%s,\"base_block_recovered\":%s,"
	    "\"file_sequence\":[%u,%u]", sf_hive_logs_applied(h) ? "true" :
	    "false", sf_hive_base_recovered(h) ? "true" : "false", s1, s2);
	fputs(",\"problems\":[", f);
	for (i = 0; i < sf_hive_problem_count(h); i++) {
		if (i > 0)
			fputc(',', f);
		put_str(f, t, sf_hive_problem(h, i));
	}
	fputs("],\"logs\":[", f);
	for (i = 0; i < sf_hive_log_count(h); i++) {
		if (i > 0)
			fputc(',', f);
		put_str(f, t, sf_hive_log(h, i));
	}
	/* Per log: applied, or why not (null: not read, the hive clean). */
	fputs("],\"log_status\":[", f);
	for (i = 0; i < sf_hive_log_count(h); i++) {
		fprintf(f, "%s{\"applied\":%s,\"note\":", i > 0 ? "," : "",
		    sf_hive_log_applied(h, i) ? "true" : "false");
		put_str(f, t, sf_hive_log_note(h, i));
		fputc('}', f);
	}
	fputs("],\"current_control_set\":", f);
	put_str(f, t, sf_hive_current_control_set(h));
	fputs(",\"control_sets\":[", f);
	for (i = 0; i < sf_hive_control_set_count(h); i++) {
		if (i > 0)
			fputc(',', f);
		put_str(f, t, sf_hive_control_set(h, i));
	}
	fputs("]}", f);
}

void
out_json(FILE *f, const sf_machine *m, const sf_report *r, int exit_code)
{
	const char	*how, *env;
	size_t		 i, k, n = sf_report_count(r), unread = 0;
	sf_text		*t = sf_text_new();

	fprintf(f, "{\"spoolfix\":{\"version\":\"%s\",\"format\":1},\n",
	    SPOOLFIX_VERSION);
	fputs("\"host\":", f);
	put_str(f, t, cli_host(m));
	env = sf_machine_environment(m, &how);
	fputs(",\"environment\":", f);
	put_str(f, t, env);
	fputs(",\"environment_basis\":", f);
	put_str(f, t, how);
	fputs(",\n\"inputs\":[", f);
	for (i = 0; i < sf_machine_hive_count(m); i++) {
		fputs(i > 0 ? ",\n" : "\n", f);
		json_input(f, t, sf_machine_hive(m, i));
		unread += !sf_hive_readable(sf_machine_hive(m, i));
	}
	fputs("],\n\"findings\":[", f);
	for (i = 0, k = 0; i < n; i++) {
		if (!listed(sf_report_get(r, i)))
			continue;
		fputs(k++ > 0 ? ",\n" : "\n", f);
		json_finding(f, t, m, sf_report_get(r, i));
	}
	fprintf(f, "],\n\"summary\":{\"findings\":%zu,\"error\":%zu,"
	    "\"warning\":%zu,\"info\":%zu,\"inputs\":%zu,\"unreadable\":%zu,"
	    "\"exit\":%d", n, sf_report_tally(r, SF_SEV_ERROR),
	    sf_report_tally(r, SF_SEV_WARNING), sf_report_tally(r, SF_SEV_INFO),
	    sf_machine_hive_count(m), unread, exit_code);
	gaps_json(f, r);
	fputs("}}\n", f);
	sf_text_free(t);
}

void
out_jsonl(FILE *f, const sf_machine *m, const sf_report *r)
{
	sf_text	*t = sf_text_new();
	size_t	 i;

	for (i = 0; i < sf_report_count(r); i++) {
		if (!listed(sf_report_get(r, i)))
			continue;
		json_finding(f, t, m, sf_report_get(r, i));
		fputc('\n', f);
	}
	sf_text_free(t);
}
