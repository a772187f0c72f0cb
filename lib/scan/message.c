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
 * Expanding a rule's message template for one finding.  Everything that
 * comes from the hive (names, data, matched items) is escaped on the way
 * in, so a message is always safe to print.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

static void
add_name(sf_buf *b, const uint16_t *u, size_t n)
{
	sf_escape_u16(b, u, n, SF_ESC_TEXT, 1);
}

/* A value's data as a message shows it: quoted text, a number, or its
 * type, size and first bytes. */
static void
add_data(sf_buf *b, const sf_value *v)
{
	uint16_t	*u;
	size_t		 n, i;

	if (v == NULL) {
		sf_buf_adds(b, "absent");
		return;
	}
	/* Data is text, not a path: backslashes stay single. */
	if (sf_value_is_string(v->type)) {
		if ((u = sf_value_string(v, &n)) == NULL) {
			b->oom = 1;	/* the scan fails: out of memory */
			return;
		}
		sf_buf_addc(b, '"');
		sf_escape_u16(b, u, n, SF_ESC_TEXT, 0);
		sf_buf_addc(b, '"');
		free(u);
	} else if ((v->type == SF_REG_DWORD && v->size == 4) || (v->type == SF_REG_QWORD &&
	    v->size == 8))
		sf_buf_printf(b, "%ju", (uintmax_t)(v->type == SF_REG_DWORD ?
		    sf_le32(v->data) : sf_le64(v->data)));
	else {
		sf_buf_printf(b, "type %u, %zu bytes", v->type, (size_t)v->size);
		for (i = 0; i < v->size && i < 8; i++)
			sf_buf_printf(b, "%s%02x", i ? " " : ": ", v->data[i]);
		if (v->size > 8)
			sf_buf_adds(b, " ...");
	}
}

static void
add_value(sf_buf *b, ctx *cx, const char *name, size_t len)
{
	const sf_value	*v = NULL;
	size_t		 n;
	char		*copy;

	if (cx->key != NULL) {
		uint16_t *w = NULL, ascii[128];

		if (sf_ascii_widen(name, len, ascii, sizeof(ascii) /
		    sizeof(ascii[0]))) {
			add_data(b, sf_key_value(cx->hive, cx->key, ascii,
			    len));
			return;
		}
		if ((copy = sf_strndup(name, len)) == NULL ||
		    (w = sf_u16_from_utf8(copy, &n)) == NULL) {
			free(copy);
			b->oom = 1;	/* not "absent": unknown */
			return;
		}
		v = sf_key_value(cx->hive, cx->key, w, n);
		free(w);
		free(copy);
	}
	add_data(b, v);
}

static void
add_problems(sf_buf *b, const sf_hive *h)
{
	size_t i;

	for (i = 0; i < h->problems.n && i < 3; i++)
		sf_buf_printf(b, "%s%s", i ? "; " : "", h->problems.v[i]);
	if (h->problems.n + h->problems.dropped > 3)
		sf_buf_printf(b, "; and %zu more", h->problems.n +
		    h->problems.dropped - 3);
	if (h->problems.n == 0 && h->error != NULL)
		sf_buf_adds(b, sf_error_message(h->error));
}

/*
 * The logs and what became of each: applied (then the sequence numbers
 * before and after), or why not, so a reader knows which state the
 * findings describe.
 */
static void
add_logs(sf_buf *b, const sf_hive *h)
{
	size_t i;

	if (h->nlogs == 0)
		sf_buf_adds(b, "none found beside it");
	for (i = 0; i < h->nlogs; i++) {
		sf_buf_printf(b, "%s%s", i ? "; " : "",
		    sf_path_base(h->logs[i]));
		if (h->log_note != NULL && h->log_note[i] != NULL)
			sf_buf_printf(b, " %s%s", h->log_applied[i] ? "" :
			    "ignored, ", h->log_note[i]);
	}
	if (h->replayed)
		sf_buf_printf(b, "; sequence numbers %u/%u in the file, "
		    "%u/%u once recovered", h->disk_seq1, h->disk_seq2,
		    h->regf.seq1, h->regf.seq2);
}

static const param_def *
param(ctx *cx, const char *name, size_t len)
{
	size_t i;

	for (i = cx->sc->rules->nparam; i > 0; i--) {
		const param_def *p = cx->sc->rules->param[i - 1];

		if (strlen(p->name) == len && strncmp(p->name, name, len) == 0)
			return p;
	}
	return NULL;
}

static void
placeholder(sf_buf *b, ctx *cx, const char *s, size_t n)
{
	const param_def	*p;
	sf_key		*k;
	unsigned long	 up;

#define IS(w) (n == sizeof(w) - 1 && strncmp(s, w, n) == 0)
	if (IS("name")) {
		if (cx->val != NULL)
			add_name(b, cx->val->name, cx->val->name_len);
		else if (cx->key != NULL)
			add_name(b, cx->key->name, cx->key->name_len);
	} else if (IS("key")) {
		if (cx->key != NULL)
			add_name(b, cx->key->name, cx->key->name_len);
	} else if (IS("data")) {
		if (cx->val != NULL)
			add_data(b, cx->val);
	} else if (IS("match")) {
		add_name(b, cx->match.u, cx->match.len);
	} else if (IS("env")) {
		sf_buf_adds(b, cx->sc->env != NULL ? cx->sc->env :
		    "(unknown)");
	} else if (IS("problems")) {
		if (cx->hive != NULL)
			add_problems(b, cx->hive);
	} else if (IS("logs")) {
		if (cx->hive != NULL)
			add_logs(b, cx->hive);
	} else if (IS("trailing")) {
		if (cx->hive != NULL)
			sf_buf_printf(b, "%ju", (uintmax_t)cx->hive->trailing);
	} else if (IS("hive")) {
		if (cx->hive != NULL)
			sf_buf_adds(b, cx->hive->path);
	} else if (IS("controlset")) {
		sf_buf_adds(b, cx->hive != NULL && cx->hive->ccs_name != NULL ?
		    cx->hive->ccs_name : "(unknown)");
	} else if (IS("count")) {
		if (cx->key != NULL && sf_key_children(cx->hive, cx->key) ==
		    SF_OK)
			sf_buf_printf(b, "%zu", (size_t)cx->key->nchild);
	} else if (n > 6 && strncmp(s, "value:", 6) == 0) {
		add_value(b, cx, s + 6, n - 6);
	} else if (n > 6 && strncmp(s, "param:", 6) == 0) {
		if ((p = param(cx, s + 6, n - 6)) != NULL)
			sf_buf_printf(b, "%ju", (uintmax_t)p->value);
	} else if (n > 9 && strncmp(s, "ancestor:", 9) == 0) {
		up = strtoul(s + 9, NULL, 10);
		for (k = cx->key; k != NULL && up > 0; up--)
			k = k->parent;
		if (k != NULL && k->parent != NULL)
			add_name(b, k->name, k->name_len);
	}
#undef IS
}

char *
expand_message(ctx *cx, const char *t)
{
	sf_buf		 b;
	const char	*e;
	size_t		 n;

	sf_buf_init(&b);
	while (*t != '\0') {
		if (t[0] == '{' && t[1] == '{') {
			sf_buf_addc(&b, '{');
			t += 2;
		} else if (t[0] == '}' && t[1] == '}') {
			sf_buf_addc(&b, '}');
			t += 2;
		} else if (t[0] == '{' && (e = strchr(t, '}')) != NULL) {
			placeholder(&b, cx, t + 1, (size_t)(e - t - 1));
			t = e + 1;
		} else {
			/* The text up to the next brace, in one piece. */
			n = 1 + strcspn(t + 1, "{}");
			sf_buf_add(&b, t, n);
			t += n;
		}
	}
	return sf_buf_take(&b);
}
