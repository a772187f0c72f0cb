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
 * Corrupt-input sweep (SQLite's corrupt*.test idea): takes a good hive,
 * damages it in thousands of ways (single-byte flips across the file,
 * random multi-byte damage with the base-block checksum recomputed so
 * that parsing goes deep, truncations, and subkey lists pointing back at
 * their own key), and runs the whole scan on each through the public
 * API.  Any outcome but a clean status is a failure; a crash or a
 * sanitizer report ends the process, and a hang trips the alarm.
 *
 *   hostile HIVE RULESDIR WORKDIR
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spoolfix.h"

static int		 n_ok, n_bad;
static const char	*current = "";
static unsigned		 variant;

static void
on_alarm(int sig)
{
	char msg[160];
	int  n;

	(void)sig;
	n = snprintf(msg, sizeof(msg), "not ok - hang: %s variant %u did not "
	    "finish within the time limit\n", current, variant);
	if (n > 0)
		(void)!write(1, msg, (size_t)n);
	_exit(1);
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void
fix_checksum(uint8_t *d, size_t n)
{
	uint32_t sum = 0;
	size_t	 i;

	if (n < 512)
		return;
	for (i = 0; i < 508; i += 4)
		sum ^= le32(d + i);
	put32(d + 508, sum);
}

/* Scans one damaged image; any status but OK/FORMAT/IO is a failure. */
static void
scan_image(const sf_rules *rules, const char *path, const uint8_t *d,
    size_t n)
{
	FILE		*f;
	sf_machine	*m = NULL;
	sf_report	*r = NULL;
	sf_status	 rc;

	variant++;
	if ((f = fopen(path, "wb")) == NULL || fwrite(d, 1, n, f) != n ||
	    fclose(f) != 0) {
		printf("not ok - cannot write %s\n", path);
		exit(1);
	}
	if (sf_machine_new(&m, NULL) != SF_OK)
		abort();
	rc = sf_machine_add_file(m, path, SF_HIVE_UNKNOWN, NULL, NULL);
	if (rc != SF_OK && rc != SF_ERR_FORMAT && rc != SF_ERR_IO &&
	    rc != SF_ERR_CONFLICT) {
		n_bad++;
		printf("# %s variant %u: add_file returned %d\n", current,
		    variant, rc);
	} else if (sf_scan(m, rules, NULL, &r, NULL) != SF_OK) {
		n_bad++;
		printf("# %s variant %u: scan failed\n", current, variant);
	} else
		n_ok++;
	sf_report_free(r);
	sf_machine_free(m);
}

static void
report(const char *what)
{
	if (n_bad == 0)
		printf("ok - %s: %d damaged images scanned cleanly\n", what,
		    n_ok);
	else
		printf("not ok - %s: %d of %d damaged images failed\n", what,
		    n_bad, n_ok + n_bad);
	n_ok = n_bad = 0;
}

int
main(int argc, char **argv)
{
	sf_compiler	*c = NULL;
	sf_rules	*rules = NULL;
	uint8_t		*good, *d;
	size_t		 n, i, step, k;
	FILE		*f;
	char		 path[4096];
	uint64_t	 seed = 0x9E3779B97F4A7C15ULL;
	long		 sz;

	if (argc != 4) {
		fprintf(stderr, "usage: hostile HIVE RULESDIR WORKDIR\n");
		return 2;
	}
	signal(SIGALRM, on_alarm);
	snprintf(path, sizeof(path), "%s/damaged", argv[3]);
	if ((f = fopen(argv[1], "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (sz = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0)
		return 2;
	n = (size_t)sz;
	if ((good = malloc(n)) == NULL || (d = malloc(n)) == NULL ||
	    fread(good, 1, n, f) != n)
		return 2;
	fclose(f);
	if (sf_compiler_new(&c, NULL) != SF_OK ||
	    sf_compiler_add_dir(c, argv[2], NULL) != SF_OK ||
	    sf_compiler_finish(c, &rules, NULL) != SF_OK) {
		printf("not ok - the shipped rules do not compile\n");
		return 1;
	}
	sf_compiler_free(c);

	current = "byte flips";
	alarm(600);
	step = n / 1500 + 1;
	for (i = 0; i < n; i += step) {
		memcpy(d, good, n);
		d[i] ^= 0xFF;
		if (i < 508 && i % 7 == 0)
			fix_checksum(d, n);	/* reach past the checksum */
		scan_image(rules, path, d, n);
	}
	report("byte flips across the file");

	current = "random damage";
	for (k = 0; k < 1500; k++) {
		memcpy(d, good, n);
		for (i = 0; i < 8; i++) {
			seed = seed * 6364136223846793005ULL + 1;
			d[4096 + (seed >> 33) % (n - 4096)] =
			    (uint8_t)(seed >> 17);
		}
		scan_image(rules, path, d, n);
	}
	report("eight random bytes per image in the hive bins");

	current = "header fields";
	for (k = 0; k < 64; k++) {
		static const size_t fields[] = { 4, 8, 20, 24, 28, 36, 40, 44 };
		static const uint32_t values[] = { 0, 1, 0xFFFFFFFF,
		    0x7FFFFFFF, 0x1000, 0xFFFFF000, 3, 0x80000000 };

		memcpy(d, good, n);
		put32(d + fields[k % 8], values[k / 8]);
		fix_checksum(d, n);
		scan_image(rules, path, d, n);
	}
	report("base-block fields set to extreme values");

	current = "truncation";
	for (k = 1; k <= 64; k++) {
		memcpy(d, good, n);
		scan_image(rules, path, d, n * k / 65);
	}
	scan_image(rules, path, good, 0);
	scan_image(rules, path, good, 4095);
	report("truncated files");

	/*
	 * Loops: every 4-byte word in the hive bins that holds a cell
	 * offset is pointed at the root key (a key becomes its own
	 * ancestor) or at the root's subkey list.
	 */
	current = "loops";
	{
		uint32_t root = le32(good + 36), rootlist = 0;

		if (root + 4096 + 32 <= n)
			rootlist = le32(good + 4096 + root + 4 + 28);
		for (i = 4096; i + 4 <= n && i < 4096 + 32768; i += 4) {
			uint32_t w = le32(good + i);

			if (w == 0xFFFFFFFF || w < 32 || w + 4096 >= n || w % 8)
				continue;
			memcpy(d, good, n);
			put32(d + i, (i / 4) % 2 ? root : rootlist);
			scan_image(rules, path, d, n);
		}
	}
	report("offsets redirected to the root and its subkey list");
	alarm(0);
	sf_rules_free(rules);
	free(good);
	free(d);
	return 0;
}
