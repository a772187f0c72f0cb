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
 * The writer interface: what applies changes to a registry store.  A
 * repair or an undo becomes a list of operations, each addressed by the
 * key's logical path below the hive's root (never by a file offset),
 * and the job (job.c) hands them to a writer in four calls:
 *
 *   check    before anything is written, against the store as scanned:
 *            refuses, naming the key, what this writer cannot do safely
 *   begin    prepares to write (an offline writer: the private copy of
 *            the hive it edits; the live writer: the root key)
 *   apply    one operation
 *   commit   makes the changes (an offline writer: writes the new hive
 *            to w->out, which the job then verifies and renames)
 *
 * Today: spoolfix's own offline writer (writer_regf.c, over the image
 * editor regf_edit.c).  Next: the live Win32 writer, behind the same
 * calls.
 */
#ifndef SPOOLFIX_WRITER_H
#define SPOOLFIX_WRITER_H

#include "hive/hive.h"

typedef enum wop_kind {
	WOP_CREATE_KEY,		/* the key and any missing key above it */
	WOP_DELETE_KEY,		/* the key and everything below it */
	WOP_SET_VALUE,		/* creating the key when it is missing */
	WOP_DELETE_VALUE
} wop_kind;

typedef struct wop {
	wop_kind	 kind;
	const sf_keypath *path;		/* the key, below the hive's root */
	const uint16_t	*name;		/* the value's name, exact */
	size_t		 namelen;
	uint32_t	 type;		/* WOP_SET_VALUE */
	const uint8_t	*data;
	size_t		 size;
	unsigned	 line;		/* of an undo file, for messages; 0 */
	int		 if_present;	/* deleting what is absent: done */
} wop;

typedef struct writer writer;

typedef struct writer_ops {
	const char	*name;		/* for messages */
	sf_status	(*check)(writer *, const wop *, size_t, sf_error **);
	sf_status	(*begin)(writer *, sf_error **);
	sf_status	(*apply)(writer *, const wop *, sf_error **);
	sf_status	(*commit)(writer *, sf_error **);
	/* Drops what begin made (uncommitted changes are lost). */
	void		(*end)(writer *);
	void		(*free)(writer *);
} writer_ops;

struct writer {
	const writer_ops *ops;
	sf_hive		*hive;		/* the store as scanned */
	/* Offline writers: the file's bytes as scanned (padding too), a
	 * folder for private copies, and the new hive to write. */
	const sf_filedata *image;
	const char	*scratch;
	const char	*out;
	int		 compact;	/* offline: write it without free space */
	size_t		 written;	/* offline: bytes commit wrote */
	void		*impl;
};

/* spoolfix's own offline writer (writer_regf.c over regf_edit.c). */
sf_status	 writer_regf_new(sf_hive *, writer **, sf_error **);
void		 writer_free(writer *);

#endif
