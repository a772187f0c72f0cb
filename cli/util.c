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
 * Messages to the user.  Library error text can quote file names and
 * hive data, so it is escaped before it reaches the terminal.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>

#include "cli.h"

const char *progname = "spoolfix";
const char *host_override;
sf_severity min_severity = SF_SEV_INFO;

const char *
cli_host(const sf_machine *m)
{
	return host_override != NULL ? host_override : sf_machine_host(m);
}

int
listed(const sf_finding *x)
{
	return sf_finding_severity(x) >= min_severity;
}

/*
 * Memory ran out while a report was written: the helpers write what they
 * can (never the raw text) and note it here, and the command that wrote
 * the report then exits 2 saying it is incomplete (report_lost()).
 * Atomic: audit's threads write output too.
 */
static _Atomic int output_lost;

const char *
or_lost(const char *s)
{
	if (s != NULL)
		return s;
	output_lost = 1;
	return "";
}

void *
kept(void *s)
{
	if (s == NULL)
		output_lost = 1;
	return s;
}

int
report_lost(void)
{
	if (!output_lost)
		return 0;
	warnx_("out of memory while writing the output: it is incomplete");
	return 1;
}

/* s NULL is text the library could not keep (a backup's path that
 * memory could not copy): noted as lost, never dereferenced. */
void
put_safe(FILE *f, const char *s)
{
	char *e = s != NULL ? sf_escape_utf8(s, SF_ESC_TEXT) : NULL;

	fputs(or_lost(e), f);	/* never the raw text */
	free(e);
}

/*
 * One message line on stderr, escaped: the arguments quoted come from
 * the command line, file names and hives.  Whole, however long (a cut
 * could fall inside a UTF-8 sequence).
 */
static void
vwarnx(const char *fmt, va_list ap)
{
	va_list	 aq;
	char	*buf = NULL;
	int	 n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n >= 0 && (buf = malloc((size_t)n + 1)) != NULL)
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
	fprintf(stderr, "%s: ", progname);
	put_safe(stderr, buf != NULL ? buf : "?");	/* never raw */
	fputc('\n', stderr);
	free(buf);
}

void
warnx_(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

void
print_error(const sf_error *e)
{
	const char *advice = sf_error_advice(e);

	fprintf(stderr, "%s: ", progname);
	put_safe(stderr, sf_error_message(e));
	fputc('\n', stderr);
	if (advice[0] != '\0') {
		fprintf(stderr, "%s:   what to do: ", progname);
		put_safe(stderr, advice);
		fputc('\n', stderr);
	}
}

/*
 * Out of memory for the command's own small lists (the command line,
 * where the rules are), before any input is open or output written:
 * the run ends there, rather than going on as if an option or a
 * folder were not given.
 */
void
die_nomem(void)
{
	warnx_("out of memory");
	exit(EXIT_TROUBLE);
}

int
usage_error(const char *usage, const char *fmt, ...)
{
	va_list	ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vwarnx(fmt, ap);
		va_end(ap);
	}
	fprintf(stderr, "usage: %s\n", usage);
	fprintf(stderr, "Run '%s help' or see spoolfix(1) for details.\n",
	    progname);
	return EXIT_TROUBLE;
}

/*
 * Prints an input's error; 1 when it refuses the whole command line (a
 * hive given twice, a second --root): nothing more is read then.
 */
static int
input_failed(sf_error *e)
{
	int refused = sf_error_code(e) == SF_ERR_ARG;

	print_error(e);
	sf_error_free(e);
	return refused;
}

/*
 * getopt_long's own messages quote the argument raw, so the commands
 * set opterr to 0, give ":" first in the option string (a missing value
 * is then ':') and report here.  An unknown short option is in optopt;
 * for a long one getopt_long has stepped past the argument it rejected,
 * and optopt is the option's value when it was known but given a value.
 */
int
option_error(const char *usage, int c, char **argv)
{
	char		 opt[3] = { '-', (char)optopt, '\0' };
	const char	*arg = optopt != 0 && optopt < 256 ? opt :
	    optind > 0 ? argv[optind - 1] : "?";

	if (c == ':')
		return usage_error(usage, "option '%s' needs a value", arg);
	if (optopt >= 256)
		return usage_error(usage, "option '%s' takes no value", arg);
	return usage_error(usage, "unknown option '%s'", arg);
}

/*
 * getopt_long takes any unique prefix of a long option, so "scan --rule
 * X" silently meant --rules X.  A command calls this first: every long
 * option must be spelled out, and a prefix gets a usage error naming
 * what it would have meant.  Values of options are stepped over, and
 * "--" ends the options.
 */
int
exact_options(int argc, char **argv, const char *shortopts,
    const struct option *lo, const char *usage)
{
	const char	*a, *p;
	size_t		 n, i;
	int		 k, hit;

	for (k = 1; k < argc; k++) {
		a = argv[k];
		if (strcmp(a, "--") == 0)
			break;
		if (a[0] != '-' || a[1] == '\0')
			continue;
		if (a[1] != '-') {	/* -x or -xVALUE */
			p = strchr(shortopts, a[1]);
			if (p != NULL && p[1] == ':' && a[2] == '\0')
				k++;
			continue;
		}
		a += 2;
		n = strcspn(a, "=");
		hit = -1;
		for (i = 0; lo[i].name != NULL; i++)
			if (strlen(lo[i].name) == n &&
			    strncmp(lo[i].name, a, n) == 0)
				hit = (int)i;
		if (hit == -1) {
			for (i = 0; lo[i].name != NULL; i++)
				if (strncmp(lo[i].name, a, n) == 0)
					break;
			if (lo[i].name != NULL)
				return usage_error(usage, "unknown option "
				    "'--%.*s' (did you mean --%s?)", (int)n, a,
				    lo[i].name);
			continue;	/* getopt_long reports it */
		}
		if (lo[hit].has_arg == required_argument && a[n] == '\0')
			k++;
	}
	return 0;
}

/* One input's error: printed, or kept as the first reason. */
static int
input_error(sf_error *e, char **reason)
{
	int refused = sf_error_code(e) == SF_ERR_ARG;

	if (reason == NULL)
		return input_failed(e);
	if (*reason == NULL)
		*reason = strdup(sf_error_message(e));
	sf_error_free(e);
	return refused;
}

static int
add_inputs_to(sf_machine *m, const char **roots, size_t nroots,
    char **files, size_t nfiles, char **reason)
{
	sf_error	*e = NULL;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < nroots; i++)
		if (sf_machine_add_root(m, roots[i], &e) != SF_OK) {
			if (input_error(e, reason))
				return -2;
			e = NULL;
			rc = -1;
		}
	for (i = 0; i < nfiles; i++)
		if (sf_machine_add_file(m, files[i], SF_HIVE_UNKNOWN, NULL,
		    &e) != SF_OK) {
			if (input_error(e, reason))
				return -2;
			e = NULL;
			rc = -1;
		}
	return rc;
}

int
add_inputs(sf_machine *m, const char **roots, size_t nroots, char **files,
    size_t nfiles)
{
	return add_inputs_to(m, roots, nroots, files, nfiles, NULL);
}

int
add_inputs_quiet(sf_machine *m, const char **roots, size_t nroots,
    char **files, size_t nfiles, char **reason)
{
	return add_inputs_to(m, roots, nroots, files, nfiles, reason);
}

int
each_csv(const char *list, int (*fn)(void *, const char *), void *arg)
{
	char		 part[256];
	const char	*s;
	size_t		 n;
	int		 rc = 0;

	while (rc == 0 && *list != '\0') {
		s = strchr(list, ',');
		n = s != NULL ? (size_t)(s - list) : strlen(list);
		if (n >= sizeof(part))
			return -1;
		memcpy(part, list, n);
		part[n] = '\0';
		if (n > 0)
			rc = fn(arg, part);
		list += n + (s != NULL);
	}
	return rc;
}
