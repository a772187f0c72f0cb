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
 * Shared by the fuzz targets (tests/fuzz/fuzz_*.c).  Each target defines
 * LLVMFuzzerTestOneInput; it is linked either with libFuzzer ("make
 * fuzz") or with replay.c, a plain main that runs every file named on
 * the command line once ("make check" replays tests/fuzz/regress/).
 *
 * The library reads hives and .reg files by path (libregf opens hives by
 * path too), so each input is written to one scratch file per process.
 */
#ifndef SPOOLFIX_FUZZ_H
#define SPOOLFIX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "spoolfix.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A private scratch folder for this process, made on first use. */
const char	*fz_dir(void);
/* Writes the input to <fz_dir>/<name>; returns the path (static). */
const char	*fz_write(const char *name, const uint8_t *, size_t);
/* Reads a whole file (malloc, one spare byte); NULL on failure. */
uint8_t		*fz_read(const char *path, size_t *len);
/* Makes the base block checksum right, so the fuzzer gets past it. */
void		 fz_fix_checksum(uint8_t *, size_t);
/*
 * A hive and its transaction logs in one input: FZ_LOG_SEP splits it
 * into the hive, NAME.LOG1 and NAME.LOG2 (an input without it is a hive
 * alone, as before).  Writes them to the scratch folder, removing the
 * logs of the input before, with the checksums and the HvLE entries'
 * hashes made right, so that mutations reach the replay.  Returns the
 * hive's path (static).
 */
#define FZ_LOG_SEP	"SFLOGSEP"
const char	*fz_write_with_logs(const char *name, const uint8_t *, size_t);
/* The shipped rules (rules/ or SPOOLFIX_RULES_DIR), compiled once. */
const sf_rules	*fz_shipped_rules(void);
/* Removes every file in the scratch folder below 'sub' (one level). */
void		 fz_clear(const char *sub);
/* Aborts (a crash the fuzzer reports) with a message. */
_Noreturn void	 fz_fail(const char *what, const char *detail);

#endif
