# Every fuzz target under libFuzzer for a few seconds (FUZZ_CI_TIME, default
# 5), so CI fuzzes each input surface on every change; `make fuzz` runs them
# for as long as you like (docs/robustness.md). Needs clang with libFuzzer
# (Debian: clang, libclang-rt-14-dev); skips without it. The seed corpora
# and regressions are replayed through the sanitized driver by hostile.sh
# whether or not clang is here.
. tests/cli/lib.sh
CLANG=${FUZZ_CC:-clang}
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return (int)(d && n); }\n' \
    > "$T/probe.c"
if ! "$CLANG" -fsanitize=fuzzer -o "$T/probe" "$T/probe.c" > /dev/null 2>&1; then
    skip fuzz "$CLANG with -fsanitize=fuzzer is not available (apt-get install clang libclang-rt-14-dev)"
    finish; exit $?
fi
secs=${FUZZ_CI_TIME:-5}
if ! ${MAKE:-make} -s --no-print-directory fuzz-bins > "$T/build.log" 2>&1; then
    fail fuzz_build "$(tail -20 "$T/build.log")"
    finish; exit $?
fi
targets=$(ls fuzz/fuzz_*.c | sed 's|fuzz/fuzz_\(.*\)\.c|\1|')
sh fuzz/run.sh -t "$secs" -j 2 $targets > "$T/run.log" 2>&1
for tg in $targets; do
    rc=$(cat "build/fuzz/logs/$tg.rc" 2>/dev/null || echo missing)
    if [ "$rc" = 0 ]; then
        ok "fuzz_$tg"
    else
        fail "fuzz_$tg" "exit $rc; $(grep -E 'ERROR|SUMMARY|Test unit written' "build/fuzz/logs/$tg.log" | head -5)"
    fi
done
# the table (executions, coverage) goes to the log of this run
cat "$T/run.log" >&2
finish
