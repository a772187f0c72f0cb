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

/* The first n bytes of s are base's n bytes, ASCII case aside. */
static int
starts_caseeq(const char *s, const char *base, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || sf_u16_upper((unsigned char)s[i]) !=
		    sf_u16_upper((unsigned char)base[i]))
			return 0;
	return 1;
}

/*
 * Transaction logs sit beside the hive as NAME.LOG, .LOG1, .LOG2.  A
 * folder that cannot be listed has no logs to offer (the hive is then
 * read alone, and a dirty one says that no usable log is beside it);
 * running out of memory is an error, since taking it for "no logs"
 * would read a dirty hive without the changes its logs hold.
 */
static sf_status
find_logs(sf_hive *h, sf_error **errp)
{
	char		*dir, **names = NULL, **nl;
	size_t		 n = 0, i, blen;
	const char	*base = sf_path_base(h->path), *s;
	sf_status	 rc = SF_OK;

	if ((dir = sf_path_dir(h->path)) == NULL)
		return sf_err_nomem(errp);
	if (sf_dir_list(dir, &names, &n, NULL) == SF_ERR_NOMEM) {
		free(dir);
		return sf_err_nomem(errp);
	}
	blen = strlen(base);
	for (i = 0; i < n && rc == SF_OK; i++) {
		s = names[i];
		if (strlen(s) <= blen + 3 || !starts_caseeq(s, base,
		    blen) || (!sf_ascii_caseeq(s + blen, ".LOG") &&
		    !sf_ascii_caseeq(s + blen, ".LOG1") &&
		    !sf_ascii_caseeq(s + blen, ".LOG2")))
			continue;
		if ((nl = sf_reallocarray(h->logs, h->nlogs + 1,
		    sizeof(*nl))) == NULL) {
			rc = sf_err_nomem(errp);
			break;
		}
		h->logs = nl;
		if ((h->logs[h->nlogs] = sf_path_join(dir, s)) == NULL)
			rc = sf_err_nomem(errp);
		else
			h->nlogs++;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(dir);
	return rc;
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
	if ((rc = find_logs(h, errp)) != SF_OK ||
	    (rc = sf_hive_replay(h, errp)) != SF_OK)
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
