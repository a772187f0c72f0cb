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
 * The shared walk of a big machine in two threads.  On a bloated print
 * server nearly all of a scan's time is the walk of a few huge lists
 * (100,000s of LPR ports, 1,000s of printers) and the rules evaluated
 * on each of their keys, one key at a time and independently.  So the
 * calling thread and a second one walk the same scopes; each big list
 * met on the way is split between them, a few children at a time, and
 * each evaluates the rules below its own children (scope_walk.c).
 *
 * A hive's tree is loaded and unloaded as it is walked, so the second
 * thread reads views of the hives (hive_view.c): the same image, a tree
 * of its own.  It has its own evaluation state and report, and borrows
 * what the scan built before the walk and only reads: the named sets,
 * the prefilters, the compiled rules (whose one lazy part, a pattern's
 * DFA, is built with atomics).  Its findings and notes then join the
 * scan's, in the order one walk would give (scan.h, at).
 *
 * The result is used only when it is certainly one walk's: both hives'
 * reads found nothing wrong (a sound tree, checked whole when it was
 * opened), no set had to be built during the walk, and no rule came
 * near its budget for the scan (the budget counts across all objects,
 * which the two threads share out).  Otherwise the scan is made again
 * in one thread (sf_scan).  Only sound file hives are viewed, and only
 * a machine with big ones is split: a thread costs more than a small
 * machine's whole walk.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "scan/report.h"
#include "scan/scan.h"

/* A machine whose hive files add up to this much is split. */
#define SPLIT_MIN_BYTES	((uint64_t)16 * 1024 * 1024)
/* Lists of this many subkeys or more are split. */
#define SPLIT_MIN_KEYS	256
/* The second thread and all it owns. */
typedef struct second {
	scan		 sc;
	sf_machine	 m;		/* the machine, its hives viewed */
	member		*mb;
	visit		*v;
	scope_job	*job;
	size_t		 n;
} second;

/*
 * A note of the second thread, counted as if the first had met its
 * objects: it names the object met first in rule order, then in the
 * walk.  Its key is in a view, which it keeps as its hive until the
 * report builds its path (report_add_note names the viewed hive).
 */
static void
join_note(scan *sc, const note *n)
{
	note *o;

	if ((o = scan_note_find(sc, n->rule, n->why)) == NULL) {
		(void)scan_note_add(sc, n, n->why);
		return;
	}
	o->count += n->count;
	if (n->scope < o->scope || (n->scope == o->scope && n->at < o->at)) {
		o->scope = n->scope;
		o->at = n->at;
		o->seq = n->seq;
		o->hive = n->hive;
		o->key = n->key;
	}
}

void
split_allowed(scan *sc, int threads)
{
	const char	*t;
	uint64_t	 bytes = 0;
	size_t		 i;
	long		 n;

	sc->split_min = 0;
	if (threads < 2 || !sc->sets_ready || sc->m->nhive == 0)
		return;
	for (i = 0; i < sc->m->nhive; i++) {
		if (!sf_hive_viewable(sc->m->hive[i]))
			return;
		bytes += sc->m->hive[i]->file.size;
	}
	/*
	 * SPOOLFIX_TEST_SPLIT=N: any machine, even with one processor, and
	 * lists of N subkeys or more; 0: none.  For tests only, spoolfix(1).
	 */
	if ((t = getenv("SPOOLFIX_TEST_SPLIT")) != NULL) {
		n = strtol(t, NULL, 10);
		sc->split_min = n > 0 && (unsigned long)n <= UINT32_MAX ?
		    (uint32_t)n : 0;
	} else if (bytes >= SPLIT_MIN_BYTES && sf_cpu_count() > 1)
		sc->split_min = SPLIT_MIN_KEYS;
}

static void
second_walk(void *arg)
{
	second *b = arg;

	scope_walk(&b->sc, b->job, b->n, b->sc.all_control_sets);
}

/* The views and state of the second thread; -1 when it cannot be. */
static int
second_new(second *b, scan *sc, const scope_job *job, const visit *v,
    size_t n, const member *m, size_t nm)
{
	size_t	i;
	int	oom;

	memset(b, 0, sizeof(*b));
	b->m = *sc->m;
	b->m.nhive = 0;
	if ((b->m.hive = sf_calloc(sc->m->nhive, sizeof(*b->m.hive))) == NULL)
		return -1;
	for (i = 0; i < sc->m->nhive; i++, b->m.nhive++)
		if ((b->m.hive[i] = sf_hive_view(sc->m->hive[i], &oom)) ==
		    NULL)
			return -1;
	if (report_new(&b->sc.rep) != SF_OK ||
	    (b->mb = sf_reallocarray(NULL, nm + 1, sizeof(*m))) == NULL ||
	    (b->v = sf_reallocarray(NULL, n, sizeof(*v))) == NULL ||
	    (b->job = sf_reallocarray(NULL, n, sizeof(*job))) == NULL)
		return -1;
	if (sc->memo != NULL && (b->sc.memo = sf_calloc((size_t)
	    sc->rules->nmemo + 1, sizeof(*b->sc.memo))) == NULL)
		return -1;
	b->sc.m = &b->m;
	b->sc.rules = sc->rules;
	b->sc.all_control_sets = sc->all_control_sets;
	b->sc.env = sc->env;
	b->sc.envu = sc->envu;
	b->sc.envlen = sc->envlen;
	b->sc.sets = sc->sets;
	b->sc.sets_borrowed = 1;
	b->sc.sets_ready = 1;
	b->sc.separate = sc->separate;
	b->sc.no_prefilter = sc->no_prefilter;
	b->sc.plain = sc->plain;
	b->sc.memo_now = 1;
	b->sc.bodies = sc->bodies;
	b->sc.nbodies = sc->nbodies;
	b->sc.split_min = sc->split_min;
	b->sc.at = sc->at;
	b->sc.claims = sc->claims;
	b->sc.nsplit = sc->nsplit;
	b->sc.part = 2;
	memcpy(b->mb, m, nm * sizeof(*m));
	for (i = 0; i < n; i++) {
		b->v[i] = v[i];
		b->v[i].sc = &b->sc;
		b->v[i].m = b->mb + (v[i].m - m);
		b->job[i] = job[i];
		b->job[i].arg = &b->v[i];
		b->job[i].why = NULL;
	}
	b->n = n;
	return 0;
}

/* Frees what the second thread has not handed over (b->m.hive). */
static void
second_free(second *b)
{
	size_t i;

	for (i = 0; i < b->m.nhive; i++)
		sf_hive_view_free(b->m.hive[i]);
	free(b->m.hive);
	sf_report_free(b->sc.rep);
	/* Its own; the sets, prefilters and environment are borrowed. */
	for (i = 0; i < b->sc.nnotes; i++)
		free(b->sc.notes[i].why);
	free(b->sc.notes);
	free(b->sc.memo);
	free(b->mb);
	free(b->v);
	free(b->job);
}

/* Whether the two threads' result is one walk's (see the top). */
static int
one_walk(scan *sc, second *b, member *m, const member *start, size_t nm)
{
	const sf_hive	*h;
	uint64_t	 steps;
	size_t		 i;

	if (b->sc.oom || b->sc.split_failed || b->m.oom || sc->split_failed)
		return 0;
	for (i = 0; i < b->m.nhive; i++) {
		h = b->m.hive[i];
		if (sf_hive_incomplete(h) || h->problems.n > 0 ||
		    h->problems.dropped > 0)
			return 0;
	}
	for (i = 0; i < nm; i++) {
		steps = m[i].steps + b->mb[i].steps - start[i].steps;
		if (steps > SF_RULE_RESERVE)
			return 0;
	}
	for (i = 0; i < nm; i++) {
		m[i].steps += b->mb[i].steps - start[i].steps;
		m[i].objects += b->mb[i].objects - start[i].objects;
	}
	return 1;
}

int
split_walk(scan *sc, scope_job *job, visit *v, size_t n, member *m,
    size_t nm)
{
	second		 b;
	member		*start;
	sf_thread	*t;
	size_t		 i;

	if ((start = sf_reallocarray(NULL, nm + 1, sizeof(*m))) == NULL)
		return 0;
	memcpy(start, m, nm * sizeof(*m));
	if ((sc->claims = malloc(sizeof(*sc->claims))) == NULL) {
		free(start);
		return 0;
	}
	for (i = 0; i < SPLIT_SLOTS; i++)
		atomic_init(&sc->claims->next[i], 0);
	/* Small chunks, so that the tests' small lists are shared out. */
	sc->claims->chunk = getenv("SPOOLFIX_TEST_SPLIT") != NULL ? 2 :
	    SPLIT_CHUNK;
	if (second_new(&b, sc, job, v, n, m, nm) == -1 ||
	    sf_thread_start(&t, second_walk, &b) != 0) {
		second_free(&b);
		free(sc->claims);
		sc->claims = NULL;
		free(start);
		return 0;	/* walked in one thread */
	}
	sc->part = 1;
	scope_walk(sc, job, n, sc->all_control_sets);
	sf_thread_join(t);
	sc->part = 0;
	free(sc->claims);
	sc->claims = NULL;
	if (sc->oom || !one_walk(sc, &b, m, start, nm))
		sc->split_failed = 1;
	else {
		for (i = 0; i < b.sc.nnotes && !sc->oom; i++)
			join_note(sc, &b.sc.notes[i]);
		if (!sc->oom && report_join(sc->rep, b.sc.rep, b.m.hive,
		    b.m.nhive) != SF_OK)
			sc->oom = 1;
		else if (!sc->oom) {
			/* The report holds them now. */
			b.sc.rep = NULL;
			b.m.hive = NULL;
			b.m.nhive = 0;
		}
	}
	second_free(&b);
	free(start);
	return 1;
}
