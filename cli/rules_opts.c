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
/* realpath(3) is XSI: glibc hides it under plain _POSIX_C_SOURCE. */
#define _XOPEN_SOURCE 700

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef SF_RULESDIR
#ifdef _WIN32
/*
 * Windows has no folder that only administrators can create below a
 * well-known name (users may make folders in C:\ProgramData), so the
 * rules are read only from beside spoolfix.exe: the folder it was
 * installed to, which the installer's ACLs protect.
 */
#define SF_RULESDIR ""
#else
#define SF_RULESDIR "/usr/local/share/spoolfix/rules"
#endif
#endif

extern const char *argv0;

int
rule_opts_add(const char ***v, size_t *n, const char *s)
{
	const char **nv;

	if ((nv = realloc(*v, (*n + 1) * sizeof(*nv))) == NULL)
		die_nomem();
	nv[(*n)++] = s;
	*v = nv;
	return 0;
}

/* Adds a copy of id to a list the rule options own. */
static int
add_copy(const char ***v, size_t *n, const char *id)
{
	char *c = strdup(id);

	if (c == NULL)
		die_nomem();
	return rule_opts_add(v, n, c);
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
#ifdef _WIN32
	return *p != '\0' && win32_is_dir(p);
#else
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
#endif
}

/*
 * rules/ in the folder of the program file itself, with symbolic links
 * resolved (so a link to a build tree's spoolfix finds that tree's
 * rules), or NULL.  /proc/self/exe names the file that runs; argv[0]
 * is the fallback where /proc is not mounted.  Worked out once.
 */
static const char *
beside_program(void)
{
	static char	*dir;
	char		*p, *slash;
	size_t		 n;

	if (dir != NULL)
		return dir;
#ifdef _WIN32
	p = win32_program_path();	/* GetModuleFileNameW, '\\' made '/' */
#else
	p = realpath("/proc/self/exe", NULL);
	if (p == NULL && argv0 != NULL && strchr(argv0, '/') != NULL)
		p = realpath(argv0, NULL);
#endif
	if (p == NULL || (slash = strrchr(p, '/')) == NULL) {
		free(p);
		return NULL;
	}
	n = (size_t)(slash - p);
	if ((dir = malloc(n + sizeof("/rules"))) == NULL)
		die_nomem();
	memcpy(dir, p, n);
	memcpy(dir + n, "/rules", sizeof("/rules"));
	free(p);
	return dir;
}

/*
 * Where the shipped rules are: SPOOLFIX_RULES_DIR, else the folder
 * fixed at build time (RULESDIR), else rules/ beside the program (so a
 * build tree works before "make install").  Never rules/ in the current
 * folder: repair runs as root, and a folder someone else controls must
 * not decide what it deletes.
 */
const char *
default_rules_dir(void)
{
	const char *env = getenv("SPOOLFIX_RULES_DIR"), *beside;

	if (env != NULL && *env != '\0')
		return env;
	if (is_dir(SF_RULESDIR))
		return SF_RULESDIR;
	if ((beside = beside_program()) != NULL && is_dir(beside))
		return beside;
	return NULL;
}

void
rules_search_help(FILE *f)
{
	fprintf(f, "The shipped rules are read from $SPOOLFIX_RULES_DIR when "
	    "it is set, else\nfrom %s, else from rules/ beside the "
	    "program file\n(a build tree; symbolic links resolved), never "
	    "from the current folder.\n", SF_RULESDIR);
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
	const char	*dir, *beside;
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
			beside = beside_program();
			warnx_("the shipped rules were not found: "
			    "SPOOLFIX_RULES_DIR is not set, and neither %s "
			    "nor %s beside the program is a folder",
			    SF_RULESDIR, beside != NULL ? beside : "rules/");
			warnx_("  what to do: install spoolfix again ('make "
			    "install' puts the rules in %s), set "
			    "SPOOLFIX_RULES_DIR to the folder of the rules, "
			    "or give --rules with --no-default-rules",
			    SF_RULESDIR);
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
		/* Errors in the rules are 1; out of memory is not one. */
		*failure = sf_error_code(e) == SF_ERR_NOMEM ? 2 : 1;
		sf_error_free(e);
		r = NULL;
	}
	sf_compiler_free(c);
	if (bad) {
		sf_rules_free(r);
		return NULL;
	}
	return r;
}
