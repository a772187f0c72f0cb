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
 * Formats for monitors that read one line: Nagios and Icinga plugins
 * (a status word, a text, perfdata after '|', exit 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN) and Intune remediations (exit 1 runs the
 * remediation, the portal shows the last line of at most 2,048
 * characters, and anything on stderr marks the script failed).  Names
 * are escaped as for a terminal; a '|' would start Nagios perfdata, so
 * the line's text never holds one unescaped.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define INTUNE_MAX	2048

/* A growing line, cut (on a character boundary) at 'max' bytes. */
struct line {
	char	buf[INTUNE_MAX + 1];
	size_t	len, max;
	int	cut;
};

static void
add(struct line *l, const char *s)
{
	size_t n = strlen(s);

	if (l->cut)
		return;
	if (l->len + n > l->max) {
		/* Room for " ..." after a whole UTF-8 character. */
		n = l->max - l->len >= 4 ? l->max - l->len - 4 : 0;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		memcpy(l->buf + l->len, s, n);
		l->len += n;
		if (l->len + 4 <= l->max) {
			memcpy(l->buf + l->len, " ...", 4);
			l->len += 4;
		}
		l->cut = 1;
	} else {
		memcpy(l->buf + l->len, s, n);
		l->len += n;
	}
	l->buf[l->len] = '\0';
}

/* Escaped text with '|' turned into '/': one field of a monitor line. */
static void
add_safe(struct line *l, const char *s)
{
	char *e = sf_escape_utf8(s != NULL ? s : "", SF_ESC_TEXT), *p;

	for (p = e; p != NULL && *p != '\0'; p++)
		if (*p == '|')
			*p = '/';
	add(l, or_lost(e));
	free(e);
}

/* "3 errors, 1 warning, 0 info on HOST: RULE key; RULE key ..." */
static void
describe(struct line *l, const sf_machine *m, const sf_report *r)
{
	char	 num[96];
	size_t	 i, k = 0, e = sf_report_tally(r, SF_SEV_ERROR),
	    w = sf_report_tally(r, SF_SEV_WARNING);
	int	 s;

	snprintf(num, sizeof(num), "%zu error%s, %zu warning%s, %zu info",
	    e, e == 1 ? "" : "s", w, w == 1 ? "" : "s",
	    sf_report_tally(r, SF_SEV_INFO));
	add(l, num);
	if (cli_host(m) != NULL) {
		add(l, " on ");
		add_safe(l, cli_host(m));
	}
	/* Before the findings, which may be cut: never cut away. */
	if (sf_report_missing_count(r) > 0) {
		for (i = 0; i < sf_report_missing_count(r); i++) {
			add(l, i == 0 ? " (missing " : ", ");
			add(l, sf_hive_kind_name(sf_report_missing(r, i)));
		}
		snprintf(num, sizeof(num), ": %zu rule%s skipped)",
		    sf_report_skipped_count(r), sf_report_skipped_count(r) ==
		    1 ? "" : "s");
		add(l, num);
	}
	/* The worst first: errors, then warnings, then info. */
	for (s = SF_SEV_ERROR; s >= (int)min_severity; s--)
		for (i = 0; i < sf_report_count(r); i++) {
			const sf_finding *x = sf_report_get(r, i);
			char *key;

			if ((int)sf_finding_severity(x) != s)
				continue;
			add(l, k++ == 0 ? ": " : "; ");
			add_safe(l, sf_rule_id(sf_finding_rule(x)));
			key = kept(sf_finding_path_string(x, 0,
			    SF_ESC_TEXT));
			if (key != NULL && key[0] != '\0') {
				add(l, " ");
				add_safe(l, key);
			}
			free(key);
		}
}

/*
 * UNKNOWN when an input could not be read (the check is incomplete,
 * whatever it found: the text still lists it), else CRITICAL for
 * errors, WARNING for warnings, OK.
 */
int
out_nagios(FILE *f, const sf_machine *m, const sf_report *r,
    const char *reason)
{
	static const char *const st[] = { "OK", "WARNING", "CRITICAL",
	    "UNKNOWN" };
	struct line	 l;
	size_t		 i, unread = 0;
	int		 s;

	memset(&l, 0, sizeof(l));
	l.max = INTUNE_MAX - sizeof("SPOOLFIX CRITICAL - ");	/* the line */
	for (i = 0; m != NULL && i < sf_machine_hive_count(m); i++)
		unread += !sf_hive_readable(sf_machine_hive(m, i));
	if (reason != NULL && unread == 0)
		unread = 1;
	if (unread > 0 || r == NULL)
		s = 3;
	else if (sf_report_tally(r, SF_SEV_ERROR) > 0)
		s = 2;
	else if (sf_report_tally(r, SF_SEV_WARNING) > 0)
		s = 1;
	else
		s = 0;
	if (r != NULL)
		describe(&l, m, r);
	if (reason != NULL) {
		add(&l, r != NULL ? "; cannot read: " : "cannot read: ");
		add_safe(&l, reason);
	}
	fprintf(f, "SPOOLFIX %s - %s | errors=%zu;;;0 warnings=%zu;;;0 "
	    "info=%zu;;;0 unreadable=%zu;;;0\n", st[s], l.buf,
	    r != NULL ? sf_report_tally(r, SF_SEV_ERROR) : 0,
	    r != NULL ? sf_report_tally(r, SF_SEV_WARNING) : 0,
	    r != NULL ? sf_report_tally(r, SF_SEV_INFO) : 0, unread);
	return s;
}

/*
 * Exit 1 ("remediation needed") for findings at or above --fail-on and
 * for an input that could not be read (the state is unknown, and a
 * remediation script run on it will say why); 0 otherwise.
 */
int
out_intune(FILE *f, const sf_machine *m, const sf_report *r,
    const struct out_opts *o, const char *reason)
{
	struct line	 l;
	int		 found = 0, s;

	memset(&l, 0, sizeof(l));
	l.max = INTUNE_MAX - 1;		/* the newline counts */
	for (s = SF_SEV_ERROR; r != NULL && !o->fail_none &&
	    s >= (int)o->fail_on; s--)
		if (sf_report_tally(r, (sf_severity)s) > 0)
			found = 1;
	if (reason != NULL || r == NULL) {
		add(&l, "spoolfix: cannot read: ");
		add_safe(&l, reason != NULL ? reason : "the hives");
		if (r != NULL) {
			add(&l, "; ");
			describe(&l, m, r);
		}
	} else {
		add(&l, found ? "spoolfix: remediation needed: " :
		    "spoolfix: compliant: ");
		describe(&l, m, r);
	}
	fprintf(f, "%s\n", l.buf);
	return reason != NULL || r == NULL || found ? 1 : 0;
}
