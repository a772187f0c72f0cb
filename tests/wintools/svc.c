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
 * svc.exe: the Service Control Manager for the winrepair tests.
 *   svc query NAME           prints the service's state (RUNNING, ...)
 *   svc start NAME           starts it and waits until it runs
 *   svc stop NAME            stops it and waits until it has stopped
 *   svc install NAME MODE    registers this program as a service
 *   svc hold SECONDS FILE    creates FILE, then sleeps: Wine ends its
 *                            services (the spooler too) when the last
 *                            program of the prefix exits, so the tests
 *                            keep one running (FILE says it runs)
 *   svc run MODE             (the SCM runs this) the service itself:
 *     MODE ignore  stays RUNNING whatever it is told (a spooler that
 *                  does not stop);
 *     MODE slow    stops after 1.5 s of STOP_PENDING, its checkpoint
 *                  moving with a wait hint of 1 s (a slow spooler);
 *     MODE linger  reports STOPPED at once, then its process goes on
 *                  for 8 s and writes NAME.ended beside this program as
 *                  it ends (a spooler still shutting down);
 *     MODE lingershared  the same, installed as a service of a shared
 *                  process (as in svchost.exe), which goes on after one
 *                  of its services stopped;
 *     MODE slowstart  its second start answers the SCM only after
 *                  12 s (Wine's SCM gives up at 10 s with 1053 and ends
 *                  it), writing slowstart.2 beside this program; its
 *                  other starts are at once (a start slowed by load).
 * Exit 0 on success.
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <wchar.h>

int	wmain(int, wchar_t **);

static SERVICE_STATUS_HANDLE	status_h;
static SERVICE_STATUS		status;
static int			slow, linger, ignore;
static DWORD			svc_type = SERVICE_WIN32_OWN_PROCESS;
static HANDLE			stop_ev;
static wchar_t			svc_name[128];

static const char *
state(DWORD s)
{
	switch (s) {
	case SERVICE_STOPPED:		return "STOPPED";
	case SERVICE_START_PENDING:	return "START_PENDING";
	case SERVICE_STOP_PENDING:	return "STOP_PENDING";
	case SERVICE_RUNNING:		return "RUNNING";
	default:			return "OTHER";
	}
}

static void
report(DWORD st, DWORD check, DWORD hint)
{
	status.dwServiceType = svc_type;
	status.dwCurrentState = st;
	status.dwControlsAccepted = st == SERVICE_RUNNING ?
	    SERVICE_ACCEPT_STOP : 0;
	status.dwWin32ExitCode = NO_ERROR;
	status.dwCheckPoint = check;
	status.dwWaitHint = hint;
	SetServiceStatus(status_h, &status);
}

static DWORD WINAPI
handler(DWORD ctl, DWORD type, LPVOID data, LPVOID ctx)
{
	(void)type;
	(void)data;
	(void)ctx;
	if (ctl == SERVICE_CONTROL_STOP && !ignore)
		SetEvent(stop_ev);
	/* "ignore": told to stop, it goes on running. */
	return NO_ERROR;
}

static void WINAPI
service_main(DWORD argc, LPWSTR *argv)
{
	DWORD i;

	(void)argc;
	wcsncpy(svc_name, argv[0], sizeof(svc_name) / sizeof(svc_name[0]) - 1);
	status_h = RegisterServiceCtrlHandlerExW(argv[0], handler, NULL);
	report(SERVICE_RUNNING, 0, 0);
	WaitForSingleObject(stop_ev, INFINITE);
	for (i = 1; slow && i <= 3; i++) {
		report(SERVICE_STOP_PENDING, i, 1000);
		Sleep(500);
	}
	report(SERVICE_STOPPED, 0, 0);
}

#define BESIDE	(MAX_PATH + 160)

/* The path of FILE beside this program, in path (BESIDE units). */
static int
beside(wchar_t *path, const wchar_t *file)
{
	wchar_t *slash;

	if (GetModuleFileNameW(NULL, path, MAX_PATH) == 0 ||
	    (slash = wcsrchr(path, L'\\')) == NULL)
		return -1;
	_snwprintf(slash + 1, 150, L"%ls", file);
	path[BESIDE - 1] = 0;
	return 0;
}

/* slowstart: the first start at once, the second after 12 s. */
static void
slow_second_start(void)
{
	wchar_t	 one[BESIDE], two[BESIDE];
	FILE	*f;

	if (beside(one, L"slowstart.1") == -1 ||
	    beside(two, L"slowstart.2") == -1)
		return;
	if (GetFileAttributesW(one) == INVALID_FILE_ATTRIBUTES) {
		if ((f = _wfopen(one, L"w")) != NULL)
			fclose(f);
	} else if (GetFileAttributesW(two) == INVALID_FILE_ATTRIBUTES) {
		if ((f = _wfopen(two, L"w")) != NULL)
			fclose(f);
		Sleep(12000);
	}
}

/* linger: the process ends 8 s after the service reported STOPPED. */
static void
linger_end(void)
{
	wchar_t	 name[140], path[BESIDE];
	FILE	*f;

	Sleep(8000);
	_snwprintf(name, 139, L"%ls.ended", svc_name);
	name[139] = 0;
	if (beside(path, name) == 0 && (f = _wfopen(path, L"w")) != NULL)
		fclose(f);
}

static int
wait_state(SC_HANDLE s, DWORD want)
{
	SERVICE_STATUS	st;
	int		i;

	for (i = 0; i < 100; i++) {
		if (!QueryServiceStatus(s, &st))
			return 1;
		if (st.dwCurrentState == want)
			return 0;
		Sleep(100);
	}
	return 1;
}

int
wmain(int argc, wchar_t **argv)
{
	SERVICE_TABLE_ENTRYW	 table[2];
	SC_HANDLE		 scm, s;
	SERVICE_STATUS		 st;
	wchar_t			 self[MAX_PATH], cmd[MAX_PATH + 64];
	int			 rc = 0;

	if (argc == 3 && wcscmp(argv[1], L"run") == 0) {
		slow = wcscmp(argv[2], L"slow") == 0;
		ignore = wcscmp(argv[2], L"ignore") == 0;
		linger = wcsncmp(argv[2], L"linger", 6) == 0;
		if (wcscmp(argv[2], L"lingershared") == 0)
			svc_type = SERVICE_WIN32_SHARE_PROCESS;
		stop_ev = CreateEventW(NULL, TRUE, FALSE, NULL);
		table[0].lpServiceName = (LPWSTR)L"";
		table[0].lpServiceProc = service_main;
		table[1].lpServiceName = NULL;
		table[1].lpServiceProc = NULL;
		if (wcscmp(argv[2], L"slowstart") == 0)
			slow_second_start();
		rc = !StartServiceCtrlDispatcherW(table);
		if (linger)
			linger_end();
		return rc;
	}
	if (argc == 4 && wcscmp(argv[1], L"hold") == 0) {
		FILE *f;

		if ((f = _wfopen(argv[3], L"w")) == NULL)
			return 1;
		fclose(f);
		Sleep((DWORD)wcstoul(argv[2], NULL, 10) * 1000);
		return 0;
	}
	if (argc < 3) {
		fputs("usage: svc query|start|stop NAME | install NAME MODE\n",
		    stderr);
		return 2;
	}
	if ((scm = OpenSCManagerW(NULL, NULL, SC_MANAGER_ALL_ACCESS)) == NULL)
		return 2;
	if (wcscmp(argv[1], L"install") == 0 && argc == 4) {
		GetModuleFileNameW(NULL, self, MAX_PATH);
		_snwprintf(cmd, sizeof(cmd) / sizeof(cmd[0]), L"\"%ls\" run %ls",
		    self, argv[3]);
		cmd[sizeof(cmd) / sizeof(cmd[0]) - 1] = 0;
		s = CreateServiceW(scm, argv[2], argv[2], SERVICE_ALL_ACCESS,
		    wcscmp(argv[3], L"lingershared") == 0 ?
		    SERVICE_WIN32_SHARE_PROCESS : SERVICE_WIN32_OWN_PROCESS,
		    SERVICE_DEMAND_START,
		    SERVICE_ERROR_NORMAL, cmd, NULL, NULL, NULL, NULL, NULL);
		rc = s == NULL;
	} else if ((s = OpenServiceW(scm, argv[2], SERVICE_ALL_ACCESS)) ==
	    NULL)
		rc = 1;
	else if (wcscmp(argv[1], L"query") == 0) {
		rc = !QueryServiceStatus(s, &st);
		if (!rc)
			printf("%s\n", state(st.dwCurrentState));
	} else if (wcscmp(argv[1], L"start") == 0) {
		if (!StartServiceW(s, 0, NULL) &&
		    GetLastError() != ERROR_SERVICE_ALREADY_RUNNING)
			rc = 1;
		else
			rc = wait_state(s, SERVICE_RUNNING);
	} else if (wcscmp(argv[1], L"stop") == 0) {
		if (!ControlService(s, SERVICE_CONTROL_STOP, &st) &&
		    GetLastError() != ERROR_SERVICE_NOT_ACTIVE)
			rc = 1;
		else
			rc = wait_state(s, SERVICE_STOPPED);
	} else
		rc = 2;
	if (s != NULL)
		CloseServiceHandle(s);
	CloseServiceHandle(scm);
	return rc;
}
