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
 * A job on a live hive (Windows only): what job.c does for a hive file,
 * for a loaded hive of the running registry.  There is no file to
 * lock, copy or rename, so:
 *
 * live_job_check
 *   the operations (the job's precheck), then every key they touch is
 *   read from the live registry, with everything below a key to delete
 *   ("snapshots"), and must be exactly as the scan found it (names,
 *   values, subkeys) and have the last-write time the scan read with
 *   it (sf_key.written); otherwise refused, nothing changed.  Both, as
 *   each catches what the other cannot: the time, a key rewritten with
 *   what it held (a value set to its own data, one added and removed
 *   again: the content is the same, but another program is at work on
 *   it); the content, a change whose time stamp was set back
 *   (NtSetInformationKey can set it to anything) or that fell within
 *   one tick of the clock
 * live_job_backup
 *   the snapshots, lossless (counted UTF-16 names, NULs and lone
 *   surrogates included, class names, last-write times), to
 *   <backup-dir>/<hive>.<time>.live-backup, fsynced and read back
 * live_job_recheck (the spooler already stopped by the run, for every
 * hive before the first is changed)
 *   each touched key is read again and must still be the snapshot, with
 *   the scan's last-write time: a change since the check (by another
 *   program, or by the spooler as it stopped) means refused, nothing
 *   changed
 * live_job_write
 *   the recheck once more, right before this hive's change (an earlier
 *   hive's change took time); then the undo file, the operations
 *   through the live writer, a flush, and verification on the registry
 *   read afresh (the plan holds, the rules no longer report the fixed
 *   findings).  A failure on the way, or in verification, rolls back
 *   from the snapshots, and reads the keys again to prove they are as
 *   before; the error says which of the two the registry is in.
 *
 * The backup file's format (integers little-endian):
 *   "SPOOLFIX LIVE BACKUP 1\n", the hive ("HKLM\SYSTEM") and "\n",
 *   u32 entries, each: u8 'K' or 'V', the key path (u32 segments, each
 *   u32 units + UTF-16LE units); 'K': u8 present, then if present the
 *   key; 'V': the value name (u32 + units), u8 present, u32 type,
 *   u32 size, the data.  A key: name, u64 last-write time, class
 *   (u32 units or 0xffffffff for none, the units), u32 values (name,
 *   u32 type, u32 size, data), u32 subkeys, each a key.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/live.h"

typedef struct lentry {
	int		 value;		/* a value, else a key and below */
	sf_keypath	 path;
	uint16_t	*name;		/* value entries */
	size_t		 namelen;
	lkey		*key;		/* as read; NULL: absent */
} lentry;

typedef struct live_job {
	lentry		*e;
	size_t		 n;
} live_job;

static void
lj_free(live_job *lj)
{
	size_t i;

	if (lj == NULL)
		return;
	for (i = 0; i < lj->n; i++) {
		sf_keypath_free(&lj->e[i].path);
		free(lj->e[i].name);
		live_key_free(lj->e[i].key);
	}
	free(lj->e);
	free(lj);
}

void
live_job_release(job *j)
{
	lj_free(j->live);
	j->live = NULL;
}

static const lval *
lk_value(const lkey *k, const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; k != NULL && i < k->nval; i++)
		if (k->val[i].namelen == n && (n == 0 || memcmp(k->val[i].name,
		    u, n * sizeof(*u)) == 0))
			return &k->val[i];
	return NULL;
}

static int
add_entry(live_job *lj, int value, const sf_keypath *p, size_t n,
    const uint16_t *name, size_t namelen)
{
	lentry *ne;

	if ((ne = sf_reallocarray(lj->e, lj->n + 1, sizeof(*ne))) == NULL)
		return -1;
	lj->e = ne;
	memset(&ne[lj->n], 0, sizeof(*ne));
	ne = &ne[lj->n];
	if (sf_keypath_copy(&ne->path, p, n) == -1)
		return -1;
	lj->n++;
	ne->value = value;
	if (value && (ne->name = sf_u16dup(name, namelen)) == NULL)
		return -1;
	ne->namelen = namelen;
	return 0;
}

/* The length of the shortest prefix of p absent live; 0: all exist. */
static sf_status
absent_prefix(sf_hive *h, const sf_keypath *p, size_t *out, sf_error **errp)
{
	sf_keypath	 q;
	lkey		*k;
	size_t		 i;
	sf_status	 rc = SF_OK;

	*out = 0;
	for (i = 1; i <= p->n; i++) {
		memset(&q, 0, sizeof(q));
		if (sf_keypath_copy(&q, p, i) == -1)
			return sf_err_nomem(errp);
		rc = live_read(h, &q, 0, &k, errp);
		sf_keypath_free(&q);
		if (rc != SF_OK)
			return rc;
		if (k == NULL) {
			*out = i;
			return SF_OK;
		}
		live_key_free(k);
	}
	return SF_OK;
}

/*
 * What each operation touches, as entries to read and back up: a key
 * to delete with everything below it; the value of a value operation;
 * the first missing key of a path that an operation would create (to
 * delete again on a rollback).
 */
static sf_status
entries(job *j, live_job *lj, sf_error **errp)
{
	size_t		 i, a;
	const wop	*op;
	sf_status	 rc;
	int		 r = 0;

	for (i = 0; i < j->nop && r == 0; i++) {
		op = &j->op[i];
		if (op->kind == WOP_DELETE_KEY) {
			r = add_entry(lj, 0, op->path, op->path->n, NULL, 0);
			continue;
		}
		if ((rc = absent_prefix(j->hive, op->path, &a, errp)) != SF_OK)
			return rc;
		if (a > 0)
			r = add_entry(lj, 0, op->path, a, NULL, 0);
		else if (op->kind != WOP_CREATE_KEY)
			r = add_entry(lj, 1, op->path, op->path->n, op->name,
			    op->namelen);
	}
	return r == -1 ? sf_err_nomem(errp) : SF_OK;
}

static sf_status
read_entries(sf_hive *h, live_job *lj, sf_error **errp)
{
	size_t		 i;
	sf_status	 rc;

	for (i = 0; i < lj->n; i++) {
		live_key_free(lj->e[i].key);
		lj->e[i].key = NULL;
		if ((rc = live_read(h, &lj->e[i].path, !lj->e[i].value,
		    &lj->e[i].key, errp)) != SF_OK)
			return rc;
	}
	return SF_OK;
}

/*
 * The job's entries read afresh into 'now' (their paths shared with the
 * job's, their keys its own): what the registry holds at this moment,
 * to compare with what the check or the backup saw.
 */
static sf_status
read_again(sf_hive *h, const live_job *lj, live_job *now, sf_error **errp)
{
	size_t i;

	memset(now, 0, sizeof(*now));
	if ((now->e = sf_calloc(lj->n + 1, sizeof(*now->e))) == NULL)
		return sf_err_nomem(errp);	/* now: empty, safe to free */
	now->n = lj->n;
	for (i = 0; i < lj->n; i++) {
		now->e[i] = lj->e[i];
		now->e[i].key = NULL;
	}
	return read_entries(h, now, errp);
}

/* Frees what read_again read (the paths and names are the job's). */
static void
now_free(live_job *now)
{
	size_t i;

	for (i = 0; i < now->n; i++)
		live_key_free(now->e[i].key);
	free(now->e);
}

/* Is the live key as the scan has it?  Every value and subkey, exactly. */
static int
same_as_scan(sf_hive *h, sf_key *k, const lkey *lk, int deep)
{
	size_t		 i, c;
	const sf_value	*v;

	if (sf_key_values(h, k) != SF_OK || k->nval != lk->nval)
		return 0;
	for (i = 0; i < lk->nval; i++) {
		for (c = 0, v = NULL; c < k->nval && v == NULL; c++)
			if (k->val[c].name_len == lk->val[i].namelen &&
			    memcmp(k->val[c].name, lk->val[i].name,
			    lk->val[i].namelen * 2) == 0)
				v = &k->val[c];
		if (v == NULL || v->type != lk->val[i].type ||
		    v->size != lk->val[i].size || memcmp(v->data,
		    lk->val[i].data, v->size) != 0)
			return 0;
	}
	if (!deep)
		return 1;
	if (sf_key_children(h, k) != SF_OK || k->nchild != lk->nchild)
		return 0;
	for (i = 0; i < lk->nchild; i++) {
		sf_key *m = NULL;

		for (c = 0; c < k->nchild && m == NULL; c++)
			if (k->child[c]->name_len == lk->child[i]->namelen &&
			    memcmp(k->child[c]->name, lk->child[i]->name,
			    lk->child[i]->namelen * 2) == 0)
				m = k->child[c];
		if (m == NULL || !same_as_scan(h, m, lk->child[i], 1))
			return 0;
	}
	return 1;
}

/* Two reads of a key: the same names, values and subkeys (times: 't'). */
static int
same_lkey(const lkey *a, const lkey *b, int t)
{
	size_t		 i, c;
	const lval	*v;

	if (a == NULL || b == NULL)
		return a == b;
	if ((t && a->written != b->written) || a->nval != b->nval ||
	    a->nchild != b->nchild || a->clslen != b->clslen ||
	    (a->clslen > 0 && memcmp(a->cls, b->cls, a->clslen * 2) != 0))
		return 0;
	for (i = 0; i < a->nval; i++)
		if ((v = lk_value(b, a->val[i].name, a->val[i].namelen)) ==
		    NULL || v->type != a->val[i].type || v->size !=
		    a->val[i].size || memcmp(v->data, a->val[i].data,
		    v->size) != 0)
			return 0;
	for (i = 0; i < a->nchild; i++) {
		for (c = 0; c < b->nchild; c++)
			if (b->child[c]->namelen == a->child[i]->namelen &&
			    memcmp(b->child[c]->name, a->child[i]->name,
			    a->child[i]->namelen * 2) == 0)
				break;
		if (c == b->nchild || !same_lkey(a->child[i], b->child[c], t))
			return 0;
	}
	return 1;
}

static char *
entry_shown(const sf_hive *h, const lentry *e)
{
	sf_buf	 b;
	char	*s;
	size_t	 i;

	sf_buf_init(&b);
	sf_buf_adds(&b, h->path);
	for (i = 0; i < e->path.n; i++) {
		s = sf_u16_to_display(e->path.seg[i].u, e->path.seg[i].len);
		sf_buf_printf(&b, "\\%s", s != NULL ? s : "?");
		free(s);
	}
	return sf_buf_take(&b);
}

static sf_status
changed_error(job *j, const lentry *e, const char *since, sf_error **errp)
{
	char		*s = entry_shown(j->hive, e);
	sf_status	 rc;

	rc = sf_err(errp, SF_ERR_UNSAFE, "scan again and repair from the new "
	    "scan (another program changed the key)", "the live key %s "
	    "changed since %s; nothing was changed", s != NULL ? s : "?",
	    since);
	free(s);
	return rc;
}

/*
 * The first key at or below k (with its live read lk) whose last-write
 * time is not the one the scan read it with, or NULL.  A key the scan
 * saw change (written 0) never matches.  Below a key to delete
 * ('deep'), every subkey found in both.
 */
/* Whether a scanned key and a live one have exactly the same name. */
static int
same_name(const sf_key *k, const lkey *lk)
{
	return k->name_len == lk->namelen && memcmp(k->name, lk->name,
	    (size_t)lk->namelen * 2) == 0;
}

static sf_key *
time_differs(sf_hive *h, sf_key *k, const lkey *lk, int deep)
{
	size_t	 i, c;
	sf_key	*bad, *ck;
	int	 more = 0;

	if (k->corrupt || k->written == 0 || k->written != lk->written)
		return k;
	if (!deep || sf_key_children(h, k) != SF_OK)
		return NULL;
	for (i = 0; i < lk->nchild; i++) {
		/* The child index first: a key to delete may hold many. */
		ck = sf_key_child_n(h, k, lk->child[i]->name,
		    lk->child[i]->namelen, &more);
		for (c = 0; more && c < k->nchild; c++)
			if (same_name(k->child[c], lk->child[i])) {
				ck = k->child[c];
				break;
			}
		if (ck != NULL && same_name(ck, lk->child[i]) &&
		    (bad = time_differs(h, ck, lk->child[i], 1)) != NULL)
			return bad;
	}
	return NULL;
}

/* Every entry's keys (read into 'now') with the scan's times. */
static sf_status
times_as_scan(job *j, const live_job *now, const char *when,
    sf_error **errp)
{
	size_t		 i, c;
	sf_key		*k, *bad;
	sf_find		 how;
	sf_keypath	 p;
	sf_buf		 b;
	char		*s;
	sf_status	 rc;

	for (i = 0; i < now->n; i++) {
		const lentry *e = &now->e[i];

		if (e->key == NULL || (k = sf_key_find(j->hive, &e->path,
		    e->path.n, &how)) == NULL ||
		    (bad = time_differs(j->hive, k, e->key, !e->value)) ==
		    NULL)
			continue;
		memset(&p, 0, sizeof(p));
		sf_buf_init(&b);
		sf_buf_adds(&b, j->hive->path);
		if (sf_keypath_of(&p, bad) == 0)
			for (c = 0; c < p.n; c++) {
				s = sf_u16_to_display(p.seg[c].u, p.seg[c].len);
				sf_buf_printf(&b, "\\%s", s != NULL ? s : "?");
				free(s);
			}
		sf_keypath_free(&p);
		s = sf_buf_take(&b);
		rc = sf_err(errp, SF_ERR_UNSAFE, "scan again and repair from "
		    "the new scan (another program changed the key)", "the "
		    "live key %s changed since the scan (%s, its last-write "
		    "time is not the one the scan read); nothing was changed",
		    s != NULL ? s : "?", when);
		free(s);
		return rc;
	}
	return SF_OK;
}

sf_status
live_job_check(job *j, sf_error **errp)
{
	live_job	*lj;
	sf_key		*k;
	sf_find		 how;
	const sf_value	*v;
	size_t		 i;
	sf_status	 rc;

	if ((rc = j->precheck(j, errp)) != SF_OK ||
	    (rc = sf_step("check", j->hive->path, errp)) != SF_OK)
		return rc;
	if ((lj = sf_calloc(1, sizeof(*lj))) == NULL)
		return sf_err_nomem(errp);
	j->live = lj;
	if ((rc = entries(j, lj, errp)) != SF_OK ||
	    (rc = read_entries(j->hive, lj, errp)) != SF_OK)
		return rc;
	for (i = 0; i < lj->n; i++) {
		lentry *e = &lj->e[i];

		k = sf_key_find(j->hive, &e->path, e->path.n, &how);
		if (how == SF_FIND_AMBIGUOUS)
			return changed_error(j, e, "the scan (two keys of its "
			    "name)", errp);
		if ((k == NULL) != (e->key == NULL))
			return changed_error(j, e, "the scan", errp);
		if (k == NULL)
			continue;
		if (e->value) {
			v = sf_key_value(j->hive, k, e->name, e->namelen);
			if ((v == NULL) != (lk_value(e->key, e->name,
			    e->namelen) == NULL) || (v != NULL &&
			    !same_as_scan(j->hive, k, e->key, 0)))
				return changed_error(j, e, "the scan", errp);
		} else if (!same_as_scan(j->hive, k, e->key, 1))
			return changed_error(j, e, "the scan", errp);
	}
	if ((rc = times_as_scan(j, lj, "seen before the backup", errp)) !=
	    SF_OK)
		return rc;
	if (j->w == NULL && (rc = writer_live_new(j->hive, &j->w, errp)) !=
	    SF_OK)
		return rc;
	return j->w->ops->check(j->w, j->op, j->nop, errp);
}

/* ---- the backup file ---- */

static void
u32(sf_buf *b, uint32_t v)
{
	uint8_t x[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
	    (uint8_t)(v >> 24) };

	sf_buf_add(b, x, 4);
}

static void
units(sf_buf *b, const uint16_t *u, size_t n)
{
	size_t i;

	u32(b, (uint32_t)n);
	for (i = 0; i < n; i++) {
		sf_buf_addc(b, (char)(u[i] & 0xff));
		sf_buf_addc(b, (char)(u[i] >> 8));
	}
}

static void
put_value(sf_buf *b, const lval *v)
{
	units(b, v->name, v->namelen);
	u32(b, v->type);
	u32(b, (uint32_t)v->size);
	sf_buf_add(b, v->data, v->size);
}

static void
put_key(sf_buf *b, const lkey *k)
{
	size_t i;

	units(b, k->name, k->namelen);
	u32(b, (uint32_t)k->written);
	u32(b, (uint32_t)(k->written >> 32));
	if (k->cls == NULL)
		u32(b, 0xffffffffu);
	else
		units(b, k->cls, k->clslen);
	u32(b, (uint32_t)k->nval);
	for (i = 0; i < k->nval; i++)
		put_value(b, &k->val[i]);
	u32(b, (uint32_t)k->nchild);
	for (i = 0; i < k->nchild; i++)
		put_key(b, k->child[i]);
}

static char *
backup_path(const job *j)
{
	sf_buf		 b;
	const char	*p;

	sf_buf_init(&b);
	sf_buf_adds(&b, j->backup_dir);
	sf_buf_addc(&b, '/');
	for (p = j->hive->path; *p != '\0'; p++)
		sf_buf_addc(&b, *p == '\\' || *p == '/' || *p == ':' ? '_' :
		    *p);
	sf_buf_printf(&b, ".%s.live-backup", j->stamp);
	return sf_buf_take(&b);
}

sf_status
live_job_backup(job *j, sf_error **errp)
{
	live_job	*lj = j->live;
	sf_filedata	 back;
	sf_buf		 b;
	size_t		 i, k;
	char		*path;
	sf_status	 rc;

	sf_buf_init(&b);
	sf_buf_printf(&b, "SPOOLFIX LIVE BACKUP 1\n%s\n", j->hive->path);
	u32(&b, (uint32_t)lj->n);
	for (i = 0; i < lj->n; i++) {
		const lentry *e = &lj->e[i];
		const lval *v;

		sf_buf_addc(&b, e->value ? 'V' : 'K');
		u32(&b, (uint32_t)e->path.n);
		for (k = 0; k < e->path.n; k++)
			units(&b, e->path.seg[k].u, e->path.seg[k].len);
		if (!e->value) {
			sf_buf_addc(&b, e->key != NULL);
			if (e->key != NULL)
				put_key(&b, e->key);
			continue;
		}
		units(&b, e->name, e->namelen);
		v = lk_value(e->key, e->name, e->namelen);
		sf_buf_addc(&b, v != NULL);
		u32(&b, v != NULL ? v->type : 0);
		u32(&b, v != NULL ? (uint32_t)v->size : 0);
		if (v != NULL)
			sf_buf_add(&b, v->data, v->size);
	}
	if (b.oom || (path = backup_path(j)) == NULL) {
		sf_buf_free(&b);
		return sf_err_nomem(errp);
	}
	if ((rc = sf_dir_make(j->backup_dir, errp)) == SF_OK &&
	    (rc = sf_step("backup", path, errp)) == SF_OK &&
	    (rc = sf_file_write_new(path, (const uint8_t *)b.p, b.len,
	    errp)) == SF_OK &&
	    (rc = sf_file_read(path, b.len + 1, &back, errp)) == SF_OK) {
		if (back.size != b.len || memcmp(back.data, b.p, b.len) != 0)
			rc = sf_err(errp, SF_ERR_VERIFY, "check the disk holding "
			    "the backup folder", "the backup %s does not read "
			    "back as written", path);
		sf_file_release(&back);
	}
	if (rc == SF_OK)
		rc = sf_dir_sync(j->backup_dir, errp);
	sf_buf_free(&b);
	if (rc == SF_OK)
		j->backup = path;
	else
		free(path);
	return rc;
}

/* ---- writing, verifying, rolling back ---- */

static sf_status
rollback(job *j, sf_error **errp)
{
	live_job	*lj = j->live;
	live_job	 now;
	size_t		 i;
	sf_status	 rc = SF_OK, r;

	for (i = lj->n; i-- > 0;) {
		lentry *e = &lj->e[i];

		if (e->value)
			r = live_restore_value(j->hive, &e->path, e->name,
			    e->namelen, lk_value(e->key, e->name, e->namelen),
			    rc == SF_OK ? errp : NULL);
		else
			r = live_restore(j->hive, &e->path, e->key, rc == SF_OK ?
			    errp : NULL);
		if (r != SF_OK && rc == SF_OK)
			rc = r;
	}
	if (rc != SF_OK)
		return rc;
	/* Read back: every entry as the backup has it. */
	rc = read_again(j->hive, lj, &now, errp);
	for (i = 0; rc == SF_OK && i < lj->n; i++)
		if (!same_lkey(lj->e[i].key, now.e[i].key, 0))
			rc = sf_err(errp, SF_ERR_VERIFY, NULL, "a key does not "
			    "read back as the backup has it");
	now_free(&now);
	return rc;
}

/* The registry read again: the plan holds, the findings are gone. */
static sf_status
verify(job *j, sf_error **errp)
{
	sf_machine	*m2 = NULL;
	sf_hive		*w = NULL;
	size_t		 i;
	sf_status	 rc;

	if ((rc = sf_machine_new(&m2, errp)) != SF_OK)
		return rc;
	if ((rc = sf_machine_add_live(m2, errp)) == SF_OK) {
		for (i = 0; i < m2->nhive && w == NULL; i++)
			if (strcmp(m2->hive[i]->path, j->hive->path) == 0)
				w = m2->hive[i];
		if (w == NULL)
			rc = sf_err(errp, SF_ERR_VERIFY, NULL, "%s cannot be "
			    "read again", j->hive->path);
	}
	if (rc == SF_OK && j->expect != NULL)
		rc = j->expect(j, w, errp);
	if (rc == SF_OK && j->recheck_live != NULL)
		rc = j->recheck_live(j, m2, w, errp);
	sf_machine_free(m2);
	return rc;
}

/* The error, and what state the registry is in after the rollback. */
static sf_status
failed(job *j, sf_status rc, int applied, sf_error **errp)
{
	sf_error	*e = errp != NULL ? *errp : NULL, *re = NULL;
	sf_status	 rr;
	const char	*msg = e != NULL ? sf_error_message(e) : "failed";

	if (!applied)
		return rc;
	rr = rollback(j, &re);
	if (errp == NULL) {
		sf_error_free(re);
		return rc;
	}
	if (rr == SF_OK)
		sf_err(errp, rc, "nothing is changed; the lossless backup "
		    "of the keys stays in the backup folder", "%s; the changes made to %s were rolled "
		    "back from the backup, and its keys read back exactly as "
		    "before: the registry is as it was", msg, j->hive->path);
	else
		sf_err(errp, rc, "restore the keys from the backup file or "
		    "with spoolfix undo --live and the undo file, with the "
		    "spooler stopped", "%s; the rollback of %s FAILED (%s): "
		    "the registry may be partly changed; backup %s", msg,
		    j->hive->path, re != NULL ? sf_error_message(re) : "?",
		    j->backup != NULL ? j->backup : "-");
	sf_error_free(re);
	sf_error_free(e);
	return rc;
}

sf_status
live_job_recheck(job *j, sf_error **errp)
{
	live_job	*lj = j->live;
	live_job	 now;
	size_t		 i;
	sf_status	 rc;

	if ((rc = sf_step("recheck", j->hive->path, errp)) != SF_OK)
		return rc;
	rc = read_again(j->hive, lj, &now, errp);
	if (rc == SF_OK)
		rc = times_as_scan(j, &now, "seen after the spooler stopped",
		    errp);
	for (i = 0; rc == SF_OK && i < lj->n; i++)
		if (!same_lkey(lj->e[i].key, now.e[i].key, 1))
			rc = changed_error(j, &lj->e[i], "it was checked and "
			    "backed up (its last-write time differs)", errp);
	now_free(&now);
	return rc;
}

sf_status
live_job_write(job *j, sf_error **errp)
{
	writer		*w = j->w;
	size_t		 i;
	sf_status	 rc;
	int		 applied = 0;

	/* As checked and as scanned: nobody changed the keys since. */
	if ((rc = live_job_recheck(j, errp)) != SF_OK)
		return rc;
	if ((rc = sf_step("undo", NULL, errp)) != SF_OK ||
	    (j->undo != NULL && (rc = j->undo(j, errp)) != SF_OK))
		return rc;
	sf_service_test_log("apply", sf_spooler_name());
	if ((rc = w->ops->begin(w, errp)) != SF_OK)
		return rc;
	applied = 1;
	for (i = 0; i < j->nop && rc == SF_OK; i++)
		rc = w->ops->apply(w, &j->op[i], errp);
	if (rc == SF_OK && (rc = sf_step("commit", j->hive->path, errp)) ==
	    SF_OK)
		rc = w->ops->commit(w, errp);
	w->ops->end(w);
	if (rc == SF_OK && (rc = sf_step("verify", j->hive->path, errp)) ==
	    SF_OK)
		rc = verify(j, errp);
	if (rc != SF_OK)
		return failed(j, rc, applied, errp);
	return SF_OK;
}

/*
 * A hive written and verified, rolled back because a later hive of the
 * same run failed: a live run is all or nothing.
 */
sf_status
live_job_undo_written(job *j, sf_error **errp)
{
	sf_error	*re = NULL;
	sf_status	 rc;

	if ((rc = rollback(j, &re)) == SF_OK)
		sf_err(errp, SF_ERR_UNSAFE, "nothing is changed; see the error "
		    "of the hive that failed", "%s was repaired, then rolled "
		    "back from the backup because a later hive failed; its "
		    "keys read back exactly as before", j->hive->path);
	else
		sf_err(errp, rc, "restore the keys from the backup file or "
		    "with spoolfix undo --live and the undo file, with the "
		    "spooler stopped", "%s was repaired, but its rollback after "
		    "a later hive failed FAILED (%s): it may be partly "
		    "changed; backup %s", j->hive->path, re != NULL ?
		    sf_error_message(re) : "?", j->backup != NULL ? j->backup :
		    "-");
	sf_error_free(re);
	return rc;
}

/* ---- the run: elevation and the spooler ---- */

sf_status
live_elevated(sf_error **errp)
{
	if (sf_elevated() == 0)
		return sf_err(errp, SF_ERR_UNSAFE, "run spoolfix from an "
		    "elevated prompt (Run as administrator), or as SYSTEM",
		    "changing the live registry and stopping the Spooler need "
		    "an administrator's elevated rights, which this process "
		    "does not have; nothing was changed");
	return SF_OK;
}

sf_status
live_spooler_stop(sf_service_stop *st, sf_error **errp)
{
	sf_status rc;

	if ((rc = sf_step("spooler-stop", sf_spooler_name(), errp)) != SF_OK)
		return rc;
	return sf_service_stop_all(sf_spooler_name(), st, errp);
}

void
live_spooler_restore(sf_service_stop *st, const sf_repair_opts *o,
    sf_repair *res)
{
	sf_error	*e = NULL;
	sf_buf		 b;
	int		 start = st->was_running;
	int		 mode = o != NULL ? o->spooler : SF_SPOOLER_AS_WAS;

	if (mode == SF_SPOOLER_NO_RESTART)
		start = 0;
	else if (mode == SF_SPOOLER_START)
		start = 1;
	sf_buf_init(&b);
	sf_buf_printf(&b, "%s was %s; ", st->name, st->was_running ?
	    "stopped for the change" : "not running");
	if (start && sf_service_start_all(st, &e) != SF_OK) {
		sf_buf_printf(&b, "it could NOT be started again: %s (%s)",
		    sf_error_message(e), sf_error_advice(e));
		res->service_failed = 1;
	} else if (start)
		sf_buf_printf(&b, "it is running again%s", st->ndeps > 0 ?
		    ", with the services that depend on it" : "");
	else
		sf_buf_printf(&b, "it is left stopped%s", mode ==
		    SF_SPOOLER_NO_RESTART && st->was_running ?
		    " (--no-restart)" : "");
	if (st->deps_unknown)
		sf_buf_adds(&b, "; the services that depend on it could not "
		    "be listed, so only it was stopped");
	sf_error_free(e);
	free(res->service);
	res->service = sf_buf_take(&b);
	sf_service_stop_free(st);
}
