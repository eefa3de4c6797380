# mk/fuzz.mk: fuzz targets (fuzz/fuzz_*.c). Included from the top-level
# Makefile.
#
#   make fuzz           build every target with clang -fsanitize=fuzzer,
#                       address,undefined and run each for FUZZ_TIME seconds
#                       (default 60); FUZZ_TARGETS="a b" picks some,
#                       FUZZ_JOBS=2 runs two at once. Crashes land in
#                       build/fuzz/crashes/TARGET/; a summary table ends it.
#   make fuzz-short     the same for 10 s a target (CI, when clang is there)
#   make fuzz-afl       build the targets with AFL++ (afl-clang-fast, its
#                       libFuzzer-compatible driver; Debian package afl++)
#                       and run afl-fuzz on each for FUZZ_TIME seconds;
#                       AFL_USE_ASAN=1 AFL_USE_UBSAN=1 in the environment
#                       (and a clean build/afl) add the sanitizers
#   make fuzz-replay    replay fuzz/corpus and fuzz/regressions through the
#                       plain driver (fuzz/driver.c) built with $(CC) and
#                       ASan+UBSan; `make check` does this (tests/cli/hostile.sh)
#   make fuzz-seeds     regenerate the generated seeds (store files)
#
# Replay binaries link the sanitized library objects of `make check`
# (build/san); libFuzzer binaries get their own objects in build/fuzz/obj.

FUZZ_CC      ?= clang
FUZZ_TIME    ?= 60
FUZZ_JOBS    ?= 1
FUZZ_ALL     := $(sort $(patsubst fuzz/fuzz_%.c,%,$(wildcard fuzz/fuzz_*.c)))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_HDRS    := $(wildcard fuzz/*.h)
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_LIBOBJ  := $(LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_CLIOBJ  := $(patsubst %,build/fuzz/obj/%.o,$(basename $(filter-out cli/main.c,$(CLI_SRC))))
SAN_CLI_LIB  := $(filter-out build/san/cli/main.o,$(SAN_CLI))
FUZZ_BINS    := $(FUZZ_ALL:%=build/fuzz/%)
REPLAY_BINS  := $(FUZZ_ALL:%=build/san/fuzz/%)
AFL_BINS     := $(FUZZ_ALL:%=build/afl/%)

.PHONY: fuzz fuzz-short fuzz-afl fuzz-replay fuzz-seeds fuzz-bins

# `make check` replays the corpora (tests/cli/hostile.sh runs the binaries);
# hostile.sh's memory cases measure the optimized build/parley with runstat
check: $(REPLAY_BINS) build/parley build/tools/runstat

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC [fuzz] $<"
	@$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -O1 -gline-tables-only -MMD -MP -c $< -o $@

# Targets link archives, so each takes only the objects it needs.
build/fuzz/libfuzz.a: $(FUZZ_LIBOBJ) $(FUZZ_CLIOBJ)
	@rm -f $@
	@ar rcs $@ $^

build/san/fuzz/libreplay.a: $(SAN_OBJ) $(SAN_CLI_LIB)
	@mkdir -p $(dir $@)
	@rm -f $@
	@ar rcs $@ $^

build/fuzz/%: fuzz/fuzz_%.c build/fuzz/libfuzz.a $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@echo "LD [fuzz] $@"
	@$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -O1 -gline-tables-only -Ifuzz -o $@ \
	  $< build/fuzz/libfuzz.a $(LIBS)

build/san/fuzz/%: fuzz/fuzz_%.c fuzz/driver.c build/san/fuzz/libreplay.a $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@echo "LD [replay] $@"
	@$(CC) $(ALL_CFLAGS) $(SAN) -O1 -Ifuzz -o $@ $< fuzz/driver.c build/san/fuzz/libreplay.a $(LIBS)

fuzz-bins: $(FUZZ_TARGETS:%=build/fuzz/%)

fuzz: $(FUZZ_TARGETS:%=build/fuzz/%)
	@sh fuzz/run.sh -t $(FUZZ_TIME) -j $(FUZZ_JOBS) $(FUZZ_TARGETS)

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=10

fuzz-replay: $(REPLAY_BINS)
	@sh fuzz/replay.sh build/san/fuzz $(FUZZ_ALL)

# AFL++: afl-clang-fast with -fsanitize=fuzzer links AFL++'s own driver.
AFL_CC ?= afl-clang-fast
build/afl/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC [afl] $<"
	@AFL_QUIET=1 $(AFL_CC) $(ALL_CFLAGS) -O1 -g -c $< -o $@

build/afl/libafl.a: $(LIB_SRC:%.c=build/afl/obj/%.o) \
                    $(patsubst %,build/afl/obj/%.o,$(basename $(filter-out cli/main.c,$(CLI_SRC))))
	@rm -f $@
	@ar rcs $@ $^

build/afl/%: fuzz/fuzz_%.c build/afl/libafl.a $(FUZZ_HDRS)
	@mkdir -p $(dir $@)
	@echo "LD [afl] $@"
	@AFL_QUIET=1 $(AFL_CC) $(ALL_CFLAGS) -fsanitize=fuzzer -O1 -g -Ifuzz -o $@ $< build/afl/libafl.a $(LIBS)

fuzz-afl: $(FUZZ_TARGETS:%=build/afl/%)
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/afl/out; \
	  echo "afl-fuzz $$t ($(FUZZ_TIME) s)"; \
	  AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	    afl-fuzz -V $(FUZZ_TIME) -i fuzz/corpus/$$t -o build/afl/out/$$t \
	    $$( [ -f fuzz/dict/$$t.dict ] && echo -x fuzz/dict/$$t.dict ) -- build/afl/$$t >/dev/null || exit 1; \
	  n=$$(ls build/afl/out/$$t/default/crashes 2>/dev/null | grep -vc README); \
	  echo "  $$t: $$n crashes (build/afl/out/$$t/default/crashes)"; \
	done

build/tools/mkstore: fuzz/mkstore.c fuzz/store_events.h build/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifuzz -o $@ fuzz/mkstore.c build/libparley.a $(LIBS)

fuzz-seeds: build/tools/mkstore
	@mkdir -p fuzz/corpus/store
	build/tools/mkstore fuzz/corpus/store

-include $(FUZZ_LIBOBJ:.o=.d) $(FUZZ_CLIOBJ:.o=.d)

# keep the objects between runs (they are intermediates of pattern rules)
.SECONDARY: $(FUZZ_LIBOBJ) $(FUZZ_CLIOBJ) $(LIB_SRC:%.c=build/afl/obj/%.o) \
            $(patsubst %,build/afl/obj/%.o,$(basename $(filter-out cli/main.c,$(CLI_SRC))))
