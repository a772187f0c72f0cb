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
 * The machine's print environment ("Windows x64", ...), which decides
 * where its print processors and drivers must be registered.  It
 * follows from PROCESSOR_ARCHITECTURE; partial exports lack that value,
 * and then the environment holding the printers' drivers is used.
 * When neither settles it, it stays unknown and rules that need it are
 * skipped: an error that cannot be established is never reported.
 */
#include <stdlib.h>
#include <string.h>

#include "machine/machine.h"

static const struct {
	const char *arch;
	const char *env;
} arch_env[] = {
	{ "AMD64", "Windows x64" },
	{ "x86", "Windows NT x86" },
	{ "ARM64", "Windows ARM64" },
	{ "IA64", "Windows IA64" },
	{ "ALPHA", "Windows NT Alpha_AXP" },
};

/* A REG_SZ value as a display string, or NULL. */
static char *
sz_value(sf_machine *m, sf_hive *h, sf_key *k, const char *name)
{
	const sf_value	*v;
	char		*s;

	if (k == NULL || (v = sf_key_value_ascii(h, k, name)) == NULL ||
	    (v->type != SF_REG_SZ && v->type != SF_REG_EXPAND_SZ))
		return NULL;
	if ((s = sf_value_display(v)) == NULL)
		m->oom = 1;
	return s;
}

/* The text of an sf_buf, noting when memory ran out. */
static char *
take_noting(sf_machine *m, sf_buf *b)
{
	char *s = sf_buf_take(b);

	if (s == NULL)
		m->oom = 1;
	return s;
}

static char *
dup_noting(sf_machine *m, const char *s)
{
	char *d = sf_strdup(s);

	if (d == NULL)
		m->oom = 1;
	return d;
}

static int
from_architecture(sf_machine *m, sf_hive *sys)
{
	sf_key	*k;
	char	*arch;
	size_t	 i;
	sf_buf	 b;

	k = sf_key_path_ascii(sys, sys->ccs,
	    "Control\\Session Manager\\Environment");
	if ((arch = sz_value(m, sys, k, "PROCESSOR_ARCHITECTURE")) == NULL)
		return 0;
	for (i = 0; i < sizeof(arch_env) / sizeof(arch_env[0]); i++)
		if (sf_ascii_caseeq(arch, arch_env[i].arch)) {
			m->env = dup_noting(m, arch_env[i].env);
			sf_buf_init(&b);
			sf_buf_printf(&b, "PROCESSOR_ARCHITECTURE is %s", arch);
			m->env_how = take_noting(m, &b);
			free(arch);
			return 1;
		}
	sf_buf_init(&b);
	sf_buf_printf(&b, "PROCESSOR_ARCHITECTURE is \"%s\", which names no "
	    "known print environment", arch);
	m->env_how = take_noting(m, &b);
	free(arch);
	return 1;
}

/* Does environment 'env' hold a driver of this name in any Version-N? */
static int
env_has_driver(sf_hive *sys, sf_key *env, const uint16_t *u, size_t n)
{
	sf_key	*drivers;
	size_t	 i;

	if ((drivers = sf_key_child_ascii(sys, env, "Drivers")) == NULL ||
	    sf_key_children(sys, drivers) != SF_OK)
		return 0;
	for (i = 0; i < drivers->nchild; i++)
		if (sf_key_child(sys, drivers->child[i], u, n) != NULL)
			return 1;
	return 0;
}

/* Adds each printer's driver count to the environments holding it. */
static void
tally_printers(sf_machine *m, sf_hive *h, sf_key *printers, sf_hive *sys,
    sf_key *envs, size_t *score, size_t *nprinters)
{
	const sf_value	*v;
	uint16_t	*u;
	size_t		 i, j, n;

	if (printers == NULL || sf_key_children(h, printers) != SF_OK)
		return;
	for (i = 0; i < printers->nchild; i++) {
		v = sf_key_value_ascii(h, printers->child[i],
		    "Printer Driver");
		if (v == NULL || (v->type != 1 && v->type != 2) || v->size < 2)
			continue;
		n = v->size / 2;
		while (n > 0 && sf_le16(v->data + 2 * (n - 1)) == 0)
			n--;
		if ((u = sf_calloc(n + 1, sizeof(*u))) == NULL) {
			m->oom = 1;
			return;
		}
		for (j = 0; j < n; j++)
			u[j] = sf_le16(v->data + 2 * j);
		(*nprinters)++;
		for (j = 0; j < envs->nchild; j++)
			score[j] += env_has_driver(sys, envs->child[j], u, n);
		free(u);
	}
}

static void
from_drivers(sf_machine *m, sf_hive *sys)
{
	sf_hive	*sw = sf_machine_kind(m, SF_HIVE_SOFTWARE);
	sf_key	*envs, *pr;
	size_t	*score, i, best = 0, nbest = 0, nprinters = 0;
	sf_buf	 b;

	envs = sf_key_path_ascii(sys, sys->ccs, "Control\\Print\\Environments");
	if (envs == NULL || sf_key_children(sys, envs) != SF_OK ||
	    envs->nchild == 0)
		return;
	if ((score = sf_calloc(envs->nchild, sizeof(*score))) == NULL) {
		m->oom = 1;
		return;
	}
	if (sw != NULL) {
		pr = sf_key_path_ascii(sw, sw->root,
		    "Microsoft\\Windows NT\\CurrentVersion\\Print\\Printers");
		tally_printers(m, sw, pr, sys, envs, score, &nprinters);
	}
	pr = sf_key_path_ascii(sys, sys->ccs, "Control\\Print\\Printers");
	tally_printers(m, sys, pr, sys, envs, score, &nprinters);
	for (i = 0; i < envs->nchild; i++) {
		if (score[i] > score[best])
			best = i;
	}
	for (i = 0; i < envs->nchild; i++)
		nbest += score[i] == score[best];
	if (score[best] > 0 && nbest == 1) {
		if ((m->env = sf_u16_to_display(envs->child[best]->name,
		    envs->child[best]->name_len)) == NULL)
			m->oom = 1;
		sf_buf_init(&b);
		sf_buf_printf(&b, "no PROCESSOR_ARCHITECTURE value; the "
		    "drivers of %zu of %zu printers are registered there",
		    score[best], nprinters);
		m->env_how = take_noting(m, &b);
	}
	free(score);
}

const char *
sf_machine_environment(const sf_machine *cm, const char **how)
{
	sf_machine *m = (sf_machine *)cm;	/* computed once, cached */
	sf_hive	   *sys;

	if (!m->env_done) {
		m->env_done = 1;
		free(m->env);
		free(m->env_how);
		m->env = m->env_how = NULL;
		sys = sf_machine_kind(m, SF_HIVE_SYSTEM);
		if (sys == NULL || sys->ccs == NULL)
			m->env_how = dup_noting(m, "no SYSTEM hive with a "
			    "current control set was given");
		else if (!from_architecture(m, sys))
			from_drivers(m, sys);
		if (m->env == NULL && m->env_how == NULL)
			m->env_how = dup_noting(m, "no PROCESSOR_ARCHITECTURE "
			    "value, and no printer driver shows which "
			    "environment is the machine's own");
	}
	if (how != NULL)
		*how = m->env_how != NULL ? m->env_how : "";
	return m->env;
}
