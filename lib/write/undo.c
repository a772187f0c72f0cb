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
 * sf_undo_run: applies an undo file (a .reg file) to one offline hive,
 * through the same safe pipeline as a repair (job.c).  Each entry
 * whose root belongs to the hive is applied: HKEY_LOCAL_MACHINE\SYSTEM
 * (CurrentControlSet resolved through Select\Current), \SOFTWARE, or
 * HKEY_USERS\<profile>; entries for other hives are skipped and counted.
 * Verification checks that every entry holds in the written hive and
 * that nothing else changed.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/dotreg.h"
#include "write/repair.h"
#include "write/undo.h"
#ifdef _WIN32
#include "write/live.h"
#endif

static int
seg_is(const reg_op *op, size_t i, const char *s)
{
	return i < op->nseg && sf_u16_caseeq_ascii(op->seg[i], op->seglen[i],
	    s);
}

/*
 * Maps an op's logical path to this hive; 0 when it is not this hive's,
 * -1 when its current control set is unknown, -2 when out of memory.
 */
int
undo_map_path(sf_hive *h, const reg_op *op, sf_keypath *p)
{
	size_t	 start;
	uint16_t *ccs;
	size_t	 n;

	memset(p, 0, sizeof(*p));
	if ((seg_is(op, 0, "HKEY_LOCAL_MACHINE") || seg_is(op, 0, "HKLM")) &&
	    ((h->kind == SF_HIVE_SYSTEM && seg_is(op, 1, "SYSTEM")) ||
	    (h->kind == SF_HIVE_SOFTWARE && seg_is(op, 1, "SOFTWARE"))))
		start = 2;
	else if ((seg_is(op, 0, "HKEY_USERS") || seg_is(op, 0, "HKU")) &&
	    op->nseg >= 2 && ((h->kind == SF_HIVE_DEFAULT &&
	    seg_is(op, 1, ".DEFAULT")) || (h->kind == SF_HIVE_NTUSER &&
	    h->live && strncmp(h->path, "HKU\\", 4) == 0 &&
	    seg_is(op, 1, h->path + 4)) || (h->kind == SF_HIVE_NTUSER &&
	    !h->live && h->profile != NULL && seg_is(op, 1, h->profile))))
		start = 2;
	else
		return 0;
	if (h->kind == SF_HIVE_SYSTEM && seg_is(op, 2, "CurrentControlSet")) {
		if (h->ccs_name == NULL)
			return -1;
		if ((ccs = sf_u16_from_utf8(h->ccs_name, &n)) == NULL)
			return -2;
		if (sf_keypath_push(p, ccs, n) == -1) {
			free(ccs);
			return -2;
		}
		free(ccs);
		start = 3;
	}
	for (; start < op->nseg; start++)
		if (sf_keypath_push(p, op->seg[start], op->seglen[start]) ==
		    -1)
			return -2;
	return 1;
}

static int
is_hku(const reg_op *op)
{
	return op->nseg >= 2 && (seg_is(op, 0, "HKEY_USERS") ||
	    seg_is(op, 0, "HKU"));
}

static int
cmp_profile(const void *a, const void *b)
{
	const reg_op *x = *(const reg_op *const *)a;
	const reg_op *y = *(const reg_op *const *)b;

	return sf_u16_casecmp(x->seg[1], x->seglen[1], y->seg[1],
	    y->seglen[1]);
}

/*
 * The HKU profiles the file names, for the message when none is the
 * hive's: "alice, bob".  Sorted, so that a file of many entries costs
 * n log n, not n squared.
 */
char *
undo_file_profiles(const reg_in *in)
{
	const reg_op	**v;
	sf_buf		 b;
	char		*s;
	size_t		 i, n = 0;

	if ((v = sf_calloc(in->n + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < in->n; i++)
		if (is_hku(&in->op[i]))
			v[n++] = &in->op[i];
	qsort(v, n, sizeof(*v), cmp_profile);
	sf_buf_init(&b);
	for (i = 0; i < n; i++) {
		if (i > 0 && cmp_profile(&v[i - 1], &v[i]) == 0)
			continue;
		if ((s = sf_u16_to_display(v[i]->seg[1], v[i]->seglen[1])) ==
		    NULL)
			continue;
		sf_buf_printf(&b, "%s%s", b.len ? ", " : "", s);
		free(s);
	}
	free(v);
	return sf_buf_take(&b);
}

/* Each entry of this hive becomes an operation of the writer. */
sf_status
undo_precheck(job *j, sf_error **errp)
{
	undo_job	*u = j->arg;
	sf_hive		*h = j->hive;
	size_t		 i;
	wop		 w;

	for (i = 0; i < u->in.n; i++) {
		reg_op *op = &u->in.op[i];

		if (!u->mine[i])
			continue;
		memset(&w, 0, sizeof(w));
		w.path = &u->path[i];
		w.line = op->line;
		w.name = op->name;
		w.namelen = op->namelen;
		switch (op->kind) {
		case REG_KEY:
			w.kind = WOP_CREATE_KEY;
			break;
		case REG_DELETE_KEY:
			w.kind = WOP_DELETE_KEY;
			w.if_present = 1;
			break;
		case REG_SET_VALUE:
			w.kind = WOP_SET_VALUE;
			w.type = op->type;
			w.data = op->data;
			w.size = op->size;
			break;
		case REG_DELETE_VALUE:
			w.kind = WOP_DELETE_VALUE;
			w.if_present = 1;
			break;
		}
		if (job_op(j, &w) == -1)
			return sf_err_nomem(errp);
		j->nchanges++;
	}
	if (j->nchanges == 0)
		return sf_err(errp, SF_ERR_NOTFOUND, "give the hive this undo "
		    "file was written for", "the undo file has no entry for "
		    "this %s hive", sf_hive_kind_name(h->kind));
	return SF_OK;
}

/* Is op i overridden by a later op (same target, or a deleted ancestor)? */
static int
superseded(const undo_job *u, size_t i)
{
	size_t k;

	for (k = i + 1; k < u->in.n; k++) {
		const reg_op *a = &u->in.op[i], *b = &u->in.op[k];

		if (!u->mine[k])
			continue;
		if (b->kind == REG_DELETE_KEY && sf_keypath_within(&u->path[k],
		    &u->path[i]))
			return 1;
		if ((a->kind == REG_SET_VALUE || a->kind == REG_DELETE_VALUE) &&
		    (b->kind == REG_SET_VALUE || b->kind == REG_DELETE_VALUE) &&
		    sf_keypath_cmp(&u->path[i], &u->path[k]) == 0 &&
		    sf_u16_caseeq(a->name, a->namelen, b->name, b->namelen))
			return 1;
		if (a->kind == REG_DELETE_KEY && b->kind != REG_DELETE_KEY &&
		    sf_keypath_within(&u->path[i], &u->path[k]))
			return 1;
	}
	return 0;
}

sf_status
undo_expect(job *j, sf_hive *w, sf_error **errp)
{
	undo_job	*u = j->arg;
	size_t		 i;
	sf_key		*k;
	const sf_value	*v;
	sf_find		 how;

	for (i = 0; i < u->in.n; i++) {
		reg_op *op = &u->in.op[i];

		if (!u->mine[i] || superseded(u, i))
			continue;
		k = sf_key_find(w, &u->path[i], u->path[i].n, &how);
		if ((op->kind == REG_KEY && k == NULL) ||
		    (op->kind == REG_DELETE_KEY && k != NULL))
			return sf_err(errp, SF_ERR_VERIFY, NULL, "line %u of the "
			    "undo file does not hold in the written hive",
			    op->line);
		if (op->kind == REG_SET_VALUE && (k == NULL || (v =
		    sf_key_value(w, k, op->name, op->namelen)) == NULL ||
		    v->type != op->type || v->size != op->size ||
		    memcmp(v->data, op->data, op->size) != 0))
			return sf_err(errp, SF_ERR_VERIFY, NULL, "the value of "
			    "line %u was not written exactly", op->line);
		if (op->kind == REG_DELETE_VALUE && k != NULL &&
		    sf_key_value(w, k, op->name, op->namelen) != NULL)
			return sf_err(errp, SF_ERR_VERIFY, NULL, "the value of "
			    "line %u is still there", op->line);
	}
	return SF_OK;
}

void
undo_free(undo_job *u)
{
	size_t i;

	for (i = 0; u->path != NULL && i < u->in.n; i++)
		sf_keypath_free(&u->path[i]);
	free(u->path);
	free(u->mine);
	if (!u->borrowed)
		reg_in_free(&u->in);
}

sf_status
sf_undo_run(const char *reg_path, const char *hive_path,
    const sf_repair_opts *o, sf_repair **out, sf_error **errp)
{
	sf_machine	*m = NULL;
	undo_job	 u;
	job		 j;
	char		*stamp = NULL, *dir = NULL, *names = NULL;
	size_t		 i;
	int		 r;
	sf_status	 rc;
	sf_error	*e = NULL;

	*out = NULL;
	memset(&u, 0, sizeof(u));
	memset(&j, 0, sizeof(j));
	if ((*out = repair_new()) == NULL)
		return sf_err_nomem(errp);
	if ((rc = reg_in_parse(reg_path, &u.in, errp)) != SF_OK)
		return rc;
	if ((rc = sf_machine_new(&m, errp)) != SF_OK)
		goto out;
	if ((rc = sf_machine_add_file(m, hive_path, SF_HIVE_UNKNOWN,
	    o != NULL ? o->profile : NULL, errp)) != SF_OK)
		goto out;
	u.path = sf_calloc(u.in.n, sizeof(*u.path));
	u.mine = sf_calloc(u.in.n, sizeof(*u.mine));
	if (u.path == NULL || u.mine == NULL || (stamp = sf_timestamp()) ==
	    NULL || (dir = repair_backup_dir(o, stamp)) == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	for (i = 0; i < u.in.n; i++) {
		if ((r = undo_map_path(m->hive[0], &u.in.op[i], &u.path[i])) <
		    0) {
			rc = r == -2 ? sf_err_nomem(errp) : sf_err(errp,
			    SF_ERR_UNSAFE, NULL, "%s: the current control set "
			    "is unknown", hive_path);
			goto out;
		}
		u.mine[i] = r;
		u.skipped += !r;
	}
	/*
	 * Nothing for this hive: say which hives the file is for.  A user
	 * hive is matched by its profile name only, never by guessing, so
	 * that one user's settings are not written into another's hive.
	 */
	if (u.skipped == u.in.n) {
		const sf_hive *h = m->hive[0];

		names = undo_file_profiles(&u.in);
		if (h->kind == SF_HIVE_NTUSER && names != NULL && *names != '\0')
			rc = sf_err(errp, SF_ERR_NOTFOUND, "if this hive is "
			    "one of those profiles, say which with --profile "
			    "NAME", "%s: the undo file has no entry for the "
			    "profile %s; it restores the profile(s) %s",
			    hive_path, h->profile != NULL ? h->profile : "?",
			    names);
		else
			rc = sf_err(errp, SF_ERR_NOTFOUND, "give the hive this "
			    "undo file was written for", "%s: the undo file "
			    "has no entry for this %s hive", hive_path,
			    sf_hive_kind_name(h->kind));
		goto out;
	}
	j.m = m;
	j.hive = m->hive[0];
	j.backup_dir = dir;
	j.stamp = stamp;
	j.precheck = undo_precheck;
	j.expect = undo_expect;
	j.verify_advice = "nothing was changed; to put the hive back as it "
	    "was before the repair, copy the backup (.bak) that the undo "
	    "file names over it, with the spooler stopped or offline";
	j.arg = &u;
	rc = repair_job(&j, &e);
	repair_add(*out, hive_path, rc == SF_OK ? SF_REPAIR_APPLIED :
	    SF_REPAIR_FAILED, rc == SF_OK ? j.nchanges : 0, rc == SF_OK ?
	    NULL : sf_error_dup(e), j.backup);
	(*out)->backup_dir = sf_strdup(dir);
	if (rc != SF_OK && errp != NULL) {
		*errp = e;
		e = NULL;
	}
out:
	sf_error_free(e);
	job_release(&j);
	free(names);
	free(stamp);
	free(dir);
	undo_free(&u);
	sf_machine_free(m);
	return rc;
}

#ifdef _WIN32
/*
 * The live registry (Windows): every entry of the file goes to the
 * loaded hive it names (HKLM\SYSTEM, HKLM\SOFTWARE, HKEY_USERS\<SID>);
 * an entry for a hive that is not loaded here refuses the whole file,
 * as restoring part of it would leave a state that never was.  Each
 * hive is checked and backed up (live_job_win32.c) before the spooler
 * is stopped; then hive by hive, each rolled back on a failure.
 */
sf_status
sf_undo_run_live(const char *reg_path, const sf_repair_opts *o,
    sf_repair **out, sf_error **errp)
{
	sf_machine	*m = NULL;
	reg_in		 in;
	undo_job	*u = NULL;
	job		*j = NULL;
	char		*stamp = NULL, *dir = NULL;
	size_t		 i, k, n = 0, done = 0;
	int		 r, any;
	sf_status	 rc;
	sf_service_stop	 svc;
	sf_live_lock	*lk = NULL;

	*out = NULL;
	memset(&in, 0, sizeof(in));
	memset(&svc, 0, sizeof(svc));
	if ((*out = repair_new()) == NULL)
		return sf_err_nomem(errp);
	if ((rc = live_elevated(errp)) != SF_OK ||
	    (rc = reg_in_parse(reg_path, &in, errp)) != SF_OK)
		goto out;
	/* One live run at a time: the keys are read under the lock. */
	if ((rc = sf_live_lock_take(&lk, errp)) != SF_OK)
		goto out;
	if ((rc = sf_machine_new(&m, errp)) != SF_OK ||
	    (rc = sf_machine_add_live(m, errp)) != SF_OK)
		goto out;
	u = sf_calloc(m->nhive + 1, sizeof(*u));
	j = sf_calloc(m->nhive + 1, sizeof(*j));
	if (u == NULL || j == NULL || (stamp = sf_timestamp()) == NULL ||
	    (dir = repair_backup_dir(o, stamp)) == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	for (i = 0; i < m->nhive; i++) {
		u[n].in = in;
		u[n].borrowed = 1;
		u[n].path = sf_calloc(in.n + 1, sizeof(*u[n].path));
		u[n].mine = sf_calloc(in.n + 1, sizeof(*u[n].mine));
		if (u[n].path == NULL || u[n].mine == NULL) {
			n++;
			rc = sf_err_nomem(errp);
			goto out;
		}
		for (k = 0, any = 0; k < in.n; k++) {
			if ((r = undo_map_path(m->hive[i], &in.op[k],
			    &u[n].path[k])) == -1) {
				n++;
				rc = sf_err_nomem(errp);
				goto out;
			}
			u[n].mine[k] = r;
			any |= r;
		}
		if (!any) {
			undo_free(&u[n]);
			memset(&u[n], 0, sizeof(u[n]));
			continue;
		}
		j[n].m = m;
		j[n].hive = m->hive[i];
		j[n].backup_dir = dir;
		j[n].stamp = stamp;
		j[n].precheck = undo_precheck;
		j[n].expect = undo_expect;
		j[n].arg = &u[n];
		n++;
	}
	/* Every entry must go somewhere. */
	for (k = 0; k < in.n; k++) {
		for (i = 0, any = 0; i < n && !any; i++)
			any = u[i].mine[k];
		if (!any) {
			rc = sf_err(errp, SF_ERR_NOTFOUND, "log on as that user "
			    "(so that the profile is loaded), or apply the file "
			    "to the offline hives with spoolfix undo FILE HIVE",
			    "line %u of %s names a hive that is not loaded in "
			    "this registry; nothing was changed", in.op[k].line,
			    reg_path);
			goto out;
		}
	}
	for (i = 0; i < n; i++)
		if ((rc = job_check(&j[i], errp)) != SF_OK ||
		    (rc = job_backup(&j[i], errp)) != SF_OK) {
			repair_add(*out, j[i].hive->path, SF_REPAIR_FAILED, 0,
			    errp != NULL ? sf_error_dup(*errp) : NULL, NULL);
			goto out;
		}
	if ((rc = live_spooler_stop(&svc, errp)) != SF_OK) {
		for (i = 0; i < n; i++)
			repair_add(*out, j[i].hive->path, i == 0 ?
			    SF_REPAIR_FAILED : SF_REPAIR_HELD, 0, i == 0 &&
			    errp != NULL ? sf_error_dup(*errp) : NULL, NULL);
		goto out;
	}
	/* Stopped: every hive's keys still as read, before any change. */
	for (i = 0; i < n && rc == SF_OK; i++)
		if ((rc = live_job_recheck(&j[i], errp)) != SF_OK) {
			for (k = 0; k < n; k++)
				repair_add(*out, j[k].hive->path, k == i ?
				    SF_REPAIR_FAILED : SF_REPAIR_HELD, 0, k == i &&
				    errp != NULL ? sf_error_dup(*errp) : NULL,
				    NULL);
			live_spooler_restore(&svc, o, *out);
			goto out;
		}
	for (done = 0; done < n && rc == SF_OK; done++) {
		rc = job_write(&j[done], errp);
		repair_add(*out, j[done].hive->path, rc == SF_OK ?
		    SF_REPAIR_APPLIED : SF_REPAIR_FAILED, rc == SF_OK ?
		    j[done].nchanges : 0, rc == SF_OK || errp == NULL ? NULL :
		    sf_error_dup(*errp), j[done].backup);
	}
	/* All or nothing: the hives restored before a failure go back. */
	if (rc != SF_OK)
		for (i = 0; i + 1 < done && i < (*out)->n; i++) {
			hive_result *hr = &(*out)->h[i];

			sf_error_free(hr->error);
			hr->error = NULL;
			live_job_undo_written(&j[i], &hr->error);
			hr->state = SF_REPAIR_FAILED;
			hr->changes = 0;
		}
	for (; done < n; done++)
		repair_add(*out, j[done].hive->path, SF_REPAIR_UNCHANGED, 0,
		    NULL, NULL);
	live_spooler_restore(&svc, o, *out);
out:
	sf_live_lock_release(lk);
	if (*out != NULL && dir != NULL)
		(*out)->backup_dir = sf_strdup(dir);
	for (i = 0; i < n; i++) {
		if (j != NULL)
			job_release(&j[i]);
		undo_free(&u[i]);
	}
	free(u);
	free(j);
	reg_in_free(&in);
	free(stamp);
	free(dir);
	sf_machine_free(m);
	return rc;
}
#else
sf_status
sf_undo_run_live(const char *reg_path, const sf_repair_opts *o,
    sf_repair **out, sf_error **errp)
{
	(void)reg_path;
	(void)o;
	*out = NULL;
	return sf_err(errp, SF_ERR_ARG, "run spoolfix.exe on the Windows "
	    "machine itself; here, apply the file to the offline hives with "
	    "spoolfix undo FILE HIVE", "the live registry can be changed only "
	    "by the Windows build of spoolfix");
}
#endif
