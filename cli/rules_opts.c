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
 * Loading the rule set every command works with: the shipped rules
 * (unless --no-default-rules), then --rules files and folders in the
 * order given, then site files (--site), then --disable.  Compile
 * diagnostics are printed as file:line:col: message, all of them.
 */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef SF_RULESDIR
#define SF_RULESDIR "/usr/local/share/spoolfix/rules"
#endif

extern const char *argv0;

int
rule_opts_add(const char ***v, size_t *n, const char *s)
{
	const char **nv;

	if ((nv = realloc(*v, (*n + 1) * sizeof(*nv))) == NULL)
		return -1;
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

/* Adds a copy of id to a list the rule options own. */
static int
add_copy(const char ***v, size_t *n, const char *id)
{
	char *c = strdup(id);

	if (c == NULL || rule_opts_add(v, n, c) == -1) {
		free(c);
		return -1;
	}
	return 0;
}

int
rule_opts_disable(void *arg, const char *id)
{
	struct rule_opts *o = arg;

	return add_copy(&o->disable, &o->ndisable, id);
}

int
rule_opts_enable_fix(void *arg, const char *id)
{
	struct rule_opts *o = arg;

	return add_copy(&o->enable_fix, &o->nenable_fix, id);
}

void
rule_opts_free(struct rule_opts *o)
{
	size_t i;

	for (i = 0; i < o->ndisable; i++)
		free((char *)o->disable[i]);
	for (i = 0; i < o->nenable_fix; i++)
		free((char *)o->enable_fix[i]);
	free(o->files);
	free(o->sites);
	free(o->disable);
	free(o->enable_fix);
	memset(o, 0, sizeof(*o));
}

static int
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * SPOOLFIX_RULES_DIR, else the installed folder, else rules/ beside the
 * program (so a build tree works before "make install").
 */
const char *
default_rules_dir(void)
{
	static char	 beside[4096];
	const char	*env = getenv("SPOOLFIX_RULES_DIR"), *slash;

	if (env != NULL && *env != '\0')
		return env;
	if (is_dir(SF_RULESDIR))
		return SF_RULESDIR;
	if (argv0 != NULL && (slash = strrchr(argv0, '/')) != NULL &&
	    (size_t)(slash - argv0) + 7 < sizeof(beside)) {
		memcpy(beside, argv0, (size_t)(slash - argv0));
		strcpy(beside + (slash - argv0), "/rules");
		if (is_dir(beside))
			return beside;
	}
	if (is_dir("rules"))
		return "rules";
	return NULL;
}

static void
diag(void *arg, const char *file, unsigned line, unsigned col,
    const char *msg)
{
	(void)arg;
	put_safe(stderr, file);
	if (line > 0)
		fprintf(stderr, ":%u:%u", line, col);
	fputs(": ", stderr);
	put_safe(stderr, msg);
	fputc('\n', stderr);
}

static int
add_path(sf_compiler *c, const char *p)
{
	sf_error *e = NULL;
	sf_status rc;

	rc = is_dir(p) ? sf_compiler_add_dir(c, p, &e) :
	    sf_compiler_add_file(c, p, &e);
	if (rc != SF_OK) {
		print_error(e);
		sf_error_free(e);
		return -1;
	}
	return 0;
}

sf_rules *
load_rules(const struct rule_opts *o, int *failure)
{
	sf_compiler	*c = NULL;
	sf_rules	*r = NULL;
	sf_error	*e = NULL;
	const char	*dir;
	size_t		 i;
	int		 bad = 0;

	*failure = 2;
	if (sf_compiler_new(&c, &e) != SF_OK) {
		print_error(e);
		return NULL;
	}
	sf_compiler_set_diag(c, diag, NULL);
	if (!o->no_defaults) {
		if ((dir = default_rules_dir()) == NULL) {
			warnx_("the shipped rules were not found (looked in "
			    "$SPOOLFIX_RULES_DIR, %s, rules/ beside the "
			    "program and rules/ here)", SF_RULESDIR);
			warnx_("  what to do: run 'make install', set "
			    "SPOOLFIX_RULES_DIR, or give --rules with "
			    "--no-default-rules");
			sf_compiler_free(c);
			return NULL;
		}
		bad |= add_path(c, dir);
	}
	for (i = 0; i < o->nfiles; i++)
		bad |= add_path(c, o->files[i]);
	for (i = 0; i < o->nsites; i++)
		bad |= add_path(c, o->sites[i]);
	for (i = 0; i < o->ndisable && !bad; i++)
		sf_compiler_disable(c, o->disable[i], NULL);
	for (i = 0; i < o->nenable_fix && !bad; i++)
		sf_compiler_enable_optional(c, o->enable_fix[i], NULL);
	if (!bad && sf_compiler_finish(c, &r, &e) != SF_OK) {
		print_error(e);
		sf_error_free(e);
		r = NULL;
		*failure = 1;
	}
	sf_compiler_free(c);
	if (bad) {
		sf_rules_free(r);
		return NULL;
	}
	return r;
}
