#!/bin/sh
# make soak: the full bounded-memory runs of docs/robustness.md, on streams
# generated on the fly (nothing is written to disk): 2 GB of JSON Lines
# articles through `parley tokens` and `parley sentences`, and 200 MB
# through `parley code` (with data/model/en-ewt.model, or the fuzz seed
# model when it is absent). Each run's peak RSS must stay under its bound;
# `make check` runs the same on 256 MB and 20 MB (tests/cli/hostile.sh).
# usage: fuzz/soak.sh [GB]   (default 2)
gb=${1:-2}
P=build/parley RS=build/tools/runstat
[ -x "$P" ] && [ -x "$RS" ] || { echo "soak: needs build/parley and build/tools/runstat" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
s='Russia met Ukraine in Istanbul on Friday. The talks went on for hours, officials said. '
body=$(for i in $(seq 45); do printf '%s' "$s"; done)
line="{\"text\":\"$body\"}"
fail=0
echo "soak: $(nproc) cores; articles of ${#line} bytes as JSON Lines on a pipe"
printf '%-34s %10s %10s %12s %12s\n' run input wall "peak RSS" bound
# run NAME MB BOUND_KB CMD...: streams MB of articles into CMD
run() {
    name=$1 mb=$2 bound=$3; shift 3
    n=$((mb * 1000000 / (${#line} + 1)))
    yes "$line" | head -n "$n" | $RS "$@" > /dev/null 2> "$tmp/rs"
    set -- $(tail -1 "$tmp/rs")
    wall=$1 kb=$3
    verdict=ok; [ "$kb" -lt "$bound" ] || { verdict=FAIL; fail=1; }
    printf '%-34s %7s MB %8.1f s %9s KB %9s KB  %s\n' "$name" "$mb" "$wall" "$kb" "$bound" "$verdict"
}
run "tokens (JSON Lines)" $((gb * 1000)) 32768 "$P" tokens --quiet -
run "sentences (JSON Lines)" $((gb * 1000)) 32768 "$P" sentences --quiet -
model=""
for m in data/model/en-ewt.model fuzz/corpus/model/tiny.model; do
    if [ -r "$m" ] && "$P" code --model "$m" examples/article.txt >/dev/null 2>&1; then model=$m; break; fi
done
[ -n "$model" ] || { echo "soak: no parser model loads" >&2; exit 1; }
msize=$(($(stat -c %s "$model") / 1024))
run "code, $(basename "$model") (20 MB)" 20 $((msize + 262144)) "$P" code --quiet --model "$model" -
small=$(tail -1 "$tmp/rs" | cut -d' ' -f3)
run "code, $(basename "$model") (200 MB)" 200 $((small + 16384)) "$P" code --quiet --model "$model" -
[ $fail = 0 ] && echo "soak: every run within its bound" || echo "soak: a bound was exceeded" >&2
exit $fail
