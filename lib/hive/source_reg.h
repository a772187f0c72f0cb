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
 * A regedit export (.reg) as a hive source (source_reg.c).  One file may
 * hold keys of several hives; each becomes a hive of its own, named by
 * the file, its tree built in memory as regedit would import the file.
 */
#ifndef SPOOLFIX_SOURCE_REG_H
#define SPOOLFIX_SOURCE_REG_H

#include "hive/hive.h"

/* The most hives one file may hold (HKU\<SID> sections beyond: a problem). */
#define REG_MAX_HIVES	64

/* Whether the first bytes of a file are a .reg header (any encoding). */
int		 sf_reg_sniff(const uint8_t *, size_t);

/*
 * Reads the .reg file 'path' into one hive per registry root it holds:
 * HKLM\SYSTEM, HKLM\SOFTWARE, HKU\.DEFAULT, each HKU\<SID> and
 * HKEY_CURRENT_USER.  Each hive has its kind set, user hives their
 * profile (the SID; for HKEY_CURRENT_USER 'user', the caller's name
 * for the file's user), and reg_root the root as the file spells it.
 * Malformed lines and keys outside these hives are the hives' problems
 * (a malformed line makes its hive corrupt: it was read in part).  A
 * file holding none of them yields one hive of unknown kind.  *hives
 * is the caller's.
 */
sf_status	 sf_reg_source_open(const char *path, const char *user,
		    sf_hive ***hives, size_t *n, sf_error **);

#endif
