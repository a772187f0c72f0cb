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
 * A repair plan as the repair code sees it: each change is addressed
 * by its hive and the key's logical path below the hive's root, which
 * means the same to every writer (a hive file, the live registry).
 * The scanned key is kept beside it; before anything is written the
 * path must still lead to exactly that key, and to no other of the
 * same name.
 */
#ifndef SPOOLFIX_PLAN_H
#define SPOOLFIX_PLAN_H

#include "scan/report.h"

typedef struct sf_change {
	sf_fix_kind	 kind;
	sf_hive		*hive;
	sf_key		*key;		/* in the scanned tree */
	sf_keypath	 path;		/* below the hive's root: the address */
	owned_name	*lpath;		/* from HKLM or HKU, for people */
	size_t		 nlpath;
	int		 has_value;
	owned_name	 value;
	uint32_t	 type;		/* set-value */
	uint8_t		*data;
	size_t		 datalen;
	char		*rules;
	int		 selected;
	size_t		 order;		/* of its finding in the report */
	size_t		 rank;		/* of its hive in the machine */
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


#endif
