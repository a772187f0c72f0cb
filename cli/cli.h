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
 * Shared declarations of the spoolfix command.  The command is a thin
 * client of libspoolfix: it parses options, prints, and chooses the exit
 * status; everything else is the library's.
 */
#ifndef SPOOLFIX_CLI_H
#define SPOOLFIX_CLI_H

#include <stdio.h>

#include "spoolfix.h"

/* mingw's "printf" format is msvcrt's dialect (no %zu): see internal.h. */
#if defined(_WIN32) && defined(__GNUC__)
#define CLI_PRINTF(a, b)	__attribute__((format(gnu_printf, a, b)))
#else
#define CLI_PRINTF(a, b)	__attribute__((format(printf, a, b)))
#endif
#define CLI_NORETURN		_Noreturn
/* main.c: the command with its arguments in UTF-8. */
int	cli_main(int, char **);
#ifdef _WIN32
/* win32.c: the program file's path, with '/' for '\\'; caller frees. */
char	*win32_program_path(void);
/* 1 if the UTF-8 path names a folder. */
int	 win32_is_dir(const char *);
#endif

/* Exit statuses (the grep/diff convention; see spoolfix(1)). */
#define EXIT_CLEAN	0	/* nothing at or above --fail-on */
#define EXIT_FOUND	1	/* findings at or above --fail-on */
#define EXIT_TROUBLE	2	/* unreadable input or wrong usage */

struct cmd {
	const char	*name;
	int		(*run)(int, char **);
	const char	*summary;
};

int	cmd_scan(int, char **);
int	cmd_rules(int, char **);
int	cmd_repair(int, char **);
int	cmd_undo(int, char **);
int	cmd_compact(int, char **);
int	cmd_audit(int, char **);
int	cmd_recover(int, char **);

/* util.c */
extern const char *progname;
void	warnx_(const char *fmt, ...)
	    CLI_PRINTF(1, 2);
void	print_error(const sf_error *);
/* Prints "out of memory" and exits 2: for the command line's lists. */
CLI_NORETURN void die_nomem(void);
/* Text escaped for a terminal (names from hives may hold anything). */
void	put_safe(FILE *, const char *);
/*
 * Text for a report that memory may have failed to build: s, or "" and
 * the report noted as incomplete.  kept() notes a NULL and returns it.
 * report_lost() then says so on stderr and returns 1 (the command exits
 * 2); 0 when every text was built.
 */
const char *or_lost(const char *);
void	*kept(void *);
int	 report_lost(void);
int	usage_error(const char *usage, const char *fmt, ...)
	    CLI_PRINTF(2, 3);
/* The usage error for getopt_long's '?' or ':' (c) on argv. */
int	option_error(const char *usage, int c, char **argv);
/* Refuses a long option given by a prefix of its name (a usage error,
 * EXIT_TROUBLE); 0 when every long option is spelled out. */
struct option;
int	exact_options(int, char **, const char *shortopts,
	    const struct option *, const char *usage);
/* Splits "A,B,C" and calls fn for each part; returns -1 on failure. */
int	each_csv(const char *list, int (*fn)(void *, const char *), void *);
/* Adds --root folders, then hive files, to the machine; prints what
 * each failing input says and returns -1 when any failed, or -2 at
 * once when one refuses the command line (a hive given twice, a second
 * --root folder). */
int	add_inputs(sf_machine *, const char **roots, size_t nroots,
	    char **files, size_t nfiles);
/* The same, printing nothing: the first failure's message is stored in
 * *reason (the caller frees it), for formats that own their output. */
int	add_inputs_quiet(sf_machine *, const char **roots, size_t nroots,
	    char **files, size_t nfiles, char **reason);

/* rules_opts.c: the rule options shared by scan, rules and repair. */
struct rule_opts {
	const char	**files;	/* --rules FILE|DIR, in order */
	size_t		  nfiles;
	const char	**sites;	/* --site FILE */
	size_t		  nsites;
	const char	**disable;	/* --disable ID,... (owned copies) */
	size_t		  ndisable;
	const char	**enable_fix;	/* --rule ID,... (repair; owned) */
	size_t		  nenable_fix;
	int		  no_defaults;
};

int		 rule_opts_add(const char ***, size_t *, const char *);
/* each_csv callbacks on a struct rule_opts: --disable and --rule IDs. */
int		 rule_opts_disable(void *, const char *);
int		 rule_opts_enable_fix(void *, const char *);
void		 rule_opts_free(struct rule_opts *);
/* The folder of shipped rules, or NULL (see spoolfix(1) FILES). */
const char	*default_rules_dir(void);
/* Says where the shipped rules are looked for, in order (--help). */
void		 rules_search_help(FILE *);
/*
 * Compiles the rule set and prints every diagnostic.  Returns NULL on
 * failure; *failure is then 1 for mistakes in rule files and 2 when a
 * file could not be read.
 */
sf_rules	*load_rules(const struct rule_opts *, int *failure);

/* output.c */
struct out_opts {
	int		 color;
	sf_severity	 fail_on;
	int		 fail_none;
	int		 quiet;		/* text: the summary line only */
};

void	out_text(FILE *, const sf_machine *, const sf_report *,
	    const struct out_opts *);
void	out_json(FILE *, const sf_machine *, const sf_report *, int exit_code);
void	out_jsonl(FILE *, const sf_machine *, const sf_report *);
void	out_csv(FILE *, const sf_machine *, const sf_report *);
/* The pieces audit shares with scan: a finding's JSON fields (without
 * braces), CSV fields (quoted, formulas neutralised; 'last' ends the
 * row) and a finding's CSV columns with their header. */
void	json_finding_fields(FILE *, const char *host, const sf_finding *);
void	csv_field(FILE *, const char *, int last);
void	csv_owned(FILE *, char *, int last);
void	csv_finding(FILE *, const char *host, const sf_finding *, int last);
void	csv_finding_header(FILE *, int last);
/* JSON string (with quotes) of UTF-8 text or of a UTF-16 name. */
void	json_str(FILE *, const char *);
/* out_gaps.c: the hive kinds missing and the rules skipped, when any. */
void	gaps_kinds(FILE *, const sf_report *, const char *sep);
void	gaps_text(FILE *, const sf_report *);
void	gaps_json(FILE *, const sf_report *);
void	json_name(FILE *, sf_name);
/*
 * Output settings of scan that every format honours: --host-override
 * (the host name shown instead of ComputerName) and --min-severity
 * (findings below it are not listed; counts and exit status still
 * count them).
 */
extern const char	*host_override;
extern sf_severity	 min_severity;
const char	*cli_host(const sf_machine *);
int		 listed(const sf_finding *);
/* Monitoring formats of scan (out_monitor.c); each returns the exit
 * status.  'reason' is why an input could not be read, or NULL. */
int	out_nagios(FILE *, const sf_machine *, const sf_report *,
	    const char *reason);
int	out_intune(FILE *, const sf_machine *, const sf_report *,
	    const struct out_opts *, const char *reason);
/* 1 when colour should be used on this stream. */
int	use_color(FILE *, const char *mode);

#endif
