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
#ifdef __linux__
#define _DEFAULT_SOURCE		/* madvise(MADV_HUGEPAGE) */
#endif

#include <sys/mman.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <dirent.h>
#include <pthread.h>
#include <time.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/internal.h"
#include "base/platform.h"

sf_status
sf_file_read(const char *path, size_t max, sf_filedata *fd, sf_error **errp)
{
	return sf_file_read_as(path, max, "hive", fd, errp);
}

sf_status
sf_file_read_as(const char *path, size_t max, const char *what,
    sf_filedata *fd, sf_error **errp)
{
	char		 advice[128];
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
		snprintf(advice, sizeof(advice), "give the path of a %s",
		    what);
		return sf_err(errp, SF_ERR_IO, advice,
		    "%s is not a regular file", path);
	}
	if ((uintmax_t)st.st_size > (uintmax_t)max) {
		close(f);
		snprintf(advice, sizeof(advice), "a %s is far smaller; check "
		    "that this is the file you meant", what);
		return sf_err(errp, SF_ERR_FORMAT, advice,
		    "%s is too large to be a %s (%jd bytes; the limit is %zu "
		    "bytes)", path, what, (intmax_t)st.st_size, max);
	}
	/* A log of megabytes is read whole: on large pages (platform.h). */
	if ((p = sf_alloc_large((size_t)st.st_size + 1, 0)) == NULL) {
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

struct sf_file {
	int	 fd;
	char	*path;
};

sf_status
sf_file_open(const char *path, sf_file **fp, uint64_t *size, sf_error **errp)
{
	struct stat	 st;
	sf_file		*f;
	int		 fd;

	*fp = NULL;
	*size = 0;
	if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1)
		return sf_err(errp, SF_ERR_IO,
		    "check the path and that you may read the file",
		    "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return sf_err(errp, SF_ERR_IO, "give the path of a hive file",
		    "%s is not a regular file", path);
	}
	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->path = sf_strdup(path)) == NULL) {
		free(f);
		close(fd);
		return sf_err_nomem(errp);
	}
	f->fd = fd;
	*fp = f;
	*size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
	return SF_OK;
}

sf_status
sf_file_pread(sf_file *f, uint64_t off, void *buf, size_t n, size_t *got,
    sf_error **errp)
{
	uint8_t	*p = buf;
	ssize_t	 r;

	*got = 0;
	while (*got < n) {
		r = pread(f->fd, p + *got, n - *got, (off_t)(off + *got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return sf_err(errp, SF_ERR_IO, NULL,
			    "cannot read %s: %s", f->path, strerror(errno));
		if (r == 0)
			break;	/* shrank while reading: use what is there */
		*got += (size_t)r;
	}
	return SF_OK;
}

void
sf_file_close(sf_file *f)
{
	if (f == NULL)
		return;
	close(f->fd);
	free(f->path);
	free(f);
}

int
sf_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void *
sf_alloc_large(size_t n, int zero)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
	const size_t	 huge = (size_t)2 * 1024 * 1024;
	size_t		 round;
	void		*p;

	if (n >= huge && n <= SIZE_MAX - huge) {
		round = (n + huge - 1) & ~(huge - 1);
		if (posix_memalign(&p, huge, round) != 0)
			return NULL;
		/* A hint: nothing changes when the system ignores it. */
		(void)madvise(p, round, MADV_HUGEPAGE);
		return zero ? memset(p, 0, n) : p;
	}
#endif
	return zero ? calloc(1, n > 0 ? n : 1) : malloc(n > 0 ? n : 1);
}

unsigned
sf_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 1 ? (unsigned)n : 1;
}

struct sf_thread {
	pthread_t	  id;
	void		(*fn)(void *);
	void		 *arg;
};

static void *
thread_main(void *arg)
{
	sf_thread *t = arg;

	t->fn(t->arg);
	return NULL;
}

int
sf_thread_start(sf_thread **tp, void (*fn)(void *), void *arg)
{
	sf_thread *t;

	*tp = NULL;
	if ((t = malloc(sizeof(*t))) == NULL)
		return -1;
	t->fn = fn;
	t->arg = arg;
	if (pthread_create(&t->id, NULL, thread_main, t) != 0) {
		free(t);
		return -1;
	}
	*tp = t;
	return 0;
}

void
sf_thread_join(sf_thread *t)
{
	if (t == NULL)
		return;
	pthread_join(t->id, NULL);
	free(t);
}

int
sf_is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
sf_file_identity(const char *path, sf_file_id *id)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return -1;
	id->dev = (uint64_t)st.st_dev;
	id->ino = (uint64_t)st.st_ino;
	return 0;
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
		return errno == ENOMEM ? sf_err_nomem(errp) : sf_err(errp,
		    SF_ERR_IO, NULL, "cannot list %s: %s", path,
		    strerror(errno));
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

/* ---- writing safely ---- */

static sf_status
io_error(sf_error **errp, int e, const char *what, const char *path)
{
	return sf_err(errp, e == EWOULDBLOCK || e == EAGAIN ? SF_ERR_LOCKED :
	    SF_ERR_IO, e == ENOSPC ? "free space on that file system and run "
	    "again; nothing was changed" : e == EACCES || e == EPERM ||
	    e == EROFS ? "run with write permission on that folder (and a "
	    "writable file system); nothing was changed" : NULL,
	    "cannot %s %s: %s", what, path, strerror(e));
}

static int
write_all(int fd, const void *data, size_t n)
{
	const char	*p = data;
	ssize_t		 w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

sf_status
sf_file_write_new(const char *path, const void *data, size_t n,
    sf_error **errp)
{
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0600)) == -1)
		return io_error(errp, errno, "create", path);
	if (write_all(fd, data, n) == -1 || fsync(fd) == -1) {
		e = errno;
		close(fd);
		unlink(path);
		return io_error(errp, e, "write", path);
	}
	if (close(fd) == -1) {
		e = errno;
		unlink(path);
		return io_error(errp, e, "write", path);
	}
	return SF_OK;
}

sf_status
sf_file_write_temp(const char *path, const void *data, size_t n,
    sf_error **errp)
{
	int fd, e;

	if ((fd = open(path, O_WRONLY | O_TRUNC | O_NOFOLLOW)) == -1)
		return io_error(errp, errno, "open", path);
	if (write_all(fd, data, n) == -1) {
		e = errno;
		close(fd);
		return io_error(errp, e, "write", path);
	}
	if (close(fd) == -1)
		return io_error(errp, errno, "write", path);
	return SF_OK;
}

sf_status
sf_file_temp(const char *dir, const char *prefix, char **path,
    sf_error **errp)
{
	sf_buf	 b;
	char	*p;
	int	 fd;

	sf_buf_init(&b);
	sf_buf_printf(&b, "%s/%s.XXXXXX", dir, prefix);
	if ((p = sf_buf_take(&b)) == NULL)
		return sf_err_nomem(errp);
	if ((fd = mkstemp(p)) == -1) {
		sf_status rc = io_error(errp, errno, "create a temporary file "
		    "in", dir);

		free(p);
		return rc;
	}
	close(fd);
	*path = p;
	return SF_OK;
}

sf_status
sf_file_sync(const char *path, sf_error **errp)
{
	int fd, e;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) == -1)
		return io_error(errp, errno, "open", path);
	if (fsync(fd) == -1) {
		e = errno;
		close(fd);
		return io_error(errp, e, "flush", path);
	}
	close(fd);
	return SF_OK;
}

sf_status
sf_dir_sync(const char *dir, sf_error **errp)
{
	int fd, e;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) == -1)
		return io_error(errp, errno, "open the folder", dir);
	if (fsync(fd) == -1 && errno != EINVAL) {
		e = errno;
		close(fd);
		return io_error(errp, e, "flush the folder", dir);
	}
	close(fd);
	return SF_OK;
}

sf_status
sf_file_copy_mode(const char *from, const char *to, sf_error **errp)
{
	struct stat st;

	if (stat(from, &st) == -1)
		return io_error(errp, errno, "read the permissions of", from);
	if (chmod(to, st.st_mode & 07777) == -1)
		return io_error(errp, errno, "set the permissions of", to);
	/* Only root can give a file away; others keep their own. */
	if (geteuid() == 0 && chown(to, st.st_uid, st.st_gid) == -1)
		return io_error(errp, errno, "set the owner of", to);
	return SF_OK;
}

int
sf_file_writable(const char *path)
{
	struct stat st;

	if (stat(path, &st) == -1)
		return 0;
	/* Root may write anything: honour the mode bits as the owner meant. */
	return (st.st_mode & 0222) != 0 && access(path, W_OK) == 0;
}

int
sf_dir_writable(const char *dir)
{
	/* The effective ids, as used when the files are created. */
	return faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;
}

void
sf_remove_stale(const char *dir, const char *prefix)
{
	char	**names = NULL, *p;
	size_t	  n = 0, i, len = strlen(prefix);

	if (sf_dir_list(dir, &names, &n, NULL) != SF_OK)
		return;
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], prefix, len) == 0 &&
		    (p = sf_path_join(dir, names[i])) != NULL) {
			unlink(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

sf_status
sf_file_rename(const char *from, const char *to, sf_error **errp)
{
	if (rename(from, to) == -1)
		return io_error(errp, errno, "replace", to);
	return SF_OK;
}

void
sf_file_remove(const char *path)
{
	if (path != NULL)
		unlink(path);
}

sf_status
sf_dir_make(const char *dir, sf_error **errp)
{
	char	*p, *s;

	if (sf_is_dir(dir))
		return SF_OK;
	if ((p = sf_strdup(dir)) == NULL)
		return sf_err_nomem(errp);
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) == -1 && errno != EEXIST) {
			sf_status rc = io_error(errp, errno, "create the folder",
			    p);

			free(p);
			return rc;
		}
		*s = '/';
	}
	free(p);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return io_error(errp, errno, "create the folder", dir);
	return SF_OK;
}

struct sf_lock {
	int	 fd;
	char	*path;
};

sf_status
sf_lock_take(const char *path, sf_lock **lp, sf_error **errp)
{
	struct flock	 fl;
	struct stat	 a, b;
	sf_lock		*l;
	int		 fd, tries;

	for (tries = 0; tries < 8; tries++) {
		if ((fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW, 0600)) ==
		    -1)
			return io_error(errp, errno, "create the lock file",
			    path);
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_SETLK, &fl) == -1) {
			int e = errno;

			close(fd);
			if (e == EACCES || e == EAGAIN)
				return sf_err(errp, SF_ERR_LOCKED,
				    "wait for the other spoolfix to finish; a "
				    "lock held by a killed process is released "
				    "by the system", "%s is locked by another "
				    "spoolfix repair", path);
			return io_error(errp, e, "lock", path);
		}
		/* A holder may have removed the file meanwhile: retry. */
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		    a.st_ino == b.st_ino && a.st_dev == b.st_dev)
			break;
		close(fd);
		fd = -1;
	}
	if (fd == -1)
		return sf_err(errp, SF_ERR_LOCKED, NULL, "cannot lock %s", path);
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (l->path = sf_strdup(path)) == NULL) {
		free(l);
		unlink(path);	/* ours while held, as sf_lock_release */
		close(fd);
		return sf_err_nomem(errp);
	}
	l->fd = fd;
	*lp = l;
	return SF_OK;
}

void
sf_lock_release(sf_lock *l)
{
	if (l == NULL)
		return;
	unlink(l->path);	/* while held, so no one else can own it */
	close(l->fd);
	free(l->path);
	free(l);
}

char *
sf_timestamp(void)
{
	char		 s[32];
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(s, sizeof(s), "%Y%m%dT%H%M%SZ", &tm) == 0)
		return sf_strdup("00000000T000000Z");
	return sf_strdup(s);
}

/*
 * SPOOLFIX_TEST_FILETIME fixes the clock of written hives, so that the
 * crash tests can compare repairs made at different moments byte for
 * byte.
 */
uint64_t
sf_filetime_now(void)
{
	const char	*t = getenv("SPOOLFIX_TEST_FILETIME");

	if (t != NULL && *t != '\0')
		return strtoull(t, NULL, 10);
	return ((uint64_t)time(NULL) + 11644473600ULL) * 10000000ULL;
}

sf_status
sf_step(const char *step, const char *path, sf_error **errp)
{
	const char	*f = getenv("SPOOLFIX_TEST_FAULT");
	const char	*d = getenv("SPOOLFIX_TEST_DELAY_MS");
	size_t		 n = strlen(step);
	struct timespec	 ts;
	long		 ms;

	if (d != NULL && (ms = strtol(d, NULL, 10)) > 0) {
		ts.tv_sec = ms / 1000;
		ts.tv_nsec = (ms % 1000) * 1000000L;
		nanosleep(&ts, NULL);
	}
	if (f == NULL || strncmp(f, step, n) != 0 || (f[n] != '\0' &&
	    f[n] != ':' && f[n] != '@'))
		return SF_OK;
	/* STEP@TEXT: only where the path holds TEXT (one hive of several). */
	if (strchr(f, '@') != NULL && (path == NULL ||
	    strstr(path, strchr(f, '@') + 1) == NULL))
		return SF_OK;
	return io_error(errp, strncmp(f + n, ":EIO", 4) == 0 ? EIO : ENOSPC,
	    step, path != NULL ? path : "(injected fault)");
}

