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
 * spoolfix undo UNDO.reg HIVE: applies an undo file written by repair to
 * an offline hive, with the same lock, backup, verification and atomic
 * replacement.  Exit 0 when applied and verified, 2 otherwise.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "spoolfix undo [--backup-dir DIR] [--profile NAME] UNDO.reg HIVE\n"
    "       spoolfix undo --live [--backup-dir DIR] [--no-restart | "
    "--start-spooler]\n"
    "                    UNDO.reg";

enum { O_BACKUP = 256, O_PROFILE, O_HELP, O_LIVE, O_NORESTART,
    O_STARTSPOOLER };

static const struct option longopts[] = {
	{ "backup-dir", required_argument, NULL, O_BACKUP },
	{ "profile", required_argument, NULL, O_PROFILE },
	{ "help", no_argument, NULL, O_HELP },
	{ "live", no_argument, NULL, O_LIVE },
	{ "no-restart", no_argument, NULL, O_NORESTART },
	{ "start-spooler", no_argument, NULL, O_STARTSPOOLER },
	{ NULL, 0, NULL, 0 }
};

/* undo --live UNDO.reg: every hive it names, in the running registry. */
static int
undo_live(int live, int argc, char **argv, sf_repair_opts *ro)
{
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	size_t		 i;
	int		 rc = EXIT_CLEAN;

	if (!live)
		return usage_error(usage, "--no-restart and --start-spooler go "
		    "with --live");
	if (argc != 1 || ro->profile != NULL)
		return usage_error(usage, "--live takes the undo file alone");
	if (sf_undo_run_live(argv[0], ro, &res, &e) != SF_OK) {
		rc = EXIT_TROUBLE;
		if (res == NULL || sf_repair_count(res) == 0)
			print_error(e);
	}
	for (i = 0; res != NULL && i < sf_repair_count(res); i++) {
		const char *path = sf_repair_path(res, i);

		if (sf_repair_state_of(res, i) == SF_REPAIR_APPLIED) {
			fputs("restored: ", stdout);
			put_safe(stdout, path);
			printf(" (%zu entr%s, verified; backup ",
			    sf_repair_changes(res, i),
			    sf_repair_changes(res, i) == 1 ? "y" : "ies");
			put_safe(stdout, sf_repair_backup(res, i));
			puts(")");
			continue;
		}
		fputs("left unchanged: ", stdout);
		put_safe(stdout, path);
		putchar('\n');
		if (sf_repair_error(res, i) != NULL)
			print_error(sf_repair_error(res, i));
	}
	if (res != NULL && sf_repair_service(res) != NULL) {
		fputs("spooler: ", stdout);
		put_safe(stdout, sf_repair_service(res));
		putchar('\n');
		if (sf_repair_service_failed(res))
			rc = EXIT_TROUBLE;
	}
	sf_error_free(e);
	sf_repair_free(res);
	return rc;
}

int
cmd_undo(int argc, char **argv)
{
	sf_repair_opts	 ro;
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	int		 c, rc, live = 0;

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
		case O_PROFILE:
			ro.profile = optarg;
			break;
		case O_LIVE:
			live = 1;
			break;
		case O_NORESTART:
			ro.spooler = SF_SPOOLER_NO_RESTART;
			break;
		case O_STARTSPOOLER:
			ro.spooler = SF_SPOOLER_START;
			break;
		case O_HELP:
			printf("usage: %s\n\n"
			    "Applies an undo file written by spoolfix repair to "
			    "an offline hive,\nwith the same lock, backup, "
			    "verification and atomic replacement.\n\n"
			    "  --backup-dir DIR  where the hive's backup goes "
			    "(default\n"
			    "                    ./spoolfix-backup-<UTC time>)\n"
			    "  --profile NAME    the user profile (HKEY_USERS\\NAME) "
			    "a user hive\n"
			    "                    holds, when its folder does not "
			    "say it\n"
			    "  --live            apply it to the running registry "
			    "(Windows, elevated),\n"
			    "                    with the Spooler stopped\n"
			    "  --no-restart      --live: leave the Spooler stopped "
			    "afterwards\n"
			    "  --start-spooler   --live: start the Spooler even if "
			    "it was stopped\n\n"
			    "Exit status: 0 restored and verified, 2 refused or "
			    "failed (the hive\nis then byte-identical to before)."
			    "\n", usage);
			return EXIT_CLEAN;
		default:
			return option_error(usage, c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (live || ro.spooler != SF_SPOOLER_AS_WAS)
		return undo_live(live, argc, argv, &ro);
	if (argc != 2)
		return usage_error(usage, "give the undo file and the hive");
	if (sf_undo_run(argv[0], argv[1], &ro, &res, &e) != SF_OK) {
		print_error(e);
		fputs("left unchanged: ", stdout);
		put_safe(stdout, argv[1]);
		putchar('\n');
		rc = EXIT_TROUBLE;
	} else {
		fputs("restored: ", stdout);
		put_safe(stdout, argv[1]);
		printf(" (%zu entr%s, verified; backup ",
		    sf_repair_changes(res, 0),
		    sf_repair_changes(res, 0) == 1 ? "y" : "ies");
		put_safe(stdout, sf_repair_backup(res, 0) != NULL ?
		    sf_repair_backup(res, 0) : "-");
		puts(")");
		rc = EXIT_CLEAN;
	}
	sf_error_free(e);
	sf_repair_free(res);
	return rc;
}
