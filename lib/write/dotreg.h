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
 * .reg files (regedit version 5): the writer used for plans and undo
 * files, and the reader "spoolfix undo" applies.  Every string is
 * written as hex(N): so odd characters survive a round trip, as hivex's
 * exporter does.  Names a plain line cannot express (an embedded NUL,
 * a backslash in a key name, a line break) go out as spoolfix's
 * extension lines (hive/dotreg_in.h), which regedit skips as comments
 * and spoolfix undo applies.
 */
#ifndef SPOOLFIX_REGFILE_H
#define SPOOLFIX_REGFILE_H

#include "base/internal.h"
#include "hive/dotreg_in.h"

typedef struct reg_out {
	sf_u16buf	 b;
	size_t		 header_len;	/* units of the file header */
} reg_out;

void	 reg_out_init(reg_out *);
void	 reg_out_free(reg_out *);
void	 reg_out_comment(reg_out *, const char *utf8);
/* A key header; root names HKLM/HKU are spelt out.  -1: unrepresentable. */
int	 reg_out_key(reg_out *, const uint16_t *const *names,
	    const size_t *lens, size_t n, int delete);
int	 reg_out_value(reg_out *, const uint16_t *name, size_t len,
	    uint32_t type, const uint8_t *data, size_t size);
int	 reg_out_value_delete(reg_out *, const uint16_t *name, size_t len);
/* Whether a plain value line can hold the name. */
int	 reg_out_value_name_ok(const uint16_t *name, size_t len);
/*
 * The same as extension lines (";spoolfix ", names %XXXX-escaped, never
 * wrapped): any name but an empty key name (-1), which no path can hold.
 */
int	 reg_out_key_ext(reg_out *, const uint16_t *const *names,
	    const size_t *lens, size_t n, int delete);
int	 reg_out_value_ext(reg_out *, const uint16_t *name, size_t len,
	    uint32_t type, const uint8_t *data, size_t size);
int	 reg_out_value_delete_ext(reg_out *, const uint16_t *name,
	    size_t len);
void	 reg_out_blank(reg_out *);
/* Saves as UTF-16LE with a BOM; 'exclusive': the file must not exist. */
sf_status reg_out_save(reg_out *, const char *path, int exclusive,
	    sf_error **);

/* Reading: hive/dotreg_in.h (a .reg export is also a scan source). */

#endif
