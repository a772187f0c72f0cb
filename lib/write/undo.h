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
 * The parts of an undo shared by the one-hive undo (undo.c) and the
 * undo of a whole machine (undo_machine.c): which entries of the undo
 * file belong to a hive, and the job's checks of them.
 */
#ifndef SPOOLFIX_UNDO_H
#define SPOOLFIX_UNDO_H

#include "write/dotreg.h"
#include "write/repair.h"

typedef struct undo_job {
	reg_in	 in;
	int	 borrowed;	/* in: another undo_job's (live undo) */
	sf_keypath *path;	/* each op's path below the hive root */
	int	*mine;		/* 1: the op belongs to this hive */
	size_t	 skipped;
} undo_job;

/* Maps an op's logical path to hive h: 1 and *p filled when it is this
 * hive's, 0 when not, -1 when the current control set is unknown, -2
 * when memory ran out. */
int		 undo_map_path(sf_hive *h, const reg_op *, sf_keypath *p);
/* The HKU profiles the file names, sorted: "alice, bob"; caller frees. */
char		*undo_file_profiles(const reg_in *);
/* The job's precheck and expect for the entries marked mine. */
sf_status	 undo_precheck(job *, sf_error **);
sf_status	 undo_expect(job *, sf_hive *written, sf_error **);
/* Frees the paths, the marks and the parsed file. */
void		 undo_free(undo_job *);

#endif
