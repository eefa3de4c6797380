#!/bin/sh
# Tokenizer + sentence splitter throughput: `parley tokens` on ~100 MB of text.
. tools/bench-lib.sh
corpus=build/bench/text-100mb.txt
mkdir -p build/bench
if [ ! -s "$corpus" ]; then
    if [ -r ../shared/ud/en_ewt-ud-train.conllu ]; then
        sed -n 's/^# text = //p' ../shared/ud/en_ewt-ud-train.conllu > build/bench/seed.txt
        src="EWT train text"
    else
        cp examples/article.txt build/bench/seed.txt
        src="examples/article.txt"
    fi
    while [ "$(stat -c %s "$corpus" 2>/dev/null || echo 0)" -lt 100000000 ]; do
        cat build/bench/seed.txt >> "$corpus"
    done
fi
size=$(stat -c %s "$corpus")
bench_run 3 "" /dev/null build/parley tokens --quiet "$corpus"
bench_startup build/parley tokens --quiet "$BENCH_EMPTY"
mbs=$(awk -v s="$size" -v w="$WALL" 'BEGIN {printf "%.1f MB/s", s / 1e6 / w}')
row "tokens (text -> tokens)" "$((size / 1000000)) MB" "$mbs" "$((RSS / 1024)) MB" "$STARTUP"
bench_run 3 "" /dev/null build/parley sentences --quiet "$corpus"
bench_startup build/parley sentences --quiet "$BENCH_EMPTY"
mbs=$(awk -v s="$size" -v w="$WALL" 'BEGIN {printf "%.1f MB/s", s / 1e6 / w}')
row "sentences" "$((size / 1000000)) MB" "$mbs" "$((RSS / 1024)) MB" "$STARTUP"
