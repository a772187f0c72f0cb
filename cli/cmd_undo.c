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
 * spoolfix undo UNDO.reg HIVE...|--root DIR: applies an undo file written
 * by repair to offline hives, with the same lock, backup, verification
 * and atomic replacement; every hive of a machine from one file (each
 * entry to the hive its root names), all or nothing.  --dry-run lists
 * what would change; on a terminal, without --yes, it asks first.  Exit
 * 0 when applied and verified, 1 for a dry run (changes pending) or an
 * undo declined at the prompt, 2 otherwise.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "spoolfix undo [--dry-run] [--yes] [--backup-dir DIR] [--profile NAME]\n"
    "              UNDO.reg [--root DIR] [HIVE ...]\n"
    "       spoolfix undo --live [--yes] [--backup-dir DIR] [--no-restart | "
    "--start-spooler]\n"
    "                    UNDO.reg";

enum { O_BACKUP = 256, O_PROFILE, O_HELP, O_DRY, O_YES, O_ROOT, O_LIVE,
    O_NORESTART, O_STARTSPOOLER };

static const struct option longopts[] = {
	{ "backup-dir", required_argument, NULL, O_BACKUP },
	{ "profile", required_argument, NULL, O_PROFILE },
	{ "help", no_argument, NULL, O_HELP },
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "yes", no_argument, NULL, O_YES },
	{ "root", required_argument, NULL, O_ROOT },
	{ "live", no_argument, NULL, O_LIVE },
	{ "no-restart", no_argument, NULL, O_NORESTART },
	{ "start-spooler", no_argument, NULL, O_STARTSPOOLER },
	{ NULL, 0, NULL, 0 }
};

static const char help[] =
    "Applies an undo file written by spoolfix repair to offline hives, "
    "with the\nsame lock, backup, verification and atomic replacement.  "
    "With --root, or\nseveral hives, every hive the file names is "
    "restored from it, all or\nnothing: each is checked and backed up "
    "before any is written, and hives\nalready written are put back if "
    "a later one fails.\n\n"
    "  --dry-run         list what would change, write nothing\n"
    "  --yes             apply without asking (on a terminal it asks)\n"
    "  --root DIR        the hives found under DIR, as scan --root finds "
    "them\n"
    "  --backup-dir DIR  where the hives' backups go (default\n"
    "                    ./spoolfix-backup-<UTC time>)\n"
    "  --profile NAME    the user profile (HKEY_USERS\\NAME) a user hive\n"
    "                    holds, when its folder does not say it (one hive)"
    "\n"
    "  --live            apply it to the running registry (Windows, "
    "elevated),\n"
    "                    with the Spooler stopped\n"
    "  --no-restart      --live: leave the Spooler stopped afterwards\n"
    "  --start-spooler   --live: start the Spooler even if it was stopped"
    "\n\n"
    "Exit status: 0 restored and verified, 1 dry run (changes pending) or "
    "declined,\n2 refused or failed (every hive is then as before).\n";

/* y or n from the terminal; n at end of input. */
static int
confirmed(void)
{
	char	 line[64];
	size_t	 n;
	int	 c;

	for (;;) {
		if (fgets(line, sizeof(line), stdin) == NULL)
			return 0;
		n = strlen(line);
		if (n > 0 && line[n - 1] != '\n')	/* drop the rest */
			while ((c = getchar()) != EOF && c != '\n')
				continue;
		n = strspn(line, " \t");
		if (strchr("yYnN", line[n]) != NULL && line[n] != '\0' &&
		    strspn(line + n + 1, " \t\r\n") == strlen(line + n + 1))
			return (line[n] | 0x20) == 'y';
		if (line[n] == '\n' || line[n] == '\0')
			return 0;	/* the default */
		fputs("answer y or n: ", stderr);
	}
}

/* What the result says, hive by hive; 1 when any hive failed. */
static int
report(const sf_repair *res)
{
	size_t		 i, k;
	const sf_error	*he;
	int		 bad = 0;

	for (i = 0; i < sf_repair_count(res); i++) {
		const char	*path = sf_repair_path(res, i);
		size_t		 n = sf_repair_changes(res, i);

		he = sf_repair_error(res, i);
		switch (sf_repair_state_of(res, i)) {
		case SF_REPAIR_CHECKED:
			fputs("would restore: ", stdout);
			put_safe(stdout, path);
			printf(" (%zu entr%s):\n", n, n == 1 ? "y" : "ies");
			for (k = 0; k < n; k++) {
				fputs("  ", stdout);
				put_safe(stdout, or_lost(sf_repair_entry(res,
				    i, k)));
				putchar('\n');
			}
			break;
		case SF_REPAIR_APPLIED:
			if (he != NULL) {	/* not put back */
				bad = 1;
				fputs("NOT rolled back: ", stdout);
				put_safe(stdout, path);
				puts(" (restored, then could not be put back; "
				    "see below)");
				print_error(he);
				break;
			}
			fputs("restored: ", stdout);
			put_safe(stdout, path);
			printf(" (%zu entr%s, verified; backup ", n, n == 1 ?
			    "y" : "ies");
			put_safe(stdout, sf_repair_backup(res, i) != NULL ?
			    sf_repair_backup(res, i) : "-");
			puts(")");
			break;
		case SF_REPAIR_ROLLED_BACK:
			bad = 1;
			fputs("rolled back: ", stdout);
			put_safe(stdout, path);
			puts(" (restored, then put back byte for byte as before "
			    "the undo, because a later hive failed)");
			break;
		case SF_REPAIR_FAILED:
			bad = 1;
			fputs("left unchanged: ", stdout);
			put_safe(stdout, path);
			puts(" (failed, see below)");
			if (he != NULL)
				print_error(he);
			break;
		case SF_REPAIR_HELD:
			bad = 1;
			fputs("left unchanged: ", stdout);
			put_safe(stdout, path);
			puts(" (checked, not written: no hive is written unless "
			    "all pass their checks)");
			break;
		default:
			bad = 1;
			fputs("left unchanged: ", stdout);
			put_safe(stdout, path);
			puts(" (not attempted after the failure above)");
			break;
		}
	}
	return bad;
}

/*
 * The machine of the command line: --root folders and hive files, or
 * one hive with --profile.  NULL when an input could not be read (the
 * error is printed).
 */
static sf_machine *
open_machine(const char **roots, size_t nroots, char **files, size_t nfiles,
    const char *profile)
{
	sf_machine	*m;
	sf_error	*e = NULL;

	if (sf_machine_new(&m, &e) != SF_OK) {
		print_error(e);
		sf_error_free(e);
		return NULL;
	}
	if (profile != NULL) {
		if (sf_machine_add_file(m, files[0], SF_HIVE_UNKNOWN, profile,
		    &e) == SF_OK)
			return m;
		print_error(e);
		sf_error_free(e);
	} else if (add_inputs(m, roots, nroots, files, nfiles) == 0)
		return m;
	warnx_("nothing was changed: an input could not be read");
	sf_machine_free(m);
	return NULL;
}

/* One run over the machine: returns the exit status. */
static int
undo_machine(const char *reg, sf_machine *m, const sf_repair_opts *ro)
{
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	int		 rc, bad;

	rc = sf_undo_machine(reg, m, ro, &res, &e) == SF_OK ? EXIT_CLEAN :
	    EXIT_TROUBLE;
	/* A refusal before any hive was reached has no hive to name. */
	if (rc != EXIT_CLEAN && (res == NULL || sf_repair_count(res) == 0))
		print_error(e);
	bad = res != NULL ? report(res) : 0;
	if (rc == EXIT_CLEAN && bad)
		rc = EXIT_TROUBLE;
	if (ro->dry_run && rc == EXIT_CLEAN) {
		puts("nothing was written (dry run)");
		rc = EXIT_FOUND;
	}
	sf_error_free(e);
	sf_repair_free(res);
	return rc;
}

/* undo --live UNDO.reg: every hive it names, in the running registry. */
static int
undo_live(int live, int dry, size_t nroots, int argc, char **argv,
    sf_repair_opts *ro)
{
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	size_t		 i;
	int		 rc = EXIT_CLEAN;

	if (!live)
		return usage_error(usage, "--no-restart and --start-spooler go "
		    "with --live");
	if (argc != 1 || ro->profile != NULL || nroots > 0)
		return usage_error(usage, "--live takes the undo file alone");
	if (dry)
		return usage_error(usage, "--dry-run is for offline hives; "
		    "read the undo file to see what --live would restore");
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
	sf_machine	*m = NULL;
	sf_error	*e = NULL;
	const char	**roots = NULL, **nr, *reg;
	size_t		 nroots = 0;
	int		 c, rc, dry = 0, yes = 0, live = 0;

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
		case O_DRY:
			dry = 1;
			break;
		case O_YES:
			yes = 1;
			break;
		case O_ROOT:
			if (nroots >= 64) {
				free(roots);
				return usage_error(usage, "too many --root");
			}
			if ((nr = realloc(roots, (nroots + 1) *
			    sizeof(*nr))) == NULL)
				die_nomem();
			roots = nr;
			roots[nroots++] = optarg;
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
			free(roots);
			printf("usage: %s\n\n%s", usage, help);
			return EXIT_CLEAN;
		default:
			free(roots);
			return option_error(usage, c, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (live || ro.spooler != SF_SPOOLER_AS_WAS) {
		free(roots);
		return undo_live(live, dry, nroots, argc, argv, &ro);
	}
	if (argc < 1 || (argc < 2 && nroots == 0)) {
		free(roots);
		return usage_error(usage, "give the undo file and the hives "
		    "(or --root DIR)");
	}
	if (ro.profile != NULL && (argc != 2 || nroots > 0)) {
		free(roots);
		return usage_error(usage, "--profile names the profile of one "
		    "user hive: give that hive alone");
	}
	reg = argv[0];
	argc--;
	argv++;
	/*
	 * On a terminal, without --yes, the user sees what would change
	 * and says yes first; without one, the undo file given is the
	 * request, as before --yes existed.
	 */
	/* The question goes to stderr: both must be the terminal (Wine
	 * reports an inherited stdin as one). */
	if (!dry && !yes && isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
		if ((m = open_machine(roots, nroots, argv, (size_t)argc,
		    ro.profile)) == NULL) {
			free(roots);
			return EXIT_TROUBLE;
		}
		ro.dry_run = 1;
		rc = undo_machine(reg, m, &ro);
		ro.dry_run = 0;
		sf_machine_free(m);
		m = NULL;
		if (rc != EXIT_FOUND) {
			free(roots);
			return rc;
		}
		fputs("Restore these entries? [y/N] ", stderr);
		if (!confirmed()) {
			warnx_("stopped: nothing was changed");
			free(roots);
			return EXIT_FOUND;
		}
	}
	/* One hive, as ever: entries for other hives are skipped. */
	if (!dry && argc == 1 && nroots == 0) {
		free(roots);
		if (sf_undo_run(reg, argv[0], &ro, &res, &e) != SF_OK) {
			print_error(e);
			fputs("left unchanged: ", stdout);
			put_safe(stdout, argv[0]);
			putchar('\n');
			rc = EXIT_TROUBLE;
		} else {
			fputs("restored: ", stdout);
			put_safe(stdout, argv[0]);
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
	if ((m = open_machine(roots, nroots, argv, (size_t)argc,
	    ro.profile)) == NULL) {
		free(roots);
		return EXIT_TROUBLE;
	}
	ro.dry_run = dry;
	rc = undo_machine(reg, m, &ro);
	sf_machine_free(m);
	free(roots);
	return rc;
}
