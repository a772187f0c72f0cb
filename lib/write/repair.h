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
 * The safe-write pipeline shared by repair (plan.c changes) and undo
 * (.reg operations): one "job" per hive, run by repair_job() with the
 * same locking, backup, verification and atomic replacement.
 */
#ifndef SPOOLFIX_REPAIR_H
#define SPOOLFIX_REPAIR_H

#include "machine/machine.h"
#include "base/platform.h"
#include "write/verify.h"
#include "write/writer.h"

typedef struct hive_result {
	char		*path;
	sf_repair_state	 state;
	size_t		 changes;
	sf_error	*error;
	char		*backup;
	uint64_t	 size_before;	/* compaction: the file's sizes */
	uint64_t	 size_after;
	char		**entry;	/* undo: its entries, for people */
	size_t		  nentry;
} hive_result;

struct sf_repair {
	hive_result	*h;
	size_t		 n, cap;
	char		*undo;
	char		*backup_dir;
	char		*service;	/* live: what was done with the spooler */
	int		 service_failed;
};

typedef struct job job;

struct job {
	sf_machine	*m;		/* the scanned machine */
	sf_hive		*hive;		/* the scanned hive */
	const char	*backup_dir;
	const char	*stamp;
	/* Checks against the scanned hive; gives the operations (job_op). */
	sf_status	(*precheck)(job *, sf_error **);
	/* Checks the written hive (loaded by spoolfix's reader). */
	sf_status	(*expect)(job *, sf_hive *written, sf_error **);
	/* Re-checks with the rules on the machine with the written hive. */
	sf_status	(*recheck)(job *, const char *written, sf_error **);
	/* Writes the undo file covering this job (and those before). */
	sf_status	(*undo)(job *, sf_error **);
	/* Advice for a failed verification; NULL: the default. */
	const char	*verify_advice;
	void		*arg;
	wop		*op;		/* what the writer is to do, in order */
	size_t		 nop;
	touch		*touch;		/* what verification lets differ */
	size_t		 ntouch;
	writer		*w;
	int		 compact;	/* write the hive without free space */
	size_t		 written;	/* bytes of the new hive */
	size_t		 nchanges;
	char		*backup;	/* set by job_backup */
	/* A hive read with its logs applied: the recovered hive, saved in
	 * the backup folder by job_backup, is what verification compares
	 * the written hive with. */
	char		*recovered;
	char		*dir;		/* the hive's folder */
	sf_filedata	 whole;		/* the file as last read, padding too */
	sf_lock		*lock;		/* held from job_check to job_release */
	/* A live hive (Windows): re-checks with the rules on the live
	 * machine read again after the change, w its hive. */
	sf_status	(*recheck_live)(job *, sf_machine *now, sf_hive *w,
			    sf_error **);
	void		*live;		/* the live job's snapshots */
};

/*
 * A job in three parts (see job.c): job_check locks the hive and
 * checks everything that can be checked without writing, job_backup
 * makes the byte copies, job_write changes the hive.  repair_job runs
 * the three for one hive.
 */
sf_status	 job_check(job *, sf_error **);
sf_status	 job_backup(job *, sf_error **);
sf_status	 job_write(job *, sf_error **);
sf_status	 repair_job(job *, sf_error **);
/* Frees what a job gathered (operations, touches, the writer, the
 * backup's name) and releases its lock. */
void		 job_release(job *);
/* Adds an operation; what it points to must outlive the job. */
int		 job_op(job *, const wop *);
/*
 * A result with room for a machine's hives: an outcome is recorded after
 * its hive was written, when running out of memory must not lose it.
 */
sf_repair	*repair_new(void);
/* Room for n outcomes in all; -1 when out of memory. */
int		 repair_reserve(sf_repair *, size_t n);
int		 repair_add(sf_repair *, const char *path, sf_repair_state,
		    size_t changes, sf_error *, const char *backup);
/* The backup folder: the one asked for, or ./spoolfix-backup-<stamp>. */
char		*repair_backup_dir(const sf_repair_opts *, const char *stamp);

#endif
