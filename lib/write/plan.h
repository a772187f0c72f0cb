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
 * A repair plan as the repair code sees it: changes addressed by the
 * scanned key itself and by the chain of nk offsets from the root, so
 * the writer can check that the node it edits is exactly that key.
 */
#ifndef SPOOLFIX_PLAN_H
#define SPOOLFIX_PLAN_H

#include "scan/report.h"

typedef struct sf_change {
	sf_fix_kind	 kind;
	sf_hive		*hive;
	sf_key		*key;
	uint64_t	*chain;		/* nk offsets, root first */
	size_t		 nchain;
	owned_name	*lpath;		/* logical path (HKLM, SYSTEM, ...) */
	size_t		 nlpath;
	owned_name	*hpath;		/* path below the hive's root */
	size_t		 nhpath;
	int		 has_value;
	owned_name	 value;
	uint32_t	 type;		/* set-value */
	uint8_t		*data;
	size_t		 datalen;
	char		*rules;
	int		 selected;
	size_t		 order;		/* of its finding in the report */
} sf_change;

struct sf_plan {
	sf_machine	*m;
	sf_change	*c;
	size_t		 n;
	size_t		 optional;
	char		*optional_rules;	/* "LOC-002, SEC-001" */
};

/* Whether a list "ID, ID, ..." holds the rule ID (exactly). */
int	 plan_rules_has(const char *list, const char *id);

/* The scanned key at the end of a chain of nk offsets, or NULL. */
sf_key	*plan_find_key(sf_hive *, const uint64_t *chain, size_t n);
/* The same, trying first a key that may be it (the scan's key). */
sf_key	*plan_find_key_hint(sf_hive *, const uint64_t *chain, size_t n,
	    sf_key *hint);

#endif
