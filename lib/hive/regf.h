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
 * spoolfix's own bounds-checked view of a REGF file: the facts libregf
 * does not give (sequence numbers, checksum, name flags, subkey-list
 * forms) and a structural walk of the hive bins.  Every read checks
 * the offset against the file size first; nothing casts into file data.
 */
#ifndef SPOOLFIX_REGF_H
#define SPOOLFIX_REGF_H

#include <stddef.h>
#include <stdint.h>

#include "base/internal.h"

#define SF_REGF_BASE		4096u	/* cell offsets are relative to it */
#define SF_REGF_HBIN_HDR	32u
#define SF_REGF_NK_NAME		76u	/* name offset inside nk data */
#define SF_REGF_VK_NAME		20u
#define SF_NK_COMP_NAME		0x0020	/* name stored as Latin-1 */
#define SF_NK_SYMLINK		0x0010
#define SF_VK_COMP_NAME		0x0001
#define SF_REGF_NONE		0xFFFFFFFFu
/*
 * The most data one cell holds in hives of version 1.4 and later: a
 * value above it is stored as a big-data (db) record whose segments
 * each carry this much (libregf and Windows read it so).
 */
#define SF_REGF_CELL_DATA_MAX	16344u

/* A list of human-readable problems found in one hive, capped. */
typedef struct sf_problems {
	char	**v;
	size_t	  n;
	size_t	  dropped;	/* problems beyond the cap */
	int	  oom;		/* one was lost for want of memory */
} sf_problems;

#define SF_PROBLEMS_MAX	64

void	 sf_problem_add(sf_problems *, const char *fmt, ...) SF_PRINTF(2, 3);
void	 sf_problem_vadd(sf_problems *, const char *fmt, va_list);
void	 sf_problems_free(sf_problems *);

typedef struct sf_regf {
	const uint8_t	*data;
	size_t		 size;
	uint32_t	 seq1, seq2;
	uint64_t	 timestamp;
	uint32_t	 major, minor;
	uint32_t	 type;		/* 0 primary, 1/2/6 transaction log */
	uint32_t	 format;
	uint32_t	 root;		/* root nk cell, relative offset */
	uint32_t	 hbins_size;
	uint32_t	 checksum_stored, checksum_calc;
	uint16_t	 fname[32];	/* base-block file name hint */
	size_t		 fname_len;
	size_t		 end;		/* last usable byte + 1 of hbins */
	int		 truncated;	/* shorter than the base block says */
	int		 bad_checksum;
} sf_regf;

/*
 * Parses the base block.  Returns 0 when the file is a REGF primary
 * hive whose header can be used (problems such as a bad checksum or a
 * short file are added to 'pr'), or -1 with a message in 'why' when it
 * is not a hive at all.
 */
int	 sf_regf_parse(sf_regf *, const uint8_t *, size_t, sf_problems *pr,
	    const char **why);
/* XOR-32 of the first 508 bytes, as libregf and hivex check it. */
uint32_t sf_regf_checksum(const uint8_t *base);

/*
 * Checks the key tree from the root: each key and list reached once,
 * parents, counts, order, value lists.  Returns the problems added.
 * *unsafe is set when the hive must not be handed to libregf (an ri
 * list below an ri list makes libregf 20201007 recurse without limit).
 */
size_t	 sf_regf_check_tree(const sf_regf *, sf_problems *, int *unsafe);

/* Walks every hive bin and cell; adds problems; returns their count. */
size_t	 sf_regf_walk_bins(const sf_regf *, sf_problems *);

/*
 * Cell access by relative offset: the cell's data (after its size
 * field) and its length.  Fails unless the cell is allocated and lies
 * inside the hive bins.
 */
int	 sf_regf_cell(const sf_regf *, uint32_t rel, const uint8_t **p,
	    size_t *len);

/*
 * Raw names of the nk or vk record whose signature is at file offset
 * 'off' (the offset libregf reports).  Latin-1 names are widened to
 * UTF-16 units.  Returns 0, or -1 when the record is out of bounds or
 * malformed.  The caller frees *name.
 */
int	 sf_regf_nk_name(const sf_regf *, uint64_t off, uint16_t **name,
	    size_t *len, uint16_t *flags);
int	 sf_regf_vk_name(const sf_regf *, uint64_t off, uint16_t **name,
	    size_t *len);

/*
 * The same names where they lie in the hive: *p and *nbytes are the
 * stored bytes, *latin1 says one byte per unit (else UTF-16LE, two).
 * For readers that decode into memory of their own (source_file.c's
 * arena) rather than a malloc per name.
 */
int	 sf_regf_nk_name_at(const sf_regf *, uint64_t off, const uint8_t **p,
	    size_t *nbytes, int *latin1, uint16_t *flags);
int	 sf_regf_vk_name_at(const sf_regf *, uint64_t off, const uint8_t **p,
	    size_t *nbytes, int *latin1);

/*
 * The form of an nk's subkey list: 'h' (lh), 'f' (lf), 'i' (li),
 * 'r' (ri) or 0 when it has none.  *li_below is set when an li list is
 * reachable (directly or under ri): hivex cannot delete there.
 */
int	 sf_regf_nk_list_form(const sf_regf *, uint64_t off, char *form,
	    int *li_below);

/*
 * The exact data bytes of the vk at 'off' (inline, one cell, or big-data
 * segments).  Returns 0 and a malloc'd copy, -1 when the record or its
 * data is damaged, -2 when out of memory.
 */
int	 sf_regf_vk_data(const sf_regf *, uint64_t off, uint8_t **data,
	    size_t *len);
/*
 * A vk record read in one pass, for a reader that wants all of it (the
 * tree loader): what sf_regf_vk_name_at and sf_regf_vk_type give, and
 * the data where it lies in the image (inline in the record, or in one
 * cell).  Returns -1 when the record is unreadable (no name or type),
 * else 0 with data_rc 0 (data, len set), 1 when the data is big data in
 * segments (sf_regf_vk_data copies it) or -1 when the data is damaged;
 * checked as sf_regf_vk_data checks it.
 */
typedef struct sf_regf_vk {
	const uint8_t	*name;		/* stored bytes, in the image */
	size_t		 nbytes;
	int		 latin1;	/* one byte per unit, else UTF-16LE */
	uint32_t	 type;
	const uint8_t	*data;		/* in the image; NULL unless data_rc 0 */
	size_t		 len;
	int		 data_rc;
} sf_regf_vk;
int	 sf_regf_vk_at(const sf_regf *, uint64_t off, sf_regf_vk *);

/*
 * The cell offsets (relative) of an nk's subkeys, through lf, lh, li or
 * ri lists, and of its vk records.  Return 0, or -1 when a list is
 * damaged (what could be read is returned), -2 when out of memory.  The
 * caller frees the array.
 */
int	 sf_regf_nk_children(const sf_regf *, uint64_t off, uint32_t **kids,
	    size_t *n);
/*
 * An nk's value list where it lies in the image: *count little-endian
 * 32-bit cell offsets at *list (read each with sf_le32), no copy.
 * Return 0, or -1 when the record or list is damaged (*count is what
 * the list's cell holds).
 */
int	 sf_regf_nk_value_list(const sf_regf *, uint64_t off,
	    const uint8_t **list, size_t *count);
int	 sf_regf_nk_values(const sf_regf *, uint64_t off, uint32_t **vks,
	    size_t *n);
int	 sf_regf_vk_type(const sf_regf *, uint64_t off, uint32_t *type);
/* The class name as UTF-16 units (0 units when the key has none). */
int	 sf_regf_nk_class(const sf_regf *, uint64_t off, uint16_t **cls,
	    size_t *len);

/* The nk's parent cell offset (relative), for exact addressing. */
int	 sf_regf_nk_parent(const sf_regf *, uint64_t off, uint32_t *parent);
/* The stable subkey count of the nk record at 'off'. */
int	 sf_regf_nk_subkeys(const sf_regf *, uint64_t off, uint32_t *n);

#endif
