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
 * sf_compact_run: one offline hive written anew without free space
 * (regf_compact.c), through the repair's safe pipeline (job.c): lock,
 * byte backup, temporary file, fsync, verification, rename.  Nothing
 * changes logically, so the verification is strict: every key's class
 * name, time stamp and security descriptor and every value must read
 * the same through libregf, and no undo file is needed (the backup is
 * the way back).
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/repair.h"

static sf_status
no_changes(job *j, sf_error **errp)
{
	(void)j;
	(void)errp;
	return SF_OK;
}

sf_status
sf_compact_run(const char *hive_path, const sf_repair_opts *o,
    sf_repair **out, sf_error **errp)
{
	sf_machine	*m = NULL;
	job		 j;
	char		*stamp = NULL, *dir = NULL;
	sf_status	 rc;
	sf_error	*e = NULL;

	*out = NULL;
	memset(&j, 0, sizeof(j));
	if ((*out = repair_new()) == NULL)
		return sf_err_nomem(errp);
	if ((rc = sf_machine_new(&m, errp)) != SF_OK)
		return rc;
	if ((rc = sf_machine_add_file(m, hive_path, SF_HIVE_UNKNOWN,
	    o != NULL ? o->profile : NULL, errp)) != SF_OK)
		goto out;
	if ((stamp = sf_timestamp()) == NULL ||
	    (dir = repair_backup_dir(o, stamp)) == NULL) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	j.m = m;
	j.hive = m->hive[0];
	j.backup_dir = dir;
	j.stamp = stamp;
	j.precheck = no_changes;
	j.compact = 1;
	j.verify_advice = "nothing was changed, the hive is as it was; "
	    "report this with the backup files";
	rc = repair_job(&j, &e);
	repair_add(*out, hive_path, rc == SF_OK ? SF_REPAIR_APPLIED :
	    SF_REPAIR_FAILED, 0, rc == SF_OK ? NULL : sf_error_dup(e),
	    j.backup);
	(*out)->h[(*out)->n - 1].size_before = j.hive->file_size;
	(*out)->h[(*out)->n - 1].size_after = rc == SF_OK ? j.written :
	    j.hive->file_size;
	(*out)->backup_dir = sf_strdup(dir);
	if (rc != SF_OK && errp != NULL) {
		*errp = e;
		e = NULL;
	}
out:
	sf_error_free(e);
	job_release(&j);
	free(stamp);
	free(dir);
	sf_machine_free(m);
	return rc;
}
