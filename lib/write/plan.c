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
 * Building a repair plan from a report.  Only fixes the findings carry
 * become changes: optional ones only for rules the user named, never in
 * a non-current control set (such findings carry no fix).  Several rules
 * proposing the same change make one change; a deleted key makes every
 * change at or below it moot.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "write/plan.h"

static void
free_names(owned_name *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].u);
	free(v);
}

static void
change_free(sf_change *c)
{
	sf_keypath_free(&c->path);
	free_names(c->lpath, c->nlpath);
	free(c->value.u);
	free(c->data);
	free(c->rules);
}

/* Whether a list "ID, ID, ..." holds the rule ID (ignoring case, as
 * IDs are matched everywhere). */
int
plan_rules_has(const char *list, const char *id)
{
	const char	*s = list;
	size_t		 n = strlen(id);

	while (s != NULL) {	/* each entry starts after ", " */
		if (strncasecmp(s, id, n) == 0 && (s[n] == ',' ||
		    s[n] == '\0'))
			return 1;
		if ((s = strchr(s, ',')) != NULL)
			s += 2;
	}
	return 0;
}

/* Adds a rule ID to a list "ID, ID, ..." unless it is there already. */
static int
id_list_add(char **list, const char *id)
{
	sf_buf		 b;
	char		*t;

	if (plan_rules_has(*list, id))
		return 0;
	sf_buf_init(&b);
	if (*list != NULL)
		sf_buf_printf(&b, "%s, ", *list);
	sf_buf_adds(&b, id);
	if ((t = sf_buf_take(&b)) == NULL)
		return -1;
	free(*list);
	*list = t;
	return 0;
}

void
sf_plan_free(sf_plan *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		change_free(&p->c[i]);
	free(p->c);
	free(p->optional_rules);
	free(p);
}

static int
copy_names(owned_name **dst, size_t *nd, const owned_name *src, size_t n)
{
	size_t i;

	if ((*dst = sf_calloc(n + 1, sizeof(**dst))) == NULL)
		return -1;
	*nd = n;
	for (i = 0; i < n; i++) {
		if (((*dst)[i].u = sf_u16dup(src[i].u, src[i].len)) == NULL)
			return -1;
		(*dst)[i].len = src[i].len;
	}
	return 0;
}

/* Is the key of b at or below the key of a (same hive)? */
static int
at_or_below(const sf_change *a, const sf_change *b)
{
	return a->hive == b->hive && sf_keypath_within(&a->path, &b->path);
}

static int
same_target(const sf_change *a, const sf_change *b)
{
	return a->hive == b->hive && sf_keypath_cmp(&a->path, &b->path) == 0 &&
	    a->has_value == b->has_value && (!a->has_value ||
	    sf_u16_caseeq(a->value.u, a->value.len, b->value.u,
	    b->value.len));
}

/* Adds the rules of one change ("ID" or "ID, ID") to another's. */
static int
add_rule(sf_change *c, const char *ids)
{
	char	*copy, *id, *next;
	int	 rc = 0;

	if ((copy = sf_strdup(ids)) == NULL)
		return -1;
	for (id = copy; id != NULL && *id != '\0' && rc == 0; id = next) {
		if ((next = strchr(id, ',')) != NULL) {
			*next++ = '\0';
			next += strspn(next, " ");
		}
		rc = id_list_add(&c->rules, id);
	}
	free(copy);
	return rc;
}

static int
from_finding(sf_change *c, const struct sf_finding *f)
{
	memset(c, 0, sizeof(*c));
	c->kind = f->fix;
	c->hive = (sf_hive *)f->hive;
	c->selected = 1;
	c->key = f->key;
	if (sf_keypath_copy(&c->path, &f->hpath, f->hpath.n) == -1 ||
	    copy_names(&c->lpath, &c->nlpath, f->path, f->npath) == -1)
		return -1;
	if (c->kind != SF_FIX_DELETE_KEY && f->has_value) {
		c->has_value = 1;
		if ((c->value.u = sf_u16dup(f->value.u, f->value.len)) == NULL)
			return -1;
		c->value.len = f->value.len;
	}
	if (c->kind == SF_FIX_SET_VALUE) {
		c->type = f->fix_type;
		c->datalen = f->fix_len;
		if ((c->data = malloc(f->fix_len + 1)) == NULL)
			return -1;
		memcpy(c->data, f->fix_data, f->fix_len);
	}
	return add_rule(c, f->rule->id);
}

/*
 * A hive's place among the machine's inputs.  Changes are ordered by
 * it, not by where the hive lies in memory: that depended on what the
 * allocator had handed out before, so a plan's lines could come in
 * another order from one run to the next.
 */
static size_t
hive_rank(const sf_machine *m, const sf_hive *h)
{
	size_t i;

	for (i = 0; i < m->nhive; i++)
		if (m->hive[i] == h)
			return i;
	return m->nhive;
}

/*
 * The plan's order: by hive, then by path, then by value name.  The
 * plan is sorted with it and searched with it (sf_plan_fixed).
 */
static int
cmp_target(const sf_change *c, size_t rank, const sf_keypath *path,
    const uint16_t *v, size_t vlen)
{
	int d;

	if (c->rank != rank)
		return c->rank < rank ? -1 : 1;
	if ((d = sf_keypath_cmp(&c->path, path)) != 0)
		return d;
	return sf_u16_casecmp(c->value.u, c->value.len, v, vlen);
}

static int
cmp_change(const void *a, const void *b)
{
	const sf_change *y = b;

	return cmp_target(a, y->rank, &y->path, y->value.u, y->value.len);
}

/*
 * The merge order: by hive and path (a key before the keys below it),
 * a key's deletion before its value changes, values by name, then in
 * the order of the findings, so that the first rule's change to a value
 * wins.
 */
static int
cmp_merge(const void *a, const void *b)
{
	const sf_change	*x = a, *y = b;
	int		 d;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if ((d = sf_keypath_cmp(&x->path, &y->path)) != 0)
		return d;
	if ((x->kind == SF_FIX_DELETE_KEY) != (y->kind == SF_FIX_DELETE_KEY))
		return x->kind == SF_FIX_DELETE_KEY ? -1 : 1;
	if ((d = sf_u16_casecmp(x->value.u, x->value.len, y->value.u,
	    y->value.len)) != 0)
		return d;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * Drops the changes that others make moot: anything at or below a
 * deleted key (a second deletion of the same key only adds its rule),
 * and a second change of one value (its rule is added when it is the
 * same change).  Sorted first, this is one pass.
 */
static int
merge_all(sf_plan *p)
{
	sf_change	*c, *last, *del = NULL;
	size_t		 i, n = 0;
	int		 rc = 0;

	if (p->n > 1)
		qsort(p->c, p->n, sizeof(*p->c), cmp_merge);
	for (i = 0; i < p->n; i++) {
		c = &p->c[i];
		last = n > 0 ? &p->c[n - 1] : NULL;
		if (del != NULL && at_or_below(del, c)) {
			if (c->kind == SF_FIX_DELETE_KEY && c->path.n ==
			    del->path.n && add_rule(del, c->rules) == -1)
				rc = -1;
			change_free(c);
			continue;
		}
		if (last != NULL && last->kind != SF_FIX_DELETE_KEY &&
		    c->kind != SF_FIX_DELETE_KEY && same_target(last, c)) {
			if (last->kind == c->kind && add_rule(last, c->rules) ==
			    -1)
				rc = -1;
			change_free(c);
			continue;
		}
		p->c[n++] = *c;
		if (c->kind == SF_FIX_DELETE_KEY)
			del = &p->c[n - 1];
	}
	p->n = n;
	return rc;
}

sf_status
sf_plan_build(sf_machine *m, const sf_report *r, sf_plan **out,
    sf_error **errp)
{
	sf_plan		*p;
	sf_change	 c, *nc;
	sf_key		*k;
	size_t		 i, cap = 0;
	sf_find		 how;
	sf_status	 rc;

	*out = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return sf_err_nomem(errp);
	p->m = m;
	for (i = 0; i < r->n; i++) {
		const struct sf_finding *f = r->f[i];

		if (f->fix == SF_FIX_NONE || f->hive == NULL || f->key == NULL)
			continue;
		if (f->optional) {
			p->optional++;
			if (id_list_add(&p->optional_rules, sf_rule_id(f->rule)) == -1) {
				sf_plan_free(p);
				return sf_err_nomem(errp);
			}
			continue;
		}
		if (from_finding(&c, f) == -1) {
			change_free(&c);
			sf_plan_free(p);
			return sf_err_nomem(errp);
		}
		/* The finding's path must lead to its key (or to it and to
		 * another of the same name, which repair refuses). */
		if ((k = sf_key_find(c.hive, &c.path, c.path.n, &how)) !=
		    c.key && how != SF_FIND_AMBIGUOUS) {
			char *ks = sf_finding_path_string(f, 0, SF_ESC_TEXT);

			change_free(&c);
			sf_plan_free(p);
			rc = sf_err(errp, SF_ERR_NOTFOUND, "scan the hive again "
			    "and repair from the new scan", "cannot build the "
			    "repair plan: the key %s of rule %s is not in the "
			    "scanned hive %s", ks != NULL ? ks : "(out of memory)",
			    sf_rule_id(f->rule), f->hive->path);
			free(ks);
			return rc;
		}
		if (c.kind == SF_FIX_DELETE_KEY && c.path.n == 0) {
			change_free(&c);	/* never the root */
			continue;
		}
		c.order = i;
		c.rank = hive_rank(m, c.hive);
		if (p->n == cap) {
			cap = cap > 0 ? 2 * cap : 64;
			if ((nc = sf_reallocarray(p->c, cap, sizeof(*nc))) ==
			    NULL) {
				change_free(&c);
				sf_plan_free(p);
				return sf_err_nomem(errp);
			}
			p->c = nc;
		}
		p->c[p->n++] = c;
	}
	if (merge_all(p) == -1) {
		sf_plan_free(p);
		return sf_err_nomem(errp);
	}
	if (p->n > 1)
		qsort(p->c, p->n, sizeof(*p->c), cmp_change);
	*out = p;
	return SF_OK;
}

size_t
sf_plan_count(const sf_plan *p)
{
	return p->n;
}

sf_fix_kind
sf_plan_kind(const sf_plan *p, size_t i)
{
	return i < p->n ? p->c[i].kind : SF_FIX_NONE;
}

const sf_hive *
sf_plan_hive(const sf_plan *p, size_t i)
{
	return i < p->n ? p->c[i].hive : NULL;
}

char *
sf_plan_key_string(const sf_plan *p, size_t i, sf_escape_style st)
{
	sf_buf	 b;
	size_t	 j;

	sf_buf_init(&b);
	sf_buf_adds(&b, "");
	for (j = 0; i < p->n && j < p->c[i].nlpath; j++) {
		if (j > 0)
			sf_buf_adds(&b, st == SF_ESC_JSON ? "\\\\" : "\\");
		sf_escape_u16(&b, p->c[i].lpath[j].u, p->c[i].lpath[j].len,
		    st, 1);
	}
	return sf_buf_take(&b);
}

int
sf_plan_has_value(const sf_plan *p, size_t i)
{
	return i < p->n && p->c[i].has_value;
}

sf_name
sf_plan_value(const sf_plan *p, size_t i)
{
	sf_name n = { NULL, 0 };

	if (i < p->n) {
		n.u = p->c[i].value.u;
		n.len = p->c[i].value.len;
	}
	return n;
}

int
sf_plan_from_rule(const sf_plan *p, size_t i, const char *id)
{
	return i < p->n && plan_rules_has(p->c[i].rules, id);
}

const char *
sf_plan_rules(const sf_plan *p, size_t i)
{
	return i < p->n && p->c[i].rules != NULL ? p->c[i].rules : "";
}

void
sf_plan_select(sf_plan *p, size_t i, int on)
{
	if (i < p->n)
		p->c[i].selected = on != 0;
}

int
sf_plan_selected(const sf_plan *p, size_t i)
{
	return i < p->n && p->c[i].selected;
}

int
sf_plan_fixes(const sf_plan *p, size_t i, const sf_finding *f)
{
	const sf_change	*c;

	if (i >= p->n || f->hive != p->c[i].hive || f->key == NULL)
		return 0;
	c = &p->c[i];
	/* A deleted key takes every finding at or below it along. */
	if (c->kind == SF_FIX_DELETE_KEY)
		return sf_keypath_within(&c->path, &f->hpath);
	/* A value change fixes the findings that proposed it. */
	return f->fix == c->kind && !f->optional &&
	    sf_keypath_cmp(&f->hpath, &c->path) == 0 && f->has_value &&
	    c->has_value && sf_u16_caseeq(f->value.u,
	    f->value.len, c->value.u, c->value.len);
}

/* The first change of the plan's order not before the target. */
static size_t
first_at(const sf_plan *p, const sf_hive *h, const sf_keypath *path,
    const uint16_t *v, size_t vlen)
{
	size_t lo = 0, hi = p->n, mid, rank = hive_rank(p->m, h);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cmp_target(&p->c[mid], rank, path, v, vlen) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The changes that can fix a finding are a deletion of its key or of
 * one above it, or the change of its own value.  merge_all() leaves at
 * most one change per key path and value name, and none at or below a
 * deleted key, so a deletion is the only change at its path: each of
 * the finding's paths from the root down is one search, and its value
 * one more.  Asked for every finding of a repair of 20,000 ports, the
 * scan of the whole plan per finding took 12 of its 15 seconds.
 */
int
sf_plan_fixed(const sf_plan *p, const sf_finding *f)
{
	sf_keypath	 up;
	size_t		 d, i;

	if (f->key == NULL)
		return 0;
	up = f->hpath;
	for (d = 0; d <= f->hpath.n; d++) {
		up.n = d;
		i = first_at(p, f->hive, &up, NULL, 0);
		if (i < p->n && p->c[i].selected && sf_plan_fixes(p, i, f))
			return 1;
	}
	if (!f->has_value)
		return 0;
	i = first_at(p, f->hive, &f->hpath, f->value.u, f->value.len);
	return i < p->n && p->c[i].selected && sf_plan_fixes(p, i, f);
}

const char *
sf_plan_optional_rules(const sf_plan *p)
{
	return p->optional_rules != NULL ? p->optional_rules : "";
}

size_t
sf_plan_optional_count(const sf_plan *p)
{
	return p->optional;
}

static void
describe_data(sf_buf *b, uint32_t type, const uint8_t *d, size_t n)
{
	size_t i;

	if ((type == SF_REG_SZ || type == SF_REG_EXPAND_SZ) && n >= 2) {
		uint16_t *u = sf_calloc(n / 2 + 1, sizeof(*u));

		/* The description is then out of memory, never short. */
		if (u == NULL) {
			b->oom = 1;
			return;
		}
		for (i = 0; i < n / 2; i++)
			u[i] = sf_le16(d + 2 * i);
		sf_buf_printf(b, "%s \"", type == SF_REG_SZ ? "REG_SZ" :
		    "REG_EXPAND_SZ");
		sf_escape_u16(b, u, n / 2 - (u[n / 2 - 1] == 0), SF_ESC_TEXT,
		    0);
		sf_buf_addc(b, '"');
		free(u);
	} else if (type == SF_REG_DWORD && n == 4)
		sf_buf_printf(b, "REG_DWORD %u", sf_le32(d));
	else if (type == SF_REG_QWORD && n == 8)
		sf_buf_printf(b, "REG_QWORD %ju", (uintmax_t)sf_le64(d));
	else {
		sf_buf_printf(b, "type %u:", type);
		for (i = 0; i < n && i < 16; i++)
			sf_buf_printf(b, " %02x", d[i]);
	}
}

char *
sf_plan_describe(const sf_plan *p, size_t i)
{
	const sf_change	*c;
	char		*key;
	sf_buf		 b;

	if (i >= p->n)
		return NULL;
	c = &p->c[i];
	/* NULL when out of memory: a change is never shown without its key. */
	if ((key = sf_plan_key_string(p, i, SF_ESC_TEXT)) == NULL)
		return NULL;
	sf_buf_init(&b);
	switch (c->kind) {
	case SF_FIX_DELETE_KEY:
		sf_buf_printf(&b, "delete key %s", key);
		break;
	case SF_FIX_DELETE_VALUE:
		sf_buf_adds(&b, "delete value \"");
		sf_escape_u16(&b, c->value.u, c->value.len, SF_ESC_TEXT, 0);
		sf_buf_printf(&b, "\" of %s", key);
		break;
	default:
		sf_buf_adds(&b, "set value \"");
		sf_escape_u16(&b, c->value.u, c->value.len, SF_ESC_TEXT, 0);
		sf_buf_printf(&b, "\" of %s to ", key);
		describe_data(&b, c->type, c->data, c->datalen);
		break;
	}
	sf_buf_printf(&b, " (%s)", c->rules != NULL ? c->rules : "");
	free(key);
	return sf_buf_take(&b);
}
