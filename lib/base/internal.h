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
 * Declarations shared by the library's own files: error construction,
 * growable buffers, UTF-16 helpers and small allocation wrappers.
 * Nothing here is part of the public interface.
 */
#ifndef SPOOLFIX_INTERNAL_H
#define SPOOLFIX_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "spoolfix.h"

/*
 * mingw's "printf" format means msvcrt's dialect, which has no %zu or
 * %jd; the Windows build uses mingw's own C99 printf
 * (__USE_MINGW_ANSI_STDIO), checked as gnu_printf.
 */
#if defined(_WIN32) && defined(__GNUC__)
#define SF_PRINTF(a, b)	__attribute__((format(gnu_printf, a, b)))
#elif defined(__GNUC__) || defined(__clang__)
#define SF_PRINTF(a, b)	__attribute__((format(printf, a, b)))
#else
#define SF_PRINTF(a, b)
#endif

/*
 * Keeps a function out of its callers: the evaluator's dispatch runs
 * millions of times per scan, and the general tests inlined into it
 * gave every and/or/not the frame of the biggest of them (eval.c).
 */
#if defined(__GNUC__) || defined(__clang__)
#define SF_NOINLINE	__attribute__((noinline))
#else
#define SF_NOINLINE
#endif

/*
 * Named caps against hostile hives (hivex's HIVEX_MAX_* idea).  Windows
 * itself stops at 512 levels and 255-character names; the higher caps
 * leave room for damaged-but-readable hives while bounding the work.
 */
#define SF_MAX_DEPTH		512
#define SF_MAX_NAME_UNITS	16384
#define SF_MAX_VALUE_DATA	(64u * 1024u * 1024u)
#define SF_MAX_SUBKEYS		(16u * 1024u * 1024u)
#define SF_MAX_VALUES		(1024u * 1024u)

/* error.c */
sf_status	 sf_err(sf_error **, sf_status, const char *advice,
		    const char *fmt, ...) SF_PRINTF(4, 5);
sf_status	 sf_err_nomem(sf_error **);
sf_error	*sf_error_dup(const sf_error *);

/* alloc.c: abort-free wrappers that fail with NULL on overflow too. */
void		*sf_calloc(size_t n, size_t size);
void		*sf_reallocarray(void *, size_t n, size_t size);
char		*sf_strdup(const char *);
char		*sf_strndup(const char *, size_t);
uint16_t	*sf_u16dup(const uint16_t *, size_t);

/* buf.c: a growable byte buffer, always NUL-terminated. */
typedef struct sf_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	int	 oom;	/* sticky: set once an allocation failed */
} sf_buf;

void		 sf_buf_init(sf_buf *);
void		 sf_buf_free(sf_buf *);
void		 sf_buf_reset(sf_buf *);
int		 sf_buf_add(sf_buf *, const void *, size_t);
int		 sf_buf_adds(sf_buf *, const char *);
int		 sf_buf_addc(sf_buf *, char);
int		 sf_buf_printf(sf_buf *, const char *, ...) SF_PRINTF(2, 3);
int		 sf_buf_vprintf(sf_buf *, const char *, va_list);
/* Hands the string to the caller (NULL when out of memory). */
char		*sf_buf_take(sf_buf *);
/*
 * Room for n more bytes (and the NUL), to write in place: NULL when out
 * of memory.  sf_buf_commit then counts the k bytes written there.
 */
char		*sf_buf_room(sf_buf *, size_t n);
void		 sf_buf_commit(sf_buf *, size_t k);

/*
 * spoolfix.h's reusable text: a buffer emptied (and its out-of-memory
 * mark cleared) by sf_text_start before each use; sf_text_result gives
 * its contents, "" when nothing was written, or NULL when out of memory.
 */
struct sf_text {
	sf_buf	 b;
};
sf_buf		*sf_text_start(sf_text *);
const char	*sf_text_result(sf_text *);

/* A growable array of UTF-16 units. */
typedef struct sf_u16buf {
	uint16_t *u;
	size_t	  len;
	size_t	  cap;
	int	  oom;
} sf_u16buf;

void		 sf_u16buf_init(sf_u16buf *);
void		 sf_u16buf_free(sf_u16buf *);
int		 sf_u16buf_add(sf_u16buf *, const uint16_t *, size_t);
int		 sf_u16buf_addc(sf_u16buf *, uint16_t);
int		 sf_u16buf_add_utf8(sf_u16buf *, const char *, size_t);

/* utf16.c */
/* UTF-8 to UTF-16; invalid bytes become U+FFFD.  Returns units. */
size_t		 sf_utf8_to_u16(const char *, size_t, uint16_t *out,
		    size_t outcap);
/* New UTF-16 copy of a UTF-8 string; caller frees. */
uint16_t	*sf_u16_from_utf8(const char *, size_t *lenp);
/* Upper-cases one unit the way spoolfix compares names. */
uint16_t	 sf_u16_upper(uint16_t);
uint16_t	 sf_u16_lower(uint16_t);
int		 sf_u16_casecmp(const uint16_t *, size_t, const uint16_t *,
		    size_t);
/*
 * Equal as sf_u16_casecmp compares: names fold unit for unit, so the
 * lengths are compared first, here, where a lookup among a key's values
 * tests every one.
 */
static inline int
sf_u16_caseeq(const uint16_t *a, size_t an, const uint16_t *b, size_t bn)
{
	return an == bn && sf_u16_casecmp(a, an, b, bn) == 0;
}
int		 sf_u16_caseeq_ascii(const uint16_t *, size_t, const char *);
int		 sf_ascii_caseeq(const char *, const char *);
uint64_t	 sf_u16_casehash(const uint16_t *, size_t);
/* Invisible, direction-changing or space-like: shown escaped. */
int		 sf_u32_deceptive(uint32_t);
/*
 * Printable ASCII but for , \ / and :, which no test of a name's
 * characters ("has" in rules) finds: most names are nothing else.
 */
#define SF_PLAIN_UNIT(c) ((c) >= 0x20 && (c) < 0x7F && (c) != ',' && \
			  (c) != '\\' && (c) != '/' && (c) != ':')
/* Whether every unit of u is SF_PLAIN_UNIT. */
int		 sf_u16_plain(const uint16_t *, size_t);
/* Valid UTF-16 (every surrogate paired). */
int		 sf_u16_valid(const uint16_t *, size_t);
int		 sf_u16_has_nul(const uint16_t *, size_t);
/* The value of a hex digit (0-9, a-f, A-F), or -1. */
int		 sf_hex_digit(uint16_t);
char		*sf_u16_to_utf8(const uint16_t *, size_t);
/*
 * Widens n bytes of ASCII into out (room for cap units): 1, or 0 when a
 * byte is not ASCII or n > cap (decode with sf_u16_from_utf8 then).
 * Rule text (path segments, value names in messages) nearly always is,
 * and needs no copy and no decoder.
 */
int		 sf_ascii_widen(const char *, size_t n, uint16_t *out,
		    size_t cap);
/* Appends an escaped rendering to a buffer. */
int		 sf_escape_u16(sf_buf *, const uint16_t *, size_t,
		    sf_escape_style, int in_path);
/* Lossless when valid; otherwise escaped in TEXT style. */
char		*sf_u16_to_display(const uint16_t *, size_t);

/* Little-endian readers over bounds already checked by the caller. */
static inline uint16_t
sf_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static inline uint32_t
sf_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
	    ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t
sf_le64(const uint8_t *p)
{
	return (uint64_t)sf_le32(p) | ((uint64_t)sf_le32(p + 4) << 32);
}

#endif /* SPOOLFIX_INTERNAL_H */
