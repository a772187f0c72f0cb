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
 * The Service Control Manager, for a live repair (service_win32.c,
 * Windows only): the Spooler is stopped, with the services that depend
 * on it, before the registry changes, and started again afterwards.
 */
#ifndef SPOOLFIX_SERVICE_H
#define SPOOLFIX_SERVICE_H

#include "base/internal.h"

/* What was stopped, so that it can be started again. */
typedef struct sf_service_stop {
	char		 *name;		/* the service (UTF-8) */
	int		  was_running;
	char		**deps;		/* dependents that were running */
	size_t		  ndeps;
	/* Set when the dependents could not be listed (Wine's stub). */
	int		  deps_unknown;
} sf_service_stop;

/*
 * The service to stop: "Spooler", or, for the tests only, the name in
 * SPOOLFIX_SPOOLER_SERVICE (a dummy service standing in for a spooler
 * that does not stop).
 */
const char	*sf_spooler_name(void);

/*
 * Stops the service and the running services that depend on it,
 * honouring each one's wait hint and checkpoint, within an overall
 * timeout (30 s; SPOOLFIX_TEST_SERVICE_TIMEOUT_MS for the tests), and,
 * for a service in a process of its own, until that process has ended.
 * A service that does not stop is an SF_ERR_UNSAFE error naming it; the
 * dependents already stopped are then started again.
 */
sf_status	 sf_service_stop_all(const char *name, sf_service_stop *,
		    sf_error **);
/* Starts the service, then the dependents that were running. */
sf_status	 sf_service_start_all(const sf_service_stop *, sf_error **);
void		 sf_service_stop_free(sf_service_stop *);
/* The service's state as the SCM says it ("RUNNING", "STOPPED", ...). */
const char	*sf_service_state(const char *name);

/*
 * 1 when this process runs elevated (an administrator's full token), 0
 * when not; -1 when Windows cannot say (the registry calls then give
 * their own "access denied").  SPOOLFIX_TEST_NOT_ELEVATED=1 makes it 0,
 * so the tests reach the message under Wine, where everyone is admin.
 */
int		 sf_elevated(void);

/*
 * The test hook that proves when the spooler was stopped: with
 * SPOOLFIX_TEST_SERVICE_LOG=FILE, appends "STEP NAME STATE" to FILE.
 */
void		 sf_service_test_log(const char *step, const char *name);

/*
 * One live repair or undo at a time on the machine: the named mutex
 * Global\spoolfix-live, taken without waiting (another run holding it
 * means SF_ERR_LOCKED, nothing changed) and held until released.
 */
typedef struct sf_live_lock sf_live_lock;
sf_status	 sf_live_lock_take(sf_live_lock **, sf_error **);
void		 sf_live_lock_release(sf_live_lock *);

#endif
