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

int
main(int argc, char **argv)
{
	sf_machine	*m = NULL;
	static char	 path[1 << 16];

	if (argc != 2 || sf_machine_new(&m, NULL) != SF_OK ||
	    sf_machine_add_file(m, argv[1], SF_HIVE_UNKNOWN, NULL, NULL) !=
	    SF_OK) {
		fprintf(stderr, "treedump: cannot read %s\n", argc > 1 ?
		    argv[1] : "(nothing)");
		return 2;
	}
	path[0] = '\0';
	walk(m->hive[0], m->hive[0]->root, path, 0);
	sf_machine_free(m);
	return 0;
}
