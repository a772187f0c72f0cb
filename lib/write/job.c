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
 * Writing one hive safely.  The original is never opened for writing.
 * A job runs in three parts, so that a repair of several hives can
 * check all of them before it writes any (see repair.c):
 *
 * job_check
 *   lock      <hive>.spoolfix.lock, held by the kernel for this process
 *             until job_release
 *   refuse    read-only hives and folders
 *   reread    the file must still be byte-identical to what was scanned
 *   refuse    damaged hives, dirty hives whose logs were not applied,
 *             paths that lead to two keys of one name, and what the
 *             writer cannot do safely (its check); a dirty hive read
 *             with its logs applied is repaired from the recovered image
 * job_backup
 *   backup    byte copies of the hive and its .LOG files (and of the
 *             recovered image, which verification compares with), read
 *             back
 * job_write
 *             the file is read again and must still be what was scanned
 *   undo      the undo file, written before anything changes
 *   prepare   the writer prepares (the offline one: its image in memory)
 *   apply     the writer applies the operations, addressed by path
 *   commit    the writer writes a temporary file beside the hive
 *   sync      fsync of the temporary file
 *   verify    libregf and spoolfix's reader read it back: the structure
 *             is sound, the logical content differs from the original by
 *             exactly the planned changes, and the rules are satisfied
 *   rename    the temporary file replaces the hive atomically; the old
 *             logs of a recovered hive then leave its folder
 *   dirsync   fsync of the folder, so the rename survives a crash
 *
 * A crash or failure at any step leaves the original byte-identical
 * (only the rename changes it, atomically, and only after verification).
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/repair.h"
#ifdef _WIN32
#include "write/live.h"
#endif

void
writer_free(writer *w)
{
	if (w != NULL)
		w->ops->free(w);
	free(w);
}

void
job_release(job *j)
{
	size_t i;

	for (i = 0; i < j->ntouch; i++) {
		sf_keypath_free(&j->touch[i].path);
		free(j->touch[i].value);
	}
	free(j->touch);
	free(j->op);
#ifdef _WIN32
	live_job_release(j);
#endif
	writer_free(j->w);
	free(j->backup);
	free(j->recovered);
	free(j->dir);
	sf_file_release(&j->whole);
	sf_lock_release(j->lock);
	j->touch = NULL;
	j->op = NULL;
	j->nop = 0;
	j->w = NULL;
	j->backup = NULL;
	j->recovered = NULL;
	j->dir = NULL;
	j->lock = NULL;
	j->ntouch = 0;
}

int
job_op(job *j, const wop *op)
{
	wop *no;

	if ((no = sf_reallocarray(j->op, j->nop + 1, sizeof(*no))) == NULL)
		return -1;
	j->op = no;
	no[j->nop++] = *op;
	return 0;
}

static int
job_touch(job *j, touch_kind kind, const sf_keypath *p,
    const uint16_t *value, size_t valuelen)
{
	touch	*nt;

	if ((nt = sf_reallocarray(j->touch, j->ntouch + 1, sizeof(*nt))) ==
	    NULL)
		return -1;
	j->touch = nt;
	memset(&nt[j->ntouch], 0, sizeof(*nt));
	nt[j->ntouch].kind = kind;
	if (sf_keypath_copy(&nt[j->ntouch].path, p, p->n) == -1)
		return -1;
	if (kind == TOUCH_VALUE && (nt[j->ntouch].value = sf_u16dup(value,
	    valuelen)) == NULL) {
		sf_keypath_free(&nt[j->ntouch].path);
		return -1;
	}
	nt[j->ntouch].valuelen = valuelen;
	j->ntouch++;
	return 0;
}

/*
 * A key to create: the writer creates its missing parents too (an undo
 * or plan file may name a key below one that is gone), so everything
 * from the first missing key down is an expected change.  -1: no
 * memory.
 */
static int
touch_new(job *j, sf_hive *h, const sf_keypath *p)
{
	sf_keypath	 first;
	sf_find		 how;
	size_t		 n;
	int		 rc;

	for (n = 1; n < p->n && sf_key_find(h, p, n, &how) != NULL; n++)
		;
	if (sf_keypath_copy(&first, p, n) == -1)
		return -1;
	rc = job_touch(j, TOUCH_SUBTREE, &first, NULL, 0);
	sf_keypath_free(&first);
	return rc;
}

/* A backup copy, exclusive, then read back and compared. */
static sf_status
backup_file(const char *dir, const char *name, const uint8_t *data,
    size_t n, char **out, sf_error **errp)
{
	sf_filedata	 back;
	char		*path;
	sf_status	 rc;

	if ((path = sf_path_join(dir, name)) == NULL)
		return sf_err_nomem(errp);
	if ((rc = sf_step("backup", path, errp)) != SF_OK ||
	    (rc = sf_file_write_new(path, data, n, errp)) != SF_OK) {
		free(path);
		return rc;
	}
	if ((rc = sf_file_read(path, n + 1, &back, errp)) != SF_OK) {
		free(path);
		return rc;
	}
	if (back.size != n || (n > 0 && memcmp(back.data, data, n) != 0))
		rc = sf_err(errp, SF_ERR_VERIFY, "check the disk holding the "
		    "backup folder", "the backup %s does not read back as "
		    "written", path);
	sf_file_release(&back);
	if (rc == SF_OK && out != NULL)
		*out = path;
	else
		free(path);
	return rc;
}

static char *
backup_name(const job *j, const char *file)
{
	sf_buf		 b;
	const char	*p = j->hive->profile;
	size_t		 i;

	sf_buf_init(&b);
	sf_buf_adds(&b, sf_path_base(file));
	if (p != NULL) {
		sf_buf_addc(&b, '.');
		/* profile names come from folders: keep them file-safe */
		for (i = 0; p[i] != '\0'; i++)
			sf_buf_addc(&b, p[i] == '/' || p[i] == '\\' ? '_' :
			    p[i]);
	}
	sf_buf_printf(&b, ".%s.bak", j->stamp);
	return sf_buf_take(&b);
}

static sf_status
backups(job *j, const sf_filedata *cur, sf_error **errp)
{
	sf_filedata	 log;
	char		*name;
	size_t		 i;
	sf_status	 rc;

	if ((rc = sf_dir_make(j->backup_dir, errp)) != SF_OK)
		return rc;
	if ((name = backup_name(j, j->hive->path)) == NULL)
		return sf_err_nomem(errp);
	rc = backup_file(j->backup_dir, name, cur->data, cur->size,
	    &j->backup, errp);
	free(name);
	/* Logs applied: the recovered hive too, the base of the repair. */
	if (rc == SF_OK && j->hive->replayed) {
		sf_buf b;

		sf_buf_init(&b);
		sf_buf_printf(&b, "%s.recovered.%s.bak",
		    sf_path_base(j->hive->path), j->stamp);
		rc = b.p == NULL ? sf_err_nomem(errp) : backup_file(
		    j->backup_dir, b.p, j->hive->file.data, j->hive->file.size,
		    &j->recovered, errp);
		sf_buf_free(&b);
	}
	for (i = 0; rc == SF_OK && i < j->hive->nlogs; i++) {
		if ((rc = sf_file_read(j->hive->logs[i], (size_t)2 << 30, &log,
		    errp)) != SF_OK)
			break;
		if ((name = backup_name(j, j->hive->logs[i])) == NULL)
			rc = sf_err_nomem(errp);
		else
			rc = backup_file(j->backup_dir, name, log.data,
			    log.size, NULL, errp);
		free(name);
		sf_file_release(&log);
	}
	if (rc == SF_OK)
		rc = sf_dir_sync(j->backup_dir, errp);
	return rc;
}

static sf_status
refuse_unsafe(const sf_hive *h, sf_error **errp)
{
	/* With its logs applied, the repair starts from the recovered hive. */
	if (h->dirty && !h->replayed)
		return sf_err(errp, SF_ERR_UNSAFE, "copy the hive again with "
		    "its .LOG1/.LOG2 files beside it, or boot the machine "
		    "once, or load and unload the hive on Windows (reg load / "
		    "reg unload); then scan and repair a fresh copy", "%s is "
		    "dirty (sequence numbers %u and %u) and no usable "
		    "transaction log was applied: its latest changes are "
		    "missing, and writing it would throw them away", h->path,
		    h->disk_seq1, h->disk_seq2);
	if (h->corrupt)
		return sf_err(errp, SF_ERR_UNSAFE, "restore the hive from a "
		    "backup, or let Windows repair it, then scan again",
		    "%s is damaged (%s); spoolfix does not write damaged "
		    "hives", h->path, h->problems.n > 0 ? h->problems.v[0] :
		    "see the scan");
	return SF_OK;
}

/* Loads the written file as a hive of the same kind and checks it. */
static sf_status
read_back(job *j, const char *tmp, sf_error **errp)
{
	sf_machine	*m = NULL;
	sf_hive		*w;
	sf_status	 rc;

	if ((rc = sf_machine_new(&m, errp)) != SF_OK)
		return rc;
	if ((rc = sf_machine_add_file(m, tmp, j->hive->kind, j->hive->profile,
	    errp)) != SF_OK) {
		sf_machine_free(m);
		if (rc == SF_ERR_NOMEM)
			return rc;
		if (errp != NULL)
			sf_error_free(*errp);
		return sf_err(errp, SF_ERR_VERIFY, NULL, "the written hive "
		    "cannot be read back");
	}
	w = m->hive[0];
	if (w->dirty || w->corrupt || w->problems.n > 0)
		rc = sf_err(errp, SF_ERR_VERIFY, "nothing was changed; report "
		    "this with the backup files", "the written hive is not "
		    "sound: %s", w->problems.n > 0 ? w->problems.v[0] :
		    "dirty or damaged");
	else if (j->expect != NULL)
		rc = j->expect(j, w, errp);
	/* A key the checks could not load is not a key found missing. */
	if (rc != SF_OK && sf_hive_incomplete(w)) {
		if (errp != NULL)
			sf_error_free(*errp);
		rc = sf_err_nomem(errp);
	}
	sf_machine_free(m);
	return rc;
}

/*
 * Verification failed: nothing was changed.  Errors without advice get
 * the job's, so that the user learns what to do from here.
 */
static sf_status
verify_failed(job *j, sf_status rc, sf_error **errp)
{
	sf_error	*e;
	sf_buf		 b;

	if (errp == NULL || (e = *errp) == NULL || sf_error_code(e) ==
	    SF_ERR_NOMEM || *sf_error_advice(e) != '\0')
		return rc;
	sf_buf_init(&b);
	if (j->verify_advice != NULL)
		sf_buf_adds(&b, j->verify_advice);
	else
		sf_buf_printf(&b, "nothing was changed, %s is as it was; "
		    "report this with the backup files in %s", j->hive->path,
		    j->backup_dir);
	if (b.p != NULL) {
		sf_err(errp, rc, b.p, "%s", sf_error_message(e));
		sf_error_free(e);
	}
	sf_buf_free(&b);
	return rc;
}

/* The file must be what was scanned: no edit since, no swap. */
static sf_status
unchanged(job *j, sf_error **errp)
{
	sf_filedata	*cur = &j->whole;
	const sf_filedata *disk = sf_hive_disk_bytes(j->hive);
	sf_status	 rc;

	/* The whole file: backups and the writer take every byte. */
	sf_file_release(cur);
	if ((rc = sf_file_read(j->hive->path, (size_t)2 << 30, cur, errp)) !=
	    SF_OK)
		return rc;
	/*
	 * The scan read only the declared hive, not the padding after it;
	 * a hive read with its logs applied is compared as on disk.
	 */
	if (cur->size != j->hive->file_size || cur->size < disk->size ||
	    memcmp(cur->data, disk->data, disk->size) != 0)
		rc = sf_err(errp, SF_ERR_UNSAFE, "scan it again and repair "
		    "from the new scan", "%s changed after it was scanned",
		    j->hive->path);
	return rc;
}

/* A path for messages: A\B\C. */
static char *
shown_path(const sf_keypath *p)
{
	sf_buf	 b;
	char	*s;
	size_t	 i;

	sf_buf_init(&b);
	sf_buf_adds(&b, "");
	for (i = 0; i < p->n; i++) {
		s = sf_u16_to_display(p->seg[i].u, p->seg[i].len);
		sf_buf_printf(&b, "%s%s", i > 0 ? "\\" : "", s != NULL ? s :
		    "?");
		free(s);
	}
	return sf_buf_take(&b);
}

/*
 * The operations the job gathered: each path must lead to one key (or
 * to none, for a key to create), what verification may find changed is
 * noted, and the writer refuses what it cannot do.
 */
static sf_status
check_ops(job *j, sf_error **errp)
{
	sf_hive		*h = j->hive;
	const wop	*op;
	sf_key		*k;
	sf_find		 how;
	char		*p;
	size_t		 i;
	int		 rc;

	for (i = 0; i < j->nop; i++) {
		op = &j->op[i];
		k = sf_key_find(h, op->path, op->path->n, &how);
		if (how == SF_FIND_AMBIGUOUS) {
			p = shown_path(op->path);
			rc = sf_err(errp, SF_ERR_UNSAFE, "let Windows repair the "
			    "hive (load and unload it with reg load), or "
			    "restore it from a backup, then scan again", "%s: "
			    "the path %s leads to two keys whose names differ "
			    "at most in case (the hive is damaged); spoolfix "
			    "cannot tell which one to change", h->path,
			    p != NULL ? p : "?");
			free(p);
			return rc;
		}
		if (op->kind == WOP_CREATE_KEY && k == NULL)
			rc = touch_new(j, h, op->path);
		else if (op->kind == WOP_DELETE_KEY)
			rc = k != NULL ? job_touch(j, TOUCH_SUBTREE, op->path,
			    NULL, 0) : 0;
		else if (op->kind == WOP_CREATE_KEY)
			rc = 0;		/* there already */
		else
			rc = job_touch(j, TOUCH_VALUE, op->path, op->name,
			    op->namelen);
		if (rc == -1)
			return sf_err_nomem(errp);
	}
	if (j->w == NULL && (rc = writer_regf_new(h, &j->w, errp)) != SF_OK)
		return rc;
	/* A hive read with its logs applied is edited as recovered. */
	j->w->image = h->replayed ? &h->file : &j->whole;
	j->w->compact = j->compact;
	j->w->scratch = j->backup_dir;
	return j->w->ops->check(j->w, j->op, j->nop, errp);
}

sf_status
job_check(job *j, sf_error **errp)
{
	char		*lockpath;
	sf_buf		 b;
	sf_status	 rc;

#ifdef _WIN32
	/* A loaded hive of the running registry: no file to lock or copy. */
	if (j->hive->live)
		return live_job_check(j, errp);
#endif
	sf_buf_init(&b);
	sf_buf_printf(&b, "%s.spoolfix.lock", j->hive->path);
	if ((lockpath = sf_buf_take(&b)) == NULL ||
	    (j->dir = sf_path_dir(j->hive->path)) == NULL) {
		free(lockpath);
		return sf_err_nomem(errp);
	}
	if ((rc = sf_step("lock", lockpath, errp)) == SF_OK)
		rc = sf_lock_take(lockpath, &j->lock, errp);
	free(lockpath);
	if (rc != SF_OK)
		return rc;
	/* Holding the lock, any temporary file left here is a killed run's. */
	sf_buf_init(&b);
	sf_buf_printf(&b, ".%s.spoolfix-new.", sf_path_base(j->hive->path));
	if (b.p != NULL)
		sf_remove_stale(j->dir, b.p);
	sf_buf_free(&b);
	if (!sf_file_writable(j->hive->path))
		return sf_err(errp, SF_ERR_UNSAFE, "make it writable (chmod "
		    "u+w) if it really should be changed", "%s is read-only; "
		    "spoolfix leaves it as it is", j->hive->path);
	/* The repaired hive is written beside it, then renamed over it. */
	if (!sf_dir_writable(j->dir))
		return sf_err(errp, SF_ERR_UNSAFE, "make the folder writable, "
		    "or copy the hives to a writable folder and repair them "
		    "there", "%s: its folder %s is read-only, and the repaired "
		    "hive is written there first", j->hive->path, j->dir);
	if ((rc = sf_step("reread", j->hive->path, errp)) != SF_OK ||
	    (rc = unchanged(j, errp)) != SF_OK ||
	    (rc = refuse_unsafe(j->hive, errp)) != SF_OK)
		return rc;
	if ((rc = j->precheck(j, errp)) != SF_OK)
		return rc;
	return check_ops(j, errp);
}

sf_status
job_backup(job *j, sf_error **errp)
{
#ifdef _WIN32
	if (j->hive->live)
		return live_job_backup(j, errp);
#endif
	/* job_check read the whole file and found it as scanned. */
	return backups(j, &j->whole, errp);
}

/* The writer's part: begin, every operation, commit. */
static sf_status
run_writer(void *arg, sf_error **errp)
{
	job		*j = arg;
	writer		*w = j->w;
	size_t		 i;
	sf_status	 rc;

	if ((rc = w->ops->begin(w, errp)) == SF_OK &&
	    (rc = sf_step("apply", j->hive->path, errp)) == SF_OK)
		for (i = 0; i < j->nop && rc == SF_OK; i++)
			rc = w->ops->apply(w, &j->op[i], errp);
	if (rc == SF_OK && (rc = sf_step("commit", w->out, errp)) == SF_OK)
		rc = w->ops->commit(w, errp);
	w->ops->end(w);
	return rc;
}

sf_status
job_write(job *j, sf_error **errp)
{
	char		*tmp = NULL;
	sf_buf		 b;
	sf_status	 rc;
	const char	*base = sf_path_base(j->hive->path);

#ifdef _WIN32
	if (j->hive->live)
		return live_job_write(j, errp);
#endif
	/*
	 * The lock keeps other spoolfix runs out, not other programs: the
	 * file is read once more, as other hives may have been written
	 * since it was checked.
	 */
	if ((rc = unchanged(j, errp)) != SF_OK)
		goto out;
	if ((rc = sf_step("undo", NULL, errp)) != SF_OK ||
	    (j->undo != NULL && (rc = j->undo(j, errp)) != SF_OK))
		goto out;

	/* The writer writes the new hive beside the old one. */
	sf_buf_init(&b);
	sf_buf_printf(&b, ".%s.spoolfix-new", base);
	if ((tmp = sf_buf_take(&b)) == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	{
		char *t = NULL;

		rc = sf_file_temp(j->dir, tmp, &t, errp);
		free(tmp);
		tmp = t;
	}
	if (rc != SF_OK)
		goto out;
	j->w->out = tmp;
	rc = run_writer(j, errp);
	j->written = j->w->written;
	j->w->out = NULL;
	j->w->ops->end(j->w);
	if (rc != SF_OK)
		goto out;
	if ((rc = sf_file_copy_mode(j->hive->path, tmp, errp)) != SF_OK ||
	    (rc = sf_step("sync", tmp, errp)) != SF_OK ||
	    (rc = sf_file_sync(tmp, errp)) != SF_OK)
		goto out;

	if ((rc = sf_step("verify", tmp, errp)) != SF_OK ||
	    (rc = read_back(j, tmp, errp)) != SF_OK ||
	    (rc = canon_compare(j->recovered != NULL ? j->recovered :
	    j->hive->path, tmp, j->touch, j->ntouch, j->compact &&
	    j->nop == 0, errp)) != SF_OK ||
	    (j->recheck != NULL && (rc = j->recheck(j, tmp, errp)) != SF_OK)) {
		rc = verify_failed(j, rc, errp);
		goto out;
	}

	if ((rc = sf_step("rename", j->hive->path, errp)) != SF_OK ||
	    (rc = sf_file_rename(tmp, j->hive->path, errp)) != SF_OK)
		goto out;
	free(tmp);
	tmp = NULL;
	/*
	 * A hive repaired from its recovered state is clean, and its old
	 * logs no longer match it: they are moved out (their copies in the
	 * backup folder were read back before anything changed).
	 */
	if (j->hive->replayed) {
		size_t i;

		for (i = 0; i < j->hive->nlogs; i++)
			sf_file_remove(j->hive->logs[i]);
	}
	/*
	 * The hive is replaced: from here nothing can undo that, so making
	 * the rename durable is best effort (some file systems cannot sync
	 * a folder) and a failure is not reported as "left unchanged".
	 */
	{
		sf_error *e = NULL;

		if (sf_step("dirsync", j->dir, &e) == SF_OK)
			sf_dir_sync(j->dir, &e);
		sf_error_free(e);
	}
	rc = SF_OK;
out:
	if (tmp != NULL)
		sf_file_remove(tmp);
	free(tmp);
	return rc;
}

sf_status
repair_job(job *j, sf_error **errp)
{
	sf_status rc;

	if ((rc = job_check(j, errp)) == SF_OK &&
	    (rc = job_backup(j, errp)) == SF_OK)
		rc = job_write(j, errp);
	return rc;
}

sf_repair *
repair_new(void)
{
	sf_repair *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	if (repair_reserve(r, 8) == -1) {
		free(r);
		return NULL;
	}
	return r;
}

int
repair_reserve(sf_repair *r, size_t n)
{
	hive_result *nh;

	if (n <= r->cap)
		return 0;
	if ((nh = sf_reallocarray(r->h, n, sizeof(*nh))) == NULL)
		return -1;
	r->h = nh;
	r->cap = n;
	return 0;
}

int
repair_add(sf_repair *r, const char *path, sf_repair_state st,
    size_t changes, sf_error *e, const char *backup)
{
	hive_result *nh;

	if (r->n == r->cap && repair_reserve(r, 2 * r->cap + 1) == -1)
		return -1;
	nh = r->h;
	memset(&nh[r->n], 0, sizeof(*nh));
	nh[r->n].path = sf_strdup(path);
	nh[r->n].state = st;
	nh[r->n].changes = changes;
	nh[r->n].error = e;
	nh[r->n].backup = backup != NULL ? sf_strdup(backup) : NULL;
	r->n++;
	return 0;
}

char *
repair_backup_dir(const sf_repair_opts *o, const char *stamp)
{
	sf_buf b;

	if (o != NULL && o->backup_dir != NULL)
		return sf_strdup(o->backup_dir);
	sf_buf_init(&b);
	sf_buf_printf(&b, "spoolfix-backup-%s", stamp);
	return sf_buf_take(&b);
}

void
sf_repair_free(sf_repair *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++) {
		size_t k;

		free(r->h[i].path);
		free(r->h[i].backup);
		sf_error_free(r->h[i].error);
		for (k = 0; k < r->h[i].nentry; k++)
			free(r->h[i].entry[k]);
		free(r->h[i].entry);
	}
	free(r->h);
	free(r->undo);
	free(r->backup_dir);
	free(r->service);
	free(r);
}

const char *
sf_repair_service(const sf_repair *r)
{
	return r->service;
}

int
sf_repair_service_failed(const sf_repair *r)
{
	return r->service_failed;
}

size_t
sf_repair_count(const sf_repair *r)
{
	return r->n;
}

const char *
sf_repair_path(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].path : NULL;
}

sf_repair_state
sf_repair_state_of(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].state : SF_REPAIR_UNCHANGED;
}

size_t
sf_repair_changes(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].changes : 0;
}

const sf_error *
sf_repair_error(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].error : NULL;
}

const char *
sf_repair_backup(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].backup : NULL;
}

uint64_t
sf_repair_size_before(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].size_before : 0;
}

uint64_t
sf_repair_size_after(const sf_repair *r, size_t i)
{
	return i < r->n ? r->h[i].size_after : 0;
}

const char *
sf_repair_undo_file(const sf_repair *r)
{
	return r->undo;
}

const char *
sf_repair_backup_dir(const sf_repair *r)
{
	return r->backup_dir;
}
