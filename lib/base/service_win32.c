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
 * Stopping and starting the Spooler through the Service Control
 * Manager (Windows only).  The waits follow what the service reports:
 * while it is STOP_PENDING or START_PENDING and its checkpoint moves,
 * it is given its wait hint again (a tenth of it between polls, as
 * Microsoft's sample does, 0.1 to 2 s); the whole wait is bounded, so a
 * service that ignores STOP, or reports a checkpoint forever, ends in a
 * refusal rather than a hang.  A service in a process of its own is
 * stopped only when that process has ended too: a spooler may still be
 * shutting down, and write its keys, after it reported STOPPED.
 *
 * The dependents come from EnumDependentServicesW.  On Windows the SCM
 * refuses to stop a service whose dependents run (error 1051), so they
 * are stopped first and started again after the spooler.  Wine's
 * EnumDependentServicesW is a stub: a failure to list them is noted
 * (deps_unknown) and the spooler is stopped alone.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/service.h"

#define TIMEOUT_MS	30000

static DWORD
timeout_ms(void)
{
	const char	*t = getenv("SPOOLFIX_TEST_SERVICE_TIMEOUT_MS");
	long		 n;

	if (t != NULL && (n = strtol(t, NULL, 10)) > 0 && n < 600000)
		return (DWORD)n;
	return TIMEOUT_MS;
}

const char *
sf_spooler_name(void)
{
	const char *n = getenv("SPOOLFIX_SPOOLER_SERVICE");

	return n != NULL && *n != '\0' ? n : "Spooler";
}

static wchar_t *
wide(const char *s)
{
	size_t n;

	return (wchar_t *)sf_u16_from_utf8(s, &n);
}

static sf_status
scm_error(sf_error **errp, DWORD e, const char *what, const char *name)
{
	return sf_err(errp, SF_ERR_UNSAFE, e == ERROR_ACCESS_DENIED ?
	    "run spoolfix as an administrator (elevated)" : "check the "
	    "service with sc query; nothing was changed", "cannot %s the "
	    "service %s (Windows error %lu)", what, name, (unsigned long)e);
}

static SC_HANDLE
open_service(SC_HANDLE scm, const char *name, DWORD access)
{
	wchar_t		*w;
	SC_HANDLE	 s;

	if ((w = wide(name)) == NULL)
		return NULL;
	s = OpenServiceW(scm, w, access);
	free(w);
	return s;
}

/*
 * Waits while the service is 'pending', honouring its wait hint and
 * checkpoint, until it reaches 'want' or the deadline passes.
 */
static int
wait_for(SC_HANDLE s, DWORD pending, DWORD want, ULONGLONG deadline,
    DWORD *last)
{
	SERVICE_STATUS_PROCESS	st;
	DWORD			need, wait, check = 0;
	ULONGLONG		moved = GetTickCount64();

	for (;;) {
		if (!QueryServiceStatusEx(s, SC_STATUS_PROCESS_INFO,
		    (LPBYTE)&st, sizeof(st), &need))
			return -1;
		*last = st.dwCurrentState;
		if (st.dwCurrentState == want)
			return 0;
		if (GetTickCount64() >= deadline)
			return -1;
		/* A checkpoint that moves earns another wait hint. */
		if (st.dwCheckPoint != check) {
			check = st.dwCheckPoint;
			moved = GetTickCount64();
		} else if (st.dwCurrentState == pending && st.dwWaitHint > 0 &&
		    GetTickCount64() - moved > st.dwWaitHint)
			return -1;
		wait = st.dwWaitHint / 10;
		if (wait < 100)
			wait = 100;
		if (wait > 2000)
			wait = 2000;
		Sleep(wait);
	}
}

static const char *
state_name(DWORD s)
{
	switch (s) {
	case SERVICE_STOPPED:		return "STOPPED";
	case SERVICE_START_PENDING:	return "START_PENDING";
	case SERVICE_STOP_PENDING:	return "STOP_PENDING";
	case SERVICE_RUNNING:		return "RUNNING";
	case SERVICE_CONTINUE_PENDING:	return "CONTINUE_PENDING";
	case SERVICE_PAUSE_PENDING:	return "PAUSE_PENDING";
	case SERVICE_PAUSED:		return "PAUSED";
	default:			return "UNKNOWN";
	}
}

/*
 * The process of a service that runs in a process of its own, opened
 * while it runs (so that its id cannot have been reused), or NULL: a
 * shared process (svchost.exe) goes on after the service stopped.
 */
static HANDLE
own_process(const SERVICE_STATUS_PROCESS *st)
{
	if (st->dwProcessId == 0 ||
	    (st->dwServiceType & SERVICE_WIN32_SHARE_PROCESS) != 0 ||
	    (st->dwServiceType & SERVICE_WIN32_OWN_PROCESS) == 0)
		return NULL;
	return OpenProcess(SYNCHRONIZE, FALSE, st->dwProcessId);
}

/*
 * Waits, until the deadline, for the process of a service that has
 * reported STOPPED: a spooler may still be shutting down, and write
 * its keys, after it said so.
 */
static sf_status
wait_process(HANDLE proc, const char *name, ULONGLONG deadline,
    sf_error **errp)
{
	ULONGLONG	now = GetTickCount64();
	DWORD		ms = now < deadline ? (DWORD)(deadline - now) : 0;

	if (proc == NULL || WaitForSingleObject(proc, ms) == WAIT_OBJECT_0)
		return SF_OK;
	return sf_err(errp, SF_ERR_UNSAFE, "find out why its process does "
	    "not end (tasklist), end it or restart Windows, then run "
	    "spoolfix again; nothing was changed", "the service %s "
	    "reported STOPPED, but its process had not ended within %lu s; "
	    "the registry was not changed while it may still use it", name,
	    (unsigned long)(timeout_ms() / 1000));
}

/* Stops one service; *was says whether it ran. */
static sf_status
stop_one(SC_HANDLE scm, const char *name, ULONGLONG deadline, int *was,
    sf_error **errp)
{
	SC_HANDLE		s;
	SERVICE_STATUS		ss;
	SERVICE_STATUS_PROCESS	st;
	DWORD			need, last = 0;
	HANDLE			proc;
	sf_status		rc = SF_OK;

	*was = 0;
	if ((s = open_service(scm, name, SERVICE_STOP |
	    SERVICE_QUERY_STATUS)) == NULL)
		return scm_error(errp, GetLastError(), "open", name);
	if (!QueryServiceStatusEx(s, SC_STATUS_PROCESS_INFO, (LPBYTE)&st,
	    sizeof(st), &need)) {
		rc = scm_error(errp, GetLastError(), "query", name);
		CloseServiceHandle(s);
		return rc;
	}
	if (st.dwCurrentState == SERVICE_STOPPED) {
		CloseServiceHandle(s);
		return SF_OK;
	}
	*was = 1;
	proc = own_process(&st);
	if (st.dwCurrentState != SERVICE_STOP_PENDING &&
	    !ControlService(s, SERVICE_CONTROL_STOP, &ss) &&
	    GetLastError() != ERROR_SERVICE_NOT_ACTIVE)
		rc = scm_error(errp, GetLastError(), "stop", name);
	else if (wait_for(s, SERVICE_STOP_PENDING, SERVICE_STOPPED, deadline,
	    &last) == -1)
		rc = sf_err(errp, SF_ERR_UNSAFE, "find out why it does not "
		    "stop (sc query), stop it yourself, then run spoolfix "
		    "again; nothing was changed", "the service %s did not stop "
		    "within %lu s (it is %s); the registry was not changed "
		    "while it may still use it", name, (unsigned long)
		    (timeout_ms() / 1000), state_name(last));
	else
		rc = wait_process(proc, name, deadline, errp);
	if (proc != NULL)
		CloseHandle(proc);
	CloseServiceHandle(s);
	return rc;
}

/*
 * A start the SCM could not complete in time (1053: the service's
 * process was slow to answer, as on a loaded machine, and the SCM ended
 * it), or asked while another service was starting (1055), is tried
 * again until the deadline: the spooler must not be left stopped for a
 * moment's load.
 */
static int
start_again(DWORD e, ULONGLONG deadline)
{
	if ((e != ERROR_SERVICE_REQUEST_TIMEOUT &&
	    e != ERROR_SERVICE_DATABASE_LOCKED) || GetTickCount64() >= deadline)
		return 0;
	Sleep(500);
	return 1;
}

static sf_status
start_one(SC_HANDLE scm, const char *name, sf_error **errp)
{
	SC_HANDLE	s;
	DWORD		last = 0, e = 0;
	ULONGLONG	deadline = GetTickCount64() + timeout_ms();
	sf_status	rc = SF_OK;

	if ((s = open_service(scm, name, SERVICE_START |
	    SERVICE_QUERY_STATUS)) == NULL)
		return scm_error(errp, GetLastError(), "open", name);
	while (!StartServiceW(s, 0, NULL) && (e = GetLastError()) !=
	    ERROR_SERVICE_ALREADY_RUNNING && start_again(e, deadline))
		e = 0;
	if (e != 0 && e != ERROR_SERVICE_ALREADY_RUNNING)
		rc = scm_error(errp, e, "start", name);
	else if (wait_for(s, SERVICE_START_PENDING, SERVICE_RUNNING,
	    deadline, &last) == -1)
		rc = sf_err(errp, SF_ERR_IO, "start it with sc start; the "
		    "registry changes are made", "the service %s did not start "
		    "within %lu s (it is %s)", name, (unsigned long)
		    (timeout_ms() / 1000), state_name(last));
	CloseServiceHandle(s);
	return rc;
}

/* The running dependents' names, or -1 when they cannot be listed. */
static int
dependents(SC_HANDLE scm, const char *name, sf_service_stop *out)
{
	SC_HANDLE		 s;
	ENUM_SERVICE_STATUSW	*v = NULL;
	DWORD			 need = 0, n = 0, i;
	int			 rc = -1;

	if ((s = open_service(scm, name, SERVICE_ENUMERATE_DEPENDENTS)) ==
	    NULL)
		return -1;
	if (!EnumDependentServicesW(s, SERVICE_ACTIVE, NULL, 0, &need, &n)) {
		if (GetLastError() != ERROR_MORE_DATA || need > (1u << 24) ||
		    (v = malloc(need)) == NULL ||
		    !EnumDependentServicesW(s, SERVICE_ACTIVE, v, need, &need,
		    &n))
			goto out;
	}
	if (n > 0 && (out->deps = sf_calloc(n, sizeof(*out->deps))) == NULL)
		goto out;
	/* Listed in the order to stop them: dependents of dependents first. */
	for (i = 0; i < n; i++)
		if ((out->deps[out->ndeps] = sf_u16_to_utf8((const uint16_t *)
		    v[i].lpServiceName, wcslen(v[i].lpServiceName))) != NULL)
			out->ndeps++;
	rc = 0;
out:
	free(v);
	CloseServiceHandle(s);
	return rc;
}

sf_status
sf_service_stop_all(const char *name, sf_service_stop *out, sf_error **errp)
{
	SC_HANDLE	 scm;
	ULONGLONG	 deadline = GetTickCount64() + timeout_ms();
	size_t		 i, k;
	int		 was;
	sf_status	 rc = SF_OK;

	memset(out, 0, sizeof(*out));
	if ((out->name = sf_strdup(name)) == NULL)
		return sf_err_nomem(errp);
	if ((scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT)) == NULL)
		return scm_error(errp, GetLastError(), "reach the Service "
		    "Control Manager to stop", name);
	if (dependents(scm, name, out) == -1)
		out->deps_unknown = 1;
	/* Dependents first; only those that ran are started again. */
	for (i = 0, k = 0; rc == SF_OK && i < out->ndeps; i++) {
		rc = stop_one(scm, out->deps[i], deadline, &was, errp);
		if (was)
			out->deps[k++] = out->deps[i];
		else
			free(out->deps[i]);
	}
	for (; i < out->ndeps; i++)
		free(out->deps[i]);
	out->ndeps = k;
	if (rc == SF_OK)
		rc = stop_one(scm, name, deadline, &out->was_running, errp);
	if (rc != SF_OK) {
		/* Put back what was stopped: nothing else has changed. */
		sf_error *e = NULL;

		if (out->was_running)
			start_one(scm, name, &e);
		sf_error_free(e);
		for (i = out->ndeps; i-- > 0;) {
			e = NULL;
			start_one(scm, out->deps[i], &e);
			sf_error_free(e);
		}
	}
	CloseServiceHandle(scm);
	return rc;
}

sf_status
sf_service_start_all(const sf_service_stop *st, sf_error **errp)
{
	SC_HANDLE	 scm;
	size_t		 i;
	sf_status	 rc, r;

	if ((scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT)) == NULL)
		return scm_error(errp, GetLastError(), "reach the Service "
		    "Control Manager to start", st->name);
	rc = start_one(scm, st->name, errp);
	for (i = st->ndeps; i-- > 0;)
		if ((r = start_one(scm, st->deps[i], rc == SF_OK ? errp :
		    NULL)) != SF_OK && rc == SF_OK)
			rc = r;
	CloseServiceHandle(scm);
	return rc;
}

void
sf_service_stop_free(sf_service_stop *st)
{
	size_t i;

	for (i = 0; i < st->ndeps; i++)
		free(st->deps[i]);
	free(st->deps);
	free(st->name);
	memset(st, 0, sizeof(*st));
}

const char *
sf_service_state(const char *name)
{
	SC_HANDLE		scm, s;
	SERVICE_STATUS_PROCESS	st;
	DWORD			need;
	const char		*r = "UNKNOWN";

	if ((scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_CONNECT)) == NULL)
		return r;
	if ((s = open_service(scm, name, SERVICE_QUERY_STATUS)) != NULL) {
		if (QueryServiceStatusEx(s, SC_STATUS_PROCESS_INFO,
		    (LPBYTE)&st, sizeof(st), &need))
			r = state_name(st.dwCurrentState);
		CloseServiceHandle(s);
	}
	CloseServiceHandle(scm);
	return r;
}

int
sf_elevated(void)
{
	HANDLE		tok;
	TOKEN_ELEVATION	el;
	DWORD		n;
	const char	*t = getenv("SPOOLFIX_TEST_NOT_ELEVATED");

	if (t != NULL && strcmp(t, "1") == 0)
		return 0;
	if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &tok))
		return -1;
	if (!GetTokenInformation(tok, TokenElevation, &el, sizeof(el), &n)) {
		CloseHandle(tok);
		return -1;
	}
	CloseHandle(tok);
	return el.TokenIsElevated != 0;
}

void
sf_service_test_log(const char *step, const char *name)
{
	const char	*log = getenv("SPOOLFIX_TEST_SERVICE_LOG");
	FILE		*f;

	if (log == NULL || *log == '\0' || (f = fopen(log, "a")) == NULL)
		return;
	fprintf(f, "%s %s %s\n", step, name, sf_service_state(name));
	fclose(f);
}

/*
 * The live lock.  A named mutex rather than LockFileEx on a file: the
 * backup folder differs from run to run (--backup-dir, a time stamp),
 * so a file there would not keep two runs apart, and a fixed file
 * elsewhere needs a folder every account can reach; a mutex is
 * machine-wide (Global\, across sessions: an Intune or SCCM job as
 * SYSTEM and an admin at the console), and Windows releases it when
 * its holder dies, so a killed run leaves no stale lock (the next run
 * gets WAIT_ABANDONED and goes on: it checks the keys against its own
 * scan in any case).
 */
struct sf_live_lock {
	HANDLE	 m;
};

#define LIVE_LOCK_NAME	"Global\\spoolfix-live"

sf_status
sf_live_lock_take(sf_live_lock **out, sf_error **errp)
{
	HANDLE	 m;
	DWORD	 w, e;

	*out = NULL;
	if ((m = CreateMutexW(NULL, FALSE, L"Global\\spoolfix-live")) ==
	    NULL) {
		e = GetLastError();
		return sf_err(errp, SF_ERR_IO, "run spoolfix from an elevated "
		    "prompt; nothing was changed", "cannot create the lock "
		    "%s that keeps two live repairs apart (error %lu)",
		    LIVE_LOCK_NAME, (unsigned long)e);
	}
	w = WaitForSingleObject(m, 0);
	if (w != WAIT_OBJECT_0 && w != WAIT_ABANDONED) {
		CloseHandle(m);
		return sf_err(errp, SF_ERR_LOCKED, "wait for the other run to "
		    "finish, then scan again and repair from the new scan",
		    "another spoolfix repair or undo is changing the live "
		    "registry (it holds the lock %s); nothing was changed",
		    LIVE_LOCK_NAME);
	}
	if ((*out = malloc(sizeof(**out))) == NULL) {
		ReleaseMutex(m);
		CloseHandle(m);
		return sf_err_nomem(errp);
	}
	(*out)->m = m;
	return SF_OK;
}

void
sf_live_lock_release(sf_live_lock *l)
{
	if (l == NULL)
		return;
	ReleaseMutex(l->m);
	CloseHandle(l->m);
	free(l);
}
