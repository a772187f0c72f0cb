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
 * The escaping contract of spoolfix.h: hostile names never reach a
 * terminal, JSON or CSV raw, and JSON escapes are exact code units.
 */
#include <stdlib.h>
#include <string.h>

#include "spoolfix.h"
#include "t.h"

/*
 * One reusable text for every case, as a JSON writer keeps it: each
 * case is also escaped into it (sf_escape_name_to, sf_escape_utf8_to),
 * after whatever longer or shorter case came before.
 */
static sf_text *text;

static void
esc(const uint16_t *u, size_t n, sf_escape_style st, const char *want,
    const char *what)
{
	sf_name	 nm = { u, n };
	char	*got = sf_escape_name(nm, st), into[200];

	CHECK_STR(got, want, what);
	snprintf(into, sizeof(into), "%s (into a text)", what);
	CHECK_STR(sf_escape_name_to(text, nm, st), want, into);
	free(got);
}

/* The same for a message (UTF-8 text), as sf_escape_utf8 escapes it. */
static void
esc8(const char *in, sf_escape_style st, const char *want, const char *what)
{
	char *got = sf_escape_utf8(in, st), into[200];

	CHECK_STR(got, want, what);
	snprintf(into, sizeof(into), "%s (into a text)", what);
	CHECK_STR(sf_escape_utf8_to(text, in, st), want, into);
	free(got);
}

int
main(void)
{
	static const uint16_t plain[] = { 'P', 'o', 'r', 't', 's' };
	static const uint16_t nul[] = { 'a', 0, 'b' };
	static const uint16_t ansi[] = { 'e', 0x1b, '[', '3', '1', 'm' };
	static const uint16_t c1[] = { 0x85, 0x7f, '\t' };
	static const uint16_t zw[] = { 'a', 0x200b, 'b', 0x202e, 'c' };
	static const uint16_t lone[] = { 'x', 0xd800, 'y', 0xdc00 };
	static const uint16_t pair[] = { 0xd83d, 0xde00 };	/* U+1F600 */
	static const uint16_t latin[] = { 'M', 0xfc, 'l', 'l', 'e', 'r' };
	static const uint16_t bs[] = { 'a', '\\', 'b' };
	static const uint16_t quote[] = { '"', 'q', '"' };
	static const uint16_t nbsp[] = { 'a', 0xa0, 'b', 0x3000 };
	char long_msg[5000];
	sf_name none = { plain, 0 };

	if ((text = sf_text_new()) == NULL)
		abort();
	/* A new text holds "" before it is written to. */
	CHECK_STR(sf_escape_name_to(text, none, SF_ESC_JSON), "",
	    "an empty name into a new text is \"\"");
	/* A long message, then short ones: each replaces the last. */
	memset(long_msg, 'x', sizeof(long_msg) - 1);
	long_msg[sizeof(long_msg) - 1] = '\0';
	CHECK(strcmp(sf_escape_utf8_to(text, long_msg, SF_ESC_JSON),
	    long_msg) == 0, "a 4999-byte message into a text");

	esc(plain, 5, SF_ESC_TEXT, "Ports", "plain text stays");
	esc(nul, 3, SF_ESC_TEXT, "a\\0b", "NUL is \\0 in text");
	esc(nul, 3, SF_ESC_JSON, "a\\u0000b", "NUL is \\u0000 in JSON");
	esc(ansi, 6, SF_ESC_TEXT, "e\\x1b[31m", "ESC is \\x1b in text");
	esc(ansi, 6, SF_ESC_JSON, "e\\u001b[31m", "ESC is \\u001b in JSON");
	esc(ansi, 6, SF_ESC_CSV, "e\\x1b[31m", "ESC is \\x1b in CSV");
	esc(c1, 3, SF_ESC_TEXT, "\\x85\\x7f\\x09", "C1, DEL and tab escaped");
	esc(zw, 5, SF_ESC_TEXT, "a\\u200bb\\u202ec",
	    "zero-width and right-to-left override escaped");
	esc(lone, 4, SF_ESC_TEXT, "x\\ud800y\\udc00",
	    "unpaired surrogates escaped in text");
	esc(lone, 4, SF_ESC_JSON, "x\\ud800y\\udc00",
	    "unpaired surrogates exact in JSON");
	esc(pair, 2, SF_ESC_TEXT, "\xf0\x9f\x98\x80",
	    "a valid pair is UTF-8 in text");
	esc(pair, 2, SF_ESC_JSON, "\\ud83d\\ude00",
	    "JSON is pure ASCII: a pair is two exact escapes");
	esc(latin, 6, SF_ESC_TEXT, "M\xc3\xbcller", "Latin-1 letters stay");
	esc(latin, 6, SF_ESC_JSON, "M\\u00fcller", "JSON escapes non-ASCII");
	esc(bs, 3, SF_ESC_TEXT, "a\\\\b",
	    "a backslash inside a name is doubled (paths stay unambiguous)");
	esc(bs, 3, SF_ESC_JSON, "a\\\\b", "JSON escapes a backslash");
	esc(quote, 3, SF_ESC_JSON, "\\\"q\\\"", "JSON escapes quotes");
	esc(nbsp, 4, SF_ESC_TEXT, "a\\u00a0b\\u3000",
	    "space look-alikes escaped");
	esc(plain, 0, SF_ESC_TEXT, "", "empty name");

	esc8("bad \x1b[2J clear", SF_ESC_TEXT, "bad \\x1b[2J clear",
	    "UTF-8 messages escaped too");
	esc8("C:\\path", SF_ESC_TEXT, "C:\\path",
	    "backslashes in messages stay single");
	esc8("\xff\xfe", SF_ESC_JSON, "\\ufffd\\ufffd",
	    "invalid UTF-8 becomes U+FFFD");
	/* Plain ASCII is copied as it is; JSON still escapes " and \. */
	esc8("say \"C:\\x\" ~", SF_ESC_JSON, "say \\\"C:\\\\x\\\" ~",
	    "JSON messages: quotes and backslashes escaped");
	esc8("say \"C:\\x\" ~", SF_ESC_CSV, "say \"C:\\x\" ~",
	    "CSV messages: plain ASCII as it is");
	esc8("tab\there", SF_ESC_TEXT, "tab\\x09here",
	    "a tab after plain text escaped");
	esc8("caf\xc3\xa9", SF_ESC_TEXT, "caf\xc3\xa9",
	    "UTF-8 after plain text kept");
	esc8("\"q\\\" caf\xc3\xa9\t", SF_ESC_JSON,
	    "\\\"q\\\\\\\" caf\\u00e9\\t",
	    "JSON: quotes and backslashes before other text escaped once");
	esc8("\"\\", SF_ESC_JSON, "\\\"\\\\", "JSON: a quote and a "
	    "backslash alone");
	esc8("", SF_ESC_JSON, "", "an empty message");

	/*
	 * Plain runs are found eight bytes or four units at a time: a
	 * character to escape at every place of a 21-character name and
	 * message, and the edges of printable ASCII (' ' and '~') kept.
	 */
	{
		static const struct { uint16_t c; const char *json, *text; }
		    bad[] = {
			{ 0x1F, "\\u001f", "\\x1f" },
			{ 0x7F, "\\u007f", "\\x7f" },
			{ 0x80, "\\u0080", "\\x80" },
			{ '"', "\\\"", "\"" },
			{ '\\', "\\\\", "\\\\" },
			{ 0, "\\u0000", "\\0" },
			{ 0x20AC, "\\u20ac", "\xe2\x82\xac" },
			{ ' ', " ", " " },
			{ '~', "~", "~" },
		};
		static const char letters[] = "abcdefghijklmnopqrstu";
		uint16_t	 nm16[21];
		char		 in8[24], want[64];
		size_t		 b, at, i, wrong = 0;
		sf_name		 nm = { nm16, 21 };
		const char	*got;

		for (b = 0; b < sizeof(bad) / sizeof(bad[0]); b++)
			for (at = 0; at < 21; at++) {
				for (i = 0; i < 21; i++)
					nm16[i] = (uint16_t)('a' + i % 26);
				nm16[at] = bad[b].c;
				snprintf(want, sizeof(want), "%.*s%s%s",
				    (int)at, letters,
				    bad[b].json, letters + at + 1);
				got = sf_escape_name_to(text, nm, SF_ESC_JSON);
				wrong += got == NULL || strcmp(got, want) != 0;
				snprintf(want, sizeof(want), "%.*s%s%s",
				    (int)at, letters,
				    bad[b].text, letters + at + 1);
				got = sf_escape_name_to(text, nm, SF_ESC_TEXT);
				wrong += got == NULL || strcmp(got, want) != 0;
				/* The message: one byte (or the euro's three). */
				if (bad[b].c == 0)
					continue;
				snprintf(in8, sizeof(in8), "%.*s%s%s",
				    (int)at, letters,
				    bad[b].c == 0x20AC ? "\xe2\x82\xac" :
				    (char[]){ (char)bad[b].c, 0 },
				    letters + at + 1);
				snprintf(want, sizeof(want), "%.*s%s%s",
				    (int)at, letters,
				    bad[b].c == 0x80 ? "\\ufffd" :
				    bad[b].json, letters + at + 1);
				got = sf_escape_utf8_to(text, in8, SF_ESC_JSON);
				wrong += got == NULL || strcmp(got, want) != 0;
				if (wrong > 0 && wrong < 3)
					printf("# %zu at %zu: got %s, want %s\n",
					    b, at, got ? got : "(null)", want);
			}
		CHECK(wrong == 0, "a character to escape at each of 21 "
		    "places of names and messages, in JSON and text (%zu "
		    "wrong)", wrong);
	}
	sf_text_free(text);
	sf_text_free(NULL);
	T_DONE();
}
