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
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

typedef struct visit {
	scan			*sc;
	const struct sf_rule	*rule;
	const scope		*scope;
} visit;

static void
add_note(scan *sc, ctx *cx, const char *why)
{
	note	*nn;
	size_t	 i;

	for (i = 0; i < sc->nnotes; i++)
		if (sc->notes[i].rule == cx->rule &&
		    strcmp(sc->notes[i].why, why) == 0) {
			sc->notes[i].count++;
			return;
		}
	if ((nn = sf_reallocarray(sc->notes, sc->nnotes + 1,
	    sizeof(*nn))) == NULL) {
		sc->oom = 1;
		return;
	}
	sc->notes = nn;
	memset(&nn[sc->nnotes], 0, sizeof(*nn));
	nn[sc->nnotes].rule = cx->rule;
	nn[sc->nnotes].hive = cx->hive;
	nn[sc->nnotes].key = cx->key;
	nn[sc->nnotes].count = 1;
	if ((nn[sc->nnotes].why = sf_strdup(why)) == NULL) {
		sc->oom = 1;
		return;
	}
	sc->nnotes++;
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

static void
evaluate(scan *sc, ctx *cx)
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
	cx->collect = 1;
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
		msg = expand_message(cx, r->message != NULL ? r->message :
		    r->title);
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

static int
on_key(void *arg, sf_hive *h, sf_key *k, int noncurrent)
{
	visit		*v = arg;
	ctx		 cx;
	size_t		 i;

	if (v->scope->kind == SC_KEY) {
		ctx_init(&cx, v->sc, v->rule, h, k);
		cx.noncurrent = noncurrent;
		evaluate(v->sc, &cx);
		return v->sc->oom;
	}
	if (sf_key_values(h, k) == SF_ERR_NOMEM) {
		v->sc->oom = 1;
		return 1;
	}
	for (i = 0; i < k->nval && !v->sc->oom; i++) {
		if (v->scope->glob != NULL && !glob_match(v->scope->glob,
		    v->scope->globlen, k->val[i].name, k->val[i].name_len))
			continue;
		ctx_init(&cx, v->sc, v->rule, h, k);
		cx.val = &k->val[i];
		cx.noncurrent = noncurrent;
		evaluate(v->sc, &cx);
	}
	return v->sc->oom;
}

static void
run_hive_scope(scan *sc, const struct sf_rule *r, const scope *s)
{
	ctx	 cx;
	size_t	 i;
	sf_hive	*h;

	for (i = 0; i < sc->m->nhive && !sc->oom; i++) {
		h = sc->m->hive[i];
		if (s->kinds != 0 && !(s->kinds & (1u << h->kind)))
			continue;
		ctx_init(&cx, sc, r, h, h->root);
		evaluate(sc, &cx);
	}
}

static void
run_rule(scan *sc, const struct sf_rule *r)
{
	visit		 v;
	ctx		 cx;
	const char	*why, *how;
	size_t		 i;

	for (i = 0; i < r->nscopes && !sc->oom; i++) {
		if (r->scopes[i].kind == SC_HIVE) {
			run_hive_scope(sc, r, &r->scopes[i]);
			continue;
		}
		v.sc = sc;
		v.rule = r;
		v.scope = &r->scopes[i];
		why = walk_pattern(sc, r->scopes[i].path, NULL, NULL,
		    sc->all_control_sets, on_key, &v);
		/* A hive not given is silent; missing facts of a given one
		 * are worth a note. */
		if (why == NULL || strstr(why, "not given") != NULL)
			continue;
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
}

sf_status
sf_scan(sf_machine *m, const sf_rules *rules, const sf_scan_opts *opts,
    sf_report **out, sf_error **errp)
{
	scan	 sc;
	size_t	 i;

	*out = NULL;
	memset(&sc, 0, sizeof(sc));
	sc.m = m;
	sc.rules = rules;
	sc.all_control_sets = opts != NULL && opts->all_control_sets;
	if (report_new(&sc.rep) != SF_OK)
		return sf_err_nomem(errp);
	sc.env = sf_machine_environment(m, NULL);
	if (sc.env != NULL && (sc.envu = sf_u16_from_utf8(sc.env,
	    &sc.envlen)) == NULL)
		sc.oom = 1;
	if ((sc.sets = sf_calloc(rules->nset, sizeof(*sc.sets))) == NULL)
		sc.oom = 1;
	for (i = 0; i < rules->nrule && !sc.oom; i++)
		if (rules->rule[i]->enabled) {
			sc.rule_steps = 0;
			sc.rule_objects = 0;
			run_rule(&sc, rules->rule[i]);
		}
	for (i = 0; i < sc.nnotes && !sc.oom; i++)
		if (report_add_note(&sc, &sc.notes[i]) != SF_OK)
			sc.oom = 1;
	if (!sc.oom && report_gaps(sc.rep, m, rules) == -1)
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
