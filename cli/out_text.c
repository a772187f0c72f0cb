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
 * Text output for people: findings grouped by hive, then by key (keys
 * in name order), each with its rule, title, message and proposed fix,
 * and a one-line summary at the end.  Every name is escaped; colour is
 * used only on a terminal and never when NO_COLOR is set.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int
use_color(FILE *f, const char *mode)
{
	const char *nc = getenv("NO_COLOR");

	if (mode != NULL && strcmp(mode, "always") == 0)
		return 1;
	if (mode != NULL && strcmp(mode, "never") == 0)
		return 0;
	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(fileno(f));
}

typedef struct row {
	const sf_finding *f;
	size_t		  hive;		/* input index; SIZE_MAX: none */
	char		 *own;		/* the key's path, if built */
	const char	 *key;		/* own, or "" */
	size_t		  order;
} row;

static int
cmp_rows(const void *a, const void *b)
{
	const row *x = a, *y = b;
	int	   c;

	if (x->hive != y->hive)
		return x->hive < y->hive ? -1 : 1;
	if ((c = strcmp(x->key, y->key)) != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static const char *
sev_color(sf_severity s)
{
	return s == SF_SEV_ERROR ? "\033[1;31m" : s == SF_SEV_WARNING ?
	    "\033[33m" : "\033[36m";
}

/*
 * Prints escaped text wrapped at 78 columns after a fixed indent, built
 * whole and written once: a report of 100,000 findings would otherwise
 * make a stdio call per word.
 */
static void
put_wrapped(FILE *f, const char *s, size_t indent)
{
	char	*e = sf_escape_utf8(s, SF_ESC_TEXT), *out, *o, *p, *w;
	size_t	 col = indent, n;

	if (kept(e) == NULL)
		return;
	/* At worst every space breaks the line: a newline and the indent. */
	if ((out = kept(malloc(strlen(e) * (indent + 2) + 2))) == NULL) {
		free(e);
		return;
	}
	o = out;
	for (p = e; *p != '\0';) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		for (w = p; *w != '\0' && *w != ' '; w++)
			;
		n = (size_t)(w - p);
		if (col > indent && col + 1 + n > 78) {
			*o++ = '\n';
			memset(o, ' ', indent);
			o += indent;
			col = indent;
		} else if (col > indent) {
			*o++ = ' ';
			col++;
		}
		memcpy(o, p, n);
		o += n;
		col += n;
		p = w;
	}
	*o++ = '\n';
	fwrite(out, 1, (size_t)(o - out), f);
	free(out);
	free(e);
}

static void
hive_header(FILE *f, const sf_hive *h, int color)
{
	unsigned	 maj, min;
	uint32_t	 s1, s2;
	const char	*ccs = sf_hive_current_control_set(h);
	size_t		 i;

	fputs(color ? "\033[1m" : "", f);
	fprintf(f, "%s ", sf_hive_kind_name(sf_hive_kind_of(h)));
	put_safe(f, sf_hive_path(h));
	fputs(color ? "\033[0m" : "", f);
	if (!sf_hive_readable(h)) {
		fputs(" (could not be read)\n", f);
		return;
	}
	sf_hive_version(h, &maj, &min);
	/* An HKU mount holds the profile, a folder name from the disk. */
	fputs(" (", f);
	put_safe(f, sf_hive_mount(h) ? sf_hive_mount(h) : "not mounted");
	if (sf_hive_live(h))
		fputs(", live registry", f);
	else if (sf_hive_dotreg(h))
		fputs(", .reg export", f);
	else
		fprintf(f, ", format %u.%u", maj, min);
	if (ccs != NULL) {
		fputs(", current control set ", f);
		put_safe(f, ccs);
	}
	sf_hive_file_sequence(h, &s1, &s2);
	if (sf_hive_dirty(h))
		fprintf(f, ", DIRTY: sequence %u/%u", s1, s2);
	if (sf_hive_logs_applied(h)) {
		sf_hive_sequence(h, &s1, &s2);
		fprintf(f, ", read with its logs applied: sequence %u/%u%s",
		    s1, s2, sf_hive_base_recovered(h) ? ", base block "
		    "recovered" : "");
	}
	if (sf_hive_corrupt(h))
		fputs(", CORRUPT", f);
	fputs(")\n", f);
	/* What became of each log: the state the findings describe. */
	for (i = 0; i < sf_hive_log_count(h) && sf_hive_dirty(h); i++) {
		fputs("  log: ", f);
		put_safe(f, sf_hive_log(h, i));
		if (sf_hive_log_note(h, i) != NULL) {
			fputs(sf_hive_log_applied(h, i) ? " (" : " (ignored, ",
			    f);
			put_safe(f, sf_hive_log_note(h, i));
			fputc(')', f);
		}
		fputc('\n', f);
	}
}

static void
finding_text(FILE *f, const sf_finding *x, int color)
{
	const sf_rule	*r = sf_finding_rule(x);
	sf_severity	 s = sf_finding_severity(x);
	char		*v;

	fprintf(f, "    %s%-7s%s %s%s%s  ", color ? sev_color(s) : "",
	    sf_severity_name(s), color ? "\033[0m" : "", color ? "\033[1m" :
	    "", sf_rule_id(r), color ? "\033[0m" : "");
	put_safe(f, sf_rule_title(r));
	if (sf_finding_has_value(x)) {
		v = sf_escape_name(sf_finding_value(x), SF_ESC_TEXT);
		fprintf(f, " [value \"%s\"]", or_lost(v));
		free(v);
	}
	fputs("\n            ", f);
	put_wrapped(f, sf_finding_message(x), 12);
	if (sf_finding_fix(x) != SF_FIX_NONE)
		fprintf(f, "            fix: %s%s\n",
		    sf_fix_kind_name(sf_finding_fix(x)),
		    sf_finding_fix_optional(x) ? " (optional: applied only "
		    "with repair --rule)" : "");
}

static size_t
hive_index(const sf_machine *m, const sf_hive *h)
{
	size_t i;

	for (i = 0; i < sf_machine_hive_count(m); i++)
		if (sf_machine_hive(m, i) == h)
			return i;
	return (size_t)-1;
}

void
out_text(FILE *f, const sf_machine *m, const sf_report *rep,
    const struct out_opts *o)
{
	size_t	 n = sf_report_count(rep), i, unread = 0, shown = (size_t)-2;
	row	*rows;
	const char *last = NULL, *host = cli_host(m);

	if ((rows = kept(calloc(n + 1, sizeof(*rows)))) == NULL)
		return;
	for (i = 0; i < n; i++) {
		rows[i].f = sf_report_get(rep, i);
		rows[i].hive = hive_index(m, sf_finding_hive(rows[i].f));
		rows[i].own = kept(sf_finding_path_string(rows[i].f, 0,
		    SF_ESC_TEXT));
		rows[i].key = rows[i].own != NULL ? rows[i].own : "";
		rows[i].order = i;
	}
	qsort(rows, n, sizeof(*rows), cmp_rows);
	for (i = 0; i < sf_machine_hive_count(m); i++) {
		const sf_hive *h = sf_machine_hive(m, i);
		size_t j;

		unread += !sf_hive_readable(h);
		if (o->quiet)
			continue;
		hive_header(f, h, o->color);
		for (j = 0; j < n; j++) {
			if (rows[j].hive != i || !listed(rows[j].f))
				continue;
			if (shown != i || last == NULL ||
			    strcmp(last, rows[j].key) != 0) {
				fprintf(f, "  %s\n", rows[j].key[0] ?
				    rows[j].key : "(the hive itself)");
				last = rows[j].key;
				shown = i;
			}
			finding_text(f, rows[j].f, o->color);
		}
	}
	for (i = 0; i < n && !o->quiet; i++)
		if (rows[i].hive == (size_t)-1 && listed(rows[i].f)) {
			if (shown != (size_t)-1) {
				fputs("(machine)\n", f);
				shown = (size_t)-1;
			}
			finding_text(f, rows[i].f, o->color);
		}
	if (!o->quiet)
		gaps_text(f, rep);
	fprintf(f, "%s: %zu error%s, %zu warning%s, %zu info in %zu hive%s",
	    progname, sf_report_tally(rep, SF_SEV_ERROR),
	    sf_report_tally(rep, SF_SEV_ERROR) == 1 ? "" : "s",
	    sf_report_tally(rep, SF_SEV_WARNING),
	    sf_report_tally(rep, SF_SEV_WARNING) == 1 ? "" : "s",
	    sf_report_tally(rep, SF_SEV_INFO), sf_machine_hive_count(m),
	    sf_machine_hive_count(m) == 1 ? "" : "s");
	if (host != NULL) {
		fputs(" (host ", f);
		put_safe(f, host);
		fputc(')', f);
	}
	if (unread > 0)
		fprintf(f, "; %zu could not be read", unread);
	if (sf_report_missing_count(rep) > 0) {
		fputs("; missing ", f);
		gaps_kinds(f, rep, ", ");
		fprintf(f, " (%zu rule%s skipped)", sf_report_skipped_count(rep),
		    sf_report_skipped_count(rep) == 1 ? "" : "s");
	}
	fputc('\n', f);
	for (i = 0; i < n; i++)
		free(rows[i].own);
	free(rows);
}
