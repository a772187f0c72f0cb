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
	{ "when 1 == 1", NULL, 0, 0 },
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
	{ "when not any value (data is malformed)", NULL, 0, 0 },
	{ "when value \"X\" not in (\"a\") and name is not sid", NULL, 0, 0 },
	{ "when exists key \"..\\Timeouts\"", NULL, 0, 0 },
	{ "when value \"A\" at \"HKLM\\SOFTWARE\\Microsoft\" == 1", NULL,
	  0, 0 },
	{ "when ancestor(2) is sid", NULL, 0, 0 },
	{ "when name in (\"a\", \"b\", 3)", NULL, 0, 0 },
	{ "fix delete-key", NULL, 0, 0 },
	{ "fix set-value \"P\" sz \"winprint\" if name == \"x\"\n"
	  "fix delete-key",
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
	/*
	 * Columns count characters, not bytes, also after text the lexer
	 * counts only when asked (strings, regular expressions, comments):
	 * a UTF-8 string, a string over lines, a CR in a string.
	 */
	{ "when name == \"\xc3\xa9\xc3\xa9\" colour",
	  "unknown keyword colour", 6, 19 },
	{ "message \"a\n\t\xc3\xa9\" colour", "unknown keyword colour", 7, 5 },
	{ "message \"a\r\n\tb\" colour", "unknown keyword colour", 7, 5 },
	{ "when name matches /\xc3\xa9/ colour", "unknown keyword colour",
	  6, 23 },
	/* keywords are spelt exactly, in lower case */
	{ "when name has Comma", "unknown character class Comma", 6, 15 },
	{ "when value \"X\" is sz2", "unknown type or test sz2", 6, 19 },
	/* removed constructs: each says what to write instead */
	{ "when true", "'true' is no longer part of the rule language: leave "
	  "out 'when'", 6, 6 },
	{ "fix delete-key if false", "'false' is no longer part of the rule "
	  "language: remove the rule, or turn it off", 6, 19 },
	{ "when no value (data is malformed)", "'no' is no longer part of the "
	  "rule language: write 'not any'", 6, 6 },
	{ "when upper(name) == \"A\"", "'upper' is no longer part of the "
	  "rule language: write lower(...)", 6, 6 },
	{ "when size(data) > 4", "'size' is no longer part of the rule "
	  "language: test a value's data with 'is empty' or 'is bad-size'",
	  6, 6 },
	{ "when name ends-with \"x\"", "'ends-with' is no longer part of the "
	  "rule language: write 'matches /...$/'", 6, 11 },
	{ "when name has comma, space", "'space' is no longer part of the rule "
	  "language: write 'matches /\\s/'", 6, 22 },
	{ "when name has edge-space", "'edge-space' is no longer part",
	  6, 15 },
	{ "when name has nonascii", "'nonascii' is no longer part", 6, 15 },
	{ "when name has surrogate", "'surrogate' is no longer part of the "
	  "rule language: write 'has nonprint'", 6, 15 },
	{ "when name has quote", "'quote' is no longer part of the rule "
	  "language: write 'has any-of", 6, 15 },
	{ "when value \"X\" is number", "'number' is no longer part of the "
	  "rule language: write 'is dword, dword_be, qword'", 6, 19 },
	{ "when value \"X\" is not sz, decimal", "'decimal' is no longer part "
	  "of the rule language: write 'matches /^[0-9]+$/'", 6, 27 },
	/* "not" inside a test: only "not in" (and "is not") */
	{ "when name not matches /a/", "expected 'in' after 'not', found "
	  "matches: other tests take their 'not' in front", 6, 15 },
	{ "when name not has comma", "expected 'in' after 'not', found has",
	  6, 15 },
	{ "when name not starts-with \"a\"", "expected 'in' after 'not', "
	  "found starts-with", 6, 15 },
	{ "when name not is sid", "expected 'in' after 'not', found is: "
	  "write 'is not'", 6, 15 },
	{ "when name not == \"a\"", "expected 'in' after 'not', found an "
	  "operator", 6, 15 },
	{ "when name is not not sid", "unknown type or test not", 6, 18 },
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
	/* The end of the file, after a comment in UTF-8, in characters. */
	{ "rule A-001 {\n\ttitle \"t\" # caf\xc3\xa9",
	  "expected '}' to close rule A-001 (opened at line 1), found end of "
	  "file", 2, 18 },
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

/*
 * "language N" at the top of a file.  A file that needs a newer language
 * gets that one error, at the declaration, and nothing else of it is
 * read: not its later syntax errors, not even a byte the lexer rejects
 * right after the number.
 */
#define FULL_RULE "rule A-001 {\n" HEAD "}\n"
#define NEWER "this file needs rule language 2; this spoolfix (" \
	SPOOLFIX_VERSION ") reads language 1; upgrade spoolfix"

static const struct {
	const char	*text;
	const char	*diag;	/* NULL: compiles */
	unsigned	 line, col, errors;
} langrows[] = {
	{ "language 1\n" FULL_RULE, NULL, 0, 0, 0 },
	{ "# comment\n\nlanguage 1\n" FULL_RULE, NULL, 0, 0, 0 },
	{ "language 2\n" FULL_RULE, NEWER, 1, 1, 1 },
	{ "language 2\nrule A-001 { when name ends-with \"x\" }\n", NEWER,
	  1, 1, 1 },
	{ "language 2@\n" FULL_RULE, NEWER, 1, 1, 1 },
	{ "# future rules\n  language 2\nrule { ???\n", NEWER, 2, 3, 1 },
	{ "language 18446744073709551615\n", "this file needs rule language "
	  "18446744073709551615;", 1, 1, 1 },
	{ FULL_RULE "language 1\n", "'language' must be the first statement "
	  "of the file", 7, 1, 1 },
	{ "language 0\n" FULL_RULE, "rule language versions start at 1", 1,
	  10, 1 },
	{ "language one\n" FULL_RULE, "expected a language version (a "
	  "number, such as 1) after 'language', found one", 1, 10, 1 },
};

static void
run_langrow(size_t i)
{
	sf_compiler	*c = NULL;
	sf_rules	*rs = NULL;
	struct diag	 d;
	sf_status	 st;

	memset(&d, 0, sizeof(d));
	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	sf_compiler_set_diag(c, on_diag, &d);
	sf_compiler_add_string(c, "x.rules", langrows[i].text,
	    strlen(langrows[i].text), NULL);
	st = sf_compiler_finish(c, &rs, NULL);
	if (langrows[i].diag == NULL)
		CHECK(st == SF_OK && d.n == 0, "language: %s compiles%s%s",
		    flat(langrows[i].text), d.n ? " -- got: " : "", d.msg);
	else
		CHECK(st == SF_ERR_RULES && d.n == langrows[i].errors &&
		    strstr(d.msg, langrows[i].diag) != NULL &&
		    d.line == langrows[i].line && d.col == langrows[i].col,
		    "language: %s fails with %u error(s), first \"%s\" at "
		    "%u:%u: got %u, \"%s\" at %u:%u", flat(langrows[i].text),
		    langrows[i].errors, langrows[i].diag, langrows[i].line,
		    langrows[i].col, d.n, d.msg, d.line, d.col);
	sf_rules_free(rs);
	sf_compiler_free(c);
}

/*
 * A raw NUL byte inside /.../ is refused where it stands, as in a
 * string, rather than cutting the pattern there; \x00 matches a NUL.
 */
static void
regex_nul(void)
{
	static const char raw[] = "rule T-001 {\n" HEAD
	    "when name matches /a\0b/\n}\n";
	static const char esc[] = "rule T-001 {\n" HEAD
	    "when name matches /a\\\0b/\n}\n";
	static const char hex[] = "rule T-001 {\n" HEAD
	    "when name matches /a\\x00b/\n}\n";
	struct count	k;
	sf_status	st;

	k = compile_count(raw, sizeof(raw) - 1, "NUL byte in a regular "
	    "expression", &st);
	CHECK(st == SF_ERR_RULES && k.n == 1 && k.line == 6 && k.col == 21,
	    "a raw NUL in /a<NUL>b/ is reported once at 6:21: got %u times, "
	    "first at %u:%u", k.n, k.line, k.col);
	k = compile_count(esc, sizeof(esc) - 1, "NUL byte in a regular "
	    "expression", &st);
	CHECK(st == SF_ERR_RULES && k.n == 1 && k.line == 6 && k.col == 22,
	    "an escaped raw NUL in /a\\<NUL>b/ is reported once at 6:22: "
	    "got %u times, first at %u:%u", k.n, k.line, k.col);
	k = compile_count(hex, sizeof(hex) - 1, "\n", &st);
	CHECK(st == SF_OK && k.n == 0, "/a\\x00b/ compiles");
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
	alarm(T_ALARM);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		run_row(&rows[i]);
	for (i = 0; i < sizeof(filerows) / sizeof(filerows[0]); i++)
		run_filerow(&filerows[i]);
	for (i = 0; i < sizeof(langrows) / sizeof(langrows[0]); i++)
		run_langrow(i);
	regex_nul();

	deep("64 parentheses", "", "(", "dirty", ")", "", 64, NULL, 0);
	deep("65 parentheses", "", "(", "dirty", ")", "", 65, DEPTH_MSG,
	    PAREN65("("));
	deep("100,000 parentheses", "", "(", "dirty", ")", "", 100000,
	    DEPTH_MSG, PAREN65("("));
	deep("64 not", "", "not ", "dirty", "", "", 64, NULL, 0);
	deep("200,000 not", "", "not ", "dirty", "", "", 200000, DEPTH_MSG,
	    AT65("not "));
	deep("100,000 any subkey (", "", "any subkey (", "dirty", ")", "",
	    100000, DEPTH_MSG, PAREN65("any subkey ("));
	deep("100,000 count subkeys where (", "", "count subkeys where (",
	    "dirty", ") > 0", "", 100000, DEPTH_MSG,
	    PAREN65("count subkeys where ("));
	deep("100,000 exists key where (", "", "exists key \"x\" where (",
	    "dirty", ")", "", 100000, DEPTH_MSG,
	    PAREN65("exists key \"x\" where ("));
	deep("64 lower(", "", "lower(", "name", ")", " == \"a\"", 64, NULL, 0);
	deep("100,000 lower(", "", "lower(", "name", ")", " == \"a\"",
	    100000, DEPTH_MSG, AT65("lower("));
	deep("100,000 replace(", "", "replace(", "name", ", \"a\", \"b\")",
	    " == \"a\"", 100000, DEPTH_MSG, AT65("replace("));
	deep("100,000 length( on the right", "1 < ", "length(", "name", ")",
	    "", 100000, DEPTH_MSG, 4 + AT65("length("));
	/* Long chains are not nesting, and must not exhaust the stack. */
	deep("300,000 and", "", "dirty and ", "dirty", "", "", 300000, NULL,
	    0);
	deep("300,000 or", "", "dirty or ", "dirty", "", "", 300000, NULL,
	    0);
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
