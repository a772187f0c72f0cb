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
 * spoolfix scan: read the hives of one machine, run the rules, print the
 * findings, and exit 0 (clean), 1 (findings at or above --fail-on) or 2
 * (an input could not be read, or the command line was wrong).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "spoolfix scan [--root DIR] [--rules FILE|DIR] [--no-default-rules]\n"
    "                [--disable ID,...] [--site FILE]\n"
    "                [--format text|json|jsonl|csv|nagios|intune] [--csv-bom]\n"
    "                [--fail-on error|warning|info|none] [--min-severity LEVEL]\n"
    "                [--host NAME [--host-override]] [--quiet] [--no-logs] [--live]\n"
    "                [--all-control-sets] [--color auto|always|never] [HIVE ...]";

static const char help[] =
    "Scan offline registry hives for print-spooler faults.\n"
    "\n"
    "  HIVE                  a SYSTEM, SOFTWARE, DEFAULT or NTUSER.DAT file;\n"
    "                        the kind is recognised from the content; or a\n"
    "                        .reg export (regedit version 5 or REGEDIT4),\n"
    "                        read as the hives of the roots it holds\n"
    "  --root DIR            scan the hives under a mounted Windows volume or\n"
    "                        a folder of collected hives\n"
    "  --live                scan the running system's registry (spoolfix.exe\n"
    "                        on Windows: HKLM\\SYSTEM, HKLM\\SOFTWARE, HKU\\<SID>)\n"
    "  --rules FILE|DIR      add rule files (repeatable)\n"
    "  --no-default-rules    do not load the shipped rules\n"
    "  --disable ID,...      turn rules off\n"
    "  --site FILE           site policy: disable, severity, param statements\n"
    "  --format FMT          text (default), json, jsonl, csv, nagios (a\n"
    "                        monitoring plugin's line, exit 0-3) or intune (one\n"
    "                        line, exit 1 when remediation is needed)\n"
    "  --csv-bom             start CSV with a UTF-8 byte-order mark (Excel)\n"
    "  --min-severity LEVEL  list only findings of at least LEVEL\n"
    "  --quiet               text: the summary line only\n"
    "  --fail-on LEVEL       exit 1 when a finding is at least LEVEL\n"
    "                        (default warning; none: never)\n"
    "  --host NAME           host name when the SYSTEM hive has none\n"
    "  --host-override       show --host NAME even when SYSTEM has one\n"
    "  --all-control-sets    also report faults in non-current control sets\n"
    "  --no-logs             read dirty hives' primary files alone, without\n"
    "                        applying their transaction logs (.LOG1/.LOG2)\n"
    "  --color WHEN          auto (default), always or never\n"
    "\n"
    "Exit status: 0 nothing at or above --fail-on, 1 findings, 2 error\n"
    "(nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; intune: 0 or 1).\n";

enum { O_ROOT = 256, O_RULES, O_NODEF, O_DISABLE, O_SITE, O_FORMAT,
    O_FAILON, O_HOST, O_ALLCS, O_COLOR, O_HELP, O_BOM, O_MINSEV, O_QUIET,
    O_OVERRIDE, O_NOLOGS, O_LIVE };

static const struct option longopts[] = {
	{ "root", required_argument, NULL, O_ROOT },
	{ "live", no_argument, NULL, O_LIVE },
	{ "rules", required_argument, NULL, O_RULES },
	{ "no-default-rules", no_argument, NULL, O_NODEF },
	{ "disable", required_argument, NULL, O_DISABLE },
	{ "site", required_argument, NULL, O_SITE },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "fail-on", required_argument, NULL, O_FAILON },
	{ "host", required_argument, NULL, O_HOST },
	{ "all-control-sets", no_argument, NULL, O_ALLCS },
	{ "no-logs", no_argument, NULL, O_NOLOGS },
	{ "color", required_argument, NULL, O_COLOR },
	{ "colour", required_argument, NULL, O_COLOR },
	{ "help", no_argument, NULL, O_HELP },
	{ "csv-bom", no_argument, NULL, O_BOM },
	{ "min-severity", required_argument, NULL, O_MINSEV },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "host-override", no_argument, NULL, O_OVERRIDE },
	{ NULL, 0, NULL, 0 }
};

static int
report_input_error(const sf_error *e)
{
	print_error(e);
	return EXIT_TROUBLE;
}

static int
decide_exit(const sf_report *r, const struct out_opts *o, int trouble)
{
	int s;

	if (trouble)
		return EXIT_TROUBLE;
	if (o->fail_none)
		return EXIT_CLEAN;
	for (s = SF_SEV_ERROR; s >= (int)o->fail_on; s--)
		if (sf_report_tally(r, (sf_severity)s) > 0)
			return EXIT_FOUND;
	return EXIT_CLEAN;
}

int
cmd_scan(int argc, char **argv)
{
	struct rule_opts opts;
	struct out_opts	 out;
	sf_scan_opts	 so;
	sf_machine	*m = NULL;
	sf_rules	*rules = NULL;
	sf_report	*rep = NULL;
	sf_error	*e = NULL;
	const char	*format = "text", *color = "auto", *host = NULL;
	const char	**roots = NULL;
	size_t		 nroots = 0;
	char		*reason = NULL;
	int		 c, rc = EXIT_TROUBLE, trouble = 0, bom = 0, override = 0;
	int		 no_logs = 0, live = 0;
	int		 monitor;

	memset(&opts, 0, sizeof(opts));
	memset(&out, 0, sizeof(out));
	memset(&so, 0, sizeof(so));
	/* A second thread for the walk of big hives (sf_scan_opts). */
	so.threads = 2;
	out.fail_on = SF_SEV_WARNING;
	optind = 1;
	opterr = 0;	/* its messages would quote the argument raw */
	if (exact_options(argc, argv, "", longopts, usage) != 0)
		return EXIT_TROUBLE;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case O_ROOT:
			rule_opts_add(&roots, &nroots, optarg);
			break;
		case O_RULES:
			rule_opts_add(&opts.files, &opts.nfiles, optarg);
			break;
		case O_NODEF:
			opts.no_defaults = 1;
			break;
		case O_DISABLE:
			if (each_csv(optarg, rule_opts_disable, &opts) == -1)
				goto usage;
			break;
		case O_SITE:
			rule_opts_add(&opts.sites, &opts.nsites, optarg);
			break;
		case O_FORMAT:
			format = optarg;
			if (strcmp(format, "text") && strcmp(format, "json") &&
			    strcmp(format, "jsonl") && strcmp(format, "csv") &&
			    strcmp(format, "nagios") && strcmp(format, "intune")) {
				rc = usage_error(usage, "unknown format '%s'",
				    format);
				goto done;
			}
			break;
		case O_FAILON:
			if (strcmp(optarg, "none") == 0)
				out.fail_none = 1;
			else if (sf_severity_parse(optarg, &out.fail_on) ==
			    -1) {
				rc = usage_error(usage, "--fail-on takes error, "
				    "warning, info or none, not '%s'", optarg);
				goto done;
			}
			break;
		case O_HOST:
			host = optarg;
			break;
		case O_OVERRIDE:
			override = 1;
			break;
		case O_BOM:
			bom = 1;
			break;
		case O_QUIET:
			out.quiet = 1;
			break;
		case O_MINSEV:
			if (sf_severity_parse(optarg, &min_severity) == -1) {
				rc = usage_error(usage, "--min-severity takes "
				    "error, warning or info, not '%s'", optarg);
				goto done;
			}
			break;
		case O_ALLCS:
			so.all_control_sets = 1;
			break;
		case O_NOLOGS:
			no_logs = 1;
			break;
		case O_LIVE:
			live = 1;
			break;
		case O_COLOR:
			color = optarg;
			if (strcmp(color, "auto") && strcmp(color, "always") &&
			    strcmp(color, "never")) {
				rc = usage_error(usage, "--color takes auto, "
				    "always or never, not '%s'", color);
				goto done;
			}
			break;
		case O_HELP:
			printf("usage: %s\n\n%s", usage, help);
			rc = EXIT_CLEAN;
			goto done;
		default:
			rc = option_error(usage, c, argv);
			goto done;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0 && nroots == 0 && !live) {
		rc = usage_error(usage, "give hive files or --root DIR, or --live");
		goto done;
	}
	if (live && (argc > 0 || nroots > 0)) {
		rc = usage_error(usage, "--live scans the running system: give "
		    "no hive files or --root with it");
		goto done;
	}
	if (override && host == NULL) {
		rc = usage_error(usage, "--host-override needs --host NAME");
		goto done;
	}
	if (override)
		host_override = host;
	/* Monitors read stdout only: input errors go into their line. */
	monitor = strcmp(format, "nagios") == 0 || strcmp(format, "intune") == 0;
	if ((rules = load_rules(&opts, &c)) == NULL)
		goto done;
	if (sf_machine_new(&m, &e) != SF_OK) {
		rc = report_input_error(e);
		goto done;
	}
	if (host != NULL)
		sf_machine_set_host(m, host, NULL);
	sf_machine_set_logs(m, !no_logs);
	/*
	 * A scan reports on the inputs it could read, and exits 2; but a
	 * hive given twice makes the report wrong: no report then.
	 */
	if (live) {
		if (sf_machine_add_live(m, &e) != SF_OK) {
			print_error(e);
			sf_error_free(e);
			e = NULL;
			trouble = EXIT_TROUBLE;
			/* Nothing read at all (not Windows): no report. */
			if (sf_machine_hive_count(m) == 0) {
				rc = EXIT_TROUBLE;
				goto done;
			}
		}
	} else switch (monitor ? add_inputs_quiet(m, roots, nroots, argv,
	    (size_t)argc, &reason) : add_inputs(m, roots, nroots, argv,
	    (size_t)argc)) {
	case -2:
		if (monitor)
			goto monitor_fail;
		rc = EXIT_TROUBLE;
		goto done;
	case -1:
		trouble = EXIT_TROUBLE;
		break;
	}
	if (sf_scan(m, rules, &so, &rep, &e) != SF_OK) {
		if (monitor) {
			free(reason);
			reason = strdup(sf_error_message(e));
			goto monitor_fail;
		}
		rc = report_input_error(e);
		goto done;
	}
	rc = decide_exit(rep, &out, trouble);
	out.color = use_color(stdout, color);
	if (strcmp(format, "nagios") == 0)
		rc = out_nagios(stdout, m, rep, reason);
	else if (strcmp(format, "intune") == 0)
		rc = out_intune(stdout, m, rep, &out, reason);
	else if (strcmp(format, "json") == 0)
		out_json(stdout, m, rep, rc);
	else if (strcmp(format, "jsonl") == 0)
		out_jsonl(stdout, m, rep);
	else if (strcmp(format, "csv") == 0) {
		if (bom)
			fputs("\xef\xbb\xbf", stdout);
		out_csv(stdout, m, rep);
	}
	else
		out_text(stdout, m, rep, &out);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		warnx_("cannot write the report to standard output");
		rc = EXIT_TROUBLE;
	}
	goto done;
monitor_fail:
	/* Nothing could be scanned: the monitor's line says why. */
	if (strcmp(format, "nagios") == 0)
		rc = out_nagios(stdout, m, NULL, reason != NULL ? reason :
		    "the inputs were refused");
	else
		rc = out_intune(stdout, m, NULL, &out, reason != NULL ?
		    reason : "the inputs were refused");
	fflush(stdout);
	goto done;
usage:
	rc = usage_error(usage, NULL);
done:
	free(reason);
	rule_opts_free(&opts);
	free(roots);
	sf_error_free(e);
	sf_report_free(rep);
	sf_rules_free(rules);
	sf_machine_free(m);
	return rc;
}
