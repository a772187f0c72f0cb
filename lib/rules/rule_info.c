/*
 * Copyright (c) 2026 The spoolfix authors.
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES.
 */

/* Read-only accessors for one rule, and the names of enumerations. */
#include <string.h>

#include "rules/rules.h"

const char *
sf_rule_id(const sf_rule *r)
{
	return r->id;
}

const char *
sf_rule_title(const sf_rule *r)
{
	return r->title;
}

sf_severity
sf_rule_severity(const sf_rule *r)
{
	return r->severity;
}

const char *
sf_rule_rationale(const sf_rule *r)
{
	return r->rationale;
}

size_t
sf_rule_ref_count(const sf_rule *r)
{
	return r->nrefs;
}

const char *
sf_rule_ref(const sf_rule *r, size_t i)
{
	return i < r->nrefs ? r->refs[i] : NULL;
}

size_t
sf_rule_scope_count(const sf_rule *r)
{
	return r->nscopes;
}

const char *
sf_rule_scope(const sf_rule *r, size_t i)
{
	return i < r->nscopes ? r->scopes[i].text : NULL;
}

sf_fix_kind
sf_rule_fix(const sf_rule *r)
{
	return r->nfixes > 0 ? r->fixes[0].kind : SF_FIX_NONE;
}

const char *
sf_rule_fix_text(const sf_rule *r)
{
	return r->fix_text != NULL ? r->fix_text : "none";
}

int
sf_rule_fix_optional(const sf_rule *r)
{
	return r->optional;
}

int
sf_rule_enabled(const sf_rule *r)
{
	return r->enabled;
}

const char *
sf_rule_file(const sf_rule *r)
{
	return r->file;
}

unsigned
sf_rule_line(const sf_rule *r)
{
	return r->line;
}

static const char *const severities[] = { "info", "warning", "error" };

const char *
sf_severity_name(sf_severity s)
{
	return (unsigned)s < 3 ? severities[s] : "unknown";
}

int
sf_severity_parse(const char *s, sf_severity *out)
{
	size_t i;

	for (i = 0; i < 3; i++)
		if (sf_ascii_caseeq(s, severities[i])) {
			*out = (sf_severity)i;
			return 0;
		}
	return -1;
}

const char *
sf_fix_kind_name(sf_fix_kind k)
{
	switch (k) {
	case SF_FIX_DELETE_KEY:		return "delete-key";
	case SF_FIX_DELETE_VALUE:	return "delete-value";
	case SF_FIX_SET_VALUE:		return "set-value";
	default:			return "none";
	}
}
