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
 * The diagnostics sink of a compilation: every mistake the lexer, the
 * parser and the compiler find is counted and handed to the caller's
 * callback as file, line, column and message.  A file of its own, below
 * all three, so that none of them depends on another for it.
 */
#include <stdarg.h>

#include "rules/rules.h"

void
rules_diag(struct sf_compiler *c, const char *file, unsigned line,
    unsigned col, const char *fmt, ...)
{
	va_list	 ap;
	sf_buf	 b;

	c->errors++;
	/* After memory ran out, what looks wrong may be what was lost. */
	if (c->diag == NULL || c->r.oom)
		return;
	sf_buf_init(&b);
	va_start(ap, fmt);
	sf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* Its text lost: the compilation fails as out of memory. */
	if (b.oom)
		c->r.oom = 1;
	c->diag(c->diag_arg, file != NULL ? file : "(command line)", line, col,
	    b.p != NULL && !b.oom ? b.p : "out of memory");
	sf_buf_free(&b);
}
