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
 * The hive writer: hivex, wrapped.  hivex edits an image in memory and
 * writes it only on commit; spoolfix gives it a private copy of the
 * hive, commits to a temporary file and does the fsync, verification
 * and rename itself (repair.c).  The checks hivex does not make (li
 * lists, names it cannot round-trip, big values) are made by the caller
 * before any call here; after any failure the handle must be closed
 * without committing.
 */
#ifndef SPOOLFIX_HIVEXW_H
#define SPOOLFIX_HIVEXW_H

#include "base/internal.h"

typedef struct hxw hxw;

sf_status	 hxw_open(const char *path, hxw **, sf_error **);
void		 hxw_close(hxw *);
sf_status	 hxw_commit(hxw *, const char *out, sf_error **);
/*
 * The node of a scanned key, from its chain of nk record offsets (root
 * first): each parent hivex reports must be the next offset up.
 */
sf_status	 hxw_node(hxw *, const uint64_t *chain, size_t n, size_t *node,
		    sf_error **);
sf_status	 hxw_root(hxw *, size_t *node);
/* A child by name (case-insensitive); created when absent and 'create'. */
sf_status	 hxw_child(hxw *, size_t parent, const uint16_t *name,
		    size_t len, int create, size_t *child, sf_error **);
sf_status	 hxw_delete_key(hxw *, size_t node, sf_error **);
sf_status	 hxw_set_value(hxw *, size_t node, const uint16_t *name,
		    size_t len, uint32_t type, const uint8_t *data, size_t size,
		    sf_error **);
sf_status	 hxw_delete_value(hxw *, size_t node, const uint16_t *name,
		    size_t len, sf_error **);


#endif
