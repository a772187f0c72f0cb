/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 *
 * The tokenizer of rule files.  Strings are raw: a backslash is an
 * ordinary character, so registry paths read as regedit shows them; a
 * doubled quote ("") stands for one quote.  Regular expressions are
 * written /.../ with an optional i flag.  Comments run from # to the end
 * of the line.  Every token carries its line and column for diagnostics.
 *
 * Loading the shipped rules is part of every run, so the lexer is built
 * for speed: a token's text goes to one buffer the lexer reuses (the
 * parser copies what it keeps), as large as the file so that it never
 * grows (no token's text is longer than the token); a keyword's text is
 * its name in the keyword table, not a copy; identifiers are named by
 * keyword number as they are read; comments and the runs of ordinary
 * bytes in strings are found with memchr; and the columns of text that
 * may hold UTF-8 (strings, regular expressions, comments) are counted
 * only when a token or a message needs one (see col_now()).
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

/* Lexer errors are not reported while the parser skips after one. */
#define LEXERR(lx, ...) do {					\
	if (!(lx)->quiet)						\
		rules_diag((lx)->c, (lx)->file, __VA_ARGS__);		\
} while (0)

/* Byte classes, ASCII only (as the C locale's ctype). */
#define CH_ALPHA	0x01
#define CH_DIGIT	0x02
#define CH_WORD		0x04	/* letters, digits, '_' and '-' */
#define CH_XDIGIT	0x08

static const unsigned char ch[256] = {
	['0'] = 0x0E, ['1'] = 0x0E, ['2'] = 0x0E, ['3'] = 0x0E, ['4'] = 0x0E,
	['5'] = 0x0E, ['6'] = 0x0E, ['7'] = 0x0E, ['8'] = 0x0E, ['9'] = 0x0E,
	['A'] = 0x0D, ['B'] = 0x0D, ['C'] = 0x0D, ['D'] = 0x0D, ['E'] = 0x0D,
	['F'] = 0x0D, ['G'] = 0x05, ['H'] = 0x05, ['I'] = 0x05, ['J'] = 0x05,
	['K'] = 0x05, ['L'] = 0x05, ['M'] = 0x05, ['N'] = 0x05, ['O'] = 0x05,
	['P'] = 0x05, ['Q'] = 0x05, ['R'] = 0x05, ['S'] = 0x05, ['T'] = 0x05,
	['U'] = 0x05, ['V'] = 0x05, ['W'] = 0x05, ['X'] = 0x05, ['Y'] = 0x05,
	['Z'] = 0x05,
	['a'] = 0x0D, ['b'] = 0x0D, ['c'] = 0x0D, ['d'] = 0x0D, ['e'] = 0x0D,
	['f'] = 0x0D, ['g'] = 0x05, ['h'] = 0x05, ['i'] = 0x05, ['j'] = 0x05,
	['k'] = 0x05, ['l'] = 0x05, ['m'] = 0x05, ['n'] = 0x05, ['o'] = 0x05,
	['p'] = 0x05, ['q'] = 0x05, ['r'] = 0x05, ['s'] = 0x05, ['t'] = 0x05,
	['u'] = 0x05, ['v'] = 0x05, ['w'] = 0x05, ['x'] = 0x05, ['y'] = 0x05,
	['z'] = 0x05,
	['_'] = CH_WORD, ['-'] = CH_WORD,
};

#define IS(c, cls)	((c) != -1 && (ch[(unsigned char)(c)] & (cls)) != 0)

int
lex_init(lexer *lx, struct sf_compiler *c, const char *file, const char *src,
    size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->c = c;
	lx->file = file;
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->col = 1;
	lx->saw_nl = 1;
	/* A UTF-8 byte-order mark is not part of the text. */
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		lx->pos = 3;
	lx->colpos = lx->pos;
	/* Most files have neither: add_run() need not look for them. */
	lx->has_cr_nul = memchr(src, '\r', len) != NULL ||
	    memchr(src, '\0', len) != NULL;
	if (len == SIZE_MAX || (lx->text = malloc(len + 1)) == NULL)
		return -1;
	lx->textcap = len + 1;
	return 0;
}

void
lex_done(lexer *lx)
{
	free(lx->text);
	lx->text = NULL;
}

/*
 * Appends to the current token's text.  The buffer holds the whole file
 * and a token's text is never longer than the token, so this never
 * fails; the check keeps a mistake in that reasoning from writing
 * outside the buffer (the token is then cut short).
 */
static void
put(lexer *lx, const char *s, size_t n)
{
	if (n >= lx->textcap - lx->textlen)
		n = lx->textcap - lx->textlen - 1;
	memcpy(lx->text + lx->textlen, s, n);
	lx->textlen += n;
}

static void
putc1(lexer *lx, char c)
{
	if (lx->textlen + 1 < lx->textcap)
		lx->text[lx->textlen++] = c;
}

/*
 * The column at the current position.  lx->col is the column at
 * lx->colpos; the bytes between are counted here, once, as characters
 * (UTF-8 continuation bytes are not), so a string or comment that runs
 * over lines costs nothing for the lines it leaves behind.
 */
static unsigned
col_now(lexer *lx)
{
	const unsigned char	*s = (const unsigned char *)lx->src;
	size_t			 i;
	unsigned		 col = lx->col;

	for (i = lx->colpos; i < lx->pos; i++)
		if ((s[i] & 0xC0) != 0x80)
			col++;
	lx->col = col;
	lx->colpos = lx->pos;
	return col;
}

static int
peekc(const lexer *lx, size_t ahead)
{
	return lx->pos + ahead < lx->len ?
	    (unsigned char)lx->src[lx->pos + ahead] : -1;
}

/* Moves over one byte; the column follows in col_now(). */
static void
advance(lexer *lx)
{
	if (lx->src[lx->pos++] == '\n') {
		lx->line++;
		lx->col = 1;
		lx->colpos = lx->pos;
		lx->saw_nl = 1;
	}
}

/*
 * Blanks and comments.  A blank is one column: when the column is known
 * here (lx->colpos == pos), it is kept known.
 */
static void
skip_space(lexer *lx)
{
	const char	*s = lx->src, *nl;
	size_t		 pos = lx->pos, len = lx->len;

	while (pos < len) {
		switch (s[pos]) {
		case ' ':
		case '\t':
		case '\r':
			if (lx->colpos == pos) {
				lx->colpos++;
				lx->col++;
			}
			pos++;
			break;
		case '\n':
			pos++;
			lx->line++;
			lx->col = 1;
			lx->colpos = pos;
			lx->saw_nl = 1;
			break;
		case '#':
			/* To the line break, which the next pass takes. */
			nl = memchr(s + pos, '\n', len - pos);
			pos = nl != NULL ? (size_t)(nl - s) : len;
			break;
		default:
			goto out;
		}
	}
out:
	lx->pos = pos;
}

/*
 * Appends the ordinary bytes of a string from the current one on (none
 * of them a line break, NUL or quote) in one piece: the rationales and
 * messages of the shipped rules are most of their text.
 */
static void
add_run(lexer *lx)
{
	const char	*p = lx->src + lx->pos, *e = lx->src + lx->len, *q;

	if ((q = memchr(p, '\n', (size_t)(e - p))) != NULL)
		e = q;
	if ((q = memchr(p, '"', (size_t)(e - p))) != NULL)
		e = q;
	if (lx->has_cr_nul) {
		if ((q = memchr(p, '\r', (size_t)(e - p))) != NULL)
			e = q;
		if ((q = memchr(p, '\0', (size_t)(e - p))) != NULL)
			e = q;
	}
	put(lx, p, (size_t)(e - p));
	lx->pos += (size_t)(e - p);
}

/*
 * Strings may span lines: a line break and the indentation around it
 * fold into one space, so long rationales wrap naturally.  A blank line
 * ends an unterminated string, so a missing quote costs one error, not
 * the rest of the file.
 */
static void
lex_string(lexer *lx, token *t)
{
	int	 c;
	unsigned col;

	advance(lx);
	for (;;) {
		c = peekc(lx, 0);
		if (c == '\n' || c == '\r') {
			while (lx->textlen > 0 && (lx->text[lx->textlen - 1] ==
			    ' ' || lx->text[lx->textlen - 1] == '\t'))
				lx->textlen--;
			while (peekc(lx, 0) == '\r')
				advance(lx);
			if (peekc(lx, 0) == '\n')
				advance(lx);
			while ((c = peekc(lx, 0)) == ' ' || c == '\t' ||
			    c == '\r')
				advance(lx);
			if (c == '\n')
				c = -1;		/* blank line */
			else if (lx->textlen > 0)
				putc1(lx, ' ');
		}
		if (c == -1) {
			LEXERR(lx, t->line, t->col,
			    "unterminated string");
			t->kind = TK_BAD;
			return;
		}
		if (c == '\0') {
			col = col_now(lx);
			LEXERR(lx, lx->line, col,
			    "NUL byte in a string");
			advance(lx);
			continue;
		}
		if (c == '"') {
			advance(lx);
			if (peekc(lx, 0) != '"')
				break;
			putc1(lx, '"');
			advance(lx);
			continue;
		}
		add_run(lx);
	}
	t->kind = TK_STRING;
}

static void
lex_regex(lexer *lx, token *t)
{
	int	 c;
	unsigned col;

	advance(lx);
	for (;;) {
		c = peekc(lx, 0);
		if (c == -1 || c == '\n') {
			LEXERR(lx, t->line, t->col,
			    "unterminated regular expression");
			t->kind = TK_BAD;
			return;
		}
		if (c == '/') {
			advance(lx);
			break;
		}
		/*
		 * As in strings: a raw NUL is refused, not kept, since the
		 * pattern would be cut there; \x00 or \u0000 matches one.
		 */
		if (c == '\0' || (c == '\\' && peekc(lx, 1) == '\0')) {
			if (c == '\\')
				advance(lx);
			col = col_now(lx);
			LEXERR(lx, lx->line, col, "NUL byte in a regular "
			    "expression (write \\x00 to match a NUL)");
			advance(lx);
			continue;
		}
		if (c == '\\' && peekc(lx, 1) == '/') {
			advance(lx);
			c = '/';
		} else if (c == '\\' && peekc(lx, 1) != -1 &&
		    peekc(lx, 1) != '\n') {
			putc1(lx, '\\');
			advance(lx);
			c = peekc(lx, 0);
		}
		putc1(lx, (char)c);
		advance(lx);
	}
	while (IS(c = peekc(lx, 0), CH_ALPHA)) {
		if (c == 'i')
			t->icase = 1;
		else {
			col = col_now(lx);
			LEXERR(lx, lx->line, col,
			    "unknown regular expression flag '%c'", c);
		}
		advance(lx);
	}
	t->kind = TK_REGEX;
}

static void
lex_number(lexer *lx, token *t)
{
	uint64_t v = 0;
	int	 c, base = 10, digits = 0, overflow = 0, d;

	if (peekc(lx, 0) == '0' && (peekc(lx, 1) == 'x' ||
	    peekc(lx, 1) == 'X')) {
		base = 16;
		lx->pos += 2;
	}
	while (IS(c = peekc(lx, 0), CH_XDIGIT)) {
		if (base == 10 && !IS(c, CH_DIGIT))
			break;
		d = IS(c, CH_DIGIT) ? c - '0' : ((c | 0x20) - 'a' + 10);
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			overflow = 1;
		v = v * (uint64_t)base + (uint64_t)d;
		digits++;
		lx->pos++;
	}
	if (IS(peekc(lx, 0), CH_WORD)) {
		LEXERR(lx, t->line, t->col,
		    "malformed number");
		while (IS(peekc(lx, 0), CH_WORD))
			lx->pos++;
		t->kind = TK_BAD;
		return;
	}
	if (digits == 0 || overflow) {
		LEXERR(lx, t->line, t->col,
		    overflow ? "number too large" : "malformed number");
		t->kind = TK_BAD;
		return;
	}
	t->kind = TK_NUMBER;
	t->num = v;
}

/*
 * Letters, digits, '_' and '-': ASCII, one column each.  A keyword's
 * text is its name in the table.
 */
static void
lex_word(lexer *lx, token *t, tok_kind kind)
{
	const char	*s = lx->src;
	size_t		 start = lx->pos, pos = start, len = lx->len;

	while (pos < len && (ch[(unsigned char)s[pos]] & CH_WORD))
		pos++;
	if (lx->colpos == start) {
		lx->colpos = pos;
		lx->col += (unsigned)(pos - start);
	}
	lx->pos = pos;
	t->kind = kind;
	t->len = pos - start;
	if (kind == TK_IDENT &&
	    (t->kw = kw_lookup(&lx->c->kw, s + start, t->len)) != KW_NONE)
		t->text = kw_name(t->kw);
	else
		put(lx, s + start, t->len);
}

static void
two(lexer *lx, token *t, int second, tok_kind yes, tok_kind no)
{
	lx->pos++;
	if (peekc(lx, 0) == second) {
		lx->pos++;
		t->kind = yes;
	} else
		t->kind = no;
}

/*
 * The next token.  Its text (identifiers, parameters, strings and
 * regular expressions) is in the lexer's buffer until the next call.
 */
void
lex_next(lexer *lx, token *t)
{
	int c;

	memset(t, 0, sizeof(*t));
	lx->textlen = 0;
	skip_space(lx);
	t->line = lx->line;
	t->col = col_now(lx);
	t->bol = lx->saw_nl;
	lx->saw_nl = 0;
	if ((c = peekc(lx, 0)) == -1) {
		t->kind = TK_EOF;
		return;
	}
	if (c == '"')
		lex_string(lx, t);
	else if (c == '/')
		lex_regex(lx, t);
	else if (IS(c, CH_DIGIT))
		lex_number(lx, t);
	else if (IS(c, CH_ALPHA) || c == '_')
		lex_word(lx, t, TK_IDENT);
	else if (c == '$' && (IS(peekc(lx, 1), CH_ALPHA) ||
	    peekc(lx, 1) == '_')) {
		lx->pos++;
		lex_word(lx, t, TK_PARAM);
	} else
		switch (c) {
		case '{':	lx->pos++; t->kind = TK_LBRACE; break;
		case '}':	lx->pos++; t->kind = TK_RBRACE; break;
		case '(':	lx->pos++; t->kind = TK_LPAREN; break;
		case ')':	lx->pos++; t->kind = TK_RPAREN; break;
		case ',':	lx->pos++; t->kind = TK_COMMA; break;
		case '+':	lx->pos++; t->kind = TK_PLUS; break;
		case '<':	two(lx, t, '=', TK_LE, TK_LT); break;
		case '>':	two(lx, t, '=', TK_GE, TK_GT); break;
		case '=':
			if (peekc(lx, 1) == '=')
				two(lx, t, '=', TK_EQ, TK_EQ);
			break;
		case '!':
			if (peekc(lx, 1) == '=')
				two(lx, t, '=', TK_NE, TK_NE);
			break;
		case '.':
			if (peekc(lx, 1) == '.')
				two(lx, t, '.', TK_DOTDOT, TK_DOTDOT);
			break;
		default:
			break;
		}
	if (t->kind != TK_EOF)	/* TK_EOF (0): no token was read */
		goto text;
	if (c >= 0x20 && c < 0x7F)
		LEXERR(lx, t->line, t->col,
		    "unexpected character '%c'", c);
	else
		LEXERR(lx, t->line, t->col,
		    "unexpected byte 0x%02x", c);
	advance(lx);
	t->kind = TK_BAD;
text:
	if (t->text == NULL) {
		lx->text[lx->textlen] = '\0';
		t->text = lx->text;
	}
	if (t->kind == TK_STRING || t->kind == TK_REGEX)
		t->len = lx->textlen;
}
