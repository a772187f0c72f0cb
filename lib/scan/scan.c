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
 * Running a rule set over a machine view.  Rules run in the order they
 * were compiled; each visits the keys (or values, or hives) its scopes
 * match and reports every object whose condition holds, with the first
 * fix whose "if" holds.  A condition that is unknown for lack of input
 * becomes one info note per rule and reason, counted, so a missing hive
 * never turns into an error.  Findings in a non-current control set are
 * reported as info without a fix: the last-known-good set is not to be
 * modified (KB Q102116).
 *
 * Rules whose scopes are the same (the generic checks of every value
 * under Print, the checks of every LPR port) are run as one group, and
 * each rule of the group looks at each object in turn, with its own
 * budget.  The scopes of all groups that can share a walk do
 * (scope_walk.c): the keys are read once for all of them.  A rule sees
 * the objects of each of its scopes in the same order as alone, and the
 * findings and notes are put back in rule and scope order afterwards,
 * so the report is the same as when each rule walks by itself.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/report.h"
#include "scan/scan.h"

static void
add_note(scan *sc, ctx *cx, const char *why)
{
	note	*o, n;

	sc->note_seq++;
	if ((o = scan_note_find(sc, cx->rule, why)) != NULL) {
		o->count++;
		/*
		 * It names the object it met first in rule order: an
		 * earlier scope's, walked later here.
		 */
		if (sc->cur_scope < o->scope) {
			o->scope = sc->cur_scope;
			o->at = sc->at;
			o->seq = sc->note_seq;
			o->hive = cx->hive;
			o->key = cx->key;
			sf_key_keep(cx->key);
		}
		return;
	}
	memset(&n, 0, sizeof(n));
	n.rule = cx->rule;
	n.hive = cx->hive;
	n.key = cx->key;
	n.count = 1;
	n.scope = sc->cur_scope;
	n.at = sc->at;
	n.seq = sc->note_seq;
	if (scan_note_add(sc, &n, why) != NULL)
		sf_key_keep(cx->key);	/* its path is taken at the end */
}

/* The first fix whose condition holds; NULL when none applies. */
static const fix *
choose_fix(ctx *cx)
{
	const struct sf_rule	*r = cx->rule;
	ctx			 sub;
	size_t			 i;
	tri			 t;

	for (i = 0; i < r->nfixes; i++) {
		if (r->fixes[i].cond == NULL)
			return &r->fixes[i];
		sub = *cx;
		sub.why = NULL;
		sub.collect = 0;
		sf_u16buf_init(&sub.match);
		t = eval_expr(&sub, r->fixes[i].cond);
		free(sub.why);
		/* No fix is chosen past a cut-off: the conditions that
		 * would have come first are not known. */
		if (cx->sc->cut)
			return NULL;
		if (t == TRI_T)
			return &r->fixes[i];
	}
	return NULL;
}

/*
 * A rule cut off by the evaluation budget (scan.h) gets one note per
 * reason, naming it, so the site sees which of its rules is too costly
 * and the scan goes on with the next object.
 */
static void
cut_off(scan *sc, ctx *cx, int for_scan)
{
	sf_buf	 b;
	char	*s;

	sf_buf_init(&b);
	if (for_scan)
		sf_buf_printf(&b, "rule %s was not evaluated: it has used up "
		    "its step budget for this scan (%u per object and %u more; "
		    "see spoolfix.rules(5), Limits)", cx->rule->id,
		    SF_RULE_STEPS_PER_OBJECT, SF_RULE_RESERVE);
	else
		sf_buf_printf(&b, "evaluation of rule %s was cut off after %u "
		    "steps (quantifier iterations and keys visited); nested "
		    "quantifiers or \"**\" patterns make it too costly, see "
		    "spoolfix.rules(5), Limits", cx->rule->id, SF_EVAL_STEPS);
	if ((s = sf_buf_take(&b)) == NULL)
		sc->oom = 1;
	else
		add_note(sc, cx, s);
	free(s);
}

/*
 * Evaluates a rule on an object.  What made "any" true is collected only
 * for a message that shows it ({match}): otherwise "any" stops at the
 * first element that holds.
 */
static void
evaluate(scan *sc, ctx *cx, int collect)
{
	const struct sf_rule	*r = cx->rule;
	const fix		*fx = NULL;
	char			*msg;
	sf_buf			 b;
	tri			 t;

	if (sc->rule_steps > SF_RULE_RESERVE + (uint64_t)
	    SF_RULE_STEPS_PER_OBJECT * sc->rule_objects) {
		cut_off(sc, cx, 1);
		sf_u16buf_free(&cx->match);
		return;
	}
	sc->rule_objects++;
	sc->steps = 0;
	sc->cut = 0;
	sc->metered = 1;
	cx->collect = collect;
	t = r->when != NULL ? eval_expr(cx, r->when) : TRI_T;
	if (sc->cut)
		cut_off(sc, cx, 0);
	else if (t == TRI_U)
		add_note(sc, cx, cx->why != NULL ? cx->why :
		    "an input it needs is missing");
	if (t == TRI_T) {
		if (!cx->noncurrent)
			fx = choose_fix(cx);
		/* The finding stands, without a fix. */
		if (sc->cut)
			cut_off(sc, cx, 0);
		if ((msg = expand_message(cx, r->message != NULL ?
		    r->message : r->title)) == NULL)
			sc->oom = 1;
		sf_buf_init(&b);
		sf_buf_adds(&b, msg != NULL ? msg : "");
		if (cx->noncurrent)
			sf_buf_adds(&b, " (in a control set other than the "
			    "current one: reported only, never repaired)");
		free(msg);
		if ((msg = sf_buf_take(&b)) == NULL || report_add(sc, cx,
		    cx->noncurrent ? SF_SEV_INFO : r->severity, msg, fx,
		    r->optional && !r->optional_on) != SF_OK)
			sc->oom = 1;
		free(msg);
	}
	sc->metered = 0;
	sc->rule_steps += sc->steps;
	free(cx->why);
	cx->why = NULL;
	sf_u16buf_free(&cx->match);
}

static void
ctx_init(ctx *cx, scan *sc, const struct sf_rule *r, sf_hive *h, sf_key *k)
{
	memset(cx, 0, sizeof(*cx));
	cx->sc = sc;
	cx->rule = r;
	cx->hive = h;
	cx->key = k;
	sf_u16buf_init(&cx->match);
}

/* evaluate() with the member's budget in the scan's counters. */
static void
evaluate_member(scan *sc, member *mb, ctx *cx)
{
	sc->rule_steps = mb->steps;
	sc->rule_objects = mb->objects;
	evaluate(sc, cx, mb->collect);
	mb->steps = sc->rule_steps;
	mb->objects = sc->rule_objects;
}

/* Forgets the answers of shared tests: a new object. */
static void
memo_next(scan *sc)
{
	if (++sc->memo_now != 0)
		return;
	/* After 2^32 objects the stamps come round again. */
	if (sc->memo != NULL)
		memset(sc->memo, 0, ((size_t)sc->rules->nmemo + 1) *
		    sizeof(*sc->memo));
	sc->memo_now = 1;
}

/* The key on_key evaluates rules on; NULL once it is done. */
static void
memo_reset(scan *sc, const sf_key *k)
{
	sc->vm_key = k;
	sc->vm_val = NULL;
	sc->vm_n = 0;
	sc->vm_next = 0;
	sc->vm_name = NULL;
	sc->vm_name_len = 0;
	sc->rx_n = 0;
	memo_next(sc);
}

/* The object: the key (val NULL), or one of its values. */
static void
memo_object(scan *sc, const uint16_t *name, size_t len, const sf_value *val)
{
	sc->vm_name = name;
	sc->vm_name_len = len;
	sc->vm_val = val;
	sc->rx_n = 0;
	memo_next(sc);
}

/*
 * Whether a rule's prefilter shows its condition false on an object
 * ('none': the group's showed every prefilter false).  The object then
 * counts as one the rule looked at, as in evaluate(), having spent no
 * steps: a condition with a prefilter spends none.  A rule over its
 * budget is still evaluated, for its note.
 */
static int
skip(member *mb, const prefilter *pf, obj_facts *f, int none)
{
	if (pf->root < 0 || mb->steps > SF_RULE_RESERVE + (uint64_t)
	    SF_RULE_STEPS_PER_OBJECT * mb->objects ||
	    (!none && !prefilter_fails(pf, f)))
		return 0;
	mb->objects++;
	return 1;
}

static int
on_key(void *arg, sf_hive *h, sf_key *k, int noncurrent)
{
	visit		*v = arg;
	ctx		 cx;
	obj_facts	 f;
	size_t		 i, j;
	int		 none;

	v->sc->cur_scope = v->scope_idx;
	memo_reset(v->sc, k);
	if (v->scope->kind == SC_KEY) {
		obj_facts_init(&f, k->name, k->name_len, NULL);
		memo_object(v->sc, k->name, k->name_len, NULL);
		none = v->quick.used && prefilter_quick_fails(&v->quick, &f);
		for (j = 0; j < v->nm && !v->sc->oom; j++) {
			if (skip(&v->m[j], &v->m[j].pf_key, &f, none))
				continue;
			ctx_init(&cx, v->sc, v->m[j].rule, h, k);
			cx.noncurrent = noncurrent;
			evaluate_member(v->sc, &v->m[j], &cx);
		}
		memo_reset(v->sc, NULL);
		return v->sc->oom;
	}
	if (sf_key_values(h, k) == SF_ERR_NOMEM) {
		memo_reset(v->sc, NULL);
		v->sc->oom = 1;
		return 1;
	}
	for (i = 0; i < k->nval && !v->sc->oom; i++) {
		if (v->scope->glob != NULL && !glob_match(v->scope->glob,
		    v->scope->globlen, k->val[i].name, k->val[i].name_len))
			continue;
		obj_facts_init(&f, k->val[i].name, k->val[i].name_len,
		    &k->val[i]);
		memo_object(v->sc, k->val[i].name, k->val[i].name_len,
		    &k->val[i]);
		none = v->quick.used && prefilter_quick_fails(&v->quick, &f);
		for (j = 0; j < v->nm && !v->sc->oom; j++) {
			if (skip(&v->m[j], &v->m[j].pf_value, &f, none))
				continue;
			ctx_init(&cx, v->sc, v->m[j].rule, h, k);
			cx.val = &k->val[i];
			cx.noncurrent = noncurrent;
			evaluate_member(v->sc, &v->m[j], &cx);
		}
	}
	memo_reset(v->sc, NULL);
	return v->sc->oom;
}

static void
run_hive_scope(scan *sc, member *mb, const scope *s, uint32_t idx)
{
	ctx	 cx;
	size_t	 i;
	sf_hive	*h;

	sc->cur_scope = idx;
	for (i = 0; i < sc->m->nhive && !sc->oom; i++) {
		h = sc->m->hive[i];
		if (s->kinds != 0 && !(s->kinds & (1u << h->kind)))
			continue;
		ctx_init(&cx, sc, mb->rule, h, h->root);
		evaluate_member(sc, mb, &cx);
	}
}

/* Why a scope's walk was incomplete, as a note of one rule. */
static void
walk_note(scan *sc, const struct sf_rule *r, const char *why)
{
	ctx		 cx;
	const char	*how;

	/* A hive not given is silent; missing facts of a given one
	 * are worth a note. */
	if (why == NULL || strstr(why, "not given") != NULL)
		return;
	ctx_init(&cx, sc, r, NULL, NULL);
	if (strstr(why, "environment") != NULL) {
		sf_buf b;
		char  *s;

		sf_machine_environment(sc->m, &how);
		sf_buf_init(&b);
		sf_buf_printf(&b, "%s (%s)", why, how);
		if ((s = sf_buf_take(&b)) != NULL)
			add_note(sc, &cx, s);
		free(s);
	} else
		add_note(sc, &cx, why);
}

/* The walks left to make together (scope_walk.c), one per scope. */
typedef struct shared {
	scope_job	*job;
	visit		*v;
	size_t		 n, cap;
} shared;

static int
shared_grow(shared *sh)
{
	size_t		 ncap = sh->cap ? sh->cap * 2 : 32;
	scope_job	*nj;
	visit		*nv;

	if ((nj = sf_reallocarray(sh->job, ncap, sizeof(*nj))) == NULL)
		return -1;
	sh->job = nj;
	if ((nv = sf_reallocarray(sh->v, ncap, sizeof(*nv))) == NULL)
		return -1;
	sh->v = nv;
	sh->cap = ncap;
	return 0;
}

/*
 * Runs the rules of a group: their scopes are the same (same_scopes).
 * A scope whose walk can be shared joins 'sh', walked after all groups.
 */
static void
run_group(scan *sc, member *m, size_t nm, shared *sh)
{
	const struct sf_rule	*r = m[0].rule;
	visit			 v;
	const char		*why;
	size_t			 i, j;

	for (i = 0; i < r->nscopes && !sc->oom; i++) {
		if (r->scopes[i].kind == SC_HIVE)
			continue;	/* run_hive_scopes, after the walks */
		v.sc = sc;
		v.m = m;
		v.nm = nm;
		v.scope = &r->scopes[i];
		v.scope_idx = (uint32_t)i;
		prefilter_quick_init(&v.quick);
		for (j = 0; j < nm; j++)
			prefilter_quick_add(&v.quick, v.scope->kind == SC_KEY ?
			    &m[j].pf_key : &m[j].pf_value);
		if (!sc->separate && walk_combinable(r->scopes[i].path)) {
			if (sh->n == sh->cap && shared_grow(sh) == -1) {
				sc->oom = 1;
				return;
			}
			sh->v[sh->n] = v;
			sh->job[sh->n].p = r->scopes[i].path;
			sh->job[sh->n].fn = on_key;
			sh->job[sh->n].why = NULL;
			sh->n++;
			continue;
		}
		why = walk_scope(sc, r->scopes[i].path,
		    sc->all_control_sets, on_key, &v);
		sc->cur_scope = (uint32_t)i;
		for (j = 0; j < nm && !sc->oom; j++)
			walk_note(sc, m[j].rule, why);
	}
}

/*
 * The hive scopes of a group, run after every walk: what the walks
 * read of a damaged hive is part of what the hive rules report.
 */
static void
run_hive_scopes(scan *sc, member *m, size_t nm)
{
	const struct sf_rule	*r = m[0].rule;
	size_t			 i, j;

	for (i = 0; i < r->nscopes && !sc->oom; i++)
		if (r->scopes[i].kind == SC_HIVE)
			for (j = 0; j < nm; j++)
				run_hive_scope(sc, &m[j],
				    &m[j].rule->scopes[i], (uint32_t)i);
}

/* The shared walk of every group's remaining scopes, then its notes. */
static void
run_shared(scan *sc, shared *sh, member *m, size_t nm)
{
	size_t i, j;

	/* Set now: the array does not move any more. */
	for (i = 0; i < sh->n; i++)
		sh->job[i].arg = &sh->v[i];
	if (sh->n > 0 && !sc->oom && (sc->split_min == 0 ||
	    split_walk(sc, sh->job, sh->v, sh->n, m, nm) == 0))
		scope_walk(sc, sh->job, sh->n, sc->all_control_sets);
	for (i = 0; i < sh->n && !sc->oom; i++) {
		sc->cur_scope = sh->v[i].scope_idx;
		for (j = 0; j < sh->v[i].nm && !sc->oom; j++)
			walk_note(sc, sh->v[i].m[j].rule, sh->job[i].why);
	}
	free(sh->job);
	free(sh->v);
}

static int
same_text(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether two rules look at exactly the same objects in the same order. */
static int
same_scopes(const struct sf_rule *a, const struct sf_rule *b)
{
	const scope	*x, *y;
	size_t		 i;

	if (a->nscopes != b->nscopes)
		return 0;
	for (i = 0; i < a->nscopes; i++) {
		x = &a->scopes[i];
		y = &b->scopes[i];
		if (x->kind != y->kind || x->kinds != y->kinds ||
		    (x->path == NULL) != (y->path == NULL) ||
		    (x->path != NULL && !same_text(x->path->text,
		    y->path->text)) || (x->glob == NULL) != (y->glob == NULL) ||
		    x->globlen != y->globlen || (x->globlen > 0 &&
		    memcmp(x->glob, y->glob, x->globlen * sizeof(*x->glob)) != 0))
			return 0;
	}
	return 1;
}

/* The position of a rule in the rule set, found by its address. */
typedef struct rule_pos {
	const struct sf_rule	*rule;
	size_t			 pos;
} rule_pos;

static int
pos_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const rule_pos *)a)->rule;
	uintptr_t y = (uintptr_t)((const rule_pos *)b)->rule;

	return x < y ? -1 : x > y;
}

static size_t
pos_of(const rule_pos *map, size_t n, const struct sf_rule *r)
{
	rule_pos	 key, *p;

	key.rule = r;
	p = bsearch(&key, map, n, sizeof(*map), pos_cmp);
	return p != NULL ? p->pos : n;	/* none: last, in its order */
}

/*
 * A finding or note with where it goes: rule, scope, then its turn: its
 * place in the walk (scan.h, at), then in its thread's order.
 */
typedef struct place {
	size_t		 pos;
	uint32_t	 scope;
	uint64_t	 at;
	uint64_t	 seq;
	size_t		 i;
} place;

static int
place_cmp(const void *a, const void *b)
{
	const place *x = a, *y = b;

	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->scope != y->scope)
		return x->scope < y->scope ? -1 : 1;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Puts findings and notes back in rule order, and a rule's in the order
 * of its scopes, after grouped and shared walks: within one scope they
 * keep the order of its walk.  -1: no memory.
 */
static int
rule_order(scan *sc)
{
	const sf_rules		 *rs = sc->rules;
	struct sf_finding	**f = NULL;
	note			 *nt = NULL;
	rule_pos		 *map;
	place			 *pl;
	size_t			  i, n = rs->nrule;
	int			  rc = -1;

	map = sf_calloc(n + 1, sizeof(*map));
	pl = sf_calloc((sc->rep->n > sc->nnotes ? sc->rep->n : sc->nnotes) +
	    1, sizeof(*pl));
	if (map == NULL || pl == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		map[i].rule = rs->rule[i];
		map[i].pos = i;
	}
	qsort(map, n, sizeof(*map), pos_cmp);
	if ((f = sf_calloc(sc->rep->n + 1, sizeof(*f))) == NULL ||
	    (nt = sf_calloc(sc->nnotes + 1, sizeof(*nt))) == NULL)
		goto out;
	for (i = 0; i < sc->rep->n; i++) {
		pl[i].pos = pos_of(map, n, sc->rep->f[i]->rule);
		pl[i].scope = sc->rep->f[i]->scope;
		pl[i].at = sc->rep->f[i]->at;
		pl[i].seq = i;
		pl[i].i = i;
	}
	qsort(pl, sc->rep->n, sizeof(*pl), place_cmp);
	for (i = 0; i < sc->rep->n; i++)
		f[i] = sc->rep->f[pl[i].i];
	if (sc->rep->n > 0)
		memcpy(sc->rep->f, f, sc->rep->n * sizeof(*f));
	for (i = 0; i < sc->nnotes; i++) {
		pl[i].pos = pos_of(map, n, sc->notes[i].rule);
		pl[i].scope = sc->notes[i].scope;
		pl[i].at = sc->notes[i].at;
		pl[i].seq = sc->notes[i].seq;
		pl[i].i = i;
	}
	qsort(pl, sc->nnotes, sizeof(*pl), place_cmp);
	for (i = 0; i < sc->nnotes; i++)
		nt[i] = sc->notes[pl[i].i];
	if (sc->nnotes > 0)
		memcpy(sc->notes, nt, sc->nnotes * sizeof(*nt));
	rc = 0;
out:
	free(map);
	free(pl);
	free(f);
	free(nt);
	return rc;
}

static void
add_member(const scan *sc, member *mb, const struct sf_rule *r)
{
	mb->rule = r;
	mb->collect = r->shows_match;
	prefilter_build(&mb->pf_key, sc->no_prefilter ? NULL : r->when,
	    SC_KEY);
	prefilter_build(&mb->pf_value, sc->no_prefilter ? NULL : r->when,
	    SC_VALUE);
}

/*
 * Runs every enabled rule, in groups of the same scopes, then the walk
 * the groups share, then the hive scopes.  Grouping compares each rule
 * with the later ones: quadratic in the number of rules, a few thousand
 * comparisons for the shipped set.  Each group keeps its own slice of
 * 'm' until the shared walk is over.
 */
static void
run_rules(scan *sc)
{
	const sf_rules	*rs = sc->rules;
	member		*m;
	char		*done;
	shared		 sh;
	size_t		*start, i, j, nm, ng = 0, used = 0;

	memset(&sh, 0, sizeof(sh));
	m = sf_calloc(rs->nrule + 1, sizeof(*m));
	done = sf_calloc(rs->nrule + 1, 1);
	start = sf_calloc(rs->nrule + 2, sizeof(*start));
	if (m == NULL || done == NULL || start == NULL) {
		free(m);
		free(done);
		free(start);
		sc->oom = 1;
		return;
	}
	for (i = 0; i < rs->nrule && !sc->oom; i++) {
		if (!rs->rule[i]->enabled || done[i])
			continue;
		nm = 0;
		add_member(sc, &m[used + nm++], rs->rule[i]);
		for (j = i + 1; j < rs->nrule; j++)
			if (rs->rule[j]->enabled && !done[j] &&
			    same_scopes(rs->rule[i], rs->rule[j])) {
				done[j] = 1;
				add_member(sc, &m[used + nm++], rs->rule[j]);
			}
		run_group(sc, m + used, nm, &sh);
		start[ng++] = used;
		used += nm;
	}
	start[ng] = used;
	run_shared(sc, &sh, m, used);
	for (i = 0; i < ng && !sc->oom; i++)
		run_hive_scopes(sc, m + start[i], start[i + 1] - start[i]);
	free(m);
	free(done);
	free(start);
}

static void
scan_free(scan *sc)
{
	size_t i;

	sets_free(sc);
	for (i = 0; i < sc->nnotes; i++)
		free(sc->notes[i].why);
	free(sc->notes);
	free(sc->envu);
	free(sc->bodies);
	free(sc->memo);
}

static sf_status scan_once(sf_machine *, const sf_rules *,
    const sf_scan_opts *, int, int *, sf_report **, sf_error **);

sf_status
sf_scan(sf_machine *m, const sf_rules *rules, const sf_scan_opts *opts,
    sf_report **out, sf_error **errp)
{
	int		threads = opts != NULL ? opts->threads : 0, again = 0;
	sf_status	rc;

	/*
	 * A walk split between two threads whose result cannot be used as
	 * one walk's (split.c) is made again in one: the findings are the
	 * same either way.
	 */
	rc = scan_once(m, rules, opts, threads, &again, out, errp);
	if (again)
		rc = scan_once(m, rules, opts, 1, &again, out, errp);
	return rc;
}

static sf_status
scan_once(sf_machine *m, const sf_rules *rules, const sf_scan_opts *opts,
    int threads, int *again, sf_report **out, sf_error **errp)
{
	scan	 sc;
	size_t	 i;

	*out = NULL;
	memset(&sc, 0, sizeof(sc));
	sc.m = m;
	sc.rules = rules;
	sc.all_control_sets = opts != NULL && opts->all_control_sets;
	/* SPOOLFIX_TEST_SEPARATE_WALKS: for tests only, spoolfix(1). */
	sc.separate = getenv("SPOOLFIX_TEST_SEPARATE_WALKS") != NULL;
	/* SPOOLFIX_TEST_NO_PREFILTER: for tests only, spoolfix(1). */
	sc.no_prefilter = getenv("SPOOLFIX_TEST_NO_PREFILTER") != NULL;
	if (report_new(&sc.rep) != SF_OK)
		return sf_err_nomem(errp);
	sc.env = sf_machine_environment(m, NULL);
	if (sc.env != NULL && (sc.envu = sf_u16_from_utf8(sc.env,
	    &sc.envlen)) == NULL)
		sc.oom = 1;
	if ((sc.sets = sf_calloc(rules->nset, sizeof(*sc.sets))) == NULL)
		sc.oom = 1;
	if (!sc.no_prefilter && prefilter_bodies(&sc) == -1)
		sc.oom = 1;
	/* SPOOLFIX_TEST_PLAIN_EVAL: for tests only, spoolfix(1). */
	sc.plain = getenv("SPOOLFIX_TEST_PLAIN_EVAL") != NULL;
	sc.memo_now = 1;
	if (rules->nmemo > 0 && !sc.plain && (sc.memo = sf_calloc((size_t)
	    rules->nmemo + 1, sizeof(*sc.memo))) == NULL)
		sc.oom = 1;
	if (!sc.oom)
		sets_prebuild(&sc);
	if (!sc.oom)
		split_allowed(&sc, threads);
	if (!sc.oom)
		run_rules(&sc);
	if (sc.split_failed && !sc.oom) {
		scan_free(&sc);
		sf_report_free(sc.rep);
		*again = 1;
		return SF_OK;
	}
	if (!sc.oom && rule_order(&sc) == -1)
		sc.oom = 1;
	for (i = 0; i < sc.nnotes && !sc.oom; i++)
		if (report_add_note(&sc, &sc.notes[i]) != SF_OK)
			sc.oom = 1;
	if (!sc.oom && report_gaps(sc.rep, m, rules) == -1)
		sc.oom = 1;
	/* A rule that could not load a key took it for absent. */
	if (m->oom)
		sc.oom = 1;
	for (i = 0; i < m->nhive; i++)
		if (sf_hive_incomplete(m->hive[i]))
			sc.oom = 1;
	if (sc.oom) {
		scan_free(&sc);
		sf_report_free(sc.rep);
		return sf_err_nomem(errp);
	}
	scan_free(&sc);
	*out = sc.rep;
	return SF_OK;
}
