#!/bin/sh
# make bench: runs every tools/bench-*.sh and prints one table.
# Figures are medians of several runs on this machine; see docs/benchmarks.md.
set -e
echo "parley $(build/parley --version | cut -d' ' -f2) benchmarks on $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
printf '%-28s %12s %16s %12s %10s\n' stage input throughput "peak RSS" startup
for b in tools/bench-*.sh; do
    sh "$b"
done
