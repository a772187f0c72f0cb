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
 * The compiled form of rule files (see man/spoolfix.rules.5): rules,
 * named sets and parameters, with expressions as small trees.  Shared
 * by the lexer, parser, compiler and evaluator.
 */
#ifndef SPOOLFIX_RULES_H
#define SPOOLFIX_RULES_H

#include "base/arena.h"
#include "base/internal.h"
#include "base/regex.h"
#include "rules/keyword.h"

/*
 * The rule language version this spoolfix reads.  A file may declare the
 * version it needs ("language N" as its first statement); one that needs
 * a newer version is refused with that reason alone, instead of with the
 * syntax errors its newer constructs would cause.  Raise it whenever
 * the language changes, not when only rules are added.
 */
#define RULES_LANGUAGE		1

/* ---- tokens ---- */

typedef enum tok_kind {
	TK_EOF, TK_IDENT, TK_STRING, TK_NUMBER, TK_REGEX, TK_PARAM,
	TK_LBRACE, TK_RBRACE, TK_LPAREN, TK_RPAREN, TK_COMMA,
	TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE, TK_DOTDOT, TK_PLUS,
	TK_BAD
} tok_kind;

typedef struct token {
	tok_kind	 kind;
	kw_id		 kw;		/* TK_IDENT: which keyword, if one */
	const char	*text;		/* identifier, string or regex body, in
					   the lexer's buffer: copy to keep */
	size_t		 len;
	uint64_t	 num;
	int		 icase;		/* regex /.../i */
	unsigned	 line, col;
	int		 bol;		/* first token on its line */
} token;

/* ---- path patterns ---- */

typedef enum seg_kind {
	SEG_LIT,	/* a name, compared ignoring case */
	SEG_GLOB,	/* a name with * or ? in it */
	SEG_ANY,	/* exactly "*" */
	SEG_DEEP,	/* "**": any number of levels */
	SEG_UP		/* ".." in relative paths */
} seg_kind;

typedef struct seg {
	seg_kind	 kind;
	uint16_t	*u;
	size_t		 len;
	int		 has_env;	/* contains {env}: resolved per scan */
} seg;

typedef enum root_kind {
	ROOT_RELATIVE, ROOT_SYSTEM, ROOT_SOFTWARE, ROOT_USERS
} root_kind;

typedef struct pattern {
	root_kind	 root;
	seg		 user;		/* ROOT_USERS: the profile segment */
	seg		*seg;
	size_t		 nseg;
	char		*text;		/* as written, for messages */
} pattern;

/* ---- expressions ---- */

/*
 * How deep parentheses (including those of quantifiers, where clauses
 * and functions) and "not" may nest in one expression.  The parser,
 * compiler, evaluator and expr_free all recurse over the tree, so the
 * limit is what keeps any rule text from exhausting the stack; chains of
 * and, or and + are built balanced and add only log2(length) levels.
 */
#define RULES_MAX_NESTING	64

typedef enum term_kind {
	TM_NAME, TM_KEYNAME, TM_ITEM, TM_DATA, TM_VALUE, TM_STR, TM_NUM,
	TM_PARAM, TM_ENV, TM_CONCAT, TM_FIELD, TM_LENGTH, TM_LOWER, TM_TRIM,
	TM_ANCESTOR, TM_REPLACE, TM_TRAILING
} term_kind;

typedef struct term {
	term_kind	 kind;
	struct term	*a, *b;
	uint16_t	*u;		/* TM_STR, TM_VALUE name, separators */
	size_t		 ulen;
	uint16_t	*u2;		/* TM_REPLACE: the replacement */
	size_t		 u2len;
	uint64_t	 num;		/* TM_NUM, field index, ancestor */
	pattern		*at;		/* TM_VALUE ... at "path" */
	char		*param;		/* TM_PARAM name */
	const struct param_def *pdef;	/* resolved at finish */
	unsigned	 line, col;
} term;

typedef enum expr_kind {
	EX_OR, EX_AND, EX_NOT,
	EX_CMP, EX_IN_LIST, EX_IN_SET, EX_IN_RANGE, EX_MATCH,
	EX_HAS_CLASS, EX_HAS_CHARS, EX_IS, EX_STARTS, EX_CONTAINS,
	EX_HAS_VALUE, EX_HAS_SUBKEY, EX_EXISTS_KEY,
	EX_QUANT, EX_COUNT, EX_FACT, EX_UNKNOWN, EX_HAS_BITS
} expr_kind;

typedef enum cmp_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE } cmp_op;

typedef enum iter_kind { IT_SUBKEYS, IT_VALUES, IT_ITEMS } iter_kind;
typedef enum quant_kind { Q_ANY, Q_ALL } quant_kind;

/* Character classes for "has". */
#define CC_NUL		0x0001
#define CC_CONTROL	0x0002
#define CC_NONPRINT	0x0004
#define CC_COMMA	0x0008
#define CC_BACKSLASH	0x0010
#define CC_SLASH	0x0020
#define CC_COLON	0x0040

/* Predicates for "is": registry types, data shapes, string formats. */
#define IS_TYPE_MASK	0x0000FFFFu	/* bit n = registry type n (0..11) */
#define IS_STRING	0x00000006u	/* sz | expand_sz */
#define IS_MALFORMED	0x00010000u
#define IS_ODD		0x00020000u
#define IS_UNTERM	0x00040000u
#define IS_EMBNUL	0x00080000u
#define IS_BADUTF16	0x00100000u
#define IS_BADSIZE	0x00200000u
#define IS_EMPTY	0x00400000u
#define IS_GUID		0x00800000u
#define IS_IPV4		0x01000000u
#define IS_SID		0x02000000u

typedef enum fact_kind {
	FACT_DIRTY, FACT_CORRUPT, FACT_UNREADABLE, FACT_NO_CCS,
	FACT_UNKNOWN_KIND, FACT_HAS_LOGS
} fact_kind;

typedef struct expr {
	expr_kind	 kind;
	struct expr	*a, *b;		/* EX_OR/AND/NOT, quantifier body */
	term		*t, *t2;	/* operands */
	term		**list;		/* EX_IN_LIST */
	size_t		 nlist;
	cmp_op		 op;
	char		*set_name;	/* EX_IN_SET */
	const struct set_def *set;	/* resolved at finish */
	struct sf_regex	*re;
	unsigned	 classes;	/* EX_HAS_CLASS */
	uint32_t	 preds;		/* EX_IS: any of these */
	iter_kind	 iter;		/* EX_QUANT, EX_COUNT */
	quant_kind	 quant;
	uint16_t	*split;		/* IT_ITEMS separator (NULL: MULTI_SZ) */
	size_t		 splitlen;
	pattern		*path;		/* EX_EXISTS_KEY; "at" of has-tests */
	char		*reason;	/* EX_UNKNOWN */
	fact_kind	 fact;
	/*
	 * The test's number among those rules write alike, which a scan
	 * answers once per object; 0: evaluated every time
	 * (shared_tests.c).
	 */
	uint32_t	 memo;
	unsigned	 line, col;
} expr;

/* ---- rules, sets, parameters ---- */

typedef enum scope_kind { SC_KEY, SC_VALUE, SC_HIVE } scope_kind;

typedef struct scope {
	scope_kind	 kind;
	pattern		*path;		/* SC_KEY, SC_VALUE */
	uint16_t	*glob;		/* SC_VALUE: value-name glob */
	size_t		 globlen;
	unsigned	 kinds;		/* SC_HIVE: bit per sf_hive_kind */
	char		*text;
} scope;

typedef struct fix {
	sf_fix_kind	 kind;
	uint16_t	*value;		/* value name, NULL = the current one */
	size_t		 valuelen;
	uint32_t	 type;
	uint8_t		*data;
	size_t		 datalen;
	expr		*cond;		/* "if": NULL = always */
} fix;

struct sf_rule {
	char		*id;
	char		*title;
	char		*rationale;
	char		**refs;
	size_t		  nrefs;
	sf_severity	  severity;
	scope		 *scopes;
	size_t		  nscopes;
	expr		 *when;
	fix		 *fixes;
	size_t		  nfixes;
	char		 *fix_text;
	int		  optional;	/* fixes apply only when asked for */
	int		  optional_on;	/* ... and they were */
	int		  enabled;
	char		 *message;
	int		  shows_match;	/* message (or title) has {match} */
	char		 *file;
	unsigned	  line;
	char		**scope_text;
};

typedef enum setsrc_kind { SS_KEYS, SS_VALUES, SS_DATA, SS_ITEMS }
    setsrc_kind;

typedef struct set_src {
	setsrc_kind	 kind;
	pattern		*path;
	uint16_t	*value;		/* SS_DATA: value name */
	size_t		 valuelen;
	uint16_t	*split;		/* SS_DATA: item separator */
	size_t		 splitlen;
	uint16_t	**item;		/* SS_ITEMS: literal names */
	size_t		 *itemlen;
	size_t		  nitem;
} set_src;

typedef struct set_ext {
	struct sf_regex	*re;
	char		*reason;
} set_ext;

typedef struct set_def {
	char		*name;
	set_src		*src;
	size_t		 nsrc;
	set_ext		*ext;
	size_t		 next;
	size_t		 index;		/* slot in a scan's set cache */
	char		*file;
	unsigned	 line;
} set_def;

typedef struct param_def {
	char		*name;
	uint64_t	 value;
} param_def;

/* Site policy statements, applied after every file is read. */
typedef enum policy_kind { POL_DISABLE, POL_SEVERITY, POL_ENABLE_FIX }
    policy_kind;

typedef struct policy {
	policy_kind	 kind;
	char		*id;
	sf_severity	 severity;
	char		*file;		/* NULL when set through the API */
	unsigned	 line, col;
} policy;

/* A compiled regular expression the rule set frees (see mem.c). */
struct rules_regex {
	struct sf_regex		*re;
	const char		*src;	/* the pattern as written */
	int			 icase;
	struct rules_regex	*next;
};

struct sf_rules {
	struct sf_rule	**rule;
	size_t		  nrule;
	set_def		**set;
	size_t		  nset;
	param_def	**param;
	size_t		  nparam;
	sf_arena	  arena;	/* everything the rules point to */
	char		 *bump;		/* rules_calloc(): the block in use */
	size_t		  bumpleft;
	struct rules_regex *regexes;
	uint32_t	  nmemo;	/* tests numbered: expr.memo */
	/*
	 * Memory ran out while compiling: some part of a rule may be
	 * missing, and the diagnostics that follow may be its echoes.  The
	 * compilation then fails as out of memory, saying nothing else.
	 */
	int		  oom;
};

struct sf_compiler {
	struct sf_rules	  r;
	policy		 *pol;
	size_t		  npol;
	sf_diag_fn	 *diag;
	void		 *diag_arg;
	unsigned	  errors;
	kw_table	  kw;
};

/* lexer.c */
typedef struct lexer {
	const char	*file;
	const char	*src;
	size_t		 len, pos;
	unsigned	 line;
	unsigned	 col;		/* the column at colpos */
	size_t		 colpos;	/* see col_now() */
	int		 saw_nl;
	int		 has_cr_nul;	/* the file holds a CR or a NUL */
	int		 quiet;	/* parser is recovering */
	struct sf_compiler *c;
	char		*text;		/* the current token's text */
	size_t		 textlen, textcap;
} lexer;

/* -1 when out of memory (then only lex_done() may follow). */
int	 lex_init(lexer *, struct sf_compiler *, const char *file,
	    const char *src, size_t len);
void	 lex_next(lexer *, token *);
void	 lex_done(lexer *);

/* compiler.c */
void	 rules_diag(struct sf_compiler *, const char *file, unsigned line,
	    unsigned col, const char *fmt, ...) SF_PRINTF(5, 6);
void	 rules_free_contents(struct sf_rules *);

/*
 * shared_tests.c: numbers the tests that rules write alike (expr.memo,
 * sf_rules.nmemo), once every rule is resolved.
 */
void	 rules_share_tests(struct sf_rules *);

/* parser.c */
/* Whether a message template has the placeholder {word}. */
int	 rules_message_uses(const char *tmpl, const char *word);
void	 rules_parse(struct sf_compiler *, const char *file, const char *src,
	    size_t len);

/* mem.c: memory from the rule set's arena */
void	*rules_calloc_block(struct sf_rules *, size_t want);

/*
 * Zeroed memory for n objects of size bytes, 8-byte aligned, until the
 * rule set is freed; NULL when out of memory.  Small objects are cut
 * from a block in line: compiling the shipped rules makes thousands.
 */
static inline void *
rules_calloc(struct sf_rules *r, size_t n, size_t size)
{
	size_t	 want;
	void	*p;

	if (size != 0 && n > (SIZE_MAX - 64) / size) {
		r->oom = 1;
		return NULL;
	}
	want = (n * size + 7) & ~(size_t)7;
	if (want == 0)
		want = 8;	/* distinct, non-NULL, as calloc(1, 1) */
	if (want > r->bumpleft)
		return rules_calloc_block(r, want);
	p = r->bump;
	r->bump += want;
	r->bumpleft -= want;
	return p;
}

char	*rules_strndup(struct sf_rules *, const char *, size_t);
uint16_t *rules_u16(struct sf_rules *, const char *, size_t, size_t *lenp);
void	*rules_grow(struct sf_rules *, void *arr, size_t n, size_t size);
int	 rules_keep_regex(struct sf_rules *, struct sf_regex *,
	    const char *src, int icase);
/*
 * A pattern compiled shortly before with the same text and flags, or
 * NULL: rules that write the same pattern share it, and with it the
 * answers a scan remembers for an object's name (eval.c).
 */
struct sf_regex *rules_find_regex(const struct sf_rules *, const char *src,
	    int icase);

/* pattern.c */
/*
 * Parses a registry path pattern into the rule set's arena; returns
 * NULL with *why set.
 */
pattern	*pattern_parse(struct sf_rules *, const char *text, size_t len,
	    int allow_relative, const char **why);
int	 glob_match(const uint16_t *pat, size_t pn, const uint16_t *s,
	    size_t sn);

#endif
