/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 */

/* Freeing the compiled rule structures; every function accepts NULL. */
#include <stdlib.h>

#include "rules/rules.h"

void
term_free(term *t)
{
	if (t == NULL)
		return;
	term_free(t->a);
	term_free(t->b);
	free(t->u);
	free(t->u2);
	pattern_free(t->at);
	free(t->param);
	free(t);
}

void
expr_free(expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	expr_free(e->a);
	expr_free(e->b);
	term_free(e->t);
	term_free(e->t2);
	for (i = 0; i < e->nlist; i++)
		term_free(e->list[i]);
	free(e->list);
	free(e->set_name);
	sf_regex_free(e->re);
	free(e->split);
	pattern_free(e->path);
	free(e->reason);
	free(e);
}

void
rule_free(struct sf_rule *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrefs; i++)
		free(r->refs[i]);
	free(r->refs);
	for (i = 0; i < r->nscopes; i++) {
		pattern_free(r->scopes[i].path);
		free(r->scopes[i].glob);
		free(r->scopes[i].text);
	}
	free(r->scopes);
	expr_free(r->when);
	for (i = 0; i < r->nfixes; i++) {
		free(r->fixes[i].value);
		free(r->fixes[i].data);
		expr_free(r->fixes[i].cond);
	}
	free(r->fixes);
	free(r->fix_text);
	free(r->id);
	free(r->title);
	free(r->rationale);
	free(r->message);
	free(r->file);
	free(r);
}

void
set_free(set_def *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nsrc; i++) {
		size_t j;

		pattern_free(s->src[i].path);
		free(s->src[i].value);
		free(s->src[i].split);
		for (j = 0; j < s->src[i].nitem; j++)
			free(s->src[i].item[j]);
		free(s->src[i].item);
		free(s->src[i].itemlen);
	}
	free(s->src);
	for (i = 0; i < s->next; i++) {
		sf_regex_free(s->ext[i].re);
		free(s->ext[i].reason);
	}
	free(s->ext);
	free(s->name);
	free(s->file);
	free(s);
}
