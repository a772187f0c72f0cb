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
 * sf_repair_run: applies a plan hive by hive through the job (job.c).
 * This file holds what is specific to planned changes: that each key is
 * still where the scan found it, the writer's operations, the checks of
 * each change in the written hive, the re-scan with the rules, and the
 * undo file, which is written
 * before a hive changes and rewritten to cover exactly what was applied
 * if that hive then fails.
 *
 * Every hive of the plan is locked and checked, and backed up, before
 * any is written: a hive that cannot be written (read-only, changed
 * since the scan, dirty, ambiguous) then leaves all of them as they
 * were, instead of being found after another was repaired.  What can
 * only fail while writing stops the run at that hive; the result says
 * which hives were repaired and which were not.
 */
#include <stdlib.h>
#include <string.h>

#include "write/plan.h"
#include "base/platform.h"
#include "write/dotreg.h"
#include "write/repair.h"
#ifdef _WIN32
#include "write/live.h"
#endif

typedef struct repair_ctx {
	sf_plan			*plan;
	const sf_repair_opts	*opts;
	sf_repair		*res;
	reg_out			 undo_done;	/* sections of repaired hives */
	reg_out			 undo_next;	/* ... plus the current one */
	int			 undo_written;
	char			*undo_path;
} repair_ctx;

typedef struct hive_job {
	repair_ctx	*rx;
	sf_change	**c;
	size_t		  n;
	job		  j;
	sf_error	 *error;	/* why its check or backup failed */
} hive_job;

static const sf_value *
exact_value(sf_hive *h, sf_key *k, const uint16_t *u, size_t n)
{
	size_t i;

	if (sf_key_values(h, k) != SF_OK)
		return NULL;
	for (i = 0; i < k->nval; i++)
		if (k->val[i].name_len == n && (n == 0 ||
		    memcmp(k->val[i].name, u, n * sizeof(*u)) == 0))
			return &k->val[i];
	return NULL;
}

/*
 * A name in a comment of the undo file, escaped as on a terminal: a raw
 * CR or LF in it could end the comment where regedit splits lines, and
 * what followed would be read as a line of the file.  NULL when out of
 * memory.
 */
static char *
shown(const uint16_t *u, size_t n)
{
	sf_buf	 b;

	sf_buf_init(&b);
	sf_buf_adds(&b, "");
	sf_escape_u16(&b, u, n, SF_ESC_TEXT, 0);
	return sf_buf_take(&b);
}

/* The writer's operation for a change. */
static void
to_op(const sf_change *c, wop *op)
{
	memset(op, 0, sizeof(*op));
	op->path = &c->path;
	op->kind = c->kind == SF_FIX_DELETE_KEY ? WOP_DELETE_KEY :
	    c->kind == SF_FIX_DELETE_VALUE ? WOP_DELETE_VALUE : WOP_SET_VALUE;
	op->name = c->value.u;
	op->namelen = c->value.len;
	op->type = c->type;
	op->data = c->data;
	op->size = c->datalen;
}

/*
 * Each change's path must still lead to the key the scan found there,
 * and a value to delete must be there.  The operations go to the writer
 * values first, deletions last.
 */
static sf_status
precheck(job *j, sf_error **errp)
{
	hive_job	*hj = j->arg;
	sf_hive		*h = j->hive;
	size_t		 i;
	int		 pass;
	sf_find		 how;
	sf_key		*k;
	wop		 op;

	for (i = 0; i < hj->n; i++) {
		sf_change *c = hj->c[i];

		k = sf_key_find(h, &c->path, c->path.n, &how);
		if (how != SF_FIND_AMBIGUOUS && (k == NULL || k != c->key))
			return sf_err(errp, SF_ERR_VERIFY, "scan again and "
			    "repair from the new scan", "a planned key is no "
			    "longer where the scan found it");
		if (k != NULL && c->kind == SF_FIX_DELETE_VALUE &&
		    exact_value(h, k, c->value.u, c->value.len) == NULL)
			return sf_err(errp, SF_ERR_VERIFY, "scan again",
			    "a value planned for deletion is gone");
	}
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < hj->n; i++) {
			if ((hj->c[i]->kind == SF_FIX_DELETE_KEY) != pass)
				continue;
			to_op(hj->c[i], &op);
			if (job_op(j, &op) == -1)
				return sf_err_nomem(errp);
		}
	return SF_OK;
}

static sf_status
expect(job *j, sf_hive *w, sf_error **errp)
{
	hive_job	*hj = j->arg;
	size_t		 i;
	sf_key		*k;
	const sf_value	*v;
	sf_find		 how;
	sf_status	 rc = SF_OK;

	for (i = 0; i < hj->n && rc == SF_OK; i++) {
		sf_change *c = hj->c[i];

		k = sf_key_find(w, &c->path, c->path.n - (c->kind ==
		    SF_FIX_DELETE_KEY), &how);
		if (c->kind == SF_FIX_DELETE_KEY) {
			if (k == NULL || sf_key_child(w, k,
			    c->path.seg[c->path.n - 1].u,
			    c->path.seg[c->path.n - 1].len) != NULL)
				rc = sf_err(errp, SF_ERR_VERIFY, NULL, "a key "
				    "planned for deletion is still in the "
				    "written hive");
		} else if (k == NULL)
			rc = sf_err(errp, SF_ERR_VERIFY, NULL, "a changed key is "
			    "missing from the written hive");
		else {
			v = exact_value(w, k, c->value.u, c->value.len);
			if (c->kind == SF_FIX_DELETE_VALUE && v != NULL)
				rc = sf_err(errp, SF_ERR_VERIFY, NULL, "a value "
				    "planned for deletion is still there");
			if (c->kind == SF_FIX_SET_VALUE && (v == NULL ||
			    v->type != c->type || v->size != c->datalen ||
			    memcmp(v->data, c->data, c->datalen) != 0))
				rc = sf_err(errp, SF_ERR_VERIFY, NULL, "a value "
				    "was not written exactly as planned");
		}
	}
	return rc;
}

static int
cmp_change_path(const void *a, const void *b)
{
	const sf_change *x = *(const sf_change *const *)a;
	const sf_change *y = *(const sf_change *const *)b;

	return sf_keypath_cmp(&x->path, &y->path);
}

/*
 * Is a finding of the written hive one that a change should have made
 * go away: the same rule on the same key?  The changes are sorted by
 * path, so that each finding costs a binary search (a repair may hold
 * tens of thousands of changes, and the written hive as many findings).
 */
static const sf_change *
still_reported(sf_change **c, size_t n, const struct sf_finding *f,
    const sf_hive *w)
{
	size_t	 lo = 0, hi = n, mid;
	int	 d;

	if (f->hive != w || f->key == NULL)
		return NULL;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sf_keypath_cmp(&c[mid]->path, &f->hpath) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && (d = sf_keypath_cmp(&c[lo]->path, &f->hpath)) == 0;
	    lo++)
		if (plan_rules_has(c[lo]->rules, sf_rule_id(f->rule)))
			return c[lo];
	return NULL;
}

/* The rules on the machine m2, whose hive w is the written one. */
static sf_status
findings_gone(hive_job *hj, sf_machine *m2, const sf_hive *w,
    sf_error **errp)
{
	sf_report	*r = NULL;
	sf_change	**byp = NULL;
	size_t		 i;
	sf_status	 rc;

	rc = sf_scan(m2, hj->rx->opts->rules, NULL, &r, errp);
	if (rc == SF_OK && (byp = sf_calloc(hj->n + 1, sizeof(*byp))) == NULL)
		rc = sf_err_nomem(errp);
	if (rc == SF_OK) {
		memcpy(byp, hj->c, hj->n * sizeof(*byp));
		qsort(byp, hj->n, sizeof(*byp), cmp_change_path);
	}
	for (i = 0; rc == SF_OK && i < r->n; i++)
		if (still_reported(byp, hj->n, r->f[i], w) != NULL)
			rc = sf_err(errp, SF_ERR_VERIFY, "nothing was changed; "
			    "report this with the backup files", "after the "
			    "repair %s still reports the same fault",
			    sf_rule_id(r->f[i]->rule));
	free(byp);
	sf_report_free(r);
	return rc;
}

static sf_status
recheck(job *j, const char *written, sf_error **errp)
{
	hive_job	*hj = j->arg;
	sf_machine	*m2 = NULL;
	const sf_hive	*w = NULL;
	size_t		 i;
	sf_status	 rc;

	if (hj->rx->opts == NULL || hj->rx->opts->rules == NULL)
		return SF_OK;
	if ((rc = sf_machine_new(&m2, errp)) != SF_OK)
		return rc;
	for (i = 0; i < j->m->nhive && rc == SF_OK; i++) {
		sf_hive *h = j->m->hive[i];

		if (h->root == NULL)
			continue;
		rc = sf_machine_add_file(m2, h == j->hive ? written : h->path,
		    h->kind, h->profile, errp);
		if (h == j->hive)
			w = m2->hive[m2->nhive - 1];
	}
	if (rc == SF_OK)
		rc = findings_gone(hj, m2, w, errp);
	sf_machine_free(m2);
	return rc;
}

/* A live hive: the live machine read again after the change. */
static sf_status
recheck_live(job *j, sf_machine *now, sf_hive *w, sf_error **errp)
{
	hive_job *hj = j->arg;

	if (hj->rx->opts == NULL || hj->rx->opts->rules == NULL)
		return SF_OK;
	return findings_gone(hj, now, w, errp);
}

/* ---- the undo file ---- */

/*
 * The header of the key at path (and the names below it, if any); del
 * writes the deletion form [-key], ext an extension line.  0 written; 1
 * a plain line cannot hold a name (or, ext, a name is empty), nothing
 * written; -1 out of memory.
 */
static int
key_header(reg_out *o, const owned_name *path, size_t n,
    const owned_name *extra, size_t nextra, int del, int ext)
{
	const uint16_t	**names;
	size_t		 *lens, i;
	int		  rc;

	names = sf_calloc(n + nextra + 1, sizeof(*names));
	lens = sf_calloc(n + nextra + 1, sizeof(*lens));
	if (names == NULL || lens == NULL) {
		free(names);
		free(lens);
		return -1;
	}
	for (i = 0; i < n; i++) {
		names[i] = path[i].u;
		lens[i] = path[i].len;
	}
	for (i = 0; i < nextra; i++) {
		names[n + i] = extra[i].u;
		lens[n + i] = extra[i].len;
	}
	rc = ext ? reg_out_key_ext(o, names, lens, n + nextra, del) :
	    reg_out_key(o, names, lens, n + nextra, del);
	free(names);
	free(lens);
	return rc == -1 ? 1 : 0;
}

/* A name no line can hold (an empty key name): the backup has it. */
static void
unrepresentable(reg_out *o, job *j, const char *what, const uint16_t *u,
    size_t n)
{
	sf_buf	 b;
	char	*s = shown(u, n);

	sf_buf_init(&b);
	sf_buf_printf(&b, "%s \"%s\" cannot be written in a .reg file; "
	    "restore it from the backup %s", what, s != NULL ? s : "",
	    j->backup != NULL ? j->backup : "of this hive");
	if (s == NULL || b.oom)
		o->b.oom = 1;	/* the undo file is not written */
	else
		reg_out_comment(o, b.p);
	sf_buf_free(&b);
	free(s);
}

/*
 * Before the extension lines of a key or value whose name a plain line
 * cannot hold: a word for the reader of the file, who may import it with
 * regedit.
 */
static void
ext_comment(reg_out *o, job *j, const char *what, const uint16_t *u,
    size_t n)
{
	sf_buf	 b;
	char	*s = shown(u, n);

	sf_buf_init(&b);
	sf_buf_printf(&b, "%s \"%s\": %s a .reg line cannot hold, so "
	    "regedit skips the \";spoolfix\" lines below; spoolfix undo "
	    "restores them (the backup %s has it too)", what,
	    s != NULL ? s : "", strcmp(what, "the key") == 0 ?
	    "a name on its path is one" : "its name is one",
	    j->backup != NULL ? j->backup : "of this hive");
	if (s == NULL || b.oom)
		o->b.oom = 1;	/* the undo file is not written */
	else
		reg_out_comment(o, b.p);
	sf_buf_free(&b);
	free(s);
}

/*
 * The header of a key, plain when a plain line can hold its path, else
 * (or when *ext is set: a key below one already written so) as an
 * extension line, *ext then set.  0 written, 1 no line can hold it, -1
 * out of memory.
 */
static int
section(reg_out *o, job *j, const uint16_t *name, size_t len,
    const owned_name *path, size_t n, const owned_name *extra, size_t nextra,
    int *ext)
{
	int r;

	if (!*ext) {
		if ((r = key_header(o, path, n, extra, nextra, 0, 0)) != 1)
			return r;
		ext_comment(o, j, "the key", name, len);
		*ext = 1;
	}
	return key_header(o, path, n, extra, nextra, 0, 1);
}

/*
 * A deleted key re-created with everything below it, in order.  Values
 * whose names a plain line cannot hold follow the plain ones, under an
 * extension header of the same key; a key whose name it cannot hold is
 * written as extension lines, and everything below it too.
 */
static int
dump_subtree(reg_out *o, job *j, sf_key *k, const owned_name *path,
    size_t n, owned_name *below, size_t nbelow, int ext)
{
	sf_hive		*h = j->hive;
	uint16_t	*cls = NULL;
	size_t		 clen = 0, i, odd = 0;
	owned_name	*nb;
	int		 r;

	if (sf_key_values(h, k) != SF_OK || sf_key_children(h, k) != SF_OK)
		return -1;
	if ((r = section(o, j, k->name, k->name_len, path, n, below, nbelow,
	    &ext)) == -1)
		return -1;
	if (r == 1) {
		unrepresentable(o, j, "the key", k->name, k->name_len);
		reg_out_blank(o);
		return 0;
	}
	if (h->ops->class_name(h, k, &cls, &clen) == SF_OK && clen > 0)
		reg_out_comment(o, "this key had a class name, which a .reg "
		    "file cannot restore; the backup has it");
	free(cls);
	for (i = 0; i < k->nval; i++) {
		const sf_value *v = &k->val[i];

		if (ext)
			reg_out_value_ext(o, v->name, v->name_len, v->type,
			    v->data, v->size);
		else if (reg_out_value(o, v->name, v->name_len, v->type,
		    v->data, v->size) == -1)
			odd++;
	}
	if (odd > 0) {
		reg_out_comment(o, "values of this key whose names a .reg line "
		    "cannot hold: regedit skips the \";spoolfix\" lines "
		    "below, spoolfix undo restores them");
		if (key_header(o, path, n, below, nbelow, 0, 1) != 0)
			return -1;
		for (i = 0; i < k->nval; i++) {
			const sf_value *v = &k->val[i];

			if (!reg_out_value_name_ok(v->name, v->name_len))
				reg_out_value_ext(o, v->name, v->name_len,
				    v->type, v->data, v->size);
		}
	}
	reg_out_blank(o);
	if ((nb = sf_reallocarray(NULL, nbelow + 1, sizeof(*nb))) == NULL)
		return -1;
	if (nbelow > 0)
		memcpy(nb, below, nbelow * sizeof(*nb));
	for (i = 0; i < k->nchild; i++) {
		nb[nbelow].u = k->child[i]->name;
		nb[nbelow].len = k->child[i]->name_len;
		if (dump_subtree(o, j, k->child[i], path, n, nb,
		    nbelow + 1, ext) == -1) {
			free(nb);
			return -1;
		}
	}
	free(nb);
	return 0;
}

/*
 * The value's old state (or its deletion, when the change created it):
 * plain lines when a plain line can hold the key's path and the value's
 * name, else extension lines.
 */
static int
undo_change(reg_out *o, job *j, const sf_change *c)
{
	const sf_value	*v;
	const uint16_t	*name;
	size_t		 len;
	int		 ext = 0, r;

	if (c->kind == SF_FIX_DELETE_KEY)
		return dump_subtree(o, j, c->key, c->lpath, c->nlpath, NULL, 0,
		    0);
	v = exact_value(j->hive, c->key, c->value.u, c->value.len);
	name = v != NULL ? v->name : c->value.u;
	len = v != NULL ? v->name_len : c->value.len;
	if (!reg_out_value_name_ok(name, len)) {
		ext_comment(o, j, "the value", name, len);
		ext = 1;
	}
	if ((r = section(o, j, c->key->name, c->key->name_len, c->lpath,
	    c->nlpath, NULL, 0, &ext)) == -1)
		return -1;
	if (r == 1) {
		unrepresentable(o, j, "the key", c->key->name,
		    c->key->name_len);
		reg_out_blank(o);
		return 0;
	}
	if (v == NULL)	/* set-value of a value that did not exist */
		r = ext ? reg_out_value_delete_ext(o, name, len) :
		    reg_out_value_delete(o, name, len);
	else
		r = ext ? reg_out_value_ext(o, name, len, v->type, v->data,
		    v->size) : reg_out_value(o, name, len, v->type, v->data,
		    v->size);
	reg_out_blank(o);
	return r == -1 ? -1 : 0;
}

static void
append(reg_out *dst, const reg_out *src, size_t from)
{
	sf_u16buf_add(&dst->b, src->b.u + from, src->b.len - from);
}

static sf_status
write_undo(job *j, sf_error **errp)
{
	hive_job	*hj = j->arg;
	repair_ctx	*rx = hj->rx;
	reg_out		 sec;
	sf_buf		 b;
	size_t		 i;

	reg_out_init(&sec);
	sf_buf_init(&b);
	sf_buf_printf(&b, "%s hive %s (backup %s)", sf_hive_kind_name(
	    j->hive->kind), j->hive->path, j->backup != NULL ? j->backup : "-");
	reg_out_comment(&sec, b.p != NULL ? b.p : "hive");
	sf_buf_free(&b);
	for (i = 0; i < hj->n; i++)
		if (undo_change(&sec, j, hj->c[i]) == -1) {
			reg_out_free(&sec);
			return sf_err_nomem(errp);
		}
	/* undo_next = what was applied before + this hive's section */
	reg_out_free(&rx->undo_next);
	sf_u16buf_init(&rx->undo_next.b);
	append(&rx->undo_next, &rx->undo_done, 0);
	append(&rx->undo_next, &sec, sec.header_len);	/* one file header */
	reg_out_free(&sec);
	if (rx->undo_next.b.oom)
		return sf_err_nomem(errp);
	/* An undo file spoolfix undo would refuse to read is no undo. */
	if (rx->undo_next.b.len > (REG_IN_MAX - 2) / 2)
		return sf_err(errp, SF_ERR_UNSUPPORTED, "repair this hive on "
		    "its own, or fewer keys at once (--rule), or make the "
		    "change on Windows", "%s: the undo file would be larger "
		    "than the %zu MB spoolfix undo reads (the keys to change "
		    "hold that much data), so nothing was changed",
		    j->hive->path, REG_IN_MAX / (1024 * 1024));
	rx->undo_written = 1;
	return reg_out_save(&rx->undo_next, rx->undo_path, 0, errp);
}

/* ---- the run ---- */

static void
undo_header(repair_ctx *rx, const char *backup_dir, int live)
{
	sf_buf		 b;
	const char	*host = sf_machine_host(rx->plan->m);
	char		*now = sf_timestamp();

	reg_out_init(&rx->undo_done);
	sf_buf_init(&b);
	if (live)
		sf_buf_printf(&b, "spoolfix %s undo file, written %s.\n"
		    "It restores what spoolfix repair --live changed in the "
		    "running registry.\nApply it with\n  spoolfix undo --live "
		    "THIS-FILE\nor with regedit (spooler stopped).  Lossless "
		    "backups of every key changed\n(names a .reg file cannot "
		    "hold included) are in %s.", SPOOLFIX_VERSION,
		    now != NULL ? now : "", backup_dir);
	else
	sf_buf_printf(&b, "spoolfix %s undo file, written %s%s%s.\n"
	    "It restores what spoolfix repair changed.  Apply it to the "
	    "offline hives with\n  spoolfix undo THIS-FILE --root VOLUME\n"
	    "(or the hive files instead of --root), or on the "
	    "running machine with regedit (spooler stopped).\nByte-for-byte "
	    "backups of every hive are in %s.", SPOOLFIX_VERSION,
	    now != NULL ? now : "", host != NULL ? " for host " : "",
	    host != NULL ? host : "", backup_dir);
	if (b.p != NULL)
		reg_out_comment(&rx->undo_done, b.p);
	reg_out_blank(&rx->undo_done);
	sf_buf_free(&b);
	free(now);
	reg_out_init(&rx->undo_next);
}

/* The job of each hive with selected changes, in the machine's order. */
static sf_status
plan_jobs(repair_ctx *rx, const char *dir, const char *stamp,
    hive_job **out, size_t *nout, sf_error **errp)
{
	sf_machine	*m = rx->plan->m;
	hive_job	*hjs, *hj;
	size_t		 i, k, n = 0;

	*out = NULL;
	*nout = 0;
	if ((hjs = sf_calloc(m->nhive + 1, sizeof(*hjs))) == NULL)
		return sf_err_nomem(errp);
	for (i = 0; i < m->nhive; i++) {
		hj = &hjs[n];
		hj->rx = rx;
		if ((hj->c = sf_calloc(rx->plan->n + 1, sizeof(*hj->c))) ==
		    NULL) {
			*out = hjs;
			*nout = n;
			return sf_err_nomem(errp);
		}
		for (k = 0; k < rx->plan->n; k++)
			if (rx->plan->c[k].hive == m->hive[i] &&
			    rx->plan->c[k].selected)
				hj->c[hj->n++] = &rx->plan->c[k];
		if (hj->n == 0) {
			free(hj->c);
			hj->c = NULL;
			continue;
		}
		hj->j.m = m;
		hj->j.hive = m->hive[i];
		hj->j.backup_dir = dir;
		hj->j.stamp = stamp;
		hj->j.precheck = precheck;
		hj->j.expect = expect;
		hj->j.recheck = recheck;
		hj->j.recheck_live = recheck_live;
		hj->j.undo = write_undo;
		hj->j.arg = hj;
		hj->j.nchanges = hj->n;
		hj->j.compact = rx->opts != NULL && rx->opts->compact;
		n++;
	}
	*out = hjs;
	*nout = n;
	return SF_OK;
}

/* Writes one checked hive; the undo file follows what was applied. */
static sf_status
write_hive(repair_ctx *rx, hive_job *hj, sf_error **errp)
{
	sf_status	 rc;
	sf_error	*e = NULL;

	rc = job_write(&hj->j, &e);
	if (rc == SF_OK) {
		/* The section becomes part of what was applied. */
		reg_out_free(&rx->undo_done);
		rx->undo_done = rx->undo_next;
		reg_out_init(&rx->undo_next);
	} else if (rx->undo_written) {
		/* Back to exactly what was applied before this hive. */
		sf_error *e2 = NULL;

		if (reg_out_save(&rx->undo_done, rx->undo_path, 0, &e2) !=
		    SF_OK)
			sf_error_free(e2);
	}
	repair_add(rx->res, hj->j.hive->path, rc == SF_OK ?
	    SF_REPAIR_APPLIED : SF_REPAIR_FAILED, rc == SF_OK ? hj->n : 0,
	    rc == SF_OK ? NULL : sf_error_dup(e), hj->j.backup);
	if (rc != SF_OK && errp != NULL)
		*errp = e;
	else
		sf_error_free(e);
	return rc;
}

/*
 * Before anything is written: every hive locked and checked (all of
 * them, so that each failing hive is named), then backed up.  On a
 * failure the result names each failing hive with its error and the
 * others as held back.
 */
static sf_status
check_all(repair_ctx *rx, hive_job *hjs, size_t n, sf_error **errp)
{
	size_t		 i;
	sf_status	 rc = SF_OK, r;
	const sf_error	*first = NULL;

	for (i = 0; i < n; i++)
		if ((r = job_check(&hjs[i].j, &hjs[i].error)) != SF_OK &&
		    rc == SF_OK)
			rc = r;
	for (i = 0; rc == SF_OK && i < n; i++)
		rc = job_backup(&hjs[i].j, &hjs[i].error);
	if (rc == SF_OK)
		return SF_OK;
	for (i = 0; i < n; i++) {
		repair_add(rx->res, hjs[i].j.hive->path, hjs[i].error != NULL ?
		    SF_REPAIR_FAILED : SF_REPAIR_HELD, 0, hjs[i].error, NULL);
		if (first == NULL)
			first = hjs[i].error;
		hjs[i].error = NULL;	/* the result owns it */
	}
	if (errp != NULL)
		*errp = sf_error_dup(first);
	return rc;
}

#ifdef _WIN32
/*
 * hjs[failed] failed: the live hives written before it are rolled back
 * from their backups, and their results say so.  The undo file then
 * covers nothing and is removed, as after a first hive that failed.
 */
static void
live_undo_earlier(repair_ctx *rx, hive_job *hjs, size_t failed)
{
	size_t	 k;

	for (k = 0; k < failed && k < rx->res->n; k++) {
		hive_result *r = &rx->res->h[k];

		if (r->state != SF_REPAIR_APPLIED)
			continue;
		sf_error_free(r->error);
		r->error = NULL;
		live_job_undo_written(&hjs[k].j, &r->error);
		r->state = SF_REPAIR_FAILED;
		r->changes = 0;
	}
}
#endif

#ifdef _WIN32
/*
 * Hive 'bad' changed after the spooler stopped: none is written, the
 * first failed with the reason, the others held, the spooler put back.
 */
static void
live_held(repair_ctx *rx, hive_job *hjs, size_t n, size_t bad,
    sf_error **errp, const sf_repair_opts *o, sf_service_stop *svc)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		repair_add(rx->res, hjs[i].j.hive->path, i == bad ?
		    SF_REPAIR_FAILED : SF_REPAIR_HELD, 0, i == bad ?
		    hjs[i].error : NULL, NULL);
		if (i == bad && errp != NULL)
			*errp = sf_error_dup(hjs[i].error);
		if (i == bad)
			hjs[i].error = NULL;	/* the result owns it */
	}
	live_spooler_restore(svc, o, rx->res);
}
#endif

sf_status
sf_repair_run(sf_machine *m, const sf_plan *cplan, const sf_repair_opts *o,
    sf_repair **out, sf_error **errp)
{
	repair_ctx	 rx;
	hive_job	*hjs = NULL;
	char		*stamp, *dir = NULL;
	size_t		 i, n = 0;
	sf_status	 rc = SF_OK;
	sf_buf		 b;
	sf_file_id	 undo_id;
	int		 live = 0;
#ifdef _WIN32
	sf_service_stop	 svc;
	sf_live_lock	*lk = NULL;

	memset(&svc, 0, sizeof(svc));
#endif
	*out = NULL;
	(void)m;
	/* An export is evidence, and regedit's to import: never edited. */
	for (i = 0; i < cplan->n; i++)
		if (cplan->c[i].selected && cplan->c[i].hive != NULL &&
		    cplan->c[i].hive->dotreg)
			return sf_err(errp, SF_ERR_ARG, "write the fixes as a "
			    ".reg file to import with regedit or reg import "
			    "(spoolfix repair --plan FILE), or see them with "
			    "--dry-run", "%s is a .reg export: spoolfix does "
			    "not change it, and nothing was changed",
			    cplan->c[i].hive->path);
	memset(&rx, 0, sizeof(rx));
	rx.plan = (sf_plan *)cplan;
	rx.opts = o;
	if ((rx.res = repair_new()) == NULL ||
	    repair_reserve(rx.res, m->nhive) == -1 ||
	    (stamp = sf_timestamp()) == NULL) {
		sf_repair_free(rx.res);
		return sf_err_nomem(errp);
	}
	dir = repair_backup_dir(o, stamp);
	sf_buf_init(&b);
	if (o != NULL && o->undo_file != NULL)
		sf_buf_adds(&b, o->undo_file);
	else if (dir != NULL)
		sf_buf_printf(&b, "%s/undo.reg", dir);
	rx.undo_path = sf_buf_take(&b);
	if (dir == NULL || rx.undo_path == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	/* A named undo file may be the only way back from an earlier run. */
	if (o != NULL && o->undo_file != NULL &&
	    sf_file_identity(rx.undo_path, &undo_id) == 0) {
		rc = sf_err(errp, SF_ERR_CONFLICT, "give another --undo-file, "
		    "or move the old one away if it is no longer needed",
		    "%s already exists; spoolfix never overwrites an undo "
		    "file, and nothing was changed", rx.undo_path);
		goto out;
	}
	for (i = 0; i < cplan->m->nhive; i++)
		live |= cplan->m->hive[i]->live;
	undo_header(&rx, dir, live);
#ifdef _WIN32
	/* Elevated, or nothing is tried (and the message says why). */
	if (live && (rc = live_elevated(errp)) != SF_OK)
		goto done;
	/* One live run at a time: the keys are checked under the lock. */
	if (live && (rc = sf_live_lock_take(&lk, errp)) != SF_OK)
		goto done;
#endif
	if ((rc = plan_jobs(&rx, dir, stamp, &hjs, &n, errp)) != SF_OK ||
	    (rc = check_all(&rx, hjs, n, errp)) != SF_OK)
		goto done;
#ifdef _WIN32
	/*
	 * The live registry is changed with the spooler stopped: it reads
	 * its keys at start and writes some back when it stops.  One that
	 * does not stop means that nothing is changed.
	 */
	if (live && n > 0 && (rc = live_spooler_stop(&svc, errp)) != SF_OK) {
		/* The first hive carries the reason; all are unchanged. */
		for (i = 0; i < n; i++)
			repair_add(rx.res, hjs[i].j.hive->path, i == 0 ?
			    SF_REPAIR_FAILED : SF_REPAIR_HELD, 0, i == 0 &&
			    errp != NULL ? sf_error_dup(*errp) : NULL, NULL);
		goto done;
	}
	/* Stopped: every hive's keys still as scanned, before any change. */
	for (i = 0; live && i < n && rc == SF_OK; i++)
		if ((rc = live_job_recheck(&hjs[i].j, &hjs[i].error)) != SF_OK)
			live_held(&rx, hjs, n, i, errp, o, &svc);
	if (rc != SF_OK)
		goto done;
#endif
	for (i = 0; i < n && rc == SF_OK; i++)
		rc = write_hive(&rx, &hjs[i], errp);
#ifdef _WIN32
	/* Live, all or nothing: the hives written before are rolled back. */
	if (live && rc != SF_OK && i > 0)
		live_undo_earlier(&rx, hjs, i - 1);
#endif
	/* Hives not reached are reported unchanged. */
	for (; i < n; i++)
		repair_add(rx.res, hjs[i].j.hive->path, SF_REPAIR_UNCHANGED,
		    0, NULL, NULL);
#ifdef _WIN32
	if (live && n > 0)
		live_spooler_restore(&svc, o, rx.res);
#endif
done:
	rx.res->backup_dir = sf_strdup(dir);
	if (rx.undo_written && rx.res->n > 0 &&
	    rx.res->h[0].state == SF_REPAIR_APPLIED)
		rx.res->undo = sf_strdup(rx.undo_path);
	else if (rx.undo_written)
		sf_file_remove(rx.undo_path);	/* nothing was applied */
out:
#ifdef _WIN32
	sf_live_lock_release(lk);
#endif
	/* The locks are held until every hive is done. */
	for (i = 0; i < n; i++) {
		job_release(&hjs[i].j);
		sf_error_free(hjs[i].error);
		free(hjs[i].c);
	}
	free(hjs);
	reg_out_free(&rx.undo_done);
	reg_out_free(&rx.undo_next);
	free(rx.undo_path);
	free(stamp);
	free(dir);
	*out = rx.res;
	return rc;
}

/*
 * The key names of a change as its plan file writes them.  A change of
 * a hive read from a .reg export is written with the root the export
 * spelt (HKEY_CURRENT_USER, HKEY_USERS\<SID>), so that importing the
 * plan changes the keys the export came from; a control set the export
 * named without Select\Current keeps its own name.
 */
static owned_name *
plan_names(const sf_change *c, size_t *n, owned_name *ccs)
{
	const sf_hive	*h = c->hive;
	owned_name	*v;
	const char	*s;
	size_t		 i, k = 0, skip = 1;

	*n = c->nlpath;
	if (h == NULL || !h->dotreg || h->reg_root.n == 0 || h->mount == NULL)
		return c->lpath;
	/* The names of the mount: a profile shown escaped may hold '\'. */
	for (s = h->mount; *s != '\0'; s++)
		skip += *s == '\\';
	if (c->nlpath < skip)
		return c->lpath;
	*n = h->reg_root.n + c->nlpath - skip;
	if ((v = sf_calloc(*n, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < h->reg_root.n; i++)
		v[k++] = h->reg_root.seg[i];
	for (i = skip; i < c->nlpath; i++)
		v[k++] = c->lpath[i];
	if (h->kind == SF_HIVE_SYSTEM && c->nlpath > 2 && skip == 2 &&
	    h->ccs_name != NULL &&
	    strcmp(h->ccs_name, "CurrentControlSet") != 0 &&
	    sf_u16_caseeq_ascii(c->lpath[2].u, c->lpath[2].len,
	    "CurrentControlSet") && h->root != NULL &&
	    sf_key_child_ascii((sf_hive *)h, h->root, "Select") == NULL &&
	    (ccs->u = sf_u16_from_utf8(h->ccs_name, &ccs->len)) != NULL)
		v[h->reg_root.n] = *ccs;
	return v;
}

sf_status
sf_plan_write_reg(const sf_plan *p, const char *path, sf_error **errp)
{
	reg_out		 o;
	owned_name	*names, ccs;
	size_t		 i, n;
	sf_status	 rc;
	int		 r, ext;

	reg_out_init(&o);
	reg_out_comment(&o, "spoolfix repair plan: the changes repair would "
	    "make, in regedit's format.");
	reg_out_blank(&o);
	for (i = 0; i < p->n; i++) {
		const sf_change *c = &p->c[i];

		if (!c->selected)
			continue;
		reg_out_comment(&o, c->rules);
		memset(&ccs, 0, sizeof(ccs));
		if ((names = plan_names(c, &n, &ccs)) == NULL) {
			reg_out_free(&o);
			return sf_err_nomem(errp);
		}
		/*
		 * A name a plain line cannot hold (a NUL, a backslash in a
		 * key name, a line break) goes out as extension lines, as
		 * in an undo file: regedit skips them, spoolfix undo
		 * applies them, and no change of the plan is left out.
		 */
		ext = c->kind != SF_FIX_DELETE_KEY &&
		    !reg_out_value_name_ok(c->value.u, c->value.len);
		r = ext ? 1 : key_header(&o, names, n, NULL, 0, c->kind ==
		    SF_FIX_DELETE_KEY, 0);
		if (r == 1) {
			reg_out_comment(&o, "regedit skips the next lines (a "
			    "name a .reg line cannot hold); spoolfix undo "
			    "applies them");
			ext = 1;
			r = key_header(&o, names, n, NULL, 0, c->kind ==
			    SF_FIX_DELETE_KEY, 1);
		}
		if (names != c->lpath)
			free(names);
		free(ccs.u);
		if (r == -1) {
			reg_out_free(&o);
			return sf_err_nomem(errp);
		}
		if (r == 1)
			reg_out_comment(&o, "(a key with an empty name: no .reg "
			    "line can name it)");
		else if (c->kind == SF_FIX_DELETE_VALUE)
			(void)(ext ? reg_out_value_delete_ext(&o, c->value.u,
			    c->value.len) : reg_out_value_delete(&o, c->value.u,
			    c->value.len));
		else if (c->kind == SF_FIX_SET_VALUE)
			(void)(ext ? reg_out_value_ext(&o, c->value.u,
			    c->value.len, c->type, c->data, c->datalen) :
			    reg_out_value(&o, c->value.u, c->value.len, c->type,
			    c->data, c->datalen));
		reg_out_blank(&o);
	}
	rc = reg_out_save(&o, path, 1, errp);
	reg_out_free(&o);
	return rc;
}
