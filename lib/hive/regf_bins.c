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
 * A structural walk of the hive bins, independent of libregf: every
 * hbin must carry its signature, its own offset and a size that is a
 * multiple of 4096, and its cells must tile it exactly.  libregf skips
 * zero-filled or misaligned bins silently; a repair tool must know.
 */
#include <string.h>

#include "hive/regf.h"

static int
walk_cells(const sf_regf *r, uint64_t start, uint64_t end, sf_problems *pr)
{
	uint64_t off = start;
	int32_t	 sz;
	uint64_t asz;

	while (off + 4 <= end) {
		sz = (int32_t)sf_le32(r->data + off);
		asz = sz < 0 ? (uint64_t)(-(int64_t)sz) : (uint64_t)sz;
		if (asz < 8 || asz % 8 != 0 || off + asz > end) {
			sf_problem_add(pr, "bad cell size %d at offset 0x%jx",
			    sz, (uintmax_t)(off - SF_REGF_BASE));
			return -1;
		}
		off += asz;
	}
	return 0;
}

size_t
sf_regf_walk_bins(const sf_regf *r, sf_problems *pr)
{
	uint64_t off = SF_REGF_BASE, end = r->end;
	uint32_t hoff, hsize;
	size_t	 before = pr->n + pr->dropped;

	while (off + SF_REGF_HBIN_HDR <= end) {
		if (memcmp(r->data + off, "hbin", 4) != 0) {
			sf_problem_add(pr, "damaged hive bin at offset 0x%jx: "
			    "no hbin signature (a zero-filled or overwritten "
			    "page)", (uintmax_t)(off - SF_REGF_BASE));
			off += 4096;	/* resynchronise on the next page */
			continue;
		}
		hoff = sf_le32(r->data + off + 4);
		hsize = sf_le32(r->data + off + 8);
		if (hoff != off - SF_REGF_BASE)
			sf_problem_add(pr, "damaged hive bin at offset 0x%jx: "
			    "it says it is at 0x%x", (uintmax_t)(off -
			    SF_REGF_BASE), hoff);
		if (hsize < 4096 || hsize % 4096 != 0 || off + hsize > end) {
			sf_problem_add(pr, "damaged hive bin at offset 0x%jx: "
			    "bad size %u", (uintmax_t)(off - SF_REGF_BASE),
			    hsize);
			off += 4096;
			continue;
		}
		walk_cells(r, off + SF_REGF_HBIN_HDR, off + hsize, pr);
		off += hsize;
	}
	return pr->n + pr->dropped - before;
}
