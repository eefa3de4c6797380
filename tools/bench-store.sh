#!/bin/sh
# Event store: ingest speed (documents and sentences per second) and query
# latency on one million stored events. The million events are generated
# through the API (build/tools/benchstore: hand-made events, no parsing) and
# kept in build/bench/ between runs; query figures are medians of 5 warm runs
# of the parley command, so they include its start-up (~1 ms).
. tools/bench-lib.sh
mkdir -p build/bench
make -s build/tools/benchstore >/dev/null 2>&1 || [ -x build/tools/benchstore ] || exit 1
db=build/bench/store-1m.db out=build/bench/store.out   # bench_run sets out too: reset below
schema=$(sed -n 's/^#define PL_STORE_SCHEMA \([0-9]*\).*/\1/p' include/parley.h)
rate() { awk -v n="$1" -v w="$2" -v u="$3" 'BEGIN { r = n / w; if (r >= 10000) printf "%.0fk %s/s", r / 1000, u; else printf "%.0f %s/s", r, u }'; }

# ingest through the API, one transaction per document (as parley ingest)
rm -f build/bench/store-20k.db*
bench_run 1 "" "$out" build/tools/benchstore build/bench/store-20k.db 60000
set -- $(cat "$out")   # docs sentences mentions events seconds
row "store: add, 1 txn/doc" "$1 docs" "$(rate "$1" "$5" docs), $(rate "$2" "$5" sent)" "$((RSS / 1024)) MB" "-"
rm -f build/bench/store-20k.db*

# the million: bulk (5000 documents a transaction), generated once
if [ ! -s "$db" ] || [ "$(sqlite3 "$db" 'PRAGMA user_version' 2>/dev/null)" != "$schema" ] || [ ! -s "$db.fill" ]; then
    rm -f "$db" "$db-wal" "$db-shm" "$db.fill"
    out=build/bench/store.out
    bench_run 1 "" "$out" build/tools/benchstore -b 5000 "$db" 1000000
    echo "$(cat "$out") $RSS" > "$db.fill"
fi
set -- $(cat "$db.fill")   # docs sentences mentions events seconds rss
size=$(du -m "$db" | cut -f1)
row "store: bulk fill (cached)" "$(awk -v e="$4" 'BEGIN {printf "%.2fM events", e / 1e6}')" \
    "$(rate "$4" "$5" ev), $(rate "$1" "$5" docs)" "$(($6 / 1024)) MB" "-"
events=$(awk -v e="$4" 'BEGIN {printf "%.1fM ev", e / 1e6}')
row "store: size of the million" "$(awk -v e="$4" 'BEGIN {printf "%.2fM events", e / 1e6}')" "$size MB on disk" "-" "-"

# the coder and the store together, when the parser model is there
if build/parley code examples/article.txt >/dev/null 2>&1; then
    jl=build/bench/store-articles.jsonl
    if [ ! -s "$jl" ]; then
        text=$(awk 'BEGIN {ORS="\\n"} {gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print}' examples/article.txt)
        for i in $(seq 200); do
            printf '{"id":"bench-%d","date":"2025-05-%02d","source":"outlet-%d","text":"%s"}\n' \
                "$i" $((i % 28 + 1)) "$i" "$text"
        done > "$jl"
    fi
    docs=$(wc -l < "$jl")
    sents=$(build/parley sentences --quiet "$jl" | wc -l)
    rm -f build/bench/store-coder.db*
    bench_run 1 "" /dev/null build/parley ingest --quiet --db build/bench/store-coder.db "$jl"
    row "store: parley ingest (coder)" "$docs docs" "$(rate "$docs" "$WALL" docs), $(rate "$sents" "$WALL" sent)" \
        "$((RSS / 1024)) MB" "-"
    rm -f build/bench/store-coder.db*
else
    row "store: parley ingest (coder)" "-" "no parser model" "-" "-"
fi

# query and stats latency on the million
q() { # NAME ARGS...: median of 5 runs
    name=$1; shift
    build/parley "$@" --db "$db" -o build/bench/store.lines >/dev/null 2>&1
    lines=$(wc -l < build/bench/store.lines)
    bench_run 5 "" /dev/null build/parley "$@" --db "$db"
    row "$name" "$events" "$(awk -v w="$WALL" 'BEGIN {printf "%.0f ms", w * 1000}') ($lines lines)" "$((RSS / 1024)) MB" "-"
}
q "query --actor --limit 100" query --actor RUS --limit 100 --format jsonl
q "query --dyad (all)" query --dyad USA,RUS --format jsonl
q "query --code --from/to-date" query --code 19 --from-date 2024-03 --to-date 2024-03 --format jsonl
q "query --source-name --limit 100" query --source-name TASS --limit 100 --format jsonl
q "query --text" query --text "article 4711" --format jsonl
q "query --min-articles 5" query --min-articles 5 --format csv
q "stats --by day" stats --by day --format csv
q "stats --by dyad --limit 20" stats --by dyad --limit 20 --format csv
q "stats --by dyad-day --actor" stats --by dyad-day --actor UKR --format csv
