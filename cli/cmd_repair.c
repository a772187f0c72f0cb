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
 * spoolfix repair: scan, show the plan, then apply it with the library's
 * safe pipeline (every hive checked and backed up before any is written,
 * then hive by hive the undo file and a verified atomic write).  Exit 0
 * when everything planned was applied and verified (or there was
 * nothing to do), 1 for a dry run with pending changes or when findings
 * without an applicable fix remain, 2 on an error.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "spoolfix repair [--dry-run] [--yes] [--rule ID,...] [--only ID,...]\n"
    "                [--backup-dir DIR]\n"
    "                [--undo-file FILE] [--plan FILE] [--compact]\n"
    "                [--rules FILE|DIR]\n"
    "                [--no-default-rules] [--disable ID,...] [--site FILE]\n"
    "                [--fail-on LEVEL] [--host NAME] [--format text|json]\n"
    "                [--root DIR] [HIVE ...]\n"
    "       spoolfix repair --live [--no-restart | --start-spooler] [options]";

static const char help[] =
    "Repair offline registry hives: apply the fixes the scan proposes.\n"
    "\n"
    "  --dry-run          show the plan (and write --plan) but change nothing\n"
    "  --yes              apply without asking (required without a terminal)\n"
    "  --rule ID,...      also apply these rules' optional fixes\n"
    "  --only ID,...      apply only these rules' fixes (the plan, dry run\n"
    "                     and --plan file too)\n"
    "  --backup-dir DIR   where the byte copies go (./spoolfix-backup-<time>)\n"
    "  --undo-file FILE   the undo .reg file (<backup-dir>/undo.reg)\n"
    "  --plan FILE        also write the plan as a .reg file; for a .reg\n"
    "                     export given as input, the only repair: the\n"
    "                     fixes as a .reg file to import (regedit, reg\n"
    "                     import); the export itself is never changed\n"
    "  --compact          write the repaired hives without free space\n"
    "  --fail-on LEVEL    unfixed findings at this level make exit 1\n"
    "  --format json      one JSON result on stdout (changed, failed, msg,\n"
    "                     the changes, backups and undo file), for Ansible\n"
    "  --live             repair the running registry (Windows, elevated):\n"
    "                     the Spooler is stopped for the change\n"
    "  --no-restart       --live: leave the Spooler stopped afterwards\n"
    "  --start-spooler    --live: start the Spooler even if it was stopped\n"
    "  (and the rule options of scan: --rules, --no-default-rules,\n"
    "   --disable, --site, --host, --root)\n"
    "\n"
    "Exit status: 0 done and verified, or nothing to do; 1 dry run with\n"
    "pending changes, or findings without a fix remain; 2 error.\n";

enum { O_DRY = 256, O_YES, O_RULE, O_BACKUP, O_UNDO, O_PLAN, O_RULES,
    O_NODEF, O_DISABLE, O_SITE, O_FAILON, O_HOST, O_ROOT, O_COMPACT,
    O_HELP, O_FORMAT, O_ONLY, O_LIVE, O_NORESTART, O_STARTSPOOLER };

static const struct option longopts[] = {
	{ "dry-run", no_argument, NULL, O_DRY },
	{ "yes", no_argument, NULL, O_YES },
	{ "rule", required_argument, NULL, O_RULE },
	{ "only", required_argument, NULL, O_ONLY },
	{ "backup-dir", required_argument, NULL, O_BACKUP },
	{ "undo-file", required_argument, NULL, O_UNDO },
	{ "plan", required_argument, NULL, O_PLAN },
	{ "compact", no_argument, NULL, O_COMPACT },
	{ "rules", required_argument, NULL, O_RULES },
	{ "no-default-rules", no_argument, NULL, O_NODEF },
	{ "disable", required_argument, NULL, O_DISABLE },
	{ "site", required_argument, NULL, O_SITE },
	{ "fail-on", required_argument, NULL, O_FAILON },
	{ "host", required_argument, NULL, O_HOST },
	{ "root", required_argument, NULL, O_ROOT },
	{ "help", no_argument, NULL, O_HELP },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "live", no_argument, NULL, O_LIVE },
	{ "no-restart", no_argument, NULL, O_NORESTART },
	{ "start-spooler", no_argument, NULL, O_STARTSPOOLER },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	struct rule_opts rules;
	const char	**roots;
	size_t		  nroots;
	char		**only;		/* --only ID,... (owned copies) */
	size_t		  nonly;
	const char	 *backup, *undo, *plan, *host;
	int		  dry, yes, fail_none, compact, json;
	int		  live, spooler;	/* --live; sf_repair_opts' */
	const char	 *why;		/* the JSON msg of a refusal, if set */
	sf_severity	  fail_on;
	size_t		  remaining;	/* after the repair, at --fail-on */
};

/* Does change i come from one of the --only IDs? */
static int
named(const struct opts *o, const sf_plan *p, size_t i)
{
	size_t k;

	for (k = 0; k < o->nonly; k++)
		if (sf_plan_from_rule(p, i, o->only[k]))
			return 1;
	return 0;
}

/* each_csv callback of --only. */
static int
add_only(void *arg, const char *id)
{
	struct opts	 *o = arg;
	char		**v;

	if (o->nonly >= 1024)
		return -1;
	if ((v = realloc(o->only, (o->nonly + 1) * sizeof(*v))) == NULL)
		die_nomem();
	o->only = v;
	if ((v[o->nonly] = strdup(id)) == NULL)
		die_nomem();
	o->nonly++;
	return 0;
}

/*
 * --only names rules of the rule set: an unknown ID is a mistake (a
 * typo would otherwise limit the repair to nothing and look clean).
 * Returns the number of unknown IDs, each named on stderr.
 */
static size_t
unknown_only(const struct opts *o, const sf_rules *rules)
{
	size_t	 i, n = 0;

	for (i = 0; i < o->nonly; i++) {
		if (sf_rules_find(rules, o->only[i]) != NULL)
			continue;
		warnx_("--only: no rule with ID %s ('spoolfix rules list' "
		    "shows the IDs); nothing was changed", o->only[i]);
		n++;
	}
	return n;
}

/* One answer from the terminal: y, n, a or q; q at end of input. */
static int
answer(void)
{
	char	 line[64];
	size_t	 n;
	int	 c;

	for (;;) {
		if (fgets(line, sizeof(line), stdin) == NULL)
			return 'q';
		n = strlen(line);
		if (n > 0 && line[n - 1] != '\n')	/* drop the rest */
			while ((c = getchar()) != EOF && c != '\n')
				continue;
		n = strspn(line, " \t");
		if (line[n] != '\0' && strchr("yYnNaAqQ", line[n]) != NULL &&
		    strspn(line + n + 1, " \t\r\n") == strlen(line + n + 1))
			return line[n] | 0x20;		/* lower case */
		fputs("answer y, n, a or q: ", stderr);
	}
}

/* Offers each change in turn; returns 1 when the user quit, -1 when
 * out of memory (nothing is then selected). */
static int
ask(sf_plan *p)
{
	size_t	 i, n = sf_plan_count(p);
	char	*d;

	fputs("For each change: y applies it, n skips it, a applies it and "
	    "all the rest,\nq quits without changing anything.\n", stderr);
	for (i = 0; i < n; i++) {
		if (!sf_plan_selected(p, i))
			continue;
		/* A change nobody can read is not offered: quit. */
		if ((d = sf_plan_describe(p, i)) == NULL) {
			warnx_("out of memory describing a change: nothing "
			    "is changed");
			for (i = 0; i < n; i++)
				sf_plan_select(p, i, 0);
			return -1;
		}
		fputs("apply: ", stderr);
		put_safe(stderr, d);
		free(d);
		fputs("? [y/n/a/q] ", stderr);
		switch (answer()) {
		case 'y':
			break;
		case 'a':
			return 0;
		case 'n':
			sf_plan_select(p, i, 0);
			break;
		default:
			for (i = 0; i < n; i++)
				sf_plan_select(p, i, 0);
			return 1;
		}
	}
	return 0;
}

static size_t
selected(const sf_plan *p)
{
	size_t i, n = 0;

	for (i = 0; i < sf_plan_count(p); i++)
		n += sf_plan_selected(p, i);
	return n;
}

static void
show_plan(const struct opts *o, const sf_plan *p)
{
	size_t	 i, n = sf_plan_count(p);
	char	*d;

	if (o->json)
		return;	/* in the result */
	printf("%zu change%s planned%s\n", selected(p), selected(p) == 1 ? "" :
	    "s", selected(p) > 0 ? ":" : ".");
	for (i = 0; i < n; i++) {
		if (!sf_plan_selected(p, i))
			continue;
		d = sf_plan_describe(p, i);
		fputs("  ", stdout);
		put_safe(stdout, or_lost(d));
		putchar('\n');
		free(d);
	}
	if (sf_plan_optional_count(p) > 0)
		printf("(%zu optional fix%s of %s left out: name a rule "
		    "with --rule to apply its fixes)\n",
		    sf_plan_optional_count(p), sf_plan_optional_count(p) == 1 ?
		    "" : "es", sf_plan_optional_rules(p));
}

/* Findings at or above --fail-on in a report. */
static size_t
at_fail_level(const struct opts *o, const sf_report *r)
{
	size_t	 i, n = 0;

	if (o->fail_none)
		return 0;
	for (i = 0; i < sf_report_count(r); i++)
		n += sf_finding_severity(sf_report_get(r, i)) >= o->fail_on;
	return n;
}

/*
 * Findings at or above --fail-on that the selected changes leave: those
 * without a fix, with an optional fix not asked for, or whose change
 * was deselected (by --rule or at the prompt).  A finding counts as
 * fixed when a selected change comes from its rule at its key.
 */
static size_t
unfixed(const struct opts *o, const sf_report *r, const sf_plan *p)
{
	size_t	 i, n = 0;

	if (o->fail_none)
		return 0;
	for (i = 0; i < sf_report_count(r); i++) {
		const sf_finding *f = sf_report_get(r, i);

		if (sf_finding_severity(f) >= o->fail_on)
			n += !sf_plan_fixed(p, f);
	}
	return n;
}

/* The first hive read from a .reg export, or NULL. */
static const sf_hive *
dotreg_input(const sf_machine *m)
{
	size_t i;

	for (i = 0; i < sf_machine_hive_count(m); i++)
		if (sf_hive_dotreg(sf_machine_hive(m, i)))
			return sf_machine_hive(m, i);
	return NULL;
}

/* The machine of the command line: --root folders and hive files.
 * Returns as add_inputs does. */
static int
open_machine(const struct opts *o, int argc, char **argv, sf_machine **mp)
{
	sf_machine	*m;
	sf_error	*e = NULL;
	int		 rc;

	*mp = NULL;
	if (sf_machine_new(&m, &e) != SF_OK) {
		print_error(e);
		sf_error_free(e);
		return -1;
	}
	if (o->host != NULL)
		sf_machine_set_host(m, o->host, NULL);
	if (o->live) {
		if (sf_machine_add_live(m, &e) != SF_OK) {
			print_error(e);
			sf_error_free(e);
			sf_machine_free(m);
			return -1;
		}
		*mp = m;
		return 0;
	}
	if ((rc = add_inputs(m, o->roots, o->nroots, argv, (size_t)argc)) <
	    0) {
		sf_machine_free(m);
		return rc;
	}
	*mp = m;
	return 0;
}

/*
 * After a repair: scans the repaired files afresh and says what is left
 * at or above --fail-on, so that the exit status describes the hives as
 * they now are.
 */
static int
rescan(struct opts *o, int argc, char **argv, const sf_rules *rules)
{
	sf_machine	*m;
	sf_report	*r = NULL;
	sf_error	*e = NULL;
	size_t		 n;

	if (open_machine(o, argc, argv, &m) < 0)
		return EXIT_TROUBLE;
	if (sf_scan(m, rules, NULL, &r, &e) != SF_OK) {
		print_error(e);
		sf_error_free(e);
		sf_machine_free(m);
		return EXIT_TROUBLE;
	}
	n = o->remaining = at_fail_level(o, r);
	if (n > 0 && !o->json)
		printf("%zu finding%s at or above --fail-on remain%s: run "
		    "spoolfix scan to see %s\n", n, n == 1 ? "" : "s",
		    n == 1 ? "s" : "", n == 1 ? "it" : "them");
	sf_report_free(r);
	sf_machine_free(m);
	return n > 0 ? EXIT_FOUND : EXIT_CLEAN;
}

static int
report(const struct opts *o, const sf_repair *rep)
{
	size_t		 i;
	int		 bad = 0;
	const sf_error	*e;

	if (o->json) {	/* the result says it all */
		for (i = 0; i < sf_repair_count(rep); i++)
			bad |= sf_repair_state_of(rep, i) != SF_REPAIR_APPLIED;
		return bad | sf_repair_service_failed(rep);
	}
	for (i = 0; i < sf_repair_count(rep); i++) {
		const char *path = sf_repair_path(rep, i);

		switch (sf_repair_state_of(rep, i)) {
		case SF_REPAIR_APPLIED:
			printf("repaired: ");
			put_safe(stdout, path);
			printf(" (%zu change%s, verified; backup ",
			    sf_repair_changes(rep, i), sf_repair_changes(rep,
			    i) == 1 ? "" : "s");
			put_safe(stdout, sf_repair_backup(rep, i));
			puts(")");
			break;
		case SF_REPAIR_FAILED:
			bad = 1;
			printf("left unchanged: ");
			put_safe(stdout, path);
			fputs(" (failed, see below)\n", stdout);
			e = sf_repair_error(rep, i);
			if (e != NULL)
				print_error(e);
			break;
		case SF_REPAIR_HELD:
			bad = 1;
			printf("left unchanged: ");
			put_safe(stdout, path);
			puts(" (checked, not written: no hive is written "
			    "unless all pass their checks)");
			break;
		default:
			bad = 1;
			printf("left unchanged: ");
			put_safe(stdout, path);
			puts(" (not attempted after the failure above)");
			break;
		}
	}
	if (sf_repair_service(rep) != NULL) {
		fputs("spooler: ", stdout);
		put_safe(stdout, sf_repair_service(rep));
		putchar('\n');
		bad |= sf_repair_service_failed(rep);
	}
	if (sf_repair_undo_file(rep) != NULL) {
		fputs("undo file: ", stdout);
		put_safe(stdout, sf_repair_undo_file(rep));
		putchar('\n');
	}
	if (sf_repair_backup_dir(rep) != NULL && sf_repair_count(rep) > 0) {
		fputs("backups: ", stdout);
		put_safe(stdout, sf_repair_backup_dir(rep));
		putchar('\n');
	}
	return bad;
}

static const char *
state_name(sf_repair_state s)
{
	switch (s) {
	case SF_REPAIR_APPLIED:	return "repaired";
	case SF_REPAIR_FAILED:	return "failed";
	case SF_REPAIR_HELD:	return "held";
	default:		return "unchanged";
	}
}

/*
 * The result for Ansible (and other automation): "changed" is true when
 * a hive was rewritten, or in a dry run (check mode) when changes are
 * pending; "failed" when the command failed (exit 2).  Remaining
 * findings (exit 1) are not a failure: the playbook decides.
 */
static void
json_result(const struct opts *o, const sf_plan *p, const sf_repair *res,
    const sf_error *e, int rc)
{
	size_t	 i, k, applied = 0, sel = p != NULL ? selected(p) : 0;
	char	*d, msg[256];
	int	 changed;

	for (i = 0; res != NULL && i < sf_repair_count(res); i++)
		applied += sf_repair_state_of(res, i) == SF_REPAIR_APPLIED;
	changed = o->dry ? sel > 0 : applied > 0;
	if (rc == EXIT_TROUBLE && o->why != NULL)
		snprintf(msg, sizeof(msg), "%s", o->why);
	else if (rc == EXIT_TROUBLE)
		snprintf(msg, sizeof(msg), "%s", e != NULL ?
		    sf_error_message(e) : res != NULL ? "a hive could not "
		    "be repaired; every hive not repaired is unchanged" :
		    "nothing was changed: an input could not be read");
	else if (o->dry)
		snprintf(msg, sizeof(msg), "dry run: %zu change%s pending, "
		    "nothing written; %zu finding%s would be left at --fail-on",
		    sel, sel == 1 ? "" : "s", o->remaining, o->remaining == 1 ?
		    "" : "s");
	else if (applied > 0)
		snprintf(msg, sizeof(msg), "%zu hive%s repaired and verified; "
		    "%zu finding%s left at --fail-on", applied, applied == 1 ?
		    "" : "s", o->remaining, o->remaining == 1 ? "" : "s");
	else
		snprintf(msg, sizeof(msg), "nothing to change; %zu finding%s "
		    "at --fail-on have no fix chosen", o->remaining,
		    o->remaining == 1 ? "" : "s");
	printf("{\"changed\":%s,\"failed\":%s,\"msg\":", changed ? "true" :
	    "false", rc == EXIT_TROUBLE ? "true" : "false");
	json_str(stdout, msg);
	printf(",\"rc\":%d,\"dry_run\":%s,\"changes\":[", rc,
	    o->dry ? "true" : "false");
	for (i = 0, k = 0; p != NULL && i < sf_plan_count(p); i++) {
		if (!sf_plan_selected(p, i))
			continue;
		fputs(k++ ? "," : "", stdout);
		fputs("{\"hive\":", stdout);
		json_str(stdout, sf_hive_path(sf_plan_hive(p, i)));
		printf(",\"action\":\"%s\",\"key\":",
		    sf_fix_kind_name(sf_plan_kind(p, i)));
		d = sf_plan_key_string(p, i, SF_ESC_JSON);
		printf("\"%s\"", d != NULL ? d : "");
		free(d);
		fputs(",\"value\":", stdout);
		if (sf_plan_has_value(p, i))
			json_name(stdout, sf_plan_value(p, i));
		else
			fputs("null", stdout);
		fputs(",\"rules\":", stdout);
		json_str(stdout, sf_plan_rules(p, i));
		fputs(",\"describe\":", stdout);
		d = sf_plan_describe(p, i);
		json_str(stdout, d);
		free(d);
		fputc('}', stdout);
	}
	fputs("],\"optional_left_out\":", stdout);
	json_str(stdout, p != NULL ? sf_plan_optional_rules(p) : "");
	fputs(",\"hives\":[", stdout);
	for (i = 0; res != NULL && i < sf_repair_count(res); i++) {
		const sf_error *he = sf_repair_error(res, i);

		fputs(i ? "," : "", stdout);
		fputs("{\"path\":", stdout);
		json_str(stdout, sf_repair_path(res, i));
		printf(",\"state\":\"%s\",\"changes\":%zu,\"backup\":",
		    state_name(sf_repair_state_of(res, i)),
		    sf_repair_changes(res, i));
		json_str(stdout, sf_repair_backup(res, i));
		fputs(",\"error\":", stdout);
		json_str(stdout, he != NULL ? sf_error_message(he) : NULL);
		fputc('}', stdout);
	}
	fputs("],\"backup_dir\":", stdout);
	json_str(stdout, res != NULL ? sf_repair_backup_dir(res) : NULL);
	fputs(",\"undo_file\":", stdout);
	json_str(stdout, res != NULL ? sf_repair_undo_file(res) : NULL);
	fputs(",\"spooler\":", stdout);
	json_str(stdout, res != NULL ? sf_repair_service(res) : NULL);
	printf(",\"remaining\":%zu}\n", o->remaining);
	fflush(stdout);
}

static void
free_opts(struct opts *o)
{
	size_t i;

	for (i = 0; i < o->nonly; i++)
		free(o->only[i]);
	free(o->only);
	free(o->roots);
	rule_opts_free(&o->rules);
}

int
cmd_repair(int argc, char **argv)
{
	struct opts	 o;
	sf_machine	*m = NULL;
	sf_rules	*rules = NULL;
	sf_report	*rep = NULL;
	sf_plan		*plan = NULL;
	sf_repair	*res = NULL;
	sf_error	*e = NULL;
	sf_repair_opts	 ro;
	size_t		 i;
	const sf_hive	*dr;
	int		 c, rc = EXIT_TROUBLE, failure, reached = 0, asked;

	memset(&o, 0, sizeof(o));
	o.fail_on = SF_SEV_WARNING;
	optind = 1;
	opterr = 0;	/* its messages would quote the argument raw */
	if (exact_options(argc, argv, "", longopts, usage) != 0)
		return EXIT_TROUBLE;
	while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
		switch (c) {
		case O_DRY: o.dry = 1; break;
		case O_YES: o.yes = 1; break;
		case O_RULE:
			if (each_csv(optarg, rule_opts_enable_fix, &o.rules) ==
			    -1)
				goto usage;
			break;
		case O_ONLY:
			if (each_csv(optarg, add_only, &o) == -1)
				goto usage;
			break;
		case O_BACKUP: o.backup = optarg; break;
		case O_UNDO: o.undo = optarg; break;
		case O_PLAN: o.plan = optarg; break;
		case O_COMPACT: o.compact = 1; break;
		case O_RULES:
			rule_opts_add(&o.rules.files, &o.rules.nfiles, optarg);
			break;
		case O_NODEF: o.rules.no_defaults = 1; break;
		case O_DISABLE:
			if (each_csv(optarg, rule_opts_disable, &o.rules) == -1)
				goto usage;
			break;
		case O_SITE:
			rule_opts_add(&o.rules.sites, &o.rules.nsites, optarg);
			break;
		case O_FAILON:
			if (strcmp(optarg, "none") == 0)
				o.fail_none = 1;
			else if (sf_severity_parse(optarg, &o.fail_on) == -1) {
				rc = usage_error(usage, "--fail-on takes error, "
				    "warning, info or none, not '%s'", optarg);
				goto done;
			}
			break;
		case O_HOST: o.host = optarg; break;
		case O_FORMAT:
			if (strcmp(optarg, "json") == 0)
				o.json = 1;
			else if (strcmp(optarg, "text") != 0) {
				rc = usage_error(usage, "unknown format '%s'",
				    optarg);
				goto done;
			}
			break;
		case O_ROOT: rule_opts_add(&o.roots, &o.nroots, optarg); break;
		case O_LIVE: o.live = 1; break;
		case O_NORESTART: o.spooler = SF_SPOOLER_NO_RESTART; break;
		case O_STARTSPOOLER: o.spooler = SF_SPOOLER_START; break;
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
	if (o.live && (argc > 0 || o.nroots > 0 || o.compact)) {
		rc = usage_error(usage, "--live repairs the running registry: "
		    "give no hive files, --root or --compact with it");
		goto done;
	}
	if (!o.live && o.spooler != SF_SPOOLER_AS_WAS) {
		rc = usage_error(usage, "--no-restart and --start-spooler go "
		    "with --live");
		goto done;
	}
	if (argc == 0 && o.nroots == 0 && !o.live) {
		rc = usage_error(usage, "give hive files or --root DIR");
		goto done;
	}
	reached = 1;	/* from here on, a JSON result is written */
	if ((rules = load_rules(&o.rules, &failure)) == NULL)
		goto done;
	if (unknown_only(&o, rules) > 0) {
		o.why = "--only names a rule ID that no rule has; nothing was "
		    "changed";
		goto done;
	}
	if ((c = open_machine(&o, argc, argv, &m)) < 0) {
		warnx_("nothing was changed: %s", c == -2 ? "the inputs were "
		    "refused" : "an input could not be read");
		goto done;
	}
	/*
	 * A .reg export is never changed: its repair is the plan, a .reg
	 * file to import, so the run is a dry run with --plan.
	 */
	if ((dr = dotreg_input(m)) != NULL && !o.dry && o.plan == NULL) {
		warnx_("%s is a .reg export: spoolfix does not change it, and "
		    "nothing was changed; give --plan FILE to write its fixes "
		    "as a .reg file to import (regedit or reg import), or "
		    "--dry-run to see them", sf_hive_path(dr));
		goto done;
	}
	if (dr != NULL)
		o.dry = 1;
	else if (!o.dry && !o.yes && !isatty(STDIN_FILENO)) {
		warnx_("no terminal to ask on: give --yes to apply the plan, or "
		    "--dry-run to only show it");
		goto done;
	}
	if (sf_scan(m, rules, NULL, &rep, &e) != SF_OK ||
	    sf_plan_build(m, rep, &plan, &e) != SF_OK) {
		print_error(e);
		goto done;
	}
	if (o.nonly > 0)
		for (i = 0; i < sf_plan_count(plan); i++)
			if (!named(&o, plan, i))
				sf_plan_select(plan, i, 0);
	show_plan(&o, plan);
	if (o.plan != NULL && sf_plan_write_reg(plan, o.plan, &e) != SF_OK) {
		print_error(e);
		goto done;
	}
	if (dr != NULL && o.plan != NULL && !o.json) {
		fputs("plan written: ", stdout);
		put_safe(stdout, o.plan);
		puts(" (import it on the machine with regedit or reg import; "
		    "no file was changed)");
	}
	/* What the changes chosen would leave, until a rescan says. */
	o.remaining = unfixed(&o, rep, plan);
	if (o.dry) {
		rc = selected(plan) > 0 || o.remaining > 0 ?
		    EXIT_FOUND : EXIT_CLEAN;
		goto done;
	}
	if (selected(plan) == 0) {
		rc = o.remaining > 0 ? EXIT_FOUND : EXIT_CLEAN;
		goto done;
	}
	if (!o.yes && (asked = ask(plan)) != 0) {
		/* Like a dry run: the changes are still pending. */
		warnx_("stopped: nothing was changed");
		rc = asked == -1 ? EXIT_TROUBLE : EXIT_FOUND;
		goto done;
	}
	if (selected(plan) == 0) {
		puts("no change chosen: nothing was changed");
		o.remaining = unfixed(&o, rep, plan);
		rc = o.remaining > 0 ? EXIT_FOUND : EXIT_CLEAN;
		goto done;
	}
	memset(&ro, 0, sizeof(ro));
	ro.backup_dir = o.backup;
	ro.undo_file = o.undo;
	ro.compact = o.compact;
	ro.rules = rules;
	ro.spooler = o.spooler;
	if (sf_repair_run(m, plan, &ro, &res, &e) != SF_OK) {
		/* A refusal before any hive was reached has no hive to
		 * report it under. */
		if (res == NULL || sf_repair_count(res) == 0)
			print_error(e);
		else
			report(&o, res);
		goto done;
	}
	if (report(&o, res))
		goto done;
	rc = rescan(&o, argc, argv, rules);
	goto done;
usage:
	rc = usage_error(usage, NULL);
done:
	if (o.json && reached)
		json_result(&o, plan, res, e, rc);
	sf_error_free(e);
	sf_repair_free(res);
	sf_plan_free(plan);
	sf_report_free(rep);
	sf_rules_free(rules);
	sf_machine_free(m);
	free_opts(&o);
	return rc;
}
