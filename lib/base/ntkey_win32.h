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
 * ntdll's key calls as the live source (hive/source_live_win32.c) and
 * the live writer (write/writer_live_win32.c) use them, Windows only:
 * the status codes mingw's headers may lack, the information classes
 * and records of NtQueryKey, NtEnumerateKey and NtEnumerateValueKey,
 * and the functions' types (each file takes them from ntdll with
 * GetProcAddress: mingw has no import library certain to carry them).
 * One copy, since both read the same records.
 */
#ifndef SPOOLFIX_NTKEY_WIN32_H
#define SPOOLFIX_NTKEY_WIN32_H

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>
#include <winternl.h>

#include "base/internal.h"

#ifndef STATUS_BUFFER_OVERFLOW
#define STATUS_BUFFER_OVERFLOW		((NTSTATUS)0x80000005L)
#endif
#ifndef STATUS_BUFFER_TOO_SMALL
#define STATUS_BUFFER_TOO_SMALL		((NTSTATUS)0xC0000023L)
#endif
#ifndef STATUS_NO_MORE_ENTRIES
#define STATUS_NO_MORE_ENTRIES		((NTSTATUS)0x8000001AL)
#endif

/* The information classes and records of ntdll's key calls. */
enum { KeyBasicInfo = 0, KeyFullInfo = 2 };
enum { KeyValueFullInfo = 1 };

typedef struct kbasic {
	LARGE_INTEGER	 LastWriteTime;
	ULONG		 TitleIndex;
	ULONG		 NameLength;	/* bytes */
	WCHAR		 Name[1];
} kbasic;

typedef struct kfull {
	LARGE_INTEGER	 LastWriteTime;
	ULONG		 TitleIndex;
	ULONG		 ClassOffset;
	ULONG		 ClassLength;
	ULONG		 SubKeys;
	ULONG		 MaxNameLen;
	ULONG		 MaxClassLen;
	ULONG		 Values;
	ULONG		 MaxValueNameLen;
	ULONG		 MaxValueDataLen;
	WCHAR		 Class[1];
} kfull;

typedef struct vfull {
	ULONG		 TitleIndex;
	ULONG		 Type;
	ULONG		 DataOffset;
	ULONG		 DataLength;
	ULONG		 NameLength;	/* bytes */
	WCHAR		 Name[1];
} vfull;

typedef NTSTATUS (NTAPI *open_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES);
typedef NTSTATUS (NTAPI *create_fn)(PHANDLE, ACCESS_MASK, POBJECT_ATTRIBUTES,
    ULONG, PUNICODE_STRING, ULONG, PULONG);
typedef NTSTATUS (NTAPI *enum_fn)(HANDLE, ULONG, ULONG, PVOID, ULONG,
    PULONG);
typedef NTSTATUS (NTAPI *query_fn)(HANDLE, ULONG, PVOID, ULONG, PULONG);
typedef NTSTATUS (NTAPI *handle_fn)(HANDLE);
typedef NTSTATUS (NTAPI *setv_fn)(HANDLE, PUNICODE_STRING, ULONG, ULONG,
    PVOID, ULONG);
typedef NTSTATUS (NTAPI *delv_fn)(HANDLE, PUNICODE_STRING);

/*
 * ntdll's key functions, found once (ntkey_win32.c) for the live source
 * and the live writer alike.
 */
struct sf_ntkey {
	open_fn		 open;
	create_fn	 create;
	enum_fn		 enum_key;
	enum_fn		 enum_value;
	query_fn	 query;
	handle_fn	 close;
	handle_fn	 delete_key;
	handle_fn	 flush;
	setv_fn		 set_value;
	delv_fn		 delete_value;
};
extern struct sf_ntkey sf_nt;

/* Fills sf_nt; SF_ERR_IO when ntdll lacks one of them. */
sf_status	 sf_ntkey_load(sf_error **);

/* What sf_ntkey_read reads. */
enum { NTKEY_SUBKEY, NTKEY_VALUE, NTKEY_INFO };

/*
 * One record of a key: its index-th subkey (KEY_BASIC_INFORMATION), its
 * index-th value (KEY_VALUE_FULL_INFORMATION) or the key's own
 * KEY_FULL_INFORMATION, into *buf (of *cap bytes), which grows as the
 * record needs, up to what the largest value allows.
 */
NTSTATUS	 sf_ntkey_read(HANDLE, int what, ULONG index, void **buf,
		    ULONG *cap);

#endif
