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
 * What the evaluation context shares with the stages eval.c uses:
 * recording why an answer is unknown, and charging steps to the rule's
 * budget.  Here, not in eval.c, so that the named sets (sets.c) and the
 * path walk (path_walk.c), which eval.c uses, can do both without a
 * cycle.
 */
#include <stdarg.h>

#include "scan/scan.h"

void
ctx_unknown(ctx *cx, const char *fmt, ...)
{
	va_list	ap;
	sf_buf	b;

	if (cx->why != NULL)
		return;
	sf_buf_init(&b);
	va_start(ap, fmt);
	sf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* The note would say less than why the check was skipped. */
	if ((cx->why = sf_buf_take(&b)) == NULL)
		cx->sc->oom = 1;
}

note *
scan_note_find(scan *sc, const struct sf_rule *r, const char *why)
{
	size_t i;

	for (i = 0; i < sc->nnotes; i++)
		if (sc->notes[i].rule == r && strcmp(sc->notes[i].why, why) == 0)
			return &sc->notes[i];
	return NULL;
}

note *
scan_note_add(scan *sc, const note *n, const char *why)
{
	note *nn;

	if ((nn = sf_reallocarray(sc->notes, sc->nnotes + 1,
	    sizeof(*nn))) == NULL) {
		sc->oom = 1;
		return NULL;
	}
	sc->notes = nn;
	nn[sc->nnotes] = *n;
	if ((nn[sc->nnotes].why = sf_strdup(why)) == NULL) {
		sc->oom = 1;
		return NULL;
	}
	return &nn[sc->nnotes++];
}

int
scan_step(scan *sc)
{
	if (!sc->metered)
		return 0;
	if (sc->cut || ++sc->steps > SF_EVAL_STEPS) {
		sc->cut = 1;
		return 1;
	}
	return 0;
}
