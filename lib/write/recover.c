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
 * spoolfix recover: a dirty hive written out as Windows would recover
 * it from its transaction logs, as a clean file (equal sequence
 * numbers, the right checksum).  The hive reader already rebuilt the
 * image in memory (hive/log_replay.c); this writes those bytes, no
 * writer involved, with the safety of a repair:
 *
 *   -o OUT      a temporary file beside OUT, fsync, verification, then
 *               rename to OUT, which must not exist; the hive and its
 *               logs are not touched
 *   --in-place  lock, reread (the hive must be as read), backup of the
 *               hive and its logs, temporary file beside the hive,
 *               fsync, verification, rename over the hive; then its
 *               logs, which no longer match it, leave the folder (their
 *               verified copies stay in the backup folder)
 *
 * Verification reads the written file back with spoolfix's reader (a
 * clean, undamaged hive with the bytes written) and libregf (it opens
 * the file and reads every key and value).
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/repair.h"

static int
exists(const char *path)
{
	sf_file_id id;

	return sf_file_identity(path, &id) == 0;
}

/* The written file: clean, sound, the bytes meant, and libregf reads it. */
static sf_status
verify_recovered(const sf_hive *h, const char *tmp, sf_error **errp)
{
	sf_machine	*m = NULL;
	const sf_hive	*w;
	sf_filedata	 back;
	sf_status	 rc;

	memset(&back, 0, sizeof(back));
	if ((rc = sf_file_read(tmp, h->file.size + 1, &back, errp)) != SF_OK)
		return rc;
	if (back.size != h->file.size || memcmp(back.data, h->file.data,
	    back.size) != 0)
		rc = sf_err(errp, SF_ERR_VERIFY, "check the disk", "the "
		    "recovered hive does not read back as written");
	sf_file_release(&back);
	if (rc != SF_OK)
		return rc;
	if ((rc = sf_machine_new(&m, errp)) != SF_OK)
		return rc;
	sf_machine_set_logs(m, 0);
	/* Out of memory while reading it back says nothing of the file. */
	if ((rc = sf_machine_add_file(m, tmp, h->kind, h->profile, NULL)) ==
	    SF_ERR_NOMEM)
		rc = sf_err_nomem(errp);
	else if (rc != SF_OK)
		rc = sf_err(errp, SF_ERR_VERIFY, NULL, "the recovered hive "
		    "cannot be read back");
	else if ((w = sf_machine_hive(m, 0))->dirty || w->corrupt ||
	    w->problems.n > 0)
		rc = sf_err(errp, SF_ERR_VERIFY, NULL, "the recovered hive is "
		    "not sound: %s", w->problems.n > 0 ? w->problems.v[0] :
		    "dirty or damaged");
	sf_machine_free(m);
	/* libregf's walk of every key: the file against itself. */
	if (rc == SF_OK)
		rc = canon_compare(tmp, tmp, NULL, 0, 0, errp);
	return rc;
}

/* Writes the image to a new temporary file in dir, fsynced, verified. */
static sf_status
write_verified(const sf_hive *h, const char *dir, const char *name,
    const char *mode_from, char **tmpp, sf_error **errp)
{
	sf_buf		 b;
	char		*tmp = NULL;
	sf_status	 rc;

	*tmpp = NULL;
	sf_buf_init(&b);
	sf_buf_printf(&b, ".%s.spoolfix-new", name);
	if (b.p == NULL)
		return sf_err_nomem(errp);
	/* A unique name; the file is then created exclusively again. */
	rc = sf_file_temp(dir, b.p, &tmp, errp);
	sf_buf_free(&b);
	if (rc != SF_OK)
		return rc;
	sf_file_remove(tmp);
	if ((rc = sf_step("commit", tmp, errp)) != SF_OK ||
	    (rc = sf_file_write_new(tmp, h->file.data, h->file.size,
	    errp)) != SF_OK) {
		free(tmp);
		return rc;
	}
	if ((mode_from == NULL || (rc = sf_file_copy_mode(mode_from, tmp,
	    errp)) == SF_OK) &&
	    (rc = sf_step("sync", tmp, errp)) == SF_OK &&
	    (rc = sf_file_sync(tmp, errp)) == SF_OK &&
	    (rc = sf_step("verify", tmp, errp)) == SF_OK)
		rc = verify_recovered(h, tmp, errp);
	if (rc != SF_OK) {
		sf_file_remove(tmp);
		free(tmp);
		return rc;
	}
	*tmpp = tmp;
	return SF_OK;
}

/* Why the hive cannot be recovered, naming each log's fate. */
static sf_status
refuse(const sf_hive *h, sf_error **errp)
{
	sf_buf		 b;
	size_t		 i;
	sf_status	 rc;

	if (!h->dirty)
		return sf_err(errp, SF_ERR_ARG, "scan or repair it as it is",
		    "%s is clean (sequence numbers %u and %u): there is "
		    "nothing to recover", h->path, h->regf.seq1, h->regf.seq2);
	sf_buf_init(&b);
	if (h->nlogs == 0)
		sf_buf_adds(&b, "no transaction log lies beside it");
	for (i = 0; i < h->nlogs; i++)
		sf_buf_printf(&b, "%s%s: %s", i ? "; " : "",
		    sf_path_base(h->logs[i]), h->log_note != NULL &&
		    h->log_note[i] != NULL ? h->log_note[i] : "not read");
	rc = sf_err(errp, SF_ERR_UNSAFE, "copy the hive again together with "
	    "its .LOG1/.LOG2 files, or let Windows load it (reg load / reg "
	    "unload)", "%s is dirty (sequence numbers %u and %u) and no "
	    "usable transaction log was found (%s)", h->path, h->disk_seq1,
	    h->disk_seq2, b.p != NULL ? b.p : "");
	sf_buf_free(&b);
	return rc;
}

/* The file must still be what was read: no edit since, no swap. */
static sf_status
unchanged(const sf_hive *h, sf_filedata *whole, sf_error **errp)
{
	const sf_filedata *disk = sf_hive_disk_bytes(h);
	sf_status	 rc;

	if ((rc = sf_file_read(h->path, (size_t)2 << 30, whole, errp)) !=
	    SF_OK)
		return rc;
	if (whole->size != h->file_size || whole->size < disk->size ||
	    memcmp(whole->data, disk->data, disk->size) != 0)
		return sf_err(errp, SF_ERR_UNSAFE, "run recover again",
		    "%s changed while it was being recovered", h->path);
	return SF_OK;
}

/* In place: lock, reread, backup, write, verify, rename, logs out. */
static sf_status
in_place(sf_hive *h, const sf_recover_opts *o, sf_repair *res,
    sf_error **errp)
{
	job		 j;
	sf_buf		 b;
	sf_repair_opts	 ro;
	char		*stamp = NULL, *tmp = NULL, *lockpath = NULL;
	size_t		 i;
	sf_status	 rc;

	memset(&j, 0, sizeof(j));
	memset(&ro, 0, sizeof(ro));
	ro.backup_dir = o->backup_dir;
	j.hive = h;
	sf_buf_init(&b);
	sf_buf_printf(&b, "%s.spoolfix.lock", h->path);
	if ((lockpath = sf_buf_take(&b)) == NULL ||
	    (stamp = sf_timestamp()) == NULL ||
	    (j.dir = sf_path_dir(h->path)) == NULL ||
	    (res->backup_dir = repair_backup_dir(&ro, stamp)) == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	j.stamp = stamp;
	j.backup_dir = res->backup_dir;
	if ((rc = sf_step("lock", lockpath, errp)) != SF_OK ||
	    (rc = sf_lock_take(lockpath, &j.lock, errp)) != SF_OK)
		goto out;
	if (!sf_file_writable(h->path)) {
		rc = sf_err(errp, SF_ERR_UNSAFE, "make it writable (chmod "
		    "u+w), or write the recovered hive elsewhere with -o",
		    "%s is read-only; spoolfix leaves it as it is", h->path);
		goto out;
	}
	if (!sf_dir_writable(j.dir)) {
		rc = sf_err(errp, SF_ERR_UNSAFE, "write the recovered hive "
		    "elsewhere with -o", "%s: its folder %s is read-only",
		    h->path, j.dir);
		goto out;
	}
	if ((rc = sf_step("reread", h->path, errp)) != SF_OK ||
	    (rc = unchanged(h, &j.whole, errp)) != SF_OK ||
	    (rc = job_backup(&j, errp)) != SF_OK)
		goto out;
	if ((rc = write_verified(h, j.dir, sf_path_base(h->path), h->path,
	    &tmp, errp)) != SF_OK)
		goto out;
	sf_file_release(&j.whole);
	if ((rc = unchanged(h, &j.whole, errp)) != SF_OK ||
	    (rc = sf_step("rename", h->path, errp)) != SF_OK ||
	    (rc = sf_file_rename(tmp, h->path, errp)) != SF_OK)
		goto out;
	free(tmp);
	tmp = NULL;
	/*
	 * The hive is clean now and its old logs describe the file it
	 * replaced: they leave its folder.  Their copies in the backup
	 * folder were read back and compared before anything changed.
	 */
	for (i = 0; i < h->nlogs; i++)
		sf_file_remove(h->logs[i]);
	{
		sf_error *e = NULL;

		if (sf_step("dirsync", j.dir, &e) == SF_OK)
			sf_dir_sync(j.dir, &e);
		sf_error_free(e);
	}
out:
	if (tmp != NULL)
		sf_file_remove(tmp);
	free(tmp);
	if (repair_add(res, h->path, rc == SF_OK ? SF_REPAIR_APPLIED :
	    SF_REPAIR_FAILED, 0, NULL, j.backup) == -1 && rc == SF_OK)
		rc = sf_err_nomem(errp);
	free(j.backup);
	free(j.recovered);
	free(j.dir);
	sf_file_release(&j.whole);
	sf_lock_release(j.lock);
	free(lockpath);
	free(stamp);
	return rc;
}

static sf_status
to_file(sf_hive *h, const char *out, sf_repair *res, sf_error **errp)
{
	char		*dir, *tmp = NULL;
	sf_status	 rc;

	if (exists(out))
		return sf_err(errp, SF_ERR_ARG, "name a file that does not "
		    "exist yet, or remove it first", "%s exists; recover "
		    "does not overwrite files", out);
	if ((dir = sf_path_dir(out)) == NULL)
		return sf_err_nomem(errp);
	rc = write_verified(h, dir, sf_path_base(out), NULL, &tmp, errp);
	if (rc == SF_OK && exists(out))
		rc = sf_err(errp, SF_ERR_ARG, "run recover again", "%s "
		    "appeared while the recovered hive was written", out);
	if (rc == SF_OK && (rc = sf_step("rename", out, errp)) == SF_OK &&
	    (rc = sf_file_rename(tmp, out, errp)) == SF_OK) {
		sf_error *e = NULL;

		free(tmp);
		tmp = NULL;
		sf_dir_sync(dir, &e);
		sf_error_free(e);
	}
	if (tmp != NULL)
		sf_file_remove(tmp);
	free(tmp);
	free(dir);
	if (repair_add(res, out, rc == SF_OK ? SF_REPAIR_APPLIED :
	    SF_REPAIR_FAILED, 0, NULL, NULL) == -1 && rc == SF_OK)
		rc = sf_err_nomem(errp);
	return rc;
}

sf_status
sf_recover(const char *path, const sf_recover_opts *o, sf_repair **resp,
    sf_error **errp)
{
	sf_machine	*m = NULL;
	sf_hive		*h;
	sf_repair	*res;
	sf_status	 rc;

	*resp = NULL;
	if (o == NULL || (o->out == NULL) == !o->in_place)
		return sf_err(errp, SF_ERR_ARG, "give -o OUT or --in-place",
		    "recover writes either a new file or the hive itself");
	if ((res = repair_new()) == NULL)
		return sf_err_nomem(errp);
	*resp = res;
	if ((rc = sf_machine_new(&m, errp)) != SF_OK)
		return rc;
	if ((rc = sf_machine_add_file(m, path, SF_HIVE_UNKNOWN, NULL,
	    errp)) != SF_OK) {
		sf_machine_free(m);
		return rc;
	}
	h = m->hive[0];
	if (!h->replayed)
		rc = refuse(h, errp);
	else if (h->corrupt)
		rc = sf_err(errp, SF_ERR_UNSAFE, "let Windows load the hive "
		    "(reg load / reg unload), or restore it from a backup",
		    "%s: the hive recovered from its logs is damaged (%s)",
		    h->path, h->problems.n > 0 ? h->problems.v[0] :
		    "see the scan");
	else if (o->in_place)
		rc = in_place(h, o, res, errp);
	else
		rc = to_file(h, o->out, res, errp);
	sf_machine_free(m);
	return rc;
}
