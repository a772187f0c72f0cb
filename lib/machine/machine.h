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
 * The machine view: the hives of one host and the facts derived from
 * them (host name, print environment).  Shared by machine.c, the
 * environment logic and the rule engine.
 */
#ifndef SPOOLFIX_MACHINE_H
#define SPOOLFIX_MACHINE_H

#include "hive/hive.h"

struct sf_machine {
	sf_hive		**hive;
	size_t		  nhive;
	char		 *host_given;
	char		 *host_system;
	int		  env_done;
	char		 *env;
	char		 *env_how;
};

/* The mounted hive of a kind (SYSTEM, SOFTWARE, DEFAULT), or NULL. */
sf_hive	*sf_machine_kind(const sf_machine *, sf_hive_kind);
/* The current control set's key of the SYSTEM hive, or NULL. */
sf_key	*sf_machine_ccs(const sf_machine *);

#endif
