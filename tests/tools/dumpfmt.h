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
 * The line format shared by treedump (spoolfix's reader) and walk -d
 * (libregf), normalised to what both readers can agree on.
 */
#ifndef SPOOLFIX_DUMPFMT_H
#define SPOOLFIX_DUMPFMT_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Appends '\'-joined UTF-16 name units as hex, cut at a NUL. */
static inline size_t
dump_join(char *path, size_t plen, const uint16_t *u, size_t n)
{
	size_t i;

	if (plen > 0)
		path[plen++] = '/';
	for (i = 0; i < n && u[i] != 0 && plen + 5 < (1 << 16); i++)
		plen += (size_t)sprintf(path + plen, "%04x", u[i]);
	path[plen] = '\0';
	return plen;
}

static inline void
dump_value(const char *path, const uint16_t *name, size_t nlen,
    uint32_t type, const uint8_t *d, size_t size)
{
	char	 nm[4096];
	size_t	 i, n = 0, len = size;

	for (i = 0; i < nlen && name[i] != 0 && n + 5 < sizeof(nm); i++)
		n += (size_t)sprintf(nm + n, "%04x", name[i]);
	nm[n] = '\0';
	if (type == 1 || type == 2 || type == 6) {
		for (len = 0; len + 1 < size && (d[len] | d[len + 1]); len += 2)
			;
	}
	printf("V\t%s\t%s\t%u\t", path, nm, type);
	if (size > 0 && size < 4 && !(type == 1 || type == 2 || type == 6)) {
		printf("(small)\n");
		return;
	}
	for (i = 0; i < len && i < 64; i++)
		printf("%02x", d[i]);
	printf("\t%zu\n", len);
}

#endif
