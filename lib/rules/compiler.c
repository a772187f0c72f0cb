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
 * The rule compiler: collects rule files, then, when finished, checks
 * what only the whole set can tell (duplicate IDs and set names, sets
 * and parameters that do not exist, site policy naming unknown rules)
 * and freezes the result into an immutable sf_rules.  Like YARA's
 * compiler, diagnostics go to a callback and are counted, so one run
 * reports every mistake.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "rules/rules.h"

#define MAX_RULE_FILE	(16u * 1024u * 1024u)


sf_status
sf_compiler_new(sf_compiler **cp, sf_error **errp)
{
	if ((*cp = calloc(1, sizeof(**cp))) == NULL)
		return sf_err_nomem(errp);
	kw_table_init(&(*cp)->kw);
	return SF_OK;
}

void
rules_free_contents(struct sf_rules *r)
{
	struct rules_regex *l;

	free(r->rule);
	free(r->set);
	free(r->param);
	for (l = r->regexes; l != NULL; l = l->next)
		sf_regex_free(l->re);
	sf_arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

static void
free_policies(sf_compiler *c)
{
	size_t i;

	for (i = 0; i < c->npol; i++) {
		free(c->pol[i].id);
		free(c->pol[i].file);
	}
	free(c->pol);
	c->pol = NULL;
	c->npol = 0;
}

void
sf_compiler_free(sf_compiler *c)
{
	if (c == NULL)
		return;
	rules_free_contents(&c->r);
	free_policies(c);
	free(c);
}

void
sf_compiler_set_diag(sf_compiler *c, sf_diag_fn *fn, void *arg)
{
	c->diag = fn;
	c->diag_arg = arg;
}

unsigned
sf_compiler_errors(const sf_compiler *c)
{
	return c->errors;
}

sf_status
sf_compiler_add_string(sf_compiler *c, const char *name, const char *text,
    size_t len, sf_error **errp)
{
	rules_parse(c, name, text, len);
	return c->r.oom ? sf_err_nomem(errp) : SF_OK;
}

sf_status
sf_compiler_add_file(sf_compiler *c, const char *path, sf_error **errp)
{
	sf_filedata fd;
	sf_status   rc;

	if ((rc = sf_file_read_as(path, MAX_RULE_FILE, "rule file", &fd,
	    errp)) != SF_OK)
		return rc;
	rules_parse(c, path, (const char *)fd.data, fd.size);
	sf_file_release(&fd);
	return c->r.oom ? sf_err_nomem(errp) : SF_OK;
}

sf_status
sf_compiler_add_dir(sf_compiler *c, const char *dir, sf_error **errp)
{
	char	**names = NULL, *path;
	size_t	  n = 0, i, len;
	sf_status rc = SF_OK;
	int	  any = 0;

	if ((rc = sf_dir_list(dir, &names, &n, errp)) != SF_OK)
		return rc;
	for (i = 0; i < n && rc == SF_OK; i++) {
		len = strlen(names[i]);
		if (len < 7 || strcmp(names[i] + len - 6, ".rules") != 0)
			continue;
		if ((path = sf_path_join(dir, names[i])) == NULL) {
			rc = sf_err_nomem(errp);
			break;
		}
		any = 1;
		rc = sf_compiler_add_file(c, path, errp);
		free(path);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == SF_OK && !any)
		return sf_err(errp, SF_ERR_NOTFOUND,
		    "rule files end in .rules", "no .rules files in %s", dir);
	return rc;
}

static sf_status
add_policy(sf_compiler *c, policy_kind kind, const char *id, sf_severity sev,
    sf_error **errp)
{
	policy *np;

	if ((np = sf_reallocarray(c->pol, c->npol + 1, sizeof(*np))) == NULL) {
		c->r.oom = 1;
		return sf_err_nomem(errp);
	}
	c->pol = np;
	memset(&c->pol[c->npol], 0, sizeof(*np));
	c->pol[c->npol].kind = kind;
	c->pol[c->npol].severity = sev;
	if ((c->pol[c->npol].id = sf_strdup(id)) == NULL) {
		c->r.oom = 1;
		return sf_err_nomem(errp);
	}
	c->npol++;
	return SF_OK;
}

sf_status
sf_compiler_disable(sf_compiler *c, const char *id, sf_error **errp)
{
	return add_policy(c, POL_DISABLE, id, SF_SEV_INFO, errp);
}

sf_status
sf_compiler_set_severity(sf_compiler *c, const char *id, sf_severity sev,
    sf_error **errp)
{
	return add_policy(c, POL_SEVERITY, id, sev, errp);
}

sf_status
sf_compiler_enable_optional(sf_compiler *c, const char *id, sf_error **errp)
{
	return add_policy(c, POL_ENABLE_FIX, id, SF_SEV_INFO, errp);
}

/* ---- resolution ---- */

static struct sf_rule *
find_rule(struct sf_rules *r, const char *id)
{
	size_t i;

	for (i = 0; i < r->nrule; i++)
		if (sf_ascii_caseeq(r->rule[i]->id, id))
			return r->rule[i];
	return NULL;
}

static const set_def *
find_set(const struct sf_rules *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nset; i++)
		if (strcmp(r->set[i]->name, name) == 0)
			return r->set[i];
	return NULL;
}

/* The last definition wins, so a site file can re-set a parameter. */
static const param_def *
find_param(const struct sf_rules *r, const char *name)
{
	size_t i;

	for (i = r->nparam; i > 0; i--)
		if (strcmp(r->param[i - 1]->name, name) == 0)
			return r->param[i - 1];
	return NULL;
}

static void
resolve_term(sf_compiler *c, const char *file, term *t)
{
	if (t == NULL)
		return;
	if (t->kind == TM_PARAM && (t->pdef = find_param(&c->r,
	    t->param)) == NULL)
		rules_diag(c, file, t->line, t->col, "unknown parameter $%s",
		    t->param);
	resolve_term(c, file, t->a);
	resolve_term(c, file, t->b);
}

static void
resolve_expr(sf_compiler *c, const char *file, expr *e)
{
	size_t i;

	if (e == NULL)
		return;
	if (e->kind == EX_IN_SET && (e->set = find_set(&c->r,
	    e->set_name)) == NULL)
		rules_diag(c, file, e->line, e->col, "unknown set '%s'",
		    e->set_name);
	resolve_expr(c, file, e->a);
	resolve_expr(c, file, e->b);
	resolve_term(c, file, e->t);
	resolve_term(c, file, e->t2);
	for (i = 0; i < e->nlist; i++)
		resolve_term(c, file, e->list[i]);
}

/* {param:NAME} in messages must name a parameter of the rule set. */
static void
check_message_params(sf_compiler *c, const struct sf_rule *r)
{
	const char	*s, *e;
	char		 name[128];
	size_t		 n;

	for (s = r->message; s != NULL && (s = strstr(s, "{param:")) != NULL;
	    s = e) {
		s += 7;
		if ((e = strchr(s, '}')) == NULL)
			return;
		n = (size_t)(e - s);
		if (n >= sizeof(name))
			n = sizeof(name) - 1;
		memcpy(name, s, n);
		name[n] = '\0';
		if (find_param(&c->r, name) == NULL)
			rules_diag(c, r->file, r->line, 1, "rule %s: message "
			    "names an unknown parameter {param:%s}", r->id,
			    name);
	}
}

/* Rule IDs compare ignoring case (they are ASCII), set names exactly. */
static const char *
dup_name(const sf_compiler *c, int sets, size_t i)
{
	return sets ? c->r.set[i]->name : c->r.rule[i]->id;
}

static int
dup_same(const sf_compiler *c, int sets, size_t i, size_t j)
{
	return sets ? strcmp(c->r.set[i]->name, c->r.set[j]->name) == 0 :
	    sf_ascii_caseeq(c->r.rule[i]->id, c->r.rule[j]->id);
}

static size_t
dup_hash(const char *s, int sets)
{
	uint64_t	h = 1469598103934665603ULL;
	unsigned	ch;

	for (; *s != '\0'; s++) {
		ch = (unsigned char)*s;
		if (!sets && ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		h = (h ^ ch) * 1099511628211ULL;
	}
	return (size_t)h;
}

static void
dup_report(sf_compiler *c, int sets, size_t i, size_t j)
{
	if (sets)
		rules_diag(c, c->r.set[i]->file, c->r.set[i]->line, 1,
		    "duplicate set '%s' (first defined at %s:%u)",
		    c->r.set[i]->name, c->r.set[j]->file, c->r.set[j]->line);
	else
		rules_diag(c, c->r.rule[i]->file, c->r.rule[i]->line, 1,
		    "duplicate rule ID %s (first defined at %s:%u)",
		    c->r.rule[i]->id, c->r.rule[j]->file, c->r.rule[j]->line);
}

/*
 * Each rule ID or set name defined before, reported with its first
 * definition.  The first of each name goes into a hash table, so a rule
 * set of n rules costs n lookups, not n * n / 2 comparisons; without
 * memory for the table, the comparisons.
 */
static void
check_dups(sf_compiler *c, int sets)
{
	size_t	 n = sets ? c->r.nset : c->r.nrule, cap = 16, *slot, i, j, h;

	while (cap < 2 * n && cap < SIZE_MAX / 4 / sizeof(*slot))
		cap *= 2;
	if (cap <= n || (slot = calloc(cap, sizeof(*slot))) == NULL) {
		for (i = 0; i < n; i++)
			for (j = 0; j < i; j++)
				if (dup_same(c, sets, i, j)) {
					dup_report(c, sets, i, j);
					break;
				}
		return;
	}
	for (i = 0; i < n; i++) {
		for (h = dup_hash(dup_name(c, sets, i), sets) & (cap - 1);
		    slot[h] != 0; h = (h + 1) & (cap - 1))
			if (dup_same(c, sets, i, slot[h] - 1)) {
				dup_report(c, sets, i, slot[h] - 1);
				break;
			}
		if (slot[h] == 0)
			slot[h] = i + 1;
	}
	free(slot);
}

static void
check_duplicates(sf_compiler *c)
{
	check_dups(c, 0);
	check_dups(c, 1);
}

static void
apply_policies(sf_compiler *c)
{
	struct sf_rule	*r;
	size_t		 i;

	for (i = 0; i < c->npol; i++) {
		policy *p = &c->pol[i];

		if ((r = find_rule(&c->r, p->id)) == NULL) {
			rules_diag(c, p->file, p->line, p->col,
			    "no rule with ID %s%s", p->id, p->file == NULL ?
			    " (given to --disable or --rule; 'spoolfix rules "
			    "list' shows the IDs)" : "");
			continue;
		}
		switch (p->kind) {
		case POL_DISABLE:
			r->enabled = 0;
			break;
		case POL_SEVERITY:
			r->severity = p->severity;
			break;
		case POL_ENABLE_FIX:
			r->optional_on = 1;
			break;
		}
	}
}

sf_status
sf_compiler_finish(sf_compiler *c, sf_rules **out, sf_error **errp)
{
	struct sf_rules	*r;
	size_t		 i, j;

	*out = NULL;
	if (c->r.oom)
		return sf_err_nomem(errp);
	check_duplicates(c);
	for (i = 0; i < c->r.nrule; i++) {
		struct sf_rule *ru = c->r.rule[i];

		resolve_expr(c, ru->file, ru->when);
		for (j = 0; j < ru->nfixes; j++)
			resolve_expr(c, ru->file, ru->fixes[j].cond);
		check_message_params(c, ru);
		/* Known once here, not at each scan (audit scans hosts by
		 * the thousand with one rule set).  A rule cut short by a
		 * syntax error may have neither text. */
		ru->shows_match = rules_message_uses(ru->message != NULL ?
		    ru->message : ru->title != NULL ? ru->title : "", "match");
	}
	apply_policies(c);
	for (i = 0; i < c->r.nset; i++)
		c->r.set[i]->index = i;
	if (c->r.oom)
		return sf_err_nomem(errp);
	if (c->errors > 0)
		return sf_err(errp, SF_ERR_RULES,
		    "correct the rule files (or the rule IDs on the command "
		    "line) at the places shown and run again",
		    "%u error%s in rule files", c->errors,
		    c->errors == 1 ? "" : "s");
	rules_share_tests(&c->r);
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return sf_err_nomem(errp);
	*r = c->r;
	memset(&c->r, 0, sizeof(c->r));
	*out = r;
	return SF_OK;
}

/* ---- the frozen rule set ---- */

void
sf_rules_free(sf_rules *r)
{
	if (r == NULL)
		return;
	rules_free_contents(r);
	free(r);
}

size_t
sf_rules_count(const sf_rules *r)
{
	return r->nrule;
}

const sf_rule *
sf_rules_get(const sf_rules *r, size_t i)
{
	return i < r->nrule ? r->rule[i] : NULL;
}

const sf_rule *
sf_rules_find(const sf_rules *r, const char *id)
{
	return find_rule((struct sf_rules *)r, id);
}
