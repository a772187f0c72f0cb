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
 * Opening an offline hive file, the first source of hives: its declared
 * bytes read into memory, the base block, hive bins and key tree checked
 * by spoolfix's reader, the transaction logs beside it found, and then
 * the tree source over it (source_file.c).  The machine view (machine/)
 * only sees the opened hive, as it will a live one.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"

/* Hives are at most a few hundred megabytes; 2 GiB is past any real one. */
#define MAX_HIVE_BYTES	((size_t)2 * 1024 * 1024 * 1024 - 1)

/* Transaction logs sit beside the hive as NAME.LOG, .LOG1, .LOG2. */
static void
find_logs(sf_hive *h)
{
	char	*dir, **names = NULL, *want;
	size_t	 n = 0, i, blen;
	const char *base = sf_path_base(h->path);
	char	**nl;

	if ((dir = sf_path_dir(h->path)) == NULL)
		return;
	if (sf_dir_list(dir, &names, &n, NULL) != SF_OK) {
		free(dir);
		return;
	}
	blen = strlen(base);
	for (i = 0; i < n; i++) {
		const char *s = names[i];

		if (strlen(s) <= blen + 3)
			continue;
		if ((want = sf_strndup(s, blen)) == NULL)
			continue;
		if (sf_ascii_caseeq(want, base) && (sf_ascii_caseeq(s + blen,
		    ".LOG") || sf_ascii_caseeq(s + blen, ".LOG1") ||
		    sf_ascii_caseeq(s + blen, ".LOG2"))) {
			nl = sf_reallocarray(h->logs, h->nlogs + 1,
			    sizeof(*nl));
			if (nl != NULL) {
				h->logs = nl;
				h->logs[h->nlogs] = sf_path_join(dir, s);
				if (h->logs[h->nlogs] != NULL)
					h->nlogs++;
			}
		}
		free(want);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
}

/*
 * Reads the base block, then only the hive bins it declares.  A file
 * may carry padding of any size after them (Windows leaves slack there;
 * a bad copy or a disk image can leave gigabytes), and neither the time
 * nor the memory of a scan may depend on bytes the hive does not
 * declare; a file that is not a hive is refused after 4 KiB.  A file
 * shorter than declared is read as far as it goes, and sf_regf_parse
 * reports it truncated.
 */
sf_status
sf_hive_read_file(sf_hive *h, sf_error **errp)
{
	sf_regf		 head;
	sf_problems	 scratch;
	sf_file		*f;
	uint8_t		*p, *np;
	uint64_t	 want;
	size_t		 got, more = 0;
	const char	*why = NULL;
	sf_status	 rc;

	if ((rc = sf_file_open(h->path, &f, &h->file_size, errp)) != SF_OK)
		return rc;
	if ((p = malloc(SF_REGF_BASE)) == NULL) {
		sf_file_close(f);
		return sf_err_nomem(errp);
	}
	if ((rc = sf_file_pread(f, 0, p, SF_REGF_BASE, &got, errp)) != SF_OK)
		goto fail;
	if (got >= 4 && got < SF_REGF_BASE && memcmp(p, "regf", 4) == 0) {
		rc = sf_err(errp, SF_ERR_FORMAT, "copy the hive again from "
		    "its source", "%s: truncated at byte %zu, inside the "
		    "4096-byte base block", h->path, got);
		goto fail;
	}
	/* Signature and file type; other problems are found again below. */
	memset(&scratch, 0, sizeof(scratch));
	if (sf_regf_parse(&head, p, got, &scratch, &why) == -1) {
		sf_problems_free(&scratch);
		rc = sf_err(errp, SF_ERR_FORMAT, "give the path of a primary "
		    "registry hive file", "%s: %s", h->path, why);
		goto fail;
	}
	sf_problems_free(&scratch);
	want = (uint64_t)SF_REGF_BASE + head.hbins_size;
	if (want > MAX_HIVE_BYTES) {
		rc = sf_err(errp, SF_ERR_FORMAT, "check the file: its base "
		    "block is damaged, or it is not a hive", "%s: the base "
		    "block declares %u bytes of hive bins, more than any real "
		    "hive holds", h->path, head.hbins_size);
		goto fail;
	}
	h->trailing = h->file_size > want ? h->file_size - want : 0;
	if (want > h->file_size)
		want = h->file_size;
	if (want > SF_REGF_BASE) {
		if ((np = sf_alloc_large((size_t)want, 0)) == NULL) {
			rc = sf_err_nomem(errp);
			goto fail;
		}
		memcpy(np, p, SF_REGF_BASE);
		free(p);
		p = np;
		if ((rc = sf_file_pread(f, SF_REGF_BASE, p + SF_REGF_BASE,
		    (size_t)want - SF_REGF_BASE, &more, errp)) != SF_OK)
			goto fail;
	}
	sf_file_close(f);
	h->file.data = p;
	h->file.size = SF_REGF_BASE + more;
	return SF_OK;
fail:
	free(p);
	sf_file_close(f);
	return rc;
}

sf_status
sf_hive_open_file(sf_hive *h, sf_error **errp)
{
	const char	*why = NULL;
	sf_status	 rc;
	int		 unsafe = 0;

	/*
	 * The logs first: when the hive is dirty they are applied to the
	 * image in memory, and every check and reader below sees the
	 * recovered hive, as Windows would load it.
	 */
	find_logs(h);
	if ((rc = sf_hive_replay(h, errp)) != SF_OK)
		return rc;
	if (sf_regf_parse(&h->regf, h->file.data, h->file.size,
	    &h->problems, &why) == -1)
		return sf_err(errp, SF_ERR_FORMAT,
		    "give the path of a primary registry hive file",
		    "%s: %s", h->path, why);
	h->regf_ok = 1;
	/* Dirty describes the file on disk, whatever was read. */
	h->dirty = h->replayed || h->regf.seq1 != h->regf.seq2;
	if (!h->replayed) {
		h->disk_seq1 = h->regf.seq1;
		h->disk_seq2 = h->regf.seq2;
	}
	if (h->problems.n > 0)
		h->corrupt = 1;
	if (sf_regf_walk_bins(&h->regf, &h->problems) > 0)
		h->corrupt = 1;
	if (sf_regf_check_tree(&h->regf, &h->problems, &unsafe) > 0)
		h->corrupt = 1;
	h->tree_sound = !h->corrupt && !unsafe;
	/* Checks cut short, or problems lost: nothing can be said yet. */
	if (sf_hive_incomplete(h))
		return sf_err_nomem(errp);
	/* SPOOLFIX_TEST_UNLOAD_ALL: for tests only, spoolfix(1). */
	h->unload_ok = h->file.size >= SF_UNLOAD_MIN ||
	    getenv("SPOOLFIX_TEST_UNLOAD_ALL") != NULL;
	if (unsafe)
		return sf_err(errp, SF_ERR_FORMAT,
		    "restore the hive from a backup or let Windows repair it",
		    "%s: its subkey index loops (an ri list points at another "
		    "ri list); it cannot be read safely", h->path);
	if ((rc = sf_regf_source_open(h, errp)) != SF_OK)
		return rc;
	if ((h->root_name = sf_u16dup(h->root->name, h->root->name_len)) ==
	    NULL)
		return sf_err_nomem(errp);
	h->root_name_len = h->root->name_len;
	return SF_OK;
}
