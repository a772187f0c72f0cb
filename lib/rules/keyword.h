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
 * The words of the rule language.  The lexer names each identifier by
 * its number once, so the parser tests a word with one integer
 * comparison instead of a string comparison per word it could be: with
 * the shipped rules that was a strcmp for every keyword tried at every
 * identifier, a fifth of compiling them.
 */
#ifndef SPOOLFIX_RULES_KEYWORD_H
#define SPOOLFIX_RULES_KEYWORD_H

#include <stddef.h>
#include <stdint.h>

#define RULES_KEYWORDS(X)						\
	X(ALL, "all") X(AND, "and") X(ANCESTOR, "ancestor")		\
	X(ANY, "any") X(ANY_OF, "any-of") X(AT, "at")			\
	X(BACKSLASH, "backslash") X(BAD_SIZE, "bad-size")		\
	X(BINARY, "binary") X(COLON, "colon") X(COMMA, "comma")		\
	X(CONTAINS, "contains") X(CONTROL, "control")			\
	X(CORRUPT, "corrupt") X(COUNT, "count") X(DATA, "data")		\
	X(DECIMAL, "decimal") X(DELETE_KEY, "delete-key")		\
	X(DELETE_VALUE, "delete-value") X(DIRTY, "dirty")		\
	X(DISABLE, "disable") X(DWORD, "dword") X(DWORD_BE, "dword_be")	\
	X(EDGE_SPACE, "edge-space") X(EMBEDDED_NUL, "embedded-nul")	\
	X(EMPTY, "empty") X(ENABLE_FIX, "enable-fix")			\
	X(ENDS_WITH, "ends-with") X(ENV, "env") X(EXISTS, "exists")	\
	X(EXPAND_SZ, "expand_sz") X(EXTERNAL, "external")		\
	X(FALSE, "false") X(FIELD, "field") X(FIX, "fix")		\
	X(FULL_RESOURCE_DESCRIPTOR, "full_resource_descriptor")	\
	X(GUID, "guid") X(HAS, "has") X(HAS_BITS, "has-bits")		\
	X(HAS_LOGS, "has-logs") X(HIVE, "hive") X(IF, "if") X(IN, "in")	\
	X(INVALID_UTF16, "invalid-utf16") X(IPV4, "ipv4") X(IS, "is")	\
	X(ITEM, "item") X(ITEMS, "items") X(KEY, "key") X(KEYNAME, "keyname") \
	X(KEYS, "keys") X(LANGUAGE, "language") X(LENGTH, "length")	\
	X(LINK, "link") X(LOWER, "lower") X(MALFORMED, "malformed")	\
	X(MATCHES, "matches") X(MESSAGE, "message")			\
	X(MISSING, "missing") X(MULTI_SZ, "multi_sz") X(NAME, "name")	\
	X(NO, "no") X(NO_CCS, "no-current-control-set")			\
	X(NONASCII, "nonascii") X(REG_NONE, "none") X(NONPRINT, "nonprint")	\
	X(NOT, "not") X(NUL, "nul") X(NUMBER, "number")			\
	X(ODD_LENGTH, "odd-length") X(OF, "of") X(OPTIONAL, "optional")	\
	X(OR, "or") X(PARAM, "param") X(QUOTE, "quote")			\
	X(QWORD, "qword") X(RATIONALE, "rationale") X(REF, "ref")	\
	X(REPLACE, "replace") X(RESOURCE_LIST, "resource_list")		\
	X(RESOURCE_REQ, "resource_requirements_list") X(RULE, "rule")	\
	X(SCOPE, "scope") X(SET, "set") X(SET_VALUE, "set-value")	\
	X(SEVERITY, "severity") X(SID, "sid") X(SIZE, "size")		\
	X(SLASH, "slash") X(SPACE, "space") X(SPLIT, "split")		\
	X(STARTS_WITH, "starts-with") X(STRING, "string")		\
	X(SUBKEY, "subkey") X(SUBKEYS, "subkeys")			\
	X(SURROGATE, "surrogate") X(SZ, "sz") X(TITLE, "title")		\
	X(TRAILING, "trailing") X(TRIM, "trim") X(TRUE, "true")		\
	X(UNKNOWN, "unknown") X(UNKNOWN_KIND, "unknown-kind")		\
	X(UNREADABLE, "unreadable") X(UNTERMINATED, "unterminated")	\
	X(UPPER, "upper") X(VALUE, "value") X(VALUES, "values")		\
	X(WHEN, "when") X(WHERE, "where")

#define RULES_KW_ENUM(e, s)	KW_##e,
typedef enum kw_id {
	KW_NONE,		/* an identifier that is no keyword */
	RULES_KEYWORDS(RULES_KW_ENUM)
	KW_MAX
} kw_id;
#undef RULES_KW_ENUM

/*
 * An open-addressed table from a word to its number, built once per
 * compiler (no global state to initialise, so compilers in several
 * threads need no lock).  Twice as many slots as words keep probes
 * short.
 */
#define KW_SLOTS	256

typedef struct kw_table {
	uint8_t		 slot[KW_SLOTS];	/* kw_id, KW_NONE = empty */
	uint8_t		 len[KW_MAX];		/* of each keyword */
	size_t		 maxlen;		/* of the longest keyword */
} kw_table;

void	 kw_table_init(kw_table *);
/* The keyword s[0..n) is; KW_NONE if none. */
kw_id	 kw_lookup(const kw_table *, const char *s, size_t n);
const char *kw_name(kw_id);

#endif
