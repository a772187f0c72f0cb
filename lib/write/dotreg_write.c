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
 * Writing .reg files the way regedit exports them: a "Windows Registry
 * Editor Version 5.00" header, UTF-16LE with a byte-order mark, CRLF line
 * ends, hex data wrapped with a trailing backslash.  Strings go out as
 * hex(1)/hex(2)/hex(7) bytes, DWORDs as dword:, binary as hex:.
 *
 * The names a plain line cannot hold go out as spoolfix's extension
 * lines (";spoolfix " and the line, names %XXXX-escaped, never wrapped;
 * hive/dotreg_in.h), which regedit skips and spoolfix undo applies.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "write/dotreg.h"

#define WRAP	76	/* regedit wraps hex lines near 80 columns */

void
reg_out_free(reg_out *o)
{
	sf_u16buf_free(&o->b);
}

static void
ascii(reg_out *o, const char *s)
{
	while (*s != '\0')
		sf_u16buf_addc(&o->b, (uint16_t)(unsigned char)*s++);
}

static void
eol(reg_out *o)
{
	ascii(o, "\r\n");
}

void
reg_out_init(reg_out *o)
{
	memset(o, 0, sizeof(*o));
	sf_u16buf_init(&o->b);
	ascii(o, "Windows Registry Editor Version 5.00");
	eol(o);
	eol(o);
	o->header_len = o->b.len;
}

void
reg_out_comment(reg_out *o, const char *utf8)
{
	size_t n;

	for (;;) {
		n = strcspn(utf8, "\n");
		ascii(o, "; ");
		sf_u16buf_add_utf8(&o->b, utf8, n);
		eol(o);
		if (utf8[n] == '\0')
			break;
		utf8 += n + 1;
	}
}

void
reg_out_blank(reg_out *o)
{
	eol(o);
}

static int
bad_key_name(const uint16_t *u, size_t n)
{
	size_t i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (u[i] == 0 || u[i] == '\\' || u[i] == '\r' || u[i] == '\n')
			return 1;
	return 0;
}

static int
bad_value_name(const uint16_t *u, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (u[i] == 0 || u[i] == '\r' || u[i] == '\n')
			return 1;
	return 0;
}

int
reg_out_value_name_ok(const uint16_t *u, size_t n)
{
	return !bad_value_name(u, n);
}

/*
 * A name of an extension line: '%' and the units a plain line cannot
 * hold as %XXXX; '\' too in a key name, where it would split the path.
 */
static void
escaped(sf_u16buf *b, const uint16_t *u, size_t n, int key)
{
	char	 h[8];
	size_t	 i, k;

	for (i = 0; i < n; i++) {
		if (u[i] == 0 || u[i] == '\r' || u[i] == '\n' || u[i] == '%' ||
		    (key && u[i] == '\\')) {
			snprintf(h, sizeof(h), "%%%04X", (unsigned)u[i]);
			for (k = 0; h[k] != '\0'; k++)
				sf_u16buf_addc(b, (uint16_t)h[k]);
		} else
			sf_u16buf_addc(b, u[i]);
	}
}

static int
key_line(reg_out *o, const uint16_t *const *names, const size_t *lens,
    size_t n, int delete, int ext)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ext ? lens[i] == 0 : bad_key_name(names[i], lens[i]))
			return -1;
	if (ext)
		ascii(o, REG_EXT_PREFIX);
	ascii(o, delete ? "[-" : "[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			ascii(o, "\\");
		if (i == 0 && sf_u16_caseeq_ascii(names[i], lens[i], "HKLM"))
			ascii(o, "HKEY_LOCAL_MACHINE");
		else if (i == 0 && sf_u16_caseeq_ascii(names[i], lens[i],
		    "HKU"))
			ascii(o, "HKEY_USERS");
		else if (i == 0 && sf_u16_caseeq_ascii(names[i], lens[i],
		    "HKCU"))
			ascii(o, "HKEY_CURRENT_USER");
		else if (ext)
			escaped(&o->b, names[i], lens[i], 1);
		else
			sf_u16buf_add(&o->b, names[i], lens[i]);
	}
	ascii(o, "]");
	eol(o);
	return 0;
}

int
reg_out_key(reg_out *o, const uint16_t *const *names, const size_t *lens,
    size_t n, int delete)
{
	return key_line(o, names, lens, n, delete, 0);
}

int
reg_out_key_ext(reg_out *o, const uint16_t *const *names, const size_t *lens,
    size_t n, int delete)
{
	return key_line(o, names, lens, n, delete, 1);
}

/* The name part of a value line; an extension line's %XXXX-escaped. */
static void
value_name(reg_out *o, const uint16_t *name, size_t len, int ext)
{
	sf_u16buf	 e;
	size_t		 i;

	if (ext)
		ascii(o, REG_EXT_PREFIX);
	if (len == 0) {
		ascii(o, "@=");
		return;
	}
	if (ext) {
		/* Escaped first: '%' and hex digits need no quoting. */
		sf_u16buf_init(&e);
		escaped(&e, name, len, 0);
		if (e.oom)
			o->b.oom = 1;
		name = e.u;
		len = e.len;
	}
	ascii(o, "\"");
	for (i = 0; i < len; i++) {
		if (name[i] == '"' || name[i] == '\\')
			ascii(o, "\\");
		sf_u16buf_addc(&o->b, name[i]);
	}
	ascii(o, "\"=");
	if (ext)
		sf_u16buf_free(&e);
}

/*
 * hex bytes, wrapped as regedit does: ",\" then two spaces; an
 * extension line (wrap 0) is one line, as regedit would not continue it.
 */
static void
hex_bytes(reg_out *o, size_t col, const uint8_t *d, size_t n, int wrap)
{
	char	 h[4];
	size_t	 i;

	for (i = 0; i < n; i++) {
		snprintf(h, sizeof(h), "%02x", d[i]);
		ascii(o, h);
		col += 2;
		if (i + 1 < n) {
			ascii(o, ",");
			col++;
			if (wrap && col >= WRAP) {
				ascii(o, "\\");
				eol(o);
				ascii(o, "  ");
				col = 2;
			}
		}
	}
}

static int
value_line(reg_out *o, const uint16_t *name, size_t len, uint32_t type,
    const uint8_t *d, size_t size, int ext)
{
	char	 pre[32];
	size_t	 before = o->b.len;

	if (!ext && bad_value_name(name, len))
		return -1;
	value_name(o, name, len, ext);
	if (type == SF_REG_DWORD && size == 4) {
		snprintf(pre, sizeof(pre), "dword:%08x", sf_le32(d));
		ascii(o, pre);
	} else {
		if (type == SF_REG_BINARY)
			snprintf(pre, sizeof(pre), "hex:");
		else
			snprintf(pre, sizeof(pre), "hex(%x):", type);
		ascii(o, pre);
		hex_bytes(o, o->b.len - before, d, size, !ext);
	}
	eol(o);
	return 0;
}

int
reg_out_value(reg_out *o, const uint16_t *name, size_t len, uint32_t type,
    const uint8_t *d, size_t size)
{
	return value_line(o, name, len, type, d, size, 0);
}

int
reg_out_value_ext(reg_out *o, const uint16_t *name, size_t len,
    uint32_t type, const uint8_t *d, size_t size)
{
	return value_line(o, name, len, type, d, size, 1);
}

static int
value_delete(reg_out *o, const uint16_t *name, size_t len, int ext)
{
	if (!ext && bad_value_name(name, len))
		return -1;
	value_name(o, name, len, ext);
	ascii(o, "-");
	eol(o);
	return 0;
}

int
reg_out_value_delete(reg_out *o, const uint16_t *name, size_t len)
{
	return value_delete(o, name, len, 0);
}

int
reg_out_value_delete_ext(reg_out *o, const uint16_t *name, size_t len)
{
	return value_delete(o, name, len, 1);
}

sf_status
reg_out_save(reg_out *o, const char *path, int exclusive, sf_error **errp)
{
	uint8_t		*bytes;
	size_t		 i, n;
	sf_status	 rc;
	char		*tmp = NULL, *dir;

	if (o->b.oom)
		return sf_err_nomem(errp);
	n = 2 + 2 * o->b.len;
	if ((bytes = malloc(n)) == NULL)
		return sf_err_nomem(errp);
	bytes[0] = 0xFF;	/* UTF-16LE byte-order mark */
	bytes[1] = 0xFE;
	for (i = 0; i < o->b.len; i++) {
		bytes[2 + 2 * i] = (uint8_t)(o->b.u[i] & 0xFF);
		bytes[3 + 2 * i] = (uint8_t)(o->b.u[i] >> 8);
	}
	if (exclusive) {
		rc = sf_file_write_new(path, bytes, n, errp);
		free(bytes);
		return rc;
	}
	/* Replace atomically: a crash leaves the old or the new file. */
	if ((dir = sf_path_dir(path)) == NULL) {
		free(bytes);
		return sf_err_nomem(errp);
	}
	rc = sf_file_temp(dir, ".spoolfix-undo", &tmp, errp);
	if (rc == SF_OK) {
		sf_file_remove(tmp);
		rc = sf_file_write_new(tmp, bytes, n, errp);
	}
	if (rc == SF_OK && (rc = sf_file_rename(tmp, path, errp)) == SF_OK)
		rc = sf_dir_sync(dir, errp);
	if (rc != SF_OK && tmp != NULL)
		sf_file_remove(tmp);
	free(tmp);
	free(dir);
	free(bytes);
	return rc;
}
