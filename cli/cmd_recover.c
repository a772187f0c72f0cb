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
 * spoolfix recover: a dirty hive written as recovered from its
 * transaction logs (sf_recover).  Exit 0 written and verified, 2 refused
 * or failed (the hive and its logs are then as they were).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "spoolfix recover [-o OUT | --in-place] [--backup-dir DIR] HIVE";

enum { O_INPLACE = 256, O_BACKUP, O_HELP };

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "in-place", no_argument, NULL, O_INPLACE },
	{ "backup-dir", required_argument, NULL, O_BACKUP },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 }
};

int
cmd_recover(int argc, char **argv)
{
	sf_recover_opts	 ro;
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	int		 c, rc;

	memset(&ro, 0, sizeof(ro));
	optind = 1;
	opterr = 0;	/* its messages would quote the argument raw */
	while ((c = getopt_long(argc, argv, ":o:", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			ro.out = optarg;
			break;
		case O_INPLACE:
			ro.in_place = 1;
			break;
		case O_BACKUP:
			ro.backup_dir = optarg;
			break;
		case O_HELP:
			printf("usage: %s\n\n"
			    "Writes a dirty hive as Windows recovers it from its "
			    "transaction logs\n(.LOG1/.LOG2 or .LOG beside it): "
			    "a clean hive file.\n\n"
			    "  -o OUT            write it to OUT, a new file; the "
			    "hive and its logs\n"
			    "                    are left as they are\n"
			    "  --in-place        replace the hive itself, after a "
			    "backup of the hive\n"
			    "                    and its logs, which then leave "
			    "its folder\n"
			    "  --backup-dir DIR  where the backups go with "
			    "--in-place (default\n"
			    "                    ./spoolfix-backup-<UTC time>)\n\n"
			    "Exit status: 0 written and verified, 2 refused or "
			    "failed (nothing\nwas changed).\n", usage);
			return EXIT_CLEAN;
		default:
			return option_error(usage, c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return usage_error(usage, "give one hive file");
	if ((ro.out == NULL) == !ro.in_place)
		return usage_error(usage, "give -o OUT or --in-place");
	if (sf_recover(argv[0], &ro, &res, &e) != SF_OK) {
		print_error(e);
		fputs("left unchanged: ", stdout);
		put_safe(stdout, argv[0]);
		putchar('\n');
		rc = EXIT_TROUBLE;
	} else {
		fputs("recovered: ", stdout);
		put_safe(stdout, argv[0]);
		fputs(" -> ", stdout);
		put_safe(stdout, sf_repair_path(res, 0));
		if (sf_repair_backup(res, 0) != NULL) {
			fputs(" (verified; backup ", stdout);
			put_safe(stdout, sf_repair_backup(res, 0));
			fputs(", logs moved to ", stdout);
			put_safe(stdout, sf_repair_backup_dir(res));
			puts(")");
		} else
			puts(" (verified)");
		rc = EXIT_CLEAN;
	}
	sf_error_free(e);
	sf_repair_free(res);
	return rc;
}
