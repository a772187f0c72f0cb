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
 * Adding hives to a machine view.  A source opens the hive (today the
 * offline file source, hive/file_open.c; next the live registry); the
 * machine recognises its kind, resolves the current control set through
 * Select\Current, and mounts it at its logical root.  An input that
 * fails is kept, with its error, so that reports can list every input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <wchar.h>
#include "hive/live.h"
#endif

#include "hive/source_reg.h"
#include "machine/machine.h"

sf_status
sf_machine_new(sf_machine **mp, sf_error **errp)
{
	if ((*mp = calloc(1, sizeof(**mp))) == NULL)
		return sf_err_nomem(errp);
	return SF_OK;
}

void
sf_machine_free(sf_machine *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nhive; i++)
		sf_hive_free(m->hive[i]);
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

int
machine_is_control_set(const sf_key *c)
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
 * A .reg export without Select\Current (reg export of
 * HKLM\SYSTEM\CurrentControlSet\Control\Print holds none): its
 * CurrentControlSet key is the current control set, as it was on the
 * machine that wrote it; failing that, a lone ControlSet00N is, said
 * as a problem.  (With Select\Current, source_reg.c wrote
 * CurrentControlSet through to its set, as an import does.)
 */
static int
reg_control_set(sf_hive *h)
{
	if ((h->ccs = sf_key_child_ascii(h, h->root, "CurrentControlSet")) !=
	    NULL)
		return (h->ccs_name = sf_strdup("CurrentControlSet")) !=
		    NULL ? 0 : -1;
	if (h->ncontrol_sets != 1)
		return 0;
	sf_problem_add(&h->problems, "the export has no Select\\Current: "
	    "%s, its only control set, is taken as the current one",
	    h->control_sets[0]);
	h->ccs = sf_key_child_ascii(h, h->root, h->control_sets[0]);
	return (h->ccs_name = sf_strdup(h->control_sets[0])) != NULL ? 0 : -1;
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
		if (!machine_is_control_set(c))
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
	if (((sel = sf_key_child_ascii(h, h->root, "Select")) == NULL ||
	    (cur = sf_key_value_ascii(h, sel, "Current")) == NULL) &&
	    h->dotreg)
		return reg_control_set(h);
	if (sel == NULL || cur == NULL || cur->type != SF_REG_DWORD ||
	    cur->size != 4) {
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
	/*
	 * A live SYSTEM under Wine has CurrentControlSet as a plain key
	 * and no numbered set behind it: that key is the control set.
	 * (On Windows it is a link, which the live source leaves out.)
	 */
	if (h->live && h->ncontrol_sets == 0 && (h->ccs =
	    sf_key_child_ascii(h, h->root, "CurrentControlSet")) != NULL)
		return (h->ccs_name = sf_strdup("CurrentControlSet")) !=
		    NULL ? 0 : -1;
	if ((h->ccs = sf_key_child_ascii(h, h->root, name)) == NULL) {
		sf_problem_add(&h->problems, "Select\\Current is %u but the "
		    "hive has no %s", n, name);
		return 0;
	}
	return (h->ccs_name = sf_strdup(name)) != NULL ? 0 : -1;
}

/* The computer's name, when SYSTEM has one; -1 when out of memory. */
static int
read_computer_name(sf_machine *m, sf_hive *h)
{
	sf_key		*k;
	const sf_value	*v;

	if (h->ccs == NULL || m->host_system != NULL)
		return 0;
	k = sf_key_path_ascii(h, h->ccs,
	    "Control\\ComputerName\\ComputerName");
	if (k == NULL || (v = sf_key_value_ascii(h, k, "ComputerName")) ==
	    NULL || (v->type != SF_REG_SZ && v->type != SF_REG_EXPAND_SZ))
		return 0;
	return (m->host_system = sf_value_display(v)) == NULL ? -1 : 0;
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
	const char *b = sf_path_base(h->path), *pb;
	size_t	 i, start = 0, end = 0;

	if (given != NULL)
		return sf_strdup(given);
	if (sf_ascii_caseeq(b, "NTUSER.DAT")) {
		/* Not the next guess for want of memory: NULL, no memory. */
		if ((dir = sf_path_dir(h->path)) == NULL)
			return NULL;
		pb = sf_path_base(dir);
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
		for (i = 0; i < m->nhive && !b.oom; i++)
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
 * Mounts a hive its source has opened: its kind (given, or recognised
 * from its content), SYSTEM's control sets, its logical root, and the
 * computer's name.  Any source's hive comes this way.
 */
static sf_status
mount_hive(sf_machine *m, sf_hive *h, sf_hive_kind kind, const char *profile,
    sf_error **errp)
{
	sf_status rc;

	h->kind = kind != SF_HIVE_UNKNOWN ? kind : sf_detect_kind(h);
	if (h->kind == SF_HIVE_SYSTEM) {
		sf_key_children(h, h->root);
		if (resolve_control_sets(h) == -1)
			return sf_err_nomem(errp);
	}
	if ((rc = mount(m, h, profile, errp)) != SF_OK)
		return rc;
	/* Its kind may have been judged on part of its root's subkeys. */
	if (sf_hive_incomplete(h))
		return sf_err_nomem(errp);
	if (h->kind == SF_HIVE_SYSTEM && read_computer_name(m, h) == -1)
		return sf_err_nomem(errp);
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

	const sf_filedata *o;

	/* A hive read with its logs applied is compared as on disk. */
	for (i = 0; i < m->nhive; i++)
		if (m->hive[i] != h && (o = sf_hive_disk_bytes(m->hive[i]))->
		    data != NULL && m->hive[i]->file_size == h->file_size &&
		    o->size == h->file.size && memcmp(o->data, h->file.data,
		    h->file.size) == 0)
			return m->hive[i];
	return NULL;
}

/* Whether a file starts as a .reg file does (a hive starts "regf"). */
static int
is_dotreg(const char *path)
{
	sf_file	*f;
	uint64_t size;
	uint8_t	 head[80];
	size_t	 got = 0;
	int	 r;

	if (sf_file_open(path, &f, &size, NULL) != SF_OK)
		return 0;
	r = sf_file_pread(f, 0, head, sizeof(head), &got, NULL) == SF_OK &&
	    sf_reg_sniff(head, got);
	sf_file_close(f);
	return r;
}

/*
 * A .reg export: one hive per registry root the file holds, each mounted
 * as a hive file of its kind would be (a second SYSTEM for the machine
 * is refused the same way).  'h' stands for the file until it is read:
 * it is the input listed with its error when the file cannot be read.
 * HKEY_CURRENT_USER's profile is the one given, else the file's name
 * without ".reg".
 */
static sf_status
add_reg(sf_machine *m, sf_hive *h, const char *profile, sf_error **errp)
{
	sf_hive		**hs = NULL, **nh;
	sf_error	 *e = NULL;
	sf_status	  rc, first = SF_OK;
	char		 *user, *p;
	size_t		  i, n = 0, len;

	if (profile != NULL)
		user = sf_strdup(profile);
	else {
		user = sf_strdup(sf_path_base(h->path));
		len = user != NULL ? strlen(user) : 0;
		if (len > 4 && sf_ascii_caseeq(user + len - 4, ".reg"))
			user[len - 4] = '\0';
	}
	if (user == NULL)
		return sf_err_nomem(errp);
	rc = sf_reg_source_open(h->path, user, &hs, &n, &e);
	free(user);
	if (rc != SF_OK) {
		h->dotreg = 1;
		h->error = e;
		m->hive[m->nhive++] = h;
		if (errp != NULL)
			*errp = sf_error_dup(e);
		return rc;
	}
	if ((nh = sf_reallocarray(m->hive, m->nhive + n, sizeof(*nh))) ==
	    NULL) {
		for (i = 0; i < n; i++)
			sf_hive_free(hs[i]);
		free(hs);
		sf_hive_free(h);
		return sf_err_nomem(errp);
	}
	m->hive = nh;
	for (i = 0; i < n; i++) {
		hs[i]->id = h->id;
		hs[i]->id_ok = h->id_ok;
		m->hive[m->nhive++] = hs[i];
		/* mount() sets the profile anew from the one given. */
		p = hs[i]->profile;
		hs[i]->profile = NULL;
		e = NULL;
		rc = mount_hive(m, hs[i], hs[i]->kind, p, &e);
		free(p);
		if (rc == SF_ERR_NOMEM) {
			sf_error_free(e);
			first = rc;
			for (i++; i < n; i++)
				sf_hive_free(hs[i]);
			break;
		}
		if (rc != SF_OK) {
			free(hs[i]->mount);
			hs[i]->mount = NULL;
			hs[i]->error = e;
			if (first == SF_OK && errp != NULL)
				*errp = sf_error_dup(e);
			if (first == SF_OK)
				first = rc;
		}
	}
	free(hs);
	sf_hive_free(h);
	return first == SF_ERR_NOMEM ? sf_err_nomem(errp) : first;
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
	if ((h = sf_hive_new(path)) == NULL)
		return sf_err_nomem(errp);
	h->id_ok = sf_file_identity(path, &h->id) == 0;
	if ((o = same_file(m, h)) != NULL) {
		if (skipped != NULL) {
			*skipped = 1;
			sf_hive_free(h);
			return SF_OK;
		}
		rc = sf_err(errp, SF_ERR_ARG, "give each hive once: leave "
		    "one of the two paths out", "%s and %s are one file (the "
		    "same path twice, a link, or two ways to it): one hive "
		    "given twice", o->path, path);
		sf_hive_free(h);
		return rc;
	}
	m->env_done = 0;
	if (is_dotreg(path))
		return add_reg(m, h, profile, errp);
	m->hive[m->nhive++] = h;
	h->no_logs = m->no_logs;
	if ((rc = sf_hive_read_file(h, &e)) == SF_OK &&
	    (o = same_bytes(m, h)) != NULL) {
		/* Not a new input: the machine stays as it was. */
		rc = sf_err(errp, SF_ERR_ARG, "give each hive once: leave "
		    "the copy out, or scan it on its own in another command",
		    "%s is a byte-identical copy of %s: one hive given twice",
		    path, o->path);
		m->nhive--;
		sf_hive_free(h);
		return rc;
	}
	if (rc == SF_OK && (rc = sf_hive_open_file(h, &e)) == SF_OK)
		rc = mount_hive(m, h, kind, profile, &e);
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

void
sf_machine_set_logs(sf_machine *m, int use)
{
	m->no_logs = !use;
}

#ifdef _WIN32
/* One loaded hive: its object path, its name for the user, its kind. */
static sf_status
add_live(sf_machine *m, const wchar_t *object, const char *name,
    sf_hive_kind kind, const char *profile, sf_error **errp)
{
	sf_hive		**nh, *h;
	sf_error	 *e = NULL;
	sf_status	  rc;

	if ((nh = sf_reallocarray(m->hive, m->nhive + 1, sizeof(*nh))) ==
	    NULL)
		return sf_err_nomem(errp);
	m->hive = nh;
	if ((h = sf_hive_new(name)) == NULL)
		return sf_err_nomem(errp);
	m->hive[m->nhive++] = h;
	m->env_done = 0;
	/* The kind first: the source reads SYSTEM's root differently. */
	h->kind = kind;
	if ((rc = sf_live_source_open(h, (const uint16_t *)object,
	    wcslen(object), &e)) == SF_OK)
		rc = mount_hive(m, h, kind, profile, &e);
	if (rc != SF_OK) {
		free(h->mount);
		h->mount = NULL;
		h->error = e;
		if (errp != NULL)
			*errp = sf_error_dup(e);
	}
	return rc;
}

/*
 * The profile name of a SID: the last part of ProfileList\<SID>'s
 * ProfileImagePath (C:\Users\alice), or NULL where there is none.
 */
static char *
profile_name(const wchar_t *sid)
{
	wchar_t	 key[400], path[1024], *base;
	DWORD	 size = sizeof(path) - sizeof(path[0]);

	wcscpy(key, L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\"
	    "ProfileList\\");
	wcscat(key, sid);	/* 255 units at most: key holds it */
	if (RegGetValueW(HKEY_LOCAL_MACHINE, key, L"ProfileImagePath",
	    RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, NULL, path,
	    &size) != ERROR_SUCCESS)
		return NULL;
	path[sizeof(path) / sizeof(path[0]) - 1] = 0;
	base = wcsrchr(path, L'\\') != NULL ? wcsrchr(path, L'\\') + 1 : path;
	return *base != 0 ? sf_u16_to_utf8((const uint16_t *)base,
	    wcslen(base)) : NULL;
}

/*
 * Every loaded user hive: HKEY_USERS' subkeys but .DEFAULT (the
 * profile of services, not a user) and the <SID>_Classes hives (file
 * associations, no print settings), mounted as HKU\<SID>, the profile
 * named from ProfileList.  Users who are not logged on have no loaded
 * hive: add_profile_files reads their NTUSER.DAT.
 */
static sf_status
add_live_users(sf_machine *m, sf_error **errp)
{
	wchar_t		 sid[256], obj[300];
	char		*s;
	DWORD		 i, n;
	LONG		 r;
	size_t		 len;
	sf_buf		 b;
	sf_status	 rc, first = SF_OK;

	for (i = 0;; i++) {
		n = sizeof(sid) / sizeof(sid[0]);
		r = RegEnumKeyExW(HKEY_USERS, i, sid, &n, NULL, NULL, NULL,
		    NULL);
		if (r == ERROR_NO_MORE_ITEMS)
			break;
		if (r != ERROR_SUCCESS)
			continue;
		len = wcslen(sid);
		if (_wcsicmp(sid, L".DEFAULT") == 0 || (len > 8 &&
		    _wcsicmp(sid + len - 8, L"_Classes") == 0))
			continue;
		if ((s = sf_u16_to_utf8((const uint16_t *)sid, len)) == NULL)
			return sf_err_nomem(errp);
		wcscpy(obj, L"\\Registry\\User\\");
		wcscat(obj, sid);	/* 255 units at most: obj holds it */
		sf_buf_init(&b);
		sf_buf_printf(&b, "HKU\\%s", s);
		rc = b.p != NULL ? add_live(m, obj, b.p, SF_HIVE_NTUSER, s,
		    first == SF_OK ? errp : NULL) : sf_err_nomem(errp);
		sf_buf_free(&b);
		free(s);
		if (rc == SF_ERR_NOMEM)
			return rc;
		/* Mounted as HKU\<SID>; the profile says whose it is. */
		if (rc == SF_OK && (s = profile_name(sid)) != NULL) {
			free(m->hive[m->nhive - 1]->profile);
			m->hive[m->nhive - 1]->profile = s;
		}
		if (rc != SF_OK && first == SF_OK)
			first = rc;
	}
	return first;
}

#define PROFILE_LIST	L"SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\" \
			    "ProfileList"

/*
 * The NTUSER.DAT of every profile whose hive is not loaded (a user who
 * is not logged on), read as a file with the offline reader and mounted
 * as HKU\<SID> like a loaded one, so that one live scan covers every
 * profile.  A profile whose folder or NTUSER.DAT is gone (a stale
 * ProfileList entry, common after a profile was deleted by hand) has
 * nothing to scan and is left out; a file that exists but cannot be
 * read is reported as that input's error.
 */
static sf_status
add_profile_files(sf_machine *m, sf_error **errp)
{
	wchar_t		 sid[256], key[400], raw[1024], path[1100];
	HKEY		 list, loaded;
	char		*s, *file, *name;
	DWORD		 i, n, size, got;
	LONG		 r;
	sf_status	 rc, first = SF_OK;

	if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, PROFILE_LIST, 0,
	    KEY_READ, &list) != ERROR_SUCCESS)
		return SF_OK;		/* no profiles to add */
	for (i = 0; i < 100000; i++) {
		n = sizeof(sid) / sizeof(sid[0]);
		r = RegEnumKeyExW(list, i, sid, &n, NULL, NULL, NULL, NULL);
		if (r == ERROR_NO_MORE_ITEMS)
			break;
		if (r != ERROR_SUCCESS)
			continue;
		if (RegOpenKeyExW(HKEY_USERS, sid, 0, KEY_READ, &loaded) ==
		    ERROR_SUCCESS) {
			RegCloseKey(loaded);	/* read live above */
			continue;
		}
		wcscpy(key, PROFILE_LIST L"\\");
		wcscat(key, sid);	/* 255 units at most: key holds it */
		size = sizeof(raw) - sizeof(raw[0]);
		if (RegGetValueW(HKEY_LOCAL_MACHINE, key, L"ProfileImagePath",
		    RRF_RT_REG_SZ | RRF_RT_REG_EXPAND_SZ | RRF_NOEXPAND, NULL,
		    raw, &size) != ERROR_SUCCESS)
			continue;
		raw[sizeof(raw) / sizeof(raw[0]) - 1] = 0;
		got = ExpandEnvironmentStringsW(raw, path,
		    sizeof(path) / sizeof(path[0]) - 12);
		if (got == 0 || got > sizeof(path) / sizeof(path[0]) - 12)
			continue;
		wcscat(path, L"\\NTUSER.DAT");
		if (GetFileAttributesW(path) == INVALID_FILE_ATTRIBUTES)
			continue;
		s = sf_u16_to_utf8((const uint16_t *)sid, wcslen(sid));
		file = sf_u16_to_utf8((const uint16_t *)path, wcslen(path));
		if (s == NULL || file == NULL) {
			free(s);
			free(file);
			RegCloseKey(list);
			return sf_err_nomem(errp);
		}
		rc = add_file(m, file, SF_HIVE_NTUSER, s, NULL,
		    first == SF_OK ? errp : NULL);
		free(file);
		free(s);
		if (rc == SF_ERR_NOMEM) {
			RegCloseKey(list);
			return rc;
		}
		/* Mounted as HKU\<SID>; the profile says whose it is. */
		if (rc == SF_OK && (name = profile_name(sid)) != NULL) {
			free(m->hive[m->nhive - 1]->profile);
			m->hive[m->nhive - 1]->profile = name;
		}
		if (rc != SF_OK && first == SF_OK)
			first = rc;
	}
	RegCloseKey(list);
	return first;
}
#endif

sf_status
sf_machine_add_live(sf_machine *m, sf_error **errp)
{
#ifdef _WIN32
	sf_status	rc, first;

	first = add_live(m, L"\\Registry\\Machine\\SYSTEM", "HKLM\\SYSTEM",
	    SF_HIVE_SYSTEM, NULL, errp);
	if (first == SF_ERR_NOMEM)
		return first;
	rc = add_live(m, L"\\Registry\\Machine\\SOFTWARE", "HKLM\\SOFTWARE",
	    SF_HIVE_SOFTWARE, NULL, first == SF_OK ? errp : NULL);
	if (rc == SF_ERR_NOMEM)
		return rc;
	if (first == SF_OK)
		first = rc;
	rc = add_live_users(m, first == SF_OK ? errp : NULL);
	if (rc == SF_ERR_NOMEM)
		return rc;
	if (first == SF_OK)
		first = rc;
	rc = add_profile_files(m, first == SF_OK ? errp : NULL);
	return first != SF_OK ? first : rc;
#else
	(void)m;
	return sf_err(errp, SF_ERR_ARG, "run spoolfix.exe on the Windows "
	    "machine itself, or scan copies of its hive files here",
	    "the live registry can be read only by the Windows build of "
	    "spoolfix");
#endif
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
