# CLI tests of the actor layer: parley actors, --unknown, parley dict.
. tests/cli/lib.sh
P=$PARLEY
D=tests/data/actors

printf 'Talks\n\nUkrainian President Volodymyr Zelensky met Turkish and American representatives.\n\nHe thanked them. Protesters clashed with police.\n' > "$T/a.txt"
"$P" actors --dict "$D" --date 2025-05-17 "$T/a.txt" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && ok actors_runs || fail actors_runs "status $st: $(cat "$T/err")"
grep -q '"sentence":1,"tokens":\[0,4\],"head":3,"start":7,"end":45,"text":"Ukrainian President Volodymyr Zelensky","entry":"Volodymyr Zelensky","code":"UKRGOV","country":"UKR","agent":"GOV","type":"person","how":"compound"' "$T/o" \
    && ok actors_compound_json || fail actors_compound_json "$(head -3 "$T/o")"
grep -q '"text":"Turkish","entry":"Turkey","code":"TURGOV"' "$T/o" \
    && grep -q '"text":"American representatives","entry":"United States","code":"USAGOV"' "$T/o" \
    && ok actors_coordination || fail actors_coordination "$(cat "$T/o")"
grep -q '"text":"He",.*"code":"UKRGOV",.*"how":"coref","ref":\[1,0\]' "$T/o" \
    && ok actors_coref || fail actors_coref "$(grep '"He"' "$T/o")"
grep -q '"text":"them",.*"code":"TURGOV",.*"group":2' "$T/o" \
    && ok actors_group || fail actors_group "$(grep '"them"' "$T/o")"
grep -q '"text":"police","entry":"","code":"COP","country":"","agent":"COP","type":"role","how":"agent"' "$T/o" \
    && ok actors_agent || fail actors_agent "$(grep police "$T/o")"
# every line is a JSON object
python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$T/o" 2>/dev/null \
    && ok actors_valid_json || { command -v python3 >/dev/null && fail actors_valid_json "bad JSON" || skip actors_valid_json "no python3"; }
"$P" actors --dict "$D" --no-coref --date 2025-05-17 "$T/a.txt" | grep -q '"how":"coref"' \
    && fail actors_no_coref "coref with --no-coref" || ok actors_no_coref

# dated codes follow --date
printf 'T\n\nTrump spoke.\n' > "$T/t.txt"
"$P" actors --dict "$D" --date 2019-06-01 "$T/t.txt" | grep -q '"code":"USAGOV"' && ok date_2019 || fail date_2019 "not USAGOV"
"$P" actors --dict "$D" --date 2022-06-01 "$T/t.txt" | grep -q '"code":"USAELI"' && ok date_2022 || fail date_2022 "not USAELI"

# --unknown: names no dictionary knows, most frequent first
printf 'T\n\nSources said Putin met Recep Tayyip Erdogan in Istanbul.\n\nErdogan and Putin met again in Istanbul.\n' > "$T/u.txt"
"$P" actors --dict "$D" --unknown "$T/u.txt" > "$T/o"
head -1 "$T/o" | grep -q "^2	Istanbul	Sources said" && grep -q "^1	Recep Tayyip Erdogan	" "$T/o" \
    && grep -q "^1	Erdogan	" "$T/o" && ! grep -q "Sources" "$T/o" | grep -q "^1	Sources" \
    && ok unknown_names || fail unknown_names "$(cat "$T/o")"

# a bad dictionary: file and line, exit status 1
printf 'actor X\n  code USA\n  colour red\n' > "$T/bad.txt"
"$P" actors --dict "$T/bad.txt" "$T/t.txt" > /dev/null 2> "$T/err"; st=$?
[ $st = 1 ] && grep -q "bad.txt:3: unknown keyword 'colour'" "$T/err" \
    && ok bad_dictionary || fail bad_dictionary "status $st: $(cat "$T/err")"
"$P" actors --dict 2> "$T/err"; [ $? = 2 ] && ok dict_missing_value || fail dict_missing_value "status"

# parley dict
"$P" dict import --from petrarch tests/data/petrarch/small.actors.txt > "$T/conv.txt" \
    && grep -q "^actor Rufus T Firefly$" "$T/conv.txt" && grep -q "^  code FRDGOV 1933-01-01..1935-12-31$" "$T/conv.txt" \
    && ok dict_import_actors || fail dict_import_actors "$(cat "$T/conv.txt")"
"$P" dict import --from petrarch --kind agents tests/data/petrarch/small.agents.txt | grep -q "^agent MIL  army, armies$" \
    && ok dict_import_agents || fail dict_import_agents "no army"
"$P" dict import --from petrarch tests/data/petrarch/small.discard.txt | grep -q "^discard story grand slam final$" \
    && ok dict_import_discard || fail dict_import_discard "no story discard"
"$P" dict import tests/data/petrarch/bad/bad-date.actors.txt > /dev/null 2> "$T/err"; st=$?
[ $st = 1 ] && grep -q "bad-date.actors.txt:2: invalid date restriction" "$T/err" \
    && ok dict_import_error || fail dict_import_error "status $st: $(cat "$T/err")"
"$P" dict check --dict "$T/conv.txt" > "$T/o" 2>/dev/null && grep -q "4 actors" "$T/o" \
    && ok dict_check_converted || fail dict_check_converted "$(cat "$T/o")"
"$P" dict check -q > "$T/o" 2>&1 && grep -q "loaded in" "$T/o" \
    && ok dict_check_shipped || fail dict_check_shipped "$(cat "$T/o")"
"$P" dict frob 2> /dev/null; [ $? = 2 ] && ok dict_unknown_command || fail dict_unknown_command "status"

# the seed article (skipped without ../shared)
if [ -f "$SHARED/examples/seed-article.txt" ]; then
    "$P" actors --dict "$D" --date 2025-05-17 "$SHARED/examples/seed-article.txt" > "$T/o"
    grep -q '"text":"he",.*"entry":"Volodymyr Zelensky","code":"UKRGOV"' "$T/o" \
        && grep -q '"text":"Ukrainian leader",.*"code":"UKRGOV"' "$T/o" \
        && grep -q '"text":"Kremlin",.*"code":"RUSGOV"' "$T/o" \
        && ok seed_article || fail seed_article "$(head -5 "$T/o")"
else
    skip seed_article "../shared is absent"
fi
finish
