# CLI tests of `parley code` and `parley explain`: formats, options, and the
# seed article's events (skipped without ../shared or without the model).
. tests/cli/lib.sh
P=$PARLEY
if ! "$P" code --quiet examples/article.txt > "$T/ex.jsonl" 2> "$T/err"; then
    if grep -q "model" "$T/err"; then
        skip code_runs "no syntax model: $(head -1 "$T/err")"
        finish; exit $?
    fi
    fail code_runs "$(cat "$T/err")"
    finish; exit $?
fi
ok code_runs
[ -s "$T/ex.jsonl" ] && ok example_has_events || fail example_has_events "no events"
python3 -c 1 2>/dev/null && HAVE_PY=1 || HAVE_PY=0

# every line is a JSON object with the record's fields
if [ $HAVE_PY = 1 ]; then
    python3 - "$T/ex.jsonl" <<'PY' && ok jsonl_fields || fail jsonl_fields "missing fields"
import json, sys
need = ["doc", "sentence", "date", "source", "target", "code", "base", "root", "quad",
        "goldstein", "plover", "plover_mode", "flags", "verb", "pattern", "confidence",
        "mentions", "evidence", "evidence_start", "evidence_end"]
for line in open(sys.argv[1]):
    e = json.loads(line)
    for k in need:
        assert k in e, k
    assert e["code"].startswith(e["root"]) and e["code"].startswith(e["base"])
    assert 1 <= e["quad"] <= 4
    assert ":" in e["pattern"]
PY
fi

# GDELT: 61 tab-separated columns on every row
"$P" code --quiet --format gdelt examples/article.txt > "$T/g.tsv"
bad=$(awk -F'\t' 'NF != 61' "$T/g.tsv" | wc -l)
[ -s "$T/g.tsv" ] && [ "$bad" = 0 ] && ok gdelt_61_columns || fail gdelt_61_columns "$bad rows"
# PLOVER: no roots 01/02, event type present
"$P" code --quiet --format plover examples/article.txt > "$T/p.jsonl"
grep -q '"cameo":"0[12]' "$T/p.jsonl" && fail plover_roots "01/02 in PLOVER" || ok plover_roots
# CSV: header + rows; PETRARCH: 7 columns
"$P" code --quiet --format csv examples/article.txt | head -1 | grep -q '^doc,sentence,date,source_code' \
    && ok csv_header || fail csv_header "header"
"$P" code --quiet --format petrarch examples/article.txt | awk -F'\t' 'NF != 7 {bad++} END {exit bad > 0}' \
    && ok petrarch_columns || fail petrarch_columns "columns"
# a negated event: not emitted, unless --keep-negated
echo "Russia did not attack Ukraine on Monday." > "$T/neg.txt"
[ "$("$P" code --quiet "$T/neg.txt" | wc -l)" = 0 ] && ok negated_dropped || fail negated_dropped "emitted"
"$P" code --quiet --keep-negated "$T/neg.txt" | grep -q '"negated"' && ok keep_negated || fail keep_negated "flag"
# duplicates in a document merge unless --all-mentions
printf 'Egypt criticized Israel.\nEgypt criticized Israel again.\n' > "$T/dup.txt"
n1=$("$P" code --quiet "$T/dup.txt" | wc -l); n2=$("$P" code --quiet --all-mentions "$T/dup.txt" | wc -l)
[ "$n1" -lt "$n2" ] && "$P" code --quiet "$T/dup.txt" | grep -q '"mentions":2' && ok merge_mentions \
    || fail merge_mentions "$n1 vs $n2"
# explain shows the parse, actors and the pattern file:line
"$P" explain --text "Egypt urged Israel to withdraw its troops." > "$T/x.txt"
grep -q "^actor: Egypt" "$T/x.txt" && grep -q "patterns:" "$T/x.txt" && grep -q 'verbs/.*\.txt:[0-9]' "$T/x.txt" \
    && ok explain || fail explain "$(head -5 "$T/x.txt")"
# bad dictionaries and models: one clear line, exit 1
printf '999 nonsense T\n' > "$T/bad.txt"
"$P" code --verbs "$T/bad.txt" examples/article.txt 2> "$T/err" >/dev/null; st=$?
[ $st = 1 ] && grep -q 'bad.txt:1: unknown CAMEO event code' "$T/err" && ok bad_verbs || fail bad_verbs "$st $(cat "$T/err")"
head -c 1000 data/model/en-ewt.model > "$T/trunc.model"
"$P" code --model "$T/trunc.model" examples/article.txt 2> "$T/err" >/dev/null; st=$?
[ $st = 1 ] && [ "$(wc -l < "$T/err")" = 1 ] && ok truncated_model || fail truncated_model "$st $(cat "$T/err")"

# additive phrases add a target: "in addition to X", "along with X"
echo "Egypt held talks with Jordan in addition to Qatar." > "$T/add.txt"
"$P" code --quiet "$T/add.txt" > "$T/add.jsonl"
grep -q '"target":{"code":"JOR' "$T/add.jsonl" && grep -q '"target":{"code":"QAT' "$T/add.jsonl" \
    && ok additive_target || fail additive_target "$(cut -c1-300 "$T/add.jsonl")"
# "the leaders of X (name), Y (name) and Z": every country takes the role
echo "Egypt met the leaders of Jordan (King Abdullah), Qatar (Emir Tamim) and Oman." > "$T/lead.txt"
[ "$("$P" code --quiet "$T/lead.txt" | grep -c '"target":{"code":"\(JOR\|QAT\|OMN\)GOV"')" = 3 ] \
    && ok leaders_of_list || fail leaders_of_list "$("$P" code --quiet "$T/lead.txt" | cut -c1-300)"
# "the meeting" refers back to the latest consult event of the document
printf 'Egypt and Jordan held talks in Cairo on Monday.\nThe meeting ended with an agreement on water.\n' > "$T/ana.txt"
"$P" code --quiet "$T/ana.txt" | grep '"code":"057"' | grep -q '"source":{"code":"EGY' \
    && ok meeting_anaphora || fail meeting_anaphora "$("$P" code --quiet "$T/ana.txt" | cut -c1-300)"

# a dateline city is never an actor: "CAIRO, March 4 - Egypt ... agreed"
printf 'Nile talks resume\n\nCAIRO, March 4 - Egypt and Sudan agreed on Tuesday to resume talks with Ethiopia.\n' > "$T/dl.txt"
"$P" code --quiet "$T/dl.txt" > "$T/dl.jsonl"
! grep -qi '"\(source\|target\)":{[^{}]*"text":"CAIRO"' "$T/dl.jsonl" && grep -q '"source":{"code":"EGY' "$T/dl.jsonl" \
    && ok dateline_no_actor || fail dateline_no_actor "$(cut -c1-300 "$T/dl.jsonl")"

# the seed article (issue acceptance), date 2025-05-17
S=$SHARED/examples/seed-article.txt
if [ ! -r "$S" ] || [ $HAVE_PY = 0 ]; then
    skip seed_events "../shared/examples/seed-article.txt or python3 not present"
    finish; exit $?
fi
"$P" code --quiet --date 2025-05-17 "$S" > "$T/seed.jsonl"
"$P" code --quiet --all-mentions --date 2025-05-17 "$S" > "$T/seed-all.jsonl"
python3 - "$T/seed.jsonl" "$T/seed-all.jsonl" > "$T/seed.out" <<'PY'
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
every = [json.loads(l) for l in open(sys.argv[2])]
def in_sentence(words):
    return [e for e in every if words in e["evidence"]]
# the video call: five targets, the fifth "in addition to Trump"
call = {e["target"]["code"] for e in in_sentence("in addition to Trump")
        if e["source"]["code"] == "UKRGOV" and e["code"].startswith("04")}
# "the meeting" concluded with an agreement: the Istanbul talks' sides
deal = {(e["source"]["code"][:3], e["target"]["code"][:3]) for e in in_sentence("the meeting concluded")
        if e["code"].startswith("057") or e["code"].startswith("03")}
def has(src, root, tgt, **kw):
    for e in ev:
        if not e["source"]["code"].startswith(src): continue
        if not any(e["code"].startswith(r) for r in root.split("|")): continue
        if tgt is not None and not e["target"]["code"].startswith(tgt): continue
        if "date" in kw and e["date"] != kw["date"]: continue
        return True
    return False
checks = {
    "trump_calls_zelensky": has("USAGOV", "04", "UKRGOV"),
    "zelensky_calls_trump": has("UKRGOV", "04", "USAGOV"),
    "russia_ukraine_negotiations": has("RUS", "04", "UKR") or has("UKR", "04", "RUS"),
    "turkiye_mediates": has("TUR", "045", None),
    "kyiv_accuses_moscow": has("UKRGOV", "11", "RUS"),
    "zelensky_criticizes_russia": has("UKRGOV", "111", "RUS"),
    "moscow_demands_withdrawal": has("RUS", "10", "UKR"),
    "annexation_2022": has("RUS", "19|17", None, date="2022"),
    "call_with_france": has("UKRGOV", "04", "FRA"),
    "call_with_germany": has("UKRGOV", "04", "DEU"),
    "call_with_uk": has("UKRGOV", "04", "GBR"),
    "call_with_poland": has("UKRGOV", "04", "POL"),
    "leaders_threaten_sanctions_on_moscow": has("FRA", "13", "RUS") and has("POL", "13", "RUS"),
    "zelensky_demands_ceasefire": has("UKRGOV", "10", "RUS"),
    "tusk_accuses_russia": has("POLGOV", "11", "RUS"),
    "call_five_targets": call == {"FRAGOV", "DEUGOV", "GBRGOV", "POLGOV", "USAGOV"},
    "meeting_agreement_russia_ukraine": ("RUS", "UKR") in deal or ("UKR", "RUS") in deal,
    "no_ceasefire_from_no_advances": not any(e["code"].startswith("0871") and e["sentence"] == 3 for e in ev),
}
for k, v in checks.items():
    print(("ok " if v else "FAIL ") + "seed_" + k)
PY
cat "$T/seed.out"
grep -q '^FAIL' "$T/seed.out" && failures=$((failures + 1))
finish
