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
 * spoolfix audit: scan many hosts (folders of hives) with one rule set,
 * in parallel, and write one stream of records for the whole fleet.
 *
 * Memory stays bounded by the number of workers, not of hosts: each
 * worker scans one host into its own machine and report, formats that
 * host's records into memory, hands them to the writer under a lock and
 * frees everything.  What outlives a host is its name (to tell
 * duplicates apart and, with --baseline, to know it was scanned), the
 * per-rule counts and the few slowest hosts.  The host list itself is
 * the folder paths only.
 *
 * Records of one host are written together, and hosts in the order they
 * were given (folders of hosts sorted by name), whatever the number of
 * workers: a host scanned early waits in a window of 4 per worker until
 * those before it are written.  Every record carries the run ID and the
 * host.
 */
#define _GNU_SOURCE		/* fopencookie(): see mem_open() */

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "audit.h"
#include "html.h"

static const char usage[] =
    "spoolfix audit [-j N] [--format summary|jsonl|csv|nagios]\n"
    "                [--jsonl FILE] [--csv FILE] [--hosts-csv FILE]\n"
    "                [--html FILE]\n"
    "                [--csv-bom | --no-csv-bom] [--baseline OLD.jsonl]\n"
    "                [--min-severity LEVEL] [--fail-on LEVEL] [--quiet]\n"
    "                [--progress auto|always|never] [--rules FILE|DIR]\n"
    "                [--no-default-rules] [--disable ID,...] [--site FILE]\n"
    "                [--all-control-sets] PATH ...";

static const char help[] =
    "Audit a fleet: scan the hives of many hosts with one rule set.\n"
    "\n"
    "  PATH                  a host folder (a mounted volume, or collected\n"
    "                        hives laid out as Windows/System32/config and\n"
    "                        Users/*/NTUSER.DAT), a folder of host folders,\n"
    "                        or a file (- for standard input) listing host\n"
    "                        folders one per line\n"
    "  -j, --jobs N          hosts scanned at once (default: the processors)\n"
    "  --format FMT          standard output: summary (default), jsonl, csv\n"
    "                        or nagios\n"
    "  --jsonl FILE          also write JSON Lines (a record per finding and\n"
    "                        one per host) to FILE\n"
    "  --csv FILE            also write a CSV row per finding to FILE\n"
    "  --hosts-csv FILE      also write a CSV row per host to FILE\n"
    "  --html FILE           also write a report for people to FILE: one\n"
    "                        self-contained HTML page (totals, a chart of\n"
    "                        hosts per rule, a host table that sorts and\n"
    "                        filters, the findings and their rules)\n"
    "  --csv-bom, --no-csv-bom\n"
    "                        start CSV with a UTF-8 byte-order mark, for\n"
    "                        Excel (default: on)\n"
    "  --baseline FILE       JSON Lines of an earlier audit: mark each\n"
    "                        finding new, still or resolved\n"
    "  --min-severity LEVEL  leave out findings below LEVEL (info, warning,\n"
    "                        error)\n"
    "  --fail-on LEVEL       exit 1 when a host has a finding of at least\n"
    "                        LEVEL (default warning; none: never)\n"
    "  --quiet               summary: one line only\n"
    "  --progress WHEN       progress on standard error: auto (default: when\n"
    "                        it is a terminal), always or never\n"
    "  --rules FILE|DIR      add rule files (repeatable)\n"
    "  --no-default-rules    do not load the shipped rules\n"
    "  --disable ID,...      turn rules off\n"
    "  --site FILE           site policy: disable, severity, param statements\n"
    "  --all-control-sets    also report faults in non-current control sets\n"
    "\n"
    "Exit status: 0 nothing at or above --fail-on, 1 findings, 2 a host\n"
    "could not be read or wrong usage (nagios: 0 OK, 1 WARNING, 2 CRITICAL,\n"
    "3 UNKNOWN).\n";

enum { O_RULES = 256, O_NODEF, O_DISABLE, O_SITE, O_FORMAT, O_FAILON,
    O_ALLCS, O_JSONL, O_CSV, O_HOSTSCSV, O_BOM, O_NOBOM, O_BASELINE,
    O_MINSEV, O_QUIET, O_PROGRESS, O_HTML, O_HELP };

static const struct option longopts[] = {
	{ "jobs", required_argument, NULL, 'j' },
	{ "rules", required_argument, NULL, O_RULES },
	{ "no-default-rules", no_argument, NULL, O_NODEF },
	{ "disable", required_argument, NULL, O_DISABLE },
	{ "site", required_argument, NULL, O_SITE },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "fail-on", required_argument, NULL, O_FAILON },
	{ "all-control-sets", no_argument, NULL, O_ALLCS },
	{ "jsonl", required_argument, NULL, O_JSONL },
	{ "csv", required_argument, NULL, O_CSV },
	{ "hosts-csv", required_argument, NULL, O_HOSTSCSV },
	{ "csv-bom", no_argument, NULL, O_BOM },
	{ "no-csv-bom", no_argument, NULL, O_NOBOM },
	{ "baseline", required_argument, NULL, O_BASELINE },
	{ "min-severity", required_argument, NULL, O_MINSEV },
	{ "quiet", no_argument, NULL, O_QUIET },
	{ "progress", required_argument, NULL, O_PROGRESS },
	{ "html", required_argument, NULL, O_HTML },
	{ "help", no_argument, NULL, O_HELP },
	{ NULL, 0, NULL, 0 }
};

/* One host to scan: its folder, and the name to use if SYSTEM has none. */
struct host {
	const char	*dir;
	const char	*folder;	/* the folder's own name, in dir */
};

struct slow {
	char	*host;
	double	 secs;
};

#define NSLOW	5

struct audit {
	/* read-only while the workers run */
	char		*paths;		/* the host folders, NUL-separated: */
	size_t		 paths_len;	/* one block, so that a long list */
	size_t		 paths_cap;
	size_t		*path_at;	/* costs its bytes and an offset */
	size_t		 nhosts;
	const sf_rules	*rules;
	sf_scan_opts	 so;
	sf_severity	 min_sev;
	sf_severity	 fail_on;
	int		 fail_none;
	char		 run_id[40];
	char		 when[32];
	char		 ruleset[40];
	const char	*format;
	struct baseline	*base;

	/* under lock */
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;		/* a host was written */
	size_t		 next;		/* the next host to take */
	size_t		 written;	/* hosts written, in order */
	size_t		 window;	/* scanned hosts that may wait */
	struct result	**pending;	/* [window]: scanned, not written */
	unsigned char	*parked;	/* [window]: slot filled */
	int		 draining;	/* a thread is writing hosts */
	FILE		*out_jsonl, *out_csv, *out_hosts;
	struct html	*html;		/* --html: the page, host by host */
	struct nameset	*names;		/* host labels given so far */
	size_t		 done, clean, with_findings, with_errors, unreadable;
	size_t		 tally[3];	/* findings per severity */
	size_t		 n_new, n_still, n_resolved;
	size_t		*rule_hosts;	/* hosts affected, per rule index */
	struct slow	 slow[NSLOW];
	int		 write_failed;
	int		 progress;
	struct timespec	 t0;
	double		 last_progress;
};

/* ------------------------------------------------------------------ */
/* Finding the hosts                                                   */
/* ------------------------------------------------------------------ */

static int
add_host(struct audit *a, size_t *cap, const char *dir)
{
	size_t		*at, n = strlen(dir);
	char		*p;

	/* Without trailing slashes, so the last part names the folder. */
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (a->nhosts == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		if ((at = realloc(a->path_at, *cap * sizeof(*at))) == NULL)
			die_nomem();
		a->path_at = at;
	}
	if (a->paths_len + n + 1 > a->paths_cap) {
		size_t want = a->paths_cap ? a->paths_cap : 4096;

		while (want < a->paths_len + n + 1)
			want *= 2;
		if ((p = realloc(a->paths, want)) == NULL)
			die_nomem();
		a->paths = p;
		a->paths_cap = want;
	}
	memcpy(a->paths + a->paths_len, dir, n);
	a->paths[a->paths_len + n] = '\0';
	a->path_at[a->nhosts++] = a->paths_len;
	a->paths_len += n + 1;
	return 0;
}

/* Host i, pointing into the list. */
static struct host
host_at(const struct audit *a, size_t i)
{
	struct host	 h;
	const char	*base;

	h.dir = a->paths + a->path_at[i];
	base = strrchr(h.dir, '/');
	h.folder = base != NULL && base[1] != '\0' ? base + 1 : h.dir;
	return h;
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * A host folder holds what sf_machine_add_root looks for: a Windows
 * volume (Windows, Users, Documents and Settings) or collected hives
 * (SYSTEM, SOFTWARE, NTUSER.DAT) at its top, matched ignoring case.
 */
static int
is_host_dir(const char *dir)
{
	static const char *const marks[] = { "Windows", "Users",
	    "Documents and Settings", "SYSTEM", "SOFTWARE", "DEFAULT",
	    "NTUSER.DAT" };
	DIR		*d;
	struct dirent	*e;
	size_t		 i;
	int		 hit = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!hit && (e = readdir(d)) != NULL)
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
			if (strcasecmp(e->d_name, marks[i]) == 0)
				hit = 1;
	closedir(d);
	return hit;
}

static int
cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static char *
join(const char *dir, const char *name)
{
	size_t	 n = strlen(dir);
	char	*p;

	if ((p = malloc(n + strlen(name) + 2)) == NULL)
		return NULL;
	sprintf(p, "%s%s%s", dir, n > 0 && dir[n - 1] == '/' ? "" : "/",
	    name);
	return p;
}

/*
 * A folder of host folders: every sub-folder, sorted by name so that
 * runs compare.  A sub-folder without hives is still a host (it is
 * reported unreadable, not skipped silently).
 */
static int
add_fleet_dir(struct audit *a, size_t *cap, const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	char		**names = NULL, **nn, *p;
	size_t		  n = 0, ncap = 0, i;
	int		  rc = 0;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOMEM)
			die_nomem();
		warnx_("cannot read the folder %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((p = join(dir, e->d_name)) == NULL)
			die_nomem();
		if (!is_dir(p)) {
			free(p);
			continue;
		}
		if (n == ncap) {
			ncap = ncap ? ncap * 2 : 64;
			if ((nn = realloc(names, ncap * sizeof(*nn))) == NULL)
				die_nomem();
			names = nn;
		}
		names[n++] = p;
	}
	closedir(d);
	if (rc == 0 && n > 0)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		if (rc == 0 && add_host(a, cap, names[i]) == -1)
			rc = -1;
		free(names[i]);
	}
	free(names);
	if (rc == 0 && n == 0) {
		warnx_("%s holds no hives and no host folders", dir);
		rc = -1;
	}
	return rc;
}

/* A list of host folders, one per line ('#' starts a comment line). */
static int
add_list(struct audit *a, size_t *cap, const char *path)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 lcap = 0;
	ssize_t	 len;
	int	 rc = 0;

	if (strcmp(path, "-") == 0)
		f = stdin;
	else if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOMEM)
			die_nomem();
		warnx_("cannot open the host list %s: %s", path,
		    strerror(errno));
		return -1;
	}
	errno = 0;
	while (rc == 0 && (len = getline(&line, &lcap, f)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		rc = add_host(a, cap, line);
		errno = 0;
	}
	/* getline() out of memory is not the end of the list. */
	if (rc == 0 && errno == ENOMEM)
		die_nomem();
	free(line);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int
add_path(struct audit *a, size_t *cap, const char *path)
{
	struct stat st;

	if (strcmp(path, "-") == 0)
		return add_list(a, cap, path);
	if (stat(path, &st) == -1) {
		warnx_("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode))
		return add_list(a, cap, path);
	if (!S_ISDIR(st.st_mode)) {
		warnx_("%s is neither a folder nor a list of folders", path);
		return -1;
	}
	if (is_host_dir(path))
		return add_host(a, cap, path);
	return add_fleet_dir(a, cap, path);
}

/* ------------------------------------------------------------------ */
/* Run identity                                                        */
/* ------------------------------------------------------------------ */

static void
make_run_id(char *buf, size_t len)
{
	unsigned char	r[16];
	ssize_t		n = -1;
	int		fd, i;

	if ((fd = open("/dev/urandom", O_RDONLY)) != -1) {
		n = read(fd, r, sizeof(r));
		close(fd);
	}
	if (n != (ssize_t)sizeof(r)) {
		/* Unique enough without urandom: time and process. */
		uint64_t x = (uint64_t)time(NULL) * 1000003u ^
		    (uint64_t)getpid();

		for (i = 0; i < 16; i++) {
			x = x * 6364136223846793005u + 1442695040888963407u;
			r[i] = (unsigned char)(x >> 56);
		}
	}
	r[6] = (r[6] & 0x0f) | 0x40;	/* a version 4 UUID */
	r[8] = (r[8] & 0x3f) | 0x80;
	snprintf(buf, len, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3], r[4], r[5],
	    r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

static uint64_t
fnv(uint64_t h, const char *s)
{
	if (s == NULL)
		s = "";
	do {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	} while (*s++ != '\0');
	return h;
}

/*
 * The rule set's version: a digest of what decides findings (IDs,
 * enabled, severity, scopes, fixes), so two audits can tell whether
 * they ran the same rules.  The rule files carry no version of their
 * own.
 */
static void
ruleset_version(const sf_rules *rs, char *buf, size_t len)
{
	uint64_t	 h = 14695981039346656037u;
	size_t		 i, j;
	char		 num[16];

	for (i = 0; i < sf_rules_count(rs); i++) {
		const sf_rule *r = sf_rules_get(rs, i);

		h = fnv(h, sf_rule_id(r));
		snprintf(num, sizeof(num), "%d%d%d", sf_rule_enabled(r),
		    (int)sf_rule_severity(r), sf_rule_fix_optional(r));
		h = fnv(h, num);
		for (j = 0; j < sf_rule_scope_count(r); j++)
			h = fnv(h, sf_rule_scope(r, j));
		h = fnv(h, sf_rule_fix_text(r));
	}
	snprintf(buf, len, "%zu-%016jx", sf_rules_count(rs), (uintmax_t)h);
}

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* ------------------------------------------------------------------ */
/* One host                                                            */
/* ------------------------------------------------------------------ */

/* What a worker learned about one host, before it is written. */
struct result {
	struct host	 h;
	sf_machine	*m;
	sf_report	*rep;
	char		*err;		/* why the host could not be read */
	char		*advice;
	size_t		 unread;	/* inputs that could not be read */
	size_t		 tally[3];
	double		 secs;
	const char	*status;
	char		*label;		/* unique host name */
};

static int
shown(const struct audit *a, const sf_finding *x)
{
	return sf_finding_severity(x) >= a->min_sev;
}

static void
scan_host(struct audit *a, struct result *res)
{
	sf_error	*e = NULL;
	struct timespec	 t0;
	size_t		 i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (sf_machine_new(&res->m, &e) != SF_OK)
		goto fail;
	sf_machine_set_host(res->m, res->h.folder, NULL);
	if (sf_machine_add_root(res->m, res->h.dir, &e) != SF_OK) {
		/* Recorded on its input; the host is scanned if anything
		 * could be read, and reported unreadable either way. */
		res->err = kept(strdup(sf_error_message(e)));
		res->advice = kept(strdup(sf_error_advice(e)));
		sf_error_free(e);
		e = NULL;
	}
	for (i = 0; i < sf_machine_hive_count(res->m); i++)
		if (!sf_hive_readable(sf_machine_hive(res->m, i)))
			res->unread++;
	if (res->err == NULL && res->unread > 0) {
		const sf_error *he = NULL;

		for (i = 0; he == NULL && i < sf_machine_hive_count(res->m);
		    i++)
			he = sf_hive_error(sf_machine_hive(res->m, i));
		res->err = kept(strdup(he != NULL ? sf_error_message(he) :
		    "an input could not be read"));
		res->advice = kept(strdup(he != NULL ? sf_error_advice(he) :
		    ""));
	}
	if (res->unread < sf_machine_hive_count(res->m) &&
	    sf_scan(res->m, a->rules, &a->so, &res->rep, &e) != SF_OK)
		goto fail;
	if (res->rep != NULL)
		for (i = 0; i < sf_report_count(res->rep); i++) {
			const sf_finding *x = sf_report_get(res->rep, i);

			if (shown(a, x))
				res->tally[sf_finding_severity(x)]++;
		}
	goto out;
fail:
	free(res->err);
	free(res->advice);
	res->err = kept(strdup(e != NULL ? sf_error_message(e) :
	    "out of memory"));
	res->advice = kept(strdup(e != NULL ? sf_error_advice(e) : ""));
	res->unread++;
	sf_error_free(e);
out:
	if (res->err != NULL || res->rep == NULL)
		res->status = "unreadable";
	else if (res->tally[0] + res->tally[1] + res->tally[2] > 0)
		res->status = "findings";
	else
		res->status = "clean";
	res->secs = since(&t0);
}

/* The MITRE ATT&CK technique of a finding's key, or NULL. */
static const char *
attack_of(const sf_finding *x)
{
	size_t	 n = sf_finding_path_len(x), i;
	sf_name	 p;
	char	*s;
	const char *t = NULL;

	/* ...\Control\Print\Monitors\<name> and ...\Environments\<env>\
	 * Print Processors\<name>: the keys that ATT&CK T1547.010 and
	 * T1547.012 name, and that Splunk and Elastic detections watch. */
	for (i = 0; t == NULL && i + 1 < n; i++) {
		p = sf_finding_path_name(x, i);
		/* A name memory could not hold: the output is incomplete. */
		if ((s = kept(sf_escape_name(p, SF_ESC_TEXT))) == NULL)
			continue;
		if (strcasecmp(s, "Monitors") == 0 && i > 0) {
			char *q = kept(sf_escape_name(sf_finding_path_name(x,
			    i - 1), SF_ESC_TEXT));

			if (q != NULL && strcasecmp(q, "Print") == 0)
				t = "T1547.010";
			free(q);
		} else if (strcasecmp(s, "Print Processors") == 0)
			t = "T1547.012";
		free(s);
	}
	return t;
}

void
audit_json_run(FILE *f, const struct audit *a, const char *type)
{
	fprintf(f, "{\"type\":\"%s\",\"run_id\":\"%s\",\"time\":\"%s\","
	    "\"spoolfix\":\"%s\",\"ruleset\":\"%s\"", type, a->run_id,
	    a->when, SPOOLFIX_VERSION, a->ruleset);
}

static void
json_run(FILE *f, const struct audit *a, const char *type, const char *host)
{
	audit_json_run(f, a, type);
	fputs(",\"host\":", f);
	json_str(f, host);
}

/* The run columns; the host is a column of the finding (or host) row. */
void
audit_csv_run(FILE *f, const struct audit *a)
{
	csv_field(f, a->run_id, 0);
	csv_field(f, a->when, 0);
	csv_field(f, SPOOLFIX_VERSION, 0);
	csv_field(f, a->ruleset, 0);
}

/* The hive kinds a host lacks, of those the rules read. */
static void
missing_kinds(const sf_machine *m, const char **out, size_t *n)
{
	static const sf_hive_kind want[] = { SF_HIVE_SYSTEM,
	    SF_HIVE_SOFTWARE };
	size_t i, j;
	int have;

	*n = 0;
	for (j = 0; j < sizeof(want) / sizeof(want[0]); j++) {
		have = 0;
		for (i = 0; m != NULL && i < sf_machine_hive_count(m); i++)
			if (sf_hive_readable(sf_machine_hive(m, i)) &&
			    sf_hive_kind_of(sf_machine_hive(m, i)) == want[j])
				have = 1;
		if (!have)
			out[(*n)++] = sf_hive_kind_name(want[j]);
	}
}

/* The host's summary row in the HTML report. */
static void
html_row(struct audit *a, const struct result *res, const char **miss,
    size_t nmiss)
{
	struct html_host hh;

	memset(&hh, 0, sizeof(hh));
	hh.label = res->label;
	hh.folder = res->h.dir;
	hh.status = res->status;
	memcpy(hh.tally, res->tally, sizeof(hh.tally));
	hh.secs = res->secs;
	hh.reason = res->err;
	hh.advice = res->advice;
	hh.missing = miss;
	hh.nmissing = nmiss;
	html_host(a->html, &hh);
}

/*
 * The missing kinds and the skipped rules' IDs, each space-separated in
 * one cell, the last two of a host row.
 */
static void
csv_gaps(FILE *hc, const char **miss, size_t nmiss, const sf_report *r)
{
	size_t	 i, len = 1, n = r != NULL ? sf_report_skipped_count(r) : 0;
	char	*s;

	for (i = 0; i < nmiss; i++)
		len += strlen(miss[i]) + 1;
	for (i = 0; i < n; i++)
		len += strlen(sf_rule_id(sf_report_skipped(r, i))) + 1;
	if ((s = malloc(len)) == NULL) {
		csv_field(hc, NULL, 0);
		csv_field(hc, NULL, 1);
		return;
	}
	s[0] = '\0';
	for (i = 0; i < nmiss; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, miss[i]);
	}
	csv_field(hc, s, 0);
	s[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, sf_rule_id(sf_report_skipped(r, i)));
	}
	csv_owned(hc, sf_escape_utf8(s, SF_ESC_CSV), 1);
	free(s);
}

/*
 * Formats the host's records.  'change' of each finding comes from the
 * baseline (NULL without one).
 */
static void
format_host(struct audit *a, struct result *res, FILE *jl, FILE *csv,
    FILE *hc)
{
	const char	*miss[8], *change = NULL, *att;
	size_t		 i, nmiss;

	/* Scanned: the kinds its rules read and it lacks (the report's). */
	if (res->rep != NULL)
		for (nmiss = 0; nmiss < sf_report_missing_count(res->rep) &&
		    nmiss < sizeof(miss) / sizeof(miss[0]); nmiss++)
			miss[nmiss] = sf_hive_kind_name(
			    sf_report_missing(res->rep, nmiss));
	else
		missing_kinds(res->m, miss, &nmiss);
	if (a->html != NULL)
		html_row(a, res, miss, nmiss);
	for (i = 0; res->rep != NULL && i < sf_report_count(res->rep); i++) {
		const sf_finding *x = sf_report_get(res->rep, i);

		if (!shown(a, x))
			continue;
		if (a->base != NULL)
			change = baseline_mark(a->base, res->label, x);
		att = attack_of(x);
		if (jl != NULL) {
			json_run(jl, a, "finding", res->label);
			fputc(',', jl);
			json_finding_fields(jl, res->label, x);
			fputs(",\"attack\":", jl);
			json_str(jl, att);
			if (change != NULL)
				fprintf(jl, ",\"change\":\"%s\"", change);
			fputs("}\n", jl);
		}
		if (csv != NULL) {
			audit_csv_run(csv, a);
			csv_finding(csv, res->label, x, 0);
			csv_field(csv, att, 0);
			csv_field(csv, change, 1);
		}
		if (a->html != NULL)
			html_finding(a->html, x, change);
	}
	if (a->html != NULL)
		html_host_end(a->html);
	if (jl != NULL) {
		json_run(jl, a, "host", res->label);
		fputs(",\"computer_name\":", jl);
		json_str(jl, res->m != NULL && sf_machine_host(res->m) !=
		    NULL && strcmp(sf_machine_host(res->m), res->h.folder) ?
		    sf_machine_host(res->m) : NULL);
		fputs(",\"folder\":", jl);
		json_str(jl, res->h.dir);
		fprintf(jl, ",\"status\":\"%s\",\"error\":%zu,\"warning\":%zu,"
		    "\"info\":%zu,\"inputs\":%zu,\"unreadable\":%zu,"
		    "\"seconds\":%.3f", res->status, res->tally[SF_SEV_ERROR],
		    res->tally[SF_SEV_WARNING], res->tally[SF_SEV_INFO],
		    res->m != NULL ? sf_machine_hive_count(res->m) : 0,
		    res->unread, res->secs);
		fputs(",\"missing\":[", jl);
		for (i = 0; i < nmiss; i++)
			fprintf(jl, "%s\"%s\"", i ? "," : "", miss[i]);
		fputs("],\"skipped_rules\":[", jl);
		for (i = 0; res->rep != NULL &&
		    i < sf_report_skipped_count(res->rep); i++) {
			fputs(i ? "," : "", jl);
			json_str(jl, sf_rule_id(sf_report_skipped(res->rep, i)));
		}
		fputs("],\"reason\":", jl);
		json_str(jl, res->err);
		fputs(",\"advice\":", jl);
		json_str(jl, res->err != NULL ? res->advice : NULL);
		fputs("}\n", jl);
	}
	if (hc != NULL) {
		char num[32];

		audit_csv_run(hc, a);
		csv_owned(hc, sf_escape_utf8(res->label, SF_ESC_CSV), 0);
		csv_owned(hc, sf_escape_utf8(res->h.dir, SF_ESC_CSV), 0);
		csv_field(hc, res->status, 0);
		for (i = 3; i-- > 0; ) {
			snprintf(num, sizeof(num), "%zu", res->tally[i]);
			csv_field(hc, num, 0);
		}
		snprintf(num, sizeof(num), "%.3f", res->secs);
		csv_field(hc, num, 0);
		csv_owned(hc, res->err != NULL ? sf_escape_utf8(res->err,
		    SF_ESC_CSV) : NULL, 0);
		csv_gaps(hc, miss, nmiss, res->rep);
	}
}

static void
progress(struct audit *a, int last)
{
	double	el = since(&a->t0), rate;

	if (!a->progress || (!last && el - a->last_progress < 0.2))
		return;
	a->last_progress = el;
	rate = el > 0 ? (double)a->done / el : 0;
	fprintf(stderr, "\r%s: %zu/%zu hosts, %.1f/s", progname, a->done,
	    a->nhosts, rate);
	if (!last && rate > 0) {
		double left = (double)(a->nhosts - a->done) / rate;

		fprintf(stderr, ", %d:%02d left", (int)left / 60,
		    (int)left % 60);
	}
	fprintf(stderr, ", %zu unreadable\033[K%s", a->unreadable,
	    last ? "\n" : "");
}

static void
note_slow(struct audit *a, const struct result *res)
{
	size_t	i, j;

	for (i = 0; i < NSLOW; i++)
		if (a->slow[i].host == NULL || res->secs > a->slow[i].secs)
			break;
	if (i == NSLOW)
		return;
	free(a->slow[NSLOW - 1].host);
	for (j = NSLOW - 1; j > i; j--)
		a->slow[j] = a->slow[j - 1];
	a->slow[i].host = strdup(res->label);
	a->slow[i].secs = res->secs;
}

static int
put(FILE *to, char *buf, size_t len)
{
	return to == NULL || len == 0 || fwrite(buf, 1, len, to) == len ? 0 :
	    -1;
}

/*
 * A host's records are formatted into memory, then written whole, so
 * that hosts scanned by several workers come out one after the other.
 * open_memstream() drops a write it has no memory for and takes the
 * next one without setting the stream's error flag (glibc), leaving a
 * hole in a record that nothing tells.  This stream's write says when
 * it could not keep the bytes, and stdio then sets the error flag.
 */
struct membuf {
	char	*p;
	size_t	 len, cap;
};

static ssize_t
mem_write(void *cookie, const char *buf, size_t n)
{
	struct membuf	*m = cookie;
	size_t		 cap;
	char		*p;

	if (n > m->cap - m->len) {
		cap = m->cap > 0 ? m->cap : 4096;
		while (cap - m->len < n) {
			if (cap > SIZE_MAX / 2)
				return 0;
			cap *= 2;
		}
		if ((p = realloc(m->p, cap)) == NULL)
			return 0;
		m->p = p;
		m->cap = cap;
	}
	memcpy(m->p + m->len, buf, n);
	m->len += n;
	return (ssize_t)n;
}

static FILE *
mem_open(struct membuf *m)
{
	cookie_io_functions_t io = { NULL, mem_write, NULL, NULL };

	memset(m, 0, sizeof(*m));
	return fopencookie(m, "w", io);
}

/*
 * Closes a host's memory stream: 0 when it holds every byte written,
 * -1 (and m freed) when memory ran out, for the stream or a write.
 */
static int
mem_close(FILE *f, struct membuf *m)
{
	int bad;

	if (f == NULL) {
		free(m->p);
		m->p = NULL;
		return -1;
	}
	bad = ferror(f) != 0;
	if ((fclose(f) == EOF) | bad) {
		free(m->p);
		m->p = NULL;
		return -1;
	}
	return 0;
}

static void
free_result(struct result *res)
{
	if (res == NULL)
		return;
	sf_report_free(res->rep);
	sf_machine_free(res->m);
	free(res->err);
	free(res->advice);
	free(res->label);
	free(res);
}

/*
 * Names, formats and writes one host.  Only the thread that holds
 * a->draining calls it, without the lock: hosts are written one at a
 * time in input order, so names given to duplicates and the order of
 * records are the same whatever -j is.
 */
static void
write_host(struct audit *a, struct result *res)
{
	struct membuf	 b1, b2, b3;
	FILE		*jl = NULL, *csv = NULL, *hc = NULL;
	const char	*name;
	int		 lost = 0;

	name = res->m != NULL && sf_machine_host(res->m) != NULL ?
	    sf_machine_host(res->m) : res->h.folder;
	/*
	 * Without its unique name the host cannot be written: another
	 * name, its plain one, could be another host's.  The output is
	 * then incomplete, and the command says so (report_lost).
	 */
	if ((res->label = kept(nameset_unique(a->names, name,
	    res->h.folder))) == NULL)
		return;
	if (a->base != NULL)
		baseline_host(a->base, res->label, res->err == NULL);
	memset(&b1, 0, sizeof(b1));
	memset(&b2, 0, sizeof(b2));
	memset(&b3, 0, sizeof(b3));
	if (a->out_jsonl != NULL)
		jl = mem_open(&b1);
	if (a->out_csv != NULL)
		csv = mem_open(&b2);
	if (a->out_hosts != NULL)
		hc = mem_open(&b3);
	format_host(a, res, jl, csv, hc);
	/*
	 * A record with a hole is not written: the host's records are
	 * left out whole, and the output is incomplete (kept(NULL) notes
	 * it; the command then exits 2 and says so).
	 */
	if (a->out_jsonl != NULL && mem_close(jl, &b1) == -1)
		lost = 1;
	if (a->out_csv != NULL && mem_close(csv, &b2) == -1)
		lost = 1;
	if (a->out_hosts != NULL && mem_close(hc, &b3) == -1)
		lost = 1;
	if (lost)
		(void)kept(NULL);
	else if (put(a->out_jsonl, b1.p, b1.len) == -1 ||
	    put(a->out_csv, b2.p, b2.len) == -1 ||
	    put(a->out_hosts, b3.p, b3.len) == -1)
		a->write_failed = 1;
	free(b1.p);
	free(b2.p);
	free(b3.p);
}

/* Adds a written host to the fleet's counts; under the lock. */
static void
count_host(struct audit *a, struct result *res, unsigned char *seen)
{
	size_t i, j;

	a->done++;
	if (strcmp(res->status, "unreadable") == 0)
		a->unreadable++;
	else if (strcmp(res->status, "clean") == 0)
		a->clean++;
	if (res->tally[0] + res->tally[1] + res->tally[2] > 0)
		a->with_findings++;
	if (res->tally[SF_SEV_ERROR] > 0)
		a->with_errors++;
	for (i = 0; i < 3; i++)
		a->tally[i] += res->tally[i];
	memset(seen, 0, sf_rules_count(a->rules) + 1);
	for (i = 0; res->rep != NULL && i < sf_report_count(res->rep); i++) {
		const sf_finding *x = sf_report_get(res->rep, i);

		if (!shown(a, x))
			continue;
		for (j = 0; j < sf_rules_count(a->rules); j++)
			if (sf_rules_get(a->rules, j) == sf_finding_rule(x))
				break;
		if (!seen[j]) {
			seen[j] = 1;
			a->rule_hosts[j]++;
		}
	}
	if (res->label != NULL)
		note_slow(a, res);
	progress(a, 0);
}

/*
 * Each worker takes the next host, scans it without the lock and parks
 * the result in a window of a->window slots.  Whoever finds the oldest
 * unwritten host parked, and nobody draining, writes hosts in order
 * until one is missing.  A worker waits before taking a host more than
 * a window ahead of the writing, so at most a->window reports exist.
 */
static void *
worker(void *arg)
{
	struct audit	*a = arg;
	struct result	*res, *w;
	unsigned char	*seen;
	size_t		 i;

	/* Out of memory: the other workers take the hosts, or nobody
	 * does and the hosts not written make the output incomplete. */
	if (kept(seen = malloc(sf_rules_count(a->rules) + 1)) == NULL)
		return NULL;
	pthread_mutex_lock(&a->lock);
	for (;;) {
		while (a->next < a->nhosts && a->next >= a->written + a->window)
			pthread_cond_wait(&a->cond, &a->lock);
		if (a->next >= a->nhosts)
			break;
		i = a->next++;
		pthread_mutex_unlock(&a->lock);
		if ((res = calloc(1, sizeof(*res))) != NULL) {
			res->h = host_at(a, i);
			scan_host(a, res);
		}
		/* Out of memory: the host is parked empty and not written,
		 * and the output is noted as incomplete. */
		(void)kept(res);
		pthread_mutex_lock(&a->lock);
		a->pending[i % a->window] = res;
		a->parked[i % a->window] = 1;
		if (a->draining)
			continue;
		a->draining = 1;
		while (a->written < a->nhosts &&
		    a->parked[a->written % a->window]) {
			w = a->pending[a->written % a->window];
			a->pending[a->written % a->window] = NULL;
			a->parked[a->written % a->window] = 0;
			pthread_mutex_unlock(&a->lock);
			if (w != NULL)
				write_host(a, w);
			pthread_mutex_lock(&a->lock);
			if (w != NULL)
				count_host(a, w, seen);
			a->written++;
			pthread_cond_broadcast(&a->cond);
			pthread_mutex_unlock(&a->lock);
			free_result(w);
			pthread_mutex_lock(&a->lock);
		}
		a->draining = 0;
	}
	pthread_mutex_unlock(&a->lock);
	free(seen);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* The fleet                                                           */
/* ------------------------------------------------------------------ */

struct rank {
	size_t	idx, hosts;
};

static int
cmp_rank(const void *x, const void *y)
{
	const struct rank *p = x, *q = y;

	if (p->hosts != q->hosts)
		return p->hosts < q->hosts ? 1 : -1;
	return p->idx < q->idx ? -1 : p->idx > q->idx;
}

static void
summary(FILE *f, struct audit *a, int quiet)
{
	struct rank	*r;
	size_t		 i, n = sf_rules_count(a->rules), k = 0;

	fprintf(f, "spoolfix audit: %zu hosts, %zu clean, %zu with findings "
	    "(%zu with errors), %zu unreadable; %zu errors, %zu warnings, "
	    "%zu info", a->done, a->clean, a->with_findings, a->with_errors,
	    a->unreadable, a->tally[SF_SEV_ERROR], a->tally[SF_SEV_WARNING],
	    a->tally[SF_SEV_INFO]);
	if (a->base != NULL)
		fprintf(f, "; %zu new, %zu still, %zu resolved", a->n_new,
		    a->n_still, a->n_resolved);
	fputc('\n', f);
	if (quiet)
		return;
	fprintf(f, "run %s at %s, spoolfix %s, rule set %s\n", a->run_id,
	    a->when, SPOOLFIX_VERSION, a->ruleset);
	if ((r = calloc(n + 1, sizeof(*r))) != NULL) {
		for (i = 0; i < n; i++)
			if (a->rule_hosts[i] > 0) {
				r[k].idx = i;
				r[k++].hosts = a->rule_hosts[i];
			}
		qsort(r, k, sizeof(*r), cmp_rank);
		if (k > 0)
			fputs("\ntop rules by hosts affected:\n", f);
		for (i = 0; i < k && i < 10; i++) {
			const sf_rule *ru = sf_rules_get(a->rules, r[i].idx);

			fprintf(f, "  %-10s %6zu  %-7s ", sf_rule_id(ru),
			    r[i].hosts, sf_severity_name(sf_rule_severity(ru)));
			put_safe(f, sf_rule_title(ru));
			fputc('\n', f);
		}
		free(r);
	}
	if (a->slow[0].host != NULL)
		fputs("\nslowest hosts:\n", f);
	for (i = 0; i < NSLOW && a->slow[i].host != NULL; i++) {
		fprintf(f, "  %8.3f s  ", a->slow[i].secs);
		put_safe(f, a->slow[i].host);
		fputc('\n', f);
	}
}

/*
 * One line and perfdata for Nagios and Icinga: CRITICAL for errors,
 * then UNKNOWN when a host could not be read (the check is incomplete),
 * then WARNING, then OK.
 */
static int
nagios(FILE *f, const struct audit *a)
{
	static const char *const st[] = { "OK", "WARNING", "CRITICAL",
	    "UNKNOWN" };
	int s;

	if (a->tally[SF_SEV_ERROR] > 0)
		s = 2;
	else if (a->unreadable > 0)
		s = 3;
	else if (a->tally[SF_SEV_WARNING] > 0)
		s = 1;
	else
		s = 0;
	fprintf(f, "SPOOLFIX %s - %zu hosts: %zu with errors, %zu with "
	    "findings, %zu unreadable | hosts=%zu;;;0 clean=%zu;;;0 "
	    "unreadable=%zu;;;0 errors=%zu;;;0 warnings=%zu;;;0 info=%zu;;;0\n",
	    st[s], a->done, a->with_errors, a->with_findings, a->unreadable,
	    a->done, a->clean, a->unreadable, a->tally[SF_SEV_ERROR],
	    a->tally[SF_SEV_WARNING], a->tally[SF_SEV_INFO]);
	return s;
}

static FILE *
open_out(const char *path, int bom)
{
	FILE *f;

	if (strcmp(path, "-") == 0)
		f = stdout;
	else if ((f = fopen(path, "w")) == NULL) {
		if (errno == ENOMEM)
			warnx_("out of memory");
		else
			warnx_("cannot create %s: %s", path, strerror(errno));
		return NULL;
	}
	if (bom)
		fputs("\xef\xbb\xbf", f);
	return f;
}

static void
csv_headers(FILE *csv, FILE *hc)
{
	static const char *const run[] = { "run_id", "time", "spoolfix",
	    "ruleset" };
	static const char *const host[] = { "host", "folder", "status", "error",
	    "warning", "info", "seconds", "reason", "missing",
	    "skipped_rules" };
	size_t i;

	if (csv != NULL) {
		for (i = 0; i < sizeof(run) / sizeof(run[0]); i++)
			csv_field(csv, run[i], 0);
		csv_finding_header(csv, 0);
		csv_field(csv, "attack", 0);
		csv_field(csv, "change", 1);
	}
	if (hc != NULL) {
		for (i = 0; i < sizeof(run) / sizeof(run[0]); i++)
			csv_field(hc, run[i], 0);
		for (i = 0; i < sizeof(host) / sizeof(host[0]); i++)
			csv_field(hc, host[i], i + 1 ==
			    sizeof(host) / sizeof(host[0]));
	}
}

static int
close_out(FILE *f, const char *path)
{
	if (f == NULL)
		return 0;
	if (f == stdout) {
		if (fflush(f) == EOF || ferror(f)) {
			warnx_("cannot write to standard output");
			return -1;
		}
		return 0;
	}
	if (ferror(f) | fclose(f)) {
		warnx_("cannot write %s", path);
		return -1;
	}
	return 0;
}

/* The fleet's part of the HTML report, then the page. */
static int
write_html(struct html *h, const struct audit *a)
{
	struct html_fleet fl;

	memset(&fl, 0, sizeof(fl));
	fl.run_id = a->run_id;
	fl.when = a->when;
	fl.ruleset = a->ruleset;
	fl.hosts = a->done;
	fl.clean = a->clean;
	fl.with_findings = a->with_findings;
	fl.with_errors = a->with_errors;
	fl.unreadable = a->unreadable;
	memcpy(fl.tally, a->tally, sizeof(fl.tally));
	fl.rules = a->rules;
	fl.rule_hosts = a->rule_hosts;
	fl.baseline = a->base != NULL;
	fl.n_new = a->n_new;
	fl.n_still = a->n_still;
	fl.n_resolved = a->n_resolved;
	fl.min_sev = a->min_sev;
	return html_close(h, &fl);
}

int
cmd_audit(int argc, char **argv)
{
	struct rule_opts opts;
	struct audit	 a;
	sf_rules	*rules = NULL;
	pthread_t	*tids = NULL;
	const char	*jsonl = NULL, *csv = NULL, *hosts_csv = NULL;
	const char	*baseline = NULL, *prog = "auto", *html = NULL;
	char		*end;
	long		 jobs = 0;
	size_t		 cap = 0, i, nt = 0;
	int		 c, rc = EXIT_TROUBLE, bom = 1, quiet = 0, bad = 0;
	struct tm	 tm;
	time_t		 now;

	memset(&opts, 0, sizeof(opts));
	memset(&a, 0, sizeof(a));
	pthread_mutex_init(&a.lock, NULL);
	pthread_cond_init(&a.cond, NULL);
	a.fail_on = SF_SEV_WARNING;
	a.min_sev = SF_SEV_INFO;
	a.format = "summary";
	optind = 1;
	opterr = 0;
	if ((rc = exact_options(argc, argv, "j:", longopts, usage)) != 0)
		goto done;
	rc = EXIT_TROUBLE;
	while ((c = getopt_long(argc, argv, ":j:", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			errno = 0;
			jobs = strtol(optarg, &end, 10);
			if (errno || *end != '\0' || jobs < 1 || jobs > 1024) {
				rc = usage_error(usage, "-j takes a number of "
				    "hosts from 1 to 1024, not '%s'", optarg);
				goto done;
			}
			break;
		case O_RULES:
			rule_opts_add(&opts.files, &opts.nfiles, optarg);
			break;
		case O_NODEF:
			opts.no_defaults = 1;
			break;
		case O_DISABLE:
			if (each_csv(optarg, rule_opts_disable, &opts) == -1) {
				rc = usage_error(usage, NULL);
				goto done;
			}
			break;
		case O_SITE:
			rule_opts_add(&opts.sites, &opts.nsites, optarg);
			break;
		case O_FORMAT:
			a.format = optarg;
			if (strcmp(optarg, "summary") && strcmp(optarg, "jsonl")
			    && strcmp(optarg, "csv") && strcmp(optarg,
			    "nagios")) {
				rc = usage_error(usage, "unknown format '%s'",
				    optarg);
				goto done;
			}
			break;
		case O_FAILON:
			if (strcmp(optarg, "none") == 0)
				a.fail_none = 1;
			else if (sf_severity_parse(optarg, &a.fail_on) == -1) {
				rc = usage_error(usage, "--fail-on takes error, "
				    "warning, info or none, not '%s'", optarg);
				goto done;
			}
			break;
		case O_MINSEV:
			if (sf_severity_parse(optarg, &a.min_sev) == -1) {
				rc = usage_error(usage, "--min-severity takes "
				    "error, warning or info, not '%s'", optarg);
				goto done;
			}
			break;
		case O_ALLCS:
			a.so.all_control_sets = 1;
			break;
		case O_JSONL:
			jsonl = optarg;
			break;
		case O_CSV:
			csv = optarg;
			break;
		case O_HOSTSCSV:
			hosts_csv = optarg;
			break;
		case O_BOM:
			bom = 1;
			break;
		case O_NOBOM:
			bom = 0;
			break;
		case O_BASELINE:
			baseline = optarg;
			break;
		case O_QUIET:
			quiet = 1;
			break;
		case O_PROGRESS:
			prog = optarg;
			if (strcmp(prog, "auto") && strcmp(prog, "always") &&
			    strcmp(prog, "never")) {
				rc = usage_error(usage, "--progress takes auto, "
				    "always or never, not '%s'", prog);
				goto done;
			}
			break;
		case O_HTML:
			html = optarg;
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
	if (argc == 0) {
		rc = usage_error(usage, "give host folders, a folder of them, "
		    "or a list (- for standard input)");
		goto done;
	}
	/* Standard output carries one format; a file option naming "-"
	 * would mix two. */
	if ((jsonl && !strcmp(jsonl, "-")) || (csv && !strcmp(csv, "-")) ||
	    (hosts_csv && !strcmp(hosts_csv, "-")) ||
	    (html && !strcmp(html, "-"))) {
		rc = usage_error(usage, "write to standard output with "
		    "--format; --jsonl, --csv, --hosts-csv and --html take "
		    "files");
		goto done;
	}
	for (i = 0; i < (size_t)argc; i++)
		if (add_path(&a, &cap, argv[i]) == -1)
			bad = 1;
	if (bad)
		goto done;
	if (a.nhosts == 0) {
		warnx_("no host folders given: the lists are empty");
		goto done;
	}
	if ((rules = load_rules(&opts, &c)) == NULL)
		goto done;
	a.rules = rules;
	if ((a.rule_hosts = calloc(sf_rules_count(rules) + 1,
	    sizeof(*a.rule_hosts))) == NULL || (a.names = nameset_new()) ==
	    NULL) {
		warnx_("out of memory");
		goto done;
	}
	if (baseline != NULL && (a.base = baseline_load(baseline)) == NULL)
		goto done;
	make_run_id(a.run_id, sizeof(a.run_id));
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(a.when, sizeof(a.when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	ruleset_version(rules, a.ruleset, sizeof(a.ruleset));

	if (strcmp(a.format, "jsonl") == 0)
		a.out_jsonl = stdout;
	else if (jsonl != NULL && (a.out_jsonl = open_out(jsonl, 0)) == NULL)
		goto done;
	if (strcmp(a.format, "csv") == 0)
		a.out_csv = open_out("-", bom);
	else if (csv != NULL && (a.out_csv = open_out(csv, bom)) == NULL)
		goto done;
	if (hosts_csv != NULL && (a.out_hosts = open_out(hosts_csv, bom)) ==
	    NULL)
		goto done;
	csv_headers(a.out_csv, a.out_hosts);
	if (html != NULL && (a.html = html_new(html)) == NULL)
		goto done;

	a.progress = strcmp(prog, "always") == 0 ||
	    (strcmp(prog, "auto") == 0 && isatty(STDERR_FILENO));
	clock_gettime(CLOCK_MONOTONIC, &a.t0);
	if (jobs == 0) {
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
		if (jobs < 1)
			jobs = 1;
	}
	if ((size_t)jobs > a.nhosts)
		jobs = (long)a.nhosts;
	a.window = 4 * (size_t)(jobs > 0 ? jobs : 1);
	if ((a.pending = calloc(a.window, sizeof(*a.pending))) == NULL ||
	    (a.parked = calloc(a.window, 1)) == NULL) {
		warnx_("out of memory");
		goto done;
	}
	if (jobs <= 1)
		worker(&a);
	else {
		if ((tids = calloc((size_t)jobs, sizeof(*tids))) == NULL) {
			warnx_("out of memory");
			goto done;
		}
		/*
		 * Every worker is a thread of its own, and this one only
		 * waits: its heap, laid out for huge pages (tune_malloc() in
		 * main.c), would round what the scans use up to 2 MiB pages,
		 * and it holds the host list for the whole run.  Scanning
		 * here was measured: the peak over 10,000 hosts grew from
		 * 11.6-12.1 MB to 12.1-12.9 MB.
		 */
		for (nt = 0; nt < (size_t)jobs; nt++)
			if (pthread_create(&tids[nt], NULL, worker, &a) != 0)
				break;
		if (nt == 0)
			worker(&a);	/* no thread: do it here */
		for (i = 0; i < nt; i++)
			pthread_join(tids[i], NULL);
	}
	progress(&a, 1);
	if (a.base != NULL)
		a.n_resolved = baseline_resolved(a.base, &a, a.out_jsonl,
		    a.out_csv);
	if (a.base != NULL) {
		a.n_new = baseline_count(a.base, 0);
		a.n_still = baseline_count(a.base, 1);
	}

	if (a.fail_none)
		rc = EXIT_CLEAN;
	else {
		rc = EXIT_CLEAN;
		for (i = a.fail_on; i <= SF_SEV_ERROR; i++)
			if (a.tally[i] > 0)
				rc = EXIT_FOUND;
	}
	if (a.unreadable > 0)
		rc = EXIT_TROUBLE;
	if (strcmp(a.format, "nagios") == 0)
		rc = nagios(stdout, &a);
	else if (strcmp(a.format, "summary") == 0)
		summary(stdout, &a, quiet);
	if (a.html != NULL) {
		struct html *h = a.html;

		a.html = NULL;
		if (write_html(h, &a) == -1)
			rc = strcmp(a.format, "nagios") == 0 ? 3 : EXIT_TROUBLE;
	}
	if (a.write_failed)
		rc = EXIT_TROUBLE;
	if (close_out(a.out_jsonl, jsonl) == -1 ||
	    close_out(a.out_csv, csv) == -1 ||
	    close_out(a.out_hosts, hosts_csv) == -1 ||
	    close_out(stdout, NULL) == -1)
		rc = strcmp(a.format, "nagios") == 0 ? 3 : EXIT_TROUBLE;
	a.out_jsonl = a.out_csv = a.out_hosts = NULL;
done:
	for (i = 0; i < NSLOW; i++)
		free(a.slow[i].host);
	free(a.paths);
	free(a.path_at);
	free(tids);
	free(a.rule_hosts);
	nameset_free(a.names);
	baseline_free(a.base);
	html_free(a.html);
	if (a.out_jsonl != NULL && a.out_jsonl != stdout)
		fclose(a.out_jsonl);
	if (a.out_csv != NULL && a.out_csv != stdout)
		fclose(a.out_csv);
	if (a.out_hosts != NULL && a.out_hosts != stdout)
		fclose(a.out_hosts);
	pthread_mutex_destroy(&a.lock);
	pthread_cond_destroy(&a.cond);
	free(a.pending);
	free(a.parked);
	rule_opts_free(&opts);
	sf_rules_free(rules);
	return rc;
}
