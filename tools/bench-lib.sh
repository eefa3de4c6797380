# Shared by tools/bench-*.sh: median of N runs of a command under runstat.
# bench_run N IN OUT CMD... -> sets WALL (median s) and RSS (max KB)
bench_run() {
    n=$1 in=$2 out=$3; shift 3
    walls="" RSS=0
    for i in $(seq "$n"); do
        if [ -n "$in" ]; then r=$(build/tools/runstat -i "$in" -o "$out" "$@" 2>&1 >/dev/null | tail -1)
        else r=$(build/tools/runstat -o "$out" "$@" 2>&1 >/dev/null | tail -1); fi
        walls="$walls $(echo "$r" | cut -d' ' -f1)"
        rss=$(echo "$r" | cut -d' ' -f3); [ "$rss" -gt "$RSS" ] && RSS=$rss
    done
    WALL=$(echo $walls | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
}
row() { printf '%-28s %12s %16s %12s %10s\n' "$1" "$2" "$3" "$4" "$5"; }
