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
 * The pieces of spoolfix audit that are not the command itself: the set
 * of host names given so far (duplicates told apart) and the baseline
 * of an earlier audit (audit_sets.c).
 */
#ifndef SPOOLFIX_AUDIT_H
#define SPOOLFIX_AUDIT_H

#include <stdio.h>

#include "spoolfix.h"

struct audit;
struct nameset;
struct baseline;

struct nameset	*nameset_new(void);
void		 nameset_free(struct nameset *);
/*
 * A name for the host no other host of the run has: 'name' itself, else
 * "name (folder)", else "name (folder) #N".  Remembers it.  NULL when
 * out of memory; the caller frees.
 */
char		*nameset_unique(struct nameset *, const char *name,
		    const char *folder);

/* Reads the finding records of an earlier audit's JSON Lines; prints
 * what is wrong and returns NULL when the file cannot be used. */
struct baseline	*baseline_load(const char *path);
void		 baseline_free(struct baseline *);
/* "new" or "still" for a finding of this run (thread-safe); NULL when
 * memory ran out (the output is then noted as incomplete: kept()). */
const char	*baseline_mark(struct baseline *, const char *host,
		    const sf_finding *);
/* Records a host of this run, and whether it could be read. */
void		 baseline_host(struct baseline *, const char *host,
		    int readable);
/* Writes a "resolved" record for each baseline finding of a host that
 * this run scanned and did not find again; returns how many. */
size_t		 baseline_resolved(struct baseline *, const struct audit *,
		    FILE *jsonl, FILE *csv);
/* Findings of this run marked still (1) or new (0). */
size_t		 baseline_count(const struct baseline *, int still);

/* cmd_audit.c, for the resolved records. */
/* The run fields that start a record (up to the host, exclusive), and
 * the run columns of a CSV row. */
void	audit_json_run(FILE *, const struct audit *, const char *type);
void	audit_csv_run(FILE *, const struct audit *);

#endif
