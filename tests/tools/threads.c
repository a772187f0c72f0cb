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
 * The thread-safety promise of spoolfix.h, tested: one rule set, shared
 * by several threads, each scanning its own machine over and over.  Each
 * thread's findings must equal a scan made before any thread started.
 * Built plainly by "make" and with -fsanitize=thread by tests/threads.sh.
 * With -s, each thread's scans may split their walk in two threads
 * (sf_scan_opts.threads = 2; SPOOLFIX_TEST_SPLIT chooses the lists) and
 * must still equal the scan made alone in one thread; the report of a
 * split scan holds its second thread's (scan/report.h), which is how
 * the scans that were split are counted.
 *
 *   threads [-s] RULESDIR ROOT1 ROOT2 ...   (each ROOT a machine folder)
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spoolfix.h"
#include "scan/report.h"

#define ROUNDS	20

struct job {
	const sf_rules	*rules;
	const char	*root;
	char		*want;		/* the findings, one per line */
	int		 failed;
	int		 split;		/* scans whose walk was split */
};

static int split_walks;		/* -s */

/* The findings of one scan of a fresh machine, as one string. */
static char *
scan_machine(const sf_rules *rules, const char *root, int threads, int *split)
{
	sf_machine	*m = NULL;
	sf_report	*rep = NULL;
	sf_error	*err = NULL;
	sf_scan_opts	 so = { 1, threads };
	char		*s = NULL, *p;
	size_t		 len = 0, i, n;
	const sf_finding *f;

	if (sf_machine_new(&m, &err) != SF_OK ||
	    sf_machine_add_root(m, root, &err) != SF_OK ||
	    sf_scan(m, rules, &so, &rep, &err) != SF_OK)
		goto out;
	if (split != NULL && rep->second != NULL)
		(*split)++;
	s = calloc(1, 1);
	for (i = 0; s != NULL && i < sf_report_count(rep); i++) {
		f = sf_report_get(rep, i);
		p = sf_finding_path_string(f, 0, SF_ESC_TEXT);
		n = strlen(sf_rule_id(sf_finding_rule(f))) + strlen(p != NULL ?
		    p : "") + strlen(sf_finding_message(f)) + 4;
		if ((s = realloc(s, len + n + 1)) != NULL)
			len += (size_t)snprintf(s + len, n + 1, "%s %s %s\n",
			    sf_rule_id(sf_finding_rule(f)), p != NULL ? p : "",
			    sf_finding_message(f));
		free(p);
	}
out:
	sf_error_free(err);
	sf_report_free(rep);
	sf_machine_free(m);
	return s;
}

static void *
work(void *arg)
{
	struct job	*j = arg;
	char		*got;
	int		 r;

	for (r = 0; r < ROUNDS; r++) {
		got = scan_machine(j->rules, j->root, split_walks ? 2 : 1, &j->split);
		if (got == NULL || strcmp(got, j->want) != 0)
			j->failed++;
		free(got);
	}
	return NULL;
}

int
main(int argc, char **argv)
{
	sf_compiler	*c = NULL;
	sf_rules	*rules = NULL;
	sf_error	*err = NULL;
	struct job	 jobs[16];
	pthread_t	 th[16];
	int		 i, n, bad = 0;

	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		split_walks = 1;
		argc--;
		argv++;
	}
	n = argc - 2;
	if (argc < 4 || n > 16) {
		fprintf(stderr,
		    "usage: threads [-s] RULESDIR ROOT1 ROOT2 ...\n");
		return 2;
	}
	if (sf_compiler_new(&c, &err) != SF_OK ||
	    sf_compiler_add_dir(c, argv[1], &err) != SF_OK ||
	    sf_compiler_finish(c, &rules, &err) != SF_OK) {
		fprintf(stderr, "threads: rules: %s\n",
		    err != NULL ? sf_error_message(err) : "failed");
		return 2;
	}
	sf_compiler_free(c);
	for (i = 0; i < n; i++) {
		jobs[i].rules = rules;
		jobs[i].root = argv[i + 2];
		jobs[i].failed = 0;
		jobs[i].split = 0;
		if ((jobs[i].want = scan_machine(rules, argv[i + 2], 1, NULL)) == NULL ||
		    jobs[i].want[0] == '\0') {
			fprintf(stderr, "threads: %s: no findings to compare\n",
			    argv[i + 2]);
			return 2;
		}
	}
	for (i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, work, &jobs[i]) != 0) {
			fprintf(stderr, "threads: pthread_create failed\n");
			return 2;
		}
	for (i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		printf("%s %s: %d of %d concurrent scans matched, %d split\n",
		    jobs[i].failed ? "not ok -" : "ok -", jobs[i].root,
		    ROUNDS - jobs[i].failed, ROUNDS, jobs[i].split);
		bad += jobs[i].failed;
		free(jobs[i].want);
	}
	sf_rules_free(rules);
	return bad != 0;
}
