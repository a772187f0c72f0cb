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
 * Finding a machine's hives under a folder: a mounted Windows volume
 * (Windows/System32/config, Users/<name>/NTUSER.DAT, or the XP-era
 * "Documents and Settings") or a folder of collected hives (SYSTEM,
 * SOFTWARE and <name>/NTUSER.DAT side by side).  Windows names are
 * case-insensitive, and a volume mounted on Linux keeps whatever case
 * it was written with, so every component is matched ignoring case.
 */
#include <stdlib.h>
#include <string.h>

#include "machine/machine.h"

/*
 * The folders listed so far, each read once: the config folder is
 * searched for SYSTEM, SOFTWARE and DEFAULT, and the root for Users,
 * Documents and Settings and the profiles, so without this an audit
 * read the same folders 13 times a host.  It also gives one answer per
 * folder for the whole search, should the folder change meanwhile.
 */
typedef struct listed {
	char	 *dir;
	char	**names;
	size_t	  n;
	int	  ok;		/* 0: could not be listed */
} listed;

typedef struct finder {
	listed	*l;
	size_t	 n, cap;
} finder;

static void
finder_free(finder *fd)
{
	size_t i, j;

	for (i = 0; i < fd->n; i++) {
		for (j = 0; j < fd->l[i].n; j++)
			free(fd->l[i].names[j]);
		free(fd->l[i].names);
		free(fd->l[i].dir);
	}
	free(fd->l);
	memset(fd, 0, sizeof(*fd));
}

/*
 * A folder's entries, owned by the finder; NULL and none when it cannot
 * be listed, and *oom set when that was for want of memory.  Throughout
 * this file NULL is "not there", and *oom tells the caller that it may
 * not be so: a machine is never read as having no SYSTEM hive because
 * memory ran out while its folders were searched.
 */
/* The finder's listing of 'dir', or NULL when it has none yet. */
static listed *
listed_of(finder *fd, const char *dir)
{
	size_t i;

	for (i = 0; i < fd->n; i++)
		if (strcmp(fd->l[i].dir, dir) == 0)
			return &fd->l[i];
	return NULL;
}

static char **
list_dir(finder *fd, const char *dir, size_t *n, int *oom)
{
	listed		*l;
	sf_error	*e = NULL;

	*n = 0;
	if (dir == NULL)
		return NULL;
	if ((l = listed_of(fd, dir)) != NULL) {
		*n = l->n;
		return l->ok ? l->names : NULL;
	}
	if (fd->n == fd->cap) {
		size_t	 cap = fd->cap ? 2 * fd->cap : 8;
		listed	*nl = sf_reallocarray(fd->l, cap, sizeof(*nl));

		if (nl == NULL) {
			*oom = 1;
			return NULL;
		}
		fd->l = nl;
		fd->cap = cap;
	}
	l = &fd->l[fd->n];
	memset(l, 0, sizeof(*l));
	if ((l->dir = sf_strdup(dir)) == NULL) {
		*oom = 1;
		return NULL;
	}
	if (sf_dir_list(dir, &l->names, &l->n, &e) != SF_OK) {
		if (sf_error_code(e) == SF_ERR_NOMEM) {
			/* Not kept: not knowing is not "not there". */
			*oom = 1;
			sf_error_free(e);
			free(l->dir);
			return NULL;
		}
		sf_error_free(e);
		l->names = NULL;
		l->n = 0;
	} else
		l->ok = 1;
	fd->n++;
	*n = l->n;
	return l->ok ? l->names : NULL;
}

static char *
join(const char *dir, const char *name, int *oom)
{
	char *p = sf_path_join(dir, name);

	if (p == NULL)
		*oom = 1;
	return p;
}

/* The entry of 'dir' equal to 'name' ignoring case, joined; or NULL. */
static char *
find_ci(finder *fd, const char *dir, const char *name, int *oom)
{
	char	**names;
	size_t	  n, i;

	if ((names = list_dir(fd, dir, &n, oom)) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		if (sf_ascii_caseeq(names[i], name))
			return join(dir, names[i], oom);
	return NULL;
}

/*
 * find_ci for a folder searched once (a profile): one already listed is
 * read from the finder, any other is listed and forgotten, so that the
 * thousands of profiles of a terminal server do not make every later
 * search look through them.
 */
static char *
find_ci_once(finder *fd, const char *dir, const char *name, int *oom)
{
	finder	 once;
	char	*hit;

	if (dir == NULL || listed_of(fd, dir) != NULL)
		return find_ci(fd, dir, name, oom);
	memset(&once, 0, sizeof(once));
	hit = find_ci(&once, dir, name, oom);
	finder_free(&once);
	return hit;
}

/* Follows a '/'-separated relative path ignoring case. */
static char *
find_path_ci(finder *fd, const char *dir, const char *rel, int *oom)
{
	char	*cur, *next, part[64];
	size_t	 n;

	if ((cur = sf_strdup(dir)) == NULL) {
		*oom = 1;
		return NULL;
	}
	while (*rel != '\0' && cur != NULL) {
		n = strcspn(rel, "/");
		if (n >= sizeof(part)) {
			free(cur);
			return NULL;
		}
		memcpy(part, rel, n);
		part[n] = '\0';
		next = find_ci(fd, cur, part, oom);
		free(cur);
		cur = next;
		rel += n;
		if (*rel == '/')
			rel++;
	}
	return cur;
}

static sf_status
add_found(sf_machine *m, char *path, const char *profile, int *found,
    sf_error **first)
{
	sf_error	*e = NULL;
	int		 skipped;

	if (path == NULL || !sf_is_file(path)) {
		free(path);
		return SF_OK;
	}
	if (machine_add_found(m, path, profile, &skipped, &e) != SF_OK) {
		/* A refusal (a hive given twice) stops the command: keep it. */
		if (*first == NULL || (sf_error_code(e) == SF_ERR_ARG &&
		    sf_error_code(*first) != SF_ERR_ARG)) {
			sf_error_free(*first);
			*first = e;
		} else
			sf_error_free(e);
	}
	*found += !skipped;
	free(path);
	return SF_OK;
}

/* The config folder: the first candidate holding SYSTEM or SOFTWARE. */
static char *
config_dir(finder *fd, const char *root, int *oom)
{
	static const char *const cand[] = {
		"Windows/System32/config", "WINNT/System32/config",
		"System32/config", "config", ""
	};
	char	*d, *f;
	size_t	 i;

	for (i = 0; i < sizeof(cand) / sizeof(cand[0]); i++) {
		d = cand[i][0] ? find_path_ci(fd, root, cand[i], oom) :
		    sf_strdup(root);
		if (d == NULL && cand[i][0] == '\0')
			*oom = 1;
		if (*oom) {
			free(d);
			return NULL;
		}
		if (d == NULL || !sf_is_dir(d)) {
			free(d);
			continue;
		}
		if ((f = find_ci(fd, d, "SYSTEM", oom)) != NULL ||
		    (f = find_ci(fd, d, "SOFTWARE", oom)) != NULL) {
			free(f);
			return d;
		}
		free(d);
	}
	return NULL;
}

/* Each subfolder of 'dir' with an NTUSER.DAT is one user profile. */
static void
add_profiles(sf_machine *m, finder *fd, const char *dir, int *found,
    sf_error **first, int *oom)
{
	char	**names, *sub;
	size_t	  n, i;

	/* The names stay where they are as the finder grows. */
	if ((names = list_dir(fd, dir, &n, oom)) == NULL)
		return;
	for (i = 0; i < n && !*oom; i++) {
		if ((sub = join(dir, names[i], oom)) != NULL &&
		    sf_is_dir(sub))
			add_found(m, find_ci_once(fd, sub, "NTUSER.DAT",
			    oom), names[i], found, first);
		free(sub);
	}
}

sf_status
sf_machine_add_root(sf_machine *m, const char *root, sf_error **errp)
{
	sf_error *first = NULL;
	finder	  fd;
	char	 *cfg, *users;
	int	  found = 0, oom = 0;

	/*
	 * One machine per view: the hives of a second folder would be
	 * reported under the first one's host name.
	 */
	if (m->root != NULL)
		return sf_err(errp, SF_ERR_ARG, "scan one machine per command: "
		    "run one spoolfix command per --root folder",
		    "%s: a second machine folder (the first is %s)", root,
		    m->root);
	if (!sf_is_dir(root))
		return sf_err(errp, SF_ERR_NOTFOUND,
		    "give the folder where the Windows volume is mounted",
		    "%s is not a folder", root);
	if ((m->root = sf_strdup(root)) == NULL)
		return sf_err_nomem(errp);
	memset(&fd, 0, sizeof(fd));
	cfg = config_dir(&fd, root, &oom);
	if (cfg != NULL) {
		add_found(m, find_ci(&fd, cfg, "SYSTEM", &oom), NULL, &found,
		    &first);
		add_found(m, find_ci(&fd, cfg, "SOFTWARE", &oom), NULL, &found,
		    &first);
		add_found(m, find_ci(&fd, cfg, "DEFAULT", &oom), NULL, &found,
		    &first);
		free(cfg);
	}
	if (!oom && ((users = find_ci(&fd, root, "Users", &oom)) != NULL ||
	    (users = find_ci(&fd, root, "Documents and Settings", &oom)) !=
	    NULL)) {
		add_profiles(m, &fd, users, &found, &first, &oom);
		free(users);
	} else if (!oom)
		add_profiles(m, &fd, root, &found, &first, &oom);
	finder_free(&fd);
	if (oom) {
		sf_error_free(first);
		return sf_err_nomem(errp);
	}
	if (found == 0)
		return sf_err(errp, SF_ERR_NOTFOUND,
		    "expected Windows/System32/config/SYSTEM, SOFTWARE or "
		    "Users/<name>/NTUSER.DAT below it",
		    "no registry hives found under %s", root);
	if (first != NULL) {
		sf_status rc = sf_error_code(first);

		if (errp != NULL)
			*errp = first;
		else
			sf_error_free(first);
		return rc;
	}
	return SF_OK;
}
