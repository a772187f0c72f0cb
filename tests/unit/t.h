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
 * A minimal TAP producer for the unit tests.  Each CHECK prints one
 * "ok N - text" or "not ok N - text" line with the file and line of the
 * failing check, so tests/run.sh can count every assertion and the
 * summary line is exact.  T_DONE() ends main() with a status that is
 * non-zero when any check failed.
 */
#ifndef SPOOLFIX_TESTS_T_H
#define SPOOLFIX_TESTS_T_H

#include <stdio.h>
#include <string.h>

static int t_count, t_failed;

#define CHECK(cond, ...) do {						\
	t_count++;							\
	if (cond) {							\
		printf("ok %d - ", t_count);				\
	} else {							\
		t_failed++;						\
		printf("not ok %d - %s:%d: ", t_count, __FILE__,	\
		    __LINE__);						\
	}								\
	printf(__VA_ARGS__);						\
	printf("\n");							\
} while (0)

#define CHECK_INT(got, want, what) do {					\
	long long t_g_ = (long long)(got), t_w_ = (long long)(want);	\
	CHECK(t_g_ == t_w_, "%s: got %lld, want %lld", (what),		\
	    t_g_, t_w_);						\
} while (0)

#define CHECK_STR(got, want, what) do {					\
	const char *t_g_ = (got), *t_w_ = (want);			\
	CHECK(t_g_ != NULL && strcmp(t_g_, t_w_) == 0,			\
	    "%s: got \"%s\", want \"%s\"", (what),			\
	    t_g_ ? t_g_ : "(null)", t_w_);				\
} while (0)

/*
 * The hang guard of a test program (alarm(T_ALARM)): a sanitizer build
 * runs several times slower, beside the other test groups.
 */
#if defined(__SANITIZE_ADDRESS__)
#define T_ALARM	300
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define T_ALARM	300
#endif
#endif
#ifndef T_ALARM
#define T_ALARM	60
#endif

#define T_DONE() do {							\
	printf("1..%d\n", t_count);					\
	return t_failed ? 1 : 0;					\
} while (0)

#endif
