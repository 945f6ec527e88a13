# libforecast - build, test, install, run.  `make help` lists the targets.
#
# Two commands take a fresh Debian machine to a result (see README.md):
#   make run     install dependencies, build, run the main job (lfc plan) on the bundled sample
#   make test    install dependencies, build, run every test (also under ASan+UBSan)

VERSION    := 0.1.0
SOVERSION  := 0
PREFIX     ?= /usr/local
BUILD      ?= build
PYTHON     := /usr/bin/python3
# Where make install puts the Python package: the directory Debian's python3
# searches under PREFIX (/usr/local/lib/python3.11/dist-packages).  Recursive
# (=): evaluated when installing, after make deps has installed python3.
PY_SITE     = lib/python$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')/dist-packages
CC         := gcc

# Debian packages the build, the tests and the Python side need.
DEB_PACKAGES := gcc make pkg-config libgsl-dev liblapacke-dev libopenblas-dev \
                libyaml-dev libcriterion-dev python3-numpy python3-pandas python3-pytest \
                python3-statsmodels libglpk-dev chromium chromium-driver python3-selenium \
                python3-dask python3-distributed python3-matplotlib python3-nbconvert \
                jupyter-nbconvert python3-ipykernel

WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Werror
OPT      ?= -O2
SAN      ?=
CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L
CFLAGS   := $(WARNINGS) $(OPT) -g -fPIC -fvisibility=default -MMD -MP $(SAN)
LDFLAGS  := $(SAN)
LIBS     := -lglpk -lyaml -lgsl -lgslcblas -llapacke -llapack -lblas -lm

LIB_SRC  := $(sort $(wildcard libforecast/core/*.c libforecast/io/*.c libforecast/models/*.c \
              libforecast/forecast/*.c libforecast/planning/*.c libforecast/customers/*.c \
              libforecast/report/*.c))
CLI_SRC  := $(sort $(wildcard libforecast/cli/*.c))
TEST_SRC := $(sort $(wildcard tests/test_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

STATIC   := $(BUILD)/libforecast.a
SHARED   := $(BUILD)/libforecast.so.$(VERSION)
LFC      := $(BUILD)/lfc
GENERATOR := $(BUILD)/make_sample

SAMPLE_CONFIG := datasets/sample/project.yaml
export LF_DATA_DIR ?= $(abspath ../shared/data)

# Peers of the accuracy benchmark (not needed to build or test).
BENCH_DEB_PACKAGES := python3-statsmodels r-base-core r-cran-forecast r-cran-prophet

.PHONY: bench-accuracy bench-deps
.PHONY: all help deps run test test-c test-asan test-install test-python install uninstall \
        datasets check-datasets clean

all: $(STATIC) $(SHARED) $(LFC)

help:
	@echo "make run            install deps, build, run lfc plan (with its report) on the bundled sample"
	@echo "make test           install deps, build, run all tests (plain and ASan+UBSan)"
	@echo "make install PREFIX=DIR   headers, libraries, libforecast.pc, lfc"
	@echo "make datasets       regenerate datasets/sample with the generator"
	@echo "make deps           apt-get install whatever is missing (needs root or sudo)"
	@echo "make bench-accuracy lfc vs statsmodels, R forecast and prophet on the shared data"
	@echo "make bench-peakshift the peak-shift scheduler: exact vs greedy, and at scale"

# Install only the Debian packages that are missing; silent when all are present.
deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(DEB_PACKAGES)"

bench-deps:
	@$(MAKE) --no-print-directory install-packages PACKAGES="$(BENCH_DEB_PACKAGES)" || \
	  echo "could not install the benchmark peers; missing ones are reported as missing"

.PHONY: install-packages
install-packages:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing missing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(STATIC): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libforecast.so.$(SOVERSION) $(LDFLAGS) -o $@ $^ $(LIBS)
	ln -sf libforecast.so.$(VERSION) $(BUILD)/libforecast.so.$(SOVERSION)
	ln -sf libforecast.so.$(SOVERSION) $(BUILD)/libforecast.so

$(LFC): $(CLI_OBJ) $(STATIC)
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC) $(LIBS)

$(BUILD)/tests/%: tests/%.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Ilibforecast $(CFLAGS) -o $@ $< $(STATIC) $(LIBS) -lcriterion $(LDFLAGS)

$(GENERATOR): datasets/make_sample.c datasets/make_portfolio.c datasets/make_crm.c \
             datasets/make_sample.h $(STATIC)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(filter %.c,$^) $(STATIC) $(LIBS) $(LDFLAGS)

# ---- the main job ----------------------------------------------------------
run: deps all
	$(LFC) plan --config $(SAMPLE_CONFIG) --report

# ---- tests -------------------------------------------------------------------
test: deps all
	$(MAKE) --no-print-directory test-c
	$(MAKE) --no-print-directory test-asan
	$(MAKE) --no-print-directory test-install
	$(MAKE) --no-print-directory check-datasets
	$(MAKE) --no-print-directory test-python
	$(MAKE) --no-print-directory python-test

# Every Criterion binary; tests find fixtures relative to the repository root.
# Criterion passes a test whose worker only reports a leak at exit, so the log
# is also searched for sanitizer reports: any one fails the run.
test-c: $(TEST_BIN) $(LFC)
	@status=0; for t in $(TEST_BIN); do \
	  echo "== $$t"; log=$$t.log; \
	  { $$t --jobs 2 || echo "FAILED: $$t"; } 2>&1 | tee $$log; \
	  if grep -q "^FAILED: " $$log; then status=1; fi; \
	  if grep -qE "LeakSanitizer|AddressSanitizer|runtime error:" $$log; then \
	    echo "sanitizer report in $$t (see $$log)"; status=1; fi; \
	done; exit $$status

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer (leaks included).
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

test-asan:
	$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1" SAN="$(SAN_FLAGS)" test-c
	$(MAKE) --no-print-directory python-test-asan

# The Python binding's suite on the sanitized library: python3 is not built
# with ASan, so the runtimes are preloaded; leak detection is off (Python's
# own allocations at exit; the memory tests measure the binding's leaks),
# every other report aborts the test.  Left out: the RSS tests (ASan's
# quarantine holds freed memory), the Dask and notebook tests (their worker
# and kernel processes), which the plain run covers.
python-test-asan:
	$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1" SAN="$(SAN_FLAGS)" all
	cd bindings/python && \
	  LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  LIBFORECAST_LIB=$(abspath build/asan/libforecast.so.0) LFC_BIN=$(abspath build/asan/lfc) \
	  $(PYTHON) -m pytest -q -p no:cacheprovider tests -k "not leak and not grow and not memory" \
	  --ignore=tests/test_parallel.py --ignore=tests/test_notebook.py \
	  --ignore-glob='tests/test_*memory*.py'

# Install into a scratch prefix and build the C example with pkg-config.
test-install: all
	@rm -rf $(BUILD)/stage $(BUILD)/example
	$(MAKE) --no-print-directory install PREFIX=$(abspath $(BUILD)/stage)
	PKG_CONFIG_PATH=$(abspath $(BUILD)/stage)/lib/pkgconfig \
	  $(MAKE) --no-print-directory -C examples/c BUILD=$(abspath $(BUILD)/example) run
	cd / && env -u LIBFORECAST_LIB PYTHONPATH=$(abspath $(BUILD)/stage)/$(PY_SITE) \
	  $(PYTHON) $(abspath bindings/python/tests/installed_smoke.py) $(abspath $(BUILD)/stage)

test-python: all
	cd tests && $(PYTHON) -m pytest -q python

# The Python binding's own suite (bindings/python/tests), on this build's library and lfc.
.PHONY: python-test python-test-asan
python-test: all
	cd bindings/python && LIBFORECAST_LIB=$(abspath $(SHARED)) LFC_BIN=$(abspath $(LFC)) \
	  $(PYTHON) -m pytest -q tests

# ---- sample data -------------------------------------------------------------
datasets: $(GENERATOR)
	$(GENERATOR) datasets/sample

# The committed sample must be exactly what the generator makes.
check-datasets: $(GENERATOR)
	@rm -rf $(BUILD)/sample-check && mkdir -p $(BUILD)/sample-check
	$(GENERATOR) $(BUILD)/sample-check
	@cd $(BUILD)/sample-check && for f in $$(find . -type f | sort); do \
	  cmp -s $$f $(CURDIR)/datasets/sample/$$f || { echo "datasets/sample/$${f#./} differs from the generator output: run make datasets"; exit 1; }; \
	done; echo "datasets/sample matches its generator"

# ---- benchmarks ---------------------------------------------------------------
# Accuracy on the shared datasets, lfc against its peers in the same run; the
# tables go to build/bench/accuracy/accuracy.{md,csv}.  BENCH_SETS picks
# datasets (default: nsw qld sa tas vic gefcom).
BENCH_SETS ?=
bench-accuracy: deps bench-deps all
	bench/accuracy/run.sh $(LFC) $(BUILD)/bench/accuracy $(LF_DATA_DIR) $(BENCH_SETS)

# The peak-shift scheduler: exact against greedy, and the greedy at scale.
.PHONY: bench-peakshift
bench-peakshift: deps $(BUILD)/bench/peakshift/bench_peakshift
	bench/peakshift/run.sh $(BUILD)/bench/peakshift/bench_peakshift $(BUILD)/bench/peakshift

$(BUILD)/bench/peakshift/bench_peakshift: bench/peakshift/bench_peakshift.c $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(STATIC) $(LIBS) $(LDFLAGS)

# ---- install -------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/include/libforecast $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 include/libforecast.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 include/libforecast/*.h $(DESTDIR)$(PREFIX)/include/libforecast/
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libforecast.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libforecast.so.$(SOVERSION)
	ln -sf libforecast.so.$(SOVERSION) $(DESTDIR)$(PREFIX)/lib/libforecast.so
	install -m 755 $(LFC) $(DESTDIR)$(PREFIX)/bin/
	$(LFC) --man > $(DESTDIR)$(PREFIX)/share/man/man1/lfc.1
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' libforecast/libforecast.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/libforecast.pc
	@test -s $(DESTDIR)$(PREFIX)/share/man/man1/lfc.1
	install -d $(DESTDIR)$(PREFIX)/$(PY_SITE)/libforecast
	install -m 644 bindings/python/libforecast/*.py $(DESTDIR)$(PREFIX)/$(PY_SITE)/libforecast/
	printf '"""Written by make install."""\nLIBDIR = "%s"\n' '$(PREFIX)/lib' \
	  > $(DESTDIR)$(PREFIX)/$(PY_SITE)/libforecast/_install.py

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/include/libforecast $(DESTDIR)$(PREFIX)/include/libforecast.h
	rm -f $(DESTDIR)$(PREFIX)/lib/libforecast.* $(DESTDIR)$(PREFIX)/lib/pkgconfig/libforecast.pc
	rm -f $(DESTDIR)$(PREFIX)/bin/lfc $(DESTDIR)$(PREFIX)/share/man/man1/lfc.1
	rm -rf $(DESTDIR)$(PREFIX)/$(PY_SITE)/libforecast

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_BIN:=.d)
