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
 * Reading .reg files, for "spoolfix undo" and as a scan source
 * (source_reg.c): regedit's version 5 format (UTF-16LE with a
 * byte-order mark, as regedit and spoolfix write it, or UTF-8) and
 * REGEDIT4 (ANSI).  Key headers [path] and [-path]; values "name"= or
 * @= with "string", dword:, hex:, hex(N): or - (delete); hex lines
 * continued with a trailing backslash; comments after ';'.  Any error
 * names its line.  Strictly read (undo), nothing is applied from a file
 * that does not parse; leniently read (a scanned export), a malformed
 * line is skipped and listed, as regedit skips it on import.
 *
 * Undo files also hold spoolfix's extension lines (dotreg_in.h): a
 * comment ";spoolfix " followed by a key header or value line whose
 * names may carry %XXXX escapes, for the names a plain line cannot hold.
 * regedit skips them as comments; a strict reading applies them.
 */
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "hive/dotreg_in.h"

typedef struct lines {
	uint16_t	*u;
	size_t		 n;
	size_t		 pos;
	unsigned	 line;
} lines;

/*
 * The next logical line (continuations joined); 0 at the end.  Linear
 * in the input: each unit is looked at a bounded number of times, and
 * whether the line is hex data (only hex data continues; a string may
 * end in a backslash) is decided once, from its first physical line,
 * not by re-scanning the joined text for every continuation line.  A
 * comment line (';' after blanks) is never continued, whatever it holds:
 * regedit reads the next line on its own, so "; x=hex:01,\" must not
 * swallow a key header after it (nor an extension line, never wrapped).
 */
static int
next_line(lines *l, sf_u16buf *out, unsigned *first)
{
	size_t	 s, e, k;
	int	 more, hex = 0;

	out->len = 0;
	if (l->pos >= l->n)
		return 0;
	*first = l->line + 1;
	do {
		s = l->pos;
		for (e = s; e < l->n && l->u[e] != '\n'; e++)
			;
		l->pos = e < l->n ? e + 1 : e;
		l->line++;
		if (e > s && l->u[e - 1] == '\r')
			e--;
		if (out->len > 0) {
			/* leading blanks of continuation lines */
			while (s < e && (l->u[s] == ' ' || l->u[s] == '\t'))
				s++;
		} else {
			for (k = s; k < e && (l->u[k] == ' ' ||
			    l->u[k] == '\t'); k++)
				;
			if (k < e && l->u[k] == ';')
				k = e;	/* a comment: hex stays 0 */
			for (; k + 3 < e && !hex; k++)
				if (l->u[k] == '=' && l->u[k + 1] == 'h')
					hex = 1;
		}
		more = hex && e > s && l->u[e - 1] == '\\' && l->pos < l->n;
		if (sf_u16buf_add(out, l->u + s, (size_t)(e - s) -
		    (more ? 1 : 0)) == -1)
			return -1;
	} while (more);
	return 1;
}

static int
starts(const uint16_t *u, size_t n, const char *s)
{
	size_t i, k = strlen(s);

	if (n < k)
		return 0;
	for (i = 0; i < k; i++)
		if (sf_u16_upper(u[i]) != sf_u16_upper((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Whether the line starts with s, exactly (case counts). */
static int
ascii_is(const uint16_t *u, const char *s)
{
	for (; *s != '\0'; s++, u++)
		if (*u != (unsigned char)*s)
			return 0;
	return 1;
}

static sf_status
bad(sf_error **errp, const reg_in_opts *o, const char *path, unsigned line,
    const char *what)
{
	return sf_err(errp, SF_ERR_FORMAT, o->advice, "%s:%u: %s", path, line,
	    what);
}

/*
 * A malformed line: the end of a strict reading (-1, *rc set), or,
 * reading leniently, a line skipped and listed (0).
 */
static int
skip_line(reg_in *in, const reg_in_opts *o, sf_status *rc, sf_error **errp,
    const char *path, unsigned line, const char *what)
{
	if (!o->lenient) {
		*rc = bad(errp, o, path, line, what);
		return -1;
	}
	if (in->nbad < REG_BAD_MAX) {
		in->bad[in->nbad].line = line;
		in->bad[in->nbad++].what = what;
	}
	in->nbad_all++;
	return 0;
}


/*
 * Decodes the %XXXX escapes of an extension line's name (dotreg_in.h)
 * into out: -1 when a '%' is not followed by four hex digits.
 */
static int
unescape(const uint16_t *u, size_t n, sf_u16buf *out)
{
	size_t	 i, k;
	unsigned v;
	int	 h;

	out->len = 0;
	for (i = 0; i < n; i++) {
		if (u[i] != '%') {
			sf_u16buf_addc(out, u[i]);
			continue;
		}
		if (n - i < 5)
			return -1;
		for (v = 0, k = 1; k <= 4; k++) {
			if ((h = sf_hex_digit(u[i + k])) < 0)
				return -1;
			v = v << 4 | (unsigned)h;
		}
		sf_u16buf_addc(out, (uint16_t)v);
		i += 4;
	}
	return out->oom ? -1 : 0;
}

/*
 * The parsers below return -1 for a malformed line, which is skipped or
 * refused as such, and NOMEM when memory ran out: a line is never called
 * malformed for that.
 */
#define NOMEM	(-3)

/*
 * Splits a key path at '\'; the arrays are sized once, by counting.  An
 * extension header's segments are unescaped (-2: a malformed escape).
 */
static int
split_path(reg_op *op, const uint16_t *u, size_t n, int ext, sf_u16buf *tmp)
{
	const uint16_t	*seg;
	size_t		 s = 0, i, len, count = 1;

	for (i = 0; i < n; i++)
		count += u[i] == '\\';
	if ((op->seg = sf_calloc(count, sizeof(*op->seg))) == NULL ||
	    (op->seglen = sf_calloc(count, sizeof(*op->seglen))) == NULL)
		return NOMEM;
	for (i = 0; i <= n; i++) {
		if (i < n && u[i] != '\\')
			continue;
		if (ext) {
			if (unescape(u + s, i - s, tmp) == -1)
				return tmp->oom ? NOMEM : -2;
			seg = tmp->u;
			len = tmp->len;
		} else {
			seg = u + s;
			len = i - s;
		}
		if (len == 0 || len > SF_MAX_NAME_UNITS)
			return -1;	/* empty, or longer than any key's */
		if ((op->seg[op->nseg] = sf_u16dup(seg, len)) == NULL)
			return NOMEM;
		op->seglen[op->nseg++] = len;
		s = i + 1;
	}
	return 0;
}

/* Comma-separated hex bytes; -1 on a malformed list. */
static int
hex_list(const uint16_t *u, size_t n, uint8_t **out, size_t *len)
{
	size_t	 i = 0, cap = n / 2 + 1;
	int	 hi, lo;

	if ((*out = malloc(cap)) == NULL)
		return NOMEM;
	*len = 0;
	while (i < n) {
		while (i < n && (u[i] == ' ' || u[i] == '\t'))
			i++;
		if (i == n)
			break;
		if (i + 1 >= n || (hi = sf_hex_digit(u[i])) < 0 ||
		    (lo = sf_hex_digit(u[i + 1])) < 0)
			return -1;
		(*out)[(*len)++] = (uint8_t)(hi << 4 | lo);
		i += 2;
		while (i < n && (u[i] == ' ' || u[i] == '\t'))
			i++;
		if (i < n && u[i++] != ',')
			return -1;
	}
	return 0;
}

/* "quoted" with \\ and \" escapes; returns the units after the quote. */
static size_t
quoted(const uint16_t *u, size_t n, sf_u16buf *out)
{
	size_t i = 1;

	out->len = 0;
	for (; i < n; i++) {
		if (u[i] == '\\' && i + 1 < n) {
			sf_u16buf_addc(out, u[++i]);
			continue;
		}
		if (u[i] == '"')
			return i + 1;
		sf_u16buf_addc(out, u[i]);
	}
	return 0;
}

/* Windows-1252's characters for the bytes 0x80 to 0x9F. */
static const uint16_t cp1252[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
	0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178
};

static uint16_t
ansi(uint8_t c)
{
	return c >= 0x80 && c < 0xA0 ? cp1252[c - 0x80] : c;
}

/*
 * REGEDIT4 writes the strings of hex(1), hex(2) and hex(7) as ANSI
 * bytes; the registry holds UTF-16LE.  Each byte becomes one unit, as
 * regedit converts them on import.
 */
static int
widen(reg_op *op)
{
	uint8_t	*w;
	size_t	 i;

	if ((w = malloc(2 * op->size + 1)) == NULL)
		return NOMEM;
	for (i = 0; i < op->size; i++) {
		w[2 * i] = (uint8_t)(ansi(op->data[i]) & 0xFF);
		w[2 * i + 1] = (uint8_t)(ansi(op->data[i]) >> 8);
	}
	free(op->data);
	op->data = w;
	op->size *= 2;
	return 0;
}

static int
parse_data(reg_op *op, const uint16_t *u, size_t n, int regedit4,
    int lenient)
{
	sf_u16buf s;
	size_t	  i, end;
	uint32_t  v = 0;
	int	  h, r;

	if (n == 1 && u[0] == '-') {
		op->kind = REG_DELETE_VALUE;
		return 0;
	}
	op->kind = REG_SET_VALUE;
	if (n > 0 && u[0] == '"') {
		sf_u16buf_init(&s);
		end = quoted(u, n, &s);
		if (s.oom) {
			sf_u16buf_free(&s);
			return NOMEM;
		}
		if (end != n) {
			sf_u16buf_free(&s);
			return -1;
		}
		op->type = SF_REG_SZ;
		op->size = 2 * s.len + 2;
		if ((op->data = calloc(1, op->size)) == NULL) {
			sf_u16buf_free(&s);
			return NOMEM;
		}
		for (i = 0; i < s.len; i++) {
			op->data[2 * i] = (uint8_t)(s.u[i] & 0xFF);
			op->data[2 * i + 1] = (uint8_t)(s.u[i] >> 8);
		}
		sf_u16buf_free(&s);
		return 0;
	}
	if (starts(u, n, "dword:")) {
		/*
		 * regedit writes 8 digits and reads 1 to 8 (hand-written
		 * exports have dword:1); an undo file has its 8.
		 */
		if (n - 6 < 1 || n - 6 > 8 || (!lenient && n - 6 != 8))
			return -1;
		for (i = 6; i < n; i++) {
			if ((h = sf_hex_digit(u[i])) < 0)
				return -1;
			v = v << 4 | (uint32_t)h;
		}
		op->type = SF_REG_DWORD;
		op->size = 4;
		if ((op->data = malloc(4)) == NULL)
			return NOMEM;
		op->data[0] = (uint8_t)v;
		op->data[1] = (uint8_t)(v >> 8);
		op->data[2] = (uint8_t)(v >> 16);
		op->data[3] = (uint8_t)(v >> 24);
		return 0;
	}
	if (starts(u, n, "hex:")) {
		op->type = SF_REG_BINARY;
		return hex_list(u + 4, n - 4, &op->data, &op->size);
	}
	if (starts(u, n, "hex(")) {
		for (i = 4; i < n && u[i] != ')'; i++) {
			if ((h = sf_hex_digit(u[i])) < 0 || v > 0x0FFFFFFF)
				return -1;
			v = v << 4 | (uint32_t)h;
		}
		if (i == 4 || i + 1 >= n || u[i] != ')' || u[i + 1] != ':')
			return -1;
		op->type = v;
		if ((r = hex_list(u + i + 2, n - i - 2, &op->data,
		    &op->size)) != 0)
			return r;
		if (regedit4 && (v == SF_REG_SZ || v == SF_REG_EXPAND_SZ ||
		    v == SF_REG_MULTI_SZ))
			return widen(op);
		return 0;
	}
	return -1;
}

static void
op_free(reg_op *op)
{
	size_t i;

	if (!op->borrowed) {
		for (i = 0; i < op->nseg; i++)
			free(op->seg[i]);
		free(op->seg);
		free(op->seglen);
	}
	free(op->name);
	free(op->data);
}

void
reg_in_free(reg_in *in)
{
	size_t i;

	for (i = 0; i < in->n; i++)
		op_free(&in->op[i]);
	free(in->op);
	memset(in, 0, sizeof(*in));
}

/* Appends an op; the array grows by doubling, so reading stays linear. */
static int
push(reg_in *in, reg_op *op)
{
	reg_op	*n;
	size_t	 cap;

	if (in->n == in->cap) {
		cap = in->cap > 0 ? 2 * in->cap : 64;
		if ((n = sf_reallocarray(in->op, cap, sizeof(*n))) == NULL)
			return -1;
		in->op = n;
		in->cap = cap;
	}
	in->op[in->n++] = *op;
	return 0;
}

/* Whether n bytes are well-formed UTF-8 (no overlongs, surrogates). */
static int
valid_utf8(const uint8_t *s, size_t n)
{
	size_t	 i = 0, k, len;
	uint32_t c;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF)
			len = 2;
		else if (s[i] >= 0xE0 && s[i] <= 0xEF)
			len = 3;
		else if (s[i] >= 0xF0 && s[i] <= 0xF4)
			len = 4;
		else
			return 0;
		if (n - i < len)
			return 0;
		c = s[i] & (0xFF >> (len + 1));
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			c = c << 6 | (s[i + k] & 0x3F);
		}
		if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
		    (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
			return 0;
		i += len;
	}
	return 1;
}

/*
 * Decodes the file into UTF-16 units: a BOM means UTF-16LE; REGEDIT4
 * without one is ANSI, read as UTF-8 when it is valid UTF-8 and as
 * Windows-1252 (the code page of western Windows) otherwise; anything
 * else is UTF-8.
 */
static uint16_t *
decode(const sf_filedata *fd, size_t *n, int *regedit4)
{
	const uint8_t	*d = fd->data;
	uint16_t	*u;
	size_t		 i;

	*regedit4 = 0;
	if (fd->size >= 2 && d[0] == 0xFF && d[1] == 0xFE) {
		*n = (fd->size - 2) / 2;
		if ((u = sf_calloc(*n + 1, sizeof(*u))) == NULL)
			return NULL;
		for (i = 0; i < *n; i++)
			u[i] = sf_le16(d + 2 + 2 * i);
		return u;
	}
	i = fd->size >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if ((u = sf_calloc(fd->size + 1, sizeof(*u))) == NULL)
		return NULL;
	if (fd->size - i >= 8 && memcmp(d + i, "REGEDIT4", 8) == 0) {
		*regedit4 = 1;
		if (!valid_utf8(d + i, fd->size - i)) {
			for (*n = 0; i < fd->size; i++)
				u[(*n)++] = ansi(d[i]);
			return u;
		}
	}
	*n = sf_utf8_to_u16((const char *)d + i, fd->size - i, u,
	    fd->size + 1);
	return u;
}

sf_status
reg_in_read(const char *path, const reg_in_opts *o, reg_in *in,
    sf_error **errp)
{
	sf_filedata	 fd;
	sf_u16buf	 line, name, esc;
	lines		 l;
	reg_op		 op;
	unsigned	 ln = 0;
	size_t		 end, key[2] = { 0, 0 };
	int		 header = 0, have_key[2] = { 0, 0 };
	int		 skipping[2] = { 0, 0 }, ext, r;
	sf_status	 rc;
	sf_error	*e = NULL;

	memset(in, 0, sizeof(*in));
	if ((rc = sf_file_read(path, REG_IN_MAX, &fd, &e)) != SF_OK) {
		/* The shared reader's "too large" speaks of hives. */
		if (rc == SF_ERR_FORMAT) {
			sf_error_free(e);
			return sf_err(errp, SF_ERR_FORMAT, o->big_advice,
			    "%s: the %s is too large (more than %zu MB, the "
			    "most spoolfix reads)", path, o->what,
			    REG_IN_MAX / (1024 * 1024));
		}
		if (errp != NULL)
			*errp = e;
		else
			sf_error_free(e);
		return rc;
	}
	memset(&l, 0, sizeof(l));
	l.u = decode(&fd, &l.n, &in->regedit4);
	sf_file_release(&fd);
	if (l.u == NULL)
		return sf_err_nomem(errp);
	sf_u16buf_init(&line);
	sf_u16buf_init(&name);
	sf_u16buf_init(&esc);
	rc = SF_OK;
	while (rc == SF_OK && (r = next_line(&l, &line, &ln)) != 0) {
		uint16_t *u = line.u;
		size_t	  n = line.len;

		if (r == -1) {
			rc = sf_err_nomem(errp);
			break;
		}
		while (n > 0 && (u[n - 1] == ' ' || u[n - 1] == '\t'))
			n--;
		while (n > 0 && (u[0] == ' ' || u[0] == '\t')) {
			u++;
			n--;
		}
		/*
		 * An extension line (";spoolfix " and a key header or value
		 * line) is read by a strict reading only.  A lenient reading
		 * is a scanned export, the registry as an import by regedit
		 * would leave it; regedit skips these lines as comments, and
		 * so does the scan.  Each kind keeps its own current key: a
		 * plain value belongs to the last plain header, as regedit
		 * reads the file, and an extension value to the last
		 * extension header, so that what regedit does is a part of
		 * what spoolfix does.
		 */
		ext = !o->lenient && n >= REG_EXT_LEN &&
		    ascii_is(u, REG_EXT_PREFIX);
		if (ext) {
			u += REG_EXT_LEN;
			n -= REG_EXT_LEN;
			if (!header || n == 0 || (u[0] != '[' && u[0] != '"' &&
			    u[0] != '@')) {
				if (skip_line(in, o, &rc, errp, path, ln,
				    !header ? "an extension line before the "
				    "file header" : "malformed extension line") ==
				    -1)
					break;
				continue;
			}
		} else if (n == 0 || u[0] == ';')
			continue;
		if (!header) {
			if (!starts(u, n, "Windows Registry Editor Version 5.00") &&
			    !starts(u, n, "REGEDIT4"))
				rc = bad(errp, o, path, ln, "not a .reg file "
				    "(no \"Windows Registry Editor Version "
				    "5.00\" or \"REGEDIT4\" header)");
			header = 1;
			continue;
		}
		memset(&op, 0, sizeof(op));
		op.line = ln;
		if (u[0] == '[') {
			int del = n > 1 && u[1] == '-';

			/*
			 * [ROOT\KEY\] as hivexregedit writes the root, in
			 * an export; an undo file has no such header.
			 */
			if (o->lenient && n > 3 + (size_t)del &&
			    u[n - 1] == ']' && u[n - 2] == '\\' &&
			    u[n - 3] != '\\') {
				u[n - 2] = ']';
				n--;
			}

			r = n < 2 + (size_t)del || u[n - 1] != ']' ? -1 :
			    split_path(&op, u + 1 + del, n - 2 - (size_t)del,
			    ext, &esc);
			if (r == NOMEM) {
				op_free(&op);
				rc = sf_err_nomem(errp);
				break;
			}
			if (r != 0 || op.nseg == 0) {
				op_free(&op);
				/* Its values go with it, unlisted. */
				have_key[ext] = 0;
				skipping[ext] = 1;
				if (skip_line(in, o, &rc, errp, path, ln, r == -2 ?
				    "malformed %XXXX escape in a key header" :
				    "malformed key header") == -1)
					break;
				continue;
			}
			op.kind = del ? REG_DELETE_KEY : REG_KEY;
			have_key[ext] = !del;
			skipping[ext] = del;
			key[ext] = in->n;
			if (push(in, &op) == -1) {
				op_free(&op);
				rc = sf_err_nomem(errp);
			}
			continue;
		}
		if (!have_key[ext]) {
			/* Values after [-KEY]: ignored, as by regedit. */
			if (skipping[ext] && o->lenient)
				continue;
			if (skip_line(in, o, &rc, errp, path, ln,
			    "a value outside any key") == -1)
				break;
			continue;
		}
		end = u[0] == '"' ? quoted(u, n, &name) : 0;
		if (name.oom) {
			rc = sf_err_nomem(errp);
			break;
		}
		if (u[0] == '@' && n > 1 && u[1] == '=')
			end = 1;
		else if (u[0] != '"' || end == 0 ||
		    end >= n || u[end] != '=' || (!ext &&
		    name.len > SF_MAX_NAME_UNITS)) {
			if (skip_line(in, o, &rc, errp, path, ln,
			    "malformed value line") == -1)
				break;
			continue;
		}
		if (u[0] == '"' && ext) {
			/* Its length is the decoded name's, not the line's. */
			r = unescape(name.u, name.len, &esc);
			if (esc.oom) {
				rc = sf_err_nomem(errp);
				break;
			}
			if (r == -1 || esc.len > SF_MAX_NAME_UNITS) {
				if (skip_line(in, o, &rc, errp, path, ln, r == -1 ?
				    "malformed %XXXX escape in a value name" :
				    "malformed value line") == -1)
					break;
				continue;
			}
			op.name = sf_u16dup(esc.u, esc.len);
			op.namelen = esc.len;
		} else if (u[0] == '"') {
			op.name = sf_u16dup(name.u, name.len);
			op.namelen = name.len;
		} else
			op.name = sf_u16dup(NULL, 0);
		/*
		 * The key's path is shared with its header, not copied: a
		 * long path over many values would otherwise take memory
		 * out of proportion to the file.
		 */
		op.seg = in->op[key[ext]].seg;
		op.seglen = in->op[key[ext]].seglen;
		op.nseg = in->op[key[ext]].nseg;
		op.borrowed = 1;
		if (op.name == NULL) {
			op_free(&op);
			rc = sf_err_nomem(errp);
			break;
		}
		if ((r = parse_data(&op, u + end + 1, n - end - 1,
		    in->regedit4, o->lenient)) == NOMEM) {
			op_free(&op);
			rc = sf_err_nomem(errp);
			break;
		}
		if (r != 0) {
			op_free(&op);
			if (skip_line(in, o, &rc, errp, path, ln,
			    "malformed value data") == -1)
				break;
			continue;
		}
		if (push(in, &op) == -1) {
			op_free(&op);
			rc = sf_err_nomem(errp);
		}
	}
	if (rc == SF_OK && !header)
		rc = bad(errp, o, path, 1, "empty file");
	sf_u16buf_free(&line);
	sf_u16buf_free(&name);
	sf_u16buf_free(&esc);
	free(l.u);
	if (rc != SF_OK)
		reg_in_free(in);
	return rc;
}

sf_status
reg_in_parse(const char *path, reg_in *in, sf_error **errp)
{
	static const reg_in_opts undo = {
		"undo file",
		"give an undo file written by spoolfix repair, unchanged",
		"give the undo file spoolfix repair wrote; to restore the "
		"hive without it, copy the backup (.bak) it was made with "
		"over the hive",
		0
	};

	return reg_in_read(path, &undo, in, errp);
}
