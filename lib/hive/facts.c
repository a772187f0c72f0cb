/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 */

/* Read-only accessors for the facts of one input hive. */
#include "hive/hive.h"

const char *
sf_hive_path(const sf_hive *h)
{
	return h->path;
}

sf_hive_kind
sf_hive_kind_of(const sf_hive *h)
{
	return h->kind;
}

int
sf_hive_readable(const sf_hive *h)
{
	return h->root != NULL;
}

const sf_error *
sf_hive_error(const sf_hive *h)
{
	return h->error;
}

const char *
sf_hive_mount(const sf_hive *h)
{
	return h->mount;
}

const char *
sf_hive_profile(const sf_hive *h)
{
	return h->profile;
}

sf_name
sf_hive_root_name(const sf_hive *h)
{
	sf_name n = { h->root_name, h->root_name_len };

	return n;
}

int
sf_hive_live(const sf_hive *h)
{
	return h->live;
}

int
sf_hive_dotreg(const sf_hive *h)
{
	return h->dotreg;
}

void
sf_hive_version(const sf_hive *h, unsigned *major, unsigned *minor)
{
	*major = h->regf_ok ? h->regf.major : 0;
	*minor = h->regf_ok ? h->regf.minor : 0;
}

void
sf_hive_sequence(const sf_hive *h, uint32_t *primary, uint32_t *secondary)
{
	*primary = h->regf.seq1;
	*secondary = h->regf.seq2;
}

uint64_t
sf_hive_size(const sf_hive *h)
{
	return h->file_size;
}

uint64_t
sf_hive_trailing(const sf_hive *h)
{
	return h->trailing;
}

int
sf_hive_dirty(const sf_hive *h)
{
	return h->dirty;
}

int
sf_hive_logs_applied(const sf_hive *h)
{
	return h->replayed;
}

int
sf_hive_base_recovered(const sf_hive *h)
{
	return h->replayed && h->bb_recovered;
}

void
sf_hive_file_sequence(const sf_hive *h, uint32_t *primary,
    uint32_t *secondary)
{
	*primary = h->disk_seq1;
	*secondary = h->disk_seq2;
}

int
sf_hive_corrupt(const sf_hive *h)
{
	return h->corrupt;
}

size_t
sf_hive_problem_count(const sf_hive *h)
{
	return h->problems.n;
}

const char *
sf_hive_problem(const sf_hive *h, size_t i)
{
	return i < h->problems.n ? h->problems.v[i] : NULL;
}

size_t
sf_hive_log_count(const sf_hive *h)
{
	return h->nlogs;
}

const char *
sf_hive_log(const sf_hive *h, size_t i)
{
	return i < h->nlogs ? h->logs[i] : NULL;
}

int
sf_hive_log_applied(const sf_hive *h, size_t i)
{
	return i < h->nlogs && h->log_applied != NULL && h->log_applied[i];
}

const char *
sf_hive_log_note(const sf_hive *h, size_t i)
{
	return i < h->nlogs && h->log_note != NULL ? h->log_note[i] : NULL;
}

const char *
sf_hive_current_control_set(const sf_hive *h)
{
	return h->ccs_name;
}

size_t
sf_hive_control_set_count(const sf_hive *h)
{
	return h->ncontrol_sets;
}

const char *
sf_hive_control_set(const sf_hive *h, size_t i)
{
	return i < h->ncontrol_sets ? h->control_sets[i] : NULL;
}
