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
 * A recursive-descent parser for rule files (grammar in
 * man/spoolfix.rules.5).  It never stops at the first mistake: after an
 * error it skips to the next statement keyword that begins a line, so
 * one pass reports every error as file:line:col.  Each rule, set and
 * parameter it builds is handed to the compiler, which checks names
 * across files when it finishes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules.h"

typedef struct parser {
	lexer		 lx;
	token		 tok;
	struct sf_compiler *c;
	struct sf_rules	*r;		/* &c->r: the arena */
	const char	*file;
	char		*afile;		/* file, in the arena, for the rules */
	sf_buf		 join;		/* strings(): adjacent strings joined */
	sf_buf		 fixes;		/* the text of a rule's fixes */
	int		 panic;		/* inside error recovery */
	unsigned	 depth;		/* expression nesting, see nest() */
	unsigned long	 ntok;		/* tokens read: loops check progress */
} parser;

static const kw_id rule_words[] = {
	KW_TITLE, KW_SEVERITY, KW_RATIONALE, KW_REF, KW_SCOPE, KW_WHEN,
	KW_FIX, KW_OPTIONAL, KW_MESSAGE, KW_NONE
};
static const kw_id set_words[] = {
	KW_KEYS, KW_VALUES, KW_DATA, KW_ITEMS, KW_EXTERNAL, KW_NONE
};
static const kw_id top_words[] = {
	KW_RULE, KW_SET, KW_PARAM, KW_DISABLE, KW_SEVERITY, KW_ENABLE_FIX,
	KW_LANGUAGE, KW_NONE
};

/*
 * Words the language once had and no rule needed, each with what to
 * write instead, so that a rule written for an older spoolfix gets a
 * pointed message rather than "unknown word".  The context says where
 * the word is recognised: as a value, a test, a character class after
 * "has" or a predicate after "is".
 */
enum { RM_VALUE, RM_TEST, RM_CLASS, RM_PRED };

static const struct {
	int		 where;
	kw_id		 kw;
	const char	*w;
	const char	*instead;
} removed[] = {
	{ RM_VALUE, KW_TRUE, "true", "leave out 'when' to report every object in "
	  "scope, or 'if' to make a fix unconditional" },
	{ RM_VALUE, KW_FALSE, "false", "remove the rule, or turn it off with "
	  "'disable ID'" },
	{ RM_VALUE, KW_NO, "no", "write 'not any' (as in not any values (...))" },
	{ RM_VALUE, KW_UPPER, "upper", "write lower(...); comparisons and tests "
	  "ignore case" },
	{ RM_VALUE, KW_SIZE, "size", "test a value's data with 'is empty' or 'is "
	  "bad-size', a string's length with length(...)" },
	{ RM_TEST, KW_ENDS_WITH, "ends-with", "write 'matches /...$/'" },
	{ RM_CLASS, KW_SPACE, "space", "write 'matches /\\s/' or 'has any-of \" \"'" },
	{ RM_CLASS, KW_EDGE_SPACE, "edge-space", "write 'matches /^\\s|\\s$/'" },
	{ RM_CLASS, KW_NONASCII, "nonascii", "write 'matches /[^\\x00-\\x7F]/'" },
	{ RM_CLASS, KW_SURROGATE, "surrogate", "write 'has nonprint' (it includes unpaired "
	  "surrogates), or 'is invalid-utf16' for a value" },
	{ RM_CLASS, KW_QUOTE, "quote", "write 'has any-of \"\"\"\"'" },
	{ RM_PRED, KW_NUMBER, "number", "write 'is dword, dword_be, qword'" },
	{ RM_PRED, KW_DECIMAL, "decimal", "write 'matches /^[0-9]+$/'" },
};

/* Operands of a chain (a + b, x and y) kept on the stack, see parse_term */
#define CHAIN_STACK	8

static expr	*parse_expr(parser *);
static term	*parse_term(parser *);

static void
next(parser *p)
{
	do
		lex_next(&p->lx, &p->tok);
	while (p->tok.kind == TK_BAD);
	p->ntok++;
}

static int
is_kw(const parser *p, kw_id w)
{
	return p->tok.kind == TK_IDENT && p->tok.kw == w;
}

static int
accept_kw(parser *p, kw_id w)
{
	if (!is_kw(p, w))
		return 0;
	next(p);
	return 1;
}

static int
accept(parser *p, tok_kind k)
{
	if (p->tok.kind != k)
		return 0;
	next(p);
	return 1;
}

static const char *
describe_tok(const token *t)
{
	switch (t->kind) {
	case TK_EOF:	 return "end of file";
	case TK_IDENT:	 return t->text;
	case TK_STRING:	 return "a string";
	case TK_NUMBER:	 return "a number";
	case TK_REGEX:	 return "a regular expression";
	case TK_PARAM:	 return "a parameter";
	case TK_LBRACE:	 return "'{'";
	case TK_RBRACE:	 return "'}'";
	case TK_LPAREN:	 return "'('";
	case TK_RPAREN:	 return "')'";
	case TK_COMMA:	 return "','";
	case TK_DOTDOT:	 return "'..'";
	case TK_PLUS:	 return "'+'";
	default:	 return "an operator";
	}
}

static void
err(parser *p, const char *fmt, const char *arg)
{
	char msg[256];

	if (p->panic)
		return;
	p->panic = 1;
	snprintf(msg, sizeof(msg), fmt, arg != NULL ? arg :
	    describe_tok(&p->tok));
	rules_diag(p->c, p->file, p->tok.line, p->tok.col, "%s", msg);
}

static int
expect(parser *p, tok_kind k, const char *what)
{
	if (accept(p, k))
		return 1;
	if (!p->panic) {
		char msg[160];

		snprintf(msg, sizeof(msg), "expected %s, found %%s", what);
		err(p, msg, NULL);
	}
	return 0;
}

static int
word_in(const token *t, const kw_id *words)
{
	size_t i;

	if (t->kind != TK_IDENT || t->kw == KW_NONE)
		return 0;
	for (i = 0; words[i] != KW_NONE; i++)
		if (t->kw == words[i])
			return 1;
	return 0;
}

/* Skips to a statement keyword at the start of a line, or a brace. */
static void
recover(parser *p, const kw_id *words)
{
	p->lx.quiet = 1;
	while (p->tok.kind != TK_EOF) {
		if (p->tok.kind == TK_RBRACE)
			break;
		if (p->tok.bol && (word_in(&p->tok, words) ||
		    word_in(&p->tok, top_words)))
			break;
		next(p);
	}
	p->lx.quiet = 0;
	p->panic = 0;
}

/*
 * A keyword at the start of a line that only begins a top-level block
 * ("rule", "set", ...): inside a block whose own statements do not
 * include it, the block's '}' is missing.  Stopping there reports that
 * once and parses the next block, instead of skipping it.
 */
static int
starts_block(const parser *p, const kw_id *inner)
{
	return p->tok.bol && word_in(&p->tok, top_words) &&
	    !word_in(&p->tok, inner);
}

/*
 * Enters one level of expression nesting at the current token, the '('
 * or "not" that opens it.  The bound keeps the parser's recursion, and
 * that of everything that later walks the tree, within the stack.
 */
static int
nest(parser *p)
{
	if (p->depth >= RULES_MAX_NESTING) {
		if (!p->panic)
			rules_diag(p->c, p->file, p->tok.line, p->tok.col,
			    "expression nested deeper than %d levels "
			    "(parentheses, functions and not)",
			    RULES_MAX_NESTING);
		p->panic = 1;
		return 0;
	}
	p->depth++;
	return 1;
}

static void
unnest(parser *p)
{
	p->depth--;
}

/* Reports a removed word at the current token; returns 1 if it was one. */
static int
removed_word(parser *p, int where)
{
	char	msg[256];
	size_t	i;

	if (p->tok.kind != TK_IDENT)
		return 0;
	for (i = 0; i < sizeof(removed) / sizeof(removed[0]); i++)
		if (removed[i].where == where && removed[i].kw == p->tok.kw)
			break;
	if (i == sizeof(removed) / sizeof(removed[0]))
		return 0;
	snprintf(msg, sizeof(msg), "'%s' is no longer part of the rule "
	    "language: %s", removed[i].w, removed[i].instead);
	err(p, "%s", msg);
	return 1;
}

/*
 * "not" over e, for the negations written inside a test ("X not in",
 * "X is not", "missing"): each means exactly "not" in front of the
 * positive test, so no spelling of a negation means anything else.
 */
static expr *
negation(parser *p, expr *e, unsigned line, unsigned col)
{
	expr *n;

	if (e == NULL || (n = rules_calloc(p->r, 1,
	    sizeof(*n))) == NULL)
		return NULL;
	n->kind = EX_NOT;
	n->a = e;
	n->line = line;
	n->col = col;
	return n;
}

/* The current token's text, which the lexer reuses, in the arena. */
static char *
take_text(parser *p)
{
	char *s = rules_strndup(p->r, p->tok.text, p->tok.len);

	next(p);
	return s;
}

/* One or more adjacent strings, joined with a space. */
static char *
strings(parser *p, const char *what)
{
	sf_buf	*b;
	char	*s;

	if (p->tok.kind != TK_STRING) {
		char msg[128];

		snprintf(msg, sizeof(msg), "expected %s (a string), found %%s",
		    what);
		err(p, msg, NULL);
		return NULL;
	}
	s = take_text(p);
	if (p->tok.kind != TK_STRING || s == NULL)
		return s;
	b = &p->join;
	sf_buf_reset(b);
	sf_buf_adds(b, s);
	while (p->tok.kind == TK_STRING) {
		if (b->len > 0)
			sf_buf_addc(b, ' ');
		sf_buf_add(b, p->tok.text, p->tok.len);
		next(p);
	}
	if (b->oom) {
		p->r->oom = 1;
		sf_buf_free(b);
		return NULL;
	}
	return rules_strndup(p->r, b->p, b->len);
}

static uint16_t *
u16_string(parser *p, size_t *len)
{
	uint16_t *u;

	if (p->tok.kind != TK_STRING) {
		err(p, "expected a string, found %s", NULL);
		return NULL;
	}
	u = rules_u16(p->r, p->tok.text, p->tok.len, len);
	next(p);
	return u;
}

static pattern *
path_arg(parser *p, int allow_relative)
{
	pattern		*pt;
	const char	*why = NULL;
	unsigned	 line = p->tok.line, col = p->tok.col;

	if (p->tok.kind != TK_STRING) {
		err(p, "expected a registry path (a string), found %s", NULL);
		return NULL;
	}
	pt = pattern_parse(p->r, p->tok.text, p->tok.len, allow_relative,
	    &why);
	if (pt == NULL && !p->panic) {
		rules_diag(p->c, p->file, line, col, "%s", why);
		p->panic = 1;
	}
	next(p);
	return pt;
}

/* ---- terms ---- */

static term *
new_term(parser *p, term_kind k)
{
	term *t = rules_calloc(p->r, 1, sizeof(*t));

	if (t != NULL) {
		t->kind = k;
		t->line = p->tok.line;
		t->col = p->tok.col;
	}
	return t;
}

static term *
func1(parser *p, term_kind k)
{
	term *t = new_term(p, k);

	next(p);
	if (t == NULL || !expect(p, TK_LPAREN, "'('") ||
	    (t->a = parse_term(p)) == NULL || !expect(p, TK_RPAREN, "')'"))
		return NULL;
	return t;
}

static term *
parse_field(parser *p)
{
	term *t = new_term(p, TM_FIELD);

	next(p);
	if (t == NULL || !expect(p, TK_LPAREN, "'('") ||
	    (t->a = parse_term(p)) == NULL || !expect(p, TK_COMMA, "','") ||
	    (t->u = u16_string(p, &t->ulen)) == NULL ||
	    !expect(p, TK_COMMA, "','"))
		goto bad;
	if (p->tok.kind != TK_NUMBER || p->tok.num == 0) {
		err(p, "expected a field number (1 or more), found %s", NULL);
		goto bad;
	}
	t->num = p->tok.num;
	next(p);
	if (!expect(p, TK_RPAREN, "')'"))
		goto bad;
	if (t->ulen == 0) {
		rules_diag(p->c, p->file, t->line, t->col,
		    "field() needs a non-empty separator");
		goto bad;
	}
	return t;
bad:
	return NULL;
}

static term *
parse_replace(parser *p)
{
	term *t = new_term(p, TM_REPLACE);

	next(p);
	if (t == NULL || !expect(p, TK_LPAREN, "'('") ||
	    (t->a = parse_term(p)) == NULL ||
	    !expect(p, TK_COMMA, "','") ||
	    (t->u = u16_string(p, &t->ulen)) == NULL ||
	    !expect(p, TK_COMMA, "','") ||
	    (t->u2 = u16_string(p, &t->u2len)) == NULL ||
	    !expect(p, TK_RPAREN, "')'"))
		goto bad;
	if (t->ulen == 0) {
		rules_diag(p->c, p->file, t->line, t->col,
		    "replace() needs a non-empty text to replace");
		goto bad;
	}
	return t;
bad:
	return NULL;
}

/* A function of terms: one level of nesting. */
static term *
parse_call(parser *p, term_kind k)
{
	term *t;

	if (!nest(p))
		return NULL;
	if (k == TM_FIELD)
		t = parse_field(p);
	else if (k == TM_REPLACE)
		t = parse_replace(p);
	else
		t = func1(p, k);
	unnest(p);
	return t;
}

static term *
parse_value_term(parser *p)
{
	term *t = new_term(p, TM_VALUE);

	next(p);
	if (t == NULL || (t->u = u16_string(p, &t->ulen)) == NULL)
		return NULL;
	if (accept_kw(p, KW_AT) && (t->at = path_arg(p, 1)) == NULL)
		return NULL;
	return t;
}

static term *
parse_primary(parser *p)
{
	term *t;

	switch (p->tok.kind) {
	case TK_STRING:
		if ((t = new_term(p, TM_STR)) != NULL)
			t->u = u16_string(p, &t->ulen);
		return t;
	case TK_NUMBER:
		if ((t = new_term(p, TM_NUM)) != NULL)
			t->num = p->tok.num;
		next(p);
		return t;
	case TK_PARAM:
		if ((t = new_term(p, TM_PARAM)) != NULL)
			t->param = take_text(p);
		return t;
	case TK_IDENT:
		break;
	default:
		err(p, "expected a value, name or string, found %s", NULL);
		return NULL;
	}
	if (is_kw(p, KW_VALUE))
		return parse_value_term(p);
	if (is_kw(p, KW_FIELD))
		return parse_call(p, TM_FIELD);
	if (is_kw(p, KW_LENGTH))
		return parse_call(p, TM_LENGTH);
	if (is_kw(p, KW_LOWER))
		return parse_call(p, TM_LOWER);
	if (is_kw(p, KW_TRIM))
		return parse_call(p, TM_TRIM);
	if (is_kw(p, KW_REPLACE))
		return parse_call(p, TM_REPLACE);
	if (is_kw(p, KW_ANCESTOR)) {
		t = new_term(p, TM_ANCESTOR);
		next(p);
		if (t == NULL || !expect(p, TK_LPAREN, "'('"))
			goto bad;
		if (p->tok.kind != TK_NUMBER || p->tok.num == 0 ||
		    p->tok.num > SF_MAX_DEPTH) {
			err(p, "expected a level (1 = parent), found %s", NULL);
			goto bad;
		}
		t->num = p->tok.num;
		next(p);
		if (!expect(p, TK_RPAREN, "')'"))
			goto bad;
		return t;
	}
	{
		static const struct {
			kw_id		 w;
			term_kind	 k;
		} simple[] = {
			{ KW_NAME, TM_NAME }, { KW_KEYNAME, TM_KEYNAME },
			{ KW_ITEM, TM_ITEM }, { KW_DATA, TM_DATA },
			{ KW_ENV, TM_ENV }, { KW_TRAILING, TM_TRAILING },
		};
		size_t i;

		for (i = 0; i < sizeof(simple) / sizeof(simple[0]); i++)
			if (is_kw(p, simple[i].w)) {
				t = new_term(p, simple[i].k);
				next(p);
				return t;
			}
	}
	if (!removed_word(p, RM_VALUE))
		err(p, "unknown word '%s' where a value was expected",
		    p->tok.text);
	return NULL;
bad:
	return NULL;
}

/*
 * Joins operands v[lo..hi) with the operators between them, op[i]
 * standing between v[i] and v[i + 1], into a balanced tree.
 */
static term *
join_terms(term **v, term **op, size_t lo, size_t hi)
{
	size_t	 mid;
	term	*t;

	if (hi - lo == 1)
		return v[lo];
	mid = lo + (hi - lo) / 2;
	t = op[mid - 1];
	t->a = join_terms(v, op, lo, mid);
	t->b = join_terms(v, op, mid, hi);
	return t;
}

/*
 * Doubles one array of an operand chain (terms and their operators, or
 * expressions and theirs) to cap elements of 'size' bytes, moving it to
 * the heap the first time from 'stk', the stack array of cap / 2.
 * NULL when there is no memory; 'cur' is then as it was.
 */
static void *
chain_grow(parser *p, void *cur, void *stk, size_t cap, size_t size)
{
	void *nv;

	if ((nv = sf_reallocarray(cur == stk ? NULL : cur, cap, size)) ==
	    NULL) {
		p->r->oom = 1;
		return NULL;
	}
	if (cur == stk)
		memcpy(nv, stk, cap / 2 * size);
	return nv;
}

/*
 * PRIMARY + PRIMARY + ...  Concatenation is associative, so a chain is
 * built balanced: a = "a" + "a" + ... of any length stays shallow for
 * the evaluator, which recurses.  Chains are mostly short: their
 * operands are gathered on the stack, and on the heap only beyond.
 */
static term *
parse_term(parser *p)
{
	term	 *sv[CHAIN_STACK], *sop[CHAIN_STACK];
	term	**v = sv, **op = sop, **nv, *t = NULL;
	size_t	  n = 0, cap = CHAIN_STACK;

	for (;;) {
		if (n == cap) {
			cap *= 2;
			if ((nv = chain_grow(p, v, sv, cap, sizeof(*v))) == NULL)
				goto out;
			v = nv;
			if ((nv = chain_grow(p, op, sop, cap, sizeof(*op))) == NULL)
				goto out;
			op = nv;
		}
		if ((v[n] = parse_primary(p)) == NULL)
			goto out;
		n++;
		if (p->tok.kind != TK_PLUS)
			break;
		if ((op[n - 1] = new_term(p, TM_CONCAT)) == NULL)
			goto out;
		next(p);
	}
	t = join_terms(v, op, 0, n);
out:
	if (v != sv)
		free(v);
	if (op != sop)
		free(op);
	return t;
}

/* ---- expressions ---- */

static expr *
new_expr(parser *p, expr_kind k)
{
	expr *e = rules_calloc(p->r, 1, sizeof(*e));

	if (e != NULL) {
		e->kind = k;
		e->line = p->tok.line;
		e->col = p->tok.col;
	}
	return e;
}

static int
cmp_tok(const token *t, cmp_op *op)
{
	switch (t->kind) {
	case TK_EQ: *op = OP_EQ; return 1;
	case TK_NE: *op = OP_NE; return 1;
	case TK_LT: *op = OP_LT; return 1;
	case TK_LE: *op = OP_LE; return 1;
	case TK_GT: *op = OP_GT; return 1;
	case TK_GE: *op = OP_GE; return 1;
	default:    return 0;
	}
}

static const struct {
	kw_id		 w;
	unsigned	 cc;
} classes[] = {
	{ KW_NUL, CC_NUL }, { KW_CONTROL, CC_CONTROL },
	{ KW_NONPRINT, CC_NONPRINT }, { KW_COMMA, CC_COMMA },
	{ KW_BACKSLASH, CC_BACKSLASH }, { KW_SLASH, CC_SLASH },
	{ KW_COLON, CC_COLON },
};

static const struct {
	kw_id		 w;
	uint32_t	 is;
} preds[] = {
	{ KW_REG_NONE, 1u << 0 }, { KW_SZ, 1u << 1 }, { KW_EXPAND_SZ, 1u << 2 },
	{ KW_BINARY, 1u << 3 }, { KW_DWORD, 1u << 4 },
	{ KW_DWORD_BE, 1u << 5 }, { KW_LINK, 1u << 6 },
	{ KW_MULTI_SZ, 1u << 7 }, { KW_RESOURCE_LIST, 1u << 8 },
	{ KW_FULL_RESOURCE_DESCRIPTOR, 1u << 9 },
	{ KW_RESOURCE_REQ, 1u << 10 }, { KW_QWORD, 1u << 11 },
	{ KW_STRING, IS_STRING },
	{ KW_MALFORMED, IS_MALFORMED }, { KW_ODD_LENGTH, IS_ODD },
	{ KW_UNTERMINATED, IS_UNTERM }, { KW_EMBEDDED_NUL, IS_EMBNUL },
	{ KW_INVALID_UTF16, IS_BADUTF16 }, { KW_BAD_SIZE, IS_BADSIZE },
	{ KW_EMPTY, IS_EMPTY }, { KW_GUID, IS_GUID }, { KW_IPV4, IS_IPV4 },
	{ KW_SID, IS_SID },
};

static int
parse_classes(parser *p, expr *e)
{
	size_t i;

	if (accept_kw(p, KW_ANY_OF)) {
		e->kind = EX_HAS_CHARS;
		if (p->tok.kind != TK_STRING) {
			err(p, "expected a string of characters after any-of, "
			    "found %s", NULL);
			return -1;
		}
		return (e->t2 = parse_primary(p)) != NULL ? 0 : -1;
	}
	e->kind = EX_HAS_CLASS;
	do {
		for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
			if (is_kw(p, classes[i].w))
				break;
		if (i == sizeof(classes) / sizeof(classes[0])) {
			if (removed_word(p, RM_CLASS))
				return -1;
			err(p, "unknown character class %s (see "
			    "spoolfix.rules(5))", p->tok.kind == TK_IDENT ?
			    p->tok.text : NULL);
			return -1;
		}
		e->classes |= classes[i].cc;
		next(p);
	} while (accept(p, TK_COMMA));
	return 0;
}

static int
parse_preds(parser *p, expr *e)
{
	size_t i;

	e->kind = EX_IS;
	do {
		for (i = 0; i < sizeof(preds) / sizeof(preds[0]); i++)
			if (is_kw(p, preds[i].w))
				break;
		if (i == sizeof(preds) / sizeof(preds[0])) {
			if (removed_word(p, RM_PRED))
				return -1;
			err(p, "unknown type or test %s after 'is' (see "
			    "spoolfix.rules(5))", p->tok.kind == TK_IDENT ?
			    p->tok.text : NULL);
			return -1;
		}
		e->preds |= preds[i].is;
		next(p);
	} while (accept(p, TK_COMMA));
	return 0;
}

static int
parse_in(parser *p, expr *e)
{
	term **nl, *t;

	if (accept_kw(p, KW_SET)) {
		e->kind = EX_IN_SET;
		if (p->tok.kind != TK_IDENT) {
			err(p, "expected a set name, found %s", NULL);
			return -1;
		}
		e->line = p->tok.line;	/* errors point at the name */
		e->col = p->tok.col;
		e->set_name = take_text(p);
		return 0;
	}
	if (accept(p, TK_LPAREN)) {
		e->kind = EX_IN_LIST;
		do {
			if ((t = parse_term(p)) == NULL)
				return -1;
			if ((nl = rules_grow(p->r, e->list, e->nlist,
			    sizeof(*nl))) == NULL)
				return -1;
			e->list = nl;
			e->list[e->nlist++] = t;
		} while (accept(p, TK_COMMA));
		return expect(p, TK_RPAREN, "')'") ? 0 : -1;
	}
	e->kind = EX_IN_RANGE;
	if ((e->t2 = parse_primary(p)) == NULL ||
	    !expect(p, TK_DOTDOT, "'..' in a range such as 1..99"))
		return -1;
	e->list = rules_calloc(p->r, 1, sizeof(*e->list));
	if (e->list == NULL || (e->list[0] = parse_primary(p)) == NULL)
		return -1;
	e->nlist = 1;
	return 0;
}

static int
parse_regex(parser *p, expr *e)
{
	uint16_t *u;
	size_t	  n, pos = 0;
	char	  why[128];
	int	  rc;

	e->kind = EX_MATCH;
	if (p->tok.kind != TK_REGEX) {
		err(p, "expected a regular expression /.../, found %s", NULL);
		return -1;
	}
	if ((e->re = rules_find_regex(p->r, p->tok.text, p->tok.icase)) !=
	    NULL) {
		next(p);
		return 0;
	}
	if ((u = sf_u16_from_utf8(p->tok.text, &n)) == NULL) {
		p->r->oom = 1;
		return -1;
	}
	rc = sf_regex_compile(u, n, p->tok.icase ? SF_RE_ICASE : 0, &e->re,
	    why, sizeof(why), &pos);
	free(u);
	if (rc == 0 && rules_keep_regex(p->r, e->re, p->tok.text,
	    p->tok.icase) == -1) {
		e->re = NULL;
		rc = -1;
	} else if (rc != 0) {
		if (rc == -2)
			p->r->oom = 1;
		rules_diag(p->c, p->file, p->tok.line, p->tok.col + 1 +
		    (unsigned)pos, "bad regular expression: %s", rc == -2 ?
		    "out of memory" : why);
		p->panic = 1;
	}
	next(p);
	return rc == 0 ? 0 : -1;
}

/*
 * What may follow a term: a comparison or a test.  A test is negated by
 * "not" in front of it; "X not in ..." and "X is not ..." are the two
 * that English negates inside, and each means just that "not" in front,
 * also when X is absent.  "not" inside any other test is an error that
 * says where to put it.
 */
static expr *
parse_tail(parser *p, term *t)
{
	expr		*e = new_expr(p, EX_CMP);
	unsigned	 line = p->tok.line, col = p->tok.col;
	int		 rc = 0, neg = 0;

	if (e == NULL)
		return NULL;
	e->t = t;
	if (accept_kw(p, KW_NOT)) {
		if (is_kw(p, KW_IS))
			err(p, "expected 'in' after 'not', found %s: write "
			    "'is not', as in name is not sid", NULL);
		else if (!is_kw(p, KW_IN))
			err(p, "expected 'in' after 'not', found %s: other "
			    "tests take their 'not' in front, as in not name "
			    "matches /x/", NULL);
		if (p->panic)
			return NULL;
		neg = 1;
	}
	if (cmp_tok(&p->tok, &e->op)) {
		next(p);
		rc = (e->t2 = parse_term(p)) != NULL ? 0 : -1;
	} else if (accept_kw(p, KW_IN))
		rc = parse_in(p, e);
	else if (accept_kw(p, KW_MATCHES))
		rc = parse_regex(p, e);
	else if (accept_kw(p, KW_HAS))
		rc = parse_classes(p, e);
	else if (accept_kw(p, KW_IS)) {
		neg = accept_kw(p, KW_NOT);
		rc = parse_preds(p, e);
	} else if (accept_kw(p, KW_HAS_BITS)) {
		e->kind = EX_HAS_BITS;
		rc = (e->t2 = parse_primary(p)) != NULL ? 0 : -1;
	} else if (is_kw(p, KW_STARTS_WITH) || is_kw(p, KW_CONTAINS)) {
		e->kind = is_kw(p, KW_STARTS_WITH) ? EX_STARTS : EX_CONTAINS;
		next(p);
		rc = (e->t2 = parse_term(p)) != NULL ? 0 : -1;
	} else {
		if (!removed_word(p, RM_TEST))
			err(p, "expected a comparison or a test (==, in, "
			    "matches, has, is, ...) after a value, found %s",
			    NULL);
		rc = -1;
	}
	if (rc == -1)
		return NULL;
	return neg ? negation(p, e, line, col) : e;
}

/* ( EXPR ): one level of nesting, opened by the '('. */
static expr *
paren_expr(parser *p)
{
	expr *e;

	if (p->tok.kind != TK_LPAREN) {
		expect(p, TK_LPAREN, "'('");
		return NULL;
	}
	if (!nest(p))
		return NULL;
	next(p);
	if ((e = parse_expr(p)) != NULL && !expect(p, TK_RPAREN, "')'"))
		e = NULL;
	unnest(p);
	return e;
}

static int
parse_iter(parser *p, expr *e)
{
	if (accept_kw(p, KW_SUBKEY) || accept_kw(p, KW_SUBKEYS))
		e->iter = IT_SUBKEYS;
	else if (accept_kw(p, KW_VALUE) || accept_kw(p, KW_VALUES))
		e->iter = IT_VALUES;
	else if (accept_kw(p, KW_ITEM) || accept_kw(p, KW_ITEMS)) {
		e->iter = IT_ITEMS;
		if (!accept_kw(p, KW_OF)) {
			err(p, "expected 'of' after 'item', found %s", NULL);
			return -1;
		}
		if ((e->t = parse_term(p)) == NULL)
			return -1;
		if (accept_kw(p, KW_SPLIT)) {
			if ((e->split = u16_string(p, &e->splitlen)) == NULL)
				return -1;
			if (e->splitlen == 0) {
				err(p, "the separator after 'split' is empty",
				    "");
				return -1;
			}
		}
	} else {
		err(p, "expected subkeys, values or items, found %s", NULL);
		return -1;
	}
	return 0;
}

static expr *
parse_quant(parser *p, quant_kind q)
{
	expr *e = new_expr(p, EX_QUANT);

	next(p);
	if (e == NULL)
		return NULL;
	e->quant = q;
	if (parse_iter(p, e) == -1 || (e->a = paren_expr(p)) == NULL)
		return NULL;
	return e;
}

static expr *
parse_count(parser *p)
{
	expr *e = new_expr(p, EX_COUNT);

	next(p);
	if (e == NULL)
		return NULL;
	if (parse_iter(p, e) == -1)
		goto bad;
	if (accept_kw(p, KW_WHERE) && (e->a = paren_expr(p)) == NULL)
		goto bad;
	if (!cmp_tok(&p->tok, &e->op)) {
		err(p, "expected a comparison after count, found %s", NULL);
		goto bad;
	}
	next(p);
	if ((e->t2 = parse_term(p)) == NULL)
		goto bad;
	return e;
bad:
	return NULL;
}

/* has|missing value|subkey TERM [at "path"] */
static expr *
parse_presence(parser *p, int missing)
{
	expr		*e = new_expr(p, EX_HAS_VALUE);
	unsigned	 line = p->tok.line, col = p->tok.col;

	next(p);
	if (e == NULL)
		return NULL;
	if (accept_kw(p, KW_SUBKEY))
		e->kind = EX_HAS_SUBKEY;
	else if (!accept_kw(p, KW_VALUE)) {
		err(p, "expected 'value' or 'subkey', found %s", NULL);
		return NULL;
	}
	if ((e->t = parse_term(p)) == NULL)
		return NULL;
	if (accept_kw(p, KW_AT) && (e->path = path_arg(p, 1)) == NULL)
		return NULL;
	/* "missing" is "not has", also for an unknown or a name-less term. */
	return missing ? negation(p, e, line, col) : e;
}

static const struct {
	kw_id		 w;
	fact_kind	 f;
} facts[] = {
	{ KW_DIRTY, FACT_DIRTY }, { KW_CORRUPT, FACT_CORRUPT },
	{ KW_UNREADABLE, FACT_UNREADABLE },
	{ KW_NO_CCS, FACT_NO_CCS },
	{ KW_UNKNOWN_KIND, FACT_UNKNOWN_KIND }, { KW_HAS_LOGS, FACT_HAS_LOGS },
};

static expr *
parse_atom(parser *p)
{
	expr	*e;
	term	*t;
	size_t	 i;

	if (p->tok.kind == TK_LPAREN)
		return paren_expr(p);
	if (is_kw(p, KW_ANY))
		return parse_quant(p, Q_ANY);
	if (is_kw(p, KW_ALL))
		return parse_quant(p, Q_ALL);
	if (is_kw(p, KW_COUNT))
		return parse_count(p);
	if (is_kw(p, KW_HAS))
		return parse_presence(p, 0);
	if (is_kw(p, KW_MISSING))
		return parse_presence(p, 1);
	if (is_kw(p, KW_EXISTS)) {
		e = new_expr(p, EX_EXISTS_KEY);
		next(p);
		if (e == NULL || !accept_kw(p, KW_KEY)) {
			err(p, "expected 'key' after 'exists', found %s", NULL);
			return NULL;
		}
		if ((e->path = path_arg(p, 1)) == NULL)
			return NULL;
		if (accept_kw(p, KW_WHERE) && (e->a = paren_expr(p)) == NULL)
			return NULL;
		return e;
	}
	if (is_kw(p, KW_UNKNOWN)) {
		e = new_expr(p, EX_UNKNOWN);
		next(p);
		if (e == NULL || (e->reason = strings(p, "a reason")) == NULL)
			return NULL;
		return e;
	}
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		if (is_kw(p, facts[i].w)) {
			if ((e = new_expr(p, EX_FACT)) != NULL)
				e->fact = facts[i].f;
			next(p);
			return e;
		}
	if ((t = parse_term(p)) == NULL)
		return NULL;
	return parse_tail(p, t);
}

static expr *
parse_not(parser *p)
{
	expr *e, *inner;

	if (!is_kw(p, KW_NOT))
		return parse_atom(p);
	if (!nest(p))
		return NULL;
	e = new_expr(p, EX_NOT);
	next(p);
	if (e == NULL || (inner = parse_not(p)) == NULL)
		e = NULL;
	else
		e->a = inner;
	unnest(p);
	return e;
}

/* As join_terms(), for chains of and / or. */
static expr *
join_exprs(expr **v, expr **op, size_t lo, size_t hi)
{
	size_t	 mid;
	expr	*e;

	if (hi - lo == 1)
		return v[lo];
	mid = lo + (hi - lo) / 2;
	e = op[mid - 1];
	e->a = join_exprs(v, op, lo, mid);
	e->b = join_exprs(v, op, mid, hi);
	return e;
}

/*
 * SUB op SUB op ...  And and or are associative in the three-valued
 * logic, and however a chain is grouped the evaluator tests its operands
 * left to right and stops at the same one, so a chain is built balanced:
 * thousands of alternatives stay a shallow tree for the compiler, the
 * evaluator, which recurse.
 */
static expr *
parse_binary(parser *p, kw_id opw, expr_kind kind,
    expr *(*sub)(parser *))
{
	expr	 *sv[CHAIN_STACK], *sop[CHAIN_STACK];
	expr	**v = sv, **op = sop, **nv, *e = NULL;
	size_t	  n = 0, cap = CHAIN_STACK;

	for (;;) {
		if (n == cap) {
			cap *= 2;
			if ((nv = chain_grow(p, v, sv, cap, sizeof(*v))) == NULL)
				goto out;
			v = nv;
			if ((nv = chain_grow(p, op, sop, cap, sizeof(*op))) == NULL)
				goto out;
			op = nv;
		}
		if ((v[n] = sub(p)) == NULL)
			goto out;
		n++;
		if (!is_kw(p, opw))
			break;
		if ((op[n - 1] = new_expr(p, kind)) == NULL)
			goto out;
		next(p);
	}
	e = join_exprs(v, op, 0, n);
out:
	if (v != sv)
		free(v);
	if (op != sop)
		free(op);
	return e;
}

static expr *
parse_and(parser *p)
{
	return parse_binary(p, KW_AND, EX_AND, parse_not);
}

static expr *
parse_expr(parser *p)
{
	return parse_binary(p, KW_OR, EX_OR, parse_and);
}

/* ---- rule statements ---- */

static int
severity_word(parser *p, sf_severity *sev)
{
	if (p->tok.kind != TK_IDENT || sf_severity_parse(p->tok.text,
	    sev) == -1) {
		err(p, "expected a severity (error, warning or info), found "
		    "%s", NULL);
		return -1;
	}
	next(p);
	return 0;
}

static int
add_ptr(parser *p, void *arrp, size_t *n, void *item)
{
	void	**a = *(void ***)arrp, **na;

	if ((na = sf_reallocarray(a, *n + 1, sizeof(*na))) == NULL) {
		p->r->oom = 1;
		return -1;
	}
	na[(*n)++] = item;
	*(void ***)arrp = na;
	return 0;
}

static void
parse_scope(parser *p, struct sf_rule *r)
{
	scope		*ns, sc;
	sf_hive_kind	 k;
	sf_buf		 b;

	memset(&sc, 0, sizeof(sc));
	sf_buf_init(&b);
	if (is_kw(p, KW_KEY) || is_kw(p, KW_VALUE)) {
		sc.kind = is_kw(p, KW_VALUE) ? SC_VALUE : SC_KEY;
		next(p);
		sf_buf_adds(&b, sc.kind == SC_VALUE ? "value " : "key ");
		if (p->tok.kind == TK_STRING)
			sf_buf_adds(&b, p->tok.text);
		if ((sc.path = path_arg(p, 0)) == NULL)
			goto bad;
		if (sc.kind == SC_VALUE && p->tok.kind == TK_STRING &&
		    !p->tok.bol) {
			sf_buf_printf(&b, " \"%s\"", p->tok.text);
			sc.glob = u16_string(p, &sc.globlen);
		}
	} else if (accept_kw(p, KW_HIVE)) {
		sc.kind = SC_HIVE;
		sf_buf_adds(&b, "hive");
		while (p->tok.kind == TK_IDENT && !p->tok.bol) {
			if ((k = sf_hive_kind_parse(p->tok.text)) ==
			    SF_HIVE_UNKNOWN) {
				err(p, "unknown hive kind '%s'", p->tok.text);
				goto bad;
			}
			sf_buf_printf(&b, " %s", sf_hive_kind_name(k));
			sc.kinds |= 1u << k;
			next(p);
			accept(p, TK_COMMA);
		}
	} else {
		err(p, "expected key, value or hive after scope, found %s",
		    NULL);
		goto bad;
	}
	if ((ns = rules_grow(p->r, r->scopes, r->nscopes, sizeof(*ns))) ==
	    NULL)
		goto bad;
	r->scopes = ns;
	if (b.oom)
		p->r->oom = 1;
	sc.text = b.oom ? NULL : rules_strndup(p->r, b.p, b.len);
	r->scopes[r->nscopes++] = sc;
bad:
	sf_buf_free(&b);
}

static int
fix_data(parser *p, fix *f, const char *type)
{
	sf_buf	 b;
	size_t	 n, i;
	uint16_t *u;

	sf_buf_init(&b);
	if (strcmp(type, "sz") == 0 || strcmp(type, "expand_sz") == 0) {
		f->type = type[0] == 's' ? 1 : 2;
		if ((u = u16_string(p, &n)) == NULL)
			goto bad;
		for (i = 0; i <= n; i++) {
			sf_buf_addc(&b, (char)(u[i] & 0xFF));
			sf_buf_addc(&b, (char)(u[i] >> 8));
		}
	} else if (strcmp(type, "dword") == 0 || strcmp(type, "qword") == 0) {
		f->type = type[0] == 'd' ? 4 : 11;
		if (p->tok.kind != TK_NUMBER || (f->type == SF_REG_DWORD &&
		    p->tok.num > UINT32_MAX)) {
			err(p, "expected a number that fits the type, found %s",
			    NULL);
			goto bad;
		}
		for (i = 0; i < (f->type == SF_REG_DWORD ? 4u : 8u); i++)
			sf_buf_addc(&b, (char)((p->tok.num >> (8 * i)) & 0xFF));
		next(p);
	} else if (strcmp(type, "multi_sz") == 0) {
		f->type = SF_REG_MULTI_SZ;
		if (!expect(p, TK_LPAREN, "'(' and a list of strings"))
			goto bad;
		do {
			if ((u = u16_string(p, &n)) == NULL)
				goto bad;
			for (i = 0; i <= n; i++) {
				sf_buf_addc(&b, (char)(u[i] & 0xFF));
				sf_buf_addc(&b, (char)(u[i] >> 8));
			}
		} while (accept(p, TK_COMMA));
		sf_buf_add(&b, "\0\0", 2);
		if (!expect(p, TK_RPAREN, "')'"))
			goto bad;
	} else {
		err(p, "set-value supports sz, expand_sz, dword, qword and "
		    "multi_sz, not %s", type);
		goto bad;
	}
	if (b.oom) {
		p->r->oom = 1;
		goto bad;
	}
	if ((f->data = rules_calloc(p->r, b.len, 1)) == NULL)
		goto bad;
	memcpy(f->data, b.p, b.len);
	f->datalen = b.len;
	sf_buf_free(&b);
	return 0;
bad:
	sf_buf_free(&b);
	return -1;
}

/*
 * A fix statement.  Its text for people ("delete-value "X" if ...") is
 * added to the rule's in p->fixes, which parse_rule() keeps at the end
 * of the rule: building it here anew from the text so far would cost
 * the square of the number of fixes.
 */
static void
parse_fix(parser *p, struct sf_rule *r)
{
	fix	 f, *nf;
	sf_buf	*b = &p->fixes;
	size_t	 had = b->len;
	char	*type = NULL;

	memset(&f, 0, sizeof(f));
	if (r->nfixes > 0)
		sf_buf_adds(b, "; else ");
	if (accept_kw(p, KW_DELETE_KEY)) {
		f.kind = SF_FIX_DELETE_KEY;
		sf_buf_adds(b, "delete-key");
	} else if (accept_kw(p, KW_DELETE_VALUE)) {
		f.kind = SF_FIX_DELETE_VALUE;
		sf_buf_adds(b, "delete-value");
		if (p->tok.kind == TK_STRING) {
			sf_buf_printf(b, " \"%s\"", p->tok.text);
			f.value = u16_string(p, &f.valuelen);
		}
	} else if (accept_kw(p, KW_SET_VALUE)) {
		f.kind = SF_FIX_SET_VALUE;
		sf_buf_adds(b, "set-value");
		if (p->tok.kind == TK_STRING)
			sf_buf_printf(b, " \"%s\"", p->tok.text);
		if ((f.value = u16_string(p, &f.valuelen)) == NULL)
			goto bad;
		if (p->tok.kind != TK_IDENT) {
			err(p, "expected a value type (sz, dword, ...), found "
			    "%s", NULL);
			goto bad;
		}
		if ((type = take_text(p)) == NULL)
			goto bad;
		sf_buf_printf(b, " %s", type);
		if (p->tok.kind == TK_STRING)
			sf_buf_printf(b, " \"%s\"", p->tok.text);
		else if (p->tok.kind == TK_NUMBER)
			sf_buf_printf(b, " %ju", (uintmax_t)p->tok.num);
		if (fix_data(p, &f, type) == -1)
			goto bad;
	} else {
		err(p, "expected delete-key, delete-value or set-value after "
		    "fix, found %s", NULL);
		goto bad;
	}
	if (accept_kw(p, KW_IF)) {
		sf_buf_adds(b, " if ...");
		if ((f.cond = parse_expr(p)) == NULL)
			goto bad;
	}
	if ((nf = rules_grow(p->r, r->fixes, r->nfixes, sizeof(*nf))) ==
	    NULL)
		goto bad;
	r->fixes = nf;
	r->fixes[r->nfixes++] = f;
	return;
bad:
	/* The text of a fix that is not kept goes too. */
	if (!b->oom && b->p != NULL) {
		b->len = had;
		b->p[had] = '\0';
	}
}



int
rules_message_uses(const char *t, const char *word)
{
	const char	*e;
	size_t		 n = strlen(word);

	/* As the scan's expand_message() reads it: "{{", "}}" are braces. */
	while (*t != '\0') {
		if ((t[0] == '{' && t[1] == '{') || (t[0] == '}' &&
		    t[1] == '}'))
			t += 2;
		else if (t[0] == '{' && (e = strchr(t, '}')) != NULL) {
			if ((size_t)(e - t - 1) == n &&
			    strncmp(t + 1, word, n) == 0)
				return 1;
			t = e + 1;
		} else
			t++;
	}
	return 0;
}

/* Checks {placeholders} in a message template. */
static void
check_message(parser *p, const char *m, unsigned line, unsigned col)
{
	static const char *const plain[] = {
		"name", "key", "data", "match", "env", "problems", "logs",
		"hive", "controlset", "count", "trailing", NULL
	};
	const char	*s, *e;
	size_t		 i, n;
	int		 ok;

	for (s = m; (s = strchr(s, '{')) != NULL; s = e + 1) {
		if (s[1] == '{') {
			e = s + 1;
			continue;
		}
		if ((e = strchr(s, '}')) == NULL) {
			rules_diag(p->c, p->file, line, col, "message: '{' "
			    "without '}' (write {{ for a literal brace)");
			return;
		}
		n = (size_t)(e - s - 1);
		ok = (n > 6 && strncmp(s + 1, "value:", 6) == 0) ||
		    (n > 6 && strncmp(s + 1, "param:", 6) == 0) ||
		    (n > 9 && strncmp(s + 1, "ancestor:", 9) == 0 &&
		    strspn(s + 10, "0123456789") == n - 9);
		for (i = 0; !ok && plain[i] != NULL; i++)
			ok = strlen(plain[i]) == n &&
			    strncmp(s + 1, plain[i], n) == 0;
		if (!ok)
			rules_diag(p->c, p->file, line, col, "message: unknown "
			    "placeholder {%.*s}", (int)n, s + 1);
	}
}

static int
dup_field(parser *p, const void *have, const char *what)
{
	if (have == NULL)
		return 0;
	err(p, "%s is given twice in this rule", what);
	return 1;
}

static void
rule_statement(parser *p, struct sf_rule *r)
{
	unsigned line = p->tok.line, col = p->tok.col;
	char	*s, **refs;

	if (accept_kw(p, KW_TITLE)) {
		if (!dup_field(p, r->title, "title"))
			r->title = strings(p, "a title");
	} else if (accept_kw(p, KW_SEVERITY)) {
		severity_word(p, &r->severity);
	} else if (accept_kw(p, KW_RATIONALE)) {
		if (!dup_field(p, r->rationale, "rationale"))
			r->rationale = strings(p, "a rationale");
	} else if (accept_kw(p, KW_REF)) {
		do {
			if ((s = strings(p, "a reference")) != NULL &&
			    (refs = rules_grow(p->r, r->refs, r->nrefs,
			    sizeof(*refs))) != NULL) {
				r->refs = refs;
				r->refs[r->nrefs++] = s;
			}
		} while (!p->panic && accept(p, TK_COMMA));
	} else if (accept_kw(p, KW_SCOPE)) {
		parse_scope(p, r);
	} else if (accept_kw(p, KW_WHEN)) {
		if (!dup_field(p, r->when, "when"))
			r->when = parse_expr(p);
	} else if (accept_kw(p, KW_FIX)) {
		parse_fix(p, r);
	} else if (accept_kw(p, KW_OPTIONAL)) {
		r->optional = 1;
	} else if (accept_kw(p, KW_MESSAGE)) {
		if (!dup_field(p, r->message, "message") &&
		    (r->message = strings(p, "a message")) != NULL)
			check_message(p, r->message, line, col);
	} else
		err(p, "unknown keyword %s in a rule (expected title, "
		    "severity, rationale, ref, scope, when, fix, optional or "
		    "message)", p->tok.kind == TK_IDENT ? p->tok.text : NULL);
}

static int
valid_id(const char *id)
{
	size_t i, n = strlen(id);

	if (n == 0 || n > 32 || !((id[0] >= 'A' && id[0] <= 'Z') ||
	    (id[0] >= 'a' && id[0] <= 'z')) || id[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++)
		if (!((id[i] >= 'A' && id[i] <= 'Z') || (id[i] >= 'a' &&
		    id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9') ||
		    id[i] == '-'))
			return 0;
	return 1;
}

/*
 * The '}' that ends a rule or set.  When it is missing the block ended
 * at end of file or at the next top-level statement; that is reported
 * once, where the '}' was expected, and parsing goes on from there.
 */
static void
close_block(parser *p, const char *what, const char *name, unsigned line)
{
	if (p->tok.kind == TK_RBRACE)
		next(p);
	else
		rules_diag(p->c, p->file, p->tok.line, p->tok.col,
		    "expected '}' to close %s %s (opened at line %u), "
		    "found %s", what, name, line, describe_tok(&p->tok));
	p->panic = 0;
}

static void
parse_rule(parser *p)
{
	struct sf_rule	*r;
	unsigned	 line = p->tok.line, col = p->tok.col;
	unsigned long	 seen;

	next(p);
	if (p->tok.kind != TK_IDENT || !valid_id(p->tok.text)) {
		err(p, "expected a rule ID such as LPR-001 (letters, digits "
		    "and '-'), found %s", NULL);
		recover(p, top_words);
		return;
	}
	if ((r = rules_calloc(p->r, 1, sizeof(*r))) == NULL)
		return;
	r->severity = (sf_severity)-1;
	r->enabled = 1;
	r->line = p->tok.line;
	r->file = p->afile;
	if ((r->id = take_text(p)) == NULL)
		return;
	if (!expect(p, TK_LBRACE, "'{' after the rule ID")) {
		recover(p, top_words);
		return;
	}
	if (p->fixes.oom)
		sf_buf_free(&p->fixes);
	sf_buf_reset(&p->fixes);
	while (p->tok.kind != TK_RBRACE && p->tok.kind != TK_EOF &&
	    !starts_block(p, rule_words)) {
		seen = p->ntok;
		rule_statement(p, r);
		if (p->panic)
			recover(p, rule_words);
		if (p->ntok == seen)
			next(p);	/* every pass consumes something */
	}
	close_block(p, "rule", r->id, line);
	if (p->fixes.oom)
		p->r->oom = 1;
	if (r->nfixes > 0 && !p->fixes.oom)
		r->fix_text = rules_strndup(p->r, p->fixes.p, p->fixes.len);
	if (r->title == NULL)
		rules_diag(p->c, p->file, line, col, "rule %s has no title",
		    r->id);
	if ((int)r->severity == -1)
		rules_diag(p->c, p->file, line, col, "rule %s has no severity",
		    r->id);
	if (r->rationale == NULL)
		rules_diag(p->c, p->file, line, col, "rule %s has no "
		    "rationale", r->id);
	if (r->nscopes == 0)
		rules_diag(p->c, p->file, line, col, "rule %s has no scope",
		    r->id);
	if (r->optional && r->nfixes == 0)
		rules_diag(p->c, p->file, line, col, "rule %s is marked "
		    "optional but has no fix", r->id);
	add_ptr(p, &p->c->r.rule, &p->c->r.nrule, r);
}

static void
set_statement(parser *p, set_def *s)
{
	set_src	 src, *ns;
	set_ext	 ext, *ne;

	memset(&src, 0, sizeof(src));
	if (accept_kw(p, KW_EXTERNAL)) {
		memset(&ext, 0, sizeof(ext));
		{
			expr tmp;

			memset(&tmp, 0, sizeof(tmp));
			if (parse_regex(p, &tmp) == -1)
				return;
			ext.re = tmp.re;
		}
		if ((ext.reason = strings(p, "a reason")) == NULL ||
		    (ne = rules_grow(p->r, s->ext, s->next,
		    sizeof(*ne))) == NULL)
			return;
		s->ext = ne;
		s->ext[s->next++] = ext;
		return;
	}
	if (accept_kw(p, KW_ITEMS)) {
		src.kind = SS_ITEMS;
		do {
			uint16_t **ni, *u;
			size_t	  *nl, n;

			if ((u = u16_string(p, &n)) == NULL ||
			    (ni = rules_grow(p->r, src.item, src.nitem,
			    sizeof(*ni))) == NULL ||
			    (nl = rules_grow(p->r, src.itemlen, src.nitem,
			    sizeof(*nl))) == NULL)
				return;
			src.item = ni;
			src.itemlen = nl;
			src.item[src.nitem] = u;
			src.itemlen[src.nitem++] = n;
		} while (accept(p, TK_COMMA));
		goto add;
	}
	if (accept_kw(p, KW_KEYS))
		src.kind = SS_KEYS;
	else if (accept_kw(p, KW_VALUES))
		src.kind = SS_VALUES;
	else if (accept_kw(p, KW_DATA))
		src.kind = SS_DATA;
	else {
		err(p, "unknown keyword %s in a set (expected keys, values, "
		    "data, items or external)", p->tok.kind == TK_IDENT ?
		    p->tok.text : NULL);
		return;
	}
	if ((src.path = path_arg(p, 0)) == NULL)
		return;
	if (src.kind == SS_DATA) {
		if ((src.value = u16_string(p, &src.valuelen)) == NULL)
			return;
		if (accept_kw(p, KW_SPLIT) && ((src.split = u16_string(p,
		    &src.splitlen)) == NULL || src.splitlen == 0)) {
			err(p, "the separator after 'split' is empty", "");
			return;
		}
	}
add:
	if ((ns = rules_grow(p->r, s->src, s->nsrc, sizeof(*ns))) == NULL)
		return;
	s->src = ns;
	s->src[s->nsrc++] = src;
}

static void
parse_set(parser *p)
{
	set_def		*s;
	unsigned long	 seen;

	next(p);
	if (p->tok.kind != TK_IDENT) {
		err(p, "expected a set name, found %s", NULL);
		recover(p, top_words);
		return;
	}
	if ((s = rules_calloc(p->r, 1, sizeof(*s))) == NULL)
		return;
	s->line = p->tok.line;
	s->file = p->afile;
	if ((s->name = take_text(p)) == NULL)
		return;
	if (!expect(p, TK_LBRACE, "'{' after the set name")) {
		recover(p, top_words);
		return;
	}
	while (p->tok.kind != TK_RBRACE && p->tok.kind != TK_EOF &&
	    !starts_block(p, set_words)) {
		seen = p->ntok;
		set_statement(p, s);
		if (p->panic)
			recover(p, set_words);
		if (p->ntok == seen)
			next(p);	/* every pass consumes something */
	}
	close_block(p, "set", s->name, s->line);
	add_ptr(p, &p->c->r.set, &p->c->r.nset, s);
}

static void
parse_param(parser *p)
{
	param_def *d;

	next(p);
	if (p->tok.kind != TK_IDENT) {
		err(p, "expected a parameter name, found %s", NULL);
		return;
	}
	if ((d = rules_calloc(p->r, 1, sizeof(*d))) == NULL ||
	    (d->name = take_text(p)) == NULL)
		return;
	if (p->tok.kind != TK_NUMBER) {
		err(p, "expected a number for the parameter, found %s", NULL);
		return;
	}
	d->value = p->tok.num;
	next(p);
	add_ptr(p, &p->c->r.param, &p->c->r.nparam, d);
}

static void
parse_policy(parser *p, policy_kind kind)
{
	policy	 pol, *np;

	memset(&pol, 0, sizeof(pol));
	pol.kind = kind;
	next(p);
	pol.line = p->tok.line;
	pol.col = p->tok.col;
	if (p->tok.kind != TK_IDENT) {
		err(p, "expected a rule ID, found %s", NULL);
		return;
	}
	/* Policies are the compiler's (freed with it), not the rules'. */
	pol.id = sf_strndup(p->tok.text, p->tok.len);
	next(p);
	if (kind == POL_SEVERITY && severity_word(p, &pol.severity) == -1) {
		free(pol.id);
		return;
	}
	pol.file = sf_strdup(p->file);
	if (pol.id == NULL || pol.file == NULL || (np = sf_reallocarray(
	    p->c->pol, p->c->npol + 1, sizeof(*np))) == NULL) {
		p->r->oom = 1;
		free(pol.id);
		free(pol.file);
		return;
	}
	p->c->pol = np;
	p->c->pol[p->c->npol++] = pol;
}

/*
 * "language N", the rule language version the file needs.  Only the
 * first statement of a file may declare it, so that it is read before
 * anything a newer language could have changed.  A file that needs a
 * newer language than this one is not read any further: its first error
 * would be a construct this spoolfix does not know, and the version is
 * the one thing to tell.  Returns -1 then.
 */
static int
parse_language(parser *p, int first)
{
	unsigned line = p->tok.line, col = p->tok.col;

	next(p);
	if (p->tok.kind != TK_NUMBER) {
		err(p, "expected a language version (a number, such as 1) "
		    "after 'language', found %s", NULL);
		return 0;
	}
	if (p->tok.num > RULES_LANGUAGE) {
		/* Not next(): the token after it may not lex here. */
		rules_diag(p->c, p->file, line, col, "this file needs rule "
		    "language %ju; this spoolfix (%s) reads language %d; "
		    "upgrade spoolfix", (uintmax_t)p->tok.num,
		    SPOOLFIX_VERSION, RULES_LANGUAGE);
		return -1;
	}
	if (p->tok.num == 0)
		rules_diag(p->c, p->file, p->tok.line, p->tok.col, "rule "
		    "language versions start at 1, found 0");
	else if (!first)
		rules_diag(p->c, p->file, line, col, "'language' must be the "
		    "first statement of the file, before every rule, set and "
		    "param");
	next(p);
	return 0;
}

void
rules_parse(struct sf_compiler *c, const char *file, const char *src,
    size_t len)
{
	parser		p;
	unsigned long	seen;
	int		first = 1;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.r = &c->r;
	p.file = file;
	sf_buf_init(&p.join);
	sf_buf_init(&p.fixes);
	if ((p.afile = rules_strndup(p.r, file, strlen(file))) == NULL ||
	    lex_init(&p.lx, c, file, src, len) == -1) {
		/* An error, so that the rules are not used without these. */
		c->r.oom = 1;
		rules_diag(c, file, 1, 1, "out of memory reading the file");
		lex_done(&p.lx);
		return;
	}
	next(&p);
	while (p.tok.kind != TK_EOF) {
		seen = p.ntok;
		if (is_kw(&p, KW_LANGUAGE)) {
			if (parse_language(&p, first) == -1)
				break;
		} else if (is_kw(&p, KW_RULE))
			parse_rule(&p);
		else if (is_kw(&p, KW_SET))
			parse_set(&p);
		else if (is_kw(&p, KW_PARAM))
			parse_param(&p);
		else if (is_kw(&p, KW_DISABLE))
			parse_policy(&p, POL_DISABLE);
		else if (is_kw(&p, KW_SEVERITY))
			parse_policy(&p, POL_SEVERITY);
		else if (is_kw(&p, KW_ENABLE_FIX))
			parse_policy(&p, POL_ENABLE_FIX);
		else
			err(&p, "unknown keyword %s at top level (expected "
			    "rule, set, param, disable, severity or "
			    "enable-fix)", p.tok.kind == TK_IDENT ?
			    p.tok.text : NULL);
		if (p.panic) {
			if (p.ntok == seen)
				next(&p);
			recover(&p, top_words);
			if (p.tok.kind == TK_RBRACE)
				next(&p);
		}
		if (p.ntok == seen)
			next(&p);	/* every pass consumes something */
		first = 0;
	}
	lex_done(&p.lx);
	sf_buf_free(&p.join);
	sf_buf_free(&p.fixes);
}
