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
 * sf_undo_machine: one undo file applied to every hive of a machine, as
 * one repair wrote it for all of them.  Each entry goes to the one hive
 * its root names (undo.c maps them); then, as a repair of several hives
 * does (repair.c), every hive is locked, checked and backed up before
 * any is written.  What can only fail while writing (the disk, the
 * rename, the verification) would leave the machine half restored, a
 * state no repair ever produced: the hives already written are then put
 * back, byte for byte, from the copies read just before they were
 * written, so that the machine is as it was before the undo.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/dotreg.h"
#include "write/repair.h"
#include "write/undo.h"

typedef struct mjob {
	undo_job	 u;	/* u.in is the shared file's: not freed here */
	job		 j;
	sf_error	*error;	/* why its check or backup failed */
	sf_filedata	*logs;	/* a recovered hive's logs, for a rollback */
	size_t		 nlogs;
	int		 written;
} mjob;

static const char *
type_name(uint32_t t)
{
	static const char *const names[] = { "REG_NONE", "REG_SZ",
	    "REG_EXPAND_SZ", "REG_BINARY", "REG_DWORD", "REG_DWORD_BIG_ENDIAN",
	    "REG_LINK", "REG_MULTI_SZ", "REG_RESOURCE_LIST",
	    "REG_FULL_RESOURCE_DESCRIPTOR", "REG_RESOURCE_REQUIREMENTS_LIST",
	    "REG_QWORD" };

	return t < sizeof(names) / sizeof(names[0]) ? names[t] : NULL;
}

/*
 * The key of an entry as the file names it: HKEY_...\A\B, each name
 * escaped as in a plan, so that a backslash inside a name (an extension
 * line can hold one) shows as \\, not as a separator.
 */
static void
add_key(sf_buf *b, const reg_op *op)
{
	size_t i;

	for (i = 0; i < op->nseg; i++) {
		if (i > 0)
			sf_buf_addc(b, '\\');
		sf_escape_u16(b, op->seg[i], op->seglen[i], SF_ESC_TEXT, 1);
	}
}

/* One entry for people, as a dry run lists it. */
static char *
describe(const reg_op *op)
{
	sf_buf		 b;
	char		*name = NULL;
	const char	*t;

	sf_buf_init(&b);
	if (op->kind == REG_SET_VALUE || op->kind == REG_DELETE_VALUE) {
		name = op->namelen == 0 ? NULL : sf_u16_to_display(op->name,
		    op->namelen);
		if (op->namelen == 0)
			sf_buf_printf(&b, "%s the default value of ",
			    op->kind == REG_SET_VALUE ? "set" : "delete");
		else
			sf_buf_printf(&b, "%s value \"%s\" of ",
			    op->kind == REG_SET_VALUE ? "set" : "delete",
			    name != NULL ? name : "?");
		free(name);
	} else
		sf_buf_adds(&b, op->kind == REG_KEY ? "create key " :
		    "delete key ");
	add_key(&b, op);
	if (op->kind == REG_SET_VALUE) {
		if ((t = type_name(op->type)) != NULL)
			sf_buf_printf(&b, " to %s", t);
		else
			sf_buf_printf(&b, " to type 0x%x", (unsigned)op->type);
		sf_buf_printf(&b, ", %zu byte%s", op->size, op->size == 1 ?
		    "" : "s");
	}
	sf_buf_printf(&b, " (line %u)", op->line);
	return sf_buf_take(&b);
}

/* The entries that no hive holds: the error when several were given. */
static sf_status
unmatched(const reg_in *in, const int *owner, size_t n, sf_error **errp)
{
	sf_buf		 b;
	size_t		 i, shown = 0;
	sf_status	 rc;

	sf_buf_init(&b);
	for (i = 0; i < in->n; i++) {
		if (owner[i] != -1)
			continue;
		if (shown++ < 3) {
			sf_buf_printf(&b, "%sline %u: ", shown > 1 ? "; " : "",
			    in->op[i].line);
			add_key(&b, &in->op[i]);
		}
	}
	rc = sf_err(errp, SF_ERR_NOTFOUND, "give every hive the undo file was "
	    "written for (--root DIR finds them under a volume), or restore "
	    "one hive at a time with 'spoolfix undo UNDO.reg HIVE'", "%zu "
	    "entr%s of the undo file belong%s to no hive given (%s%s); "
	    "nothing was changed", n, n == 1 ? "y" : "ies", n == 1 ? "s" : "",
	    b.p != NULL ? b.p : "?", shown > 3 ? "; ..." : "");
	sf_buf_free(&b);
	return rc;
}

/* The error of one hive given that the file has nothing for. */
static sf_status
nothing_for(const reg_in *in, const sf_hive *h, sf_error **errp)
{
	char		*names = undo_file_profiles(in);
	sf_status	 rc;

	if (h->kind == SF_HIVE_NTUSER && names != NULL && *names != '\0')
		rc = sf_err(errp, SF_ERR_NOTFOUND, "if this hive is one of "
		    "those profiles, say which with --profile NAME", "%s: the "
		    "undo file has no entry for the profile %s; it restores "
		    "the profile(s) %s", h->path, h->profile != NULL ?
		    h->profile : "?", names);
	else
		rc = sf_err(errp, SF_ERR_NOTFOUND, "give the hive this undo "
		    "file was written for", "%s: the undo file has no entry "
		    "for this %s hive", h->path, sf_hive_kind_name(h->kind));
	free(names);
	return rc;
}

/*
 * Assigns each entry to its hive: owner[i] is the hive's index, or -1.
 * Each job gets the paths of its entries.
 */
static sf_status
assign(sf_machine *m, const reg_in *in, mjob *mj, int *owner,
    sf_error **errp)
{
	size_t		 i, h;
	int		 r;
	sf_keypath	 p;

	for (i = 0; i < in->n; i++) {
		owner[i] = -1;
		for (h = 0; h < m->nhive; h++) {
			r = undo_map_path(m->hive[h], &in->op[i], &p);
			if (r == -2) {
				sf_keypath_free(&p);
				return sf_err_nomem(errp);
			}
			if (r == -1) {
				sf_keypath_free(&p);
				return sf_err(errp, SF_ERR_UNSAFE, "check the "
				    "hive's Select key", "%s: the current "
				    "control set is unknown", m->hive[h]->path);
			}
			if (r == 0) {
				sf_keypath_free(&p);
				continue;
			}
			if (owner[i] != -1) {
				sf_keypath_free(&p);
				return sf_err(errp, SF_ERR_CONFLICT, "give each "
				    "hive once", "line %u of the undo file "
				    "belongs to both %s and %s; nothing was "
				    "changed", in->op[i].line,
				    m->hive[owner[i]]->path, m->hive[h]->path);
			}
			owner[i] = (int)h;
			mj[h].u.path[i] = p;
			mj[h].u.mine[i] = 1;
		}
	}
	return SF_OK;
}

/* A recovered hive loses its logs when written: keep them to put back. */
static sf_status
keep_logs(mjob *mj, sf_error **errp)
{
	const sf_hive	*h = mj->j.hive;
	size_t		 i;
	sf_status	 rc;

	if (!h->replayed || h->nlogs == 0)
		return SF_OK;
	if ((mj->logs = sf_calloc(h->nlogs, sizeof(*mj->logs))) == NULL)
		return sf_err_nomem(errp);
	for (i = 0; i < h->nlogs; i++) {
		if ((rc = sf_file_read(h->logs[i], (size_t)2 << 30,
		    &mj->logs[i], errp)) != SF_OK)
			return rc;
		mj->nlogs++;
	}
	return SF_OK;
}

/*
 * Puts a written hive back: the bytes read just before it was written
 * (job_write read them and found them as checked), through a temporary
 * file and a rename as any write, then read back and compared.
 */
static sf_status
roll_back(mjob *mj, sf_error **errp)
{
	job		*j = &mj->j;
	char		*tmp = NULL;
	sf_buf		 b;
	sf_filedata	 back;
	sf_error	*e = NULL;
	size_t		 i;
	sf_status	 rc;

	sf_buf_init(&b);
	sf_buf_printf(&b, ".%s.spoolfix-new", sf_path_base(j->hive->path));
	if (b.p == NULL)
		return sf_err_nomem(errp);
	if ((rc = sf_step("rollback", j->hive->path, errp)) != SF_OK ||
	    (rc = sf_file_temp(j->dir, b.p, &tmp, errp)) != SF_OK)
		goto out;
	if ((rc = sf_file_write_temp(tmp, j->whole.data, j->whole.size,
	    errp)) != SF_OK ||
	    (rc = sf_file_copy_mode(j->hive->path, tmp, errp)) != SF_OK ||
	    (rc = sf_file_sync(tmp, errp)) != SF_OK ||
	    (rc = sf_file_rename(tmp, j->hive->path, errp)) != SF_OK)
		goto out;
	free(tmp);
	tmp = NULL;
	for (i = 0; i < mj->nlogs; i++)
		if ((rc = sf_file_write_new(j->hive->logs[i], mj->logs[i].data,
		    mj->logs[i].size, errp)) != SF_OK)
			goto out;
	if (sf_dir_sync(j->dir, &e) != SF_OK)
		sf_error_free(e);	/* best effort, as after any rename */
	if ((rc = sf_file_read(j->hive->path, j->whole.size + 1, &back,
	    errp)) != SF_OK)
		goto out;
	if (back.size != j->whole.size || memcmp(back.data, j->whole.data,
	    back.size) != 0)
		rc = sf_err(errp, SF_ERR_VERIFY, NULL, "%s does not read back "
		    "as it was put back", j->hive->path);
	sf_file_release(&back);
out:
	if (tmp != NULL)
		sf_file_remove(tmp);
	free(tmp);
	sf_buf_free(&b);
	return rc;
}

/* After hive 'failed' failed: every hive written before it put back. */
static void
roll_back_all(sf_repair *res, mjob *mj, size_t n, const char *failed)
{
	size_t		 i;
	sf_error	*e = NULL, *why;

	for (i = 0; i < n; i++) {
		if (!mj[i].written)
			continue;
		if (roll_back(&mj[i], &e) == SF_OK) {
			repair_add(res, mj[i].j.hive->path,
			    SF_REPAIR_ROLLED_BACK, 0, NULL, mj[i].j.backup);
			continue;
		}
		/* Restored by the undo, and not put back: say how. */
		why = NULL;
		sf_err(&why, e != NULL ? sf_error_code(e) : SF_ERR_IO, "copy the backup over it "
		    "(with the spooler stopped or offline) to have the whole "
		    "machine as before the undo, or give the undo again for "
		    "the hives left as they were", "%s was restored, but "
		    "could not be put back after %s failed (%s); its copy "
		    "from before the undo is %s", mj[i].j.hive->path, failed,
		    e != NULL ? sf_error_message(e) : "?", mj[i].j.backup !=
		    NULL ? mj[i].j.backup : "in the backup folder");
		sf_error_free(e);
		e = NULL;
		repair_add(res, mj[i].j.hive->path, SF_REPAIR_APPLIED,
		    mj[i].j.nchanges, why, mj[i].j.backup);
	}
}

/* Each hive's entries for people: a dry run's result. */
static int
add_entries(sf_repair *res, const mjob *mj)
{
	hive_result	*h = &res->h[res->n - 1];
	size_t		 i;

	if ((h->entry = sf_calloc(mj->j.nchanges + 1, sizeof(*h->entry))) ==
	    NULL)
		return -1;
	for (i = 0; i < mj->u.in.n; i++)
		if (mj->u.mine[i] && h->nentry < mj->j.nchanges &&
		    (h->entry[h->nentry++] = describe(&mj->u.in.op[i])) == NULL)
			return -1;
	return 0;
}

static void
mjobs_free(mjob *mj, size_t n, size_t nops)
{
	size_t i, k;

	for (i = 0; mj != NULL && i < n; i++) {
		job_release(&mj[i].j);
		sf_error_free(mj[i].error);
		for (k = 0; mj[i].u.path != NULL && k < nops; k++)
			sf_keypath_free(&mj[i].u.path[k]);
		free(mj[i].u.path);
		free(mj[i].u.mine);
		for (k = 0; k < mj[i].nlogs; k++)
			sf_file_release(&mj[i].logs[k]);
		free(mj[i].logs);
	}
	free(mj);
}

sf_status
sf_undo_machine(const char *reg_path, sf_machine *m,
    const sf_repair_opts *o, sf_repair **out, sf_error **errp)
{
	reg_in		 in;
	mjob		*mj = NULL, **run = NULL;
	int		*owner = NULL;
	char		*stamp = NULL, *dir = NULL;
	size_t		 i, k, n = 0, lost = 0, nhive = m->nhive;
	int		 dry = o != NULL && o->dry_run;
	sf_status	 rc = SF_OK, r;
	sf_error	*e = NULL;
	const sf_error	*first = NULL;

	memset(&in, 0, sizeof(in));
	if ((*out = repair_new()) == NULL ||
	    repair_reserve(*out, nhive) == -1)
		return sf_err_nomem(errp);
	if (nhive == 0)
		return sf_err(errp, SF_ERR_NOTFOUND, "give the hives, or "
		    "--root DIR", "no hive to restore");
	if ((rc = reg_in_parse(reg_path, &in, errp)) != SF_OK)
		return rc;
	mj = sf_calloc(nhive, sizeof(*mj));
	run = sf_calloc(nhive, sizeof(*run));
	owner = sf_calloc(in.n + 1, sizeof(*owner));
	if (mj == NULL || run == NULL || owner == NULL ||
	    (stamp = sf_timestamp()) == NULL ||
	    (dir = repair_backup_dir(o, stamp)) == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	for (i = 0; i < nhive; i++) {
		mj[i].u.in = in;
		mj[i].u.path = sf_calloc(in.n + 1, sizeof(*mj[i].u.path));
		mj[i].u.mine = sf_calloc(in.n + 1, sizeof(*mj[i].u.mine));
		if (mj[i].u.path == NULL || mj[i].u.mine == NULL) {
			rc = sf_err_nomem(errp);
			goto out;
		}
	}
	if ((rc = assign(m, &in, mj, owner, errp)) != SF_OK)
		goto out;
	for (i = 0; i < in.n; i++)
		lost += owner[i] == -1;
	/* One hive: the others' entries are skipped, as by sf_undo_run. */
	if (lost == in.n && nhive == 1) {
		rc = nothing_for(&in, m->hive[0], errp);
		goto out;
	}
	if (lost > 0 && nhive > 1) {
		rc = unmatched(&in, owner, lost, errp);
		goto out;
	}
	/* The jobs, in the machine's order: the hives with entries. */
	for (i = 0; i < nhive; i++) {
		for (k = 0; k < in.n && !mj[i].u.mine[k]; k++)
			continue;
		if (k == in.n)
			continue;
		mj[i].j.m = m;
		mj[i].j.hive = m->hive[i];
		mj[i].j.backup_dir = dir;
		mj[i].j.stamp = stamp;
		mj[i].j.precheck = undo_precheck;
		mj[i].j.expect = undo_expect;
		mj[i].j.verify_advice = "nothing was changed; to put the hive "
		    "back as it was before the repair, copy the backup (.bak) "
		    "that the undo file names over it, with the spooler "
		    "stopped or offline";
		mj[i].j.arg = &mj[i].u;
		run[n++] = &mj[i];
	}
	if (n == 0) {
		rc = sf_err(errp, SF_ERR_NOTFOUND, "give the hives this undo "
		    "file was written for", "the undo file has no entry for "
		    "any hive given");
		goto out;
	}
	/* Before anything is written: every hive checked, then backed up. */
	for (i = 0; i < n; i++)
		if ((r = job_check(&run[i]->j, &run[i]->error)) != SF_OK &&
		    rc == SF_OK)
			rc = r;
	if (dry) {
		for (i = 0; i < n; i++) {
			repair_add(*out, run[i]->j.hive->path, run[i]->error !=
			    NULL ? SF_REPAIR_FAILED : SF_REPAIR_CHECKED,
			    run[i]->error != NULL ? 0 : run[i]->j.nchanges,
			    run[i]->error, NULL);
			if (first == NULL)
				first = run[i]->error;
			run[i]->error = NULL;	/* the result owns it */
			if (rc == SF_OK && add_entries(*out, run[i]) == -1) {
				rc = sf_err_nomem(errp);
				goto out;
			}
		}
		if (rc != SF_OK && errp != NULL)
			*errp = sf_error_dup(first);
		goto out;
	}
	for (i = 0; rc == SF_OK && i < n; i++)
		if ((rc = job_backup(&run[i]->j, &run[i]->error)) == SF_OK)
			rc = keep_logs(run[i], &run[i]->error);
	(*out)->backup_dir = sf_strdup(dir);
	if (rc != SF_OK) {
		for (i = 0; i < n; i++) {
			repair_add(*out, run[i]->j.hive->path, run[i]->error !=
			    NULL ? SF_REPAIR_FAILED : SF_REPAIR_HELD, 0,
			    run[i]->error, NULL);
			if (first == NULL)
				first = run[i]->error;
			run[i]->error = NULL;
		}
		if (errp != NULL)
			*errp = sf_error_dup(first);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((rc = job_write(&run[i]->j, &e)) != SF_OK)
			break;
		run[i]->written = 1;
	}
	if (rc == SF_OK) {
		for (i = 0; i < n; i++)
			repair_add(*out, run[i]->j.hive->path,
			    SF_REPAIR_APPLIED, run[i]->j.nchanges, NULL,
			    run[i]->j.backup);
		goto out;
	}
	/* Hive i failed, unchanged: the ones before it are put back. */
	roll_back_all(*out, mj, nhive, run[i]->j.hive->path);
	repair_add(*out, run[i]->j.hive->path, SF_REPAIR_FAILED, 0,
	    sf_error_dup(e), run[i]->j.backup);
	for (k = i + 1; k < n; k++)
		repair_add(*out, run[k]->j.hive->path, SF_REPAIR_UNCHANGED, 0,
		    NULL, NULL);
	if (errp != NULL) {
		*errp = e;
		e = NULL;
	}
out:
	sf_error_free(e);
	mjobs_free(mj, mj != NULL ? nhive : 0, in.n);
	free(run);
	free(owner);
	free(stamp);
	free(dir);
	reg_in_free(&in);
	return rc;
}

const char *
sf_repair_entry(const sf_repair *r, size_t i, size_t k)
{
	if (r == NULL || i >= r->n || k >= r->h[i].nentry)
		return NULL;
	return r->h[i].entry[k];
}
