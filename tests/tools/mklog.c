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
 * mklog OLD NEW LOG: makes OLD a dirty hive whose new-format transaction
 * log LOG holds NEW, as Windows leaves a hive between two flushes.  LOG
 * gets NEW's base block (file type 6) and one HvLE entry with every
 * 4 KiB page of NEW's hive bins that differs from OLD (at least one),
 * hashed with Marvin32; OLD's base block gets sequence numbers S+1 and
 * S, where S is its secondary sequence number, and the entry S.  Replayed
 * as Windows does, OLD and LOG read as NEW.  OLD and NEW may be one file.
 *
 * The hash is written here independently of hive/log_replay.c, from
 * the algorithm's description, so that the two check each other.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static void
put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t
rotl(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

static uint64_t
marvin32(const uint8_t *p, size_t n)
{
	uint32_t lo = 0x7A4E55C5u, hi = 0x82EF4D88u, v;
	size_t	 i = 0;
	int	 last = 0;

	for (;;) {
		if (n - i >= 4) {
			v = le32(p + i);
			i += 4;
		} else if (!last) {
			/* 0x80 above the remaining bytes, as in the spec. */
			v = 0x80;
			while (n > i)
				v = (v << 8) | p[--n];
			last = 1;
		} else if (last == 1) {
			v = 0;
			last = 2;
		} else
			break;
		lo += v;
		hi ^= lo;
		lo = rotl(lo, 20) + hi;
		hi = rotl(hi, 9) ^ lo;
		lo = rotl(lo, 27) + hi;
		hi = rotl(hi, 19);
	}
	return (uint64_t)hi << 32 | lo;
}

static uint8_t *
slurp(const char *path, size_t *n)
{
	FILE	*f;
	uint8_t	*p;
	long	 sz;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (sz = ftell(f)) < 4096 || fseek(f, 0, SEEK_SET) != 0 ||
	    (p = malloc((size_t)sz)) == NULL ||
	    fread(p, 1, (size_t)sz, f) != (size_t)sz) {
		fprintf(stderr, "mklog: cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*n = (size_t)sz;
	return p;
}

static void
checksum(uint8_t *bb)
{
	uint32_t c = 0;
	int	 i;

	for (i = 0; i < 508; i += 4)
		c ^= le32(bb + i);
	put32(bb + 508, c);
}

static void
spew(const char *path, const uint8_t *p, size_t n)
{
	FILE *f;

	if ((f = fopen(path, "wb")) == NULL || fwrite(p, 1, n, f) != n ||
	    fclose(f) != 0) {
		fprintf(stderr, "mklog: cannot write %s\n", path);
		exit(2);
	}
}

int
main(int argc, char **argv)
{
	uint8_t		*old, *new, *log, *e;
	size_t		 nold, nnew, pages = 0, i, size, at;
	uint32_t	 hb, s;

	if (argc != 4) {
		fputs("usage: mklog OLD NEW LOG\n", stderr);
		return 2;
	}
	old = slurp(argv[1], &nold);
	new = slurp(argv[2], &nnew);
	hb = le32(new + 40);
	if ((size_t)hb + 4096 > nnew || hb % 4096 != 0) {
		fputs("mklog: NEW is not a whole hive\n", stderr);
		return 2;
	}
	s = le32(old + 8);
	for (i = 0; i < hb; i += 4096)
		if (i == 0 || 4096 + i + 4096 > nold ||
		    memcmp(old + 4096 + i, new + 4096 + i, 4096) != 0)
			pages++;
	size = 40 + 8 * pages + 4096 * pages;
	size = (size + 511) / 512 * 512;
	if ((log = calloc(1, 512 + size)) == NULL)
		return 2;
	memcpy(log, new, 512);
	put32(log + 4, s);
	put32(log + 8, s);
	put32(log + 28, 6);
	checksum(log);
	e = log + 512;
	memcpy(e, "HvLE", 4);
	put32(e + 4, (uint32_t)size);
	put32(e + 8, 0);
	put32(e + 12, s);
	put32(e + 16, hb);
	put32(e + 20, (uint32_t)pages);
	at = 40 + 8 * pages;
	pages = 0;
	for (i = 0; i < hb; i += 4096)
		if (i == 0 || 4096 + i + 4096 > nold ||
		    memcmp(old + 4096 + i, new + 4096 + i, 4096) != 0) {
			put32(e + 40 + 8 * pages, (uint32_t)i);
			put32(e + 44 + 8 * pages, 4096);
			memcpy(e + at, new + 4096 + i, 4096);
			at += 4096;
			pages++;
		}
	put64(e + 24, marvin32(e + 40, size - 40));
	put64(e + 32, marvin32(e, 32));
	spew(argv[3], log, 512 + size);
	put32(old + 4, s + 1);
	put32(old + 8, s);
	checksum(old);
	spew(argv[1], old, nold);
	free(log);
	free(old);
	free(new);
	return 0;
}
