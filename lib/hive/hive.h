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
 * The hive model the rule engine sees: a lazily loaded tree of keys
 * with raw UTF-16 names and raw value bytes, filled by a hive source.
 * A source is a small table of functions (sf_source_ops); the offline
 * one reads hive files (file_open.c, source_file.c).  A live Win32
 * source or a .reg-file source only has to fill the same tree, and the
 * machine view (machine/) mounts a hive of any source the same way.
 * The fields file, file_size, trailing, id, regf and logs describe an
 * offline file; other sources leave them zero.
 */
#ifndef SPOOLFIX_HIVE_H
#define SPOOLFIX_HIVE_H

#include "base/internal.h"
#include "base/platform.h"
#include "hive/regf.h"

struct sf_key;
struct sf_hive;

/* A name as stored: UTF-16 units, any of them (NULs too), owned. */
typedef struct owned_name {
	uint16_t	*u;
	size_t		 len;
} owned_name;

/*
 * A key's logical path: its names from the hive's root down (the root
 * itself has none).  This is how plans, undo files, writers and
 * verification address keys (key_path.c); a file offset is never an
 * address, only the offline reader's own hint.
 */
typedef struct sf_keypath {
	owned_name	*seg;
	size_t		 n;
} sf_keypath;

typedef enum sf_find {
	SF_FIND_FOUND,
	SF_FIND_ABSENT,
	SF_FIND_AMBIGUOUS	/* two subkeys of one name on the way */
} sf_find;

/*
 * A value and a key are held for every one a scan reads (hundreds of
 * thousands in a bloated hive), so their fields are as narrow as their
 * limits allow: names of at most SF_MAX_NAME_UNITS units, data and
 * offsets within a hive file (at most 2 GiB) or a live value (a
 * 32-bit length), counts within SF_MAX_VALUES and subkey lists.
 */
typedef struct sf_value {
	uint16_t	*name;
	uint8_t		*data;
	uint32_t	 size;
	uint32_t	 type;
	uint32_t	 offset;	/* vk record in the file, or 0 */
	uint16_t	 name_len;
	uint8_t		 corrupt;
	uint8_t		 flags;		/* SF_OWN_* and SF_NAME_PLAIN */
} sf_value;

/* sf_value.flags: name or data is the source's own copy, freed with it. */
#define SF_OWN_NAME	0x01
#define SF_OWN_DATA	0x02
/*
 * sf_value.flags: every unit of the name is SF_PLAIN_UNIT, so it holds
 * no NUL and no unit of any class "has" tests.  The file source learns
 * it once per distinct name (the names are interned); a value without
 * it is not known to be plain, and is looked at unit by unit.
 */
#define SF_NAME_PLAIN	0x04

/* A hash index over a key's children, built on first lookup. */
struct sf_child_index;

typedef struct sf_key {
	struct sf_key	 *parent;
	uint16_t	 *name;
	struct sf_key	**child;
	sf_value	 *val;
	struct sf_child_index *index;
	void		 *handle;	/* the source's own handle */
	/*
	 * The last-write time (FILETIME) the source read with the key:
	 * live, from the listing of its parent (the root's from its first
	 * query), and 0 once the key was seen to change while it was read;
	 * other sources leave it 0.  A live repair checks it again.
	 */
	uint64_t	  written;
	uint32_t	  offset;	/* nk record in the file, or 0 */
	uint32_t	  nchild;
	uint32_t	  nval;
	uint16_t	  name_len;
	uint16_t	  flags;	/* nk flags */
	uint16_t	  depth;	/* at most SF_MAX_DEPTH */
	unsigned	  children_loaded:1;
	unsigned	  values_loaded:1;
	unsigned	  corrupt:1;	/* could not be read completely */
	unsigned	  repeated:1;	/* reached twice: not descended */
	unsigned	  pooled:1;	/* key, names, values are the source's:
					   freed through forget_key */
	unsigned	  keep:1;	/* it or a key below it is named by a
					   finding: never unloaded */
} sf_key;

typedef struct sf_source_ops {
	/* Fills key->child; on damage marks key->corrupt and goes on. */
	sf_status	(*load_children)(struct sf_hive *, sf_key *);
	/* Fills key->val likewise. */
	sf_status	(*load_values)(struct sf_hive *, sf_key *);
	/* The class name, or 0 units when none; caller frees. */
	sf_status	(*class_name)(struct sf_hive *, sf_key *,
			    uint16_t **, size_t *);
	/* Releases a key's handle once it is fully loaded. */
	void		(*release)(struct sf_hive *, sf_key *);
	/* Closes the source. */
	void		(*close)(struct sf_hive *);
	/*
	 * A source that can read a key's children and values again, the
	 * same, at any time (a file image, which never changes) frees them
	 * here, so a walk need not hold every key it has passed
	 * (sf_key_unload); NULL for the others.  forget_values frees
	 * key->val; forget_key frees a pooled key with its values.
	 */
	void		(*forget_values)(struct sf_hive *, sf_key *);
	void		(*forget_key)(struct sf_hive *, sf_key *);
	/*
	 * Such a source also hands out a key's subkeys one at a time
	 * (sf_key_stream): the list of their records, in the file's order
	 * (0, or -1 when it cannot be read completely, -2 no memory; the
	 * caller frees it), and the subkey at one record (NULL when it is
	 * unreadable or, *oom set, memory ran out).  Neither records a
	 * problem: a list that is not sound is loaded as usual instead.
	 */
	int		(*child_records)(struct sf_hive *, sf_key *,
			    uint64_t **, size_t *);
	sf_key		*(*child_at)(struct sf_hive *, sf_key *, uint64_t,
			    int *oom);
} sf_source_ops;

/*
 * A set of record offsets, to notice keys and lists reachable twice
 * (loops).  A hash set; or, after sf_offset_set_span, one bit per 8
 * bytes of a file for the offsets below its size that sit where a cell
 * puts them (off % 8 == phase: cells are 8-aligned), and the hash set
 * for any other (a damaged, unaligned one).  A hive's every key then
 * costs a bit instead of a probe in a table of 16 bytes a key.
 */
typedef struct sf_offset_set {
	uint64_t	*slot;
	size_t		 cap, n;
	uint8_t		*bits;
	uint64_t	 limit;
	unsigned	 phase;
} sf_offset_set;

int	 sf_offset_set_add(sf_offset_set *, uint64_t);	/* 1 new, 0 seen */
int	 sf_offset_set_has(const sf_offset_set *, uint64_t);
/* Bitmap mode for offsets below limit with off % 8 == phase; -1: no
 * memory (the set stays a hash set, and works). */
int	 sf_offset_set_span(sf_offset_set *, uint64_t limit, unsigned phase);
void	 sf_offset_set_free(sf_offset_set *);

#define SF_UNLOAD_MIN	((uint64_t)1024 * 1024)

struct sf_hive {
	char		*path;
	sf_hive_kind	 kind;
	sf_error	*error;		/* set when unreadable */
	char		*mount;		/* "HKLM\SYSTEM", "HKU\alice" */
	char		*profile;
	sf_filedata	 file;		/* base block and declared hive bins */
	uint64_t	 file_size;	/* of the file on disk */
	uint64_t	 trailing;	/* bytes after the hive bins, unread */
	sf_file_id	 id;		/* to notice one file given twice */
	int		 id_ok;
	sf_regf		 regf;
	int		 regf_ok;	/* base block parsed */
	int		 dirty, corrupt;
	/*
	 * Memory ran out while keys, values or problems were being read:
	 * what the tree shows of the hive may be incomplete, and nothing
	 * may be concluded from it (sf_hive_incomplete).
	 */
	int		 oom;
	/*
	 * The structural check (regf_tree.c) found every key reached once:
	 * the loop guard (seen) has nothing to find, and is not kept.
	 */
	int		 tree_sound;
	/*
	 * Walks may unload its keys (sf_key_unload, sf_key_stream): a file
	 * hive of SF_UNLOAD_MIN bytes or more.  A smaller one is held whole:
	 * its keys cost less than loading them again.
	 */
	int		 unload_ok;
	int		 live;		/* a loaded hive of the running system */
	int		 dotreg;	/* from a .reg export */
	sf_keypath	 reg_root;	/* .reg: its root as spelt */
	sf_problems	 problems;
	char		**logs;
	size_t		 nlogs;
	/*
	 * Transaction logs (log_replay.c).  When they were applied, file
	 * is the recovered image every reader sees, and disk holds the
	 * file's own bytes (what a repair must find unchanged).
	 */
	int		 no_logs;	/* read the primary file alone */
	int		 replayed;
	int		 bb_recovered;	/* base block taken from a log */
	uint32_t	 disk_seq1, disk_seq2;
	sf_filedata	 disk;
	int		*log_applied;	/* per log */
	char		**log_note;	/* per log: applied, or why not */
	sf_key		*root;
	uint16_t	*root_name;
	size_t		 root_name_len;
	/* SYSTEM: the current control set key and the others. */
	sf_key		*ccs;
	char		*ccs_name;
	char		**control_sets;
	size_t		 ncontrol_sets;
	sf_offset_set	 seen;
	/*
	 * While a list unloaded with kept keys loads again: those keys, in
	 * the list's order, for the source to take instead of new ones
	 * (key_tree.c).
	 */
	sf_key		**reuse;
	size_t		 nreuse, ireuse;
	const sf_source_ops *ops;
	void		*src;		/* the source's private state */
	/* A view (sf_hive_view): the hive whose image and names it shares. */
	const struct sf_hive *view_of;
};


/* tree.c */
sf_key		*sf_key_new(sf_key *parent, const uint16_t *name, size_t len);
void		 sf_key_free_tree(sf_hive *, sf_key *);
/* Loads on demand; a damaged key yields what could be read. */
sf_status	 sf_key_children(sf_hive *, sf_key *);
sf_status	 sf_key_values(sf_hive *, sf_key *);
/* Case-insensitive child lookup by name (hash index when large). */
sf_key		*sf_key_child(sf_hive *, sf_key *, const uint16_t *, size_t);
/* The same, setting *more when a second child has that name too. */
sf_key		*sf_key_child_n(sf_hive *, sf_key *, const uint16_t *, size_t,
		    int *more);
sf_key		*sf_key_child_ascii(sf_hive *, sf_key *, const char *);
/* Follows a '\'-separated ASCII path below a key; NULL if absent. */
sf_key		*sf_key_path_ascii(sf_hive *, sf_key *, const char *);
const sf_value	*sf_key_value(sf_hive *, sf_key *, const uint16_t *, size_t);
/* REG_SZ, REG_EXPAND_SZ or REG_LINK: a string type (value.c). */
int		 sf_value_is_string(uint32_t type);
/* A string value's units without its terminators (a copy), else NULL. */
uint16_t	*sf_value_string(const sf_value *, size_t *len);
/* The same as display text (sf_u16_to_display), else NULL. */
char		*sf_value_display(const sf_value *);
const sf_value	*sf_key_value_ascii(sf_hive *, sf_key *, const char *);
/* Appends a child during loading, applying the loop guard. */
sf_status	 sf_key_adopt(sf_hive *, sf_key *parent, sf_key *child);
/*
 * Frees what was loaded below a key (its values, and its subkeys unless
 * one is kept), when its source can load them again; the key stays.
 * Only a walk that holds no other pointer into the tree may call it.
 */
void		 sf_key_unload(sf_hive *, sf_key *);
/* Marks a key, and so its ancestors, as never to be unloaded. */
void		 sf_key_keep(sf_key *);
/*
 * Calls fn for each subkey of k, in order, without loading k's list:
 * each subkey is made, handed to fn and unloaded after it unless kept
 * (it then joins k's list of kept keys).  fn returns non-zero to stop.
 * *done is 0 when k cannot be streamed (its source cannot, its hive is
 * damaged, its list is loaded or not sound): the caller then loads the
 * list.  If fn loads k's list meanwhile, the rest is walked from it.
 * Only a walk that holds no other pointer below k may call it.
 */
typedef int	 sf_stream_fn(void *, sf_hive *, sf_key *);
sf_status	 sf_key_stream(sf_hive *, sf_key *, sf_stream_fn *, void *,
		    int *done);

/* key_path.c */
void		 sf_keypath_free(sf_keypath *);
int		 sf_keypath_push(sf_keypath *, const uint16_t *, size_t);
/* The first n names of src (all of them when n >= src->n). */
int		 sf_keypath_copy(sf_keypath *, const sf_keypath *src, size_t n);
/* The path of a key of a loaded tree. */
int		 sf_keypath_of(sf_keypath *, const sf_key *);
/* Order and equality ignoring case, as Windows compares names. */
int		 sf_keypath_cmp(const sf_keypath *, const sf_keypath *);
/* Whether a is b or one of its ancestors (ignoring case). */
int		 sf_keypath_within(const sf_keypath *a, const sf_keypath *b);
/* Whether the key's names are exactly the path's (case too). */
int		 sf_keypath_is(const sf_keypath *, const sf_key *);
/*
 * The key at the first n names of the path; NULL when absent or, with
 * *how SF_FIND_AMBIGUOUS, when a key on the way has two subkeys of the
 * name wanted.
 */
sf_key		*sf_key_find(sf_hive *, const sf_keypath *, size_t n,
		    sf_find *how);
/* The deepest key of the path that exists (the root at least). */
sf_key		*sf_key_find_deepest(sf_hive *, const sf_keypath *);

/* hive.c: an empty hive named by its path (a file, or the live key). */
sf_hive		*sf_hive_new(const char *path);
void		 sf_hive_free(sf_hive *);

/*
 * Whether memory ran out while the hive's keys, values or problems were
 * read.  The loaders return SF_ERR_NOMEM, but many readers (a rule's
 * test, the kind's detection) can only treat a failed load as "not
 * there", so the hive remembers it, and a scan, a mount or a repair
 * that finds it set fails as out of memory instead of reporting on
 * part of the hive.
 */
static inline int
sf_hive_incomplete(const sf_hive *h)
{
	return h->oom || h->problems.oom;
}

/*
 * file_open.c: the offline hive file.  Reads the base block and the
 * hive bins it declares (not padding after them); then checks them,
 * finds the transaction logs and opens the tree source.
 */
sf_status	 sf_hive_read_file(sf_hive *, sf_error **);
sf_status	 sf_hive_open_file(sf_hive *, sf_error **);

/*
 * log_replay.c: applies the logs found beside a dirty hive to the image
 * in memory, as Windows does, and notes for each log whether it was
 * used and why not.  Fails only when out of memory.
 */
sf_status	 sf_hive_replay(sf_hive *, sf_error **);
/* The file's bytes as on disk (replayed or not). */
const sf_filedata *sf_hive_disk_bytes(const sf_hive *);

/* source_file.c: the tree source over the file in memory (libregf
 * must accept the file first). */
sf_status	 sf_regf_source_open(sf_hive *, sf_error **);
/* Whether the hive's tree comes from its file's image (that source). */
int		 sf_regf_source_is(const sf_hive *);
/* A second tree over the same image (hive_view.c): -1 on no memory. */
int		 sf_regf_source_tree(sf_hive *);
/*
 * The subkey count the key's nk record declares, or 0 when the key has
 * no record or it cannot be read.  In a sound tree it is the length of
 * the key's subkey list (regf_tree.c checks that they match).
 */
uint32_t	 sf_key_declared_subkeys(const sf_hive *, const sf_key *);

/*
 * hive_view.c: a second key tree over a file hive whose tree is sound,
 * for a scan's second thread.  It shares the hive's image, names, logs
 * and control sets, and owns only its tree, its source's state and the
 * problems its reads find (none in a sound tree).  NULL when the hive
 * cannot be viewed (not a sound file hive), *oom set when memory ran
 * out.  Freed with sf_hive_view_free, before the hive.
 */
sf_hive		*sf_hive_view(const sf_hive *, int *oom);
/* Whether sf_hive_view can view the hive (memory aside). */
int		 sf_hive_viewable(const sf_hive *);
void		 sf_hive_view_free(sf_hive *);

/* kind.c */
sf_hive_kind	 sf_detect_kind(sf_hive *);

#endif
