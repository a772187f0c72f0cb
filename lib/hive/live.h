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
 * The live registry source (source_live_win32.c, Windows only).
 */
#ifndef SPOOLFIX_LIVE_H
#define SPOOLFIX_LIVE_H

#include "hive/hive.h"

/*
 * Opens the loaded hive whose root is the registry object path 'path'
 * (counted UTF-16, e.g. \Registry\Machine\SYSTEM) as h's source; h's
 * path names it for the user ("HKLM\SYSTEM").
 */
sf_status	 sf_live_source_open(sf_hive *, const uint16_t *path,
		    size_t len, sf_error **);

#endif
