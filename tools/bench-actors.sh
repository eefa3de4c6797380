#!/bin/sh
# Actor layer: dictionary load time and memory, and mentions per second of
# `parley actors` (tokens, sentences, dictionary lookup, compounds,
# coreference, JSON output) on news sentences.
. tools/bench-lib.sh
mkdir -p build/bench
corpus=build/bench/actors-corpus.txt
if [ ! -s "$corpus" ]; then
    if [ -r ../shared/eval/conflibert-train/class_train.tsv ]; then
        cut -f1 ../shared/eval/conflibert-train/class_train.tsv > build/bench/actors-news.txt
    else
        sed -n '3,$p' examples/article.txt > build/bench/actors-news.txt
    fi
    : > "$corpus"
    while [ "$(wc -l < "$corpus")" -lt 20000 ]; do cat build/bench/actors-news.txt >> "$corpus"; done
fi
sents=$(build/parley sentences --quiet "$corpus" | wc -l)
out=build/bench/actors-out.jsonl
bench_run 3 "" "$out" build/parley actors --quiet --date 2025-05-17 "$corpus"
bench_startup build/parley actors --quiet "$BENCH_EMPTY"
mentions=$(wc -l < "$out")
mps=$(awk -v n="$mentions" -v w="$WALL" 'BEGIN {printf "%.0f ment/s", n / w}')
row "actors (text -> mentions)" "$sents sent" "$mps" "$((RSS / 1024)) MB" "$STARTUP"
# loading the shipped dictionaries: parley's own timer, median of 5
times=""
for i in 1 2 3 4 5; do
    times="$times $(build/parley dict check -q | sed -n 's/.*; \([0-9.]*\) KiB; loaded in \([0-9.]*\) ms/\2/p')"
done
load=$(echo $times | tr ' ' '\n' | sort -n | sed -n 3p)
kib=$(build/parley dict check -q | sed -n 's/.*; \([0-9.]*\) KiB; loaded in.*/\1/p')
names=$(build/parley dict check -q | sed -n 's/.* with \([0-9]*\) names.*/\1/p')
row "actor dictionaries" "$names names" "-" "$(awk -v k="$kib" 'BEGIN {printf "%.1f MB", k / 1024}')" "$load ms"
