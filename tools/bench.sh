#!/bin/sh
# make bench: runs every tools/bench-*.sh and prints one table, headed by
# what the figures depend on (machine, build, commit). Figures are medians
# of several runs; docs/benchmarks.md says how to rerun and read them.
#   BENCH_ONLY="text code"   run only tools/bench-text.sh and bench-code.sh
#   BENCH_RUNS=5             repeat every measurement 5 times
# The table is also saved to build/bench/results-DATE.txt.
set -e
mkdir -p build/bench
out=build/bench/results-$(date -u +%Y%m%d-%H%M%S).txt
{
    if nm build/parley 2>/dev/null | grep -q __asan_init; then
        echo "warning: build/parley is built with AddressSanitizer: figures mean nothing" >&2
    fi
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)
    mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
    flags=$(readelf --debug-dump=info build/parley 2>/dev/null | sed -n 's/.*DW_AT_producer *: *(.*): *//p' | head -1)
    rev=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
    dirty=$(git status --porcelain 2>/dev/null | grep -q . && echo "+changes" || true)
    echo "parley $(build/parley --version | cut -d' ' -f2) benchmarks, $(date -u +%Y-%m-%d) (commit $rev$dirty)"
    echo "machine: $(nproc) cores${cpu:+ ($cpu)}, $mem, $(uname -sr)"
    echo "build:   ${flags:-$(cc --version | head -1)}"
    echo "figures: median of ${BENCH_RUNS:-3-5} runs; peak RSS: the largest of them; start-up: median of 5 runs on an empty input"
    echo
    printf '%-30s %14s %22s %10s %9s %7s\n' stage input throughput "peak RSS" start-up spread
    for b in tools/bench-*.sh; do
        [ "$b" = tools/bench-lib.sh ] && continue
        name=$(basename "$b" .sh | sed 's/^bench-//')
        if [ -n "$BENCH_ONLY" ] && ! echo " $BENCH_ONLY " | grep -q " $name "; then continue; fi
        sh "$b" || echo "($b failed)"
    done
} 2>&1 | tee "$out"
echo "(saved in $out)"
