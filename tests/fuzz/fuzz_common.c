/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 */

/* Helpers shared by the fuzz targets; see fuzz.h. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "hive/regf.h"

static char	dir[512];
static char	path[640];

_Noreturn void
fz_fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz invariant broken: %s: %s\n", what,
	    detail != NULL ? detail : "");
	abort();
}

/* The scratch folder goes away with the process (libFuzzer's -fork and
 * plain exits alike run atexit handlers). */
static void
cleanup(void)
{
	fz_clear("");
	rmdir(dir);
}

const char *
fz_dir(void)
{
	const char	*t;

	if (dir[0] != '\0')
		return dir;
	/* Prefer memory-backed storage: repair fsyncs every file. */
	t = getenv("SPOOLFIX_FUZZ_TMP");
	if (t == NULL)
		t = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof(dir), "%s/spoolfix-fuzz.XXXXXX", t);
	if (mkdtemp(dir) == NULL)
		fz_fail("mkdtemp", dir);
	atexit(cleanup);
	return dir;
}

const char *
fz_write(const char *name, const uint8_t *data, size_t size)
{
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", fz_dir(), name);
	if ((f = fopen(path, "wb")) == NULL ||
	    (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0)
		fz_fail("cannot write the scratch file", path);
	return path;
}

uint8_t *
fz_read(const char *p, size_t *len)
{
	FILE	*f;
	uint8_t	*b = NULL;
	long	 n;

	if ((f = fopen(p, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (b = malloc((size_t)n + 1)) == NULL ||
	    fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

static void
rm_tree(const char *p, int depth)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		 sub[1024];

	if (depth > 4 || (d = opendir(p)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", p, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			rm_tree(sub, depth + 1);
			rmdir(sub);
		} else
			unlink(sub);
	}
	closedir(d);
}

void
fz_clear(const char *sub)
{
	char	p[1024];

	snprintf(p, sizeof(p), "%s/%s", fz_dir(), sub);
	rm_tree(p, 0);
}

/* The reader's own checksum (the targets link the library's objects). */
void
fz_fix_checksum(uint8_t *d, size_t n)
{
	uint32_t	sum;

	if (n < 512)
		return;
	sum = sf_regf_checksum(d);
	d[508] = (uint8_t)sum;
	d[509] = (uint8_t)(sum >> 8);
	d[510] = (uint8_t)(sum >> 16);
	d[511] = (uint8_t)(sum >> 24);
}

static uint32_t
rotl(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

/* Marvin32 with the registry's seed (as tests/tools/mklog.c). */
static uint64_t
marvin32(const uint8_t *p, size_t n)
{
	uint32_t lo = 0x7A4E55C5u, hi = 0x82EF4D88u, v, fin = 0x80;
	size_t	 i, round;

	for (i = 0, round = 0; round < n / 4 + 2; round++) {
		if (round < n / 4) {
			v = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 |
			    (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
			i += 4;
		} else if (round == n / 4) {
			size_t k = n;

			while (k > i)
				fin = (fin << 8) | p[--k];
			v = fin;
		} else
			v = 0;
		lo += v;
		hi ^= lo;
		lo = rotl(lo, 20) + hi;
		hi = rotl(hi, 9) ^ lo;
		lo = rotl(lo, 27) + hi;
		hi = rotl(hi, 19);
	}
	return (uint64_t)hi << 32 | lo;
}

static void
put64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* The log's base-block checksum and every parseable entry's hashes. */
static void
fix_log(uint8_t *d, size_t n)
{
	size_t	 pos = 512;
	uint32_t sz;

	fz_fix_checksum(d, n);
	while (pos + 40 <= n && memcmp(d + pos, "HvLE", 4) == 0) {
		sz = (uint32_t)d[pos + 4] | (uint32_t)d[pos + 5] << 8 |
		    (uint32_t)d[pos + 6] << 16 | (uint32_t)d[pos + 7] << 24;
		if (sz < 40 || sz > n - pos)
			break;
		put64(d + pos + 24, marvin32(d + pos + 40, sz - 40));
		put64(d + pos + 32, marvin32(d + pos, 32));
		if (sz < 512)
			break;
		pos += sz;
	}
}

static const uint8_t *
find_sep(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 8 <= n; i++)
		if (memcmp(p + i, FZ_LOG_SEP, 8) == 0)
			return p + i;
	return NULL;
}

const char *
fz_write_with_logs(const char *name, const uint8_t *data, size_t size)
{
	static char	 hive[640];
	const uint8_t	*part[3] = { data, NULL, NULL }, *s;
	size_t		 len[3] = { size, 0, 0 }, k = 0, seplen = 8;
	char		 log[64];
	uint8_t		*copy;
	int		 i;

	while (k < 2 && (s = find_sep(part[k], len[k])) != NULL) {
		part[k + 1] = s + seplen;
		len[k + 1] = len[k] - (size_t)(s - part[k]) - seplen;
		len[k] = (size_t)(s - part[k]);
		k++;
	}
	for (i = 0; i < 3; i++) {
		snprintf(log, sizeof(log), i == 0 ? "%s" : "%s.LOG%d", name, i);
		if (i > (int)k) {
			snprintf(path, sizeof(path), "%s/%s", fz_dir(), log);
			unlink(path);
			continue;
		}
		if ((copy = malloc(len[i] + 1)) == NULL)
			fz_fail("malloc", NULL);
		memcpy(copy, part[i], len[i]);
		if (i == 0)
			fz_fix_checksum(copy, len[i]);
		else
			fix_log(copy, len[i]);
		fz_write(log, copy, len[i]);
		free(copy);
		if (i == 0)
			snprintf(hive, sizeof(hive), "%s", path);
	}
	return hive;
}

static void
diag(void *arg, const char *file, unsigned line, unsigned col,
    const char *msg)
{
	(void)arg; (void)file; (void)line; (void)col; (void)msg;
}

const sf_rules *
fz_shipped_rules(void)
{
	static sf_rules	*rules;
	sf_compiler	*c = NULL;
	sf_error	*err = NULL;
	const char	*d = getenv("SPOOLFIX_RULES_DIR");

	if (rules != NULL)
		return rules;
	if (d == NULL)
		d = "rules";
	if (sf_compiler_new(&c, &err) != SF_OK)
		fz_fail("sf_compiler_new", NULL);
	sf_compiler_set_diag(c, diag, NULL);
	if (sf_compiler_add_dir(c, d, &err) != SF_OK ||
	    sf_compiler_finish(c, &rules, &err) != SF_OK)
		fz_fail("the shipped rules do not compile (set "
		    "SPOOLFIX_RULES_DIR)", err != NULL ?
		    sf_error_message(err) : d);
	sf_compiler_free(c);
	return rules;
}
