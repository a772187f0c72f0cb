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
 * This file implements a small regular-expression engine over UTF-16
 * code units.  Registry key names are not guaranteed to be valid UTF-16
 * or free of NUL units, so patterns and subjects are plain unit arrays
 * and every unit, including 0x0000 and lone surrogates, is an ordinary
 * character.  Patterns come from untrusted rule files, so compilation is
 * bounded in size and nesting, and matching is a Pike VM simulation that
 * runs in O(subject length * program length) time with memory
 * proportional to the program, whatever the pattern.
 *
 * Syntax (ERE-like; every item below is one UTF-16 code unit):
 *
 *   c          a literal unit; any unit not listed here stands for itself
 *   .          any single unit, including NUL and surrogates
 *   ^ $        start / end of the whole subject (not of lines); they
 *              may appear anywhere but cannot be quantified
 *   ( )        grouping (nothing is captured); "()" is allowed
 *   a|b        alternation; empty alternatives as in "(a|)" are allowed
 *   * + ?      zero or more, one or more, zero or one
 *   {m} {m,} {m,n}
 *              bounded repetition, 0 <= m <= n <= 1000.  A "{" that does
 *              not start a well-formed interval is a literal "{", so
 *              GUID-style names such as "{4D36E972-...}" need no escaping.
 *              Quantifiers may be stacked ("a{2}{3}"), each applying to
 *              everything before it in the atom.
 *   [...]      bracket class: "[^" negates, "a-z" is a range, "]" first
 *              (after any "^") is literal, "-" first or last is literal,
 *              and escapes (including \d \w \s and their negations)
 *              work inside
 *   \d \D      ASCII digit / not
 *   \w \W      ASCII letter, digit or "_" / not
 *   \s \S      space, \t \n \v \f \r / not
 *   \t \n \r   tab, line feed, carriage return
 *   \xHH       the unit 0x00HH (exactly two hex digits)
 *   \uHHHH     any unit (exactly four hex digits), even 0000 or D800
 *   \c         for any c that is not an ASCII letter or digit: c itself.
 *              Any other letter or digit after "\" is an error.
 *
 * SF_RE_ICASE folds A-Z and Latin-1 U+00C0..U+00DE (except U+00D7) to
 * lower case in literals and subjects; a class matches a unit when it
 * contains the unit or either of its case variants.
 *
 * Limits: patterns of at most 4096 units, programs of at most 10000
 * instructions (after expanding {m,n}), groups nested at most 100 deep.
 * Syntax errors are reported at the offset of the construct at fault:
 * the "(" or "[" left open, the "{" or quantifier that is invalid or
 * overflows the program, the "\" of a bad escape.
 */

#include "base/internal.h"
#include "base/regex_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_PAT		4096
#define MAX_INST	10000
#define MAX_DEPTH	100
#define MAX_REPEAT	1000
#define REP_INF		(-1L)

/* The limits appear in the messages that report them. */
#define STR_(x)		#x
#define STR(x)		STR_(x)

struct parser {
	const uint16_t	*pat;
	size_t		 len, pos;
	int		 icase;
	struct inst	*prog;
	size_t		 n, cap;
	struct range	*ranges;
	size_t		 nr, rcap;
	struct cls	*classes;
	size_t		 nc, ccap;
	const char	*err;
	size_t		 errpos;
	int		 nomem;
};

/* An escape yields either one unit or a class letter (d D w W s S). */
struct esc {
	uint16_t	c;
	int		cls;
};

static const struct range digit_set[] = { { '0', '9' } };
static const struct range word_set[] = {
	{ '0', '9' }, { 'A', 'Z' }, { '_', '_' }, { 'a', 'z' }
};
static const struct range space_set[] = { { '\t', '\r' }, { ' ', ' ' } };

static int parse_alt(struct parser *, int);

static int
is_digit(uint16_t c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(uint16_t c)
{
	return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
fail(struct parser *p, const char *msg, size_t pos)
{
	p->err = msg;
	p->errpos = pos;
	return -1;
}

static int
no_memory(struct parser *p)
{
	p->nomem = 1;
	return -1;
}

static int
peek(const struct parser *p)
{
	return p->pos < p->len ? p->pat[p->pos] : -1;
}

/* Returns the (possibly moved) array, or NULL leaving arr untouched. */
static void *
grow(void *arr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *np;

	if (need <= *cap)
		return arr;
	ncap = *cap ? *cap : 16;
	while (ncap < need)
		ncap *= 2;
	if ((np = realloc(arr, ncap * size)) == NULL)
		return NULL;
	*cap = ncap;
	return np;
}

/* Every instruction goes through here, which is what bounds the program. */
static int
reserve(struct parser *p, size_t k, size_t pos)
{
	void *np;

	if (p->n + k > MAX_INST)
		return fail(p, "pattern too large once repeats are expanded "
		    "(limit " STR(MAX_INST) ")", pos);
	if (p->n + k <= p->cap)
		return 0;
	if ((np = grow(p->prog, &p->cap, p->n + k, sizeof(*p->prog))) == NULL)
		return no_memory(p);
	p->prog = np;
	return 0;
}

static int
emit(struct parser *p, enum op op, uint32_t arg, int32_t x, int32_t y,
    size_t pos)
{
	struct inst *in;

	if (reserve(p, 1, pos))
		return -1;
	in = &p->prog[p->n++];
	in->op = (unsigned char)op;
	in->arg = arg;
	in->x = x;
	in->y = y;
	return 0;
}

static int
insert_split(struct parser *p, size_t at, int32_t x, int32_t y, size_t pos)
{
	struct inst *in;

	if (reserve(p, 1, pos))
		return -1;
	memmove(&p->prog[at + 1], &p->prog[at],
	    (p->n - at) * sizeof(*p->prog));
	p->n++;
	in = &p->prog[at];
	in->op = OP_SPLIT;
	in->arg = 0;
	in->x = x;
	in->y = y;
	return 0;
}

static int
copy_block(struct parser *p, size_t from, size_t len, size_t pos)
{
	if (reserve(p, len, pos))
		return -1;
	memcpy(&p->prog[p->n], &p->prog[from], len * sizeof(*p->prog));
	p->n += len;
	return 0;
}

static int
emit_char(struct parser *p, uint16_t c, size_t pos)
{
	return emit(p, OP_CHAR, p->icase ? fold_lower(c) : c, 0, 0, pos);
}

static int
add_range(struct parser *p, uint16_t lo, uint16_t hi)
{
	void *np;

	np = grow(p->ranges, &p->rcap, p->nr + 1, sizeof(*p->ranges));
	if (np == NULL)
		return no_memory(p);
	p->ranges = np;
	p->ranges[p->nr].lo = lo;
	p->ranges[p->nr].hi = hi;
	p->nr++;
	return 0;
}

static void
builtin_set(int letter, const struct range **set, size_t *n)
{
	switch (letter | 0x20) {
	case 'd':
		*set = digit_set;
		*n = sizeof(digit_set) / sizeof(digit_set[0]);
		break;
	case 'w':
		*set = word_set;
		*n = sizeof(word_set) / sizeof(word_set[0]);
		break;
	default:
		*set = space_set;
		*n = sizeof(space_set) / sizeof(space_set[0]);
		break;
	}
}

/*
 * Inside a bracket a negated escape such as \D cannot use the class's
 * own negation flag, so its complement is spelled out as ranges.
 */
static int
add_builtin(struct parser *p, int letter, int complement)
{
	const struct range *set;
	size_t i, n;
	uint32_t next = 0;

	builtin_set(letter, &set, &n);
	for (i = 0; i < n; i++) {
		if (!complement) {
			if (add_range(p, set[i].lo, set[i].hi))
				return -1;
			continue;
		}
		if (set[i].lo > next &&
		    add_range(p, (uint16_t)next, (uint16_t)(set[i].lo - 1)))
			return -1;
		next = (uint32_t)set[i].hi + 1;
	}
	if (complement && next <= 0xFFFF)
		return add_range(p, (uint16_t)next, 0xFFFF);
	return 0;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct range *ra = a, *rb = b;

	return (ra->lo > rb->lo) - (ra->lo < rb->lo);
}

static size_t
merge_ranges(struct range *r, size_t n)
{
	size_t i, out = 0;

	if (n == 0)
		return 0;
	qsort(r, n, sizeof(*r), range_cmp);
	for (i = 1; i < n; i++) {
		if ((uint32_t)r[i].lo <= (uint32_t)r[out].hi + 1) {
			if (r[i].hi > r[out].hi)
				r[out].hi = r[i].hi;
		} else
			r[++out] = r[i];
	}
	return out + 1;
}

/* Turns the ranges added since "first" into a class and emits it. */
static int
finish_class(struct parser *p, size_t first, int neg, size_t pos)
{
	struct cls *k;
	void *np;

	np = grow(p->classes, &p->ccap, p->nc + 1, sizeof(*p->classes));
	if (np == NULL)
		return no_memory(p);
	p->classes = np;
	p->nr = first + merge_ranges(&p->ranges[first], p->nr - first);
	k = &p->classes[p->nc];
	k->first = first;
	k->count = p->nr - first;
	k->neg = neg;
	return emit(p, OP_CLASS, (uint32_t)p->nc++, 0, 0, pos);
}

static int
parse_hex(struct parser *p, int ndigits, struct esc *e, size_t at)
{
	uint32_t v = 0;
	int i, d;

	for (i = 0; i < ndigits; i++) {
		if (p->pos >= p->len || (d = sf_hex_digit(p->pat[p->pos])) < 0)
			return fail(p, ndigits == 2 ?
			    "\\x needs two hex digits" :
			    "\\u needs four hex digits", at);
		v = v * 16 + (uint32_t)d;
		p->pos++;
	}
	e->c = (uint16_t)v;
	return 0;
}

static int
parse_escape(struct parser *p, struct esc *e)
{
	size_t at = p->pos;
	uint16_t c;

	if (at + 1 >= p->len)
		return fail(p, "trailing backslash", at);
	c = p->pat[at + 1];
	p->pos = at + 2;
	e->cls = 0;
	e->c = c;
	if (!is_alnum(c))
		return 0;
	switch (c) {
	case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
		e->cls = c;
		return 0;
	case 't':
		e->c = '\t';
		return 0;
	case 'n':
		e->c = '\n';
		return 0;
	case 'r':
		e->c = '\r';
		return 0;
	case 'x':
		return parse_hex(p, 2, e, at);
	case 'u':
		return parse_hex(p, 4, e, at);
	default:
		return fail(p, "unknown escape", at);
	}
}

static int
parse_class_elem(struct parser *p, struct esc *e)
{
	if (p->pat[p->pos] == '\\')
		return parse_escape(p, e);
	e->cls = 0;
	e->c = p->pat[p->pos++];
	return 0;
}

/* A "-" right before the closing "]" is a literal, not a range. */
static int
range_follows(const struct parser *p)
{
	return p->pos + 1 < p->len && p->pat[p->pos] == '-' &&
	    p->pat[p->pos + 1] != ']';
}

static int
parse_class_item(struct parser *p)
{
	size_t at = p->pos;
	struct esc lo, hi;

	if (parse_class_elem(p, &lo))
		return -1;
	if (lo.cls)
		return add_builtin(p, lo.cls, lo.cls < 'a');
	if (!range_follows(p))
		return add_range(p, lo.c, lo.c);
	p->pos++;
	if (parse_class_elem(p, &hi))
		return -1;
	if (hi.cls || hi.c < lo.c)
		return fail(p, "invalid range", at);
	return add_range(p, lo.c, hi.c);
}

static int
parse_bracket(struct parser *p)
{
	size_t open = p->pos, first = p->nr;
	int neg = 0, start = 1;

	p->pos++;
	if (peek(p) == '^') {
		neg = 1;
		p->pos++;
	}
	for (;;) {
		if (p->pos >= p->len)
			return fail(p, "unterminated character class", open);
		if (p->pat[p->pos] == ']' && !start)
			break;
		start = 0;
		if (parse_class_item(p))
			return -1;
	}
	p->pos++;
	return finish_class(p, first, neg, open);
}

static int
parse_escape_atom(struct parser *p)
{
	size_t at = p->pos, first = p->nr;
	struct esc e;

	if (parse_escape(p, &e))
		return -1;
	if (!e.cls)
		return emit_char(p, e.c, at);
	if (add_builtin(p, e.cls, 0))
		return -1;
	return finish_class(p, first, e.cls < 'a', at);
}

static int
parse_group(struct parser *p, int depth)
{
	size_t open = p->pos;

	if (depth >= MAX_DEPTH)
		return fail(p, "groups nested deeper than " STR(MAX_DEPTH)
		    " levels", open);
	p->pos++;
	if (parse_alt(p, depth + 1))
		return -1;
	if (peek(p) != ')')
		return fail(p, "unmatched '('", open);
	p->pos++;
	return 0;
}

/* Saturates above MAX_REPEAT so long digit strings cannot overflow. */
static size_t
scan_number(const struct parser *p, size_t i, long *v)
{
	size_t start = i;

	*v = 0;
	while (i < p->len && is_digit(p->pat[i])) {
		if (*v <= MAX_REPEAT)
			*v = *v * 10 + (p->pat[i] - '0');
		i++;
	}
	return i - start;
}

/*
 * Returns the length of the interval "{m}", "{m,}" or "{m,n}" at "at",
 * or 0 if the text there is not one (and so the "{" is a literal).
 */
static size_t
interval_len(const struct parser *p, size_t at, long *min, long *max)
{
	size_t i = at + 1, k;

	if ((k = scan_number(p, i, min)) == 0)
		return 0;
	i += k;
	*max = *min;
	if (i < p->len && p->pat[i] == ',') {
		i++;
		if ((k = scan_number(p, i, max)) == 0)
			*max = REP_INF;
		i += k;
	}
	if (i >= p->len || p->pat[i] != '}')
		return 0;
	return i + 1 - at;
}

/* Returns 1 and the bounds if a quantifier was consumed, 0 if none. */
static int
parse_quant(struct parser *p, long *min, long *max)
{
	size_t at = p->pos, k;

	switch (peek(p)) {
	case '*':
		*min = 0, *max = REP_INF;
		break;
	case '+':
		*min = 1, *max = REP_INF;
		break;
	case '?':
		*min = 0, *max = 1;
		break;
	case '{':
		if ((k = interval_len(p, at, min, max)) == 0)
			return 0;
		if (*min > MAX_REPEAT || *max > MAX_REPEAT)
			return fail(p, "repetition count too large", at);
		if (*max != REP_INF && *min > *max)
			return fail(p, "min repeat greater than max repeat", at);
		p->pos += k;
		return 1;
	default:
		return 0;
	}
	p->pos++;
	return 1;
}

static int
make_star(struct parser *p, size_t s, size_t len, size_t pos)
{
	if (insert_split(p, s, 1, (int32_t)len + 2, pos))
		return -1;
	return emit(p, OP_JMP, 0, -((int32_t)len + 1), 0, pos);
}

/* e{0,max}: "e?" repeated, each copy may be skipped independently. */
static int
make_optionals(struct parser *p, size_t s, size_t len, long max, size_t pos)
{
	long i;

	if (insert_split(p, s, 1, (int32_t)len + 1, pos))
		return -1;
	for (i = 1; i < max; i++)
		if (copy_block(p, s, len + 1, pos))
			return -1;
	return 0;
}

/* Applies {min,max} to the complete sub-program prog[s..n). */
static int
repeat(struct parser *p, size_t s, long min, long max, size_t pos)
{
	size_t len = p->n - s;
	long i;

	if (max == 0) {
		p->n = s;
		return 0;
	}
	if (min == 0)
		return max == REP_INF ? make_star(p, s, len, pos) :
		    make_optionals(p, s, len, max, pos);
	for (i = 1; i < min; i++)
		if (copy_block(p, s, len, pos))
			return -1;
	if (max == REP_INF)
		return emit(p, OP_SPLIT, 0, -(int32_t)len, 1, pos);
	for (i = min; i < max; i++) {
		if (emit(p, OP_SPLIT, 0, 1, (int32_t)len + 1, pos) ||
		    copy_block(p, s, len, pos))
			return -1;
	}
	return 0;
}

static int
parse_quantifiers(struct parser *p, size_t start, int repeatable)
{
	long min, max;
	size_t at;
	int r;

	for (;;) {
		at = p->pos;
		if ((r = parse_quant(p, &min, &max)) <= 0)
			return r;
		if (!repeatable)
			return fail(p, "nothing to repeat", at);
		if (repeat(p, start, min, max, at))
			return -1;
	}
}

static int
parse_atom(struct parser *p, int depth, int *repeatable)
{
	size_t at = p->pos;
	uint16_t c = p->pat[at];
	long min, max;

	*repeatable = 1;
	switch (c) {
	case '(':
		return parse_group(p, depth);
	case '[':
		return parse_bracket(p);
	case '\\':
		return parse_escape_atom(p);
	case '.':
		p->pos++;
		return emit(p, OP_ANY, 0, 0, 0, at);
	case '^':
	case '$':
		*repeatable = 0;
		p->pos++;
		return emit(p, c == '^' ? OP_BOL : OP_EOL, 0, 0, 0, at);
	case '*':
	case '+':
	case '?':
		return fail(p, "nothing to repeat", at);
	case '{':
		if (interval_len(p, at, &min, &max) != 0)
			return fail(p, "nothing to repeat", at);
		break;
	default:
		break;
	}
	p->pos++;
	return emit_char(p, c, at);
}

static int
parse_concat(struct parser *p, int depth)
{
	size_t start;
	int c, repeatable;

	while ((c = peek(p)) != -1 && c != '|' && c != ')') {
		start = p->n;
		if (parse_atom(p, depth, &repeatable) ||
		    parse_quantifiers(p, start, repeatable))
			return -1;
	}
	return 0;
}

/*
 * Each alternative but the last ends in a JMP to the end of the whole
 * alternation, which is not known yet; those JMPs are chained through
 * their x fields (as absolute indices) and patched once it is.  Nothing
 * is ever inserted before a pending JMP, so the indices stay valid.
 */
static void
patch_jumps(struct parser *p, int32_t pending)
{
	int32_t next;

	while (pending >= 0) {
		next = p->prog[pending].x;
		p->prog[pending].x = (int32_t)p->n - pending;
		pending = next;
	}
}

static int
parse_alt(struct parser *p, int depth)
{
	size_t seg = p->n, bar;
	int32_t pending = -1;

	if (parse_concat(p, depth))
		return -1;
	while (peek(p) == '|') {
		bar = p->pos++;
		if (insert_split(p, seg, 1, 0, bar) ||
		    emit(p, OP_JMP, 0, pending, 0, bar))
			return -1;
		pending = (int32_t)p->n - 1;
		p->prog[seg].y = (int32_t)(p->n - seg);
		seg = p->n;
		if (parse_concat(p, depth))
			return -1;
	}
	patch_jumps(p, pending);
	return 0;
}

static int
parse_pattern(struct parser *p)
{
	if (p->len > MAX_PAT)
		return fail(p, "pattern longer than " STR(MAX_PAT) " units",
		    MAX_PAT);
	if (parse_alt(p, 0))
		return -1;
	if (p->pos < p->len)
		return fail(p, "unmatched ')'", p->pos);
	return emit(p, OP_MATCH, 0, 0, 0, p->pos);
}

static void
set_error(char *errbuf, size_t errlen, const char *msg)
{
	size_t n;

	if (errbuf == NULL || errlen == 0)
		return;
	n = strlen(msg);
	if (n >= errlen)
		n = errlen - 1;
	memcpy(errbuf, msg, n);
	errbuf[n] = '\0';
}

int
sf_regex_compile(const uint16_t *pat, size_t patlen, int flags,
    struct sf_regex **out, char *errbuf, size_t errlen, size_t *errpos)
{
	struct parser p;
	struct sf_regex *re = NULL;
	int r;

	*out = NULL;
	set_error(errbuf, errlen, "");
	if (errpos != NULL)
		*errpos = 0;
	memset(&p, 0, sizeof(p));
	p.pat = pat;
	p.len = patlen;
	p.icase = (flags & SF_RE_ICASE) != 0;
	r = parse_pattern(&p);
	if (r == 0 && (re = malloc(sizeof(*re))) == NULL)
		r = no_memory(&p);
	if (r != 0) {
		free(p.prog);
		free(p.ranges);
		free(p.classes);
		if (p.nomem)
			return -2;
		set_error(errbuf, errlen, p.err);
		if (errpos != NULL)
			*errpos = p.errpos;
		return -1;
	}
	re->prog = p.prog;
	re->nprog = p.n;
	re->ranges = p.ranges;
	re->classes = p.classes;
	re->icase = p.icase;
	atomic_init(&re->dfa, NULL);
	atomic_init(&re->searches, 0);
	*out = re;
	return 0;
}

void
sf_regex_free(struct sf_regex *re)
{
	struct re_dfa *d;

	if (re == NULL)
		return;
	d = atomic_load(&re->dfa);
	if (d != &re_no_dfa)
		re_dfa_free(d);
	free(re->prog);
	free(re->ranges);
	free(re->classes);
	free(re);
}


/* Searches after which a pattern gets its DFA (regex_dfa.c). */
#define RE_DFA_AFTER	32

/*
 * The pattern's DFA once it has one.  The search that makes the
 * RE_DFA_AFTER-th builds it and publishes it once (a compare-exchange,
 * so a pattern shared by threads gets one); the others, meanwhile, run
 * the VM.  A pattern searched a few times, as on a small machine, never
 * pays for a build.
 */
static const struct re_dfa *
dfa_of(const struct sf_regex *cre)
{
	/* The atomics are the pattern's only mutable part (regex_int.h). */
	struct sf_regex	*re = (struct sf_regex *)(uintptr_t)cre;
	struct re_dfa	*d, *none = NULL;

	d = atomic_load_explicit(&re->dfa, memory_order_acquire);
	if (d != NULL)
		return d != &re_no_dfa ? d : NULL;
	if (atomic_fetch_add_explicit(&re->searches, 1,
	    memory_order_relaxed) != RE_DFA_AFTER - 1)
		return NULL;
	if ((d = re_dfa_build(cre)) == NULL)
		d = &re_no_dfa;
	if (!atomic_compare_exchange_strong_explicit(&re->dfa, &none, d,
	    memory_order_acq_rel, memory_order_acquire)) {
		if (d != &re_no_dfa)
			re_dfa_free(d);
		d = none;
	}
	return d != &re_no_dfa ? d : NULL;
}

/*
 * The DFA when the pattern has one: a table lookup per unit instead of
 * the VM's threads.  An empty subject, where ^ and $ meet, takes the VM.
 */
int
sf_regex_search(const struct sf_regex *re, const uint16_t *s, size_t n)
{
	const struct re_dfa *d;

	if (n > 0 && (d = dfa_of(re)) != NULL)
		return re_dfa_search(d, s, n);
	return re_run_vm(re, s, n);
}
