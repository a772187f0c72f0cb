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
 * libspoolfix: the whole public interface.
 *
 * A machine view (sf_machine) holds the registry hives of one host,
 * mounted at their logical roots (HKLM\SYSTEM, HKLM\SOFTWARE,
 * HKU\<profile>).  A compiler (sf_compiler) turns rule files into an
 * immutable rule set (sf_rules).  sf_scan() runs the rules over the
 * machine view and returns a report (sf_report) of findings, each
 * carrying its proposed fix.
 *
 * Error contract, for every function that can fail: it returns
 * SF_OK (0) on success or a negative sf_status; when it fails and
 * errp is not NULL, *errp receives a new error object that says what
 * failed, on which file or key, and what the user can do.  The caller
 * frees it with sf_error_free().  Objects are created by *_new or
 * *_open functions and released by the matching *_free, which accepts
 * NULL.  The library never prints and never exits.
 *
 * Lifetimes.  Objects borrow from the objects they were made from, and
 * every pointer an accessor returns (strings, sf_name, sf_hive,
 * sf_rule, sf_finding) is borrowed from the object it was read from and
 * valid until that object is freed:
 *   - an sf_rules owns everything it holds: free its compiler at any
 *     time after sf_compiler_finish();
 *   - an sf_report borrows from its machine (sf_finding_hive) and its
 *     rule set (sf_finding_rule);
 *   - an sf_plan borrows from its machine and its hives;
 *   - an sf_repair owns its strings and errors and may outlive all.
 * So free in this order: sf_plan, sf_report, then sf_machine and
 * sf_rules in either order; sf_repair and sf_error whenever.
 *
 * Threads.  An sf_rules is immutable once finished: any number of
 * threads may scan with one rule set at once, each with its own
 * machine (tests/threads.sh proves it under ThreadSanitizer).  A
 * machine, report, plan or compiler must be used by one thread at a
 * time.  The library keeps no global mutable state.
 *
 * Names in hives are arbitrary UTF-16: they may hold NUL units,
 * control characters and unpaired surrogates.  They are handed out
 * as sf_name (code units plus a length), never as C strings; the
 * sf_escape_* functions make them safe to show.
 */
#ifndef SPOOLFIX_H
#define SPOOLFIX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Everything declared here is the library's interface; the library is
 * built with -fvisibility=hidden and its archive has every other symbol
 * made local, so nothing else can be linked against by mistake.
 */
#if defined(__GNUC__) && !defined(_WIN32)
#pragma GCC visibility push(default)
#endif

#define SPOOLFIX_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* Errors                                                             */
/* ------------------------------------------------------------------ */

typedef enum sf_status {
	SF_OK = 0,
	SF_ERR_NOMEM = -1,	/* out of memory */
	SF_ERR_IO = -2,		/* a file could not be read or written */
	SF_ERR_FORMAT = -3,	/* not a hive, or a hive too damaged to read */
	SF_ERR_ARG = -4,	/* invalid argument or usage */
	SF_ERR_NOTFOUND = -5,	/* a named file, key, value or rule is absent */
	SF_ERR_RULES = -6,	/* rule files did not compile */
	SF_ERR_CONFLICT = -7,	/* e.g. two SYSTEM hives for one machine */
	SF_ERR_UNSAFE = -8,	/* refused: dirty/corrupt hive, unsafe edit */
	SF_ERR_LOCKED = -9,	/* another repair holds the hive's lock */
	SF_ERR_VERIFY = -10,	/* a written hive failed verification */
	SF_ERR_UNSUPPORTED = -11 /* the operation is not possible here */
} sf_status;

typedef struct sf_error sf_error;

sf_status	 sf_error_code(const sf_error *);
/* One line: what failed and where. */
const char	*sf_error_message(const sf_error *);
/* What the user can do about it; may be "" but never NULL. */
const char	*sf_error_advice(const sf_error *);
void		 sf_error_free(sf_error *);
/* A fixed text for a status code. */
const char	*sf_strerror(sf_status);

/* ------------------------------------------------------------------ */
/* Names and escaping                                                 */
/* ------------------------------------------------------------------ */

/* A borrowed view of a UTF-16 name; valid as long as its owner. */
typedef struct sf_name {
	const uint16_t	*u;
	size_t		 len;
} sf_name;

/*
 * Escaping styles for hostile names.  All return a NUL-terminated
 * UTF-8 string the caller frees with sf_free(), or NULL when out of
 * memory.
 *
 * SF_ESC_TEXT: for terminals and logs.  Printable characters stay;
 *   NUL is \0, other C0/C1 controls and DEL are \xHH, invisible or
 *   direction-changing characters are \uHHHH, unpaired surrogates are
 *   \uDHHH, and a backslash inside a name is \\ (so path separators
 *   stay unambiguous).
 * SF_ESC_JSON: the contents of a JSON string (without quotes).  Every
 *   character that is not printable ASCII, or is not valid Unicode, is
 *   a \uHHHH escape of its exact code unit, so the original units can
 *   be recovered.
 * SF_ESC_CSV: like TEXT; the CSV writer adds quoting itself.
 */
typedef enum sf_escape_style {
	SF_ESC_TEXT,
	SF_ESC_JSON,
	SF_ESC_CSV
} sf_escape_style;

char	*sf_escape_name(sf_name, sf_escape_style);
/*
 * Frees a string the library returned.  free() works too where the
 * program shares the library's C runtime; sf_free() is right
 * everywhere (a Windows program built against another runtime, FFI).
 */
void	 sf_free(void *);
/* Escape UTF-8 text produced by the library (messages) the same way. */
char	*sf_escape_utf8(const char *, sf_escape_style);

/*
 * A text buffer for writers of many records (JSON Lines of a big scan):
 * the *_to functions write into it, replacing what it held, and return
 * its contents, valid until its next use or sf_text_free, or NULL when
 * out of memory (what it held is then lost, the buffer still usable).
 * Once it has grown to the longest string, nothing is allocated.  A
 * buffer is for one thread at a time.
 */
typedef struct sf_text sf_text;
sf_text		*sf_text_new(void);
void		 sf_text_free(sf_text *);
const char	*sf_escape_name_to(sf_text *, sf_name, sf_escape_style);
const char	*sf_escape_utf8_to(sf_text *, const char *, sf_escape_style);

/* Registry value types, as hives store them. */
enum sf_reg_type {
	SF_REG_NONE = 0,
	SF_REG_SZ = 1,
	SF_REG_EXPAND_SZ = 2,
	SF_REG_BINARY = 3,
	SF_REG_DWORD = 4,		/* little-endian */
	SF_REG_DWORD_BIG_ENDIAN = 5,
	SF_REG_LINK = 6,
	SF_REG_MULTI_SZ = 7,
	SF_REG_QWORD = 11		/* little-endian */
};

/* ------------------------------------------------------------------ */
/* Hives and the machine view                                         */
/* ------------------------------------------------------------------ */

typedef enum sf_hive_kind {
	SF_HIVE_UNKNOWN = 0,
	SF_HIVE_SYSTEM,
	SF_HIVE_SOFTWARE,
	SF_HIVE_NTUSER,
	SF_HIVE_DEFAULT,
	SF_HIVE_USRCLASS,
	SF_HIVE_SAM,
	SF_HIVE_SECURITY
} sf_hive_kind;

/* "SYSTEM", "SOFTWARE", "NTUSER", "DEFAULT", ... or "unknown". */
const char	*sf_hive_kind_name(sf_hive_kind);
/* Parses a kind name case-insensitively; SF_HIVE_UNKNOWN if none. */
sf_hive_kind	 sf_hive_kind_parse(const char *);

typedef struct sf_machine sf_machine;
typedef struct sf_hive sf_hive;

sf_status	 sf_machine_new(sf_machine **, sf_error **);
void		 sf_machine_free(sf_machine *);

/*
 * Adds one hive file.  The kind is recognised from the content unless
 * 'kind' is not SF_HIVE_UNKNOWN.  'profile' names the user for an
 * NTUSER hive (it becomes HKU\<profile>); NULL derives it from the
 * file's path or the base block's file-name field.
 *
 * An input that cannot be read is still recorded (so reports can list
 * it) and the function returns its error.  A dirty or corrupt hive
 * that can be read returns SF_OK; its facts say what is wrong.  A file
 * the machine already holds (through another path or a link, or as a
 * byte-identical copy) is refused with SF_ERR_ARG and not recorded.
 */
sf_status	 sf_machine_add_file(sf_machine *, const char *path,
		    sf_hive_kind kind, const char *profile, sf_error **);

/*
 * Adds the hives found under a mounted Windows volume or a folder of
 * collected hives: Windows/System32/config/{SYSTEM,SOFTWARE,DEFAULT}
 * and Users/<name>/NTUSER.DAT, matched case-insensitively.  Fails with
 * SF_ERR_NOTFOUND when no hive is found.  Errors on single files are
 * recorded on their inputs; the first one is returned (a refusal, such
 * as a byte-identical copy, before others).  A file reached again
 * through a link is skipped.  A second folder for one machine is
 * refused with SF_ERR_ARG: its hives would mix two hosts.
 */
sf_status	 sf_machine_add_root(sf_machine *, const char *dir,
		    sf_error **);

/*
 * Whether the transaction logs beside a dirty hive are applied when it
 * is added (1, the default): the hive is then read as Windows would
 * recover it.  0 reads the primary files alone.  Applies to the hives
 * added afterwards.
 */
void		 sf_machine_set_logs(sf_machine *, int use);

/*
 * Adds the running system's registry (Windows only): HKLM\SYSTEM,
 * HKLM\SOFTWARE and every loaded user hive, HKU\<SID> (not .DEFAULT or
 * the _Classes hives), read through the registry functions with exact
 * counted names.  Elsewhere it fails with SF_ERR_ARG.  Errors are
 * recorded on each input as for files; the first one is returned.
 */
sf_status	 sf_machine_add_live(sf_machine *, sf_error **);

/* The host name used when the SYSTEM hive does not carry one. */
sf_status	 sf_machine_set_host(sf_machine *, const char *, sf_error **);
/* The SYSTEM hive's ComputerName, else the name set above, else NULL. */
const char	*sf_machine_host(const sf_machine *);

/*
 * The machine's print environment ("Windows x64", ...) and how it was
 * established, or NULL when it cannot be established.
 */
const char	*sf_machine_environment(const sf_machine *,
		    const char **how);

size_t		 sf_machine_hive_count(const sf_machine *);
const sf_hive	*sf_machine_hive(const sf_machine *, size_t);

/* Facts about one input. */
const char	*sf_hive_path(const sf_hive *);
sf_hive_kind	 sf_hive_kind_of(const sf_hive *);
/* 1 when the hive could be opened and read. */
int		 sf_hive_readable(const sf_hive *);
/* The error that made it unreadable, or NULL. */
const sf_error	*sf_hive_error(const sf_hive *);
/* Mount point, e.g. "HKLM\SYSTEM" or "HKU\alice"; NULL if unmounted. */
const char	*sf_hive_mount(const sf_hive *);
/* The user profile name for user hives, else NULL. */
const char	*sf_hive_profile(const sf_hive *);
sf_name		 sf_hive_root_name(const sf_hive *);
void		 sf_hive_version(const sf_hive *, unsigned *major,
		    unsigned *minor);
/* 1 for a hive of the running registry (sf_machine_add_live): it has
 * no file, format, sequence numbers or size. */
int		 sf_hive_live(const sf_hive *);
/* 1 for a hive read from a .reg export (sf_machine_add_file of a .reg
 * file): no format, sequence numbers or size either; a repair of it
 * can only be a plan (sf_plan_write_reg), never a change to the file. */
int		 sf_hive_dotreg(const sf_hive *);
void		 sf_hive_sequence(const sf_hive *, uint32_t *primary,
		    uint32_t *secondary);
/* The size of the file, and the bytes after its hive bins (not read). */
uint64_t	 sf_hive_size(const sf_hive *);
uint64_t	 sf_hive_trailing(const sf_hive *);
/*
 * The file's primary and secondary sequence numbers differ (or its base
 * block is damaged and was recovered from a log).  Its logs may have
 * been applied: see sf_hive_logs_applied.
 */
int		 sf_hive_dirty(const sf_hive *);
/*
 * 1 when transaction logs were applied: the hive was read, and is
 * repaired, as recovered from them.  sf_hive_sequence then gives the
 * recovered hive's numbers and sf_hive_file_sequence the file's own.
 */
int		 sf_hive_logs_applied(const sf_hive *);
/* 1 when the file's damaged base block was taken from a log. */
int		 sf_hive_base_recovered(const sf_hive *);
void		 sf_hive_file_sequence(const sf_hive *, uint32_t *primary,
		    uint32_t *secondary);
/* libregf or spoolfix's own checks found structural damage. */
int		 sf_hive_corrupt(const sf_hive *);
/* Human-readable reasons for the corrupt flag, one per problem. */
size_t		 sf_hive_problem_count(const sf_hive *);
const char	*sf_hive_problem(const sf_hive *, size_t);
/* Transaction-log files found beside the hive (.LOG, .LOG1, .LOG2). */
size_t		 sf_hive_log_count(const sf_hive *);
const char	*sf_hive_log(const sf_hive *, size_t);
/* Whether that log was applied, and a note: what it gave, or why it
 * was not used (stale, damaged, another hive's); NULL when not read. */
int		 sf_hive_log_applied(const sf_hive *, size_t);
const char	*sf_hive_log_note(const sf_hive *, size_t);
/* For SYSTEM hives: "ControlSet002" or NULL when unresolved. */
const char	*sf_hive_current_control_set(const sf_hive *);
size_t		 sf_hive_control_set_count(const sf_hive *);
const char	*sf_hive_control_set(const sf_hive *, size_t);

/* ------------------------------------------------------------------ */
/* Rules                                                              */
/* ------------------------------------------------------------------ */

typedef enum sf_severity {
	SF_SEV_INFO = 0,
	SF_SEV_WARNING = 1,
	SF_SEV_ERROR = 2
} sf_severity;

const char	*sf_severity_name(sf_severity);
/* Returns 0 and stores the level, or -1 for an unknown name. */
int		 sf_severity_parse(const char *, sf_severity *);

typedef enum sf_fix_kind {
	SF_FIX_NONE = 0,
	SF_FIX_DELETE_KEY,
	SF_FIX_DELETE_VALUE,
	SF_FIX_SET_VALUE
} sf_fix_kind;

/* "none", "delete-key", "delete-value", "set-value". */
const char	*sf_fix_kind_name(sf_fix_kind);

typedef struct sf_compiler sf_compiler;
typedef struct sf_rules sf_rules;
typedef struct sf_rule sf_rule;

/* Called once per compile diagnostic, in source order. */
typedef void	 sf_diag_fn(void *arg, const char *file, unsigned line,
		    unsigned col, const char *message);

sf_status	 sf_compiler_new(sf_compiler **, sf_error **);
void		 sf_compiler_free(sf_compiler *);
void		 sf_compiler_set_diag(sf_compiler *, sf_diag_fn *, void *);
/*
 * Adds rule text.  Syntax errors are reported through the diagnostic
 * callback and counted; parsing goes on so that one pass reports all
 * of them.  Returns SF_ERR_IO only when the file cannot be read.
 */
sf_status	 sf_compiler_add_file(sf_compiler *, const char *path,
		    sf_error **);
sf_status	 sf_compiler_add_string(sf_compiler *, const char *name,
		    const char *text, size_t len, sf_error **);
/* Adds every *.rules file of a folder, in name order. */
sf_status	 sf_compiler_add_dir(sf_compiler *, const char *dir,
		    sf_error **);
/* Site policy applied after all files: disable, change severity. */
sf_status	 sf_compiler_disable(sf_compiler *, const char *id,
		    sf_error **);
sf_status	 sf_compiler_set_severity(sf_compiler *, const char *id,
		    sf_severity, sf_error **);
/* Rules whose optional fixes the user asked for by ID. */
sf_status	 sf_compiler_enable_optional(sf_compiler *, const char *id,
		    sf_error **);
/* Number of diagnostics so far. */
unsigned	 sf_compiler_errors(const sf_compiler *);
/*
 * Resolves references across files and freezes the result.  Fails
 * with SF_ERR_RULES when any diagnostic was reported.
 */
sf_status	 sf_compiler_finish(sf_compiler *, sf_rules **, sf_error **);

void		 sf_rules_free(sf_rules *);
size_t		 sf_rules_count(const sf_rules *);
const sf_rule	*sf_rules_get(const sf_rules *, size_t);
const sf_rule	*sf_rules_find(const sf_rules *, const char *id);

const char	*sf_rule_id(const sf_rule *);
const char	*sf_rule_title(const sf_rule *);
sf_severity	 sf_rule_severity(const sf_rule *);
const char	*sf_rule_rationale(const sf_rule *);
size_t		 sf_rule_ref_count(const sf_rule *);
const char	*sf_rule_ref(const sf_rule *, size_t);
/* The scope as written, e.g. "key HKLM\SYSTEM\...\Ports\*". */
size_t		 sf_rule_scope_count(const sf_rule *);
const char	*sf_rule_scope(const sf_rule *, size_t);
sf_fix_kind	 sf_rule_fix(const sf_rule *);
/* The fix as written, e.g. "set-value \"Print Processor\" sz ...". */
const char	*sf_rule_fix_text(const sf_rule *);
/* The fix applies only when the user names the rule. */
int		 sf_rule_fix_optional(const sf_rule *);
int		 sf_rule_enabled(const sf_rule *);
const char	*sf_rule_file(const sf_rule *);
unsigned	 sf_rule_line(const sf_rule *);

/* ------------------------------------------------------------------ */
/* Scanning                                                           */
/* ------------------------------------------------------------------ */

typedef struct sf_report sf_report;
typedef struct sf_finding sf_finding;

typedef struct sf_scan_opts {
	/* Also evaluate rules in the other control sets (as info). */
	int	all_control_sets;
	/*
	 * At most this many threads (0 or 1: the calling thread alone).
	 * With 2, a machine with big sound hive files has its walk split
	 * between the calling thread and one more; the report is the same.
	 */
	int	threads;
} sf_scan_opts;

sf_status	 sf_scan(sf_machine *, const sf_rules *,
		    const sf_scan_opts *, sf_report **, sf_error **);
void		 sf_report_free(sf_report *);
size_t		 sf_report_count(const sf_report *);
const sf_finding *sf_report_get(const sf_report *, size_t);
/* Findings per severity. */
size_t		 sf_report_tally(const sf_report *, sf_severity);
/*
 * What the scan could not look at.  A rule reads the hive kinds of its
 * scopes (HKLM\SYSTEM: SYSTEM, HKLM\SOFTWARE: SOFTWARE, HKU: the user
 * hives, counted as NTUSER, which a DEFAULT hive also satisfies; scope
 * hive: its kinds, or any hive).  The missing kinds are those an enabled
 * rule reads and no readable input gives, in sf_hive_kind order; the
 * skipped rules are the enabled rules that read no kind the machine
 * has, in rule-set order.
 */
size_t		 sf_report_missing_count(const sf_report *);
sf_hive_kind	 sf_report_missing(const sf_report *, size_t);
size_t		 sf_report_skipped_count(const sf_report *);
const sf_rule	*sf_report_skipped(const sf_report *, size_t);

const sf_rule	*sf_finding_rule(const sf_finding *);
sf_severity	 sf_finding_severity(const sf_finding *);
/* UTF-8; names inside are already escaped (SF_ESC_TEXT). */
const char	*sf_finding_message(const sf_finding *);
const sf_hive	*sf_finding_hive(const sf_finding *);
/*
 * The key: its logical path (e.g. HKLM\SYSTEM\CurrentControlSet\...)
 * and its path inside the hive below the root key.  Segment 0 of the
 * logical path is "HKLM" or "HKU".  A hive-level finding has an empty
 * hive path.
 */
size_t		 sf_finding_path_len(const sf_finding *);
sf_name		 sf_finding_path_name(const sf_finding *, size_t);
size_t		 sf_finding_hive_path_len(const sf_finding *);
sf_name		 sf_finding_hive_path_name(const sf_finding *, size_t);
/* The value concerned; has_value is 0 when the finding is about a key. */
int		 sf_finding_has_value(const sf_finding *);
sf_name		 sf_finding_value(const sf_finding *);
/* The proposed fix (SF_FIX_NONE when none applies). */
sf_fix_kind	 sf_finding_fix(const sf_finding *);
int		 sf_finding_fix_optional(const sf_finding *);
/* For set-value: the registry type and raw data. */
uint32_t	 sf_finding_fix_type(const sf_finding *);
const uint8_t	*sf_finding_fix_data(const sf_finding *, size_t *len);
/* File offset of the key's nk record (0 for hive-level findings). */
uint64_t	 sf_finding_key_offset(const sf_finding *);

/*
 * Convenience: a path joined with '\' and escaped in the given style.
 * which: 0 = logical path, 1 = hive path.  Caller frees (sf_free).
 */
char		*sf_finding_path_string(const sf_finding *, int which,
		    sf_escape_style);
/* The same into a reusable text (sf_text_new). */
const char	*sf_finding_path_to(sf_text *, const sf_finding *, int which,
		    sf_escape_style);

/* ------------------------------------------------------------------ */
/* Repair                                                             */
/* ------------------------------------------------------------------ */

/*
 * A plan is the set of changes the findings of a scan propose: each
 * finding with a fix, except optional fixes of rules not named by the
 * user (sf_compiler_enable_optional) and anything outside the current
 * control set.  Changes to one key from several rules are merged, and
 * a deleted key makes every other change below it moot.  A plan refers
 * to the machine and report it was built from.
 */
typedef struct sf_plan sf_plan;

sf_status	 sf_plan_build(sf_machine *, const sf_report *, sf_plan **,
		    sf_error **);
void		 sf_plan_free(sf_plan *);
size_t		 sf_plan_count(const sf_plan *);
sf_fix_kind	 sf_plan_kind(const sf_plan *, size_t);
const sf_hive	*sf_plan_hive(const sf_plan *, size_t);
/* The key's logical path, escaped; caller frees (sf_free). */
char		*sf_plan_key_string(const sf_plan *, size_t, sf_escape_style);
int		 sf_plan_has_value(const sf_plan *, size_t);
sf_name		 sf_plan_value(const sf_plan *, size_t);
/* One line for people: "delete key HKLM\...\x (LPR-001, LPR-003)". */
char		*sf_plan_describe(const sf_plan *, size_t);
/* The rules that proposed the change, comma-separated. */
const char	*sf_plan_rules(const sf_plan *, size_t);
/* Whether rule id is one of them. */
int		 sf_plan_from_rule(const sf_plan *, size_t, const char *id);
/* Whether change i, applied, removes the finding (its key deleted, or
 * the value change it proposed made). */
int		 sf_plan_fixes(const sf_plan *, size_t, const sf_finding *);
/* Whether a selected change fixes the finding: sf_plan_fixes() over the
 * selected changes, found by the plan's order (log time, not linear). */
int		 sf_plan_fixed(const sf_plan *, const sf_finding *);
/* Every change starts selected; interactive use may deselect some. */
void		 sf_plan_select(sf_plan *, size_t, int on);
int		 sf_plan_selected(const sf_plan *, size_t);
/* Findings with a fix that was left out (optional, not named). */
size_t		 sf_plan_optional_count(const sf_plan *);
/* Their rules, comma-separated ("LOC-002, SEC-001"); "" when none. */
const char	*sf_plan_optional_rules(const sf_plan *);
/*
 * Writes the selected changes as a .reg file (version 5, UTF-16LE with
 * a byte-order mark, CRLF): [-key] for deletions, "value"=- and typed
 * values.  The file must not exist.
 */
sf_status	 sf_plan_write_reg(const sf_plan *, const char *path,
		    sf_error **);

typedef struct sf_repair_opts {
	/* Backups go here; NULL: ./spoolfix-backup-<UTC time>. */
	const char	*backup_dir;
	/* The undo file; NULL: <backup_dir>/undo.reg. */
	const char	*undo_file;
	/* Rules to re-check the repaired hives with (may be NULL). */
	const sf_rules	*rules;
	/* Undo only: the HKU profile a user hive holds; NULL: derived as
	 * for a scan (the folder of NTUSER.DAT, else the hive's own hint). */
	const char	*profile;
	/* Repair: write each repaired hive without free space, as
	 * sf_compact_run does. */
	int		 compact;
	/* sf_undo_machine: check every hive and say what would change
	 * (sf_repair_entry), writing nothing. */
	int		 dry_run;
	/* The live registry (Windows): the Spooler after the change. */
	enum {
		SF_SPOOLER_AS_WAS = 0,	/* started again if it was running */
		SF_SPOOLER_NO_RESTART,	/* left stopped */
		SF_SPOOLER_START	/* started even if it was stopped */
	}		 spooler;
} sf_repair_opts;

typedef enum sf_repair_state {
	SF_REPAIR_UNCHANGED = 0,	/* nothing planned, or not reached */
	SF_REPAIR_APPLIED,		/* written, verified, renamed */
	SF_REPAIR_FAILED,		/* refused or failed: left unchanged */
	SF_REPAIR_HELD,			/* passed its checks, but not written
					   because another hive failed its */
	SF_REPAIR_CHECKED,		/* a dry run: passed its checks */
	SF_REPAIR_ROLLED_BACK		/* written, then put back byte for
					   byte from its backup because a
					   later hive failed */
} sf_repair_state;

typedef struct sf_repair sf_repair;

/*
 * Applies the selected changes.  First every hive with changes is
 * locked and checked (writable file and folder, byte-identical to the
 * scan, not damaged, not dirty unless its logs were applied, each
 * planned key found by its path and by no other of the same name), then
 * backed up; if any of that fails, no hive is written.  Then one hive at
 * a time, each atomically: the undo file, spoolfix's own writer writing
 * a temporary file in the hive's folder, fsync, verification by an
 * independent read (libregf opens it, the rules no longer report the
 * fixed findings, a logical comparison with the original shows exactly
 * the planned differences), rename over the original and fsync of the
 * folder.  A dirty hive read with its logs applied is written as the
 * recovered hive plus the changes, compared with the recovered hive, and
 * its old logs are moved into the backup folder.  On any failure that
 * hive stays byte-identical.  Returns SF_OK when every hive with changes
 * was repaired; otherwise the first error, and the result says
 * which hives were repaired and which were not.
 */
sf_status	 sf_repair_run(sf_machine *, const sf_plan *,
		    const sf_repair_opts *, sf_repair **, sf_error **);

/*
 * Applies an undo file (.reg) to one offline hive with the same safety
 * (lock, backup, temporary file, verification, rename).
 */
sf_status	 sf_undo_run(const char *reg_path, const char *hive_path,
		    const sf_repair_opts *, sf_repair **, sf_error **);
/*
 * Applies an undo file to the running registry (Windows, elevated):
 * each entry to the loaded hive it names, every hive checked and backed
 * up losslessly before the Spooler is stopped, each rolled back from its
 * backup if it fails, the Spooler put back as the options say.
 * Elsewhere it fails with SF_ERR_ARG.
 */
sf_status	 sf_undo_run_live(const char *reg_path, const sf_repair_opts *,
		    sf_repair **, sf_error **);

/*
 * Applies an undo file to every hive of a machine that it has entries
 * for (the hives of sf_machine_add_root and sf_machine_add_file), each
 * entry to the hive its root names: HKEY_LOCAL_MACHINE\SYSTEM and
 * \SOFTWARE by the hive's kind, HKEY_USERS\<profile> by the user hive's
 * profile.  With more than one hive, an entry that no hive holds is an
 * error and nothing is written (with one, it is skipped, as by
 * sf_undo_run).  All or nothing as far as files allow: every hive is
 * locked and checked, and backed up, before any is written; when
 * writing a later hive fails, those already written are put back byte
 * for byte from the copies read before (SF_REPAIR_ROLLED_BACK), and a
 * hive that could not be put back keeps SF_REPAIR_APPLIED with an
 * error naming its backup.  With opts->dry_run nothing is backed up or
 * written: each hive is checked (SF_REPAIR_CHECKED) and its entries
 * are described (sf_repair_entry).
 */
sf_status	 sf_undo_machine(const char *reg_path, sf_machine *,
		    const sf_repair_opts *, sf_repair **, sf_error **);

/*
 * Writes one offline hive anew without free space (the cells of deleted
 * keys), keeping every key, value, class name, security descriptor and
 * time stamp, with the same safety; the verification compares all of
 * them.  No undo file: the backup is the way back.
 */
sf_status	 sf_compact_run(const char *hive_path, const sf_repair_opts *,
		    sf_repair **, sf_error **);

/*
 * Writes a dirty hive as recovered from its transaction logs, as Windows
 * would load it: a clean file (equal sequence numbers, the right
 * checksum).  With 'out', to that new file (it must not exist), the
 * hive and its logs untouched; with 'in_place', over the hive itself,
 * with the safety of a repair (lock, backup of the hive and its logs,
 * temporary file, fsync, verification, rename), after which the logs,
 * which no longer match the hive, are removed from its folder (their
 * verified copies stay in the backup folder).  The written file is
 * verified by reading it back (spoolfix's reader and libregf).  Refused
 * when the hive is clean, when no log is usable (the error names each
 * log and why), or when the recovered hive is damaged.  The result
 * (free with sf_repair_free) names the file written and the backup.
 */
typedef struct sf_recover_opts {
	const char	*out;		/* the new file, or NULL */
	int		 in_place;	/* or replace the hive itself */
	/* In place: backups go here; NULL: ./spoolfix-backup-<UTC time>. */
	const char	*backup_dir;
} sf_recover_opts;

sf_status	 sf_recover(const char *hive_path, const sf_recover_opts *,
		    sf_repair **, sf_error **);

void		 sf_repair_free(sf_repair *);
size_t		 sf_repair_count(const sf_repair *);
const char	*sf_repair_path(const sf_repair *, size_t);
sf_repair_state	 sf_repair_state_of(const sf_repair *, size_t);
size_t		 sf_repair_changes(const sf_repair *, size_t);
const sf_error	*sf_repair_error(const sf_repair *, size_t);
/* sf_compact_run: the file's size before and after (else 0). */
uint64_t	 sf_repair_size_before(const sf_repair *, size_t);
uint64_t	 sf_repair_size_after(const sf_repair *, size_t);
const char	*sf_repair_backup(const sf_repair *, size_t);
/* sf_undo_machine: entry k < sf_repair_changes of hive i, for people
 * ("delete key HKEY_...\\x", line numbers of the undo file), not yet
 * escaped for a terminal; NULL otherwise. */
const char	*sf_repair_entry(const sf_repair *, size_t i, size_t k);
const char	*sf_repair_undo_file(const sf_repair *);
/*
 * A live repair or undo (Windows): what was done with the Spooler
 * ("Spooler was stopped for the change; it is running again"), or NULL;
 * sf_repair_service_failed is 1 when it could not be started again.
 */
const char	*sf_repair_service(const sf_repair *);
int		 sf_repair_service_failed(const sf_repair *);
const char	*sf_repair_backup_dir(const sf_repair *);

#if defined(__GNUC__) && !defined(_WIN32)
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif

#endif /* SPOOLFIX_H */
