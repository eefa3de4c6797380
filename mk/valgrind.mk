# mk/valgrind.mk: leak and memory-error checks without sanitizers, and the
# long soak run. Included from the top-level Makefile.
#
#   make valgrind       builds parley and the unit tests at -O1 -g without
#                       sanitizers (build/vg) and runs the unit tests and the
#                       end-to-end CLI tests (tests/cli/*.sh but hostile.sh,
#                       whose 200 MB inputs would take an hour under
#                       valgrind) with every parley run under valgrind
#                       --leak-check=full --error-exitcode=99; fails on any
#                       memory error or definite/indirect leak (a test that
#                       fails only by being slow under valgrind, a timing
#                       check, is named but not a failure: the verdict is
#                       the valgrind logs'). VG_TESTS="text actors" picks
#                       CLI scripts. Logs: build/vg/logs.
#   make soak           the full bounded-memory runs of docs/robustness.md:
#                       2 GB of JSON Lines through `parley tokens` and
#                       `parley sentences`, 200 MB through `parley code`,
#                       each asserting its peak RSS bound (several minutes)
#
# Forked children are not checked (--child-silent-after-fork): the only
# ones are test_store's ingesters, killed or _exit()ed on purpose.
# `make check` does not run valgrind (it takes ~20 minutes on 2 cores,
# most of it test_store's crash-safety rounds); CI can run `make valgrind`
# as its own, optional step.

VG_OBJ   := $(LIB_SRC:%.c=build/vg/%.o)
VG_CLI   := $(CLI_SRC:%.c=build/vg/%.o)
VG_TEST  := $(TEST_SRC:tests/unit/%.c=build/vg/tests/%)
VG_TESTS ?= $(filter-out hostile lib,$(patsubst tests/cli/%.sh,%,$(wildcard tests/cli/*.sh)))
VALGRIND ?= valgrind
VG_FLAGS ?= --leak-check=full --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
            --track-origins=yes --num-callers=30 --child-silent-after-fork=yes

.PHONY: valgrind soak

build/vg/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC [vg] $<"
	@$(CC) $(ALL_CFLAGS) -O1 -g -fno-omit-frame-pointer -MMD -MP -c $< -o $@

build/vg/parley.bin: $(VG_CLI) $(VG_OBJ)
	@echo "LD $@"
	@$(CC) -g -o $@ $^ $(LIBS)

build/vg/tests/%: tests/unit/%.c $(VG_OBJ) tests/unit/t.h
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(ALL_CFLAGS) -O1 -g -Itests/unit -o $@ $< $(VG_OBJ) $(LIBS)

# build/vg/parley: runs build/vg/parley.bin under valgrind, one log per run
build/vg/parley: build/vg/parley.bin
	@printf '%s\n' '#!/bin/sh' \
	  'exec $(VALGRIND) -q $(VG_FLAGS) --log-file="$(CURDIR)/build/vg/logs/parley.%p.log" "$(CURDIR)/build/vg/parley.bin" "$$@"' > $@
	@chmod +x $@

valgrind: build/vg/parley $(VG_TEST)
	@command -v $(VALGRIND) >/dev/null || { echo "valgrind: not installed (apt-get install valgrind)"; exit 1; }
	@rm -rf build/vg/logs build/vg/tests/logs; mkdir -p build/vg/logs build/vg/tests/logs
	@fail=0; \
	for t in $(VG_TEST); do \
	  n=$$(basename $$t); \
	  $(VALGRIND) -q $(VG_FLAGS) --log-file=build/vg/tests/logs/$$n.log $$t > build/vg/tests/logs/$$n.out 2>&1; \
	  rc=$$?; slow=$$(grep '^FAIL ' build/vg/tests/logs/$$n.out | cut -d' ' -f2 | tr '\n' ' '); \
	  if [ $$rc = 99 ] || [ -s build/vg/tests/logs/$$n.log ]; then \
	    echo "FAIL valgrind $$n (build/vg/tests/logs/$$n.log)"; fail=1; \
	  else echo "ok valgrind $$n$${slow:+ (failing under valgrind's slowness, not memory: $$slow)}"; fi; \
	done; \
	for s in $(VG_TESTS); do \
	  PARLEY=build/vg/parley sh tests/cli/$$s.sh > build/vg/logs/$$s.out 2>&1; \
	  f=$$(grep '^FAIL ' build/vg/logs/$$s.out | cut -d' ' -f2 | tr '\n' ' '); \
	  echo "ok valgrind $$s.sh ($$(grep -c '^ok ' build/vg/logs/$$s.out) tests$${f:+; failing under valgrind: $$f})"; \
	done; \
	bad=$$(grep -l 'ERROR SUMMARY: [1-9]\|definitely lost\|indirectly lost\|Invalid \|uninitialised' build/vg/logs/*.log build/vg/tests/logs/*.log 2>/dev/null); \
	if [ -n "$$bad" ]; then echo "valgrind reports:"; for f in $$bad; do echo "  $$f"; head -30 $$f | sed 's/^/    /'; done; fail=1; fi; \
	runs=$$(ls build/vg/logs/*.log 2>/dev/null | wc -l); \
	echo "valgrind: $$runs parley runs and $(words $(VG_TEST)) unit test binaries checked"; \
	[ $$fail = 0 ]

soak: build/parley build/tools/runstat
	@sh fuzz/soak.sh

-include $(VG_OBJ:.o=.d) $(VG_CLI:.o=.d)
