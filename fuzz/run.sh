#!/bin/sh
# make fuzz: runs each libFuzzer target (build/fuzz/TARGET) for SECONDS,
# from its seeds (fuzz/corpus/TARGET) and regressions, growing a working
# corpus in build/fuzz/corpus/TARGET, then prints one table: executions,
# executions per second, coverage (libFuzzer's "cov": edges; "ft":
# features), corpus size and crashes.
# usage: fuzz/run.sh [-t SECONDS] [-j JOBS] TARGET...
t=60 j=1
while [ $# -gt 0 ]; do
    case $1 in
    -t) t=$2; shift 2 ;;
    -j) j=$2; shift 2 ;;
    *) break ;;
    esac
done
mkdir -p build/fuzz/logs
one() { # TARGET: runs it, leaves its log
    tg=$1
    mkdir -p "build/fuzz/corpus/$tg" "build/fuzz/crashes/$tg"
    dict=""; [ -f "fuzz/dict/$tg.dict" ] && dict="-dict=fuzz/dict/$tg.dict"
    # inputs up to 16 KB find as much in text and run faster; model, store
    # and pattern seeds are bigger
    case $tg in model|store|verbs) max=65536 ;; *) max=16384 ;; esac
    seeds=""; for d in "fuzz/corpus/$tg" "fuzz/regressions/$tg"; do [ -d "$d" ] && seeds="$seeds $d"; done
    # -close_fd_mask=1: the targets' own stdout (usage texts) is noise
    "build/fuzz/$tg" -max_total_time="$t" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
        -max_len=$max -print_final_stats=1 -close_fd_mask=1 $dict \
        -artifact_prefix="build/fuzz/crashes/$tg/" "build/fuzz/corpus/$tg" $seeds \
        > "build/fuzz/logs/$tg.log" 2>&1
    echo $? > "build/fuzz/logs/$tg.rc"
}
echo "fuzzing $# targets, $t s each, $j at a time, on $(nproc) cores (logs: build/fuzz/logs)"
running=0
for tg in "$@"; do
    one "$tg" &
    running=$((running + 1))
    if [ "$running" -ge "$j" ]; then wait; running=0; fi
done
wait
printf '%-18s %12s %9s %7s %7s %7s %8s\n' target executions exec/s cov ft corpus crashes
bad=0
for tg in "$@"; do
    log=build/fuzz/logs/$tg.log
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    last=$(grep -E '^#[0-9]+' "$log" | tail -1)
    cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
    ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
    crashes=$(ls "build/fuzz/crashes/$tg" 2>/dev/null | wc -l)
    rc=$(cat "build/fuzz/logs/$tg.rc")
    [ "$rc" != 0 ] && bad=1
    printf '%-18s %12s %9s %7s %7s %7s %8s\n' "$tg" "${runs:--}" "${eps:--}" "${cov:--}" "${ft:--}" \
        "${corp:--}" "$crashes"
done
if [ "$bad" != 0 ]; then
    echo "crashes or errors: see build/fuzz/logs/*.log; reproduce with build/fuzz/TARGET FILE," >&2
    echo "then fix and copy the input to fuzz/regressions/TARGET/ (make check replays it)" >&2
    exit 1
fi
