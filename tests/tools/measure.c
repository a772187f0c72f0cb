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
 * measure N COMMAND ARGS...: runs COMMAND N times with its output thrown
 * away and prints "best-seconds median-seconds max-rss-KiB exit-status"
 * of the runs (wait4 gives the peak memory), for tests/bench/run.sh.
 * Seconds to 10 microseconds: /bin/true takes about 2 ms, and a ratio
 * of whole milliseconds against it would be off by up to half.
 * GNU time is not on every fresh machine; this is.
 */
#define _DEFAULT_SOURCE

#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct rusage	 ru;
	double		*t, start;
	long		 rss = 0;
	int		 n, i, status = 0, fd;
	pid_t		 pid;

	if (argc < 3 || (n = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: measure N COMMAND [ARGS...]\n");
		return 2;
	}
	if ((t = calloc((size_t)n, sizeof(*t))) == NULL)
		return 2;
	for (i = 0; i < n; i++) {
		start = now();
		if ((pid = fork()) == -1) {
			free(t);
			return 2;
		}
		if (pid == 0) {
			if ((fd = open("/dev/null", O_WRONLY)) != -1) {
				dup2(fd, 1);
				dup2(fd, 2);
			}
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (wait4(pid, &status, 0, &ru) == -1) {
			free(t);
			return 2;
		}
		t[i] = now() - start;
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	qsort(t, (size_t)n, sizeof(*t), cmp);
	printf("%.5f %.5f %ld %d\n", t[0], t[n / 2], rss,
	    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	free(t);
	return 0;
}
