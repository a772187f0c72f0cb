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
 * The verification of a written hive (write/verify.c) names the first
 * difference it finds beyond the planned changes.  Its records keep
 * names as hex units, so that every name compares exactly; the message
 * must show them as a user reads them, escaped as everywhere else (a
 * NUL as \0, a control as \xNN, '\' inside a name as \\).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "write/verify.h"
#include "t.h"

static int
make(const char *dir, const char *name, const char *text, char *out,
    size_t outlen)
{
	char	 txt[512], cmd[1400];
	FILE	*f;

	snprintf(txt, sizeof(txt), "%s/%s.hreg", dir, name);
	snprintf(out, outlen, "%s/%s", dir, name);
	if ((f = fopen(txt, "w")) == NULL)
		return -1;
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "fixtures/mkhive -o '%s' '%s'", out, txt);
	return system(cmd) == 0 ? 0 : -1;
}

/* The message of comparing before with after, nothing touched. */
static char *
difference(const char *before, const char *after)
{
	sf_error	*e = NULL;
	char		*m;

	if (canon_compare(before, after, NULL, 0, 0, &e) != SF_ERR_VERIFY ||
	    e == NULL) {
		sf_error_free(e);
		return NULL;
	}
	m = strdup(sf_error_message(e));
	sf_error_free(e);
	return m;
}

int
main(void)
{
	char	 dir[] = "/tmp/spoolfix-verify.XXXXXX";
	char	 a[600], b[600], c[600], d[600], cmd[700];
	char	*m;

	alarm(T_ALARM);
	if (mkdtemp(dir) == NULL) {
		CHECK(0, "mkdtemp");
		T_DONE();
	}
	if (make(dir, "a", "!root ROOT\n[P]\n\"v\"=\"1\"\n", a, sizeof(a)) ||
	    make(dir, "b", "!root ROOT\n[P]\n\"v\"=\"1\"\n"
	    "[P\\nul{U+0000}back{U+005C}bell{U+0007}]\n", b, sizeof(b)) ||
	    make(dir, "c", "!root ROOT\n[P]\n\"v\"=\"1\"\n"
	    "\"w{U+0000}{U+000A}\"=\"x\"\n", c, sizeof(c)) ||
	    make(dir, "d", "!root ROOT\n[P]\n\"v\"=\"1\"\n@=\"d\"\n", d,
	    sizeof(d))) {
		CHECK(0, "mkhive");
		T_DONE();
	}
	CHECK(canon_compare(a, a, NULL, 0, 0, NULL) == SF_OK,
	    "a hive compared with itself: no difference");
	m = difference(a, b);
	CHECK(m != NULL && strstr(m, "key P\\nul\\0back\\\\bell\\x07 is new "
	    "or changed") != NULL, "a new key: named as text, its NUL, "
	    "backslash and control escaped: %s", m ? m : "(none)");
	free(m);
	m = difference(a, c);
	CHECK(m != NULL && strstr(m, "the value \"w\\0\\x0a\" of key P is new "
	    "or changed") != NULL, "a new value: its name escaped, its key "
	    "named: %s", m ? m : "(none)");
	free(m);
	m = difference(d, a);
	CHECK(m != NULL && strstr(m, "the default value of key P is missing "
	    "or changed") != NULL, "a default value gone: %s",
	    m ? m : "(none)");
	free(m);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	(void)system(cmd);
	T_DONE();
}
