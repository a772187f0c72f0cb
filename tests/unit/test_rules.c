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
 * The rule compiler, as a table (jq's tests/jq.test idea): each row is a
 * rule text that must compile, or must fail with a given diagnostic at a
 * given line and column.  Rules are wrapped in a standard header so rows
 * show only what they test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spoolfix.h"
#include "t.h"

struct row {
	const char	*body;	/* statements inside "rule T-001 { ... }" */
	const char	*diag;	/* NULL: compiles; else a substring */
	unsigned	 line, col;
};

#define HEAD "title \"t\"\nseverity error\nrationale \"r\"\n" \
	"scope key \"HKLM\\SYSTEM\\CurrentControlSet\\Control\\Print\\*\"\n"

static const struct row rows[] = {
	{ "when true", NULL, 0, 0 },
	{ "when name matches /^[^:]+:.+$/ or name has comma, nul", NULL, 0, 0 },
	{ "when not name matches /a/i and length(name) > 63", NULL, 0, 0 },
	{ "when value \"Server\" != \"\\\\\" + field(name, \",\", 3)", NULL, 0, 0 },
	{ "when value \"X\" is not sz, expand_sz or missing value \"Y\"",
	  NULL, 0, 0 },
	{ "when value \"P\" in 1..65535", NULL, 0, 0 },
	{ "when any subkey (name != \"Timeouts\")", NULL, 0, 0 },
	{ "when count values == 0", NULL, 0, 0 },
	{ "when count subkeys where (name starts-with \"IP_\") > 500", NULL,
	  0, 0 },
	{ "when any item of value \"Port\" split \",\" (trim(item) == \"x\")",
	  NULL, 0, 0 },
	{ "when no value (data is malformed)", NULL, 0, 0 },
	{ "when exists key \"..\\Timeouts\"", NULL, 0, 0 },
	{ "when value \"A\" at \"HKLM\\SOFTWARE\\Microsoft\" == 1", NULL,
	  0, 0 },
	{ "when ancestor(2) is sid", NULL, 0, 0 },
	{ "when name in (\"a\", \"b\", 3)", NULL, 0, 0 },
	{ "fix delete-key", NULL, 0, 0 },
	{ "fix set-value \"P\" sz \"winprint\" if true\nfix delete-key",
	  NULL, 0, 0 },
	{ "fix set-value \"D\" dword 1\noptional", NULL, 0, 0 },
	{ "fix set-value \"M\" multi_sz (\"a\", \"b\")", NULL, 0, 0 },
	{ "message \"{name} {value:Server Name} {{literal}}\"", NULL, 0, 0 },
	{ "ref \"KB1\", \"KB2\"\nref \"KB3\"", NULL, 0, 0 },
	/* mistakes */
	{ "colour blue", "unknown keyword colour", 6, 1 },
	{ "severity fatal", "expected a severity", 6, 10 },
	{ "when name matches /a(b/", "unmatched '('", 6, 21 },
	{ "when name has sparkles", "unknown character class sparkles", 6,
	  15 },
	{ "when value \"X\" is purple", "unknown type or test purple", 6, 19 },
	{ "when name", "expected a comparison or a test", 7, 1 },
	{ "when name in set nope", "unknown set 'nope'", 6, 18 },
	{ "when value \"X\" == $nope", "unknown parameter $nope", 6, 19 },
	{ "when (name == \"a\"", "expected ')'", 7, 1 },
	{ "fix explode", "expected delete-key, delete-value or set-value",
	  6, 5 },
	{ "fix set-value \"X\" dword 4294967296", "fits the type", 6, 25 },
	{ "optional", "marked optional but has no fix", 1, 1 },
	{ "message \"{nmae}\"", "unknown placeholder {nmae}", 6, 1 },
	{ "title \"again\"", "title is given twice", 6, 7 },
	{ "when name == \"unterminated\n\n", "unterminated string", 6, 14 },
	{ "scope key \"HKCU\\Printers\"", "must start with HKLM", 6, 11 },
	{ "scope key \"HKLM\\SYSTEM\\a\\\\b\"", "empty name in path", 6, 11 },
	{ "when 18446744073709551616 == 1", "number too large", 6, 6 },
};

struct diag {
	char		 msg[512];
	unsigned	 line, col, n;
};

static void
on_diag(void *arg, const char *file, unsigned line, unsigned col,
    const char *msg)
{
	struct diag *d = arg;

	(void)file;
	if (d->n++ == 0) {
		snprintf(d->msg, sizeof(d->msg), "%s", msg);
		d->line = line;
		d->col = col;
	}
}

/* The body on one line, for the TAP description. */
static const char *
flat(const char *s)
{
	static char	 buf[512];
	size_t		 i;

	for (i = 0; s[i] != '\0' && i + 1 < sizeof(buf); i++)
		buf[i] = s[i] == '\n' ? ';' : s[i];
	buf[i] = '\0';
	return buf;
}

static void
run_row(const struct row *r)
{
	sf_compiler	*c = NULL;
	sf_rules	*rs = NULL;
	struct diag	 d;
	char		 text[2048];
	sf_status	 st;

	memset(&d, 0, sizeof(d));
	snprintf(text, sizeof(text), "rule T-001 {\n" HEAD "%s\n}\n", r->body);
	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	sf_compiler_set_diag(c, on_diag, &d);
	sf_compiler_add_string(c, "t.rules", text, strlen(text), NULL);
	st = sf_compiler_finish(c, &rs, NULL);
	if (r->diag == NULL)
		CHECK(st == SF_OK && d.n == 0, "compiles: %s%s%s",
		    flat(r->body), d.n ? " -- got: " : "", d.msg);
	else
		CHECK(st == SF_ERR_RULES && strstr(d.msg, r->diag) != NULL &&
		    d.line == r->line && d.col == r->col,
		    "fails at %u:%u with \"%s\": got %u:%u \"%s\"", r->line,
		    r->col, r->diag, d.line, d.col, d.msg);
	sf_rules_free(rs);
	sf_compiler_free(c);
}

int
main(void)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run_row(&rows[i]);
	T_DONE();
}
