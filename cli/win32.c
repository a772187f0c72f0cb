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
 * The Windows entry point (built only by "make windows"): the UTF-16
 * command line converted to UTF-8 for cli_main(), and the one place
 * where output meets Windows.  The commands print UTF-8 through stdio
 * as on POSIX.  Redirected to a file or a pipe, those bytes are written
 * unchanged (binary mode: no LF to CRLF, so the output is the Linux
 * build's byte for byte).  On a console they would be read in the
 * console's code page, and msvcrt's "%ls" cuts text at the first
 * non-ASCII character, so a console stream is sent through a pipe to
 * console_pump(), which converts complete UTF-8 sequences to UTF-16 and
 * writes them with WriteConsoleW (which, in turn, fails on a
 * redirected handle: hence the two paths).
 */
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct pump {
	HANDLE	 from;		/* the pipe's read end */
	HANDLE	 console;	/* the console's own handle */
	HANDLE	 thread;
	int	 fd;		/* 1 or 2 */
	FILE	*stream;
};

static struct pump pumps[2];

int	wmain(int, wchar_t **);

/* Bytes of a UTF-8 sequence that starts with c (1 for a stray byte). */
static size_t
seq_len(unsigned char c)
{
	if (c >= 0xf0 && c < 0xf8)
		return 4;
	if (c >= 0xe0)
		return c < 0xf0 ? 3 : 1;
	if (c >= 0xc0)
		return 2;
	return 1;
}

static DWORD WINAPI
console_pump(LPVOID arg)
{
	struct pump	*p = arg;
	char		 buf[4096 + 4];
	wchar_t		 w[4096 + 4];
	size_t		 have = 0, done, i, n;
	DWORD		 got, wrote;
	int		 nw;

	for (;;) {
		if (!ReadFile(p->from, buf + have, 4096, &got, NULL) ||
		    got == 0)
			break;
		have += got;
		/* Keep an incomplete sequence at the end for the next read. */
		done = have;
		for (i = have > 3 ? have - 3 : 0; i < have; i++)
			if (((unsigned char)buf[i] & 0xc0) != 0x80 &&
			    i + seq_len((unsigned char)buf[i]) > have) {
				done = i;
				break;
			}
		nw = MultiByteToWideChar(CP_UTF8, 0, buf, (int)done, w,
		    (int)(sizeof(w) / sizeof(w[0])));
		if (nw > 0)
			WriteConsoleW(p->console, w, (DWORD)nw, &wrote, NULL);
		n = have - done;
		memmove(buf, buf + done, n);
		have = n;
	}
	if (have > 0 && (nw = MultiByteToWideChar(CP_UTF8, 0, buf, (int)have,
	    w, (int)(sizeof(w) / sizeof(w[0])))) > 0)
		WriteConsoleW(p->console, w, (DWORD)nw, &wrote, NULL);
	return 0;
}

/* Sends fd through console_pump when it is a console. */
static void
pump_start(struct pump *p, int fd, FILE *stream, DWORD std)
{
	HANDLE	 h = GetStdHandle(std), con, r, w;
	DWORD	 mode;
	int	 wfd;

	p->thread = NULL;
	if (h == NULL || h == INVALID_HANDLE_VALUE ||
	    !GetConsoleMode(h, &mode))
		return;
	/*
	 * The pump needs a handle of its own: _dup2() below closes the
	 * handle fd held, which is the console's standard handle.
	 */
	if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(),
	    &con, 0, FALSE, DUPLICATE_SAME_ACCESS))
		return;
	if (!CreatePipe(&r, &w, NULL, 0)) {
		CloseHandle(con);
		return;
	}
	if ((wfd = _open_osfhandle((intptr_t)w, _O_BINARY)) == -1) {
		CloseHandle(con);
		CloseHandle(r);
		CloseHandle(w);
		return;
	}
	fflush(stream);
	if (_dup2(wfd, fd) == -1) {
		_close(wfd);
		CloseHandle(con);
		CloseHandle(r);
		return;
	}
	h = con;
	_close(wfd);
	p->from = r;
	p->console = h;
	p->fd = fd;
	p->stream = stream;
	p->thread = CreateThread(NULL, 0, console_pump, p, 0, NULL);
	if (p->thread == NULL) {
		CloseHandle(r);
		CloseHandle(con);
	}
}

/* At exit: the last output through the pipes, and the pumps finished. */
static void
pumps_end(void)
{
	size_t i;

	for (i = 0; i < 2; i++) {
		if (pumps[i].thread == NULL)
			continue;
		fflush(pumps[i].stream);
		_close(pumps[i].fd);	/* the pump reads the end of file */
		WaitForSingleObject(pumps[i].thread, 5000);
		CloseHandle(pumps[i].thread);
		CloseHandle(pumps[i].from);
		CloseHandle(pumps[i].console);
		pumps[i].thread = NULL;
	}
}

static char *
to_utf8(const wchar_t *w)
{
	char	*s;
	int	 n;

	n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	if (n <= 0 || (s = malloc((size_t)n)) == NULL)
		return NULL;
	if (WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) <= 0) {
		free(s);
		return NULL;
	}
	return s;
}

char *
win32_program_path(void)
{
	wchar_t	*w = NULL, *nw;
	DWORD	 cap = 512, n;
	char	*s, *c;

	for (;;) {
		if ((nw = realloc(w, cap * sizeof(*w))) == NULL) {
			free(w);
			return NULL;
		}
		w = nw;
		n = GetModuleFileNameW(NULL, w, cap);
		if (n == 0) {
			free(w);
			return NULL;
		}
		if (n < cap)
			break;
		cap *= 2;	/* a long path: truncated, try again */
	}
	s = to_utf8(w);
	free(w);
	for (c = s; c != NULL && *c != '\0'; c++)
		if (*c == '\\')
			*c = '/';
	return s;
}

int
win32_is_dir(const char *path)
{
	wchar_t	*w;
	DWORD	 a;
	int	 n;

	n = MultiByteToWideChar(CP_UTF8, 0, path, -1, NULL, 0);
	if (n <= 0 || (w = calloc((size_t)n, sizeof(*w))) == NULL)
		return 0;
	MultiByteToWideChar(CP_UTF8, 0, path, -1, w, n);
	a = GetFileAttributesW(w);
	free(w);
	return a != INVALID_FILE_ATTRIBUTES &&
	    (a & FILE_ATTRIBUTE_DIRECTORY) != 0;
}

int
wmain(int argc, wchar_t **wargv)
{
	char	**argv;
	int	  i;

	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	_setmode(_fileno(stdin), _O_BINARY);
	pump_start(&pumps[0], 1, stdout, STD_OUTPUT_HANDLE);
	pump_start(&pumps[1], 2, stderr, STD_ERROR_HANDLE);
	atexit(pumps_end);
	if ((argv = calloc((size_t)argc + 1, sizeof(*argv))) == NULL)
		return EXIT_TROUBLE;
	for (i = 0; i < argc; i++)
		if ((argv[i] = to_utf8(wargv[i])) == NULL) {
			fputs("spoolfix: an argument is not valid UTF-16\n",
			    stderr);
			return EXIT_TROUBLE;
		}
	return cli_main(argc, argv);
}
