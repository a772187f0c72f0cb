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
 * Recognises a hive's kind from its content.  Root key names vary
 * (ROOT, $$$PROTO.HIV, CMI-CreateHive{...}) and file names lie, so only
 * the keys under the root count.  The markers come from the real hives
 * described in print-registry.md section 2.2.
 */
#include <string.h>

#include "hive/hive.h"

static int
has(sf_hive *h, const char *path)
{
	return sf_key_path_ascii(h, h->root, path) != NULL;
}

static int
has_control_set(sf_hive *h)
{
	size_t	 i;
	sf_key	*c;

	for (i = 0; i < h->root->nchild; i++) {
		c = h->root->child[i];
		if (c->name_len == 13 && sf_u16_caseeq_ascii(c->name, 10,
		    "ControlSet") && c->name[10] >= '0' && c->name[10] <= '9')
			return 1;
	}
	return 0;
}

/* "DEFAULT" at the end of the base-block name hint or the file name. */
static int
named_default(sf_hive *h)
{
	const char *b = strrchr(h->path, '/');
	size_t	    n = h->regf.fname_len;

	b = b != NULL ? b + 1 : h->path;
	if (sf_ascii_caseeq(b, "DEFAULT"))
		return 1;
	return n >= 8 && h->regf.fname[n - 8] == '\\' &&
	    sf_u16_caseeq_ascii(h->regf.fname + n - 7, 7, "DEFAULT");
}

static int
user_markers(sf_hive *h)
{
	static const char *const marks[] = {
		"AppEvents", "Console", "Control Panel", "Environment",
		"Keyboard Layout", "Printers"
	};
	size_t	i;
	int	n = 0;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		n += has(h, marks[i]);
	return n;
}

sf_hive_kind
sf_detect_kind(sf_hive *h)
{
	if (sf_key_children(h, h->root) != SF_OK)
		return SF_HIVE_UNKNOWN;
	if (has(h, "Select") && (has_control_set(h) ||
	    has(h, "MountedDevices")))
		return SF_HIVE_SYSTEM;
	if (has(h, "Microsoft\\Windows NT\\CurrentVersion") &&
	    !has(h, "Select"))
		return SF_HIVE_SOFTWARE;
	if (has(h, "Software") && user_markers(h) >= 2)
		return named_default(h) ? SF_HIVE_DEFAULT : SF_HIVE_NTUSER;
	if (has(h, "SAM\\Domains"))
		return SF_HIVE_SAM;
	if (has(h, "Policy") && has(h, "RXACT"))
		return SF_HIVE_SECURITY;
	if (has(h, "CLSID") && (has(h, "Local Settings") ||
	    has(h, "Interface")))
		return SF_HIVE_USRCLASS;
	return SF_HIVE_UNKNOWN;
}

static const char *const kind_names[] = {
	"unknown", "SYSTEM", "SOFTWARE", "NTUSER", "DEFAULT", "USRCLASS",
	"SAM", "SECURITY"
};

const char *
sf_hive_kind_name(sf_hive_kind k)
{
	if ((unsigned)k >= sizeof(kind_names) / sizeof(kind_names[0]))
		return "unknown";
	return kind_names[k];
}

sf_hive_kind
sf_hive_kind_parse(const char *s)
{
	size_t i;

	for (i = 1; i < sizeof(kind_names) / sizeof(kind_names[0]); i++)
		if (sf_ascii_caseeq(s, kind_names[i]))
			return (sf_hive_kind)i;
	return SF_HIVE_UNKNOWN;
}
