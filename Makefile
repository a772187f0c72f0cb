# spoolfix: a plain GNU Makefile.
#
#   make            build lib/libspoolfix.a, spoolfix and fixtures/mkhive
#   make demo       build a sample machine from fixtures/ and scan it
#   make check      run the whole test suite (ends with "N passed, N failed")
#   make bench      measure speed and memory against the peers it names
#   make bench-check the same, failing when a ratio misses its target
#   make windows    build spoolfix.exe (static, x86_64) with mingw-w64
#   make install    PREFIX=/usr/local DESTDIR= (binary, man pages, rules,
#                   header, static library, spoolfix.pc); make uninstall
#   make SANITIZE=address,undefined check
#
# CC, CPPFLAGS, CFLAGS, LDFLAGS and LDLIBS are taken from the command
# line or the environment.  Warnings are errors only with WERROR=1,
# which "make check" (so "tools/bootstrap.sh check") and .ci/run use: a
# packager's newer compiler may warn about code that is correct.
#
# demo and check install missing Debian packages when run as root, and
# otherwise print the exact command to run (tools/deps.sh); on a machine
# without make, "sh tools/bootstrap.sh demo|check" does the same.

PREFIX		?= /usr/local
BINDIR		?= $(PREFIX)/bin
LIBDIR		?= $(PREFIX)/lib
INCLUDEDIR	?= $(PREFIX)/include
MANDIR		?= $(PREFIX)/share/man
DATADIR		?= $(PREFIX)/share/spoolfix
RULESDIR	?= $(DATADIR)/rules
SCHEMADIR	?= $(DATADIR)/schema
PKG_CONFIG	?= pkg-config
AR		?= ar
LD		?= ld
OBJCOPY		?= objcopy
INSTALL		?= install

CFLAGS		?= -O2 -g
# make check builds with -Werror unless told otherwise.
ifneq ($(filter check,$(MAKECMDGOALS)),)
WERROR		?= 1
endif
WERROR		?= 0
# tests/install.sh builds a copy of the tree with the same flags.
export WERROR
WARNINGS	 = -Wall -Wextra -Wmissing-prototypes \
		   -Wstrict-prototypes -Wwrite-strings -Wshadow -pedantic
ifeq ($(WERROR),1)
WARNINGS	+= -Werror
endif
DEP_CFLAGS	:= $(shell $(PKG_CONFIG) --cflags libregf libbfio 2>/dev/null)
DEP_LIBS	:= $(shell $(PKG_CONFIG) --libs libregf libbfio 2>/dev/null)
# -Ilib first: a CPPFLAGS -I naming an installed spoolfix.h must not
# shadow the one being built.
ALL_CFLAGS	 = -std=c11 -D_POSIX_C_SOURCE=200809L -Ilib $(CPPFLAGS) \
		   $(WARNINGS) $(CFLAGS) $(DEP_CFLAGS) -MMD -MP
# Not "LDFLAGS +=": that is lost when LDFLAGS is given on the command line.
ALL_LDFLAGS	 = $(LDFLAGS)
ifneq ($(SANITIZE),)
ALL_CFLAGS	+= -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
		   -fno-sanitize-recover=all
ALL_LDFLAGS	+= -fsanitize=$(SANITIZE)
endif

-include Makefile.local

# Without the libraries nothing builds; say what to do instead of
# failing on a missing header.  deps/demo/check install them first.
ifeq ($(DEP_LIBS),)
ifeq ($(filter deps demo check bench bench-check clean uninstall lint-man windows windows-tools,$(MAKECMDGOALS)),)
$(error libregf or libbfio development files are missing: run 'sh tools/deps.sh' (as root it installs them), or as root: apt-get install libregf-dev libbfio-dev pkg-config)
endif
endif

# The library's stages, each a folder (lib/README.md); the platform layer
# is chosen here, not by wildcard, so a Windows build can take its own.
LIB_STAGES	 = base hive machine rules scan write
LIB_SRCS	:= $(sort $(filter-out lib/base/platform_%.c lib/%_win32.c, \
		   $(foreach s,$(LIB_STAGES),$(wildcard lib/$(s)/*.c)))) \
		   lib/base/platform_posix.c
CLI_SRCS	:= $(sort $(filter-out cli/win32.c,$(wildcard cli/*.c)))
MKHIVE_SRCS	:= fixtures/mkhive.c fixtures/hivetext.c fixtures/regfwrite.c
UNIT_SRCS	:= $(sort $(wildcard tests/unit/test_*.c))
TOOL_SRCS	:= $(sort $(wildcard tests/tools/*.c))

LIB_OBJS	:= $(LIB_SRCS:.c=.o)
CLI_OBJS	:= $(CLI_SRCS:.c=.o)
MKHIVE_OBJS	:= $(MKHIVE_SRCS:.c=.o)
UNIT_BINS	:= $(UNIT_SRCS:.c=)
TOOL_BINS	:= $(TOOL_SRCS:.c=)
FUZZ_TARGETS	 = hive repair rules reg undo dotreg regex
REPLAY_BINS	:= $(FUZZ_TARGETS:%=tests/fuzz/fuzz_%-replay)

LIBRARY		 = lib/libspoolfix.a
PROGRAM		 = spoolfix
MKHIVE		 = fixtures/mkhive
MANPAGES	 = man/spoolfix.1 man/spoolfix-audit.1 man/spoolfix.rules.5 \
		   man/libspoolfix.3

# tests/alloc.sh's allocation-failure injector, loaded with LD_PRELOAD:
# built without the sanitizers, whose allocator it would have to follow.
SHIM		 = tests/shim/failalloc.so

all: $(LIBRARY) $(PROGRAM) $(MKHIVE) $(UNIT_BINS) $(TOOL_BINS) $(REPLAY_BINS) \
    $(SHIM)

# Objects rebuild when the compiler or its flags change (e.g. SANITIZE).
.build-flags: FORCE
	@echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LDLIBS)' | cmp -s - $@ || \
	    echo '$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) $(LDLIBS)' > $@

# The installation paths compiled into the program and written into
# spoolfix.pc: "make install PREFIX=/usr" after "make" must not install
# a program that looks for its rules under /usr/local.
.install-paths: FORCE
	@echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(RULESDIR)' | cmp -s - $@ || \
	    echo '$(PREFIX) $(LIBDIR) $(INCLUDEDIR) $(RULESDIR)' > $@

%.o: %.c .build-flags
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# spoolfix audit scans hosts in threads.
$(CLI_OBJS): ALL_CFLAGS += -pthread
$(PROGRAM): ALL_LDFLAGS += -pthread

cli/rules_opts.o: .install-paths
cli/rules_opts.o: ALL_CFLAGS += -DSF_RULESDIR='"$(RULESDIR)"'

# Only the interface of spoolfix.h is visible from the archive: the
# objects are compiled with hidden visibility, linked into one object
# and every hidden symbol made local (tests/symbols.sh checks it).  The
# unit tests, which also call internal functions, link the objects.
$(LIB_OBJS): ALL_CFLAGS += -fvisibility=hidden

$(LIBRARY): $(LIB_OBJS)
	rm -f $@ lib/libspoolfix.o
	$(LD) -r -o lib/libspoolfix.o $(LIB_OBJS)
	$(OBJCOPY) --localize-hidden lib/libspoolfix.o
	$(AR) rcs $@ lib/libspoolfix.o
	rm -f lib/libspoolfix.o

$(PROGRAM): $(CLI_OBJS) $(LIBRARY)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJS) $(LIBRARY) $(DEP_LIBS) \
	    $(LDLIBS)

$(MKHIVE): $(MKHIVE_OBJS)
	$(CC) $(ALL_LDFLAGS) -o $@ $(MKHIVE_OBJS) $(LDLIBS)

tests/unit/test_%: tests/unit/test_%.c tests/unit/t.h $(LIB_OBJS) .build-flags
	$(CC) $(ALL_CFLAGS) -Itests/unit $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJS) \
	    $(DEP_LIBS) $(LDLIBS)

$(SHIM): tests/shim/failalloc.c
	$(CC) -O1 -g -fPIC -shared $(WARNINGS) \
	    -o $@ tests/shim/failalloc.c -ldl

tests/tools/threads: ALL_CFLAGS += -pthread

tests/tools/%: tests/tools/%.c $(LIB_OBJS) .build-flags
	$(CC) $(ALL_CFLAGS) -Itests/tools $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJS) \
	    $(DEP_LIBS) $(LDLIBS)

# The Windows executable (docs in spoolfix(1) WINDOWS), cross-built with
# mingw-w64 into build/win/: the same library and CLI, with
# platform_win32.c for platform_posix.c, wmain (cli/win32.c), static
# (only Windows' own DLLs), and without libregf, which has no mingw
# build in Debian (HAVE_LIBREGF=0: spoolfix's own reader does its
# work).  -Werror as always in this tree's checks.
WIN_CC		?= x86_64-w64-mingw32-gcc
WIN_DIR		 = build/win
WIN_CFLAGS	 = -std=c11 -Ilib -DHAVE_LIBREGF=0 -D__USE_MINGW_ANSI_STDIO=1 \
		   -D_WIN32_WINNT=0x0601 -municode $(WARNINGS) -Werror -O2 \
		   -MMD -MP
WIN_LDFLAGS	 = -static -municode
WIN_LIBS	 = -ladvapi32
WIN_LIB_SRCS	:= $(filter-out lib/base/platform_posix.c,$(LIB_SRCS)) \
		   lib/base/platform_win32.c lib/hive/source_live_win32.c \
		   lib/base/service_win32.c lib/base/ntkey_win32.c \
		   lib/write/writer_live_win32.c \
		   lib/write/live_job_win32.c
WIN_LIB_OBJS	:= $(WIN_LIB_SRCS:%.c=$(WIN_DIR)/%.o)
# The fleet audit (POSIX threads, getline, open_memstream) runs where
# hives are collected, not on the endpoint: not in the Windows build.
WIN_CLI_SRCS	:= $(filter-out cli/cmd_audit.c cli/audit_sets.c cli/out_html.c,$(CLI_SRCS))
WIN_CLI_OBJS	:= $(WIN_CLI_SRCS:%.c=$(WIN_DIR)/%.o) $(WIN_DIR)/cli/win32.o
WIN_TOOL_SRCS	:= $(sort $(wildcard tests/wintools/*.c))
WIN_TOOLS	:= $(WIN_TOOL_SRCS:tests/wintools/%.c=$(WIN_DIR)/%.exe)

windows: spoolfix.exe

$(WIN_DIR)/%.o: %.c
	@mkdir -p $(@D)
	$(WIN_CC) $(WIN_CFLAGS) -c $< -o $@

spoolfix.exe: $(WIN_LIB_OBJS) $(WIN_CLI_OBJS)
	$(WIN_CC) $(WIN_LDFLAGS) -o $@ $(WIN_CLI_OBJS) $(WIN_LIB_OBJS) \
	    $(WIN_LIBS)

# Small Windows programs the windows tests use (tests/wintools/).
windows-tools: $(WIN_TOOLS)

$(WIN_DIR)/%.exe: tests/wintools/%.c $(WIN_DIR)/fixtures/hivetext.o
	$(WIN_CC) $(WIN_CFLAGS) $(WIN_LDFLAGS) -o $@ $< \
	    $(WIN_DIR)/fixtures/hivetext.o $(WIN_LIBS)

deps:
	@sh tools/deps.sh

# A second make, so pkg-config runs again after packages were installed.
demo:
	@sh tools/deps.sh --build
	$(MAKE) all
	sh tools/demo.sh

check: deps
	$(MAKE) WERROR=$(WERROR) all
	sh tests/run.sh

bench: deps
	$(MAKE) all
	sh tests/bench/run.sh

bench-check: deps
	$(MAKE) all
	BENCH_CHECK=1 sh tests/bench/run.sh

# Fuzzing (tests/fuzz/README.md).  The library is built again with
# clang's libFuzzer, ASan and UBSan into tests/fuzz/build/; the targets
# start from seeds made from fixtures/ and ../shared/corpus.  Without
# FUZZ_SECONDS each target runs once over its seeds.
FUZZ_CC		?= clang
FUZZ_SECONDS	?= 0
FUZZ_SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer
FUZZ_CFLAGS	 = -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 $(WARNINGS) \
		   $(DEP_CFLAGS) -Ilib -Itests/fuzz $(FUZZ_SAN) -MMD -MP
FUZZ_LIB_OBJS	:= $(LIB_SRCS:lib/%.c=tests/fuzz/build/lib/%.o)
FUZZ_BINS	:= $(FUZZ_TARGETS:%=tests/fuzz/build/fuzz_%)

tests/fuzz/build/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

tests/fuzz/build/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c \
    tests/fuzz/fuzz.h $(FUZZ_LIB_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< \
	    tests/fuzz/fuzz_common.c $(FUZZ_LIB_OBJS) $(DEP_LIBS)

# The same targets without libFuzzer, replaying tests/fuzz/regress/ in
# "make check" (with the normal compiler and SANITIZE flags).
tests/fuzz/fuzz_%-replay: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.c \
    tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB_OBJS) .build-flags
	$(CC) $(ALL_CFLAGS) -Itests/fuzz $(ALL_LDFLAGS) -o $@ $< \
	    tests/fuzz/fuzz_common.c tests/fuzz/replay.c $(LIB_OBJS) $(DEP_LIBS) \
	    $(LDLIBS)

fuzz: deps
	$(MAKE) all
	$(MAKE) fuzz-build
	sh tests/fuzz/seeds.sh
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_BINS)
.SECONDARY: $(FUZZ_LIB_OBJS)

# The rule reference in spoolfix.rules.5 is generated from rules/.
man: $(PROGRAM)
	sh tools/gen-man.sh

lint-man:
	mandoc -Tlint -Wwarning $(MANPAGES)

spoolfix.pc: spoolfix.pc.in Makefile .install-paths
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' \
	    -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@VERSION@|$(shell sed -n 's/.*SPOOLFIX_VERSION "\(.*\)"/\1/p' lib/spoolfix.h)|g' \
	    spoolfix.pc.in > $@

install: $(LIBRARY) $(PROGRAM) spoolfix.pc
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig \
	    $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(RULESDIR)
	$(INSTALL) -m 755 $(PROGRAM) $(DESTDIR)$(BINDIR)/spoolfix
	$(INSTALL) -m 644 $(LIBRARY) $(DESTDIR)$(LIBDIR)/libspoolfix.a
	$(INSTALL) -m 644 lib/spoolfix.h $(DESTDIR)$(INCLUDEDIR)/spoolfix.h
	$(INSTALL) -m 644 spoolfix.pc $(DESTDIR)$(LIBDIR)/pkgconfig/spoolfix.pc
	$(INSTALL) -m 644 man/spoolfix.1 $(DESTDIR)$(MANDIR)/man1/spoolfix.1
	$(INSTALL) -m 644 man/spoolfix-audit.1 \
	    $(DESTDIR)$(MANDIR)/man1/spoolfix-audit.1
	$(INSTALL) -m 644 man/spoolfix.rules.5 \
	    $(DESTDIR)$(MANDIR)/man5/spoolfix.rules.5
	$(INSTALL) -d $(DESTDIR)$(MANDIR)/man3
	$(INSTALL) -m 644 man/libspoolfix.3 $(DESTDIR)$(MANDIR)/man3/libspoolfix.3
	$(INSTALL) -m 644 rules/*.rules $(DESTDIR)$(RULESDIR)/
	$(INSTALL) -d $(DESTDIR)$(SCHEMADIR)
	$(INSTALL) -m 644 schema/*.schema.json $(DESTDIR)$(SCHEMADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/spoolfix $(DESTDIR)$(LIBDIR)/libspoolfix.a \
	    $(DESTDIR)$(INCLUDEDIR)/spoolfix.h \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/spoolfix.pc \
	    $(DESTDIR)$(MANDIR)/man1/spoolfix.1 \
	    $(DESTDIR)$(MANDIR)/man1/spoolfix-audit.1 \
	    $(DESTDIR)$(MANDIR)/man5/spoolfix.rules.5 \
	    $(DESTDIR)$(MANDIR)/man3/libspoolfix.3
	# Only the rule files this tree ships: an admin's own stay.
	rm -f $(addprefix $(DESTDIR)$(RULESDIR)/,$(notdir $(wildcard rules/*.rules)))
	rm -f $(addprefix $(DESTDIR)$(SCHEMADIR)/,$(notdir $(wildcard schema/*.schema.json)))
	-rmdir $(DESTDIR)$(RULESDIR) $(DESTDIR)$(SCHEMADIR) $(DESTDIR)$(DATADIR)

clean:
	rm -f $(LIB_OBJS) $(CLI_OBJS) $(MKHIVE_OBJS) $(UNIT_BINS) $(TOOL_BINS) \
	    $(LIBRARY) $(PROGRAM) $(MKHIVE) $(SHIM) spoolfix.pc .build-flags \
	    .install-paths \
	    lib/*/*.d cli/*.d fixtures/*.d tests/unit/*.d tests/tools/*.d
	rm -rf tests/out tests/fuzz/build tests/fuzz/work $(REPLAY_BINS) \
	    build spoolfix.exe

FORCE:
.PHONY: all deps demo check bench bench-check fuzz fuzz-build man lint-man install uninstall clean \
    windows windows-tools FORCE

-include $(LIB_SRCS:.c=.d) $(CLI_SRCS:.c=.d) $(MKHIVE_SRCS:.c=.d) \
    $(UNIT_SRCS:.c=.d) $(TOOL_SRCS:.c=.d) $(FUZZ_LIB_OBJS:.o=.d) \
    $(WIN_LIB_OBJS:.o=.d) $(WIN_CLI_OBJS:.o=.d)
