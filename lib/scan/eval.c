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
 * Evaluation of rule conditions.  Terms yield a datum: a string of
 * UTF-16 units, a number, a registry value (type and raw bytes), absent,
 * or unknown.  Tests on an absent operand are false; an unknown operand
 * makes the test unknown.  Every negation ("not X", "X not in", "X is
 * not", "missing") is the parser's EX_NOT over the positive test, so it
 * is true for an absent operand.  and/or/not follow Kleene's
 * three-valued logic, so an unknown part only decides the result when
 * it could.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

typedef enum dkind { D_ABSENT, D_UNKNOWN, D_STR, D_NUM, D_VAL } dkind;

typedef struct datum {
	dkind		 k;
	const uint16_t	*u;
	size_t		 n;
	uint16_t	*own;
	uint64_t	 num;
	const sf_value	*v;
} datum;

static void
dfree(datum *d)
{
	/* Most data are views: no call to free() for them. */
	if (d->own != NULL)
		free(d->own);
	memset(d, 0, sizeof(*d));
}

/* ---- views of values ---- */


static int
number_of(const sf_value *v, uint64_t *out)
{
	if ((v->type == SF_REG_DWORD || v->type == SF_REG_DWORD_BIG_ENDIAN) &&
	    v->size == 4) {
		*out = v->type == SF_REG_DWORD ? sf_le32(v->data) :
		    ((uint32_t)v->data[0] << 24 | (uint32_t)v->data[1] << 16 |
		    (uint32_t)v->data[2] << 8 | v->data[3]);
		return 1;
	}
	if (v->type == SF_REG_QWORD && v->size == 8) {
		*out = sf_le64(v->data);
		return 1;
	}
	return 0;
}


/* The i-th UTF-16 unit of a value's data. */
static uint16_t
unit_at(const sf_value *v, size_t i)
{
	return sf_le16(v->data + 2 * i);
}

static uint16_t *
decimal(uint64_t v, size_t *len)
{
	char	  s[24];
	size_t	  n = 0, i;
	uint16_t *u;

	do {
		s[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if ((u = sf_calloc(n + 1, sizeof(*u))) == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		u[i] = (uint16_t)s[n - 1 - i];
	*len = n;
	return u;
}

/*
 * A string value's data read where it lies, without the copy that
 * sf_value_string makes: on a little-endian host the stored UTF-16LE
 * units are the host's, once the data is 2-aligned (cells are 8-aligned
 * in the image, so nearly always).  The view ends before the trailing
 * NULs, as sf_value_string's does; an odd last byte is left out of both.
 */
static int
in_place(datum *d)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	size_t n = d->v->size / 2;

	if (d->v->data == NULL || ((uintptr_t)d->v->data & 1) != 0)
		return 0;
	while (n > 0 && unit_at(d->v, n - 1) == 0)
		n--;
	d->u = (const uint16_t *)(const void *)d->v->data;
	d->n = n;
	return 1;
#else
	(void)d;
	return 0;
#endif
}

/* Gives d a string view when it has one; returns 0 when it has none. */
static int
as_string(datum *d)
{
	uint64_t num;

	if (d->k == D_STR)
		return 1;
	if (d->k == D_NUM) {
		free(d->own);
		if ((d->own = decimal(d->num, &d->n)) == NULL)
			return 0;
		d->u = d->own;
		return 1;
	}
	if (d->k != D_VAL)
		return 0;
	/*
	 * A value keeps its kind (tests still see its type and number
	 * view), so a second call, such as compare() on each element of
	 * "in (...)", reuses the view instead of leaking it.
	 */
	if (d->own != NULL)
		return 1;
	if (sf_value_is_string(d->v->type) && in_place(d))
		return 1;
	if (sf_value_is_string(d->v->type)) {
		if ((d->own = sf_value_string(d->v, &d->n)) == NULL)
			return 0;
	} else if (number_of(d->v, &num)) {
		if ((d->own = decimal(num, &d->n)) == NULL)
			return 0;
	} else
		return 0;
	d->u = d->own;
	return 1;
}

static int
as_number(const datum *d, uint64_t *out)
{
	if (d->k == D_NUM) {
		*out = d->num;
		return 1;
	}
	if (d->k == D_VAL)
		return number_of(d->v, out);
	return 0;
}

static int
numeric(const datum *d)
{
	uint64_t x;

	return d->k == D_NUM || (d->k == D_VAL && number_of(d->v, &x));
}

/* ---- terms ---- */

static int eval_term(ctx *, const term *, datum *);

static void
set_str(datum *d, const uint16_t *u, size_t n)
{
	d->k = D_STR;
	d->u = u;
	d->n = n;
}

static int
own_str(datum *d, uint16_t *u, size_t n)
{
	if (u == NULL)
		return -1;
	d->k = D_STR;
	d->own = u;
	d->u = u;
	d->n = n;
	return 0;
}

/*
 * d becomes the units [start, start + n) of a's string view, without a
 * copy: a's own buffer, if it has one, moves to d (dfree(a) then frees
 * nothing).  Views are not NUL-terminated, as in_place's are not.
 */
static void
sub_str(datum *d, datum *a, size_t start, size_t n)
{
	d->k = D_STR;
	d->u = a->u + start;
	d->n = n;
	d->own = a->own;
	a->own = NULL;
}

typedef struct find_one {
	sf_hive	*hive;
	sf_key	*key;
} find_one;

static int
first_match(void *arg, sf_hive *h, sf_key *k, int noncurrent)
{
	find_one *f = arg;

	(void)noncurrent;
	f->hive = h;
	f->key = k;
	return 1;
}

/*
 * A pattern searched in the name of the object on_key evaluates rules
 * on (the very units, not a copy), remembered for the other rules: the
 * LPR port rules match every port's name against the same pattern
 * twice, and rules that write one pattern share it (rules_find_regex).
 */
static int
name_search(scan *sc, const struct sf_regex *re, const datum *d)
{
	size_t	i;
	int	m;

	if (d->u != sc->vm_name || d->n != sc->vm_name_len || d->own != NULL)
		return sf_regex_search(re, d->u, d->n);
	for (i = 0; i < sc->rx_n; i++)
		if (sc->rx[i].re == re)
			return sc->rx[i].match;
	m = sf_regex_search(re, d->u, d->n);
	if (m != -1 && sc->rx_n < SF_REGEX_MEMO) {
		sc->rx[sc->rx_n].re = re;
		sc->rx[sc->rx_n++].match = m;
	}
	return m;
}

/*
 * A value of the object's key by name, remembered for the other rules
 * that look at the same key: the LPR port rules read "Server Name" and
 * "Printer Name" a dozen times per port.  The names are the rules' own
 * spellings, so equal units give the same answer as the case-blind
 * lookup did.  The key is held while it is the object (scan.h).
 */
static const sf_value *
object_value(scan *sc, sf_hive *h, sf_key *k, const uint16_t *name,
    size_t len)
{
	value_memo	*m;
	size_t		 i;

	for (i = 0; i < sc->vm_n; i++) {
		m = &sc->vm[i];
		if (m->len == len && memcmp(m->name, name, len *
		    sizeof(*name)) == 0)
			return m->v;
	}
	m = &sc->vm[sc->vm_next];
	sc->vm_next = (sc->vm_next + 1) % SF_VALUE_MEMO;
	if (sc->vm_n < SF_VALUE_MEMO)
		sc->vm_n++;
	m->name = name;
	m->len = len;
	m->v = sf_key_value(h, k, name, len);
	return m->v;
}

/* A value of the key in hand by name, remembered when it is the object's. */
static const sf_value *
key_value(const ctx *cx, const uint16_t *name, size_t len)
{
	if (cx->key == NULL || cx->hive == NULL)
		return NULL;
	if (cx->key == cx->sc->vm_key)
		return object_value(cx->sc, cx->hive, cx->key, name, len);
	return sf_key_value(cx->hive, cx->key, name, len);
}

/* The object's name, as TM_NAME gives it; 0 when it has none. */
static int
name_view(const ctx *cx, const uint16_t **u, size_t *n)
{
	if (cx->val != NULL) {
		*u = cx->val->name;
		*n = cx->val->name_len;
	} else if (cx->key != NULL) {
		*u = cx->key->name;
		*n = cx->key->name_len;
	} else
		return 0;
	return 1;
}

static int
term_value(ctx *cx, const term *t, datum *d)
{
	const char	*why;
	find_one	 f = { NULL, NULL };

	if (t->at == NULL)
		d->v = key_value(cx, t->u, t->ulen);
	else {
		why = walk_pattern(cx->sc, t->at, cx->hive, cx->key, 0,
		    first_match, &f);
		if (f.key == NULL && why != NULL) {
			ctx_unknown(cx, "%s", why);
			d->k = D_UNKNOWN;
			return 0;
		}
		if (f.key == NULL || f.hive == NULL)
			return 0;
		d->v = sf_key_value(f.hive, f.key, t->u, t->ulen);
	}
	if (d->v != NULL)
		d->k = D_VAL;
	return 0;
}

static int
term_field(ctx *cx, const term *t, datum *d)
{
	datum	 a;
	size_t	 i, start = 0, field = 1;

	memset(&a, 0, sizeof(a));
	if (eval_term(cx, t->a, &a) == -1)
		return -1;
	if (a.k == D_UNKNOWN)
		d->k = D_UNKNOWN;
	if (!as_string(&a)) {
		dfree(&a);
		return 0;
	}
	for (i = 0; i <= a.n; i++) {
		if (i < a.n && !(i + t->ulen <= a.n && memcmp(a.u + i, t->u,
		    t->ulen * sizeof(*t->u)) == 0))
			continue;
		if (field == t->num) {
			sub_str(d, &a, start, i - start);
			dfree(&a);
			return 0;
		}
		field++;
		start = i + t->ulen;
		i = start - 1;
		if (start > a.n)
			break;
	}
	dfree(&a);
	return 0;
}

static int
term_concat(ctx *cx, const term *t, datum *d)
{
	datum	  a, b;
	uint16_t *u;
	int	  rc = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (eval_term(cx, t->a, &a) == -1 || eval_term(cx, t->b, &b) == -1) {
		rc = -1;
	} else if (a.k == D_UNKNOWN || b.k == D_UNKNOWN) {
		d->k = D_UNKNOWN;
	} else if (as_string(&a) && as_string(&b)) {
		if ((u = sf_calloc(a.n + b.n + 1, sizeof(*u))) == NULL)
			rc = -1;
		else {
			memcpy(u, a.u, a.n * sizeof(*u));
			memcpy(u + a.n, b.u, b.n * sizeof(*u));
			rc = own_str(d, u, a.n + b.n);
		}
	}
	dfree(&a);
	dfree(&b);
	return rc;
}

static int
term_unary(ctx *cx, const term *t, datum *d)
{
	datum	  a;
	uint16_t *u;
	size_t	  i, s, e;
	int	  rc = 0;

	memset(&a, 0, sizeof(a));
	if (eval_term(cx, t->a, &a) == -1)
		return -1;
	if (a.k == D_UNKNOWN) {
		d->k = D_UNKNOWN;
	} else if (as_string(&a)) {
		switch (t->kind) {
		case TM_LENGTH:
			d->k = D_NUM;
			d->num = a.n;
			break;
		case TM_TRIM:
			for (s = 0; s < a.n && (a.u[s] == ' ' ||
			    a.u[s] == '\t'); s++)
				;
			for (e = a.n; e > s && (a.u[e - 1] == ' ' ||
			    a.u[e - 1] == '\t'); e--)
				;
			sub_str(d, &a, s, e - s);
			break;
		default:	/* TM_LOWER */
			if ((u = sf_u16dup(a.u, a.n)) == NULL) {
				rc = -1;
				break;
			}
			for (i = 0; i < a.n; i++)
				u[i] = sf_u16_lower(u[i]);
			rc = own_str(d, u, a.n);
			break;
		}
	}
	dfree(&a);
	return rc;
}

static int
term_replace(ctx *cx, const term *t, datum *d)
{
	datum		a;
	sf_u16buf	b;
	size_t		i;
	int		rc = 0;

	memset(&a, 0, sizeof(a));
	if (eval_term(cx, t->a, &a) == -1)
		return -1;
	if (a.k == D_UNKNOWN)
		d->k = D_UNKNOWN;
	else if (as_string(&a)) {
		sf_u16buf_init(&b);
		for (i = 0; i < a.n; i++) {
			if (i + t->ulen <= a.n && memcmp(a.u + i, t->u,
			    t->ulen * sizeof(*t->u)) == 0) {
				sf_u16buf_add(&b, t->u2, t->u2len);
				i += t->ulen - 1;
			} else
				sf_u16buf_addc(&b, a.u[i]);
		}
		if (b.oom)
			rc = -1;
		else if (b.u == NULL)
			rc = own_str(d, sf_u16dup(a.u, 0), 0);
		else
			rc = own_str(d, b.u, b.len);
		if (rc == -1)
			sf_u16buf_free(&b);
	}
	dfree(&a);
	return rc;
}

static int
eval_term1(ctx *cx, const term *t, datum *d)
{
	sf_key		*k;
	const uint16_t	*u;
	size_t		 n;
	uint64_t	 i;

	memset(d, 0, sizeof(*d));
	switch (t->kind) {
	case TM_NAME:
		if (name_view(cx, &u, &n))
			set_str(d, u, n);
		return 0;
	case TM_KEYNAME:
		if (cx->key != NULL)
			set_str(d, cx->key->name, cx->key->name_len);
		return 0;
	case TM_ITEM:
		if (cx->has_item)
			set_str(d, cx->item, cx->itemlen);
		return 0;
	case TM_DATA:
		if (cx->val != NULL) {
			d->k = D_VAL;
			d->v = cx->val;
		}
		return 0;
	case TM_VALUE:
		return term_value(cx, t, d);
	case TM_STR:
		set_str(d, t->u, t->ulen);
		return 0;
	case TM_NUM:
		d->k = D_NUM;
		d->num = t->num;
		return 0;
	case TM_PARAM:
		d->k = D_NUM;
		d->num = t->pdef != NULL ? t->pdef->value : 0;
		return 0;
	case TM_ENV:
		if (cx->sc->envu != NULL)
			set_str(d, cx->sc->envu, cx->sc->envlen);
		else {
			const char *how;

			sf_machine_environment(cx->sc->m, &how);
			ctx_unknown(cx, "the machine's print environment is "
			    "unknown (%s)", how);
			d->k = D_UNKNOWN;
		}
		return 0;
	case TM_TRAILING:
		d->k = D_NUM;
		d->num = cx->hive != NULL ? cx->hive->trailing : 0;
		return 0;
	case TM_ANCESTOR:
		for (k = cx->key, i = 0; k != NULL && i < t->num; i++)
			k = k->parent;
		if (k != NULL && k->parent != NULL)
			set_str(d, k->name, k->name_len);
		return 0;
	case TM_CONCAT:
		return term_concat(cx, t, d);
	case TM_FIELD:
		return term_field(cx, t, d);
	case TM_REPLACE:
		return term_replace(cx, t, d);
	default:
		return term_unary(cx, t, d);
	}
}

/*
 * A term's value; -1 only when memory ran out, which fails the whole
 * scan (sc->oom): a test whose term could not be built is neither true
 * nor false.
 */
static int
eval_term(ctx *cx, const term *t, datum *d)
{
	if (eval_term1(cx, t, d) == 0)
		return 0;
	cx->sc->oom = 1;
	return -1;
}

/* ---- tests ---- */

static tri
not3(tri t)
{
	return t == TRI_U ? TRI_U : (t == TRI_T ? TRI_F : TRI_T);
}

static tri
bool3(int b)
{
	return b ? TRI_T : TRI_F;
}

static int
str_cmp(const datum *a, const datum *b)
{
	return sf_u16_casecmp(a->u, a->n, b->u, b->n);
}

static int
op_holds(cmp_op op, int c)
{
	switch (op) {
	case OP_EQ: return c == 0;
	case OP_NE: return c != 0;
	case OP_LT: return c < 0;
	case OP_LE: return c <= 0;
	case OP_GT: return c > 0;
	default:    return c >= 0;
	}
}

/* Compares two data: numerically when either side is a number. */
static tri
compare(datum *a, datum *b, cmp_op op)
{
	uint64_t x, y;

	if (a->k == D_UNKNOWN || b->k == D_UNKNOWN)
		return TRI_U;
	if (a->k == D_ABSENT || b->k == D_ABSENT)
		return TRI_F;
	if (numeric(a) || numeric(b)) {
		if (!as_number(a, &x) || !as_number(b, &y))
			return TRI_F;
		return bool3(op_holds(op, x < y ? -1 : (x > y ? 1 : 0)));
	}
	if (!as_string(a) || !as_string(b))
		return TRI_F;
	return bool3(op_holds(op, str_cmp(a, b)));
}

static int
has_chars(const uint16_t *u, size_t n, const uint16_t *set, size_t sn)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < sn; j++)
			if (u[i] == set[j])
				return 1;
	return 0;
}

static int
dec_field(const uint16_t *u, size_t n, size_t *i, uint64_t max,
    size_t maxdigits)
{
	uint64_t v = 0;
	size_t	 start = *i;

	while (*i < n && u[*i] >= '0' && u[*i] <= '9' &&
	    *i - start < maxdigits) {
		v = v * 10 + (uint64_t)(u[*i] - '0');
		(*i)++;
	}
	return *i > start && v <= max;
}

static int
fmt_ipv4(const uint16_t *u, size_t n)
{
	size_t	i = 0;
	int	part;

	for (part = 0; part < 4; part++) {
		if (!dec_field(u, n, &i, 255, 3))
			return 0;
		if (part < 3 && (i >= n || u[i++] != '.'))
			return 0;
	}
	return i == n;
}

static int
hexdigit(uint16_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static int
fmt_guid(const uint16_t *u, size_t n)
{
	static const char shape[] = "{########-####-####-####-############}";
	size_t i;

	if (n != sizeof(shape) - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (shape[i] == '#' ? !hexdigit(u[i]) : u[i] != shape[i])
			return 0;
	return 1;
}

static int
fmt_sid(const uint16_t *u, size_t n)
{
	size_t	i = 2;
	int	parts = 0;

	if (n < 5 || (u[0] != 'S' && u[0] != 's') || u[1] != '-')
		return 0;
	while (i < n) {
		if (!dec_field(u, n, &i, UINT64_MAX / 10, 19))
			return 0;
		parts++;
		if (i < n && u[i++] != '-')
			return 0;
		if (i == n && u[n - 1] == '-')
			return 0;
	}
	return parts >= 3;	/* revision, authority, at least one sub */
}

static tri
test_is(datum *d, uint32_t preds)
{
	uint32_t have = 0;

	if (d->k == D_UNKNOWN)
		return TRI_U;
	if (d->k == D_ABSENT)
		return TRI_F;
	if (d->k == D_VAL) {
		if (d->v->type < 16)
			have |= 1u << d->v->type;
		have |= shape_of_value(d->v, preds);
	}
	/* Only the formats asked for: "is empty" alone reads no text. */
	if ((preds & (IS_GUID | IS_IPV4 | IS_SID | IS_EMPTY)) &&
	    as_string(d)) {
		if ((preds & IS_GUID) && fmt_guid(d->u, d->n))
			have |= IS_GUID;
		if ((preds & IS_IPV4) && fmt_ipv4(d->u, d->n))
			have |= IS_IPV4;
		if ((preds & IS_SID) && fmt_sid(d->u, d->n))
			have |= IS_SID;
		if (d->n == 0)
			have |= IS_EMPTY;
	}
	return bool3((have & preds) != 0);
}

static int
affix(const datum *a, const datum *b, expr_kind k)
{
	size_t i;

	if (b->n > a->n)
		return 0;
	if (k == EX_STARTS)
		return sf_u16_casecmp(a->u, b->n, b->u, b->n) == 0;
	for (i = 0; i + b->n <= a->n; i++)
		if (sf_u16_casecmp(a->u + i, b->n, b->u, b->n) == 0)
			return 1;
	return 0;
}

/* Tests whose left operand is a term. */
static SF_NOINLINE tri
eval_test(ctx *cx, const expr *e)
{
	datum	 a, b;
	tri	 r = TRI_F;
	size_t	 i;
	uint64_t x, lo, hi;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (eval_term(cx, e->t, &a) == -1) {
		cx->sc->oom = 1;
		return TRI_F;
	}
	if (a.k == D_UNKNOWN && e->kind != EX_CMP) {
		dfree(&a);
		return TRI_U;
	}
	switch (e->kind) {
	case EX_CMP:
		if (eval_term(cx, e->t2, &b) == 0)
			r = compare(&a, &b, e->op);
		break;
	case EX_IN_LIST: {
		int found = 0, unknown = 0;

		/* No view (absent, binary, multi-string): the test is false. */
		if (a.k == D_ABSENT || (!numeric(&a) && !as_string(&a)))
			break;
		for (i = 0; i < e->nlist && !found; i++) {
			tri one;

			if (eval_term(cx, e->list[i], &b) == -1)
				break;
			one = compare(&a, &b, OP_EQ);
			found = one == TRI_T;
			unknown |= one == TRI_U;
			dfree(&b);
		}
		r = found ? TRI_T : unknown ? TRI_U : TRI_F;
		break;
	}
	case EX_IN_SET:
		if (as_string(&a))
			r = set_member(cx, e->set, a.u, a.n);
		break;
	case EX_IN_RANGE:
		if (eval_term(cx, e->t2, &b) == 0 && as_number(&a, &x) &&
		    as_number(&b, &lo)) {
			dfree(&b);
			if (eval_term(cx, e->list[0], &b) == 0 &&
			    as_number(&b, &hi))
				r = bool3(x >= lo && x <= hi);
		}
		break;
	case EX_MATCH:
		if (as_string(&a)) {
			int m = name_search(cx->sc, e->re, &a);

			if (m == -1)
				cx->sc->oom = 1;
			r = bool3(m == 1);
		}
		break;
	case EX_HAS_CLASS:
		if (as_string(&a))
			r = bool3(shape_has_classes(a.u, a.n, e->classes));
		break;
	case EX_HAS_CHARS:
		if (as_string(&a))
			r = bool3(has_chars(a.u, a.n, e->t2->u,
			    e->t2->ulen));
		break;
	case EX_IS:
		r = test_is(&a, e->preds);
		break;
	case EX_HAS_BITS:
		if (eval_term(cx, e->t2, &b) == 0 && as_number(&a, &x) &&
		    as_number(&b, &lo))
			r = bool3((x & lo) == lo);
		break;
	default:	/* starts-with, contains */
		if (eval_term(cx, e->t2, &b) == 0 && b.k == D_UNKNOWN)
			r = TRI_U;
		else if (as_string(&a) && as_string(&b))
			r = bool3(affix(&a, &b, e->kind));
		break;
	}
	dfree(&a);
	dfree(&b);
	return r;
}

/* ---- quantifiers ---- */

typedef struct items {
	uint16_t	*own;
	const uint16_t	*u;
	size_t		 n;
} items;

static void
witness(ctx *cx, const uint16_t *u, size_t n)
{
	if (!cx->collect)
		return;
	if (cx->match.len > 0) {
		sf_u16buf_addc(&cx->match, ',');
		sf_u16buf_addc(&cx->match, ' ');
	}
	sf_u16buf_add(&cx->match, u, n);
	if (cx->match.oom)
		cx->sc->oom = 1;	/* {match} would be cut short */
}

/*
 * Combines one element's result into the quantifier's running result.
 * Once decided (any: true, all: false) the result stays; iteration may
 * go on only to collect witnesses or a count.
 */
static int
combine(quant_kind q, tri one, tri *acc)
{
	tri decisive = (q == Q_ALL) ? TRI_F : TRI_T;

	if (*acc == decisive)
		return 1;
	if (one == decisive) {
		*acc = decisive;
		return 1;
	}
	if (one == TRI_U)
		*acc = TRI_U;
	return 0;
}

/*
 * Each element whose body is evaluated is a step of the budget (scan.h);
 * elements with no body to evaluate ("count subkeys > 500") cost nothing
 * more than reading the key, so counting a bloated key is never cut off.
 */
static tri
each_element(ctx *cx, const expr *e, size_t *count, int *any_unknown)
{
	quant_kind	 q = e->kind == EX_COUNT ? Q_ANY : e->quant;
	tri		 acc = (q == Q_ALL) ? TRI_T : TRI_F, one;
	ctx		 sub;
	size_t		 i, start, sep;
	datum		 src;
	int		 done = 0, keep_going = e->kind == EX_COUNT ||
			    cx->collect;
	const prefilter	*pf;
	obj_facts	 f;

	*count = 0;
	*any_unknown = 0;
	/*
	 * Values or subkeys with no condition ("count values == 0" on
	 * every LPR port): each holds, so the count is theirs, with no
	 * pass over them, unless their names are collected for {match}.
	 */
	if (e->a == NULL && !cx->collect && !cx->sc->plain &&
	    (e->iter == IT_VALUES || e->iter == IT_SUBKEYS)) {
		if (cx->key != NULL && (e->iter == IT_VALUES ?
		    sf_key_values(cx->hive, cx->key) :
		    sf_key_children(cx->hive, cx->key)) != SF_ERR_NOMEM)
			*count = e->iter == IT_VALUES ? cx->key->nval :
			    cx->key->nchild;
		return q == Q_ALL || *count > 0 ? TRI_T : TRI_F;
	}
	pf = prefilter_body(cx->sc, e);
	sub = *cx;
	sub.why = NULL;
	sub.collect = 0;
	sf_u16buf_init(&sub.match);
	switch (e->iter) {
	case IT_SUBKEYS:
		if (cx->key == NULL || sf_key_children(cx->hive, cx->key) ==
		    SF_ERR_NOMEM)
			break;
		for (i = 0; i < cx->key->nchild && !done; i++) {
			if (e->a != NULL && scan_step(cx->sc))
				break;
			sub.key = cx->key->child[i];
			sub.val = NULL;
			if (pf != NULL)
				obj_facts_init(&f, sub.key->name,
				    sub.key->name_len, NULL);
			/* A body its prefilter fails is false (prefilter.c). */
			one = e->a == NULL ? TRI_T : pf != NULL &&
			    prefilter_fails(pf, &f) ? TRI_F :
			    eval_expr(&sub, e->a);
			*count += one == TRI_T;
			*any_unknown |= one == TRI_U;
			if (one == TRI_T && q == Q_ANY)
				witness(cx, sub.key->name, sub.key->name_len);
			done = combine(q, one, &acc) && !keep_going;
		}
		break;
	case IT_VALUES:
		if (cx->key == NULL || sf_key_values(cx->hive, cx->key) ==
		    SF_ERR_NOMEM)
			break;
		for (i = 0; i < cx->key->nval && !done; i++) {
			if (e->a != NULL && scan_step(cx->sc))
				break;
			sub.val = &cx->key->val[i];
			if (pf != NULL)
				obj_facts_init(&f, sub.val->name,
				    sub.val->name_len, sub.val);
			one = e->a == NULL ? TRI_T : pf != NULL &&
			    prefilter_fails(pf, &f) ? TRI_F :
			    eval_expr(&sub, e->a);
			*count += one == TRI_T;
			*any_unknown |= one == TRI_U;
			if (one == TRI_T && q == Q_ANY)
				witness(cx, sub.val->name, sub.val->name_len);
			done = combine(q, one, &acc) && !keep_going;
		}
		break;
	case IT_ITEMS:
		memset(&src, 0, sizeof(src));
		if (eval_term(cx, e->t, &src) == -1)
			break;
		if (src.k == D_UNKNOWN) {
			acc = TRI_U;
			*any_unknown = 1;
		}
		if (e->split == NULL && src.k == D_VAL && src.v->type == SF_REG_MULTI_SZ) {
			/* MULTI_SZ: the NUL-separated strings. */
			size_t n = src.v->size / 2;

			src.own = sf_calloc(n + 1, sizeof(*src.own));
			if (src.own == NULL)
				break;
			for (i = 0; i < n; i++)
				src.own[i] = sf_le16(src.v->data + 2 * i);
			src.u = src.own;
			src.n = n;
			sep = 0;
		} else if (!as_string(&src) || e->split == NULL) {
			dfree(&src);
			break;
		} else
			sep = 1;
		for (start = 0, i = 0; i <= src.n && !done; i++) {
			int end = i == src.n || (sep ? (i + e->splitlen <=
			    src.n && memcmp(src.u + i, e->split,
			    e->splitlen * sizeof(*e->split)) == 0) :
			    src.u[i] == 0);

			if (!end)
				continue;
			if (i > start) {	/* empty items are skipped */
				if (e->a != NULL && scan_step(cx->sc))
					break;
				sub.item = src.u + start;
				sub.itemlen = i - start;
				sub.has_item = 1;
				one = e->a != NULL ? eval_expr(&sub, e->a) :
				    TRI_T;
				*count += one == TRI_T;
				*any_unknown |= one == TRI_U;
				if (one == TRI_T && q == Q_ANY)
					witness(cx, sub.item, sub.itemlen);
				done = combine(q, one, &acc) && !keep_going;
			} else if (!sep && i < src.n)
				break;	/* MULTI_SZ ends at an empty string */
			start = i + (sep ? e->splitlen : 1);
			if (sep)
				i = start - 1;
		}
		dfree(&src);
		break;
	}
	if (sub.why != NULL && cx->why == NULL)
		cx->why = sub.why;
	else
		free(sub.why);
	sf_u16buf_free(&sub.match);
	return acc;
}

static SF_NOINLINE tri
eval_quant(ctx *cx, const expr *e)
{
	size_t	count;
	int	unknown;

	return each_element(cx, e, &count, &unknown);
}

static SF_NOINLINE tri
eval_count(ctx *cx, const expr *e)
{
	size_t	count;
	int	unknown;
	datum	n, want;
	tri	r;

	each_element(cx, e, &count, &unknown);
	if (unknown)
		return TRI_U;
	memset(&n, 0, sizeof(n));
	n.k = D_NUM;
	n.num = count;
	if (eval_term(cx, e->t2, &want) == -1)
		return TRI_F;
	r = compare(&n, &want, e->op);
	dfree(&want);
	return r;
}

typedef struct exists_walk {
	ctx		*cx;
	const expr	*e;
	tri		 r;
} exists_walk;

/* Each key the path matches, tested with "where" when there is one. */
static int
exists_one(void *arg, sf_hive *h, sf_key *k, int noncurrent)
{
	exists_walk	*w = arg;
	ctx		 sub = *w->cx;
	tri		 t;

	(void)noncurrent;
	if (w->e->a == NULL) {
		w->r = TRI_T;
		return 1;
	}
	sub.hive = h;
	sub.key = k;
	sub.val = NULL;
	sub.why = NULL;
	sub.collect = 0;
	sf_u16buf_init(&sub.match);
	t = eval_expr(&sub, w->e->a);
	if (sub.why != NULL && w->cx->why == NULL && t == TRI_U)
		w->cx->why = sub.why;
	else
		free(sub.why);
	if (t == TRI_T)
		w->r = TRI_T;
	else if (t == TRI_U)
		w->r = TRI_U;
	return w->r == TRI_T;
}

static SF_NOINLINE tri
eval_exists(ctx *cx, const expr *e)
{
	exists_walk	 w = { cx, e, TRI_F };
	const char	*why;

	why = walk_pattern(cx->sc, e->path, cx->hive, cx->key, 0, exists_one,
	    &w);
	if (w.r == TRI_T)
		return TRI_T;
	if (why != NULL) {
		ctx_unknown(cx, "%s", why);
		return TRI_U;
	}
	return w.r;
}

/* has value|subkey NAME [at "path"]; "missing" is its negation */
static SF_NOINLINE tri
eval_has(ctx *cx, const expr *e)
{
	find_one	 f = { cx->hive, cx->key };
	const char	*why;
	datum		 n;
	int		 found;

	if (e->path != NULL) {
		f.hive = NULL;
		f.key = NULL;
		why = walk_pattern(cx->sc, e->path, cx->hive, cx->key, 0,
		    first_match, &f);
		if (f.key == NULL && why != NULL) {
			ctx_unknown(cx, "%s", why);
			return TRI_U;
		}
	}
	memset(&n, 0, sizeof(n));
	if (eval_term(cx, e->t, &n) == -1) {
		cx->sc->oom = 1;
		return TRI_F;
	}
	if (n.k == D_UNKNOWN) {
		dfree(&n);
		return TRI_U;
	}
	if (!as_string(&n)) {
		dfree(&n);
		return TRI_F;
	}
	if (f.key == NULL)
		found = 0;
	else if (e->kind == EX_HAS_VALUE)
		found = sf_key_value(f.hive, f.key, n.u, n.n) != NULL;
	else
		found = sf_key_child(f.hive, f.key, n.u, n.n) != NULL;
	dfree(&n);
	return bool3(found);
}

static tri
eval_fact(ctx *cx, const expr *e)
{
	sf_hive *h = cx->hive;

	if (h == NULL)
		return TRI_F;
	switch (e->fact) {
	case FACT_DIRTY:
		return bool3(h->regf_ok && h->dirty);
	case FACT_CORRUPT:
		return bool3(h->corrupt || (h->root == NULL && h->regf_ok));
	case FACT_UNREADABLE:
		return bool3(h->root == NULL);
	case FACT_NO_CCS:
		return bool3(h->kind == SF_HIVE_SYSTEM && h->ccs == NULL);
	case FACT_UNKNOWN_KIND:
		return bool3(h->root != NULL && h->kind == SF_HIVE_UNKNOWN);
	case FACT_HAS_LOGS:
		/*
		 * Logs that were applied: the hive was read as Windows
		 * would recover it.  Logs that are damaged, stale or
		 * another hive's lose its latest changes like no logs.
		 */
		return bool3(h->replayed);
	}
	return TRI_F;
}

/*
 * Leaf tests on the commonest operands, answered without building data:
 * on a bloated print server nine in ten leaves are "value X is ...",
 * "data is ...", "has value X", or a test of the object's name against
 * literals, a pattern or classes.  Each answers exactly as eval_test
 * and eval_has would; -1: not one of them, ask those.
 */
static int
leaf_fast(ctx *cx, const expr *e)
{
	const sf_value	*v;
	const uint16_t	*u;
	size_t		 n, i;
	datum		 d;
	uint32_t	 have;
	int		 m;

	if (cx->sc->plain)
		return -1;
	switch (e->kind) {
	case EX_IS:
		/*
		 * Formats read a string view: test_is.  Emptiness does not
		 * need one: a string's view is empty exactly when its units
		 * are all NULs, which shape_of_value finds, and a number's
		 * never is.
		 */
		if ((e->t->kind != TM_DATA && !(e->t->kind == TM_VALUE &&
		    e->t->at == NULL)) || (e->preds & (IS_GUID | IS_IPV4 |
		    IS_SID)) != 0)
			return -1;
		if ((v = e->t->kind == TM_DATA ? cx->val : key_value(cx,
		    e->t->u, e->t->ulen)) == NULL)
			return TRI_F;
		have = v->type < 16 ? 1u << v->type : 0;
		have |= shape_of_value(v, e->preds);
		return bool3((have & e->preds) != 0);
	case EX_HAS_VALUE:
	case EX_HAS_SUBKEY:
		if (e->path != NULL || e->t->kind != TM_STR)
			return -1;
		if (cx->key == NULL)
			return TRI_F;
		if (e->kind == EX_HAS_SUBKEY)
			return bool3(sf_key_child(cx->hive, cx->key, e->t->u,
			    e->t->ulen) != NULL);
		return bool3(key_value(cx, e->t->u, e->t->ulen) != NULL);
	case EX_CMP:
	case EX_IN_LIST:
	case EX_HAS_CLASS:
	case EX_MATCH:
		break;
	default:
		return -1;
	}
	if (e->t->kind != TM_NAME)
		return -1;
	if (e->kind == EX_CMP && e->t2->kind != TM_STR)
		return -1;
	for (i = 0; e->kind == EX_IN_LIST && i < e->nlist; i++)
		if (e->list[i]->kind != TM_STR)
			return -1;
	/* No name: no string view, and every one of these is false. */
	if (!name_view(cx, &u, &n))
		return TRI_F;
	switch (e->kind) {
	case EX_CMP:
		/* Equal names fold unit for unit: lengths first. */
		if (e->op == OP_EQ || e->op == OP_NE)
			return bool3(sf_u16_caseeq(u, n, e->t2->u,
			    e->t2->ulen) == (e->op == OP_EQ));
		return bool3(op_holds(e->op, sf_u16_casecmp(u, n, e->t2->u,
		    e->t2->ulen)));
	case EX_IN_LIST:
		for (i = 0; i < e->nlist; i++)
			if (sf_u16_caseeq(u, n, e->list[i]->u,
			    e->list[i]->ulen))
				return TRI_T;
		return TRI_F;
	case EX_HAS_CLASS:
		return bool3(shape_has_classes(u, n, e->classes));
	default:	/* EX_MATCH */
		memset(&d, 0, sizeof(d));
		set_str(&d, u, n);
		if ((m = name_search(cx->sc, e->re, &d)) == -1)
			cx->sc->oom = 1;
		return bool3(m == 1);
	}
}

static tri eval_expr1(ctx *, const expr *);

/*
 * Once the object's step budget is spent (see scan.h) every part of the
 * condition is unknown, so nothing decided on a partial evaluation can
 * become a finding, and the walks and loops still running stop early.
 */
static inline tri
eval_node(ctx *cx, const expr *e)
{
	scan		*sc = cx->sc;
	test_memo	*m;
	tri		 r;

	if (sc->oom)
		return TRI_F;
	if (sc->cut)
		return TRI_U;
	/*
	 * A test rules write alike (shared_tests.c), on the object itself
	 * rather than on a key, value or item a quantifier or path reached
	 * from it: its answer is the same for every rule, so the first
	 * rule's is remembered.  An unknown answer is not: the next rule
	 * must learn why, for its note.
	 */
	if (e->memo == 0 || sc->memo == NULL || cx->key == NULL ||
	    cx->key != sc->vm_key || cx->val != sc->vm_val || cx->has_item) {
		r = eval_expr1(cx, e);
		return sc->cut ? TRI_U : r;
	}
	m = &sc->memo[e->memo];
	if (m->stamp == sc->memo_now)
		return (tri)m->r;
	r = eval_expr1(cx, e);
	if (sc->cut)
		return TRI_U;
	if (r != TRI_U && !sc->oom) {
		m->stamp = sc->memo_now;
		m->r = (uint8_t)r;
	}
	return r;
}

static tri
eval_expr1(ctx *cx, const expr *e)
{
	tri a, b;
	int r;

	switch (e->kind) {
	case EX_NOT:
		return not3(eval_node(cx, e->a));
	case EX_AND:
		a = eval_node(cx, e->a);
		if (a == TRI_F)
			return TRI_F;
		b = eval_node(cx, e->b);
		if (b == TRI_F)
			return TRI_F;
		return (a == TRI_T && b == TRI_T) ? TRI_T : TRI_U;
	case EX_OR:
		a = eval_node(cx, e->a);
		if (a == TRI_T)
			return TRI_T;
		b = eval_node(cx, e->b);
		if (b == TRI_T)
			return TRI_T;
		return (a == TRI_F && b == TRI_F) ? TRI_F : TRI_U;
	case EX_HAS_VALUE:
	case EX_HAS_SUBKEY:
		if ((r = leaf_fast(cx, e)) >= 0)
			return (tri)r;
		return eval_has(cx, e);
	case EX_UNKNOWN:
		ctx_unknown(cx, "%s", e->reason);
		return TRI_U;
	case EX_EXISTS_KEY:
		return eval_exists(cx, e);
	case EX_QUANT:
		return eval_quant(cx, e);
	case EX_COUNT:
		return eval_count(cx, e);
	case EX_FACT:
		return eval_fact(cx, e);
	default:
		if ((r = leaf_fast(cx, e)) >= 0)
			return (tri)r;
		return eval_test(cx, e);
	}
}

/* eval_node for the other files, and for the bodies of quantifiers. */
tri
eval_expr(ctx *cx, const expr *e)
{
	return eval_node(cx, e);
}
