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
 * seed.exe NTPATH FILE.hreg: creates the keys and values of a hive text
 * (fixtures/hivetext.h, the format mkhive reads) in the live registry
 * below the key NTPATH (e.g. \Registry\Machine\SOFTWARE), so the
 * windows tests seed the same faults into Wine's registry as into
 * offline hives.  Every name is passed counted to NtCreateKey and
 * NtSetValueKey: embedded NULs, control characters and unpaired
 * surrogates are created exactly.  Exit 0 when all was created.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <winternl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../fixtures/hivetext.h"

typedef NTSTATUS (NTAPI *create_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES,
    ULONG, PUNICODE_STRING, ULONG, PULONG);
typedef NTSTATUS (NTAPI *setv_fn)(HANDLE, PUNICODE_STRING, ULONG, ULONG,
    PVOID, ULONG);
typedef NTSTATUS (NTAPI *close_fn)(HANDLE);

static create_fn	create;
static setv_fn		setv;
static close_fn		nclose;

int	wmain(int, wchar_t **);

static void
counted(UNICODE_STRING *us, const uint16_t *u, size_t len)
{
	us->Buffer = (PWSTR)(uintptr_t)u;
	us->Length = us->MaximumLength = (USHORT)(len * 2);
}

static int
seed(HANDLE parent, const struct ht_key *k)
{
	OBJECT_ATTRIBUTES	 oa;
	UNICODE_STRING		 us;
	HANDLE			 h;
	NTSTATUS		 st;
	size_t			 i;
	int			 bad = 0;
	unsigned char		*d;

	counted(&us, k->name.units, k->name.len);
	InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, parent,
	    NULL);
	if ((st = create(&h, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL)) < 0) {
		fprintf(stderr, "seed: NtCreateKey failed: 0x%08lx\n",
		    (unsigned long)st);
		return 1;
	}
	for (i = 0; i < k->nvalues; i++) {
		const struct ht_value *v = &k->values[i];

		if ((d = malloc(v->size + 1)) == NULL)
			return 1;
		if (v->data != NULL)
			memcpy(d, v->data, v->size);
		else
			memset(d, v->fill, v->size);
		counted(&us, v->name.units, v->name.len);
		if ((st = setv(h, &us, 0, v->type, d, v->size)) < 0) {
			fprintf(stderr, "seed: NtSetValueKey (line %u) "
			    "failed: 0x%08lx\n", v->line, (unsigned long)st);
			bad = 1;
		}
		free(d);
	}
	for (i = 0; i < k->nchildren; i++)
		bad |= seed(h, k->children[i]);
	nclose(h);
	return bad;
}

int
wmain(int argc, wchar_t **argv)
{
	OBJECT_ATTRIBUTES	 oa;
	UNICODE_STRING		 us;
	struct ht_hive		 hive;
	HMODULE			 nt = GetModuleHandleW(L"ntdll.dll");
	HANDLE			 root;
	FILE			*f;
	char			*text;
	long			 n;
	size_t			 i;
	int			 bad = 0;

	if (argc != 3) {
		fputs("usage: seed NTPATH FILE.hreg\n", stderr);
		return 2;
	}
	create = (create_fn)(void (*)(void))GetProcAddress(nt, "NtCreateKey");
	setv = (setv_fn)(void (*)(void))GetProcAddress(nt, "NtSetValueKey");
	nclose = (close_fn)(void (*)(void))GetProcAddress(nt, "NtClose");
	if (create == NULL || setv == NULL || nclose == NULL)
		return 2;
	if ((f = _wfopen(argv[2], L"rb")) == NULL ||
	    fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 ||
	    (text = malloc((size_t)n + 1)) == NULL ||
	    fread(text, 1, (size_t)n, f) != (size_t)n) {
		fputs("seed: cannot read the hive text\n", stderr);
		return 2;
	}
	fclose(f);
	if (ht_parse(&hive, text, (size_t)n, "seed", stderr) != 0)
		return 2;
	counted(&us, (const uint16_t *)argv[1], wcslen(argv[1]));
	InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, NULL,
	    NULL);
	if (create(&root, KEY_ALL_ACCESS, &oa, 0, NULL, 0, NULL) < 0) {
		fputs("seed: cannot open the root key\n", stderr);
		return 2;
	}
	/* The text's root stands for NTPATH itself. */
	for (i = 0; i < hive.root->nchildren; i++)
		bad |= seed(root, hive.root->children[i]);
	for (i = 0; i < hive.root->nvalues; i++)
		bad = 1;	/* values of the root: not supported */
	nclose(root);
	ht_free(&hive);
	free(text);
	return bad;
}
