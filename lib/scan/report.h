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
 * A finding as the report keeps it, shared by report.c and the repair
 * planner: copies of the key's paths (the logical one, from HKLM or
 * HKU, and the one below the hive's root, by which a planned change
 * finds the key again) and the scanned key itself.
 */
#ifndef SPOOLFIX_REPORT_H
#define SPOOLFIX_REPORT_H

#include "scan/scan.h"

struct sf_finding {
	const struct sf_rule	*rule;
	sf_severity		 severity;
	char			*message;
	const sf_hive		*hive;
	owned_name		*path;		/* logical */
	size_t			 npath;
	sf_keypath		 hpath;		/* below the hive's root */
	int			 has_value;
	owned_name		 value;
	sf_fix_kind		 fix;
	int			 optional;
	uint32_t		 fix_type;
	uint32_t		 scope;		/* of its rule, for ordering */
	uint64_t		 at;		/* in the walk (scan.at) */
	uint8_t			*fix_data;
	size_t			 fix_len;
	uint64_t		 key_offset;
	sf_key			*key;		/* in the scanned tree */
};

/* A path segment every finding shares (report.c). */
typedef struct seg_slot {
	uint16_t		*u;
	uint32_t		 len;
	uint32_t		 h;
} seg_slot;

struct sf_report {
	struct sf_finding	**f;
	size_t			  n;
	/*
	 * The findings and all they hold (message, paths, value, fix
	 * data): they live and die with the report.  A bloated hive has
	 * 10,000s of findings; one chunk for many of them (on large pages
	 * from 2 MiB) rather than six mallocs each took make bench's
	 * ~100 MB scan, 13,906 findings, from 5,100 page faults to 3,300.
	 */
	sf_arena		  mem;
	/*
	 * The findings' path segments, one copy each: 100,000 findings
	 * below one key share its names, and their paths point here
	 * rather than own them.
	 */
	sf_arena		  segs;
	seg_slot		 *seg;
	size_t			  segcap, nseg;
	size_t			  tally[3];
	/* gaps.c: the hive kinds (a bit each) the rules read and no
	 * readable input gives, and the rules that read none it has. */
	unsigned		  missing;
	const struct sf_rule	**skipped;
	size_t			  nskipped;
	/*
	 * A scan in two threads: the second thread's report, whose memory
	 * holds some of f's findings, and the views its keys are in.
	 */
	struct sf_report	 *second;
	sf_hive			**views;
	size_t			  nviews;
};


#endif
