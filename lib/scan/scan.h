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
 * State of one scan, shared by the evaluator's files: the machine, the
 * rule set, the lazily built sets, and the evaluation context of the
 * object a rule is looking at.  Conditions are three-valued: a check
 * whose inputs are missing (a hive not given, an unknown environment)
 * is "unknown" and becomes an info note, never an error.
 */
#ifndef SPOOLFIX_SCAN_H
#define SPOOLFIX_SCAN_H

#include <stdatomic.h>
#include <string.h>

#include "machine/machine.h"
#include "base/arena.h"
#include "rules/rules.h"

typedef enum tri { TRI_F = 0, TRI_T = 1, TRI_U = 2 } tri;

/*
 * The children of a list split between two threads (split.c) go out in
 * chunks of SPLIT_CHUNK, each to the thread that asks first, so a thread
 * slowed down (its processor shared with other work, or its keys
 * costlier) takes fewer: the walk ends when the work does, not when the
 * slower half does.  (Split in halves or in turn, the walk of the
 * bench's 100 MB hive waited 13-26 ms for the slower thread, a tenth of
 * it.)  The first SPLIT_SLOTS split lists are shared so; past them (no
 * real machine has that many big lists), a list's chunks alternate
 * between the threads.
 */
#define SPLIT_CHUNK	32
#define SPLIT_SLOTS	4096

struct split_claims {
	atomic_uint	 next[SPLIT_SLOTS];	/* chunks handed out, per list */
	uint32_t	 chunk;		/* SPLIT_CHUNK; 2 in tests (split.c) */
};

/*
 * A built set: case-folded hashes with the names kept for equality.  A
 * slot is 16 bytes and the names sit in the scan's arena, a byte a unit
 * when every unit is below 256 (SET_NARROW in n): a set of every port of
 * a bloated server holds 100,000s of them, and its table is probed at
 * random, so its size is its speed.
 */
typedef struct set_slot {
	const void	*u;		/* uint16_t units, or bytes if narrow */
	uint32_t	 n;		/* units, | SET_NARROW */
	uint32_t	 h;
} set_slot;

#define SET_NARROW	0x80000000u

/* Names read but not yet in the table (sets.c, set_add). */
#define SET_PENDING	16

typedef struct set_cache {
	int		 built;
	char		*why;		/* non-NULL: the set is incomplete */
	set_slot	*slot;
	size_t		 cap, n;
	set_slot	 pend[SET_PENDING];
	size_t		 pfirst, npend;	/* the oldest, and how many */
} set_cache;

/* Checks skipped because an input is missing, counted per rule. */
typedef struct note {
	const struct sf_rule *rule;
	char		*why;
	size_t		 count;
	const sf_hive	*hive;
	sf_key		*key;		/* of its first time in rule order */
	uint32_t	 scope;		/* the rule's scope it came from */
	uint64_t	 at;		/* where in the walk (scan.at) */
	uint64_t	 seq;		/* when, among its thread's notes */
} note;

/*
 * Evaluation budget.  Rule files come from sites we do not control, and
 * nested quantifiers multiply: "all value (all value (...))" twenty deep
 * over five values is 5^20 iterations.  So evaluating one rule on one
 * object (key, value or hive) may take at most SF_EVAL_STEPS steps, a
 * step being one quantifier iteration or one key a path walk visits.
 * Past that, the rule's result on that object is unknown: an info note
 * that names the rule, never a finding.  A rule that keeps getting cut
 * off could still spend SF_EVAL_STEPS on each of a million keys, so over
 * a scan each rule may spend SF_RULE_STEPS_PER_OBJECT steps per object
 * on average plus a reserve of SF_RULE_RESERVE; once over, it is not
 * evaluated on further objects.  The shipped rules stay far below both
 * (spoolfix.rules(5), Limits, gives the margins measured).
 */
#define SF_EVAL_STEPS			1000000u
#define SF_RULE_STEPS_PER_OBJECT	1000u
#define SF_RULE_RESERVE			(16u * SF_EVAL_STEPS)

/* Values of the object's key already looked up by name (eval.c). */
#define SF_VALUE_MEMO	8

typedef struct value_memo {
	const uint16_t	*name;
	size_t		 len;
	const sf_value	*v;
} value_memo;

/* Patterns searched in the object's name, with the answer (eval.c). */
#define SF_REGEX_MEMO	4

typedef struct regex_memo {
	const struct sf_regex	*re;
	int			 match;
} regex_memo;

/* The answer of a test rules write alike, for one object (eval.c). */
typedef struct test_memo {
	uint32_t	 stamp;		/* scan.memo_now: the object's */
	uint8_t		 r;		/* tri */
} test_memo;

typedef struct scan {
	sf_machine		*m;
	const struct sf_rules	*rules;
	int			 all_control_sets;
	sf_report		*rep;
	const char		*env;
	uint16_t		*envu;
	size_t			 envlen;
	set_cache		*sets;
	sf_arena		 set_names;	/* the sets' names */
	note			*notes;
	size_t			 nnotes;
	int			 oom;
	int			 metered;	/* steps are being counted */
	int			 cut;		/* SF_EVAL_STEPS exceeded */
	size_t			 steps;		/* on the current object */
	uint64_t		 rule_steps;	/* by the current rule */
	uint64_t		 rule_objects;	/* objects it looked at */
	int			 separate;	/* every scope walks alone */
	int			 no_prefilter;	/* every rule is evaluated */
	int			 plain;		/* no shared tests, no shortcuts */
	uint32_t		 cur_scope;	/* of the rule being run */
	uint64_t		 note_seq;	/* notes added so far */
	/*
	 * The key on_key is evaluating rules on, and the values looked up
	 * in it; forgotten when on_key returns, as the key may then go.
	 */
	const sf_key		*vm_key;
	const sf_value		*vm_val;	/* a value scope's object */
	value_memo		 vm[SF_VALUE_MEMO];
	size_t			 vm_n, vm_next;
	/* The object's name (the key's or the value's), and patterns. */
	const uint16_t		*vm_name;
	size_t			 vm_name_len;
	regex_memo		 rx[SF_REGEX_MEMO];
	size_t			 rx_n;
	/*
	 * Answers of the tests rules write alike (expr.memo, by number):
	 * one is the object's while its stamp is memo_now, which moves on
	 * with each object.  NULL: every test is evaluated.
	 */
	test_memo		*memo;
	uint32_t		 memo_now;
	/* Prefilters of quantifier bodies, by address (prefilter.c). */
	struct body_pf		*bodies;
	size_t			 nbodies, capbodies;
	/*
	 * The shared walk in two threads (split.c): part is 1 or 2 in each
	 * thread while it runs, else 0.  A list of split_min subkeys or
	 * more is split between them (scope_walk.c): its children go to the
	 * threads in chunks.  'at' says where in the walk a finding or
	 * note was made: the number of split lists begun and ended so far
	 * (both threads meet the same), then the child's place in a split
	 * list; it orders the two threads' findings as one walk would.
	 */
	int			 part;
	uint32_t		 split_min;
	uint64_t		 at;
	/*
	 * The children of the n-th split list go to the threads in chunks,
	 * each taken by the thread that asks first (claims[n], shared by
	 * both); nsplit counts the split lists met so far.
	 */
	struct split_claims	*claims;
	uint32_t		 nsplit;
	int			 sets_ready;	/* every set a rule uses is built */
	int			 sets_borrowed;	/* the other thread's: read only */
	int			 split_failed;	/* the split's result is not used */
} scan;

typedef struct ctx {
	scan			*sc;
	const struct sf_rule	*rule;
	sf_hive			*hive;
	sf_key			*key;
	const sf_value		*val;
	const uint16_t		*item;
	size_t			 itemlen;
	int			 has_item;
	int			 noncurrent;	/* in a non-current control set */
	char			*why;		/* first reason for "unknown" */
	sf_u16buf		 match;		/* what made "any" true */
	int			 collect;
} ctx;

/* walk.c: calls fn for every key a pattern matches. */
typedef int walk_fn(void *arg, sf_hive *, sf_key *, int noncurrent);
/*
 * Returns NULL when the walk could be done completely, or a reason
 * (static text or owned by the scan) why some of it could not.  'from'
 * is the key relative patterns start at.  'others' also walks the
 * non-current control sets for CurrentControlSet paths.
 */
const char	*walk_pattern(scan *, const pattern *, sf_hive *from_hive,
		    sf_key *from, int others, walk_fn *, void *);
/*
 * walk_pattern for a rule's scope, started where no evaluation is under
 * way (so nothing else points into the tree): the keys it has passed
 * are unloaded (sf_key_unload), and a scan holds the keys it is
 * visiting and those findings name, not all it has visited.  fn must
 * not keep pointers to keys or values it did not keep (sf_key_keep).
 */
const char	*walk_scope(scan *, const pattern *, int others, walk_fn *,
		    void *);

/*
 * Whether a scope's pattern can share a walk with others (scope_walk.c):
 * rooted, only going down, never reaching a key twice, and "**" at most
 * as its last segment.
 */
int		 walk_combinable(const pattern *);
/* path_walk.c's pieces that scope_walk.c shares. */
int		 walk_is_wild(const uint16_t *, size_t);
int		 walk_is_ccs(const seg *);
uint16_t	*walk_subst_env(scan *, const seg *, size_t *);

/*
 * One scope of the walk all combinable scopes share: fn(arg, ...) for
 * each key its pattern matches, in the order walk_scope would give;
 * why is set as walk_scope would return it.
 */
typedef struct scope_job {
	const pattern	*p;
	walk_fn		*fn;
	void		*arg;
	const char	*why;
} scope_job;

void		 scope_walk(scan *, scope_job *, size_t, int others);

/* sets.c */
tri		 set_member(ctx *, const set_def *, const uint16_t *, size_t);
/* Builds the sets enabled rules use, before they run (sets.c). */
void		 sets_prebuild(scan *);
void		 sets_free(scan *);

/* eval.c */
tri		 eval_expr(ctx *, const expr *);

/* shape.c: what "has" sees in a name and "data is" in a value's data. */
/* Whether some unit of u is in one of the CC_* classes cc. */
int		 shape_has_classes(const uint16_t *, size_t, unsigned cc);
/* The CC_* classes that some unit of u is in. */
unsigned	 shape_classes(const uint16_t *, size_t);
/*
 * The data shapes of a value (IS_EMPTY, IS_MALFORMED, IS_ODD, IS_UNTERM,
 * IS_EMBNUL, IS_BADUTF16, IS_BADSIZE): those in 'want' exactly, others
 * maybe missing.
 */
uint32_t	 shape_of_value(const sf_value *, uint32_t want);
/*
 * A value's type (bit n for type n below 16) and its data shapes but
 * IS_EMPTY, exactly as "data is" finds them.
 */
uint32_t	 shape_value_facts(const sf_value *);
/* context.c */
void		 ctx_unknown(ctx *, const char *fmt, ...) SF_PRINTF(2, 3);
/* Counts one step; non-zero when the object's budget is spent. */
int		 scan_step(scan *);
/* The note of rule r for reason why, or NULL when it has none yet. */
note		*scan_note_find(scan *, const struct sf_rule *r,
		    const char *why);
/* Appends n with a copy of why; NULL (and oom set) without memory. */
note		*scan_note_add(scan *, const note *n, const char *why);

/*
 * prefilter.c: what an object must have for a rule's condition to hold
 * (see there).  The facts of an object are learnt at its first
 * prefilter and shared by every rule that looks at it.
 */
typedef enum pf_kind {
	PF_AND, PF_OR, PF_SHAPE, PF_CLASS, PF_LONGER, PF_LENGTHS
} pf_kind;

typedef struct pf_node {
	pf_kind		 kind;
	int8_t		 a, b;		/* PF_AND, PF_OR: operands */
	uint64_t	 arg;		/* a mask, or the length to exceed */
} pf_node;

/* Enough for the shipped rules; a bigger need is no prefilter. */
#define PF_MAX_NODES	16

typedef struct prefilter {
	int		 root;		/* -1: none, evaluate every object */
	int		 n;
	int		 full;
	pf_node		 node[PF_MAX_NODES];
} prefilter;

typedef struct obj_facts {
	const uint16_t	*name;		/* the key's, or the value's */
	size_t		 name_len;
	const sf_value	*val;		/* NULL for a key */
	unsigned	 known;		/* FACT_*: which below are set */
	unsigned	 classes;	/* shape_classes of the name */
	int		 nul;		/* a NUL in the name */
	uint32_t	 shape;		/* shape_value_facts, 0 for a key */
} obj_facts;

#define FACT_CLASSES	0x1
#define FACT_SHAPE	0x2
#define FACT_NUL	0x4

/*
 * What a group of rules needs in one piece: the facts must meet one of
 * these, or every rule of the group that has a prefilter is false.
 */
typedef struct pf_quick {
	int		 used;		/* some rule added its prefilter */
	uint32_t	 shape;
	unsigned	 classes;
	uint64_t	 lengths;	/* prefilter_length_bit()s */
	uint64_t	 longer;	/* a name longer than this */
} pf_quick;

/* The facts of a key (val NULL) or a value, none learnt yet; inline,
 * as every object of a walk starts here. */
static inline void
obj_facts_init(obj_facts *f, const uint16_t *name, size_t len,
    const sf_value *val)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->name_len = len;
	f->val = val;
	/* A plain value name (hive.h): no NUL, no class, known. */
	if (val != NULL && (val->flags & SF_NAME_PLAIN) && name == val->name)
		f->known = FACT_CLASSES | FACT_NUL;
}

void		 prefilter_build(prefilter *, const expr *when, scope_kind);
/* PF_LENGTHS: the bit of a name of n units in its mask. */
uint64_t	 prefilter_length_bit(size_t n);
void		 prefilter_quick_init(pf_quick *);
/* Adds what a rule's prefilter needs (nothing, without one). */
void		 prefilter_quick_add(pf_quick *, const prefilter *);
/* Non-zero when every prefilter added is false for the object. */
int		 prefilter_quick_fails(const pf_quick *, obj_facts *);

typedef struct body_pf {
	const expr	*e;		/* the quantifier */
	prefilter	 pf;		/* of its body */
} body_pf;

/* The bodies of the enabled rules' quantifiers; -1: no memory. */
int		 prefilter_bodies(scan *);
/* The prefilter of quantifier e's body, or NULL when it has none. */
const prefilter	*prefilter_body(const scan *, const expr *);
/* Non-zero when the condition is false for the object. */
int		 prefilter_fails(const prefilter *, obj_facts *);

/* message.c */
char		*expand_message(ctx *, const char *tmpl);

/* report.c */
sf_status	 report_new(sf_report **);
/* gaps.c: the hive kinds missing and the rules skipped; -1: no memory. */
int		 report_gaps(sf_report *, const sf_machine *, const sf_rules *);
sf_status	 report_add(scan *, ctx *, sf_severity, const char *message,
		    const fix *, int optional);
sf_status	 report_add_note(scan *, const note *);
/*
 * Appends the findings of a split walk's second thread (split.c), whose
 * keys are in views of the machine's hives, and takes that report and
 * those views over: they live as long as 'into'.
 */
sf_status	 report_join(sf_report *into, sf_report *from,
		    sf_hive **views, size_t nviews);

/* scan.c: a rule of a group, with its own budget and prefilters. */
typedef struct member {
	const struct sf_rule	*rule;
	uint64_t		 steps;
	uint64_t		 objects;
	int			 collect;	/* its message shows {match} */
	prefilter		 pf_key;	/* for its key scopes */
	prefilter		 pf_value;	/* for its value scopes */
} member;

/* What a scope's walk evaluates at each key (scan.c, on_key). */
typedef struct visit {
	scan			*sc;
	member			*m;
	size_t			 nm;
	pf_quick		 quick;		/* of the members' prefilters */
	const scope		*scope;
	uint32_t		 scope_idx;	/* in its rules' scopes */
} visit;


/*
 * split.c: whether a scan's shared walk may run in two threads (its
 * split_min, 0: not); then the walk itself.  split_walk returns 0 when it
 * did not start (the caller walks alone), 1 when it ran; the findings
 * and notes of the second thread are then the scan's, unless the scan
 * must be made again in one thread (split_failed, or oom).
 */
void		 split_allowed(scan *, int threads);
int		 split_walk(scan *, scope_job *, visit *, size_t n, member *,
		    size_t nm);

#endif
