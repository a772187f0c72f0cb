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
 * POSIX implementation of platform.h.  Files are read into memory
 * rather than mapped: a hive on a network share that shrinks while
 * mapped would kill the process with SIGBUS, and a scan must survive
 * whatever the fleet's storage does.
 */
#define _POSIX_C_SOURCE 200809L

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "platform.h"

sf_status
sf_file_read(const char *path, size_t max, sf_filedata *fd, sf_error **errp)
{
	struct stat	 st;
	uint8_t		*p;
	size_t		 off = 0;
	ssize_t		 n;
	int		 f;

	fd->data = NULL;
	fd->size = 0;
	if ((f = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return sf_err(errp, SF_ERR_IO,
		    "check the path and that you may read the file",
		    "cannot open %s: %s", path, strerror(errno));
	if (fstat(f, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(f);
		return sf_err(errp, SF_ERR_IO, "give the path of a hive file",
		    "%s is not a regular file", path);
	}
	if ((uintmax_t)st.st_size > (uintmax_t)max) {
		close(f);
		return sf_err(errp, SF_ERR_FORMAT,
		    "registry hives are far smaller; check the file",
		    "%s is too large to be a hive (%jd bytes)", path,
		    (intmax_t)st.st_size);
	}
	if ((p = malloc((size_t)st.st_size + 1)) == NULL) {
		close(f);
		return sf_err_nomem(errp);
	}
	while (off < (size_t)st.st_size) {
		n = read(f, p + off, (size_t)st.st_size - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			free(p);
			close(f);
			return sf_err(errp, SF_ERR_IO, NULL,
			    "cannot read %s: %s", path, strerror(errno));
		}
		if (n == 0)
			break;	/* shrank while reading: use what is there */
		off += (size_t)n;
	}
	close(f);
	fd->data = p;
	fd->size = off;
	return SF_OK;
}

void
sf_file_release(sf_filedata *fd)
{
	free(fd->data);
	fd->data = NULL;
	fd->size = 0;
}

int
sf_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
sf_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

sf_status
sf_dir_list(const char *path, char ***namesp, size_t *np, sf_error **errp)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL, **nn;
	size_t		 n = 0, cap = 0;

	*namesp = NULL;
	*np = 0;
	if ((d = opendir(path)) == NULL)
		return sf_err(errp, SF_ERR_IO, NULL, "cannot list %s: %s",
		    path, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nn = sf_reallocarray(names, cap, sizeof(*names));
			if (nn == NULL)
				goto nomem;
			names = nn;
		}
		if ((names[n] = sf_strdup(de->d_name)) == NULL)
			goto nomem;
		n++;
	}
	closedir(d);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	*namesp = names;
	*np = n;
	return SF_OK;
nomem:
	closedir(d);
	while (n > 0)
		free(names[--n]);
	free(names);
	return sf_err_nomem(errp);
}

char *
sf_path_join(const char *a, const char *b)
{
	sf_buf buf;

	sf_buf_init(&buf);
	sf_buf_adds(&buf, a);
	if (buf.len > 0 && buf.p[buf.len - 1] != '/')
		sf_buf_addc(&buf, '/');
	sf_buf_adds(&buf, b);
	return sf_buf_take(&buf);
}

const char *
sf_path_base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s != NULL ? s + 1 : p;
}

char *
sf_path_dir(const char *p)
{
	const char *s = strrchr(p, '/');

	if (s == NULL)
		return sf_strdup(".");
	if (s == p)
		return sf_strdup("/");
	return sf_strndup(p, (size_t)(s - p));
}
