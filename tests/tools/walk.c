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
 * walk [-d [-r]] [-p PATH] HIVE: reads every key name and every value's data
 * through the libregf C API and prints the counts.  It is the reference
 * point of regf-format.md ("full walk through the libregf C API": 0.50 s
 * for the regipy SYSTEM hive) that tests/bench/run.sh compares spoolfix
 * with.  With -d it prints every key and value in the format of
 * treedump, for tests/differential.sh.  With -p it walks only the
 * subtree at PATH (below the root, a backslash between names, as
 * "ControlSet001\Control\Print"): the bare libregf walk of the keys
 * the print rules read, which make bench holds spoolfix's scan against.
 * With -r (and -d) names are printed as stored, every byte of libregf's
 * raw name (an embedded NUL, where its UTF-16 name stops, included) as
 * the unit 0x01XX, so that two hives whose names are stored alike
 * compare exactly (tests/undo.sh: keys named with a NUL restored).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libregf.h>

#include "dumpfmt.h"

static unsigned long keys, values, bytes;
static int dump, raw;
static char path[1 << 16];

/* -r: the stored name's bytes b as units 0x0100 | b (never a NUL). */
static size_t
name_raw(libregf_key_t *k, libregf_value_t *v, uint16_t *u, size_t cap)
{
	uint8_t	 b[1024];
	size_t	 n = 0, i;
	int	 rc;

	rc = k != NULL ? libregf_key_get_name_size(k, &n, NULL) :
	    libregf_value_get_name_size(v, &n, NULL);
	if (rc != 1 || n == 0 || n > cap || n > sizeof(b))
		return 0;
	rc = k != NULL ? libregf_key_get_name(k, b, n, NULL) :
	    libregf_value_get_name(v, b, n, NULL);
	if (rc != 1)
		return 0;
	for (i = 0; i < n; i++)
		u[i] = (uint16_t)(0x100 | b[i]);
	return n;
}

/* A libregf UTF-16 name (it stops at a NUL; fails on bad surrogates). */
static size_t
name16(libregf_key_t *k, libregf_value_t *v, uint16_t *u, size_t cap)
{
	size_t	 n = 0;
	int	 rc;

	if (raw)
		return name_raw(k, v, u, cap);

	rc = k != NULL ? libregf_key_get_utf16_name_size(k, &n, NULL) :
	    libregf_value_get_utf16_name_size(v, &n, NULL);
	if (rc != 1 || n == 0 || n > cap)
		return 0;
	rc = k != NULL ? libregf_key_get_utf16_name(k, u, n, NULL) :
	    libregf_value_get_utf16_name(v, u, n, NULL);
	return rc == 1 ? n - 1 : 0;
}

static void
walk(libregf_key_t *k, int depth)
{
	libregf_key_t	*sub;
	libregf_value_t	*v;
	uint8_t		 name[1024], *data;
	uint16_t	 u[1024];
	size_t		 size, plen = strlen(path), ulen;
	uint32_t	 type = 0;
	int		 n = 0, i;

	keys++;
	if (libregf_key_get_name_size(k, &size, NULL) == 1 && size <=
	    sizeof(name))
		libregf_key_get_name(k, name, size, NULL);
	if (libregf_key_get_number_of_values(k, &n, NULL) == 1)
		for (i = 0; i < n; i++) {
			v = NULL;
			if (libregf_key_get_value(k, i, &v, NULL) != 1)
				continue;
			values++;
			libregf_value_get_value_type(v, &type, NULL);
			if (libregf_value_get_value_data_size(v, &size, NULL) ==
			    1 && (data = malloc(size + 1)) != NULL) {
				if (size > 0 && libregf_value_get_value_data(v,
				    data, size, NULL) == 1)
					bytes += size;
				if (dump) {
					ulen = name16(NULL, v, u, 1024);
					dump_value(path, u, ulen, type, data,
					    size);
				}
				free(data);
			}
			libregf_value_free(&v, NULL);
		}
	n = 0;
	if (depth < 512 && libregf_key_get_number_of_sub_keys(k, &n,
	    NULL) == 1)
		for (i = 0; i < n; i++) {
			sub = NULL;
			if (libregf_key_get_sub_key(k, i, &sub, NULL) != 1)
				continue;
			if (dump) {
				ulen = name16(sub, NULL, u, 1024);
				dump_join(path, plen, u, ulen);
				printf("K\t%s\n", path);
			}
			walk(sub, depth + 1);
			path[plen] = '\0';
			libregf_key_free(&sub, NULL);
		}
}

int
main(int argc, char **argv)
{
	libregf_file_t	*f = NULL;
	libregf_key_t	*root = NULL;
	const char	*sub = NULL;
	int		 c, rc;

	while ((c = getopt(argc, argv, "dp:r")) != -1)
		switch (c) {
		case 'd':
			dump = 1;
			break;
		case 'r':
			raw = 1;
			break;
		case 'p':
			sub = optarg;
			break;
		default:
			goto usage;
		}
	argc -= optind;
	argv += optind;
	if (argc != 1 || libregf_file_initialize(&f, NULL) != 1 ||
	    libregf_file_open(f, argv[0], LIBREGF_OPEN_READ, NULL) != 1)
		goto usage;
	rc = sub != NULL ? libregf_file_get_key_by_utf8_path(f,
	    (const uint8_t *)sub, strlen(sub), &root, NULL) :
	    libregf_file_get_root_key(f, &root, NULL);
	if (rc != 1) {
		fprintf(stderr, "walk: %s: no key %s\n", argv[0],
		    sub != NULL ? sub : "(root)");
		return 2;
	}
	walk(root, 0);
	if (!dump)
		printf("%lu keys, %lu values, %lu bytes of data\n", keys,
		    values, bytes);
	libregf_key_free(&root, NULL);
	libregf_file_close(f, NULL);
	libregf_file_free(&f, NULL);
	return 0;
usage:
	fprintf(stderr, "usage: walk [-d [-r]] [-p PATH] HIVE (a readable hive)\n");
	return 2;
}
