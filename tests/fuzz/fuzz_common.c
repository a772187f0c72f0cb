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
