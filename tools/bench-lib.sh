# Shared by tools/bench-*.sh (sourced). docs/benchmarks.md explains the table.
#
# bench_run N IN OUT CMD...   runs CMD N times under build/tools/runstat
#     (stdin from IN when not empty, stdout to OUT) and sets
#     WALL   median wall time, seconds
#     USER   median user CPU time, seconds
#     RSS    largest peak resident memory of the runs, KB
#     SPREAD (slowest - fastest) / median, percent: above ~10 the machine
#            was busy and the figure is doubtful
#     BENCH_RUNS=K in the environment runs every benchmark K times instead.
# bench_startup CMD...        median wall time of 5 runs of CMD, which
#     should do no work (an empty input): sets STARTUP ("12 ms"), the time
#     to load what the command needs before reading input. WALL, USER, RSS
#     and SPREAD keep the values of the last bench_run.
# row STAGE INPUT THROUGHPUT RSS STARTUP   prints one line of the table, with
#     the SPREAD of the last bench_run as its last column.
BENCH_EMPTY=build/bench/empty.txt
mkdir -p build/bench
: > "$BENCH_EMPTY"

_median() { sort -n | awk '{a[NR] = $1} END {if (NR) print a[int((NR + 1) / 2)]; else print 0}'; }

# (its variables start with _b: sh has no locals, and the scripts have
# their own n, in, out)
bench_run() {
    _bn=${BENCH_RUNS:-$1} _bin=$2 _bout=$3; shift 3
    _bwalls="" _busers="" RSS=0
    for _bi in $(seq "$_bn"); do
        if [ -n "$_bin" ]; then _br=$(build/tools/runstat -i "$_bin" -o "$_bout" "$@" 2>&1 >/dev/null | tail -1)
        else _br=$(build/tools/runstat -o "$_bout" "$@" 2>&1 >/dev/null | tail -1); fi
        _bwalls="$_bwalls $(echo "$_br" | cut -d' ' -f1)"
        _busers="$_busers $(echo "$_br" | cut -d' ' -f2)"
        _brss=$(echo "$_br" | cut -d' ' -f3); [ "${_brss:-0}" -gt "$RSS" ] && RSS=$_brss
    done
    WALL=$(echo $_bwalls | tr ' ' '\n' | _median)
    USER=$(echo $_busers | tr ' ' '\n' | _median)
    SPREAD=$(echo $_bwalls | tr ' ' '\n' | sort -n | awk -v m="$WALL" 'NR == 1 {lo = $1} {hi = $1}
        END {if (m > 0) printf "%.0f", (hi - lo) / m * 100; else print 0}')
}

bench_startup() {
    _w=$WALL _u=$USER _r=$RSS _s=$SPREAD   # the caller's figures survive
    BENCH_RUNS="" bench_run 5 "" /dev/null "$@"
    STARTUP=$(awk -v w="$WALL" 'BEGIN {printf "%.0f ms", w * 1000}')
    WALL=$_w USER=$_u RSS=$_r SPREAD=$_s
}

# (the spread column is the last bench_run's SPREAD, "-" for rows without one)
row() {
    sp=${SPREAD:+$SPREAD%}
    printf '%-30s %14s %22s %10s %9s %7s\n' "$1" "$2" "$3" "$4" "$5" "${sp:--}"
    SPREAD=""
}
