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
 * The REGF base block: signature, sequence numbers (unequal means the
 * hive is dirty, which libregf never checks), version, file type,
 * checksum and the hive-bins size that says whether the file is whole.
 */
#include <string.h>

#include "hive/regf.h"

uint32_t
sf_regf_checksum(const uint8_t *base)
{
	uint32_t sum = 0;
	size_t	 i;

	for (i = 0; i < 508; i += 4)
		sum ^= sf_le32(base + i);
	return sum;
}

static void
read_fname(sf_regf *r, const uint8_t *base)
{
	size_t i;

	r->fname_len = 0;
	for (i = 0; i < 32; i++) {
		uint16_t c = sf_le16(base + 48 + 2 * i);

		if (c == 0)
			break;
		r->fname[r->fname_len++] = c;
	}
}

int
sf_regf_parse(sf_regf *r, const uint8_t *d, size_t size, sf_problems *pr,
    const char **why)
{
	uint64_t avail;

	memset(r, 0, sizeof(*r));
	r->data = d;
	r->size = size;
	if (size < 4 || memcmp(d, "regf", 4) != 0) {
		*why = "no \"regf\" signature: not a registry hive file";
		return -1;
	}
	if (size < SF_REGF_BASE) {
		*why = "shorter than the 4096-byte base block: truncated";
		return -1;
	}
	r->seq1 = sf_le32(d + 4);
	r->seq2 = sf_le32(d + 8);
	r->timestamp = sf_le64(d + 12);
	r->major = sf_le32(d + 20);
	r->minor = sf_le32(d + 24);
	r->type = sf_le32(d + 28);
	r->format = sf_le32(d + 32);
	r->root = sf_le32(d + 36);
	r->hbins_size = sf_le32(d + 40);
	r->checksum_stored = sf_le32(d + 508);
	r->checksum_calc = sf_regf_checksum(d);
	read_fname(r, d);

	if (r->type != 0) {
		*why = r->type == 1 || r->type == 2 || r->type == 6 ?
		    "a transaction log (.LOG/.LOG1/.LOG2), not a primary hive" :
		    "unknown file type in the base block";
		return -1;
	}
	/* Truncation first: it explains most of what follows. */
	avail = size - SF_REGF_BASE;
	if (r->hbins_size > avail) {
		r->truncated = 1;
		sf_problem_add(pr, "truncated at byte %ju of %ju: the file "
		    "ends inside the hive bins its base block declares",
		    (uintmax_t)size, (uintmax_t)SF_REGF_BASE + r->hbins_size);
	}
	if (r->checksum_stored != r->checksum_calc) {
		r->bad_checksum = 1;
		sf_problem_add(pr, "bad base block checksum (stored 0x%08x, "
		    "computed 0x%08x)", r->checksum_stored, r->checksum_calc);
	}
	if (r->major != 1)
		sf_problem_add(pr, "unsupported format version %u.%u",
		    r->major, r->minor);
	if (r->hbins_size == 0 || r->hbins_size % 4096 != 0)
		sf_problem_add(pr, "hive bins size %u is not a positive "
		    "multiple of 4096", r->hbins_size);
	r->end = SF_REGF_BASE + (r->hbins_size <= avail && r->hbins_size ?
	    r->hbins_size : (uint32_t)(avail - avail % 4096));
	if ((uint64_t)r->root + SF_REGF_BASE + 4 > r->end)
		sf_problem_add(pr, "root key offset 0x%x lies outside the hive "
		    "bins", r->root);
	return 0;
}
