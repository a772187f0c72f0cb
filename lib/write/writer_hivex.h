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
 * The hivex writer's own state, shared by its two files:
 * writer_hivex_check.c (what hivex cannot do, refused before anything
 * is written) and writer_hivex.c (the writing).  hivex edits an image
 * in memory and writes it only on commit; it is given a private copy
 * of the hive, in which names it cannot decode, in subtrees about to be
 * deleted, are patched to '_' (the original keeps its bytes).
 */
#ifndef SPOOLFIX_WRITER_HIVEX_H
#define SPOOLFIX_WRITER_HIVEX_H

#include "write/writer.h"

/* A UTF-16 unit of the private copy to overwrite before hivex reads it. */
typedef struct patch {
	size_t	 off;
	uint16_t unit;
} patch;

struct big;

typedef struct hx {
	patch		*patch;		/* filled by the check */
	size_t		 npatch;
	/* From begin to end: */
	void		*h;		/* hive_h of hivex */
	char		*copy;		/* the private copy hivex opened */
	struct big	*big;		/* big values written after commit */
	size_t		 nbig;
	sf_offset_set	 gone;		/* scanned keys deleted (nk offsets) */
} hx;

sf_status	 hivex_check(writer *, const wop *, size_t, sf_error **);

#endif
