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
 * The HTML report of an audit (out_html.c): one self-contained page,
 * written host by host as the audit goes and assembled at the end.
 *
 * Calls for one host come from one thread at a time, in order:
 * html_host, then html_finding for each finding listed, then
 * html_host_end.  html_close writes the page.
 */
#ifndef SPOOLFIX_HTML_H
#define SPOOLFIX_HTML_H

#include <stddef.h>

#include "spoolfix.h"

/* Findings a host lists in the page; the rest are counted ("N more"). */
#define HTML_HOST_FINDINGS	100

struct html;

/* What the page says about one host. */
struct html_host {
	const char	*label;		/* unique host name */
	const char	*folder;	/* the host's folder */
	const char	*status;	/* clean, findings, unreadable */
	size_t		 tally[3];	/* findings per severity */
	double		 secs;
	const char	*reason;	/* why it was not read, or NULL */
	const char	*advice;
	const char	**missing;	/* hive kinds the host lacks */
	size_t		 nmissing;
};

/* The fleet, known at the end. */
struct html_fleet {
	const char	*run_id;	/* also the page's script nonce */
	const char	*when;
	const char	*ruleset;
	size_t		 hosts, clean, with_findings, with_errors;
	size_t		 unreadable;
	size_t		 tally[3];
	const sf_rules	*rules;
	const size_t	*rule_hosts;	/* hosts hit, per rule index */
	int		 baseline;
	size_t		 n_new, n_still, n_resolved;
	sf_severity	 min_sev;
};

/* Creates FILE (and a temporary file for the host rows); prints why
 * not and returns NULL when it cannot. */
struct html	*html_new(const char *path);
void		 html_host(struct html *, const struct html_host *);
/* 'change' is new, still or NULL (no baseline). */
void		 html_finding(struct html *, const sf_finding *,
		    const char *change);
void		 html_host_end(struct html *);
/* Writes the page and frees everything; -1 (said) when it failed. */
int		 html_close(struct html *, const struct html_fleet *);
/* Frees without writing (the audit stopped early). */
void		 html_free(struct html *);

#endif
