#!/bin/sh
# End-to-end coding speed: `parley code` from raw text (reading, tokens,
# tags, parse, actors, coding, JSON output) on news-like text.
. tools/bench-lib.sh
mkdir -p build/bench
if ! build/parley code examples/article.txt >/dev/null 2>&1; then
    row "code (text -> events)" "-" "no parser model" "-" "-"
    exit 0
fi
corpus=build/bench/code-corpus.txt
if [ ! -s "$corpus" ]; then
    if [ -r ../shared/eval/conflibert-train/class_train.tsv ]; then
        # real news sentences, one document of 200 lines each
        cut -f1 ../shared/eval/conflibert-train/class_train.tsv > build/bench/news.txt
        src="ConfliBERT sentences"
    else
        sed -n '3,$p' examples/article.txt > build/bench/news.txt
        src="examples/article.txt"
    fi
    : > "$corpus"
    while [ "$(wc -l < "$corpus")" -lt 20000 ]; do cat build/bench/news.txt >> "$corpus"; done
fi
sents=$(build/parley sentences --quiet "$corpus" | wc -l)
size=$(stat -c %s "$corpus")
bench_run 3 "" /dev/null build/parley code --quiet --date 2025-05-17 "$corpus"
bench_startup build/parley code --quiet "$BENCH_EMPTY"
sps=$(awk -v n="$sents" -v w="$WALL" 'BEGIN {printf "%.0f sent/s", n / w}')
row "code (text -> events)" "$sents sent" "$sps" "$((RSS / 1024)) MB" "$STARTUP"
# start-up: loading model and dictionaries, coding one short line
echo "Talks." > build/bench/one.txt
bench_run 5 "" /dev/null build/parley code --quiet build/bench/one.txt
row "code start-up" "1 sent" "-" "$((RSS / 1024)) MB" "$(awk -v w="$WALL" 'BEGIN {printf "%.0f ms", w * 1000}')"
