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
 * Win32 implementation of platform.h (the Makefile's "windows" target
 * takes it instead of platform_posix.c).  Paths arrive as UTF-8 and go
 * to the wide (UTF-16) calls, so every name Windows allows works
 * whatever the code page; long absolute paths get the \\?\ prefix.
 * Files are read into memory, as on POSIX, and shared for reading,
 * writing and deletion so that a scan never blocks another program.
 * A replace is MoveFileExW with MOVEFILE_WRITE_THROUGH: it returns
 * only when the rename is on disk, which is what fsync of the folder
 * gives on POSIX (so sf_dir_sync has nothing left to do).
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "base/internal.h"
#include "base/platform.h"

/* Windows' own limit for a path without the \\?\ prefix. */
#define SHORT_PATH	240

/*
 * A UTF-8 path as UTF-16 for the wide calls; caller frees.  Paths
 * whose full form is longer than MAX_PATH are made full and given the
 * \\?\ prefix, which lifts the limit (and turns '/' into '\', which
 * \\?\ needs).
 */
static wchar_t *
wpath(const char *path)
{
	wchar_t	*w, *full;
	int	 n;
	DWORD	 m;

	n = MultiByteToWideChar(CP_UTF8, 0, path, -1, NULL, 0);
	if (n <= 0 || (w = calloc((size_t)n + 1, sizeof(*w))) == NULL)
		return NULL;
	if (MultiByteToWideChar(CP_UTF8, 0, path, -1, w, n) <= 0) {
		free(w);
		return NULL;
	}
	if (wcsncmp(w, L"\\\\?\\", 4) == 0)
		return w;
	/*
	 * The limit is on the full path: a short relative path in a deep
	 * working folder needs the prefix too.
	 */
	if ((m = GetFullPathNameW(w, 0, NULL, NULL)) == 0 ||
	    m < SHORT_PATH ||
	    (full = calloc((size_t)m + 8, sizeof(*full))) == NULL)
		return w;
	if (wcsncmp(w, L"\\\\", 2) == 0 || wcsncmp(w, L"//", 2) == 0) {
		/* \\server\share: \\?\UNC\server\share */
		wcscpy(full, L"\\\\?\\UNC");
		if (GetFullPathNameW(w, m, full + 7, NULL) == 0) {
			free(full);
			return w;
		}
		memmove(full + 7, full + 8, (wcslen(full + 8) + 1) *
		    sizeof(*full));
	} else {
		wcscpy(full, L"\\\\?\\");
		if (GetFullPathNameW(w, m, full + 4, NULL) == 0) {
			free(full);
			return w;
		}
	}
	free(w);
	return full;
}

/* UTF-16 (from Windows: file names, messages) as UTF-8; caller frees. */
static char *
utf8(const wchar_t *w)
{
	return sf_u16_to_utf8((const uint16_t *)w, wcslen(w));
}

/* The system's text for a Win32 error, without its final ".\r\n". */
static void
syserr(DWORD e, char *out, size_t len)
{
	wchar_t	 buf[512];
	char	*s;
	size_t	 n;

	if (FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM |
	    FORMAT_MESSAGE_IGNORE_INSERTS, NULL, e,
	    MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT), buf,
	    sizeof(buf) / sizeof(buf[0]), NULL) == 0 ||
	    (s = utf8(buf)) == NULL) {
		snprintf(out, len, "Windows error %lu", (unsigned long)e);
		return;
	}
	n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' ||
	    s[n - 1] == ' ' || s[n - 1] == '.'))
		s[--n] = '\0';
	snprintf(out, len, "%s (error %lu)", s, (unsigned long)e);
	free(s);
}

static sf_status
io_error(sf_error **errp, DWORD e, const char *what, const char *path)
{
	char msg[600];

	syserr(e, msg, sizeof(msg));
	return sf_err(errp, e == ERROR_LOCK_VIOLATION ||
	    e == ERROR_SHARING_VIOLATION ? SF_ERR_LOCKED : SF_ERR_IO,
	    e == ERROR_DISK_FULL || e == ERROR_HANDLE_DISK_FULL ? "free space "
	    "on that volume and run again; nothing was changed" :
	    e == ERROR_ACCESS_DENIED || e == ERROR_WRITE_PROTECT ? "run with "
	    "write permission on that folder (as an administrator for "
	    "system files); nothing was changed" :
	    e == ERROR_SHARING_VIOLATION ? "another program has the file "
	    "open (the running system's own hives cannot be repaired in "
	    "place: work on a copy taken with 'reg save')" : NULL,
	    "cannot %s %s: %s", what, path, msg);
}

static HANDLE
open_read(const char *path, DWORD *err)
{
	wchar_t	*w;
	HANDLE	 h;

	if ((w = wpath(path)) == NULL) {
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return INVALID_HANDLE_VALUE;
	}
	h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE |
	    FILE_SHARE_DELETE, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL,
	    NULL);
	*err = GetLastError();
	free(w);
	return h;
}

/* A regular disk file (not a folder, pipe or device), and its size. */
static int
regular(HANDLE h, uint64_t *size)
{
	BY_HANDLE_FILE_INFORMATION bi;

	if (GetFileType(h) != FILE_TYPE_DISK ||
	    !GetFileInformationByHandle(h, &bi) ||
	    (bi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY))
		return 0;
	*size = ((uint64_t)bi.nFileSizeHigh << 32) | bi.nFileSizeLow;
	return 1;
}

sf_status
sf_file_read(const char *path, size_t max, sf_filedata *fd, sf_error **errp)
{
	return sf_file_read_as(path, max, "hive", fd, errp);
}

sf_status
sf_file_read_as(const char *path, size_t max, const char *what,
    sf_filedata *fd, sf_error **errp)
{
	char		 advice[128], msg[600];
	uint64_t	 size;
	uint8_t		*p;
	size_t		 off = 0;
	DWORD		 e, n, want;
	HANDLE		 h;

	fd->data = NULL;
	fd->size = 0;
	if ((h = open_read(path, &e)) == INVALID_HANDLE_VALUE) {
		syserr(e, msg, sizeof(msg));
		return sf_err(errp, SF_ERR_IO,
		    "check the path and that you may read the file",
		    "cannot open %s: %s", path, msg);
	}
	if (!regular(h, &size)) {
		CloseHandle(h);
		snprintf(advice, sizeof(advice), "give the path of a %s",
		    what);
		return sf_err(errp, SF_ERR_IO, advice,
		    "%s is not a regular file", path);
	}
	if (size > (uint64_t)max) {
		CloseHandle(h);
		snprintf(advice, sizeof(advice), "a %s is far smaller; check "
		    "that this is the file you meant", what);
		return sf_err(errp, SF_ERR_FORMAT, advice,
		    "%s is too large to be a %s (%ju bytes; the limit is %zu "
		    "bytes)", path, what, (uintmax_t)size, max);
	}
	if ((p = malloc((size_t)size + 1)) == NULL) {
		CloseHandle(h);
		return sf_err_nomem(errp);
	}
	while (off < (size_t)size) {
		want = (size_t)size - off > 0x40000000 ? 0x40000000 :
		    (DWORD)((size_t)size - off);
		if (!ReadFile(h, p + off, want, &n, NULL)) {
			e = GetLastError();
			free(p);
			CloseHandle(h);
			return io_error(errp, e, "read", path);
		}
		if (n == 0)
			break;	/* shrank while reading: use what is there */
		off += n;
	}
	CloseHandle(h);
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
	HANDLE	 h;
	char	*path;
};

sf_status
sf_file_open(const char *path, sf_file **fp, uint64_t *size, sf_error **errp)
{
	char	 msg[600];
	sf_file	*f;
	DWORD	 e;
	HANDLE	 h;

	*fp = NULL;
	*size = 0;
	if ((h = open_read(path, &e)) == INVALID_HANDLE_VALUE) {
		syserr(e, msg, sizeof(msg));
		return sf_err(errp, SF_ERR_IO,
		    "check the path and that you may read the file",
		    "cannot open %s: %s", path, msg);
	}
	if (!regular(h, size)) {
		CloseHandle(h);
		*size = 0;
		return sf_err(errp, SF_ERR_IO, "give the path of a hive file",
		    "%s is not a regular file", path);
	}
	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (f->path = sf_strdup(path)) == NULL) {
		free(f);
		CloseHandle(h);
		return sf_err_nomem(errp);
	}
	f->h = h;
	*fp = f;
	return SF_OK;
}

sf_status
sf_file_pread(sf_file *f, uint64_t off, void *buf, size_t n, size_t *got,
    sf_error **errp)
{
	uint8_t		*p = buf;
	OVERLAPPED	 ov;
	DWORD		 r, want;

	*got = 0;
	while (*got < n) {
		memset(&ov, 0, sizeof(ov));
		ov.Offset = (DWORD)(off + *got);
		ov.OffsetHigh = (DWORD)((off + *got) >> 32);
		want = n - *got > 0x40000000 ? 0x40000000 :
		    (DWORD)(n - *got);
		if (!ReadFile(f->h, p + *got, want, &r, &ov)) {
			if (GetLastError() == ERROR_HANDLE_EOF)
				break;
			return io_error(errp, GetLastError(), "read",
			    f->path);
		}
		if (r == 0)
			break;	/* shrank while reading: use what is there */
		*got += r;
	}
	return SF_OK;
}

void
sf_file_close(sf_file *f)
{
	if (f == NULL)
		return;
	CloseHandle(f->h);
	free(f->path);
	free(f);
}

static DWORD
attributes(const char *path)
{
	wchar_t	*w = wpath(path);
	DWORD	 a;

	if (w == NULL)
		return INVALID_FILE_ATTRIBUTES;
	a = GetFileAttributesW(w);
	free(w);
	return a;
}

int
sf_is_dir(const char *path)
{
	DWORD a = attributes(path);

	return a != INVALID_FILE_ATTRIBUTES &&
	    (a & FILE_ATTRIBUTE_DIRECTORY) != 0;
}

/* Large pages need a privilege on Windows: a block is malloc's. */
void *
sf_alloc_large(size_t n, int zero)
{
	return zero ? calloc(1, n > 0 ? n : 1) : malloc(n > 0 ? n : 1);
}

unsigned
sf_cpu_count(void)
{
	DWORD_PTR	proc, sys;
	unsigned	n = 0;

	if (!GetProcessAffinityMask(GetCurrentProcess(), &proc, &sys))
		return 1;
	for (; proc != 0; proc &= proc - 1)
		n++;
	return n > 1 ? n : 1;
}

struct sf_thread {
	HANDLE		  h;
	void		(*fn)(void *);
	void		 *arg;
};

static DWORD WINAPI
thread_main(LPVOID arg)
{
	sf_thread *t = arg;

	t->fn(t->arg);
	return 0;
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
	if ((t->h = CreateThread(NULL, 0, thread_main, t, 0, NULL)) == NULL) {
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
	WaitForSingleObject(t->h, INFINITE);
	CloseHandle(t->h);
	free(t);
}

int
sf_is_file(const char *path)
{
	DWORD a = attributes(path);

	return a != INVALID_FILE_ATTRIBUTES &&
	    (a & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_DEVICE)) == 0;
}

/* The volume serial number and file index: what a link cannot change. */
int
sf_file_identity(const char *path, sf_file_id *id)
{
	BY_HANDLE_FILE_INFORMATION	 bi;
	wchar_t				*w;
	HANDLE				 h;
	int				 ok;

	if ((w = wpath(path)) == NULL)
		return -1;
	h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE |
	    FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
	    FILE_FLAG_BACKUP_SEMANTICS, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return -1;
	ok = GetFileInformationByHandle(h, &bi);
	CloseHandle(h);
	if (!ok)
		return -1;
	id->dev = bi.dwVolumeSerialNumber;
	id->ino = ((uint64_t)bi.nFileIndexHigh << 32) | bi.nFileIndexLow;
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
	WIN32_FIND_DATAW	  fd;
	HANDLE			  h;
	char			**names = NULL, **nn, *pat;
	wchar_t			 *w;
	size_t			  n = 0, cap = 0;
	DWORD			  e;

	*namesp = NULL;
	*np = 0;
	if ((pat = sf_path_join(path, "*")) == NULL ||
	    (w = wpath(pat)) == NULL) {
		free(pat);
		return sf_err_nomem(errp);
	}
	free(pat);
	h = FindFirstFileW(w, &fd);
	e = GetLastError();
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		if (e == ERROR_FILE_NOT_FOUND)	/* an empty drive root */
			return SF_OK;
		return io_error(errp, e, "list", path);
	}
	do {
		if (wcscmp(fd.cFileName, L".") == 0 ||
		    wcscmp(fd.cFileName, L"..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nn = sf_reallocarray(names, cap, sizeof(*names));
			if (nn == NULL)
				goto nomem;
			names = nn;
		}
		if ((names[n] = utf8(fd.cFileName)) == NULL)
			goto nomem;
		n++;
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	if (n > 1)
		qsort(names, n, sizeof(*names), cmp_names);
	*namesp = names;
	*np = n;
	return SF_OK;
nomem:
	FindClose(h);
	while (n > 0)
		free(names[--n]);
	free(names);
	return sf_err_nomem(errp);
}

static int
is_sep(char c)
{
	return c == '/' || c == '\\';
}

/*
 * Joins with '\' when the path already uses it, else with '/', which
 * Windows accepts too: paths given the POSIX way (or a bare folder
 * name) are then printed exactly as the Linux build prints them.
 */
char *
sf_path_join(const char *a, const char *b)
{
	sf_buf buf;

	sf_buf_init(&buf);
	sf_buf_adds(&buf, a);
	if (buf.len > 0 && !is_sep(buf.p[buf.len - 1]) &&
	    !(buf.len == 2 && buf.p[1] == ':'))
		sf_buf_addc(&buf, strchr(a, '\\') != NULL ? '\\' : '/');
	sf_buf_adds(&buf, b);
	return sf_buf_take(&buf);
}

/* The last separator of p, or NULL; a drive ("C:") counts as one. */
static const char *
last_sep(const char *p)
{
	const char *s, *r = NULL;

	for (s = p; *s != '\0'; s++)
		if (is_sep(*s))
			r = s;
	if (r == NULL && p[0] != '\0' && p[1] == ':')
		r = p + 1;
	return r;
}

const char *
sf_path_base(const char *p)
{
	const char *s = last_sep(p);

	return s != NULL ? s + 1 : p;
}

char *
sf_path_dir(const char *p)
{
	const char *s = last_sep(p);

	if (s == NULL)
		return sf_strdup(".");
	if (s == p || (s == p + 2 && p[1] == ':') || *s == ':')
		return sf_strndup(p, (size_t)(s - p) + 1);	/* "/", "C:\" */
	return sf_strndup(p, (size_t)(s - p));
}

/* ---- writing safely ---- */

static int
write_all(HANDLE h, const void *data, size_t n)
{
	const char	*p = data;
	DWORD		 w, want;

	while (n > 0) {
		want = n > 0x40000000 ? 0x40000000 : (DWORD)n;
		if (!WriteFile(h, p, want, &w, NULL) || w == 0)
			return -1;
		p += w;
		n -= w;
	}
	return 0;
}

static HANDLE
open_write(const char *path, DWORD disposition, DWORD *err)
{
	wchar_t	*w;
	HANDLE	 h;

	if ((w = wpath(path)) == NULL) {
		*err = ERROR_NOT_ENOUGH_MEMORY;
		return INVALID_HANDLE_VALUE;
	}
	h = CreateFileW(w, GENERIC_WRITE, 0, NULL, disposition,
	    FILE_ATTRIBUTE_NORMAL, NULL);
	*err = GetLastError();
	free(w);
	return h;
}

sf_status
sf_file_write_new(const char *path, const void *data, size_t n,
    sf_error **errp)
{
	HANDLE	h;
	DWORD	e;

	if ((h = open_write(path, CREATE_NEW, &e)) == INVALID_HANDLE_VALUE)
		return io_error(errp, e, "create", path);
	if (write_all(h, data, n) == -1 || !FlushFileBuffers(h)) {
		e = GetLastError();
		CloseHandle(h);
		sf_file_remove(path);
		return io_error(errp, e, "write", path);
	}
	if (!CloseHandle(h)) {
		e = GetLastError();
		sf_file_remove(path);
		return io_error(errp, e, "write", path);
	}
	return SF_OK;
}

sf_status
sf_file_write_temp(const char *path, const void *data, size_t n,
    sf_error **errp)
{
	HANDLE	h;
	DWORD	e;

	if ((h = open_write(path, TRUNCATE_EXISTING, &e)) ==
	    INVALID_HANDLE_VALUE)
		return io_error(errp, e, "open", path);
	if (write_all(h, data, n) == -1) {
		e = GetLastError();
		CloseHandle(h);
		return io_error(errp, e, "write", path);
	}
	if (!CloseHandle(h))
		return io_error(errp, GetLastError(), "write", path);
	return SF_OK;
}

/* A new name each try: the process, a counter and the clock. */
sf_status
sf_file_temp(const char *dir, const char *prefix, char **path,
    sf_error **errp)
{
	static unsigned	 counter;
	LARGE_INTEGER	 t;
	sf_buf		 b;
	char		*p, *base;
	HANDLE		 h;
	DWORD		 e = ERROR_FILE_EXISTS;
	int		 tries;

	for (tries = 0; tries < 100; tries++) {
		QueryPerformanceCounter(&t);
		sf_buf_init(&b);
		sf_buf_printf(&b, "%s.%06lx", prefix, (unsigned long)
		    ((GetCurrentProcessId() * 7919u + counter++ * 104729u +
		    (unsigned)t.QuadPart) & 0xffffff));
		base = sf_buf_take(&b);
		p = base != NULL ? sf_path_join(dir, base) : NULL;
		free(base);
		if (p == NULL)
			return sf_err_nomem(errp);
		if ((h = open_write(p, CREATE_NEW, &e)) !=
		    INVALID_HANDLE_VALUE) {
			CloseHandle(h);
			*path = p;
			return SF_OK;
		}
		free(p);
		if (e != ERROR_FILE_EXISTS && e != ERROR_ALREADY_EXISTS)
			break;
	}
	return io_error(errp, e, "create a temporary file in", dir);
}

sf_status
sf_file_sync(const char *path, sf_error **errp)
{
	wchar_t	*w;
	HANDLE	 h;
	DWORD	 e;

	if ((w = wpath(path)) == NULL)
		return sf_err_nomem(errp);
	/* FlushFileBuffers needs a handle open for writing. */
	h = CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE |
	    FILE_SHARE_DELETE, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL,
	    NULL);
	e = GetLastError();
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return io_error(errp, e, "open", path);
	if (!FlushFileBuffers(h)) {
		e = GetLastError();
		CloseHandle(h);
		return io_error(errp, e, "flush", path);
	}
	CloseHandle(h);
	return SF_OK;
}

/* MOVEFILE_WRITE_THROUGH already made the rename durable. */
sf_status
sf_dir_sync(const char *dir, sf_error **errp)
{
	(void)dir;
	(void)errp;
	return SF_OK;
}

/*
 * Only the read-only attribute and the other plain attributes: the
 * access control list of a file moved into place is the one it was
 * created with, which is the folder's inherited one, as the original's
 * usually is (documented in spoolfix(1)).
 */
sf_status
sf_file_copy_mode(const char *from, const char *to, sf_error **errp)
{
	wchar_t	*w;
	DWORD	 a = attributes(from);
	BOOL	 ok;

	if (a == INVALID_FILE_ATTRIBUTES)
		return io_error(errp, GetLastError(), "read the attributes "
		    "of", from);
	a &= FILE_ATTRIBUTE_READONLY | FILE_ATTRIBUTE_HIDDEN |
	    FILE_ATTRIBUTE_SYSTEM | FILE_ATTRIBUTE_ARCHIVE;
	if ((w = wpath(to)) == NULL)
		return sf_err_nomem(errp);
	ok = SetFileAttributesW(w, a != 0 ? a : FILE_ATTRIBUTE_NORMAL);
	free(w);
	if (!ok)
		return io_error(errp, GetLastError(), "set the attributes of",
		    to);
	return SF_OK;
}

int
sf_file_writable(const char *path)
{
	DWORD a = attributes(path);

	return a != INVALID_FILE_ATTRIBUTES && (a & (FILE_ATTRIBUTE_READONLY |
	    FILE_ATTRIBUTE_DIRECTORY)) == 0;
}

/* Asked by trying: Windows' access rules are in ACLs, not in bits. */
int
sf_dir_writable(const char *dir)
{
	char	*p;
	wchar_t	*w;
	HANDLE	 h;

	if (!sf_is_dir(dir) || (p = sf_path_join(dir,
	    ".spoolfix-probe")) == NULL)
		return 0;
	w = wpath(p);
	free(p);
	if (w == NULL)
		return 0;
	h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW,
	    FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
	free(w);
	if (h == INVALID_HANDLE_VALUE)
		return 0;
	CloseHandle(h);
	return 1;
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
			sf_file_remove(p);
			free(p);
		}
		free(names[i]);
	}
	free(names);
}

sf_status
sf_file_rename(const char *from, const char *to, sf_error **errp)
{
	wchar_t	*wf, *wt;
	BOOL	 ok;
	DWORD	 e;

	wf = wpath(from);
	wt = wpath(to);
	if (wf == NULL || wt == NULL) {
		free(wf);
		free(wt);
		return sf_err_nomem(errp);
	}
	ok = MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING |
	    MOVEFILE_WRITE_THROUGH);
	e = GetLastError();
	free(wf);
	free(wt);
	if (!ok)
		return io_error(errp, e, "replace", to);
	return SF_OK;
}

void
sf_file_remove(const char *path)
{
	wchar_t *w;

	if (path == NULL || (w = wpath(path)) == NULL)
		return;
	DeleteFileW(w);
	free(w);
}

static int
make_one(const char *p, DWORD *e)
{
	wchar_t	*w = wpath(p);
	BOOL	 ok;

	if (w == NULL) {
		*e = ERROR_NOT_ENOUGH_MEMORY;
		return -1;
	}
	ok = CreateDirectoryW(w, NULL);
	*e = GetLastError();
	free(w);
	return ok || *e == ERROR_ALREADY_EXISTS ? 0 : -1;
}

sf_status
sf_dir_make(const char *dir, sf_error **errp)
{
	char	*p, *s, c;
	DWORD	 e;

	if (sf_is_dir(dir))
		return SF_OK;
	if ((p = sf_strdup(dir)) == NULL)
		return sf_err_nomem(errp);
	for (s = p + 1; *s != '\0'; s++) {
		/* Not a drive ("C:") or the first parts of \\server\share. */
		if (!is_sep(*s) || s[-1] == ':' || is_sep(s[-1]))
			continue;
		c = *s;
		*s = '\0';
		if (make_one(p, &e) == -1 && !sf_is_dir(p)) {
			sf_status rc = io_error(errp, e, "create the folder",
			    p);

			free(p);
			return rc;
		}
		*s = c;
	}
	free(p);
	if (make_one(dir, &e) == -1)
		return io_error(errp, e, "create the folder", dir);
	return SF_OK;
}

/*
 * LockFileEx on the whole lock file: held by the kernel for this
 * process, so a repair that is killed leaves no lock behind.
 */
struct sf_lock {
	HANDLE	 h;
	char	*path;
};

sf_status
sf_lock_take(const char *path, sf_lock **lp, sf_error **errp)
{
	OVERLAPPED	 ov;
	wchar_t		*w;
	sf_lock		*l;
	HANDLE		 h;
	DWORD		 e;

	if ((w = wpath(path)) == NULL)
		return sf_err_nomem(errp);
	h = CreateFileW(w, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ |
	    FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_ALWAYS,
	    FILE_ATTRIBUTE_NORMAL, NULL);
	e = GetLastError();
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		if (e == ERROR_ACCESS_DENIED && sf_is_file(path))
			/* being deleted by a holder that just released it */
			return sf_err(errp, SF_ERR_LOCKED, "run again in a "
			    "moment", "%s is locked by another spoolfix "
			    "repair", path);
		return io_error(errp, e, "create the lock file", path);
	}
	memset(&ov, 0, sizeof(ov));
	if (!LockFileEx(h, LOCKFILE_EXCLUSIVE_LOCK |
	    LOCKFILE_FAIL_IMMEDIATELY, 0, MAXDWORD, MAXDWORD, &ov)) {
		e = GetLastError();
		CloseHandle(h);
		if (e == ERROR_LOCK_VIOLATION || e == ERROR_IO_PENDING)
			return sf_err(errp, SF_ERR_LOCKED,
			    "wait for the other spoolfix to finish; a "
			    "lock held by a killed process is released "
			    "by the system", "%s is locked by another "
			    "spoolfix repair", path);
		return io_error(errp, e, "lock", path);
	}
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (l->path = sf_strdup(path)) == NULL) {
		free(l);
		CloseHandle(h);
		return sf_err_nomem(errp);
	}
	l->h = h;
	*lp = l;
	return SF_OK;
}

void
sf_lock_release(sf_lock *l)
{
	OVERLAPPED ov;

	if (l == NULL)
		return;
	sf_file_remove(l->path);	/* while held, so no one else owns it */
	memset(&ov, 0, sizeof(ov));
	UnlockFileEx(l->h, 0, MAXDWORD, MAXDWORD, &ov);
	CloseHandle(l->h);
	free(l->path);
	free(l);
}

char *
sf_timestamp(void)
{
	char		s[32];
	SYSTEMTIME	t;

	GetSystemTime(&t);
	snprintf(s, sizeof(s), "%04u%02u%02uT%02u%02u%02uZ", t.wYear,
	    t.wMonth, t.wDay, t.wHour, t.wMinute, t.wSecond);
	return sf_strdup(s);
}

/* SPOOLFIX_TEST_FILETIME fixes the clock, as in platform_posix.c. */
uint64_t
sf_filetime_now(void)
{
	const char	*t = getenv("SPOOLFIX_TEST_FILETIME");
	FILETIME	 ft;

	if (t != NULL && *t != '\0')
		return strtoull(t, NULL, 10);
	GetSystemTimeAsFileTime(&ft);
	return ((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime;
}

int
sf_test_exec_armed(void)
{
	const char *x = getenv("SPOOLFIX_TEST_EXEC");

	return x != NULL && *x != '\0';
}

void
sf_test_exec(const char *point, const char *path)
{
	const char	*x = getenv("SPOOLFIX_TEST_EXEC");
	const char	*eq, *at;
	size_t		 n = strlen(point);
	char		*want, *cmd;
	int		 hit;

	if (x == NULL || strncmp(x, point, n) != 0 || (x[n] != '=' &&
	    x[n] != '@') || (eq = strchr(x + n, '=')) == NULL)
		return;
	if (x[n] == '@') {
		at = x + n + 1;
		if ((want = sf_strndup(at, (size_t)(eq - at))) == NULL)
			return;
		hit = path != NULL && strstr(path, want) != NULL;
		free(want);
		if (!hit)
			return;
	}
	if ((cmd = sf_strdup(eq + 1)) == NULL)
		return;
	/* Cleared in the C runtime's copy and the process's: run once. */
	_putenv("SPOOLFIX_TEST_EXEC=");
	SetEnvironmentVariableA("SPOOLFIX_TEST_EXEC", NULL);
	fflush(NULL);
	(void)system(cmd);
	free(cmd);
}

/* The test hooks of platform_posix.c, with Windows' error codes. */
sf_status
sf_step(const char *step, const char *path, sf_error **errp)
{
	const char	*f, *d;
	size_t		 n = strlen(step);
	long		 ms;

	/* First: it may change the environment the others are read from. */
	sf_test_exec(step, path);
	f = getenv("SPOOLFIX_TEST_FAULT");
	d = getenv("SPOOLFIX_TEST_DELAY_MS");
	if (d != NULL && (ms = strtol(d, NULL, 10)) > 0)
		Sleep((DWORD)ms);
	if (f == NULL || strncmp(f, step, n) != 0 || (f[n] != '\0' &&
	    f[n] != ':' && f[n] != '@'))
		return SF_OK;
	if (strchr(f, '@') != NULL && (path == NULL ||
	    strstr(path, strchr(f, '@') + 1) == NULL))
		return SF_OK;
	return io_error(errp, strncmp(f + n, ":EIO", 4) == 0 ? ERROR_CRC :
	    ERROR_DISK_FULL, step, path != NULL ? path : "(injected fault)");
}
