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
 * dump.exe NTPATH: every key and value below the registry key NTPATH,
 * one line each, read with counted names (NtEnumerateKey,
 * NtEnumerateValueKey), so that the winrepair tests compare the live
 * registry exactly: a name's units are printed as ASCII where printable
 * and \uXXXX otherwise (a NUL, a control character, a lone surrogate,
 * a backslash, a slash).  Lines: "K path" and "V path name type hexdata"; the
 * tests sort them.  Times are left out.  Exit 0 when all was read.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <winternl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef NTSTATUS (NTAPI *open_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES);
typedef NTSTATUS (NTAPI *enum_fn)(HANDLE, ULONG, ULONG, PVOID, ULONG,
    PULONG);
typedef NTSTATUS (NTAPI *close_fn)(HANDLE);

static open_fn	nopen;
static enum_fn	enum_key, enum_value;
static close_fn	nclose;
static int	bad;

/*
 * Between the names of a path: printed as '/' (a '/' inside a name is
 * printed \u002f).  U+FFFF is a noncharacter; a name holding one would
 * print it as '/' too, which the tests' names never do.
 */
#define SEP	0xffff

int	wmain(int, wchar_t **);

typedef struct {
	LARGE_INTEGER	 t;
	ULONG		 ti, len;
	WCHAR		 name[1];
} kbasic;

typedef struct {
	ULONG		 ti, type, off, size, len;
	WCHAR		 name[1];
} vfull;

static void
name(FILE *f, const WCHAR *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] == SEP)
			fputc('/', f);
		else if (u[i] >= 0x20 && u[i] < 0x7f && u[i] != '\\' &&
		    u[i] != '/')
			fputc(u[i], f);
		else
			fprintf(f, "\\u%04x", u[i]);
}

/* path: the names from NTPATH, each followed by '\'. */
static void
dump(HANDLE key, WCHAR *path, size_t plen, unsigned depth)
{
	static unsigned char	 buf[1 << 20];
	OBJECT_ATTRIBUTES	 oa;
	UNICODE_STRING		 us;
	HANDLE			 ch;
	ULONG			 i, need, k;
	kbasic			*b = (kbasic *)buf;
	vfull			*v = (vfull *)buf;
	WCHAR			*np;
	size_t			 nlen;

	fputs("K ", stdout);
	name(stdout, path, plen);
	putchar('\n');
	for (i = 0; enum_value(key, i, 1, buf, sizeof(buf), &need) >= 0; i++) {
		fputs("V ", stdout);
		name(stdout, path, plen);
		putchar(' ');
		name(stdout, v->name, v->len / 2);
		printf(" %lu ", (unsigned long)v->type);
		for (k = 0; k < v->size && v->off + k < sizeof(buf); k++)
			printf("%02x", buf[v->off + k]);
		putchar('\n');
	}
	if (depth > 64)
		return;
	for (i = 0; enum_key(key, i, 0, buf, sizeof(buf), &need) >= 0; i++) {
		nlen = plen + b->len / 2 + 1;
		if ((np = malloc(nlen * sizeof(*np))) == NULL)
			exit(2);
		memcpy(np, path, plen * sizeof(*np));
		memcpy(np + plen, b->name, b->len);
		np[nlen - 1] = SEP;
		us.Buffer = np + plen;
		us.Length = us.MaximumLength = (USHORT)b->len;
		InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, key,
		    NULL);
		if (nopen(&ch, KEY_READ, &oa) < 0)
			bad = 1;
		else {
			dump(ch, np, nlen, depth + 1);
			nclose(ch);
		}
		free(np);
	}
}

int
wmain(int argc, wchar_t **argv)
{
	OBJECT_ATTRIBUTES	 oa;
	UNICODE_STRING		 us;
	HMODULE			 nt = GetModuleHandleW(L"ntdll.dll");
	HANDLE			 root;

	if (argc != 2) {
		fputs("usage: dump NTPATH\n", stderr);
		return 2;
	}
	nopen = (open_fn)(void (*)(void))GetProcAddress(nt, "NtOpenKey");
	enum_key = (enum_fn)(void (*)(void))GetProcAddress(nt,
	    "NtEnumerateKey");
	enum_value = (enum_fn)(void (*)(void))GetProcAddress(nt,
	    "NtEnumerateValueKey");
	nclose = (close_fn)(void (*)(void))GetProcAddress(nt, "NtClose");
	if (nopen == NULL || enum_key == NULL || enum_value == NULL ||
	    nclose == NULL)
		return 2;
	us.Buffer = argv[1];
	us.Length = us.MaximumLength = (USHORT)(wcslen(argv[1]) * 2);
	InitializeObjectAttributes(&oa, &us, OBJ_CASE_INSENSITIVE, NULL, NULL);
	if (nopen(&root, KEY_READ, &oa) < 0) {
		fputs("dump: cannot open the key\n", stderr);
		return 2;
	}
	dump(root, (WCHAR *)L"", 0, 0);
	nclose(root);
	return bad;
}
