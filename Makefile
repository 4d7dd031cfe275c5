# baocao — build, test and run. `make run` and `make check` are the two commands of the
# README; both install missing Debian packages first (scripts/bootstrap).

CC      ?= cc
PKGS     = libxml-2.0 libmariadb fcgi libcrypto
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Iinclude $(PKG_CFLAGS)
LDLIBS   = $(PKG_LIBS) -lunistring
SANITIZE = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null)

LIB_SRC  = $(filter-out fcgi/main.c fcgi/ctl.c,$(wildcard fcgi/*.c))
HEADERS  = $(wildcard include/baocao/*.h)
UNIT_SRC = tests/check_unit.c tests/check_period.c tests/check_calendar.c tests/check_unit_kinds.c \
           tests/check_header.c tests/check_error.c tests/check_config.c tests/check_completeness.c \
           tests/check_recognition.c tests/check_consolidate.c tests/check_targets.c \
           tests/check_criteria_row.c tests/check_digest.c tests/check_facts_json.c \
           tests/check_query.c tests/check_nfc.c
# Test programs run against the test stack, in this order.
STACK_TESTS = build/test/check_registry build/test/check_migrate build/test/check_e2e build/test/check_hostile \
              build/test/check_faults

OBJ      = $(LIB_SRC:fcgi/%.c=build/obj/%.o)
TOBJ     = $(LIB_SRC:fcgi/%.c=build/test/obj/%.o)

.PHONY: all check run stop bench fuzz clean bootstrap test-build

all: build/baocao-fcgi build/baocaoctl

bootstrap:
	@scripts/bootstrap

build/obj/%.o: fcgi/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

build/libbaocao.a: $(OBJ)
	$(AR) rcs $@ $^

# The service runs on jemalloc (the test build keeps ASan's allocator): a filing's libxml2
# trees and XPath results are thousands of small blocks, which jemalloc serves in a tenth
# fewer instructions per filing than glibc's malloc (callgrind; bench/README.md).
build/baocao-fcgi: build/obj/main.o build/libbaocao.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS) -ljemalloc

build/baocaoctl: build/obj/ctl.o build/libbaocao.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

# The test build: the same sources under AddressSanitizer and UndefinedBehaviorSanitizer.
build/test/obj/%.o: fcgi/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SANITIZE) -c -o $@ $<

build/test/libbaocao.a: $(TOBJ)
	$(AR) rcs $@ $^

build/test/baocao-fcgi: build/test/obj/main.o build/test/libbaocao.a
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $^ $(LDLIBS)

build/test/baocaoctl: build/test/obj/ctl.o build/test/libbaocao.a
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $^ $(LDLIBS)

build/test/check_unit: $(UNIT_SRC) build/test/libbaocao.a $(HEADERS)
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $(UNIT_SRC) build/test/libbaocao.a $(LDLIBS) $(CHECK_LIBS)

# Every other test program is one file that talks to the running test stack.
build/test/check_%: tests/check_%.c tests/stack_client.c tests/stack_client.h build/test/libbaocao.a $(HEADERS)
	$(CC) $(CFLAGS) $(SANITIZE) -o $@ $< tests/stack_client.c build/test/libbaocao.a $(LDLIBS) \
	    $(CHECK_LIBS) $(shell pkg-config --libs libcurl uuid 2>/dev/null)

test-build: all build/test/baocao-fcgi build/test/baocaoctl build/test/check_unit $(STACK_TESTS)

# Every test, against a private MariaDB and nginx under var/test, torn down afterwards.
check: bootstrap
	@$(MAKE) --no-print-directory test-build
	scripts/test-stack build/test/check_unit $(STACK_TESTS)

# The service on http://127.0.0.1:8080 with demo data, until Ctrl-C.
run: bootstrap
	@$(MAKE) --no-print-directory all
	scripts/serve

stop:
	scripts/stack stop var

# Throughput and latency against the real stack under var/bench (bench/README.md); a quick
# run by default, everything with FULL=1.
bench: bootstrap
	@$(MAKE) --no-print-directory all
	bench/run $(if $(FULL),--full)

# The libFuzzer target over parse → validate → rules → extraction, for a bounded time
# (FUZZ_SECONDS, default 60); crashes it finds belong in tests/hostile/regressions/.
fuzz: bootstrap
	tests/fuzz/run $(or $(FUZZ_SECONDS),60)

clean:
	rm -rf build
