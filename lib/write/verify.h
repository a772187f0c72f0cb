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
 * Verification of a written hive before it replaces the original: a
 * full logical comparison through libregf (canon.c) that must show
 * exactly the planned differences, and checks of each planned change
 * through spoolfix's own reader.
 */
#ifndef SPOOLFIX_VERIFY_H
#define SPOOLFIX_VERIFY_H

#include "hive/hive.h"

typedef enum touch_kind {
	TOUCH_SUBTREE,		/* a key and everything below it */
	TOUCH_VALUE		/* one value of a key */
} touch_kind;

typedef struct touch {
	touch_kind	 kind;
	sf_keypath	 path;
	uint16_t	*value;
	size_t		 valuelen;
} touch;

/*
 * Compares the logical content of two hive files through libregf, every
 * key (with its class name) and value (type and data), ignoring only the
 * touched parts; 'strict' compares every key's time stamp and security
 * descriptor too.  SF_ERR_VERIFY names the first difference.
 */
sf_status	 canon_compare(const char *before, const char *after,
		    const touch *, size_t, int strict, sf_error **);


#endif
