#!/bin/sh
# parley report: the page of one million stored events (time, memory and
# page size; the budget is 10 s and 10 MB), with a filter, and of 100,000
# events read from JSON Lines. The million events are generated through
# the store API (build/tools/benchreport: hand-made events at 48 places,
# no parsing) and kept in build/bench/ between runs; figures are medians
# of 3 runs of the parley command. When chromium is installed, the time
# headless Chromium takes to load the million's page is measured too.
. tools/bench-lib.sh
mkdir -p build/bench
make -s build/tools/benchreport >/dev/null 2>&1 || [ -x build/tools/benchreport ] || exit 1
db=build/bench/report-1m.db page=build/bench/report-1m.html
schema=$(sed -n 's/^#define PL_STORE_SCHEMA \([0-9]*\).*/\1/p' include/parley.h)
if [ ! -s "$db" ] || [ ! -s "$db.fill" ] || \
   [ "$(sqlite3 "$db" 'PRAGMA user_version' 2>/dev/null || echo "$schema")" != "$schema" ]; then
    rm -f "$db" "$db-wal" "$db-shm" "$db.fill"
    build/tools/benchreport "$db" 1000000 > "$db.fill" || exit 1
fi
set -- $(cat "$db.fill")   # docs events seconds
events=$2
million=$(awk -v e="$events" 'BEGIN {printf "%.2fM events", e / 1e6}')
kb() { echo "$(($(stat -c %s "$1") / 1024)) KB"; }
secs() { printf "%.2f s" "$WALL"; }

bench_run 3 "" "$page" build/parley report --quiet --db "$db"
row "report: store, all events" "$million" "$(secs), $(kb "$page")" "$((RSS / 1024)) MB" "-"
bench_run 3 "" build/bench/report-f.html build/parley report --quiet --db "$db" --actor RUS --from-date 2024-06
row "report: --actor --from-date" "$million" "$(secs), $(kb build/bench/report-f.html)" "$((RSS / 1024)) MB" "-"
bench_run 3 "" build/bench/report-t.html build/parley report --quiet --db "$db" --text answered
row "report: --text (all match)" "$million" "$(secs), $(kb build/bench/report-t.html)" "$((RSS / 1024)) MB" "-"

jl=build/bench/report-100k.jsonl
if [ ! -s "$jl" ]; then
    build/parley query --quiet --db "$db" --format jsonl --limit 100000 > "$jl.tmp" && mv "$jl.tmp" "$jl"
fi
bench_run 3 "" build/bench/report-j.html build/parley report --quiet --events "$jl"
row "report: JSON Lines" "$(wc -l < "$jl") events" "$(secs), $(kb build/bench/report-j.html)" "$((RSS / 1024)) MB" "-"

browser=$(command -v chromium || true)
if [ -n "$browser" ]; then
    prof=$(mktemp -d)
    bench_run 3 "" build/bench/report-dom.html timeout 120 "$browser" --headless --no-sandbox \
        --disable-gpu --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --user-data-dir="$prof" --dump-dom "file://$PWD/$page"
    rm -rf "$prof"
    row "report: Chromium loads page" "$(kb "$page")" "$(secs) (dump-dom)" "$((RSS / 1024)) MB" "-"
fi
