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
#include <unistd.h>

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

/*
 * Whole files whose mistakes span blocks.  "diag" must be reported
 * exactly once (a recovery loop that does not consume input repeats it
 * forever), first at line:col.
 */
struct filerow {
	const char	*text;
	const char	*diag;
	unsigned	 line, col;
};

static const struct filerow filerows[] = {
	{ "rule A-001 {\n\ttitle \"t\"\nrule B-001 {\n}\n",
	  "expected '}' to close rule A-001 (opened at line 1), found rule",
	  3, 1 },
	{ "set S {\n\tkeys \"HKLM\\SYSTEM\\X\"\nrule B-001 {\n}\n",
	  "expected '}' to close set S (opened at line 1), found rule", 3, 1 },
	{ "set S {\n\tkeys \"HKLM\\SYSTEM\\X\"\nseverity A-001 info\n",
	  "expected '}' to close set S (opened at line 1), found severity",
	  3, 1 },
	{ "rule A-001 {\n\ttitle \"t\"\n",
	  "expected '}' to close rule A-001 (opened at line 1), found end of "
	  "file", 3, 1 },
	{ "rule A-001 {\n\twhen name ==\nparam X 1\n",
	  "expected '}' to close rule A-001", 3, 1 },
	{ "set S {\n\tbogus\n}\nrule B-001 {\n}\n",
	  "rule B-001 has no title", 4, 1 },
	/* A statement that fails on the next block's keyword keeps it. */
	{ "param X\nrule B-001 {\n}\n", "rule B-001 has no title", 2, 1 },
};

struct count {
	const char	*want;
	unsigned	 n, line, col;
};

static void
on_count(void *arg, const char *file, unsigned line, unsigned col,
    const char *msg)
{
	struct count *k = arg;

	(void)file;
	if (strstr(msg, k->want) != NULL && k->n++ == 0) {
		k->line = line;
		k->col = col;
	}
}

/* Compiles text; returns how often "want" was reported, and where. */
static struct count
compile_count(const char *text, size_t len, const char *want,
    sf_status *stp)
{
	sf_compiler	*c = NULL;
	sf_rules	*rs = NULL;
	struct count	 k;

	memset(&k, 0, sizeof(k));
	k.want = want;
	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	sf_compiler_set_diag(c, on_count, &k);
	sf_compiler_add_string(c, "t.rules", text, len, NULL);
	*stp = sf_compiler_finish(c, &rs, NULL);
	sf_rules_free(rs);
	sf_compiler_free(c);
	return k;
}

static void
run_filerow(const struct filerow *r)
{
	struct count	k;
	sf_status	st;

	k = compile_count(r->text, strlen(r->text), r->diag, &st);
	CHECK(st == SF_ERR_RULES && k.n == 1 && k.line == r->line &&
	    k.col == r->col, "%s: \"%s\" once at %u:%u: got %u times, "
	    "first at %u:%u", flat(r->text), r->diag, r->line, r->col, k.n,
	    k.line, k.col);
}

#define DEPTH_MSG "expression nested deeper than 64 levels"

/*
 * A standard rule with "when " HEAD, then OPEN n times, CORE, CLOSE n
 * times and TAIL, on line 6 from column 6.  With want NULL it must
 * compile; else "want" must be reported once, at 6:col.
 */
static void
deep(const char *what, const char *head, const char *open, const char *core,
    const char *close, const char *tail, size_t n, const char *want,
    unsigned col)
{
	struct count	 k;
	sf_status	 st;
	size_t		 i, len;
	char		*text, *t;

	len = strlen("rule T-001 {\n" HEAD "when ") + strlen(head) +
	    n * (strlen(open) + strlen(close)) + strlen(core) + strlen(tail) +
	    strlen("\n}\n") + 1;
	if ((text = t = malloc(len)) == NULL)
		abort();
	t += sprintf(t, "rule T-001 {\n" HEAD "when %s", head);
	for (i = 0; i < n; i++)
		t += sprintf(t, "%s", open);
	t += sprintf(t, "%s", core);
	for (i = 0; i < n; i++)
		t += sprintf(t, "%s", close);
	t += sprintf(t, "%s\n}\n", tail);
	k = compile_count(text, (size_t)(t - text), want != NULL ? want :
	    "\n", &st);
	if (want == NULL)
		CHECK(st == SF_OK, "%s compiles", what);
	else
		CHECK(st == SF_ERR_RULES && k.n == 1 && k.line == 6 &&
		    k.col == col, "%s: \"%s\" once at 6:%u: got %u times, "
		    "first at %u:%u", what, want, col, k.n, k.line, k.col);
	free(text);
}

/* Column of the 65th OPEN on line 6, and of its '(' (the last byte). */
#define AT65(open)	(6u + 64u * (unsigned)strlen(open))
#define PAREN65(open)	(AT65(open) + (unsigned)strlen(open) - 1)

int
main(void)
{
	size_t i;

	/* A parser that loops must fail the test, not hang the suite. */
	alarm(60);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run_row(&rows[i]);
	for (i = 0; i < sizeof(filerows) / sizeof(filerows[0]); i++)
		run_filerow(&filerows[i]);

	deep("64 parentheses", "", "(", "true", ")", "", 64, NULL, 0);
	deep("65 parentheses", "", "(", "true", ")", "", 65, DEPTH_MSG,
	    PAREN65("("));
	deep("100,000 parentheses", "", "(", "true", ")", "", 100000,
	    DEPTH_MSG, PAREN65("("));
	deep("64 not", "", "not ", "true", "", "", 64, NULL, 0);
	deep("200,000 not", "", "not ", "true", "", "", 200000, DEPTH_MSG,
	    AT65("not "));
	deep("100,000 any subkey (", "", "any subkey (", "true", ")", "",
	    100000, DEPTH_MSG, PAREN65("any subkey ("));
	deep("100,000 count subkeys where (", "", "count subkeys where (",
	    "true", ") > 0", "", 100000, DEPTH_MSG,
	    PAREN65("count subkeys where ("));
	deep("100,000 exists key where (", "", "exists key \"x\" where (",
	    "true", ")", "", 100000, DEPTH_MSG,
	    PAREN65("exists key \"x\" where ("));
	deep("64 lower(", "", "lower(", "name", ")", " == \"a\"", 64, NULL, 0);
	deep("100,000 lower(", "", "lower(", "name", ")", " == \"a\"",
	    100000, DEPTH_MSG, AT65("lower("));
	deep("100,000 replace(", "", "replace(", "name", ", \"a\", \"b\")",
	    " == \"a\"", 100000, DEPTH_MSG, AT65("replace("));
	deep("100,000 length( on the right", "1 < ", "length(", "name", ")",
	    "", 100000, DEPTH_MSG, 4 + AT65("length("));
	/* Long chains are not nesting, and must not exhaust the stack. */
	deep("300,000 and", "", "true and ", "true", "", "", 300000, NULL, 0);
	deep("300,000 or", "", "false or ", "true", "", "", 300000, NULL, 0);
	deep("300,000 +", "name == ", "\"a\" + ", "\"a\"", "", "", 300000,
	    NULL, 0);
	/* Path walks recurse once per name: at most 512, "**\**" is "**". */
	deep("a path of 512 names", "exists key \"HKLM\\SYSTEM", "\\a",
	    "\"", "", "", 512, NULL, 0);
	deep("a path of 513 names", "exists key \"HKLM\\SYSTEM", "\\a",
	    "\"", "", "", 513, "a path of more than 512 names cannot match",
	    17);
	deep("a path of 100,000 **", "exists key \"HKLM\\SYSTEM", "\\**",
	    "\\a\"", "", "", 100000, NULL, 0);
	deep("regex groups nested 101 deep", "name matches /", "(", "a", ")",
	    "/", 101, "bad regular expression: groups nested deeper than "
	    "100 levels", 6 + 14 + 100);
	T_DONE();
}
