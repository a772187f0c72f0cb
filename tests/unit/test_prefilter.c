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
 * Prefilters (lib/scan/prefilter.c): which conditions get one, and what
 * it decides on an object's facts.  That a scan reports the same with
 * and without them is tests/prefilter.sh's part; here, that they exist
 * where they save work (the shipped generic rules) and are absent where
 * skipping a rule would change anything.  Runs from the top of the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"
#include "t.h"
#include "t_rules.h"

/* The prefilter of a one-rule set whose condition is 'when'. */
static void
build(const char *when, scope_kind sk, prefilter *pf)
{
	char		 text[2048];
	sf_rules	*rs;

	snprintf(text, sizeof(text), "set s {\n\titems \"a\"\n}\n"
	    "rule T-001 {\n\ttitle \"t\"\n\tseverity error\n"
	    "\trationale \"r\"\n\tscope %s \"HKLM\\SYSTEM\\T\\*\"\n"
	    "\twhen %s\n}\n", sk == SC_KEY ? "key" : "value", when);
	rs = t_compile(text);
	prefilter_build(pf, rs->rule[0]->when, sk);
	sf_rules_free(rs);
}

/* Facts of a value named 'name' (ASCII) with these bytes. */
static obj_facts
value_facts(sf_value *v, uint16_t *u, const char *name, uint32_t type,
    const void *data, uint32_t size)
{
	obj_facts	f;
	size_t		i;

	for (i = 0; name[i] != '\0'; i++)
		u[i] = (uint8_t)name[i];
	memset(v, 0, sizeof(*v));
	v->name = u;
	v->name_len = (uint16_t)i;
	v->type = type;
	v->data = (uint8_t *)(uintptr_t)data;
	v->size = size;
	obj_facts_init(&f, u, i, v);
	return f;
}

/* Whether the prefilter of 'when' (value scope) lets the value through. */
static int
passes(const char *when, const char *name, uint32_t type, const void *data,
    uint32_t size)
{
	prefilter	pf;
	sf_value	v;
	uint16_t	u[64];
	obj_facts	f = value_facts(&v, u, name, type, data, size);

	build(when, SC_VALUE, &pf);
	return !prefilter_fails(&pf, &f);
}

/* What a value (name, type, bytes) makes of a one-test prefilter. */
static const uint8_t sz_ok[] = { 'a', 0, 'b', 0, 0, 0 };
static const uint8_t sz_odd[] = { 'a', 0, 'b' };
static const uint8_t sz_nul[] = { 'a', 0, 0, 0, 'b', 0, 0, 0 };
static const uint8_t sz_lone[] = { 0x00, 0xD8, 'b', 0, 0, 0 };
static const uint8_t dw[] = { 1, 0, 0, 0 };
static const uint8_t multi_unterm[] = { 'a', 0, 0, 0 };

static const struct {
	const char	*when;
	const char	*name;
	uint32_t	 type;
	const uint8_t	*data;
	uint32_t	 size;
	int		 passes;
	const char	*what;
} facts[] = {
	{ "data is odd-length", "v", 1, sz_ok, sizeof(sz_ok), 0,
	  "a whole string is not odd-length" },
	{ "data is odd-length", "v", 1, sz_odd, sizeof(sz_odd), 1,
	  "an odd string is" },
	{ "data is embedded-nul", "v", 1, sz_nul, sizeof(sz_nul), 1,
	  "a NUL inside a string" },
	{ "data is embedded-nul", "v", 1, sz_ok, sizeof(sz_ok), 0,
	  "no NUL inside a string" },
	{ "data is invalid-utf16", "v", 1, sz_lone, sizeof(sz_lone), 1,
	  "a lone surrogate" },
	{ "data is malformed", "v", 1, sz_lone, sizeof(sz_lone), 1,
	  "a lone surrogate is malformed" },
	{ "data is malformed", "v", 1, sz_ok, sizeof(sz_ok), 0,
	  "a whole string is not malformed" },
	{ "data is sz", "v", 4, dw, sizeof(dw), 0,
	  "a dword is not sz" },
	{ "data is dword", "v", 4, dw, sizeof(dw), 1,
	  "a dword is dword" },
	{ "data is bad-size", "v", 4, dw, 3, 1,
	  "a three-byte dword has a bad size" },
	{ "data is bad-size", "v", 4, dw, sizeof(dw), 0,
	  "a four-byte dword has not" },
	{ "data is multi_sz and data is unterminated", "v", 7, multi_unterm, sizeof(multi_unterm), 1,
	  "an unterminated multi_sz" },
	{ "data is multi_sz and data is unterminated", "v", 1, multi_unterm, sizeof(multi_unterm), 0,
	  "...but not as sz" },
	{ "data is sz and data is odd-length or name has nul", "v", 1, sz_ok, sizeof(sz_ok), 0,
	  "or: neither side" },
	{ "data is sz and data is odd-length or data is dword", "v", 4, dw, sizeof(dw), 1,
	  "or: the right side" },
	{ "name == \"x\" and data is sz", "v", 1, sz_ok, sizeof(sz_ok), 1,
	  "and: the side it cannot decide passes" },
	{ "name has comma", "a,b", 1, sz_ok, sizeof(sz_ok), 1,
	  "a comma in the name" },
	{ "name has comma, colon", "ab", 1, sz_ok, sizeof(sz_ok), 0,
	  "no comma or colon" },
	{ "name has colon", "a:b", 1, sz_ok, sizeof(sz_ok), 1,
	  "a colon" },
	{ "length(name) > 3", "abc", 1, sz_ok, sizeof(sz_ok), 0,
	  "three units are not more than 3" },
	{ "length(name) > 3", "abcd", 1, sz_ok, sizeof(sz_ok), 1,
	  "four are" },
	{ "length(name) >= 3", "abc", 1, sz_ok, sizeof(sz_ok), 1,
	  ">= 3 with three" },
	{ "length(name) >= 3", "ab", 1, sz_ok, sizeof(sz_ok), 0,
	  ">= 3 with two" },
	{ "name in (\"XY\", \"abc\")", "xy", 1, sz_ok, sizeof(sz_ok), 1,
	  "in: a length listed" },
	{ "name in (\"XY\", \"abc\")", "abcd", 1, sz_ok, sizeof(sz_ok), 0,
	  "in: a length not listed" },
	{ "lower(name) == \"XYZ\"", "abc", 1, sz_ok, sizeof(sz_ok), 1,
	  "lower(name) ==: the same length" },
	{ "name == \"XYZ\"", "ab", 1, sz_ok, sizeof(sz_ok), 0,
	  "==: another length" },
};

/* The shapes of UTF-16 text as spoolfix.rules(5) defines them. */
static void
reference(const uint16_t *u, size_t n, int *embnul, int *bad)
{
	size_t i, last = n;

	while (last > 0 && u[last - 1] == 0)
		last--;
	*embnul = 0;
	for (i = 0; i < last; i++)
		if (u[i] == 0)
			*embnul = 1;
	*bad = 0;
	for (i = 0; i < n; i++) {
		if (u[i] >= 0xD800 && u[i] <= 0xDBFF && i + 1 < n &&
		    u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF)
			i++;
		else if (u[i] >= 0xD800 && u[i] <= 0xDFFF)
			*bad = 1;
	}
}

/*
 * Strings of 1 to 13 units with a NUL, a lone surrogate of either
 * kind, or a pair at every place, alone and together, through both
 * prefilters: four units at a time are passed over (shape_of_value).
 */
static void
shapes_everywhere(void)
{
	static const uint16_t odd[] = { 0, 0xD800, 0xDBFF, 0xDC00, 0xDFFF };
	uint16_t	u[16], name[2] = { 'v', 0 };
	uint8_t		d[32];
	size_t		n, i, j, k, m, wrong = 0, runs = 0;
	prefilter	pe, pb;
	sf_value	v;
	obj_facts	f;
	int		embnul, bad;

	build("data is embedded-nul", SC_VALUE, &pe);
	build("data is invalid-utf16", SC_VALUE, &pb);
	for (n = 1; n <= 13; n++)
		for (i = 0; i < n; i++)
			for (k = 0; k < 5; k++)
				for (j = 0; j <= n; j++) {
					for (m = 0; m < n; m++)
						u[m] = 'a' + (uint16_t)m;
					u[i] = odd[k];
					if (j + 1 < n) {	/* a pair */
						u[j] = 0xD83D;
						u[j + 1] = 0xDE00;
					}
					for (m = 0; m < n; m++) {
						d[2 * m] = (uint8_t)u[m];
						d[2 * m + 1] = (uint8_t)(u[m] >> 8);
					}
					f = value_facts(&v, name, "v", 1, d,
					    (uint32_t)(2 * n));
					reference(u, n, &embnul, &bad);
					wrong += (!prefilter_fails(&pe, &f)) !=
					    embnul;
					wrong += (!prefilter_fails(&pb, &f)) != bad;
					runs++;
				}
	CHECK(wrong == 0, "%zu strings: embedded NULs and unpaired "
	    "surrogates as the reference finds them (%zu wrong)", runs,
	    wrong);
}

int
main(void)
{
	static const char *const none[] = {
		/* Needs nothing that the facts decide. */
		"name == keyname",
		"not data is odd-length",
		"data is sz or keyname == \"x\"",
		"data is ipv4",
		"data is sz, empty",
		"name in (\"a\", keyname)",
		"name in (\"a\", 1)",
		"keyname == \"a\"",
		"trim(name) == \"a\"",
		"name != \"a\"",
		/* Would change the report if skipped. */
		"data is odd-length and value \"X\" == \"1\"",
		"data is odd-length and any values (name == \"a\")",
		"data is odd-length and count values > 3",
		"data is odd-length and name in set s",
		"data is odd-length and exists key \"..\\x\"",
		"data is odd-length and has value \"x\"",
		"data is odd-length and dirty",
		"value \"X\" at \"HKLM\\SOFTWARE\" == \"1\" and data is sz",
	};
	static const char *const some[] = {
		"data is odd-length",
		"data is sz and name == \"x\"",
		"name == \"x\" and data is sz",
		"(data is sz and data is odd-length) or name has nul",
		"length(name) > 3",
		"length(name) >= 3 and keyname == \"y\"",
		"not name == \"x\" and name has comma, control",
		"data is malformed and ancestor(1) == env",
		"name in (\"a\", \"bb\")",
		"lower(name) == \"a\"",
	};
	prefilter	 pf;
	sf_rules	*rs;
	sf_compiler	*c = NULL;
	sf_error	*e = NULL;
	obj_facts	 f;
	uint16_t	 u[64];
	size_t		 i;

	for (i = 0; i < sizeof(none) / sizeof(none[0]); i++) {
		build(none[i], SC_VALUE, &pf);
		CHECK(pf.root < 0, "no prefilter: %s", none[i]);
	}
	for (i = 0; i < sizeof(some) / sizeof(some[0]); i++) {
		build(some[i], SC_VALUE, &pf);
		CHECK(pf.root >= 0, "a prefilter: %s", some[i]);
	}
	/* "data" of a key scope is absent: nothing to learn from a key. */
	build("data is odd-length", SC_KEY, &pf);
	CHECK(pf.root < 0, "no prefilter: data is odd-length, key scope");
	build("length(name) > 3", SC_KEY, &pf);
	CHECK(pf.root >= 0, "a prefilter: length(name) > 3, key scope");

	/* Data shapes exactly as "data is" finds them, and names. */
	for (i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		CHECK(passes(facts[i].when, facts[i].name, facts[i].type,
		    facts[i].data, facts[i].size) == facts[i].passes, "%s: %s",
		    facts[i].when, facts[i].what);
	CHECK(prefilter_length_bit(62) != prefilter_length_bit(63) &&
	    prefilter_length_bit(63) == prefilter_length_bit(64) &&
	    prefilter_length_bit(64) == prefilter_length_bit(65535),
	    "lengths past 62 share a bit");

	shapes_everywhere();

	/* A group's prefilters in one piece (pf_quick). */
	{
		pf_quick	q;
		prefilter	p2;
		sf_value	v;
		obj_facts	g;

		build("(data is sz, expand_sz and data is odd-length, "
		    "embedded-nul) or (data is multi_sz and data is "
		    "invalid-utf16)", SC_VALUE, &pf);
		prefilter_quick_init(&q);
		prefilter_quick_add(&q, &pf);
		CHECK(q.used && q.shape == (IS_ODD | IS_EMBNUL | IS_BADUTF16),
		    "and: the side not resting on the type; or: both sides");
		build("length(name) > 9 or name has nul", SC_VALUE, &p2);
		prefilter_quick_add(&q, &p2);
		CHECK(q.longer == 9 && q.classes == CC_NUL && q.shape ==
		    (IS_ODD | IS_EMBNUL | IS_BADUTF16), "two rules: the union");
		build("name == keyname", SC_VALUE, &p2);
		prefilter_quick_add(&q, &p2);
		CHECK(q.longer == 9, "a rule without a prefilter adds nothing");
		g = value_facts(&v, u, "v", 1, sz_ok, sizeof(sz_ok));
		CHECK(prefilter_quick_fails(&q, &g), "a whole string fails it");
		g = value_facts(&v, u, "v", 1, sz_nul, sizeof(sz_nul));
		CHECK(!prefilter_quick_fails(&q, &g), "a NUL inside passes");
		g = value_facts(&v, u, "abcdefghij", 1, sz_ok, sizeof(sz_ok));
		CHECK(!prefilter_quick_fails(&q, &g), "a long name passes");
		g = value_facts(&v, u, "a", 1, sz_ok, sizeof(sz_ok));
		u[0] = 0;
		CHECK(!prefilter_quick_fails(&q, &g), "a NUL name passes");
		CHECK(g.known & FACT_NUL, "the NUL test alone, not classes");
	}

	/* shape_classes, one unit at a time. */
	u[0] = 0;
	CHECK(shape_classes(u, 1) == (CC_NUL | CC_NONPRINT), "NUL");
	u[0] = 0x1B;
	CHECK(shape_classes(u, 1) == (CC_CONTROL | CC_NONPRINT), "ESC");
	u[0] = 0xDC00;
	CHECK(shape_classes(u, 1) == CC_NONPRINT, "a lone low surrogate");
	u[0] = 0xD800;
	u[1] = 0xDC00;
	CHECK(shape_classes(u, 2) == 0, "a surrogate pair");
	u[0] = 0x200B;
	CHECK(shape_classes(u, 1) == CC_NONPRINT, "a zero-width space");
	u[0] = '\\';
	CHECK(shape_classes(u, 1) == CC_BACKSLASH, "a backslash");
	u[0] = 'A';
	u[1] = '/';
	CHECK(shape_classes(u, 2) == CC_SLASH, "a slash");
	/* A value the facts were learnt for keeps them. */
	f = value_facts(&(sf_value){ 0 }, u, "v", 1, sz_odd, sizeof(sz_odd));
	build("data is odd-length", SC_VALUE, &pf);
	CHECK(!prefilter_fails(&pf, &f) && f.known == FACT_SHAPE,
	    "the data's facts learnt at the first prefilter that asks");
	build("name has comma", SC_VALUE, &pf);
	CHECK(prefilter_fails(&pf, &f) && f.known == (FACT_SHAPE |
	    FACT_CLASSES), "the name's at the first that asks for them");
	/* An "or" one side of which needs nothing leaves no node. */
	build("data is sz and (data is odd-length or name == keyname)",
	    SC_VALUE, &pf);
	CHECK(pf.root == 0 && pf.n == 1, "only the nodes it reaches");

	/* The other shortcut: {match} is collected only when shown. */
	CHECK(rules_message_uses("a {match} b", "match"), "{match}");
	CHECK(rules_message_uses("{name}{match}", "match"), "{match} after another");
	CHECK(!rules_message_uses("a {{match}} b", "match"), "{{match}} is text");
	CHECK(!rules_message_uses("{matches} {value:match}", "match"),
	    "other placeholders");
	CHECK(rules_message_uses("{{}}{match}", "match"), "{match} after {{}}");
	CHECK(!rules_message_uses("{match", "match"), "an unclosed brace");

	/*
	 * A NUL in a name (sf_u16_has_nul, four units at a time): found at
	 * every place in names of every length, and units whose subtraction
	 * borrows (0x0001, 0x8000, 0xFFFF, 0x0100) are not taken for one.
	 */
	{
		static const uint16_t fill[] = { 'a', 0x0001, 0x8000, 0xFFFF,
		    0x0100, 0x8001 };
		uint16_t	 w16[14];
		size_t		 n, at, k, bad = 0, false_nul = 0;

		for (k = 0; k < sizeof(fill) / sizeof(fill[0]); k++)
			for (n = 0; n <= 13; n++) {
				for (at = 0; at < n; at++)
					w16[at] = fill[k];
				false_nul += sf_u16_has_nul(w16, n) != 0;
				for (at = 0; at < n; at++) {
					w16[at] = 0;
					bad += sf_u16_has_nul(w16, n) != 1;
					w16[at] = fill[k];
				}
			}
		CHECK(bad == 0, "a NUL unit is found at every place of names "
		    "of 1 to 13 units (%zu missed)", bad);
		CHECK(false_nul == 0, "names without a NUL have none, units "
		    "0x0001, 0x8000, 0xFFFF, 0x0100 and 0x8001 too (%zu wrong)",
		    false_nul);
		w16[0] = 0x0100;
		w16[1] = 0x0000;
		CHECK(sf_u16_has_nul(w16 + 1, 0) == 0, "the unit past the end "
		    "is not read");
	}

	/* The shipped rules: where the time went (make bench). */
	if (sf_compiler_new(&c, NULL) != SF_OK)
		abort();
	if (sf_compiler_add_dir(c, "rules", NULL) != SF_OK ||
	    sf_compiler_finish(c, &rs, &e) != SF_OK) {
		CHECK(0, "the shipped rules compile: %s",
		    e != NULL ? sf_error_message(e) : "?");
		sf_error_free(e);
		sf_compiler_free(c);
		T_DONE();
	}
	sf_compiler_free(c);
	for (i = 0; i < rs->nrule; i++) {
		const struct sf_rule *r = rs->rule[i];
		int want;

		if (strncmp(r->id, "GEN-00", 6) != 0 &&
		    strcmp(r->id, "LPR-003") != 0)
			continue;
		want = strcmp(r->id, "LPR-003") != 0;
		prefilter_build(&pf, r->when, r->scopes[0].kind);
		CHECK((pf.root >= 0) == want, "%s: %s", r->id, want ?
		    "a prefilter" : "no prefilter (it reads values by name)");
	}
	sf_rules_free(rs);
	T_DONE();
}
