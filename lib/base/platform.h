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
 * The operating-system calls the library needs, behind one small
 * interface so that a Win32 implementation can replace
 * platform_posix.c without touching anything else.
 */
#ifndef SPOOLFIX_PLATFORM_H
#define SPOOLFIX_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

#include "spoolfix.h"

/* A whole file read into memory. */
typedef struct sf_filedata {
	uint8_t	*data;
	size_t	 size;
} sf_filedata;

/*
 * Reads a regular file completely.  Refuses anything that is not a
 * regular file (a FIFO or device could block or never end) and files
 * larger than 'max' bytes.  Messages call the file a hive.
 */
sf_status	 sf_file_read(const char *path, size_t max, sf_filedata *,
		    sf_error **);
/* The same, naming what the file should be ("rule file") in messages. */
sf_status	 sf_file_read_as(const char *path, size_t max,
		    const char *what, sf_filedata *, sf_error **);
void		 sf_file_release(sf_filedata *);

/*
 * A regular file opened for reading a part at a time, for inputs whose
 * own header says how much of them to read (a hive declares the size
 * of its hive bins): bytes the header does not declare are never read.
 */
typedef struct sf_file sf_file;
/* Opens a regular file (nothing else) and gives its size. */
sf_status	 sf_file_open(const char *path, sf_file **, uint64_t *size,
		    sf_error **);
/* Reads up to n bytes at off; *got is less than n only at the end. */
sf_status	 sf_file_pread(sf_file *, uint64_t off, void *, size_t n,
		    size_t *got, sf_error **);
void		 sf_file_close(sf_file *);

/*
 * n bytes for one big block kept for a while (a hive's image, a file
 * read whole such as a transaction log, an arena chunk, a big table),
 * zeroed when 'zero', freed with free().  On Linux, from 2 MiB on, it
 * starts and ends on a large page and is hinted for large pages, so a
 * 100 MB hive costs dozens of page faults, not tens of thousands (the
 * small pages at the ends of a malloc'd block alone were hundreds).
 * Elsewhere it is malloc or calloc.  NULL when out of memory.
 */
void		*sf_alloc_large(size_t n, int zero);

/* The processors this process may run on now; at least 1. */
unsigned	 sf_cpu_count(void);
/*
 * One more thread, running fn(arg) until sf_thread_join: 0, or -1 when
 * it could not be started (nothing runs then).
 */
typedef struct sf_thread sf_thread;
int		 sf_thread_start(sf_thread **, void (*fn)(void *), void *arg);
void		 sf_thread_join(sf_thread *);

/* 1 if path names a directory, 0 if not (or it does not exist). */
int		 sf_is_dir(const char *path);
/* 1 if path names a regular file. */
int		 sf_is_file(const char *path);

/*
 * What a file is, independent of the path that leads to it: two paths
 * to one file (a symbolic or hard link, "dir/../x") give equal ids.
 */
typedef struct sf_file_id {
	uint64_t	 dev;
	uint64_t	 ino;
} sf_file_id;
/* 0 and the id of the file a path leads to, or -1. */
int		 sf_file_identity(const char *path, sf_file_id *);

/*
 * Lists the entries of a directory (without "." and ".."), sorted
 * byte-wise.  The caller frees each name and the array.
 */
sf_status	 sf_dir_list(const char *path, char ***names, size_t *n,
		    sf_error **);

/* Joins two path parts with the platform separator; caller frees. */
char		*sf_path_join(const char *, const char *);
/* The last component of a path (a pointer into it). */
const char	*sf_path_base(const char *);
/* The directory part of a path; caller frees ("." when none). */
char		*sf_path_dir(const char *);

/* ---- writing safely (repair) ---- */

/*
 * Creates a new file exclusively (it must not exist), writes all of
 * 'data', fsyncs and closes it.  On failure the file is removed.
 */
sf_status	 sf_file_write_new(const char *path, const void *data,
		    size_t n, sf_error **);
/* Fills a temporary file sf_file_temp made (the caller syncs it). */
sf_status	 sf_file_write_temp(const char *path, const void *data,
		    size_t n, sf_error **);
/* Creates an empty, exclusive temporary file in 'dir'; returns its path. */
sf_status	 sf_file_temp(const char *dir, const char *prefix, char **path,
		    sf_error **);
/* fsync of a file by path, and of a folder (so a rename is durable). */
sf_status	 sf_file_sync(const char *path, sf_error **);
sf_status	 sf_dir_sync(const char *dir, sf_error **);
/* 1 if the file may be written (its mode allows it, even for root). */
int		 sf_file_writable(const char *path);
/* 1 if files may be created in the folder (and it is not read-only). */
int		 sf_dir_writable(const char *dir);
/* Removes the files of 'dir' whose names start with 'prefix'. */
void		 sf_remove_stale(const char *dir, const char *prefix);
/* Gives 'to' the permissions (and, as root, the owner) of 'from'. */
sf_status	 sf_file_copy_mode(const char *from, const char *to,
		    sf_error **);
/* Atomic replace of 'to' by 'from' (same folder). */
sf_status	 sf_file_rename(const char *from, const char *to, sf_error **);
void		 sf_file_remove(const char *path);
/* Creates a folder and its parents (mode 0700 for new ones). */
sf_status	 sf_dir_make(const char *dir, sf_error **);

/*
 * An exclusive lock on a file beside the hive ("<hive>.spoolfix.lock").
 * It is held by the kernel for this process: a repair killed with
 * SIGKILL leaves no lock behind.  Fails with SF_ERR_LOCKED at once when
 * another process holds it.
 */
typedef struct sf_lock sf_lock;
sf_status	 sf_lock_take(const char *path, sf_lock **, sf_error **);
void		 sf_lock_release(sf_lock *);

/* UTC time as 20261121T054512Z, for backup names; caller frees. */
char		*sf_timestamp(void);
/* Now as a Windows FILETIME (100 ns since 1601), for hive time stamps. */
uint64_t	 sf_filetime_now(void);

/*
 * Test hooks, used by the crash-safety and disk-full tests: with
 * SPOOLFIX_TEST_FAULT=STEP the step fails as if the disk were full
 * (STEP or STEP:ENOSPC) or broken (STEP:EIO), for every hive or, with
 * STEP@TEXT, only where the path holds TEXT; SPOOLFIX_TEST_DELAY_MS=N
 * sleeps N ms before every step, so a kill can land inside each one.
 */
sf_status	 sf_step(const char *step, const char *path, sf_error **);

#ifdef _WIN32
/*
 * The test hook of the live checks (Windows build): with
 * SPOOLFIX_TEST_EXEC=POINT=COMMAND, or POINT@TEXT=COMMAND for a path
 * holding TEXT, COMMAND runs (through the command interpreter, waited
 * for) when the run reaches POINT: every step of sf_step, and
 * "live-read", a live key about to be read by the scan.  It runs once:
 * the variable is cleared first, so neither a later point nor the
 * command itself (which may be spoolfix) runs it again.  This is how
 * the tests let another program change a key, or start a second run,
 * at an exact moment.
 */
int		 sf_test_exec_armed(void);
void		 sf_test_exec(const char *point, const char *path);
#endif


#endif
