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
 * What a scan could not look at: the hive kinds its rules read that no
 * readable input gives, and the rules that read nothing therefore.  A
 * scan of SYSTEM alone, or of --root pointing below the volume (no
 * SYSTEM found), is otherwise indistinguishable from a clean machine.
 *
 * A rule reads the kinds of its scopes: HKLM\SYSTEM paths SYSTEM,
 * HKLM\SOFTWARE paths SOFTWARE, HKU paths the user hives, each from a
 * readable hive; "scope hive" its listed kinds (none listed: any hive),
 * readable or not, as the HIVE-* rules report unreadable inputs.  The user hives are one
 * kind here, NTUSER, which DEFAULT (HKU\.DEFAULT) also satisfies: the
 * rules about users read whichever user hives there are.  A rule is
 * skipped when it reads no kind the machine has.
 */
#include <stdlib.h>
#include <string.h>

#include "scan/report.h"

#define KIND(k)		(1u << (k))
#define ANY_HIVE	(~0u)

/* DEFAULT counts as a user hive. */
static unsigned
fold(unsigned kinds)
{
	if (kinds & KIND(SF_HIVE_DEFAULT))
		kinds = (kinds & ~KIND(SF_HIVE_DEFAULT)) | KIND(SF_HIVE_NTUSER);
	return kinds;
}

/*
 * The kinds a rule reads: through paths (*path), which need a readable
 * hive, and through "scope hive" (*whole; ANY_HIVE without kinds),
 * which takes unreadable inputs too (the HIVE-* rules report them).
 */
static void
reads(const struct sf_rule *r, unsigned *path, unsigned *whole)
{
	size_t i;

	*path = *whole = 0;
	for (i = 0; i < r->nscopes; i++) {
		const scope *s = &r->scopes[i];

		if (s->kind == SC_HIVE) {
			*whole |= s->kinds == 0 ? ANY_HIVE : fold(s->kinds);
			continue;
		}
		if (s->path == NULL)
			continue;
		switch (s->path->root) {
		case ROOT_SYSTEM:
			*path |= KIND(SF_HIVE_SYSTEM);
			break;
		case ROOT_SOFTWARE:
			*path |= KIND(SF_HIVE_SOFTWARE);
			break;
		case ROOT_USERS:
			*path |= KIND(SF_HIVE_NTUSER);
			break;
		default:
			break;
		}
	}
}

int
report_gaps(sf_report *rep, const sf_machine *m, const sf_rules *rules)
{
	const struct sf_rule	**v;
	unsigned		  readable = 0, given = 0, wanted = 0;
	unsigned		  path, whole, k;
	size_t			  i;

	for (i = 0; i < sf_machine_hive_count(m); i++) {
		const sf_hive *h = sf_machine_hive(m, i);

		k = sf_hive_kind_of(h) < 32 ? fold(KIND(sf_hive_kind_of(h))) :
		    0;
		/* An input of unknown kind is still an input for ANY_HIVE. */
		given |= k | KIND(SF_HIVE_UNKNOWN);
		if (sf_hive_readable(h))
			readable |= k;
	}
	if ((v = sf_calloc(rules->nrule + 1, sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < rules->nrule; i++) {
		if (!rules->rule[i]->enabled)
			continue;
		reads(rules->rule[i], &path, &whole);
		wanted |= (path & ~readable) | (whole != ANY_HIVE ?
		    whole & ~given : 0);
		/* A rule of no scope reads nothing: not skipped for a gap. */
		if ((path != 0 || whole != 0) && (path & readable) == 0 &&
		    (whole & given) == 0)
			v[rep->nskipped++] = rules->rule[i];
	}
	rep->skipped = v;
	rep->missing = wanted;
	return 0;
}

size_t
sf_report_missing_count(const sf_report *r)
{
	size_t		 n = 0;
	unsigned	 k;

	for (k = r->missing; k != 0; k &= k - 1)
		n++;
	return n;
}

sf_hive_kind
sf_report_missing(const sf_report *r, size_t i)
{
	unsigned k;

	for (k = 0; k < 32; k++)
		if ((r->missing & KIND(k)) && i-- == 0)
			return (sf_hive_kind)k;
	return SF_HIVE_UNKNOWN;
}

size_t
sf_report_skipped_count(const sf_report *r)
{
	return r->nskipped;
}

const sf_rule *
sf_report_skipped(const sf_report *r, size_t i)
{
	return i < r->nskipped ? r->skipped[i] : NULL;
}
