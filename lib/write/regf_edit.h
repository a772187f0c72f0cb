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
 * Editing a hive image in memory (regf_edit.c): spoolfix's own writer
 * underneath writer_regf.c.  Keys are named by the offset of their nk
 * cell (relative to the first hive bin, as in the file).  Subkey lists
 * of the keys an edit touches are held as sorted arrays and written
 * anew by re_finish(); everything else is edited in place, and every
 * byte no edit touches stays as it was.
 */
#ifndef SPOOLFIX_REGF_EDIT_H
#define SPOOLFIX_REGF_EDIT_H

#include "base/internal.h"

#define RE_NONE		0xFFFFFFFFu

typedef struct re_image re_image;

/*
 * The data of the allocated cell at relative offset r of a hive image
 * of 'size' bytes, and its length; NULL when r is not the start of an
 * allocated cell lying wholly inside the image.
 */
const uint8_t	*re_cell_data(const uint8_t *, size_t, uint32_t r,
		    size_t *len);

/* Takes a copy of a sound hive's bytes (its declared bins only). */
sf_status	 re_open(const uint8_t *, size_t, re_image **, sf_error **);
void		 re_close(re_image *);
uint32_t	 re_root(const re_image *);

/*
 * The subkey of nk 'key' named 'name' (ignoring case), or RE_NONE.  Only
 * for keys the scan never saw (the writer finds the others through the
 * scanned tree): it compares every subkey's name.
 */
sf_status	 re_child(re_image *, uint32_t key, const uint16_t *, size_t,
		    uint32_t *child, sf_error **);
/* Whether nk 'child' is listed under nk 'parent' and names it as such. */
int		 re_is_child(re_image *, uint32_t parent, uint32_t child);
sf_status	 re_create_key(re_image *, uint32_t parent, const uint16_t *,
		    size_t, uint32_t *child, sf_error **);
sf_status	 re_delete_key(re_image *, uint32_t parent, uint32_t key,
		    sf_error **);
sf_status	 re_set_value(re_image *, uint32_t key, const uint16_t *name,
		    size_t, uint32_t type, const uint8_t *, size_t, sf_error **);
/* SF_ERR_NOTFOUND when the key has no such value. */
sf_status	 re_delete_value(re_image *, uint32_t key, const uint16_t *,
		    size_t, sf_error **);
/*
 * Writes the changed subkey lists and the base block (sequence numbers
 * equal and one higher, time stamp, size, checksum); the image is then
 * a complete hive of *size bytes at *data, owned by the image.
 */
sf_status	 re_finish(re_image *, const uint8_t **, size_t *, sf_error **);

#endif
