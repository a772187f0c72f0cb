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
 * The report of a scan: findings with copies of their key paths (both
 * the logical path, with CurrentControlSet, and the path inside the hive
 * file), the value concerned and the proposed fix.  Names are copied as
 * raw UTF-16 so that nothing is lost before output chooses an escaping.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/report.h"

sf_status
report_new(sf_report **rp)
{
	return (*rp = calloc(1, sizeof(**rp))) != NULL ? SF_OK : SF_ERR_NOMEM;
}

void
sf_report_free(sf_report *r)
{
	size_t i;

	if (r == NULL)
		return;
	free(r->f);
	sf_arena_free(&r->mem);
	free(r->seg);
	sf_arena_free(&r->segs);
	free(r->skipped);
	sf_report_free(r->second);
	for (i = 0; i < r->nviews; i++)
		sf_hive_view_free(r->views[i]);
	free(r->views);
	free(r);
}

/* The report's one copy of a segment; NULL when out of memory. */
static uint16_t *
intern(sf_report *r, const uint16_t *u, size_t len)
{
	uint32_t  h = 2166136261u;
	seg_slot *ns;
	uint16_t *copy;
	size_t	  i, j, ncap;

	if (len > UINT32_MAX)
		return NULL;
	for (i = 0; i < len; i++)
		h = (h ^ u[i]) * 16777619u;
	if (r->nseg + 1 > r->segcap / 4 * 3) {
		ncap = r->segcap ? r->segcap * 2 : 256;
		if ((ns = sf_calloc(ncap, sizeof(*ns))) == NULL)
			return NULL;
		for (i = 0; i < r->segcap; i++) {
			if (r->seg[i].u == NULL)
				continue;
			for (j = r->seg[i].h & (ncap - 1); ns[j].u != NULL;
			    j = (j + 1) & (ncap - 1))
				;
			ns[j] = r->seg[i];
		}
		free(r->seg);
		r->seg = ns;
		r->segcap = ncap;
	}
	for (j = h & (r->segcap - 1); r->seg[j].u != NULL;
	    j = (j + 1) & (r->segcap - 1))
		if (r->seg[j].h == h && r->seg[j].len == len &&
		    memcmp(r->seg[j].u, u, len * sizeof(*u)) == 0)
			return r->seg[j].u;
	if ((copy = sf_arena_calloc(&r->segs, len + 1, sizeof(*copy))) == NULL)
		return NULL;
	if (len > 0)
		memcpy(copy, u, len * sizeof(*copy));
	r->seg[j].u = copy;
	r->seg[j].len = (uint32_t)len;
	r->seg[j].h = h;
	r->nseg++;
	return copy;
}

static int
put_name(sf_report *r, owned_name *v, const uint16_t *u, size_t len)
{
	if ((v->u = intern(r, u, len)) == NULL)
		return -1;
	v->len = len;
	return 0;
}

static int
put_ascii(sf_report *r, owned_name *v, const char *s, size_t len)
{
	uint16_t  w[128], *u;
	size_t	  ulen;
	char	 *c;
	int	  rc;

	if (sf_ascii_widen(s, len, w, sizeof(w) / sizeof(w[0])))
		return put_name(r, v, w, len);
	if ((c = sf_strndup(s, len)) == NULL)
		return -1;
	u = sf_u16_from_utf8(c, &ulen);
	free(c);
	if (u == NULL)
		return -1;
	rc = put_name(r, v, u, ulen);
	free(u);
	return rc;
}

/* A copy of n bytes in the report's memory, with a NUL after them. */
static void *
keep_bytes(sf_report *r, const void *p, size_t n)
{
	char *c;

	if (n == SIZE_MAX || (c = sf_arena_calloc(&r->mem, n + 1, 1)) == NULL)
		return NULL;
	if (n > 0)
		memcpy(c, p, n);
	return c;
}

/* A copy of a UTF-16 name in the report's memory. */
static int
keep_name(sf_report *r, owned_name *v, const uint16_t *u, size_t len)
{
	if (len == SIZE_MAX || (v->u = sf_arena_calloc(&r->mem, len + 1,
	    sizeof(*u))) == NULL)
		return -1;
	if (len > 0)
		memcpy(v->u, u, len * sizeof(*u));
	v->len = len;
	return 0;
}

/* The mount point split at '\', then the key's names below the root. */
static int
build_paths(sf_report *r, struct sf_finding *f, const sf_hive *h, sf_key *k)
{
	const char	*m = h != NULL ? h->mount : NULL, *s;
	sf_key		*chain[SF_MAX_DEPTH + 1];
	size_t		 depth = 0, i, nmount = 0;

	for (s = m; s != NULL && *s != '\0'; nmount++)
		if ((s = strchr(s, '\\')) != NULL)
			s++;
	for (; k != NULL && k->parent != NULL && depth <= SF_MAX_DEPTH;
	    k = k->parent)
		chain[depth++] = k;
	if ((f->path = sf_arena_calloc(&r->mem, nmount + depth + 1,
	    sizeof(*f->path))) == NULL || (f->hpath.seg =
	    sf_arena_calloc(&r->mem, depth + 1, sizeof(*f->hpath.seg))) ==
	    NULL)
		return -1;
	while (m != NULL && *m != '\0') {
		s = strchr(m, '\\');
		if (put_ascii(r, &f->path[f->npath], m, s != NULL ?
		    (size_t)(s - m) : strlen(m)) == -1)
			return -1;
		f->npath++;
		m = s != NULL ? s + 1 : NULL;
	}
	for (i = depth; i > 0; i--) {
		k = chain[i - 1];
		if (put_name(r, &f->hpath.seg[f->hpath.n], k->name,
		    k->name_len) == -1)
			return -1;
		f->hpath.n++;
		if (i == depth && h != NULL && k == h->ccs) {
			if (put_ascii(r, &f->path[f->npath],
			    "CurrentControlSet", 17) == -1)
				return -1;
		} else if (put_name(r, &f->path[f->npath], k->name,
		    k->name_len) == -1)
			return -1;
		f->npath++;
	}
	return 0;
}

static sf_status
append(scan *sc, struct sf_finding *f)
{
	sf_report		 *r = sc->rep;
	struct sf_finding	**nf;

	/* Doubling at each power of two: a bloated hive has 100,000s. */
	if ((r->n & (r->n - 1)) == 0) {
		if ((nf = sf_reallocarray(r->f, r->n ? r->n * 2 : 1,
		    sizeof(*nf))) == NULL)
			return SF_ERR_NOMEM;
		r->f = nf;
	}
	r->f[r->n++] = f;
	r->tally[f->severity]++;
	return SF_OK;
}

sf_status
report_add(scan *sc, ctx *cx, sf_severity sev, const char *message,
    const fix *fx, int optional)
{
	sf_report		*r = sc->rep;
	struct sf_finding	*f;

	/* What a failure leaves half made stays in r->mem until the end. */
	if ((f = sf_arena_calloc(&r->mem, 1, sizeof(*f))) == NULL)
		return SF_ERR_NOMEM;
	f->rule = cx->rule;
	f->scope = sc->cur_scope;
	f->at = sc->at;
	f->severity = sev;
	f->hive = cx->hive;
	f->key_offset = cx->key != NULL ? cx->key->offset : 0;
	f->key = cx->key;
	sf_key_keep(cx->key);	/* repair finds it by this pointer */
	if ((f->message = keep_bytes(r, message, strlen(message))) == NULL ||
	    build_paths(r, f, cx->hive, cx->key) == -1)
		return SF_ERR_NOMEM;
	if (cx->val != NULL) {
		f->has_value = 1;
		if (keep_name(r, &f->value, cx->val->name,
		    cx->val->name_len) == -1)
			return SF_ERR_NOMEM;
	}
	if (fx != NULL) {
		f->fix = fx->kind;
		f->optional = optional;
		if (fx->value != NULL && !f->has_value) {
			f->has_value = 1;
			if (keep_name(r, &f->value, fx->value,
			    fx->valuelen) == -1)
				return SF_ERR_NOMEM;
		}
		if (fx->kind == SF_FIX_SET_VALUE) {
			f->fix_type = fx->type;
			f->fix_len = fx->datalen;
			if ((f->fix_data = keep_bytes(r, fx->data,
			    fx->datalen)) == NULL)
				return SF_ERR_NOMEM;
		}
	}
	return append(sc, f);
}

sf_status
report_add_note(scan *sc, const note *n)
{
	sf_report		*r = sc->rep;
	struct sf_finding	*f;
	sf_buf			 b;

	if ((f = sf_arena_calloc(&r->mem, 1, sizeof(*f))) == NULL)
		return SF_ERR_NOMEM;
	f->rule = n->rule;
	f->severity = SF_SEV_INFO;
	f->hive = n->hive;
	f->key_offset = n->key != NULL ? n->key->offset : 0;
	f->key = n->key;
	sf_buf_init(&b);
	sf_buf_printf(&b, "check skipped for %zu %s: %s", n->count,
	    n->count == 1 ? "object" : "objects", n->why);
	f->message = b.oom ? NULL : keep_bytes(r, b.p, b.len);
	sf_buf_free(&b);
	if (f->message == NULL || build_paths(r, f, n->hive, n->key) == -1)
		return SF_ERR_NOMEM;
	/* Its key may be in a view (split.c); its hive is the machine's. */
	if (f->hive != NULL && f->hive->view_of != NULL)
		f->hive = f->hive->view_of;
	return append(sc, f);
}

sf_status
report_join(sf_report *into, sf_report *from, sf_hive **views,
    size_t nviews)
{
	struct sf_finding	**nf;
	size_t			  n = into->n + from->n, cap = 1, i;

	/* Room as append() expects it: the next power of two. */
	while (cap < n)
		cap *= 2;
	if ((nf = sf_reallocarray(into->f, cap, sizeof(*nf))) == NULL)
		return SF_ERR_NOMEM;
	into->f = nf;
	for (i = 0; i < from->n; i++) {
		if (from->f[i]->hive != NULL &&
		    from->f[i]->hive->view_of != NULL)
			from->f[i]->hive = from->f[i]->hive->view_of;
		into->f[into->n++] = from->f[i];
	}
	for (i = 0; i < 3; i++)
		into->tally[i] += from->tally[i];
	from->n = 0;
	into->second = from;
	into->views = views;
	into->nviews = nviews;
	return SF_OK;
}

/* ---- public accessors ---- */

size_t
sf_report_count(const sf_report *r)
{
	return r->n;
}

const sf_finding *
sf_report_get(const sf_report *r, size_t i)
{
	return i < r->n ? r->f[i] : NULL;
}

size_t
sf_report_tally(const sf_report *r, sf_severity s)
{
	return (unsigned)s < 3 ? r->tally[s] : 0;
}

const sf_rule *
sf_finding_rule(const sf_finding *f)
{
	return f->rule;
}

sf_severity
sf_finding_severity(const sf_finding *f)
{
	return f->severity;
}

const char *
sf_finding_message(const sf_finding *f)
{
	return f->message;
}

const sf_hive *
sf_finding_hive(const sf_finding *f)
{
	return f->hive;
}

size_t
sf_finding_path_len(const sf_finding *f)
{
	return f->npath;
}

sf_name
sf_finding_path_name(const sf_finding *f, size_t i)
{
	sf_name n = { NULL, 0 };

	if (i < f->npath) {
		n.u = f->path[i].u;
		n.len = f->path[i].len;
	}
	return n;
}

size_t
sf_finding_hive_path_len(const sf_finding *f)
{
	return f->hpath.n;
}

sf_name
sf_finding_hive_path_name(const sf_finding *f, size_t i)
{
	sf_name n = { NULL, 0 };

	if (i < f->hpath.n) {
		n.u = f->hpath.seg[i].u;
		n.len = f->hpath.seg[i].len;
	}
	return n;
}

int
sf_finding_has_value(const sf_finding *f)
{
	return f->has_value;
}

sf_name
sf_finding_value(const sf_finding *f)
{
	sf_name n = { f->value.u, f->value.len };

	return n;
}

sf_fix_kind
sf_finding_fix(const sf_finding *f)
{
	return f->fix;
}

int
sf_finding_fix_optional(const sf_finding *f)
{
	return f->optional;
}

uint32_t
sf_finding_fix_type(const sf_finding *f)
{
	return f->fix_type;
}

const uint8_t *
sf_finding_fix_data(const sf_finding *f, size_t *len)
{
	*len = f->fix_len;
	return f->fix_data;
}

uint64_t
sf_finding_key_offset(const sf_finding *f)
{
	return f->key_offset;
}

/* Appends a finding's path, its names escaped, joined with '\\'. */
static void
path_string(sf_buf *b, const sf_finding *f, int which, sf_escape_style st)
{
	const owned_name *v = which ? f->hpath.seg : f->path;
	size_t		  n = which ? f->hpath.n : f->npath, i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sf_buf_add(b, "\\\\", st == SF_ESC_JSON ? 2 : 1);
		sf_escape_u16(b, v[i].u, v[i].len, st, 1);
	}
}

char *
sf_finding_path_string(const sf_finding *f, int which, sf_escape_style st)
{
	sf_buf b;

	sf_buf_init(&b);
	path_string(&b, f, which, st);
	if (b.p == NULL)
		sf_buf_adds(&b, "");
	return sf_buf_take(&b);
}

const char *
sf_finding_path_to(sf_text *t, const sf_finding *f, int which,
    sf_escape_style st)
{
	path_string(sf_text_start(t), f, which, st);
	return sf_text_result(t);
}
