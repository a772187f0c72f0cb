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

#include <sys/resource.h>

#include <fcntl.h>
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
 * the heap keeps its free space (trim threshold).  Blocks of 1 MiB or
 * more (a hive's image, big sets, arena chunks) still get mappings of
 * their own and go back to the system when freed.
 *
 * Even kept, the heap's pages are faulted in one at a time the first
 * time they are used, and on a VM each first touch of a 4 KiB page can
 * cost microseconds even when the kernel has populated it ahead: a small
 * machine's scan touches about 2 MB of heap (libregf's arrays are two
 * of its 512 KiB blocks), which took 2.5-3 ms of its 8.5 on the
 * development host (a Firecracker VM), 4 KiB populated ahead or not; the
 * ~100 MB bench hive's scan took 3,300 faults, most of them in the
 * heap.  A 2 MiB transparent huge page is faulted in, zeroed and mapped
 * at once (0.3 ms there).  So the heap is laid out for huge pages:
 *
 * - its start is moved to one page short of a 2 MiB boundary (sbrk: the
 *   skipped addresses are never touched and cost nothing), so that the
 *   first blocks, carved from the bottom of the heap, lie on one;
 * - HEAP_RESERVE bytes of address space are allocated from it (the
 *   mapping threshold above their size) and freed: they become the top
 *   of the heap, which the trim threshold keeps, and the next blocks are
 *   carved from them.  Before the free, the aligned part of the block,
 *   which malloc has not written to, is marked for huge pages, and its
 *   first 2 MiB are populated (MADV_POPULATE_WRITE, Linux 5.14).  The
 *   rest costs nothing until a block uses it: a huge page is made then.
 *   A heap that grows past the reservation gets 4 KiB pages again.
 *   Under a limit on address space or data (ulimit -v, -d), or with
 *   strict overcommit, where address space reserved counts as used,
 *   only the first 2 MiB are reserved.
 *
 * Resident memory grows by what 2 MiB pages round up: 125 to 130-136 MB
 * for the 100 MB hive, whose scan went from 0.41-0.46 s to 0.34-0.37 s and
 * from 3,291 page faults to 168.  Every madvise() is a hint: with
 * transparent huge pages off, or malloc's heap elsewhere, pages are
 * populated 4 KiB at a time, or fault in as they are used.  Done only
 * for the commands that read hives, not for --version, --help or rules.
 */
#define HUGE_PAGE	(2 * 1024 * 1024)
#define HEAP_RESERVE	(128 * 1024 * 1024)

#ifdef __GLIBC__
static int
may_reserve(void)
{
	struct rlimit	 rl;
	char		 c = '0';
	int		 fd;

	if ((getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) ||
	    (getrlimit(RLIMIT_DATA, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY))
		return 0;
	if ((fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY)) != -1) {
		if (read(fd, &c, 1) != 1)
			c = '0';
		close(fd);
	}
	return c != '2';
}
#endif

static void
tune_malloc(int reads_hives)
{
#ifdef __GLIBC__
	char		*p;
	void		*end;
	long		 ps = sysconf(_SC_PAGESIZE);
	uintptr_t	 at, want, from, page = ps > 0 ? (uintptr_t)ps : 4096;
	const uintptr_t	 huge = HUGE_PAGE;
	size_t		 n;

	mallopt(M_TRIM_THRESHOLD, 2 * HEAP_RESERVE);
	mallopt(M_MMAP_THRESHOLD, 2 * HEAP_RESERVE);
	if (reads_hives && (end = sbrk(0)) != (void *)-1) {
		at = (uintptr_t)end;
		want = ((at + page + huge - 1) & ~(huge - 1)) - page;
		if (want > at)
			(void)sbrk((intptr_t)(want - at));
	}
	n = (reads_hives && may_reserve() ? HEAP_RESERVE : HUGE_PAGE) +
	    2 * page;
	if (reads_hives && (p = malloc(n)) != NULL) {
		from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
		if (from + huge > (uintptr_t)p + n)
			/* Not where it was meant to be: 4 KiB pages. */
			from = ((uintptr_t)p + page - 1) & ~(page - 1);
#ifdef MADV_HUGEPAGE
		else
			(void)madvise((void *)from, (((uintptr_t)p + n) &
			    ~(huge - 1)) - from, MADV_HUGEPAGE);
#endif
#ifdef MADV_POPULATE_WRITE
		(void)madvise((void *)from, huge, MADV_POPULATE_WRITE);
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
