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
 * A bump allocator for objects that live and die together: the keys,
 * names and values a hive source loads live until the hive is freed,
 * so one malloc per chunk replaces one per object (a 100 MB hive holds
 * over a million values) and freeing the hive frees a handful of chunks.
 * Objects are 8-byte aligned; none is freed alone.
 */
#ifndef SPOOLFIX_ARENA_H
#define SPOOLFIX_ARENA_H

#include <stddef.h>

struct sf_arena_chunk;

typedef struct sf_arena {
	struct sf_arena_chunk	*head;	/* the chunk being filled */
	size_t			 used;	/* bytes taken from it */
	size_t			 cap;	/* its size */
} sf_arena;

/* Zeroed memory for n objects of size bytes; NULL when out of memory. */
void	*sf_arena_calloc(sf_arena *, size_t n, size_t size);
void	 sf_arena_free(sf_arena *);

/*
 * The arena with free lists, for objects that die one by one but whose
 * memory is wanted again soon: the keys and values a walk loads, passes
 * and unloads, hundreds of thousands of times in a bloated hive.  A
 * freed object goes on the list of its size (rounded up to 16 bytes) and
 * the next object of that size takes it, so memory stays at the most
 * held at once; objects above SF_POOL_MAX bytes are malloc'ed.  The
 * caller gives the size again when freeing.
 */
#define SF_POOL_GRAIN	16
#define SF_POOL_MAX	1024

typedef struct sf_pool {
	sf_arena	 arena;
	void		*free[SF_POOL_MAX / SF_POOL_GRAIN + 1];
	void		*own;	/* objects malloc'ed one by one, live */
} sf_pool;

/* Zeroed memory of size bytes; NULL when out of memory. */
void	*sf_pool_alloc(sf_pool *, size_t size);
void	 sf_pool_release(sf_pool *, void *, size_t size);
void	 sf_pool_free(sf_pool *);

#endif
