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
 * ntdll's key functions for the Windows build: found once by name (they
 * are not in the import libraries mingw links), and the one reader of
 * key records whose buffer grows to what a record needs.  The live
 * source (hive/source_live_win32.c) and the live writer
 * (write/writer_live_win32.c) both use them: counted names, so that a
 * name holding a NUL is read and written as it is.
 */
#include "base/ntkey_win32.h"

#include <stdlib.h>

struct sf_ntkey sf_nt;

sf_status
sf_ntkey_load(sf_error **errp)
{
	HMODULE m;

	if (sf_nt.open != NULL)
		return SF_OK;
#define GET(f, n) ((sf_nt.f = (__typeof__(sf_nt.f))(void (*)(void))\
	GetProcAddress(m, n)) != NULL)
	if ((m = GetModuleHandleW(L"ntdll.dll")) == NULL ||
	    !GET(create, "NtCreateKey") || !GET(enum_key, "NtEnumerateKey") ||
	    !GET(enum_value, "NtEnumerateValueKey") ||
	    !GET(query, "NtQueryKey") || !GET(close, "NtClose") ||
	    !GET(delete_key, "NtDeleteKey") || !GET(flush, "NtFlushKey") ||
	    !GET(set_value, "NtSetValueKey") ||
	    !GET(delete_value, "NtDeleteValueKey") || !GET(open, "NtOpenKey")) {
		sf_nt.open = NULL;	/* loaded means all of them */
		return sf_err(errp, SF_ERR_IO, "run spoolfix on Windows 7 or "
		    "later", "ntdll.dll lacks the registry functions spoolfix "
		    "needs");
	}
#undef GET
	return SF_OK;
}

NTSTATUS
sf_ntkey_read(HANDLE key, int what, ULONG index, void **buf, ULONG *cap)
{
	NTSTATUS	st;
	ULONG		need = 0;
	void		*nb;

	for (;;) {
		if (*cap == 0)
			st = STATUS_BUFFER_TOO_SMALL;
		else if (what == NTKEY_SUBKEY)
			st = sf_nt.enum_key(key, index, KeyBasicInfo, *buf, *cap,
			    &need);
		else if (what == NTKEY_VALUE)
			st = sf_nt.enum_value(key, index, KeyValueFullInfo,
			    *buf, *cap, &need);
		else
			st = sf_nt.query(key, KeyFullInfo, *buf, *cap, &need);
		if (st != STATUS_BUFFER_OVERFLOW &&
		    st != STATUS_BUFFER_TOO_SMALL)
			return st;
		if (need <= *cap)
			need = *cap < 256 ? 512 : *cap * 2;
		/* A value's data, its name and the record's header. */
		if (need > SF_MAX_VALUE_DATA + 70000 ||
		    (nb = realloc(*buf, need)) == NULL)
			return (NTSTATUS)0xC0000017L;	/* NO_MEMORY */
		*buf = nb;
		*cap = need;
	}
}
