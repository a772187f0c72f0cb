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
 * The library's single error contract: a status code plus an error
 * object holding a one-line message (what failed, where) and advice
 * (what the user can do).  Out-of-memory errors use a static object so
 * that reporting them cannot itself fail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

struct sf_error {
	sf_status	 code;
	char		*message;
	char		*advice;
	int		 is_static;
};

static struct sf_error nomem_error = {
	SF_ERR_NOMEM, (char *)"out of memory",
	(char *)"free memory or scan fewer hives at once", 1
};

sf_status
sf_err(sf_error **errp, sf_status code, const char *advice,
    const char *fmt, ...)
{
	sf_error	*e;
	sf_buf		 b;
	va_list		 ap;

	if (errp == NULL)
		return code;
	*errp = NULL;
	if ((e = calloc(1, sizeof(*e))) == NULL) {
		*errp = &nomem_error;
		return code;
	}
	sf_buf_init(&b);
	va_start(ap, fmt);
	sf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	e->code = code;
	e->message = sf_buf_take(&b);
	e->advice = sf_strdup(advice != NULL ? advice : "");
	if (e->message == NULL || e->advice == NULL) {
		free(e->message);
		free(e->advice);
		free(e);
		*errp = &nomem_error;
		return code;
	}
	*errp = e;
	return code;
}

sf_status
sf_err_nomem(sf_error **errp)
{
	if (errp != NULL)
		*errp = &nomem_error;
	return SF_ERR_NOMEM;
}

sf_error *
sf_error_dup(const sf_error *e)
{
	sf_error *d = NULL;

	if (e == NULL)
		return NULL;
	sf_err(&d, e->code, e->advice, "%s", e->message);
	return d;
}

sf_status
sf_error_code(const sf_error *e)
{
	return e != NULL ? e->code : SF_OK;
}

const char *
sf_error_message(const sf_error *e)
{
	return e != NULL ? e->message : "";
}

const char *
sf_error_advice(const sf_error *e)
{
	return e != NULL ? e->advice : "";
}

void
sf_error_free(sf_error *e)
{
	if (e == NULL || e->is_static)
		return;
	free(e->message);
	free(e->advice);
	free(e);
}

const char *
sf_strerror(sf_status code)
{
	switch (code) {
	case SF_OK:		return "success";
	case SF_ERR_NOMEM:	return "out of memory";
	case SF_ERR_IO:		return "input/output error";
	case SF_ERR_FORMAT:	return "not a readable registry hive";
	case SF_ERR_ARG:	return "invalid argument";
	case SF_ERR_NOTFOUND:	return "not found";
	case SF_ERR_RULES:	return "rule files did not compile";
	case SF_ERR_CONFLICT:	return "conflicting inputs";
	case SF_ERR_UNSAFE:	return "refused as unsafe";
	case SF_ERR_LOCKED:	return "locked by another process";
	case SF_ERR_VERIFY:	return "verification failed";
	case SF_ERR_UNSUPPORTED: return "not supported";
	}
	return "unknown error";
}
