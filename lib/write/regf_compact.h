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
 * Compaction (regf_compact.c): a sound hive image written anew with only
 * the cells its root reaches, packed, each copied byte for byte but for
 * its offsets.  The caller frees *out.
 */
#ifndef SPOOLFIX_REGF_COMPACT_H
#define SPOOLFIX_REGF_COMPACT_H

#include "base/internal.h"

sf_status	 regf_compact(const uint8_t *, size_t, uint8_t **out,
		    size_t *outsize, sf_error **);

#endif
