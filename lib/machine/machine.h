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
	char		 *root;		/* the folder of sf_machine_add_root */
	char		 *host_given;
	char		 *host_system;
	int		  env_done;
	int		  no_logs;	/* sf_machine_set_logs(m, 0) */
	char		 *env;
	char		 *env_how;
	/* Memory ran out while the environment was worked out: a scan
	 * fails rather than take it for unknown. */
	int		  oom;
};

/*
 * sf_machine_add_file for the hives found under a root folder, where a
 * file reached again through a link (Windows' "Users/Default User"
 * junction to "Users/Default") is skipped: *skipped is then 1.
 */
sf_status	 machine_add_found(sf_machine *, const char *path,
		    const char *profile, int *skipped, sf_error **);

/* The mounted hive of a kind (SYSTEM, SOFTWARE, DEFAULT), or NULL. */
sf_hive	*sf_machine_kind(const sf_machine *, sf_hive_kind);
/* Whether a key of SYSTEM's root is a control set: ControlSet000-999. */
int	 machine_is_control_set(const sf_key *);
/* The current control set's key of the SYSTEM hive, or NULL. */
sf_key	*sf_machine_ccs(const sf_machine *);

#endif
