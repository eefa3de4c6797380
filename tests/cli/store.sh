# CLI tests of the event store: parley ingest, query and stats. The parts
# that need coding are skipped while the parser model is missing; the rest
# runs on a store whose rows are written with the sqlite3 command.
. tests/cli/lib.sh
P=$PARLEY
have_sqlite=0; command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1

# ---- the command line ----------------------------------------------------
"$P" ingest examples/article.txt 2>"$T/err"; st=$?
[ $st = 2 ] && grep -q "missing --db" "$T/err" && ok ingest_needs_db || fail ingest_needs_db "status $st"
"$P" query --db "$T/none.db" 2>"$T/err"; st=$?
[ $st = 1 ] && grep -q "none.db" "$T/err" && ok query_missing_db || fail query_missing_db "status $st: $(cat "$T/err")"
mkdir -p "$T/empty" "$T/none"
"$P" ingest -q --db "$T/empty/s.db" "$T/none" 2>"$T/err"; st=$?
[ $st = 0 ] && [ -s "$T/empty/s.db" ] && ok ingest_creates || fail ingest_creates "status $st: $(cat "$T/err")"
# a document without text needs no coding (and no model)
"$P" ingest --db "$T/blank.db" < /dev/null 2>"$T/err"; st=$?
[ $st = 0 ] && ok ingest_blank || fail ingest_blank "status $st: $(cat "$T/err")"
# the store is not read as an article: refused inside an input directory,
# skipped without a word when named (a shell's *)
"$P" ingest --db "$T/empty/s.db" "$T/empty" 2>"$T/err"; st=$?
[ $st = 2 ] && grep -q "inside the input directory" "$T/err" && ok ingest_refuses_store_in_input \
    || fail ingest_refuses_store_in_input "status $st: $(cat "$T/err")"
"$P" ingest --db "$T/empty/s.db" "$T/empty"/* 2>"$T/err"; st=$?
[ $st = 0 ] && ! grep -q "NUL\|invalid UTF-8" "$T/err" && grep -q "0 documents" "$T/err" \
    && ok ingest_skips_own_files || fail ingest_skips_own_files "status $st: $(cat "$T/err")"
db=$T/empty/s.db
bad_ok=1
for bad in "--quad 7" "--dyad USA" "--from-date 2025-13" "--actor R-S" "--code 04a" "--limit 0" "--bogus"; do
    # shellcheck disable=SC2086
    "$P" query --db "$db" $bad 2>"$T/err"; st=$?
    [ $st = 2 ] && [ "$(wc -l < "$T/err")" = 1 ] || { fail "bad_filter $bad" "status $st: $(cat "$T/err")"; bad_ok=0; }
done
[ $bad_ok = 1 ] && ok bad_filters
"$P" query --db "$db" --text '"unbalanced' 2>"$T/err"; st=$?
[ $st = 1 ] && grep -q "text:" "$T/err" && ok bad_text_query || fail bad_text_query "status $st: $(cat "$T/err")"
"$P" stats --db "$db" --by weekday 2>"$T/err"; [ $? = 2 ] && ok stats_bad_by || fail stats_bad_by "$(cat "$T/err")"

# ---- queries on hand-written rows ----------------------------------------
if [ $have_sqlite = 1 ]; then
    sqlite3 "$db" <<'EOF'
INSERT INTO docs VALUES (1,'a1','h1','2025-05-03','Reuters','https://reuters.example/1','','','Reuters',40,1,1,1);
INSERT INTO docs VALUES (2,'a2','h2','2025-05-03','AP','','','','AP',34,1,1,1);
INSERT INTO sentences VALUES (1,1,0,0,40,'Russia attacked Ukraine near the border.');
INSERT INTO sentences VALUES (2,2,0,0,34,'Russia attacked Ukraine on Monday.');
INSERT INTO events VALUES (1,20250503,'2025-05-03','RUS','UKR','190',0,'RUS','','UKR','','190','19',4,-10.0,'FIGHT','',2,2,2,1);
INSERT INTO mentions VALUES (1,1,1,'Reuters',1,0,0.8,'verbs/19-fight.txt',3,'Russia',1,0,6,NULL,'Ukraine',1,16,7,NULL,7,8,NULL,NULL,NULL,NULL);
INSERT INTO mentions VALUES (2,1,2,'AP',1,0,0.8,'verbs/19-fight.txt',3,'Russia',1,0,6,NULL,'Ukraine',1,16,7,NULL,7,8,NULL,NULL,NULL,NULL);
EOF
    "$P" stats --db "$db" --check > "$T/o" 2>&1 && grep -q ": ok" "$T/o" && ok check_ok || fail check_ok "$(cat "$T/o")"
    "$P" query --db "$db" > "$T/o"
    [ "$(wc -l < "$T/o")" = 2 ] && grep -q "^2025-05-03  RUS     UKR     190  *4  *-10.0  *2  *2  *2  a1  *Russia attacked" "$T/o" \
        && ok query_table || fail query_table "$(cat "$T/o")"
    "$P" query --db "$db" --format jsonl --mentions > "$T/o"
    [ "$(grep -c '"num_articles":2' "$T/o")" = 2 ] && grep -q '"doc":"a2"' "$T/o" \
        && grep -q '"source":{"code":"RUS","country":"RUS","agent":"","entry":"Russia","text":"Russia","start":0,"end":6' "$T/o" \
        && ok query_mentions_jsonl || fail query_mentions_jsonl "$(cat "$T/o")"
    "$P" query --db "$db" --format gdelt > "$T/o"
    [ "$(awk -F'\t' '{print NF}' "$T/o")" = 61 ] && [ "$(cut -f32-34 "$T/o")" = "$(printf '2\t2\t2')" ] \
        && [ "$(cut -f61 "$T/o")" = "https://reuters.example/1" ] \
        && ok query_gdelt || fail query_gdelt "$(cat "$T/o")"
    "$P" query --db "$db" --format csv > "$T/o"
    head -1 "$T/o" | grep -q ",event_id,num_sources,num_articles$" && [ "$(wc -l < "$T/o")" = 2 ] \
        && ok query_csv || fail query_csv "$(cat "$T/o")"
    n=$("$P" query --db "$db" --mentions --text border --format jsonl | wc -l)
    m=$("$P" query --db "$db" --text "attack ukraine" --format jsonl | wc -l)
    [ "$n" = 1 ] && [ "$m" = 1 ] && ok query_text || fail query_text "border: $n, attack ukraine: $m"
    n=$("$P" query --db "$db" --actor ukr --code 1 --quad 4 --from-date 2025-05 --to-date 2025 --format jsonl | wc -l)
    m=$("$P" query --db "$db" --dyad UKR,RUS --format jsonl | wc -l)
    k=$("$P" query --db "$db" --source-name ap --mentions --format jsonl | wc -l)
    [ "$n" = 1 ] && [ "$m" = 0 ] && [ "$k" = 1 ] && ok query_filters || fail query_filters "$n $m $k"
    "$P" stats --db "$db" --by day,dyad --format csv > "$T/o"
    grep -q "^day,2025-05-03,,,,,1,2,2,-10.0,-10.00$" "$T/o" && grep -q "^dyad,,RUS,UKR,,,1,2,2," "$T/o" \
        && ok stats_csv || fail stats_csv "$(cat "$T/o")"
    "$P" stats --db "$db" > "$T/o"
    grep -q "events by dyad and day" "$T/o" && grep -q "4 material conflict" "$T/o" \
        && ok stats_table || fail stats_table "$(cat "$T/o")"
    sqlite3 "$db" "UPDATE events SET num_articles = 3"
    "$P" stats --db "$db" --check 2>"$T/err"; st=$?
    [ $st = 1 ] && grep -q "event 1" "$T/err" && ok check_finds_bad_counts || fail check_finds_bad_counts "status $st"
    sqlite3 "$db" "PRAGMA user_version = 99"
    "$P" query --db "$db" 2>"$T/err"; st=$?
    [ $st = 1 ] && grep -q "newer than this parley" "$T/err" && ok refuses_newer_schema || fail refuses_newer_schema "$(cat "$T/err")"
else
    skip store_rows "no sqlite3 command"
fi

# ---- end to end, with the coder ------------------------------------------
if ! "$P" code examples/article.txt >/dev/null 2>&1; then
    skip store_coder "parley code cannot run (no parser model yet)"
    finish
    exit
fi
e=$T/e.db
"$P" ingest -q --db "$e" examples/article.txt; st=$?
n=$("$P" query --db "$e" --format jsonl | wc -l)
[ $st = 0 ] && [ "$n" -gt 0 ] && ok ingest_article || fail ingest_article "status $st, $n events"
if [ $have_sqlite = 1 ]; then
    sqlite3 "$e" .dump > "$T/d1"
    "$P" ingest --db "$e" examples/article.txt 2>"$T/err"
    sqlite3 "$e" .dump > "$T/d2"
    cmp -s "$T/d1" "$T/d2" && grep -q "1 unchanged" "$T/err" && ok reingest_unchanged || fail reingest_unchanged "$(cat "$T/err")"
fi
# the code command and the store print the same first mentions
"$P" code --all-mentions --format gdelt examples/article.txt | cut -f2,6,16,27 | sort -u > "$T/c"
"$P" query --db "$e" --format gdelt | cut -f2,6,16,27 | sort -u > "$T/q"
cmp -s "$T/c" "$T/q" && ok same_events_as_code || fail same_events_as_code "$(diff "$T/c" "$T/q" | head -5)"

# two articles reporting the same events: one event each, two articles
text=$(awk '{gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "%s\\n", $0}' examples/article.txt)
art() { # ID DATE SOURCE: the example article as a JSON Lines record
    printf '{"id":"%s","date":"%s","source":"%s","text":"%s"}\n' "$1" "$2" "$3" "$text"
}
art x1 2025-05-17 "Outlet A" > "$T/one.jsonl"
{ art x1 2025-05-17 "Outlet A"; art x2 2025-05-17 "Outlet B"; } > "$T/two.jsonl"
"$P" ingest -q --db "$T/one.db" "$T/one.jsonl"
"$P" ingest -q --db "$T/two.db" "$T/two.jsonl"
one=$("$P" query --db "$T/one.db" --format jsonl | wc -l)
"$P" query --db "$T/two.db" --format jsonl > "$T/o"
[ "$one" -gt 0 ] && [ "$(wc -l < "$T/o")" = "$one" ] && [ "$(grep -c '"num_articles":2}' "$T/o")" = "$one" ] \
    && [ "$(grep -c '"num_sources":2,' "$T/o")" = "$one" ] && ok two_articles_merge \
    || fail two_articles_merge "$one events alone; $(head -2 "$T/o")"
n=$("$P" query --db "$T/two.db" --mentions --format jsonl | wc -l)
m=$("$P" query --db "$T/one.db" --mentions --format jsonl | wc -l)
[ "$n" = $((2 * m)) ] && ok two_articles_mentions || fail two_articles_mentions "$n mentions, $m alone"
# a new version of x2 replaces its events
printf '{"id":"x2","date":"2025-05-17","source":"Outlet B","text":"Nothing happened today."}\n' > "$T/v2.jsonl"
"$P" ingest --db "$T/two.db" "$T/v2.jsonl" 2>"$T/err"
"$P" query --db "$T/two.db" --format jsonl > "$T/o2"
grep -q "1 replaced" "$T/err" && [ "$(grep -c '"num_articles":1}' "$T/o2")" = "$one" ] \
    && ok new_version_replaces || fail new_version_replaces "$(cat "$T/err")"

# SIGKILL during an ingest: whole documents only, and a re-run completes it
if [ $have_sqlite = 1 ]; then
    i=0
    while [ $i -lt 300 ]; do
        art "k$i" "2025-05-0$((i % 9 + 1))" "Outlet $i"
        i=$((i + 1))
    done > "$T/many.jsonl"
    t0=$(date +%s.%N)
    "$P" ingest -q --db "$T/ref.db" "$T/many.jsonl"
    full=$(echo "$t0 $(date +%s.%N)" | awk '{print $2 - $1}')
    sqlite3 "$T/ref.db" .dump > "$T/ref.dump"
    good=0 midway=0
    for frac in 0.3 0.5 0.7 0.9; do
        rm -f "$T/k.db" "$T/k.db-wal" "$T/k.db-shm"
        "$P" ingest -q --db "$T/k.db" "$T/many.jsonl" &
        pid=$!
        sleep "$(echo "$full $frac" | awk '{print $1 * $2}')"
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        "$P" stats --db "$T/k.db" --check >/dev/null 2>"$T/err" || { fail "sigkill_$frac" "check: $(cat "$T/err")"; continue; }
        n=$(sqlite3 "$T/k.db" "SELECT count(*) FROM docs")
        [ "$n" -gt 0 ] && [ "$n" -lt 300 ] && midway=$((midway + 1))
        "$P" ingest -q --db "$T/k.db" "$T/many.jsonl"
        sqlite3 "$T/k.db" .dump > "$T/k.dump"
        cmp -s "$T/ref.dump" "$T/k.dump" && good=$((good + 1)) || fail "sigkill_$frac" "dumps differ"
    done
    [ $good = 4 ] && [ $midway -gt 0 ] && ok sigkill_ingest || fail sigkill_ingest "$good equal, $midway killed midway"
fi
finish
