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
 * larger than 'max' bytes.
 */
sf_status	 sf_file_read(const char *path, size_t max, sf_filedata *,
		    sf_error **);
void		 sf_file_release(sf_filedata *);

/* 1 if path names a directory, 0 if not (or it does not exist). */
int		 sf_is_dir(const char *path);
/* 1 if path names a regular file. */
int		 sf_is_file(const char *path);

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

#endif
