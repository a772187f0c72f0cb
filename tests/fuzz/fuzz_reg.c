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
 * .reg and undo text -> the reader "spoolfix undo" uses.  Undo files are
 * edited by people and passed around by mail: hostile input.  Every
 * operation it returns must be self-consistent.
 */
#include "fuzz.h"
#include "write/dotreg.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	reg_in		 in = { 0 };
	sf_error	*err = NULL;
	const char	*p = fz_write("undo.reg", data, size);
	size_t		 i, j;

	if (reg_in_parse(p, &in, &err) == SF_OK) {
		for (i = 0; i < in.n; i++) {
			const reg_op *op = &in.op[i];

			for (j = 0; j < op->nseg; j++)
				if (op->seglen[j] > 0 && op->seg[j] == NULL)
					fz_fail("segment without text", NULL);
			if (op->size > 0 && op->data == NULL)
				fz_fail("value without data", NULL);
		}
		reg_in_free(&in);
	} else if (err == NULL)
		fz_fail("a parse failure without an error", NULL);
	sf_error_free(err);
	return 0;
}
