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
 * Reading .reg files (dotreg_read.c): the undo files "spoolfix undo"
 * applies, and regedit exports scanned as a source (source_reg.c).
 * Both are hostile input.  The reader lives in the hive stage because
 * a source needs it; write/ (undo) uses it from there.
 */
#ifndef SPOOLFIX_DOTREG_IN_H
#define SPOOLFIX_DOTREG_IN_H

#include "base/internal.h"

typedef enum reg_op_kind {
	REG_KEY, REG_DELETE_KEY, REG_SET_VALUE, REG_DELETE_VALUE
} reg_op_kind;

typedef struct reg_op {
	reg_op_kind	 kind;
	uint16_t	**seg;		/* the key path, split at '\' */
	size_t		 *seglen;
	size_t		  nseg;
	int		  borrowed;	/* seg, seglen: its key header's */
	uint16_t	 *name;		/* value name (empty: the default) */
	size_t		  namelen;
	uint32_t	  type;
	uint8_t		 *data;
	size_t		  size;
	unsigned	  line;
} reg_op;

/*
 * spoolfix's extension of the .reg format, for the names a plain line
 * cannot hold (an embedded NUL; a backslash, CR or LF in a key name; a
 * NUL, CR or LF in a value name).  An extension line is ";spoolfix "
 * followed by a key header ([path] or [-path]) or a value line
 * ("name"=... or @=...) as in a plain line, never continued onto the
 * next line.  In its key path segments and its value name, '%' and four
 * hex digits is one UTF-16 code unit; spoolfix writes exactly NUL
 * (%0000), CR (%000D), LF (%000A), '%' (%0025) and, in a key name, '\'
 * (%005C) so, and reads any unit so.  regedit skips these lines as
 * comments (spoolfix's own comments start "; ", so never collide); a
 * strict reading (undo) applies them in file order, each value to the
 * last header of its own kind.  man/spoolfix.1 documents the format.
 */
#define REG_EXT_PREFIX	";spoolfix "
#define REG_EXT_LEN	(sizeof(REG_EXT_PREFIX) - 1)

/* A line a lenient reading skipped, and why. */
typedef struct reg_bad {
	unsigned	 line;
	const char	*what;		/* static text */
} reg_bad;

/* How many skipped lines a lenient reading lists (it counts them all). */
#define REG_BAD_MAX	100

typedef struct reg_in {
	reg_op		*op;
	size_t		 n;
	size_t		 cap;
	int		 regedit4;	/* an ANSI REGEDIT4 file */
	reg_bad		 bad[REG_BAD_MAX];
	size_t		 nbad;		/* listed in bad[] */
	size_t		 nbad_all;	/* all the lines skipped */
} reg_in;

/*
 * How to read: what the file is for the messages ("undo file"), the
 * advice of an error, and whether a malformed line fails the whole file
 * (undo: nothing is applied from a file that does not parse) or is
 * skipped and listed in bad[] (a scanned export: regedit imports the
 * rest of a file past a line it cannot read, and so does the scan).
 */
typedef struct reg_in_opts {
	const char	*what;
	const char	*advice;
	const char	*big_advice;	/* for a file over REG_IN_MAX */
	int		 lenient;
} reg_in_opts;

/*
 * The largest .reg file "spoolfix undo" reads: bytes.  Held in memory
 * with its decoded text, about three times this at the peak.  Repair
 * refuses changes whose undo file would be larger, so that every undo
 * file it writes can be applied.
 */
#define REG_IN_MAX	((size_t)256 * 1024 * 1024)

/*
 * Parses a .reg file: version 5 (UTF-16LE with BOM, or UTF-8) or
 * REGEDIT4 (ANSI: UTF-8 when it is valid UTF-8, else Windows-1252; its
 * hex(1), hex(2) and hex(7) bytes are converted to UTF-16LE as regedit
 * does on import).  Errors name the file and the line.
 */
sf_status reg_in_read(const char *path, const reg_in_opts *, reg_in *,
	    sf_error **);
/* reg_in_read of an undo file: strict. */
sf_status reg_in_parse(const char *path, reg_in *, sf_error **);
void	 reg_in_free(reg_in *);

#endif
