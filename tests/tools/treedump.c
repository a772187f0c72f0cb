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
 * treedump HIVE: every key and value as spoolfix's reader sees them, one
 * line each, in the form "walk -d" prints for libregf, so that
 * tests/differential.sh can compare the two readers.  Names are cut at
 * the first NUL and string data at its first NUL unit, where libregf
 * 20201007 stops; data of one to three bytes is not compared (libregf
 * takes it from the wrong end of the field).  Uses library internals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"
#include "machine/machine.h"
#include "dumpfmt.h"

static void
walk(sf_hive *h, sf_key *k, char *path, size_t plen)
{
	size_t	 i, n;

	if (sf_key_values(h, k) != SF_OK || sf_key_children(h, k) != SF_OK)
		exit(3);
	for (i = 0; i < k->nval; i++) {
		const sf_value *v = &k->val[i];

		/*
		 * libregf reads an unterminated string past its size into
		 * the cell's slack; such values are named, not compared.
		 */
		if ((v->type == 1 || v->type == 2 || v->type == 6) &&
		    v->size >= 2 && (v->data[v->size - 1] |
		    v->data[v->size - 2]) != 0) {
			char nm[4096] = "";
			size_t j, o = 0;

			for (j = 0; j < v->name_len && v->name[j] != 0 &&
			    o + 5 < sizeof(nm); j++)
				o += (size_t)sprintf(nm + o, "%04x",
				    v->name[j]);
			printf("U\t%s\t%s\t%u\n", path, nm, v->type);
			continue;
		}
		dump_value(path, v->name, v->name_len, v->type, v->data,
		    v->size);
	}
	for (i = 0; i < k->nchild; i++) {
		n = dump_join(path, plen, k->child[i]->name,
		    k->child[i]->name_len);
		printf("K\t%s\n", path);
		walk(h, k->child[i], path, n);
		path[plen] = '\0';
	}
}

/*
 * With -c: each key's class name and security descriptor as hex, the
 * parts of a key a logical comparison of two hives must cover beyond
 * names and values (tests/logs.sh compares recovered hives with the
 * ones Windows recovered).
 */
static void
extras(sf_hive *h, sf_key *k, const char *path)
{
	uint16_t	*cls = NULL;
	const uint8_t	*sk;
	size_t		 n = 0, len, i;
	uint32_t	 sec, sdlen;

	if (h->ops->class_name(h, k, &cls, &n) != SF_OK)
		exit(3);
	printf("C\t%s\t", path);
	for (i = 0; i < n; i++)
		printf("%04x", cls[i]);
	putchar('\n');
	free(cls);
	if (k->offset + 48 > h->file.size)
		exit(3);
	sec = sf_le32(h->file.data + k->offset + 44);
	printf("S\t%s\t", path);
	if (sf_regf_cell(&h->regf, sec, &sk, &len) == 0 && len >= 20 &&
	    (sdlen = sf_le32(sk + 16)) <= len - 20)
		for (i = 0; i < sdlen; i++)
			printf("%02x", sk[20 + i]);
	else
		fputs("unreadable", stdout);
	putchar('\n');
}

static int with_extras;

static void
walk_all(sf_hive *h, sf_key *k, char *path, size_t plen)
{
	size_t i, n;

	if (sf_key_children(h, k) != SF_OK)
		exit(3);
	extras(h, k, path);
	for (i = 0; i < k->nchild; i++) {
		n = dump_join(path, plen, k->child[i]->name,
		    k->child[i]->name_len);
		walk_all(h, k->child[i], path, n);
		path[plen] = '\0';
	}
}

/*
 * treedump [-n] [-c] HIVE: -n reads the primary file alone (no logs
 * applied), as libregf reads it; -c adds class names and security
 * descriptors.
 */
int
main(int argc, char **argv)
{
	sf_machine	*m = NULL;
	static char	 path[1 << 16];
	int		 no_logs = 0;

	for (; argc > 2 && argv[1][0] == '-'; argc--, argv++)
		if (strcmp(argv[1], "-n") == 0)
			no_logs = 1;
		else if (strcmp(argv[1], "-c") == 0)
			with_extras = 1;
	if (argc != 2 || sf_machine_new(&m, NULL) != SF_OK) {
		fprintf(stderr, "treedump: usage: treedump [-n] [-c] HIVE\n");
		return 2;
	}
	sf_machine_set_logs(m, !no_logs);
	if (sf_machine_add_file(m, argv[1], SF_HIVE_UNKNOWN, NULL, NULL) !=
	    SF_OK) {
		fprintf(stderr, "treedump: cannot read %s\n", argv[1]);
		sf_machine_free(m);
		return 2;
	}
	path[0] = '\0';
	walk(m->hive[0], m->hive[0]->root, path, 0);
	if (with_extras)
		walk_all(m->hive[0], m->hive[0]->root, path, 0);
	sf_machine_free(m);
	return 0;
}
