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
 * Changing the live registry (Windows only): the writer behind
 * writer.h (writer_live_win32.c), the key snapshots a live job backs up
 * and rolls back from, and the live job itself (live_job_win32.c).
 */
#ifndef SPOOLFIX_WRITE_LIVE_H
#define SPOOLFIX_WRITE_LIVE_H

#include "base/service.h"
#include "write/repair.h"

/* A key as read from the live registry, with everything below it. */
typedef struct lval {
	uint16_t	*name;
	size_t		 namelen;
	uint32_t	 type;
	uint8_t		*data;
	size_t		 size;
} lval;

typedef struct lkey {
	uint16_t	*name;
	size_t		 namelen;
	uint64_t	 written;	/* last-write time (FILETIME) */
	uint16_t	*cls;		/* class name, or NULL */
	size_t		 clslen;
	lval		*val;
	size_t		 nval;
	struct lkey	**child;
	size_t		 nchild;
} lkey;

/* The registry object path of a live hive's root, from its mount. */
uint16_t	*live_object_path(const sf_hive *, size_t *len);

/*
 * Reads the key at path below the root of hive h: *out is NULL when it
 * is absent.  'deep' reads everything below it too (bounded by
 * SF_MAX_DEPTH and a total of keys).  Errors name the key.
 */
sf_status	 live_read(sf_hive *, const sf_keypath *, int deep, lkey **out,
		    sf_error **);
void		 live_key_free(lkey *);
/* Puts the key at path back as k says (k NULL: absent), bounded. */
sf_status	 live_restore(sf_hive *, const sf_keypath *, const lkey *,
		    sf_error **);
/* Sets (v non-NULL) or deletes a value of the key at path. */
sf_status	 live_restore_value(sf_hive *, const sf_keypath *,
		    const uint16_t *name, size_t namelen, const lval *,
		    sf_error **);

/* The live writer (writer_live_win32.c). */
sf_status	 writer_live_new(sf_hive *, writer **, sf_error **);

/* ---- the live job (live_job_win32.c), called from job.c ---- */
sf_status	 live_job_check(job *, sf_error **);
sf_status	 live_job_backup(job *, sf_error **);
/* The touched keys read again: as checked, with the scan's times. */
sf_status	 live_job_recheck(job *, sf_error **);
sf_status	 live_job_write(job *, sf_error **);
void		 live_job_release(job *);
/* Rolls a written hive back (a later hive failed); always sets errp to
 * say what state it is in.  SF_OK when the rollback held. */
sf_status	 live_job_undo_written(job *, sf_error **);

/*
 * For a run (repair.c, undo.c): the elevation check, then the spooler
 * stopped before the first hive is written and put back after the last.
 */
sf_status	 live_elevated(sf_error **);
sf_status	 live_spooler_stop(sf_service_stop *, sf_error **);
/* Puts the spooler as the options say; the result says what was done. */
void		 live_spooler_restore(sf_service_stop *, const sf_repair_opts *,
		    sf_repair *);

#endif
