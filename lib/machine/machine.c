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
 * Adding hives to a machine view: reading the file, checking the base
 * block, finding transaction logs, recognising the kind, resolving the
 * current control set through Select\Current, and mounting the hive at
 * its logical root.  An input that fails is kept, with its error, so
 * that reports can list every input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine/machine.h"

/* Hives are at most a few hundred megabytes; 2 GiB is past any real one. */
#define MAX_HIVE_BYTES	((size_t)2 * 1024 * 1024 * 1024 - 1)

sf_status
sf_machine_new(sf_machine **mp, sf_error **errp)
{
	if ((*mp = calloc(1, sizeof(**mp))) == NULL)
		return sf_err_nomem(errp);
	return SF_OK;
}

static void
hive_free(sf_hive *h)
{
	size_t i;

	if (h == NULL)
		return;
	sf_key_free_tree(h, h->root);
	if (h->ops != NULL)
		h->ops->close(h);
	sf_file_release(&h->file);
	sf_problems_free(&h->problems);
	sf_offset_set_free(&h->seen);
	for (i = 0; i < h->nlogs; i++)
		free(h->logs[i]);
	free(h->logs);
	for (i = 0; i < h->ncontrol_sets; i++)
		free(h->control_sets[i]);
	free(h->control_sets);
	sf_error_free(h->error);
	free(h->ccs_name);
	free(h->root_name);
	free(h->mount);
	free(h->profile);
	free(h->path);
	free(h);
}

void
sf_machine_free(sf_machine *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nhive; i++)
		hive_free(m->hive[i]);
	free(m->hive);
	free(m->root);
	free(m->host_given);
	free(m->host_system);
	free(m->env);
	free(m->env_how);
	free(m);
}

sf_hive *
sf_machine_kind(const sf_machine *m, sf_hive_kind kind)
{
	size_t i;

	for (i = 0; i < m->nhive; i++)
		if (m->hive[i]->kind == kind && m->hive[i]->mount != NULL)
			return m->hive[i];
	return NULL;
}

sf_key *
sf_machine_ccs(const sf_machine *m)
{
	sf_hive *h = sf_machine_kind(m, SF_HIVE_SYSTEM);

	return h != NULL ? h->ccs : NULL;
}

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

static int
is_control_set_name(const sf_key *c)
{
	size_t i;

	if (c->name_len != 13 || !sf_u16_caseeq_ascii(c->name, 10,
	    "ControlSet"))
		return 0;
	for (i = 10; i < 13; i++)
		if (c->name[i] < '0' || c->name[i] > '9')
			return 0;
	return 1;
}

/*
 * Select\Current names the current control set; never assume 001.
 * -1 when out of memory: a control set dropped silently could turn a
 * scan with findings into a clean one.
 */
static int
resolve_control_sets(sf_hive *h)
{
	const sf_value	*cur;
	sf_key		*sel, *c;
	char		 name[32], **v;
	size_t		 i;
	uint32_t	 n;

	for (i = 0; i < h->root->nchild; i++) {
		c = h->root->child[i];
		if (!is_control_set_name(c))
			continue;
		v = sf_reallocarray(h->control_sets, h->ncontrol_sets + 1,
		    sizeof(*v));
		if (v == NULL)
			return -1;
		h->control_sets = v;
		snprintf(name, sizeof(name), "ControlSet%c%c%c",
		    (char)c->name[10], (char)c->name[11], (char)c->name[12]);
		if ((v[h->ncontrol_sets] = sf_strdup(name)) == NULL)
			return -1;
		h->ncontrol_sets++;
	}
	if ((sel = sf_key_child_ascii(h, h->root, "Select")) == NULL ||
	    (cur = sf_key_value_ascii(h, sel, "Current")) == NULL ||
	    cur->type != SF_REG_DWORD || cur->size != 4) {
		sf_problem_add(&h->problems, "Select\\Current is missing or "
		    "is not a REG_DWORD: the current control set is unknown");
		return 0;
	}
	n = sf_le32(cur->data);
	if (n > 999) {
		sf_problem_add(&h->problems, "Select\\Current is %u, which "
		    "names no control set", n);
		return 0;
	}
	snprintf(name, sizeof(name), "ControlSet%03u", n);
	if ((h->ccs = sf_key_child_ascii(h, h->root, name)) == NULL) {
		sf_problem_add(&h->problems, "Select\\Current is %u but the "
		    "hive has no %s", n, name);
		return 0;
	}
	return (h->ccs_name = sf_strdup(name)) != NULL ? 0 : -1;
}

static void
read_computer_name(sf_machine *m, sf_hive *h)
{
	sf_key		*k;
	const sf_value	*v;

	if (h->ccs == NULL || m->host_system != NULL)
		return;
	k = sf_key_path_ascii(h, h->ccs,
	    "Control\\ComputerName\\ComputerName");
	if (k == NULL || (v = sf_key_value_ascii(h, k, "ComputerName")) ==
	    NULL || (v->type != SF_REG_SZ && v->type != SF_REG_EXPAND_SZ))
		return;
	m->host_system = sf_value_display(v);
}

/*
 * The profile of a user hive: what the caller said, else the folder of
 * a file named NTUSER.DAT, else the name in the base block's hint
 * (\??\C:\Users\<name>\ntuser.dat), else the file name.
 */
static char *
derive_profile(sf_hive *h, const char *given)
{
	char	*dir, *s;
	const char *b = sf_path_base(h->path);
	size_t	 i, start = 0, end = 0;

	if (given != NULL)
		return sf_strdup(given);
	if (sf_ascii_caseeq(b, "NTUSER.DAT") && (dir = sf_path_dir(h->path)) !=
	    NULL) {
		const char *pb = sf_path_base(dir);

		if (strcmp(pb, ".") != 0 && strcmp(pb, "/") != 0 &&
		    *pb != '\0') {
			s = sf_strdup(pb);
			free(dir);
			return s;
		}
		free(dir);
	}
	for (i = 0; i < h->regf.fname_len; i++)
		if (h->regf.fname[i] == '\\') {
			start = end;
			end = i + 1;
		}
	if (end > start + 1 && h->regf.fname_len > end &&
	    sf_u16_caseeq_ascii(h->regf.fname + end, h->regf.fname_len - end,
	    "ntuser.dat"))
		return sf_u16_to_display(h->regf.fname + start,
		    end - start - 1);
	return sf_strdup(b);
}

static sf_status
mount(sf_machine *m, sf_hive *h, const char *profile, sf_error **errp)
{
	sf_hive	*other;
	sf_buf	 b;
	size_t	 i;
	int	 dup = 1;

	switch (h->kind) {
	case SF_HIVE_SYSTEM:
	case SF_HIVE_SOFTWARE:
	case SF_HIVE_DEFAULT:
		if ((other = sf_machine_kind(m, h->kind)) != NULL)
			return sf_err(errp, SF_ERR_CONFLICT,
			    "scan one host at a time: give each machine's "
			    "hives to a separate spoolfix run",
			    "%s: a second %s hive for one machine (the first "
			    "is %s)", h->path, sf_hive_kind_name(h->kind),
			    other->path);
		h->mount = sf_strdup(h->kind == SF_HIVE_SYSTEM ? "HKLM\\SYSTEM" :
		    h->kind == SF_HIVE_SOFTWARE ? "HKLM\\SOFTWARE" :
		    "HKU\\.DEFAULT");
		break;
	case SF_HIVE_NTUSER:
		if ((h->profile = derive_profile(h, profile)) == NULL)
			return sf_err_nomem(errp);
		sf_buf_init(&b);
		sf_buf_printf(&b, "HKU\\%s", h->profile);
		/* Two profiles of one name get #2, #3: mounts must differ. */
		for (i = 0; i < m->nhive; i++)
			if (m->hive[i]->mount != NULL &&
			    sf_ascii_caseeq(m->hive[i]->mount, b.p)) {
				sf_buf_reset(&b);
				sf_buf_printf(&b, "HKU\\%s#%d", h->profile,
				    ++dup);
				i = (size_t)-1;
			}
		h->mount = sf_buf_take(&b);
		break;
	default:
		return SF_OK;	/* nothing print-related: not mounted */
	}
	return h->mount != NULL ? SF_OK : sf_err_nomem(errp);
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
static sf_status
read_hive(sf_hive *h, sf_error **errp)
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
		if ((np = realloc(p, (size_t)want)) == NULL) {
			rc = sf_err_nomem(errp);
			goto fail;
		}
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

static sf_status
open_hive(sf_machine *m, sf_hive *h, sf_hive_kind kind, const char *profile,
    sf_error **errp)
{
	const char	*why = NULL;
	sf_status	 rc;
	int		 unsafe = 0;

	if (sf_regf_parse(&h->regf, h->file.data, h->file.size,
	    &h->problems, &why) == -1)
		return sf_err(errp, SF_ERR_FORMAT,
		    "give the path of a primary registry hive file",
		    "%s: %s", h->path, why);
	h->regf_ok = 1;
	h->dirty = h->regf.seq1 != h->regf.seq2;
	if (h->problems.n > 0)
		h->corrupt = 1;
	if (sf_regf_walk_bins(&h->regf, &h->problems) > 0)
		h->corrupt = 1;
	if (sf_regf_check_tree(&h->regf, &h->problems, &unsafe) > 0)
		h->corrupt = 1;
	if (unsafe)
		return sf_err(errp, SF_ERR_FORMAT,
		    "restore the hive from a backup or let Windows repair it",
		    "%s: its subkey index loops (an ri list points at another "
		    "ri list); it cannot be read safely", h->path);
	find_logs(h);
	if ((rc = sf_regf_source_open(h, errp)) != SF_OK)
		return rc;
	h->root_name = sf_u16dup(h->root->name, h->root->name_len);
	h->root_name_len = h->root->name_len;
	h->kind = kind != SF_HIVE_UNKNOWN ? kind : sf_detect_kind(h);
	if (h->kind == SF_HIVE_SYSTEM) {
		sf_key_children(h, h->root);
		if (resolve_control_sets(h) == -1)
			return sf_err_nomem(errp);
	}
	if ((rc = mount(m, h, profile, errp)) != SF_OK)
		return rc;
	if (h->kind == SF_HIVE_SYSTEM)
		read_computer_name(m, h);
	return SF_OK;
}

/*
 * One hive given twice (two paths to one file, or a copy) would be
 * scanned twice, and a repair would write it twice: the second write
 * finds the file changed and fails after the first was made.  Two
 * paths lead to one file when the ids match.
 */
static const sf_hive *
same_file(const sf_machine *m, const sf_hive *h)
{
	size_t i;

	for (i = 0; h->id_ok && i < m->nhive; i++)
		if (m->hive[i] != h && m->hive[i]->id_ok &&
		    m->hive[i]->id.dev == h->id.dev &&
		    m->hive[i]->id.ino == h->id.ino)
			return m->hive[i];
	return NULL;
}

/*
 * A byte-identical copy is a mistake too: the base block of a real hive
 * holds its own file name and time stamps, so no two hives of a machine
 * are equal byte for byte.
 */
static const sf_hive *
same_bytes(const sf_machine *m, const sf_hive *h)
{
	size_t i;

	for (i = 0; i < m->nhive; i++)
		if (m->hive[i] != h && m->hive[i]->file.data != NULL &&
		    m->hive[i]->file_size == h->file_size &&
		    m->hive[i]->file.size == h->file.size &&
		    memcmp(m->hive[i]->file.data, h->file.data,
		    h->file.size) == 0)
			return m->hive[i];
	return NULL;
}

/*
 * Adds a file; with 'skipped', a file the machine already holds through
 * another path is left out quietly instead of refused.
 */
static sf_status
add_file(sf_machine *m, const char *path, sf_hive_kind kind,
    const char *profile, int *skipped, sf_error **errp)
{
	sf_hive		 *h, **nh;
	const sf_hive	 *o;
	sf_error	 *e = NULL;
	sf_status	  rc;

	if ((nh = sf_reallocarray(m->hive, m->nhive + 1, sizeof(*nh))) ==
	    NULL)
		return sf_err_nomem(errp);
	m->hive = nh;
	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (h->path = sf_strdup(path)) == NULL) {
		free(h);
		return sf_err_nomem(errp);
	}
	h->id_ok = sf_file_identity(path, &h->id) == 0;
	if ((o = same_file(m, h)) != NULL) {
		if (skipped != NULL) {
			*skipped = 1;
			hive_free(h);
			return SF_OK;
		}
		rc = sf_err(errp, SF_ERR_ARG, "give each hive once: leave "
		    "one of the two paths out", "%s and %s are one file (the "
		    "same path twice, a link, or two ways to it): one hive "
		    "given twice", o->path, path);
		hive_free(h);
		return rc;
	}
	m->hive[m->nhive++] = h;
	m->env_done = 0;
	if ((rc = read_hive(h, &e)) == SF_OK &&
	    (o = same_bytes(m, h)) != NULL) {
		/* Not a new input: the machine stays as it was. */
		rc = sf_err(errp, SF_ERR_ARG, "give each hive once: leave "
		    "the copy out, or scan it on its own in another command",
		    "%s is a byte-identical copy of %s: one hive given twice",
		    path, o->path);
		m->nhive--;
		hive_free(h);
		return rc;
	}
	if (rc == SF_OK)
		rc = open_hive(m, h, kind, profile, &e);
	if (rc != SF_OK) {
		/* Keep the input, unmounted, with its error for reports. */
		free(h->mount);
		h->mount = NULL;
		h->error = e;
		if (errp != NULL)
			*errp = sf_error_dup(e);
		return rc;
	}
	return SF_OK;
}

sf_status
sf_machine_add_file(sf_machine *m, const char *path, sf_hive_kind kind,
    const char *profile, sf_error **errp)
{
	return add_file(m, path, kind, profile, NULL, errp);
}

sf_status
machine_add_found(sf_machine *m, const char *path, const char *profile,
    int *skipped, sf_error **errp)
{
	*skipped = 0;
	return add_file(m, path, SF_HIVE_UNKNOWN, profile, skipped, errp);
}

sf_status
sf_machine_set_host(sf_machine *m, const char *name, sf_error **errp)
{
	free(m->host_given);
	if ((m->host_given = sf_strdup(name)) == NULL)
		return sf_err_nomem(errp);
	return SF_OK;
}

const char *
sf_machine_host(const sf_machine *m)
{
	return m->host_system != NULL ? m->host_system : m->host_given;
}

size_t
sf_machine_hive_count(const sf_machine *m)
{
	return m->nhive;
}

const sf_hive *
sf_machine_hive(const sf_machine *m, size_t i)
{
	return i < m->nhive ? m->hive[i] : NULL;
}
