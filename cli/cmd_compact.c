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
 * spoolfix compact HIVE...: writes each offline hive anew without its
 * free space, as Windows does when it reorganizes a hive, with the
 * repair's lock, backup, verification and atomic replacement.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "spoolfix compact [--backup-dir DIR] HIVE...";

enum { O_BACKUP = 256, O_HELP };

static const struct option longopts[] = {
	{ "backup-dir", required_argument, NULL, O_BACKUP },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 }
};

int
cmd_compact(int argc, char **argv)
{
	sf_repair_opts	 ro;
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	int		 c, i, rc = EXIT_CLEAN;

	memset(&ro, 0, sizeof(ro));
	optind = 1;
	opterr = 0;	/* its messages would quote the argument raw */
	if (exact_options(argc, argv, "", longopts, usage) != 0)
		return EXIT_TROUBLE;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case O_BACKUP:
			ro.backup_dir = optarg;
			break;
		case O_HELP:
			printf("usage: %s\n\n"
			    "Writes each offline hive anew without free space "
			    "(the space of deleted\nkeys), keeping every key, "
			    "value, class name, security descriptor and\ntime "
			    "stamp, with the same lock, backup, verification "
			    "and atomic\nreplacement as repair.\n\n"
			    "  --backup-dir DIR  where the hives' backups go "
			    "(default\n"
			    "                    ./spoolfix-backup-<UTC time>)\n\n"
			    "Exit status: 0 every hive compacted and verified, "
			    "2 a hive refused or\nfailed (that hive is then "
			    "byte-identical to before).\n", usage);
			return EXIT_CLEAN;
		default:
			return option_error(usage, c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return usage_error(usage, "give the hive files to compact");
	for (i = 0; i < argc; i++) {
		if (sf_compact_run(argv[i], &ro, &res, &e) != SF_OK) {
			print_error(e);
			fputs("left unchanged: ", stdout);
			put_safe(stdout, argv[i]);
			putchar('\n');
			rc = EXIT_TROUBLE;
		} else {
			fputs("compacted: ", stdout);
			put_safe(stdout, argv[i]);
			printf(" (%ju -> %ju bytes, verified; backup ",
			    (uintmax_t)sf_repair_size_before(res, 0),
			    (uintmax_t)sf_repair_size_after(res, 0));
			put_safe(stdout, sf_repair_backup(res, 0) != NULL ?
			    sf_repair_backup(res, 0) : "-");
			puts(")");
		}
		sf_error_free(e);
		e = NULL;
		sf_repair_free(res);
		res = NULL;
	}
	return rc;
}
