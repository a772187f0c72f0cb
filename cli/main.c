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
 * The spoolfix command: a table of sub-commands, each in its own file,
 * each parsing its own options and returning the exit status.
 */
#define _DEFAULT_SOURCE		/* glibc: madvise() beside POSIX */

#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <sys/mman.h>

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#endif

#include "cli.h"

const char *argv0;

static const struct cmd cmds[] = {
	{ "scan", cmd_scan, "find print-spooler faults in registry hives" },
	{ "repair", cmd_repair, "apply the proposed fixes, with backup and undo" },
	{ "undo", cmd_undo, "apply an undo file to an offline hive" },
	{ "compact", cmd_compact, "write offline hives anew without free space" },
#ifndef _WIN32	/* the fleet audit is not in the Windows build */
	{ "audit", cmd_audit, "scan many hosts: fleet reports, monitors, SIEM" },
#endif
	{ "recover", cmd_recover, "write a dirty hive as recovered from its logs" },
	{ "rules", cmd_rules, "lint, list and show the rules" },
};

static void
overview(FILE *f)
{
	size_t i;

	fprintf(f, "usage: %s <command> [options] [arguments]\n\n", progname);
	fputs("spoolfix finds (and repairs) the registry state that breaks "
	    "the Windows print\nspooler, in offline hive files.\n\n"
	    "commands:\n", f);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-8s %s\n", cmds[i].name, cmds[i].summary);
	fputs("\noptions:\n  --help, -h      this overview ('spoolfix help <command>' for "
	    "one command)\n  --version, -V   print the version of spoolfix\n", f);
	fputc('\n', f);
	rules_search_help(f);
	fprintf(f, "\n'%s <command> --help' describes a command; spoolfix(1) "
	    "and spoolfix.rules(5)\nare the manual.\n", progname);
}

/*
 * The commands, with the arguments in UTF-8: main() on POSIX, and on
 * Windows wmain() in win32.c, which converts the UTF-16 command line.
 */
int
cli_main(int argc, char **argv)
{
	size_t i;

	argv0 = argv[0];
	if (argc < 2) {
		overview(stderr);
		return EXIT_TROUBLE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2)
			for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
				if (strcmp(argv[2], cmds[i].name) == 0) {
					char *v[] = { argv[2],
					    (char *)"--help", NULL };

					return cmds[i].run(2, v);
				}
		overview(stdout);
		return EXIT_CLEAN;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("spoolfix %s\n", SPOOLFIX_VERSION);
		return EXIT_CLEAN;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0) {
			int rc = cmds[i].run(argc - 1, argv + 1);

			/* What it printed lacks text memory could not hold. */
			fflush(stdout);
			if (report_lost() && rc < EXIT_TROUBLE)
				rc = EXIT_TROUBLE;
			return rc;
		}
	warnx_("unknown command '%s'", argv[1]);
	fputc('\n', stderr);
	overview(stderr);
	return EXIT_TROUBLE;
}

#ifndef _WIN32
/*
 * glibc gives a block of 128 KiB or more its own mapping and returns it
 * at free(), and gives back the top of the heap past 128 KiB: a page
 * freed that way is faulted in (and zeroed) again when the next block
 * wants it.  libregf, which confirms that each hive opens, allocates
 * and frees a 512 KiB cache array per hive, and a scan of a small
 * machine spent a third of its page faults on those arrays alone.  So
 * a freed block of under 1 MiB stays in the heap for the next one, and
 * the heap keeps up to 32 MiB of free space.  Blocks of 1 MiB or more
 * (a hive's image, big sets, arena chunks) still get mappings of their
 * own and go back to the system when freed.
 *
 * Even kept, the heap's pages are faulted in one at a time the first
 * time they are used: about 390 faults for the 1.7 MB of heap a small
 * machine's scan uses, which cost it 2 ms of its 10 on a VM where a
 * fault costs about 5 us (perf stat: 477 faults and 10.3-11.2 ms
 * before, 101 faults and 8.3-9.3 ms after).  So the heap's first
 * HEAP_AHEAD bytes are made at start and populated in one call
 * (MADV_POPULATE_WRITE, Linux 5.14; older kernels refuse it and the
 * pages fault in as before).  The block is allocated with the mapping
 * threshold above its size, so that it comes from the heap, and freed:
 * it becomes the top of the heap, which the trim threshold keeps, and
 * the next blocks are carved from it.  The pages count as resident
 * from the start, and populating them takes about 0.3 ms: done only for
 * the commands that read hives, not for --version, --help or rules.
 */
#define HEAP_AHEAD	(2 * 1024 * 1024)

static void
tune_malloc(int reads_hives)
{
#ifdef __GLIBC__
	char		*p;
	long		 ps = sysconf(_SC_PAGESIZE);
	uintptr_t	 from, to, page = ps > 0 ? (uintptr_t)ps : 4096;

	mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024);
	mallopt(M_MMAP_THRESHOLD, 2 * HEAP_AHEAD);
	if (reads_hives && (p = malloc(HEAP_AHEAD)) != NULL) {
#ifdef MADV_POPULATE_WRITE
		from = ((uintptr_t)p + page - 1) & ~(page - 1);
		to = ((uintptr_t)p + HEAP_AHEAD) & ~(page - 1);
		(void)madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
		(void)from, (void)to, (void)page;
#endif
		free(p);
	}
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
#else
	(void)reads_hives;
#endif
}

int
main(int argc, char **argv)
{
	/* Every command but rules; not an option (--version, --help). */
	tune_malloc(argc > 1 && argv[1][0] != '-' &&
	    strcmp(argv[1], "rules") != 0 && strcmp(argv[1], "help") != 0);
	return cli_main(argc, argv);
}
#endif
