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
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

/* Lexer errors are not reported while the parser skips after one. */
#define LEXERR(lx, ...) do {					\
	if (!(lx)->quiet)						\
		rules_diag((lx)->c, (lx)->file, __VA_ARGS__);		\
} while (0)

void
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
}

void
token_free(token *t)
{
	free(t->text);
	t->text = NULL;
}

static int
peekc(const lexer *lx, size_t ahead)
{
	return lx->pos + ahead < lx->len ?
	    (unsigned char)lx->src[lx->pos + ahead] : -1;
}

static void
advance(lexer *lx)
{
	if (lx->src[lx->pos] == '\n') {
		lx->line++;
		lx->col = 1;
		lx->saw_nl = 1;
	} else if (((unsigned char)lx->src[lx->pos] & 0xC0) != 0x80)
		lx->col++;	/* columns count characters, not bytes */
	lx->pos++;
}

static void
skip_space(lexer *lx)
{
	int c;

	while ((c = peekc(lx, 0)) != -1) {
		if (c == '#') {
			while ((c = peekc(lx, 0)) != -1 && c != '\n')
				advance(lx);
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			advance(lx);
		else
			break;
	}
}

/*
 * Appends the ordinary bytes of a string from the current one on (none
 * of them a line break, NUL or quote) in one piece: the rationales and
 * messages of the shipped rules are most of their text, and a byte at a
 * time was a quarter of compiling them.  Positions move as advance()
 * moves them.
 */
static void
add_run(lexer *lx, sf_buf *b)
{
	size_t	start = lx->pos;
	int	c;

	while (lx->pos < lx->len) {
		c = (unsigned char)lx->src[lx->pos];
		if (c == '\n' || c == '\r' || c == '\0' || c == '"')
			break;
		if ((c & 0xC0) != 0x80)
			lx->col++;
		lx->pos++;
	}
	sf_buf_add(b, lx->src + start, lx->pos - start);
}

/*
 * Strings may span lines: a line break and the indentation around it
 * fold into one space, so long rationales wrap naturally.  A blank line
 * ends an unterminated string, so a missing quote costs one error, not
 * the rest of the file.
 */
static int
lex_string(lexer *lx, token *t)
{
	sf_buf	b;
	int	c;

	advance(lx);
	sf_buf_init(&b);
	for (;;) {
		c = peekc(lx, 0);
		if (c == '\n' || c == '\r') {
			while (b.len > 0 && (b.p[b.len - 1] == ' ' ||
			    b.p[b.len - 1] == '\t'))
				b.p[--b.len] = '\0';
			while (peekc(lx, 0) == '\r')
				advance(lx);
			if (peekc(lx, 0) == '\n')
				advance(lx);
			while ((c = peekc(lx, 0)) == ' ' || c == '\t' ||
			    c == '\r')
				advance(lx);
			if (c == '\n')
				c = -1;		/* blank line */
			else if (b.len > 0)
				sf_buf_addc(&b, ' ');
		}
		if (c == -1) {
			LEXERR(lx, t->line, t->col,
			    "unterminated string");
			sf_buf_free(&b);
			t->kind = TK_BAD;
			return 0;
		}
		if (c == '\0') {
			LEXERR(lx, lx->line, lx->col,
			    "NUL byte in a string");
			advance(lx);
			continue;
		}
		if (c == '"') {
			advance(lx);
			if (peekc(lx, 0) != '"')
				break;
			sf_buf_addc(&b, '"');
			advance(lx);
			continue;
		}
		add_run(lx, &b);
	}
	t->kind = TK_STRING;
	t->len = b.len;
	if ((t->text = sf_buf_take(&b)) == NULL)
		t->kind = TK_BAD;
	return 0;
}

static int
lex_regex(lexer *lx, token *t)
{
	sf_buf	b;
	int	c;

	advance(lx);
	sf_buf_init(&b);
	for (;;) {
		c = peekc(lx, 0);
		if (c == -1 || c == '\n') {
			LEXERR(lx, t->line, t->col,
			    "unterminated regular expression");
			sf_buf_free(&b);
			t->kind = TK_BAD;
			return 0;
		}
		if (c == '/') {
			advance(lx);
			break;
		}
		if (c == '\\' && peekc(lx, 1) == '/') {
			advance(lx);
			c = '/';
		} else if (c == '\\' && peekc(lx, 1) != -1 &&
		    peekc(lx, 1) != '\n') {
			sf_buf_addc(&b, '\\');
			advance(lx);
			c = peekc(lx, 0);
		}
		sf_buf_addc(&b, (char)c);
		advance(lx);
	}
	while ((c = peekc(lx, 0)) != -1 && isalpha(c)) {
		if (c == 'i')
			t->icase = 1;
		else
			LEXERR(lx, lx->line, lx->col,
			    "unknown regular expression flag '%c'", c);
		advance(lx);
	}
	t->kind = TK_REGEX;
	t->len = b.len;
	if ((t->text = sf_buf_take(&b)) == NULL)
		t->kind = TK_BAD;
	return 0;
}

static int
is_word(int c)
{
	return c != -1 && (isalnum(c) || c == '_' || c == '-');
}

static void
lex_number(lexer *lx, token *t)
{
	uint64_t v = 0;
	int	 c, base = 10, digits = 0, overflow = 0, d;

	if (peekc(lx, 0) == '0' && (peekc(lx, 1) == 'x' ||
	    peekc(lx, 1) == 'X')) {
		base = 16;
		advance(lx);
		advance(lx);
	}
	while ((c = peekc(lx, 0)) != -1 && isxdigit(c)) {
		if (base == 10 && !isdigit(c))
			break;
		d = isdigit(c) ? c - '0' : (tolower(c) - 'a' + 10);
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			overflow = 1;
		v = v * (uint64_t)base + (uint64_t)d;
		digits++;
		advance(lx);
	}
	if (is_word(peekc(lx, 0))) {
		LEXERR(lx, t->line, t->col,
		    "malformed number");
		while (is_word(peekc(lx, 0)))
			advance(lx);
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

static void
lex_word(lexer *lx, token *t, tok_kind kind)
{
	size_t start = lx->pos;

	while (is_word(peekc(lx, 0)))
		advance(lx);
	t->kind = kind;
	t->len = lx->pos - start;
	if ((t->text = sf_strndup(lx->src + start, t->len)) == NULL)
		t->kind = TK_BAD;
}

static int
two(lexer *lx, token *t, int second, tok_kind yes, tok_kind no)
{
	advance(lx);
	if (peekc(lx, 0) == second) {
		advance(lx);
		t->kind = yes;
	} else
		t->kind = no;
	return 0;
}

int
lex_next(lexer *lx, token *t)
{
	int c;

	memset(t, 0, sizeof(*t));
	skip_space(lx);
	t->line = lx->line;
	t->col = lx->col;
	t->bol = lx->saw_nl;
	lx->saw_nl = 0;
	if ((c = peekc(lx, 0)) == -1) {
		t->kind = TK_EOF;
		return 0;
	}
	if (c == '"')
		return lex_string(lx, t);
	if (c == '/')
		return lex_regex(lx, t);
	if (isdigit(c)) {
		lex_number(lx, t);
		return 0;
	}
	if (isalpha(c) || c == '_') {
		lex_word(lx, t, TK_IDENT);
		return 0;
	}
	if (c == '$' && (isalpha(peekc(lx, 1)) || peekc(lx, 1) == '_')) {
		advance(lx);
		lex_word(lx, t, TK_PARAM);
		return 0;
	}
	switch (c) {
	case '{':	advance(lx); t->kind = TK_LBRACE; return 0;
	case '}':	advance(lx); t->kind = TK_RBRACE; return 0;
	case '(':	advance(lx); t->kind = TK_LPAREN; return 0;
	case ')':	advance(lx); t->kind = TK_RPAREN; return 0;
	case ',':	advance(lx); t->kind = TK_COMMA; return 0;
	case '+':	advance(lx); t->kind = TK_PLUS; return 0;
	case '<':	return two(lx, t, '=', TK_LE, TK_LT);
	case '>':	return two(lx, t, '=', TK_GE, TK_GT);
	case '=':
		if (peekc(lx, 1) == '=')
			return two(lx, t, '=', TK_EQ, TK_EQ);
		break;
	case '!':
		if (peekc(lx, 1) == '=')
			return two(lx, t, '=', TK_NE, TK_NE);
		break;
	case '.':
		if (peekc(lx, 1) == '.')
			return two(lx, t, '.', TK_DOTDOT, TK_DOTDOT);
		break;
	default:
		break;
	}
	if (c >= 0x20 && c < 0x7F)
		LEXERR(lx, t->line, t->col,
		    "unexpected character '%c'", c);
	else
		LEXERR(lx, t->line, t->col,
		    "unexpected byte 0x%02x", c);
	advance(lx);
	t->kind = TK_BAD;
	return 0;
}
