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
 * Matching path patterns against the machine view.  Literal names go
 * straight to the child (hashed when a key has many), wildcards visit
 * the children, so a scan only loads the keys its rules reach.
 * CurrentControlSet is the control set Select\Current names; on request
 * the other control sets are walked too, flagged as non-current.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

typedef struct walk {
	scan		*sc;
	walk_fn		*fn;
	void		*arg;
	const char	*why;
	int		 noncurrent;
	int		 stop;
} walk;

/* Replaces {env} in a segment; NULL when the environment is unknown. */
static uint16_t *
subst_env(scan *sc, const seg *s, size_t *len)
{
	sf_u16buf b;
	size_t	  i;

	if (sc->envu == NULL)
		return NULL;
	sf_u16buf_init(&b);
	for (i = 0; i < s->len; i++) {
		if (i + 5 <= s->len && s->u[i] == '{' && s->u[i + 1] == 'e' &&
		    s->u[i + 2] == 'n' && s->u[i + 3] == 'v' &&
		    s->u[i + 4] == '}') {
			sf_u16buf_add(&b, sc->envu, sc->envlen);
			i += 4;
		} else
			sf_u16buf_addc(&b, s->u[i]);
	}
	if (b.oom) {
		sf_u16buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.u;
}

static int
is_wild(const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] == '*' || u[i] == '?')
			return 1;
	return 0;
}

static void walk_from(walk *, sf_hive *, sf_key *, const seg *, size_t);

static void
visit_children(walk *w, sf_hive *h, sf_key *k, const uint16_t *pat,
    size_t plen, int any, const seg *rest, size_t nrest)
{
	size_t i;

	if (sf_key_children(h, k) == SF_ERR_NOMEM) {
		w->sc->oom = 1;
		return;
	}
	for (i = 0; i < k->nchild && !w->stop; i++)
		if (any || glob_match(pat, plen, k->child[i]->name,
		    k->child[i]->name_len))
			walk_from(w, h, k->child[i], rest, nrest);
}

static void
walk_deep(walk *w, sf_hive *h, sf_key *k, const seg *rest, size_t nrest)
{
	size_t i;

	walk_from(w, h, k, rest, nrest);
	if (sf_key_children(h, k) == SF_ERR_NOMEM) {
		w->sc->oom = 1;
		return;
	}
	for (i = 0; i < k->nchild && !w->stop; i++)
		walk_deep(w, h, k->child[i], rest, nrest);
}

static void
walk_from(walk *w, sf_hive *h, sf_key *k, const seg *s, size_t n)
{
	uint16_t *sub = NULL;
	const uint16_t *u;
	size_t	  len;
	sf_key	 *c;

	if (w->stop || w->sc->oom)
		return;
	if (n == 0) {
		if (w->fn(w->arg, h, k, w->noncurrent) != 0)
			w->stop = 1;
		return;
	}
	u = s->u;
	len = s->len;
	if (s->has_env) {
		if ((sub = subst_env(w->sc, s, &len)) == NULL) {
			w->why = "the machine's print environment is unknown";
			return;
		}
		u = sub;
	}
	switch (s->kind) {
	case SEG_DEEP:
		walk_deep(w, h, k, s + 1, n - 1);
		break;
	case SEG_ANY:
		visit_children(w, h, k, NULL, 0, 1, s + 1, n - 1);
		break;
	case SEG_UP:
		if (k->parent != NULL)
			walk_from(w, h, k->parent, s + 1, n - 1);
		break;
	default:
		if (s->kind == SEG_GLOB || is_wild(u, len))
			visit_children(w, h, k, u, len, 0, s + 1, n - 1);
		else if ((c = sf_key_child(h, k, u, len)) != NULL)
			walk_from(w, h, c, s + 1, n - 1);
		break;
	}
	free(sub);
}

static int
is_ccs(const seg *s)
{
	return s->kind == SEG_LIT && sf_u16_caseeq_ascii(s->u, s->len,
	    "CurrentControlSet");
}

static void
walk_system(walk *w, const pattern *p, int others)
{
	sf_hive	*h = sf_machine_kind(w->sc->m, SF_HIVE_SYSTEM);
	size_t	 i;
	sf_key	*c;

	if (h == NULL) {
		w->why = "the SYSTEM hive was not given";
		return;
	}
	if (p->nseg == 0 || !is_ccs(&p->seg[0])) {
		walk_from(w, h, h->root, p->seg, p->nseg);
		return;
	}
	if (h->ccs == NULL) {
		w->why = "the SYSTEM hive's current control set is unknown";
		return;
	}
	walk_from(w, h, h->ccs, p->seg + 1, p->nseg - 1);
	if (!others)
		return;
	for (i = 0; i < h->root->nchild && !w->stop; i++) {
		c = h->root->child[i];
		if (c == h->ccs || c->name_len != 13 ||
		    !sf_u16_caseeq_ascii(c->name, 10, "ControlSet") ||
		    c->name[10] < '0' || c->name[10] > '9' ||
		    c->name[11] < '0' || c->name[11] > '9' ||
		    c->name[12] < '0' || c->name[12] > '9')
			continue;
		w->noncurrent = 1;
		walk_from(w, h, c, p->seg + 1, p->nseg - 1);
		w->noncurrent = 0;
	}
}

static void
walk_users(walk *w, const pattern *p)
{
	sf_machine *m = w->sc->m;
	size_t	    i, ulen;
	uint16_t   *u;
	sf_hive	   *h;

	for (i = 0; i < m->nhive && !w->stop; i++) {
		h = m->hive[i];
		if (h->mount == NULL || strncmp(h->mount, "HKU\\", 4) != 0)
			continue;
		if ((u = sf_u16_from_utf8(h->mount + 4, &ulen)) == NULL) {
			w->sc->oom = 1;
			return;
		}
		if (p->user.kind == SEG_ANY || glob_match(p->user.u,
		    p->user.len, u, ulen))
			walk_from(w, h, h->root, p->seg, p->nseg);
		free(u);
	}
}

const char *
walk_pattern(scan *sc, const pattern *p, sf_hive *from_hive, sf_key *from,
    int others, walk_fn *fn, void *arg)
{
	walk	 w;
	sf_hive *h;

	memset(&w, 0, sizeof(w));
	w.sc = sc;
	w.fn = fn;
	w.arg = arg;
	switch (p->root) {
	case ROOT_RELATIVE:
		if (from != NULL)
			walk_from(&w, from_hive, from, p->seg, p->nseg);
		break;
	case ROOT_SYSTEM:
		walk_system(&w, p, others);
		break;
	case ROOT_SOFTWARE:
		if ((h = sf_machine_kind(sc->m, SF_HIVE_SOFTWARE)) == NULL)
			w.why = "the SOFTWARE hive was not given";
		else
			walk_from(&w, h, h->root, p->seg, p->nseg);
		break;
	case ROOT_USERS:
		walk_users(&w, p);
		break;
	}
	return w.why;
}
