# CLI tests of `parley places` and of event locations in every output format.
. tests/cli/lib.sh
P=$PARLEY

"$P" places --help | grep -q "usage: parley places" && ok places_help || fail places_help "no usage"
"$P" places --format yaml x 2>"$T/err"; [ $? = 2 ] && ok places_bad_format || fail places_bad_format "status"
"$P" --help | grep -q "places" && ok places_listed || fail places_listed "not in parley --help"

printf 'Talks\n\nKYIV, May 16 (Reuters) - Russian and Ukrainian delegates met in Istanbul.\nA tornado hit Paris, Texas. Moscow said nothing, officials in Moscow said.\n' > "$T/a.txt"
"$P" places -q "$T/a.txt" > "$T/p.jsonl"; st=$?
[ $st = 0 ] && ok places_runs || fail places_runs "status $st"
grep '"text":"Istanbul"' "$T/p.jsonl" | grep -q '"lat":41.01384,"lon":28.94966,"geonames":745044' \
    && ok places_istanbul || fail places_istanbul "$(cat "$T/p.jsonl")"
grep '"text":"KYIV"' "$T/p.jsonl" | grep -q '"cue":"dateline"' && ok places_dateline \
    || fail places_dateline "$(grep KYIV "$T/p.jsonl")"
grep '"text":"Paris, Texas"' "$T/p.jsonl" | grep -q '"adm1":"USTX"' && ok places_qualifier \
    || fail places_qualifier "$(grep Paris "$T/p.jsonl")"
[ "$(grep -c '"name":"Moscow"' "$T/p.jsonl")" = 1 ] && ok places_metonym || fail places_metonym "Moscow said"
"$P" places --format text -o "$T/p.txt" "$T/a.txt" && grep -q "Istanbul, Istanbul, T" "$T/p.txt" \
    && ok places_text || fail places_text "$(cat "$T/p.txt")"
printf '{"id":"j1","text":"Fighting in Tripoli, Lebanon, killed three."}\n' > "$T/b.jsonl"
"$P" places --from jsonl "$T/b.jsonl" | grep -q '"doc":"j1".*"country":"LB"' && ok places_jsonl_input \
    || fail places_jsonl_input "Tripoli"

# the seed article of ../shared
if [ -r "$SHARED/examples/seed-article.txt" ]; then
    "$P" places -q "$SHARED/examples/seed-article.txt" > "$T/seed.jsonl"
    grep '"text":"Washington"' "$T/seed.jsonl" | grep -q '"adm1":"USDC"' && ok seed_washington \
        || fail seed_washington "$(grep Washington "$T/seed.jsonl")"
    n=$(grep -E '"text":"(Donetsk|Luhansk|Zaporizhzhia|Kherson)"' "$T/seed.jsonl" | grep -c '"country":"UA"')
    [ "$n" = 4 ] && ok seed_regions || fail seed_regions "$n of 4 in Ukraine"
    if grep '"text":"Dolmabahce' "$T/seed.jsonl" | grep -qv '"name":"Istanbul"'; then
        fail seed_palace "Dolmabahce Palace resolved outside Istanbul"
    else
        ok seed_palace
    fi
else
    skip seed_places "$SHARED is absent"
fi

# event locations need the syntax model: skip when the coder cannot run
printf 'Talks\n\nRussian and Ukrainian delegations held talks in Istanbul on Friday.\n' > "$T/ev.txt"
if "$P" code -q "$T/ev.txt" > "$T/ev.jsonl" 2>"$T/err"; then
    grep -q '"location":{"type":"world_city","name":"Istanbul"' "$T/ev.jsonl" && ok code_location_jsonl \
        || fail code_location_jsonl "$(head -2 "$T/ev.jsonl")"
    "$P" code -q --format gdelt "$T/ev.txt" | head -1 | awk -F'\t' 'NF == 61 && $52 == 4 && $54 == "TU" && $55 == "TU34" && $59 == "745044" {ok=1} END {exit !ok}' \
        && ok code_location_gdelt || fail code_location_gdelt "columns 52-59"
    "$P" code -q --format csv "$T/ev.txt" | head -1 | grep -q "location_lat,location_lon" \
        && ok code_location_csv || fail code_location_csv "header"
else
    skip code_location "parley code unavailable: $(head -1 "$T/err")"
fi
finish
