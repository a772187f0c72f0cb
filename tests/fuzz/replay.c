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
 * A plain driver for a fuzz target, without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named, so inputs that once
 * crashed or hung a target are replayed by "make check" with the normal
 * compiler (and under SANITIZE=address,undefined).  Prints TAP.
 *
 *   fuzz_TARGET-replay FILE...
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"

static const char	*current = "";

static void
on_alarm(int sig)
{
	(void)sig;
	(void)!write(1, "not ok - hang: ", 15);
	(void)!write(1, current, strlen(current));
	(void)!write(1, "\n", 1);
	_exit(1);
}

int
main(int argc, char **argv)
{
	uint8_t	*buf;
	size_t	 n;
	int	 i;

	signal(SIGALRM, on_alarm);
	for (i = 1; i < argc; i++) {
		current = argv[i];
		if ((buf = fz_read(argv[i], &n)) == NULL) {
			printf("not ok - cannot read %s\n", argv[i]);
			return 1;
		}
		alarm(60);
		LLVMFuzzerTestOneInput(buf, n);
		alarm(0);
		free(buf);
		printf("ok - %s\n", argv[i]);
	}
	return 0;
}
