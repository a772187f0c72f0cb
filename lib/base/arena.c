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
 * Chunks grow from 64 KiB to 8 MiB, so a tiny hive costs one small
 * chunk and a big one a few dozen (untouched pages of the last cost no
 * memory); an object larger than a chunk gets
 * a chunk of its own, put behind the one being filled so that its free
 * space is not lost.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/platform.h"

#define CHUNK_MIN	((size_t)64 * 1024)
#define CHUNK_MAX	((size_t)8 * 1024 * 1024)
/* Chunks this big are offered large pages (platform.h). */
#define CHUNK_HUGE	((size_t)2 * 1024 * 1024)

struct sf_arena_chunk {
	struct sf_arena_chunk	*next;
	/* 8-byte alignment of what follows on every ABI we build for */
	uint64_t		 mem[];
};

void *
sf_arena_calloc(sf_arena *a, size_t n, size_t size)
{
	struct sf_arena_chunk	*c;
	size_t			 want, cap;
	void			*p;

	if (size != 0 && n > (SIZE_MAX - 64) / size)
		return NULL;
	want = (n * size + 7) & ~(size_t)7;
	if (want == 0)
		want = 8;	/* distinct, non-NULL, as calloc(1, 1) */
	if (a->head != NULL && a->cap - a->used >= want) {
		p = (char *)a->head->mem + a->used;
		a->used += want;
		/*
		 * Zeroed as handed out, not when the chunk is made: a tiny
		 * hive uses a few hundred bytes of its 64 KiB chunk, and
		 * zeroing (and so touching) the rest cost a tiny scan more
		 * than its own work.
		 */
		return memset(p, 0, want);
	}
	cap = a->cap == 0 ? CHUNK_MIN : a->cap * 2;
	if (cap > CHUNK_MAX)
		cap = CHUNK_MAX;
	if (want > cap / 4) {
		/* A big object: its own chunk, behind the current one. */
		if (want > SIZE_MAX - sizeof(*c) ||
		    (c = calloc(1, sizeof(*c) + want)) == NULL)
			return NULL;
		if (a->head != NULL) {
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c->next = NULL;
			a->head = c;
			a->used = a->cap = want;
		}
		return c->mem;
	}
	/*
	 * From CHUNK_HUGE on, a chunk is whole large pages (sf_alloc_large):
	 * with its header it must not pass one, or it takes another.
	 */
	if (cap >= CHUNK_HUGE && cap % CHUNK_HUGE == 0)
		cap -= sizeof(*c);
	if ((c = sizeof(*c) + cap >= CHUNK_HUGE ? sf_alloc_large(sizeof(*c) +
	    cap, 0) : malloc(sizeof(*c) + cap)) == NULL)
		return NULL;
	c->next = a->head;
	a->head = c;
	a->cap = cap;
	a->used = want;
	return memset(c->mem, 0, want);
}

void
sf_arena_free(sf_arena *a)
{
	struct sf_arena_chunk *c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(a, 0, sizeof(*a));
}

/*
 * Under AddressSanitizer every object is its own allocation, so that a
 * use after sf_pool_release is caught rather than reading a reused one.
 */
#if defined(__SANITIZE_ADDRESS__)
#define POOL_DIRECT	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POOL_DIRECT	1
#endif
#endif
#ifndef POOL_DIRECT
#define POOL_DIRECT	0
#endif

/*
 * An object malloc'ed on its own (big, or any under AddressSanitizer)
 * sits behind a header that links it into the pool's list of them, so
 * that sf_pool_free frees those still live as the arena frees the rest.
 */
typedef struct own_hdr {
	struct own_hdr	*prev, *next;
} own_hdr;

static void *
own_alloc(sf_pool *p, size_t size)
{
	own_hdr *o;

	if (size > SIZE_MAX - sizeof(*o) || (o = calloc(1, sizeof(*o) +
	    size)) == NULL)
		return NULL;
	o->next = p->own;
	if (o->next != NULL)
		o->next->prev = o;
	p->own = o;
	return o + 1;
}

static void
own_free(sf_pool *p, void *obj)
{
	own_hdr *o = (own_hdr *)obj - 1;

	if (o->prev != NULL)
		o->prev->next = o->next;
	else
		p->own = o->next;
	if (o->next != NULL)
		o->next->prev = o->prev;
	free(o);
}

void *
sf_pool_alloc(sf_pool *p, size_t size)
{
	size_t	 c = (size + SF_POOL_GRAIN - 1) / SF_POOL_GRAIN;
	void	*o;

	if (size > SF_POOL_MAX || POOL_DIRECT)
		return own_alloc(p, size);
	if (c == 0)
		c = 1;
	if ((o = p->free[c]) != NULL) {
		memcpy(&p->free[c], o, sizeof(void *));
		memset(o, 0, c * SF_POOL_GRAIN);
		return o;
	}
	return sf_arena_calloc(&p->arena, c, SF_POOL_GRAIN);
}

void
sf_pool_release(sf_pool *p, void *o, size_t size)
{
	size_t c = (size + SF_POOL_GRAIN - 1) / SF_POOL_GRAIN;

	if (o == NULL)
		return;
	if (size > SF_POOL_MAX || POOL_DIRECT) {
		own_free(p, o);
		return;
	}
	if (c == 0)
		c = 1;
	/* The object's first bytes hold the next free one. */
	memcpy(o, &p->free[c], sizeof(void *));
	p->free[c] = o;
}

void
sf_pool_free(sf_pool *p)
{
	own_hdr *o, *next;

	for (o = p->own; o != NULL; o = next) {
		next = o->next;
		free(o);
	}
	sf_arena_free(&p->arena);
	memset(p->free, 0, sizeof(p->free));
	p->own = NULL;
}
