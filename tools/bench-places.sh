#!/bin/sh
# Places: gazetteer load time and memory; places found and resolved per
# second by `parley places` on ~5 MB of text (words only: the syntax model
# would measure the parser).
. tools/bench-lib.sh
mkdir -p build/bench
make -s build/tools/eval-places >/dev/null || exit 1
set -- $(build/tools/eval-places --load 5)
load_ms=$1 bytes=$2
row "places: gazetteer load" "$(du -k data/places/gazetteer.tsv | cut -f1) KB" "$load_ms ms" \
    "$((bytes / 1048576)) MB held" "-"
corpus=build/bench/places-5mb.txt
if [ ! -s "$corpus" ]; then
    if [ -r ../shared/ud/en_ewt-ud-train.conllu ]; then
        sed -n 's/^# text = //p' ../shared/ud/en_ewt-ud-train.conllu > build/bench/places-seed.txt
    else
        cp examples/article.txt build/bench/places-seed.txt
    fi
    while [ "$(stat -c %s "$corpus" 2>/dev/null || echo 0)" -lt 5000000 ]; do
        cat build/bench/places-seed.txt >> "$corpus"
    done
fi
size=$(stat -c %s "$corpus")
found=$(build/parley places -q --model none "$corpus" | wc -l)
bench_run 3 "" /dev/null build/parley places -q --model none "$corpus"
bench_startup build/parley places -q --model none "$BENCH_EMPTY"
rate=$(awk -v n="$found" -v w="$WALL" 'BEGIN {printf "%.0f places/s", n / w}')
mbs=$(awk -v s="$size" -v w="$WALL" 'BEGIN {printf "%.1f MB/s", s / 1e6 / w}')
row "places (words only)" "$((size / 1000000)) MB" "$rate, $mbs" "$((RSS / 1024)) MB" "$STARTUP"
