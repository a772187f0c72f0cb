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
 * Transaction-log replay: a dirty hive's latest changes live in its
 * .LOG1/.LOG2 (or .LOG) files until Windows writes them into the primary
 * file.  They are applied here, in memory, before any check or reader
 * sees the hive, so spoolfix's reader and libregf both read the state
 * Windows would load.  The rules follow Windows as yarp reproduces it
 * (its tests compare with the hives Windows itself recovered; see
 * regf-format.md section 4 and msuhanov/yarp: yarp/RegistryFile.py):
 *
 *   - a log is used only when its base block is sound (signature,
 *     checksum, equal sequence numbers, a log file type);
 *   - new format (type 6): entries are HvLE records whose two Marvin32
 *     hashes must match; entries run from the log's sequence number up
 *     by one, and stop at the first that does not fit; a log whose
 *     entries start before the hive's secondary sequence number is
 *     stale; of two logs the one with the lower sequence number comes
 *     first, and the second follows only when it continues the first;
 *   - old format (types 1, 2): a dirty vector (DIRT, one bit per 512
 *     bytes) and the pages it marks; a log older than the hive is stale;
 *   - a primary base block with a bad checksum is taken from the log.
 *
 * One guard is spoolfix's own: Windows owns its log files, while a
 * folder of copied hives can hold another hive's logs under a matching
 * name.  A log whose base block names another hive file is not used.
 *
 * Nothing here trusts a length from a file: every entry and page is
 * checked against the log's size and the hive bins it may write before
 * any byte of it is applied.
 */
#include <stdlib.h>
#include <string.h>

#include "hive/hive.h"

#define LOG_BASE	512u	/* a log's base block is one sector */
#define LOG_MAX		((size_t)1 << 30)
#define HVLE_HDR	40u
#define MARVIN_SEED	0x82EF4D887A4E55C5ull

enum { LOG_BAD = 0, LOG_OLD = 1, LOG_NEW = 6 };

typedef struct logfile {
	size_t		 i;		/* index in h->logs */
	sf_filedata	 fd;
	int		 form;		/* LOG_BAD, LOG_OLD, LOG_NEW */
	uint32_t	 seq;		/* its base block's sequence number */
	uint64_t	 ts;
	uint32_t	 hbins;
	uint32_t	 flags;
} logfile;

/* The replay under way: the image being rebuilt and what it learnt. */
typedef struct replay {
	sf_hive		*h;
	uint8_t		*img;
	size_t		 size;		/* bytes of img in use */
	size_t		 cap;		/* bytes of img allocated */
	uint32_t	 hbins;		/* hive bins size after replay */
	uint32_t	 flags;		/* base-block flags after replay */
	uint32_t	 last;		/* last entry's sequence number */
	int		 have_last;
	const logfile	*bb_from;	/* log whose base block is used */
	int		 oom;
} replay;

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

#define ROTL(x, k)	(((x) << (k)) | ((x) >> (32 - (k))))

static void
marvin_mix(uint32_t *lo, uint32_t *hi, uint32_t v)
{
	*lo += v;
	*hi ^= *lo;
	*lo = ROTL(*lo, 20) + *hi;
	*hi = ROTL(*hi, 9) ^ *lo;
	*lo = ROTL(*lo, 27) + *hi;
	*hi = ROTL(*hi, 19);
}

/* Marvin32 with the registry's seed, as HvLE entries are hashed. */
static uint64_t
marvin32(const uint8_t *p, size_t n)
{
	uint32_t lo = (uint32_t)MARVIN_SEED, hi = (uint32_t)(MARVIN_SEED >> 32);
	uint32_t fin = 0x80;

	for (; n >= 4; p += 4, n -= 4)
		marvin_mix(&lo, &hi, sf_le32(p));
	/* The tail bytes, last first, above the 0x80 end marker. */
	while (n > 0)
		fin = (fin << 8) | p[--n];
	marvin_mix(&lo, &hi, fin);
	marvin_mix(&lo, &hi, 0);
	return ((uint64_t)hi << 32) | lo;
}

/*
 * Windows stores 1 for a checksum that comes out 0, and 0xFFFFFFFE for
 * 0xFFFFFFFF; either form is accepted on input.
 */
static int
checksum_ok(const uint8_t *bb)
{
	uint32_t c = sf_regf_checksum(bb), s = sf_le32(bb + 508);

	return s == c || (c == 0 && s == 1) ||
	    (c == 0xFFFFFFFFu && s == 0xFFFFFFFEu);
}

static void
note(sf_hive *h, size_t i, int applied, const char *fmt, ...)
    SF_PRINTF(4, 5);

static void
note(sf_hive *h, size_t i, int applied, const char *fmt, ...)
{
	sf_buf	b;
	va_list	ap;

	sf_buf_init(&b);
	va_start(ap, fmt);
	sf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(h->log_note[i]);
	/* A note lost is memory run out: the hive is incomplete (hive.h). */
	if ((h->log_note[i] = sf_buf_take(&b)) == NULL)
		h->oom = 1;
	h->log_applied[i] = applied;
}

/* The base block's file-name field, for the foreign-log guard. */
static int
same_name(const uint8_t *a, const uint8_t *b)
{
	int i, empty_a = 1, empty_b = 1;

	for (i = 0; i < 64; i++) {
		empty_a &= a[48 + i] == 0;
		empty_b &= b[48 + i] == 0;
	}
	/* A blank field (offreg, hivex) says nothing either way. */
	return empty_a || empty_b || memcmp(a + 48, b + 48, 64) == 0;
}

/*
 * Reads a log and checks its base block.  On any problem the log is
 * noted with the reason and its form stays LOG_BAD.
 */
static sf_status
load_log(sf_hive *h, logfile *l, const uint8_t *primary, int primary_ok)
{
	const uint8_t	*d;
	sf_error	*e = NULL;
	uint32_t	 type, s1, s2, minor;

	l->form = LOG_BAD;
	if (sf_file_read(h->logs[l->i], LOG_MAX, &l->fd, &e) != SF_OK) {
		/*
		 * A log that cannot be read is set aside; memory running out
		 * is not the log's fault, and reading the hive without it
		 * would lose the changes it holds.
		 */
		if (sf_error_code(e) == SF_ERR_NOMEM) {
			sf_error_free(e);
			return SF_ERR_NOMEM;
		}
		note(h, l->i, 0, "cannot be read: %s", sf_error_message(e));
		sf_error_free(e);
		return SF_OK;
	}
	d = l->fd.data;
	if (l->fd.size == 0) {
		note(h, l->i, 0, "empty (Windows keeps an unused log empty)");
		return SF_OK;
	}
	if (l->fd.size < LOG_BASE || memcmp(d, "regf", 4) != 0) {
		note(h, l->i, 0, "not a transaction log: %s",
		    l->fd.size < LOG_BASE ? "shorter than its 512-byte base "
		    "block" : "no \"regf\" signature");
		return SF_OK;
	}
	s1 = sf_le32(d + 4);
	s2 = sf_le32(d + 8);
	type = sf_le32(d + 28);
	minor = sf_le32(d + 24);
	if (!checksum_ok(d)) {
		note(h, l->i, 0, "damaged: bad base-block checksum");
		return SF_OK;
	}
	if (type != 1 && type != 2 && type != 6) {
		note(h, l->i, 0, "not a transaction log (file type %u)", type);
		return SF_OK;
	}
	if (s1 != s2) {
		note(h, l->i, 0, "damaged: its own base block was not written "
		    "completely (sequence numbers %u and %u)", s1, s2);
		return SF_OK;
	}
	if (sf_le32(d + 20) != 1 || minor < 1 || minor > 6 ||
	    sf_le32(d + 32) != 1) {
		note(h, l->i, 0, "unsupported log format (version %u.%u)",
		    sf_le32(d + 20), minor);
		return SF_OK;
	}
	l->seq = s1;
	l->ts = sf_le64(d + 12);
	l->hbins = sf_le32(d + 40);
	l->flags = sf_le32(d + 144);
	if (l->hbins == 0 || l->hbins % 4096 != 0) {
		note(h, l->i, 0, "damaged: hive bins size %u is not a positive "
		    "multiple of 4096", l->hbins);
		return SF_OK;
	}
	if (primary_ok && !same_name(primary, d)) {
		note(h, l->i, 0, "belongs to another hive: its base block "
		    "names another hive file than %s's",
		    sf_path_base(h->path));
		return SF_OK;
	}
	if (type == 6) {
		if (l->fd.size < LOG_BASE + HVLE_HDR ||
		    memcmp(d + LOG_BASE, "HvLE", 4) != 0) {
			note(h, l->i, 0, "holds no log entry");
			return SF_OK;
		}
		l->form = LOG_NEW;
	} else {
		size_t start = LOG_BASE + 4 + l->hbins / 4096;

		start = (start + 511) / 512 * 512;
		if (l->fd.size < start || memcmp(d + LOG_BASE, "DIRT", 4) !=
		    0) {
			note(h, l->i, 0, "damaged: no dirty vector");
			return SF_OK;
		}
		l->form = LOG_OLD;
	}
	return SF_OK;
}

/*
 * An image of 'cap' bytes holding the first r->size of the old one.
 * It is on large pages (sf_alloc_large): on 4 KiB pages the page faults
 * of copying a 12.8 MB hive made its replay cost three scans of it.
 */
static int
move_image(replay *r, size_t cap)
{
	uint8_t *n;

	if ((n = sf_alloc_large(cap, 0)) == NULL) {
		r->oom = 1;
		return -1;
	}
	if (r->size > 0)
		memcpy(n, r->img, r->size);
	free(r->img);
	r->img = n;
	r->cap = cap;
	return 0;
}

/*
 * Grows the image, zero-filled, to hold 'want' bytes.  Room grows by a
 * quarter at least: entries that each add a bin copy the image a
 * bounded number of times, not once each.
 */
static int
grow(replay *r, size_t want)
{
	if (want <= r->size)
		return 0;
	if (want > r->cap && move_image(r, r->cap / 4 < want - r->cap ?
	    want : r->cap + r->cap / 4) == -1)
		return -1;
	memset(r->img + r->size, 0, want - r->size);
	r->size = want;
	return 0;
}

/*
 * The room a log may need: the most hive bins its base block or any of
 * its entries' headers declare, read before any is checked.  It is a
 * hint, so that a hive that grew while dirty is copied once, not again
 * when an entry needs more room (two images at once, for a moment);
 * a claim of more than twice the primary's size is not taken, and such
 * a log gets its room when it is applied.
 */
static size_t
room_for(const logfile *l, size_t cap, size_t primary)
{
	const uint8_t	*e;
	size_t		 pos, want;
	uint32_t	 size;

	if (l->form == LOG_BAD)
		return cap;
	want = SF_REGF_BASE + (size_t)l->hbins;
	/* A new-format log's entries each declare the hive bins after it. */
	for (pos = LOG_BASE; l->form == LOG_NEW && l->fd.size - pos >=
	    HVLE_HDR; pos += size) {
		e = l->fd.data + pos;
		size = sf_le32(e + 4);
		if (memcmp(e, "HvLE", 4) != 0 || size < 512 ||
		    size > l->fd.size - pos)
			break;
		if (SF_REGF_BASE + (size_t)sf_le32(e + 16) > want)
			want = SF_REGF_BASE + (size_t)sf_le32(e + 16);
	}
	return want > cap && want - SF_REGF_BASE <= 2 * (size_t)primary ?
	    want : cap;
}

/*
 * Checks one HvLE entry at 'pos' completely: header, hashes, the
 * sequence number wanted, and every dirty page inside the entry and
 * inside the hive bins it declares.  Returns NULL when it is sound,
 * else why not.
 */
static const char *
entry_bad(const logfile *l, size_t pos, uint32_t want)
{
	const uint8_t	*e = l->fd.data + pos;
	size_t		 avail = l->fd.size - pos, refs, used, k;
	uint32_t	 size, hbins, n;

	if (avail < HVLE_HDR || memcmp(e, "HvLE", 4) != 0)
		return "no entry signature";
	size = sf_le32(e + 4);
	hbins = sf_le32(e + 16);
	n = sf_le32(e + 20);
	if (size < 512 || size % 512 != 0 || size > avail)
		return "entry size out of bounds";
	if (hbins == 0 || hbins % 4096 != 0)
		return "hive bins size not a multiple of 4096";
	if (n == 0 || (uint64_t)n * 8 > size - HVLE_HDR)
		return "bad dirty page count";
	if (marvin32(e, 32) != sf_le64(e + 32) ||
	    marvin32(e + HVLE_HDR, size - HVLE_HDR) != sf_le64(e + 24))
		return "hash mismatch (damaged entry)";
	if (sf_le32(e + 12) != want)
		return "sequence number does not follow";
	refs = HVLE_HDR + (size_t)n * 8;
	used = refs;
	for (k = 0; k < n; k++) {
		uint32_t off = sf_le32(e + HVLE_HDR + 8 * k);
		uint32_t len = sf_le32(e + HVLE_HDR + 8 * k + 4);

		if (len == 0 || len % 512 != 0 || len > size - used ||
		    (uint64_t)off + len > hbins)
			return "dirty page out of bounds";
		used += len;
	}
	return NULL;
}

/*
 * Applies a new-format log's entries from its own sequence number on.
 * Returns the number applied; *stop says why the entries ended early
 * (NULL at the end of the file or on trailing, unused space).
 */
static size_t
apply_new(replay *r, const logfile *l, const char **stop)
{
	size_t		 pos = LOG_BASE, applied = 0, k, used;
	uint32_t	 want = l->seq, n, hb;
	const uint8_t	*e;
	const char	*why;

	*stop = NULL;
	while (pos < l->fd.size) {
		if ((why = entry_bad(l, pos, want)) != NULL) {
			/*
			 * Old entries or zeros after the last are normal; an
			 * entry that claims the next number but is unusable
			 * is worth saying.
			 */
			if (l->fd.size - pos >= 16 &&
			    memcmp(l->fd.data + pos, "HvLE", 4) == 0 &&
			    sf_le32(l->fd.data + pos + 12) == want)
				*stop = why;
			break;
		}
		e = l->fd.data + pos;
		n = sf_le32(e + 20);
		hb = sf_le32(e + 16);
		if (grow(r, SF_REGF_BASE + (size_t)hb) == -1)
			return applied;
		used = HVLE_HDR + (size_t)n * 8;
		for (k = 0; k < n; k++) {
			uint32_t off = sf_le32(e + HVLE_HDR + 8 * k);
			uint32_t len = sf_le32(e + HVLE_HDR + 8 * k + 4);

			memcpy(r->img + SF_REGF_BASE + off, e + used, len);
			used += len;
		}
		r->last = want;
		r->have_last = 1;
		r->hbins = hb;
		r->flags = (r->flags & ~1u) | (sf_le32(e + 8) & 1u);
		applied++;
		pos += sf_le32(e + 4);
		want++;
	}
	return applied;
}

/* Applies an old-format log: the pages its dirty vector marks. */
static const char *
apply_old(replay *r, const logfile *l, size_t *pages)
{
	const uint8_t	*d = l->fd.data;
	size_t		 bits = l->hbins / 512, start, i, k = 0, npages = 0;

	start = (LOG_BASE + 4 + l->hbins / 4096 + 511) / 512 * 512;
	/* The vector is hbins/4096 bytes, one bit per 512-byte page. */
	for (i = 0; i < bits; i++)
		if (d[LOG_BASE + 4 + i / 8] >> (i % 8) & 1)
			npages++;
	if (npages == 0)
		return "its dirty vector marks no page";
	if (npages > (l->fd.size - start) / 512)
		return "truncated: it holds fewer dirty pages than its "
		    "dirty vector marks";
	if (grow(r, SF_REGF_BASE + (size_t)l->hbins) == -1)
		return NULL;
	for (i = 0; i < bits; i++)
		if (d[LOG_BASE + 4 + i / 8] >> (i % 8) & 1)
			memcpy(r->img + SF_REGF_BASE + i * 512,
			    d + start + 512 * k++, 512);
	r->hbins = l->hbins;
	r->flags = l->flags;
	*pages = npages;
	return NULL;
}

/* Whether sequence number a comes before b, across a wrap at 2^32. */
static int
seq_before(uint32_t a, uint32_t b)
{
	return a != b && (uint32_t)(b - a) <= 0x7FFFFFFFu;
}

/*
 * Applies one new-format log, or notes why not.  Returns 1 when entries
 * were applied, -1 when the log is stale (not eligible: Windows then
 * tries the other log), 0 when it is eligible but unusable (then the
 * other log must not be applied alone: its entries would land on a
 * hive that lacks the ones before them).
 */
static int
try_new(replay *r, const logfile *l, int primary_ok, uint32_t primary_seq2)
{
	const char	*stop;
	uint32_t	 first = r->last;
	size_t		 n;

	if (primary_ok && seq_before(l->seq, primary_seq2)) {
		note(r->h, l->i, 0, "stale: its entries start at sequence "
		    "%u, before the hive's %u", l->seq, primary_seq2);
		return -1;
	}
	if (r->have_last && !seq_before(first, l->seq)) {
		note(r->h, l->i, 0, "stale: its entries start at sequence "
		    "%u, not after the last applied (%u)", l->seq, first);
		return -1;
	}
	n = apply_new(r, l, &stop);
	if (r->oom)
		return 0;
	if (n == 0) {
		note(r->h, l->i, 0, "damaged: its first entry (sequence %u) "
		    "is unusable: %s", l->seq, stop != NULL ? stop :
		    "no entry signature");
		return 0;
	}
	note(r->h, l->i, 1, "applied: %zu entr%s, sequence %u to %u%s%s",
	    n, n == 1 ? "y" : "ies", l->seq, r->last, stop != NULL ?
	    "; the next entry was rejected: " : "", stop != NULL ? stop : "");
	r->bb_from = l;
	return 1;
}

/* .LOG1 or .LOG2 (1, 2), .LOG (0). */
static int
log_slot(const char *path)
{
	size_t n = strlen(path);

	if (n >= 5 && sf_ascii_caseeq(path + n - 5, ".LOG1"))
		return 1;
	if (n >= 5 && sf_ascii_caseeq(path + n - 5, ".LOG2"))
		return 2;
	return 0;
}

/*
 * Chooses the logs as Windows does and applies them.  New format is
 * preferred, and the dual-log pair over one log; old format takes the
 * newest single log.
 */
static int
choose_and_apply(replay *r, logfile *lf, size_t n, int primary_ok,
    uint32_t seq2, uint64_t primary_ts)
{
	logfile		*slot[3][2] = { { NULL } };	/* [slot][new?] */
	logfile		*a, *b, *o;
	size_t		 i;
	const char	*why;
	size_t		 pages = 0;
	int		 s;

	for (i = 0; i < n; i++)
		if (lf[i].form != LOG_BAD && slot[s = log_slot(
		    r->h->logs[lf[i].i])][lf[i].form == LOG_NEW] == NULL)
			slot[s][lf[i].form == LOG_NEW] = &lf[i];
	a = slot[1][1];
	b = slot[2][1];
	if (a != NULL && b != NULL) {
		/* The log with the earlier sequence number starts. */
		if (seq_before(b->seq, a->seq)) {
			o = a;
			a = b;
			b = o;
		}
		if (!primary_ok) {
			/* Windows then takes the newer log alone. */
			note(r->h, a->i, 0, "not used: the hive's base block is "
			    "damaged, so only the newer log (%s) applies",
			    sf_path_base(r->h->logs[b->i]));
			return try_new(r, b, 0, seq2) > 0;
		}
		switch (try_new(r, a, 1, seq2)) {
		case -1:
			return try_new(r, b, 1, seq2) > 0;
		case 0:
			if (!r->oom)
				note(r->h, b->i, 0, "not used: it continues %s, "
				    "which is unusable",
				    sf_path_base(r->h->logs[a->i]));
			return 0;
		}
		if (r->oom)
			return 0;
		if (r->last + 1 == b->seq)
			try_new(r, b, 1, seq2);
		else
			note(r->h, b->i, 0, "not used: its entries start at "
			    "sequence %u, which does not continue %s (last "
			    "applied %u)", b->seq,
			    sf_path_base(r->h->logs[a->i]), r->last);
		return 1;
	}
	if ((o = a != NULL ? a : b != NULL ? b : slot[0][1]) != NULL)
		return try_new(r, o, primary_ok, seq2) > 0;
	/* The old format: the newest of .LOG1/.LOG2, else .LOG. */
	a = slot[1][0];
	b = slot[2][0];
	if (a != NULL && b != NULL && b->ts > a->ts) {
		o = a;
		a = b;
		b = o;
	}
	if (a != NULL && b != NULL)
		note(r->h, b->i, 0, "not used: %s is newer",
		    sf_path_base(r->h->logs[a->i]));
	if ((o = a != NULL ? a : b != NULL ? b : slot[0][0]) == NULL)
		return 0;
	if (o->ts < primary_ts) {
		note(r->h, o->i, 0, "stale: written before the hive was last "
		    "written");
		return 0;
	}
	if ((why = apply_old(r, o, &pages)) != NULL || r->oom) {
		if (why != NULL)
			note(r->h, o->i, 0, "damaged: %s", why);
		return 0;
	}
	note(r->h, o->i, 1, "applied: %zu dirty pages of 512 bytes (old "
	    "format)", pages);
	r->bb_from = o;
	return 1;
}

/*
 * Makes sure the image holds the primary file's bytes up to 'want'.
 * The reader read only what the base block declared; a damaged base
 * block may declare less than the log needs.
 */
static sf_status
read_more(sf_hive *h, replay *r, size_t want, sf_error **errp)
{
	sf_file		*f;
	uint64_t	 fsize;
	size_t		 have = r->size, got = 0;
	sf_status	 rc;

	if (want <= have || h->file_size <= have)
		return SF_OK;
	if (want > h->file_size)
		want = (size_t)h->file_size;
	if (grow(r, want) == -1)
		return sf_err_nomem(errp);
	if ((rc = sf_file_open(h->path, &f, &fsize, errp)) != SF_OK)
		return rc;
	rc = sf_file_pread(f, have, r->img + have, want - have, &got, errp);
	sf_file_close(f);
	return rc;
}

/* The clean base block: equal sequence numbers, the right checksum. */
static void
finish_base(replay *r, uint32_t seq)
{
	uint8_t		*bb = r->img;
	uint32_t	 c;

	if (r->bb_from != NULL && r->h->bb_recovered) {
		memset(bb, 0, SF_REGF_BASE);
		memcpy(bb, r->bb_from->fd.data, LOG_BASE);
	}
	put32(bb + 4, seq);
	put32(bb + 8, seq);
	put32(bb + 28, 0);
	put32(bb + 40, r->hbins);
	put32(bb + 144, r->flags);
	/*
	 * libregf and hivex reject the stored 1 or 0xFFFFFFFE that Windows
	 * writes for a checksum of 0 or 0xFFFFFFFF: change the timestamp's
	 * lowest tick instead, so that every reader accepts the block.
	 */
	while ((c = sf_regf_checksum(bb)) == 0 || c == 0xFFFFFFFFu)
		put32(bb + 12, sf_le32(bb + 12) + 1);
	put32(bb + 508, c);
}

sf_status
sf_hive_replay(sf_hive *h, sf_error **errp)
{
	replay		 r;
	logfile		*lf = NULL;
	const uint8_t	*d = h->file.data;
	uint64_t	 primary_ts;
	uint32_t	 seq;
	size_t		 i, cap;
	int		 primary_ok, applied;
	sf_status	 rc = SF_OK;

	if (h->nlogs == 0 || h->file.size < SF_REGF_BASE)
		return SF_OK;
	if ((h->log_applied = calloc(h->nlogs, sizeof(int))) == NULL ||
	    (h->log_note = calloc(h->nlogs, sizeof(char *))) == NULL)
		return sf_err_nomem(errp);
	primary_ok = checksum_ok(d);
	h->disk_seq1 = sf_le32(d + 4);
	h->disk_seq2 = sf_le32(d + 8);
	if (primary_ok && h->disk_seq1 == h->disk_seq2) {
		for (i = 0; i < h->nlogs; i++)
			note(h, i, 0, "not needed: the hive is clean");
		return SF_OK;
	}
	if (h->no_logs) {
		for (i = 0; i < h->nlogs; i++)
			note(h, i, 0, "not read: logs were turned off "
			    "(--no-logs)");
		return SF_OK;
	}
	/* Without a sound base block the first hive bin's time stands. */
	primary_ts = primary_ok ? sf_le64(d + 12) : h->file.size >=
	    SF_REGF_BASE + 28 ? sf_le64(d + SF_REGF_BASE + 20) : 0;
	if ((lf = calloc(h->nlogs, sizeof(*lf))) == NULL)
		return sf_err_nomem(errp);
	memset(&r, 0, sizeof(r));
	r.h = h;
	r.flags = sf_le32(d + 144);
	r.hbins = sf_le32(d + 40);
	for (i = 0; i < h->nlogs; i++) {
		lf[i].i = i;
		if ((rc = load_log(h, &lf[i], d, primary_ok)) != SF_OK) {
			rc = sf_err_nomem(errp);
			goto out;
		}
	}
	cap = h->file.size;
	for (i = 0; i < h->nlogs; i++)
		cap = room_for(&lf[i], cap, h->file.size);
	if (move_image(&r, cap) == -1) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	memcpy(r.img, d, h->file.size);
	r.size = h->file.size;
	h->bb_recovered = !primary_ok;
	/* The most a log may need from the primary file is read first. */
	for (i = 0; i < h->nlogs; i++)
		if (lf[i].form != LOG_BAD && (rc = read_more(h, &r,
		    SF_REGF_BASE + (size_t)lf[i].hbins, errp)) != SF_OK)
			goto out;
	applied = choose_and_apply(&r, lf, h->nlogs, primary_ok,
	    h->disk_seq2, primary_ts);
	if (r.oom) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	for (i = 0; i < h->nlogs; i++)
		if (h->log_note[i] == NULL)
			note(h, i, 0, "not used: %s",
			    lf[i].form == LOG_NEW ? "another log was chosen" :
			    lf[i].form == LOG_OLD ? "a new-format log was "
			    "chosen" : "unusable");
	if (!applied) {
		h->bb_recovered = 0;
		goto out;
	}
	/* New format: the last entry's number; old: the base block's. */
	seq = r.have_last ? r.last : r.bb_from != NULL && !primary_ok ?
	    sf_le32(r.bb_from->fd.data + 4) : h->disk_seq1;
	if (grow(&r, SF_REGF_BASE + (size_t)r.hbins) == -1) {
		rc = sf_err_nomem(errp);
		goto out;
	}
	/* Bytes past the replayed hive bins are not part of the hive. */
	r.size = SF_REGF_BASE + (size_t)r.hbins;
	finish_base(&r, seq);
	h->disk = h->file;
	h->file.data = r.img;
	h->file.size = r.size;
	r.img = NULL;
	h->replayed = 1;
out:
	free(r.img);
	for (i = 0; i < h->nlogs; i++)
		sf_file_release(&lf[i].fd);
	free(lf);
	return rc;
}
