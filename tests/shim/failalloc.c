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
 * failalloc.so, loaded with LD_PRELOAD by tests/alloc.sh: makes one
 * allocation of the process fail, as a machine out of memory would, so
 * that every allocation of a command can be made to fail in turn.
 *
 *   FAILALLOC_AT=N       the Nth call of malloc, calloc, realloc or
 *                        posix_memalign (counted from 1, in the whole
 *                        process: spoolfix, libregf, libc) returns NULL
 *                        (ENOMEM); the calls after it succeed again
 *   FAILALLOC_COUNT=FILE at exit, the number of calls is written there
 *
 * Only one call fails: a program that handles a failure and goes on must
 * then give the same answer as without it, or say it ran out of memory.
 * Calls made before this library's constructor (the loader's) are not
 * counted.  glibc's own functions (strdup, opendir, fopen) allocate
 * through these too, as glibc documents for a replaced malloc.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void	*(*real_malloc)(size_t);
static void	*(*real_calloc)(size_t, size_t);
static void	*(*real_realloc)(void *, size_t);
static void	 (*real_free)(void *);
static int	 (*real_memalign)(void **, size_t, size_t);

static long	 fail_at = -1;
static long	 calls;
static int	 ready;

/* dlsym may itself call calloc before real_calloc is known. */
static char	 boot[8192] __attribute__((aligned(16)));
static size_t	 boot_used;

static void *
boot_alloc(size_t n)
{
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (n > sizeof(boot) - boot_used)
		return NULL;
	p = boot + boot_used;
	boot_used += n;
	return p;
}

static int
in_boot(const void *p)
{
	return (const char *)p >= boot && (const char *)p < boot + sizeof(boot);
}

static void
resolve(void)
{
	static int busy;

	if (real_malloc != NULL || busy)
		return;
	busy = 1;
	/* POSIX's way to store dlsym's answer in a function pointer. */
	*(void **)&real_calloc = dlsym(RTLD_NEXT, "calloc");
	*(void **)&real_malloc = dlsym(RTLD_NEXT, "malloc");
	*(void **)&real_realloc = dlsym(RTLD_NEXT, "realloc");
	*(void **)&real_free = dlsym(RTLD_NEXT, "free");
	*(void **)&real_memalign = dlsym(RTLD_NEXT, "posix_memalign");
	busy = 0;
}

/* Whether this call is the one to fail. */
static int
failing(void)
{
	long n;

	if (!ready)
		return 0;
	n = __atomic_add_fetch(&calls, 1, __ATOMIC_RELAXED);
	return n == fail_at;
}

__attribute__((constructor)) static void
start(void)
{
	const char *s = getenv("FAILALLOC_AT");

	resolve();
	fail_at = s != NULL && *s != '\0' ? atol(s) : -1;
	ready = 1;
}

__attribute__((destructor)) static void
stop(void)
{
	const char	*path = getenv("FAILALLOC_COUNT");
	char		 buf[32];
	int		 fd, n;

	ready = 0;
	if (path == NULL || *path == '\0')
		return;
	n = snprintf(buf, sizeof(buf), "%ld\n", calls);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1)
		return;
	if (n > 0 && write(fd, buf, (size_t)n) != n)
		n = -1;
	close(fd);
}

void *
malloc(size_t n)
{
	resolve();
	if (real_malloc == NULL)
		return boot_alloc(n);
	if (failing()) {
		errno = ENOMEM;
		return NULL;
	}
	return real_malloc(n);
}

void *
calloc(size_t a, size_t b)
{
	void *p;

	resolve();
	if (real_calloc == NULL) {
		if (b != 0 && a > (size_t)-1 / b)
			return NULL;
		if ((p = boot_alloc(a * b)) != NULL)
			memset(p, 0, a * b);
		return p;
	}
	if (failing()) {
		errno = ENOMEM;
		return NULL;
	}
	return real_calloc(a, b);
}

void *
realloc(void *p, size_t n)
{
	resolve();
	if (in_boot(p)) {
		/* A boot block's size is not kept: copy what it can hold. */
		size_t	 room = (size_t)(boot + sizeof(boot) - (char *)p);
		void	*q = malloc(n);

		if (q != NULL)
			memcpy(q, p, n < room ? n : room);
		return q;
	}
	if (n != 0 && failing()) {
		errno = ENOMEM;
		return NULL;
	}
	return real_realloc(p, n);
}

void
free(void *p)
{
	if (p == NULL || in_boot(p))
		return;
	resolve();
	real_free(p);
}

int
posix_memalign(void **pp, size_t align, size_t n)
{
	resolve();
	if (failing())
		return ENOMEM;
	return real_memalign(pp, align, n);
}
