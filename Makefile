# duban — build, test and install with plain make.
#   make            build ./duban
#   make run        build and open it on the default database
#   make test       build and run every test (unit, CLI, UI in tmux)
#   make asan       the same tests built with ASan + UBSan
#   make valgrind   the tests under valgrind
#   make install PREFIX=/usr/local DESTDIR=
.SUFFIXES:

VERSION  = 0.1.0
PREFIX  ?= /usr/local
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/duban
MANDIR   = $(PREFIX)/share/man/man1
COMPDIR  = $(PREFIX)/share/bash-completion/completions

CC      ?= cc
BUILD   ?= build
PKGS     = ncursesw sqlite3 opencc xlsxwriter nettle hogweed zlib libxml-2.0 libzip poppler-glib
# The Debian packages the build and every test need: the only list (README
# names them, .ci/run installs nothing else). The build: the compiler, PKGS
# (hogweed, nettle's public-key half in nettle-dev: the Ed25519 signatures
# of change files) and zlib (their compression; libxlsxwriter.pc asks for
# -lz too); libxml2 (web pages, the XML in
# Word and Excel files), libzip (their containers) and poppler-glib (PDF). The
# tests: tmux (the UI in a real terminal), sqlite3 (databases inspected, old
# schemas loaded), mandoc (the man page is linted) and locales (a
# zh_CN.GB18030 locale made for a test).
DEBS     = make gcc pkg-config libncurses-dev libsqlite3-dev libunistring-dev \
           libxlsxwriter-dev libopencc-dev libopencc-data nettle-dev zlib1g-dev \
           libxml2-dev libzip-dev libpoppler-glib-dev \
           tmux sqlite3 mandoc locales

WARN     = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wwrite-strings -Wformat=2 -Wvla -Werror
OPT     ?= -O2 -g
SAN     ?=
CPPFLAGS_ALL = -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. \
           -DDUBAN_VERSION='"$(VERSION)"' -DDUBAN_DATADIR='"$(DATADIR)"'
# poppler-glib is compiled against but loaded only when a PDF is read
# (src/doc_pdf.c): linked, its sixty libraries would slow every command's start.
LINK_PKGS  = $(filter-out poppler-glib,$(PKGS))
PKG_CFLAGS = `pkg-config --cflags $(PKGS) 2>/dev/null`
PKG_LIBS   = `pkg-config --libs $(LINK_PKGS) 2>/dev/null` -lunistring -lm -ldl

ALL_CFLAGS = $(WARN) $(OPT) $(SAN) $(CPPFLAGS_ALL) $(CPPFLAGS) $(CFLAGS)

CORE_SRC = $(wildcard src/*.c store/*.c)
LIB_SRC  = $(filter-out src/main.c,$(CORE_SRC))
UI_SRC   = $(wildcard ui/*.c)
# The command line (src/cli/) is linked into duban itself, not into
# libduban.a: an archive keeps members by file name, and src/cli/record.c and
# src/record.c would both be record.o.
CLI_SRC  = $(wildcard src/cli/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
UI_OBJ   = $(UI_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ = $(BUILD)/src/main.o
TEST_SRC = $(wildcard tests/unit/test_*.c)
TEST_BIN = $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TOOL_BIN = $(BUILD)/tests/tool
REPLAY_BIN = $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/tests/replay_%,$(wildcard tests/fuzz/fuzz_*.c))
HDRS     = $(wildcard src/*.h src/cli/*.h store/*.h ui/*.h)

all: duban

# Checked again whenever the Makefile (and so DEBS) changes.
$(BUILD)/.deps-ok: Makefile
	@sh .ci/deps $(DEBS)
	@mkdir -p $(BUILD) && touch $@

# The installed data folder is compiled into src/paths.c: rebuild it when
# PREFIX changes (make; make install PREFIX=/opt must not keep /usr/local).
$(BUILD)/.datadir: FORCE
	@mkdir -p $(BUILD)
	@echo '$(DATADIR)' | cmp -s - $@ 2>/dev/null || echo '$(DATADIR)' > $@
$(BUILD)/src/paths.o: $(BUILD)/.datadir
FORCE:

$(BUILD)/%.o: %.c $(HDRS) $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/libduban.a: $(LIB_OBJ) $(UI_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ) $(UI_OBJ)

$(BUILD)/duban: $(MAIN_OBJ) $(CLI_OBJ) $(BUILD)/libduban.a
	$(CC) $(ALL_CFLAGS) -o $@ $(MAIN_OBJ) $(CLI_OBJ) $(BUILD)/libduban.a $(PKG_LIBS) $(LDFLAGS)

duban: $(BUILD)/duban
	cp $(BUILD)/duban duban

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libduban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libduban.a $(PKG_LIBS) $(LDFLAGS)

# The test scripts' reader of CSV, JSON, XML, ZIP and widths (and writer of
# workbooks to import): on its own, not linked with libduban, so that it is a
# second opinion on duban's output.
$(TOOL_BIN): tests/tool.c $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) `pkg-config --cflags xlsxwriter` -o $@ tests/tool.c \
		`pkg-config --libs zlib xlsxwriter` $(LDFLAGS)

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(BUILD)/libduban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -DFUZZ_NAME='"fuzz_$*"' -o $@ $< tests/fuzz/replay.c \
		$(BUILD)/libduban.a $(PKG_LIBS) $(LDFLAGS)

# The benchmark's programs: built (and so compiled with the warnings) by
# `make tests`, so that `make bench` cannot rot between runs. readers links
# poppler itself: it times poppler against duban's PDF reader.
BENCH_BIN = $(BUILD)/benchtools/gen $(BUILD)/benchtools/readers
$(BUILD)/benchtools/gen: tests/bench/gen.c $(BUILD)/libduban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libduban.a $(PKG_LIBS) $(LDFLAGS)
$(BUILD)/benchtools/readers: tests/bench/readers.c $(BUILD)/libduban.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(BUILD)/libduban.a \
		`pkg-config --libs $(PKGS) 2>/dev/null` -lunistring -lm -ldl $(LDFLAGS)

run: duban
	./duban

tests: $(BUILD)/duban $(TEST_BIN) $(REPLAY_BIN) $(TOOL_BIN) $(BENCH_BIN)

test: tests
	@DUBAN_BIN=$(CURDIR)/$(BUILD)/duban DUBAN_TEST_BIN=$(CURDIR)/$(BUILD)/tests sh tests/run

asan:
	$(MAKE) BUILD=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
		SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' test

valgrind: tests
	@DUBAN_BIN=$(CURDIR)/$(BUILD)/duban DUBAN_TEST_BIN=$(CURDIR)/$(BUILD)/tests \
		DUBAN_WRAP='valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite' \
		sh tests/run

# Fuzzing (clang + libFuzzer): make fuzz FUZZ_SECONDS=60. Each target in
# tests/fuzz/fuzz_*.c runs on its corpus; crashes land in tests/fuzz/crashes/.
# make test replays every corpus and crash input through the same entry point.
FUZZ_SECONDS ?= 60
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=build-fuzz/%)
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

build-fuzz/lib/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	clang $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS_ALL) $(PKG_CFLAGS) -c $< -o $@

build-fuzz/libduban.a: $(LIB_SRC:%.c=build-fuzz/lib/%.o)
	rm -f $@ && ar rcs $@ $(LIB_SRC:%.c=build-fuzz/lib/%.o)

build-fuzz/%: tests/fuzz/%.c build-fuzz/libduban.a
	clang $(WARN) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(CPPFLAGS_ALL) $(PKG_CFLAGS) -o $@ $< build-fuzz/libduban.a $(PKG_LIBS)

fuzz: $(BUILD)/.deps-ok
	@command -v clang >/dev/null || sh .ci/deps clang libclang-rt-14-dev
	$(MAKE) $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do \
		n=$$(basename $$f); mkdir -p tests/fuzz/corpus/$$n tests/fuzz/crashes/$$n build-fuzz/work/$$n; \
		echo "fuzzing $$n for $(FUZZ_SECONDS) s"; \
		DUBAN_SRC=$(CURDIR) $$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix=tests/fuzz/crashes/$$n/ -print_final_stats=1 \
			build-fuzz/work/$$n tests/fuzz/corpus/$$n 2>&1 | tail -12 || exit 1; \
	done

# Benchmarks, never part of make test: writes BENCH.md (the national-scale
# benchmark, then the document formats' and the change files' sections).
# What the benchmarks run beside duban (Taskwarrior is the one compared
# against), installed as DEBS is, or the command printed.
BENCH_DEBS = time valgrind taskwarrior hyperfine poppler-utils libxml2-utils
bench: duban tests
	@sh .ci/deps $(BENCH_DEBS)
	@sh tests/bench/run && sh tests/bench/formats && sh tests/bench/sync

# The load test for longer than make test allows.
soak: tests
	@DUBAN_BIN=$(CURDIR)/$(BUILD)/duban DUBAN_SOAK_SECONDS=$${DUBAN_SOAK_SECONDS:-600} \
		TESTS=load sh tests/run

install: duban
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/plans $(DESTDIR)$(DATADIR)/indicators \
		$(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR)
	cp $(BUILD)/duban $(DESTDIR)$(BINDIR)/duban
	chmod 755 $(DESTDIR)$(BINDIR)/duban
	cp data/plans/*.txt $(DESTDIR)$(DATADIR)/plans/
	cp data/indicators/*.csv $(DESTDIR)$(DATADIR)/indicators/
	cp data/departments.tsv $(DESTDIR)$(DATADIR)/departments.tsv
	cp man/duban.1 $(DESTDIR)$(MANDIR)/duban.1
	cp completion/duban.bash $(DESTDIR)$(COMPDIR)/duban

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/duban $(DESTDIR)$(MANDIR)/duban.1 $(DESTDIR)$(COMPDIR)/duban
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz duban

.PHONY: all run tests test asan valgrind fuzz bench soak install uninstall clean FORCE
