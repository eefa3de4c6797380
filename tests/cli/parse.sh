# CLI tests of `parley parse`: CoNLL-U out, model errors, the seed article.
. tests/cli/lib.sh
P=$PARLEY
MODEL=data/model/en-ewt.model

if [ ! -r "$MODEL" ]; then
    skip parse_cli "no $MODEL"
    exit 0
fi

out=$("$P" parse --help) && echo "$out" | grep -q -- "--model" && ok parse_help || fail parse_help "no usage"
"$P" --help | grep -q "^  parse " && ok parse_listed || fail parse_listed "not in the command list"

# CoNLL-U: comments, ten columns, a tree per sentence
printf 'Police arrested two protesters in Kyiv. They were released on Monday.\n' > "$T/in.txt"
"$P" parse -q "$T/in.txt" > "$T/o" 2> "$T/err"; st=$?
[ $st = 0 ] && grep -q '^# newdoc id = ' "$T/o" && [ "$(grep -c '^# sent_id = .*-[12]$' "$T/o")" = 2 ] \
    && grep -q '^# text = Police arrested two protesters in Kyiv\.$' "$T/o" \
    && ok parse_conllu || fail parse_conllu "status $st: $(cat "$T/err")"
awk -F'\t' '/^[0-9]/ && NF != 10 {bad = 1} END {exit bad}' "$T/o" \
    && ok parse_columns || fail parse_columns "a token line without 10 fields"
# one root per sentence, heads within the sentence
awk -F'\t' '/^# sent_id/ {if (n && roots != 1) bad = 1; n = 0; roots = 0; next}
    /^[0-9]/ {n++; if ($7 == 0) roots++; if ($7 == 0 && $8 != "root") bad = 1; h[n] = $7}
    /^$/ {for (i = 1; i <= n; i++) if (h[i] > n) bad = 1}
    END {if (n && roots != 1) bad = 1; exit bad}' "$T/o" && ok parse_tree || fail parse_tree "$(cat "$T/o")"
grep -q '^2	arrested	arrest	VERB	VBD	_	0	root	' "$T/o" && grep -q '^1	Police	police	NOUN	NN[S]*	_	2	nsubj	' "$T/o" \
    && ok parse_arcs || fail parse_arcs "$(head -12 "$T/o")"
grep -q 'Kyiv	Kyiv	PROPN	NNP	_	[0-9]*	obl	_	SpaceAfter=No$' "$T/o" \
    && ok parse_space_after || fail parse_space_after "$(grep Kyiv "$T/o")"
# standard input and -o
printf 'Talks resumed.\n' | "$P" parse -q -o "$T/o2" - && grep -q '^1	Talks	talk	' "$T/o2" \
    && ok parse_stdin || fail parse_stdin "$(cat "$T/o2")"

# model errors: named, clean exit status
"$P" parse --model "$T/none.model" "$T/in.txt" > /dev/null 2> "$T/err"; st=$?
[ $st = 1 ] && grep -q "none.model" "$T/err" && ok parse_model_missing || fail parse_model_missing "status $st"
printf 'not a model\n' > "$T/bad.model"
"$P" parse --model "$T/bad.model" "$T/in.txt" > /dev/null 2> "$T/err"; st=$?
[ $st = 1 ] && grep -q "bad.model@0: not a parley syntax model" "$T/err" \
    && ok parse_model_foreign || fail parse_model_foreign "status $st: $(cat "$T/err")"
head -c 5000 "$MODEL" > "$T/cut.model"
"$P" parse --model "$T/cut.model" "$T/in.txt" > /dev/null 2> "$T/err"; st=$?
[ $st = 1 ] && grep -q "cut.model@[0-9]*: truncated" "$T/err" \
    && ok parse_model_truncated || fail parse_model_truncated "status $st: $(cat "$T/err")"
# the data directory lookup: PARLEY_DATA from elsewhere
mkdir -p "$T/data/model" && cp "$MODEL" "$T/data/model/"
case $P in /*) PA=$P ;; *) PA=$(pwd)/$P ;; esac
(cd "$T" && mkdir -p w && cd w && PARLEY_DATA="$T/data" "$PA" parse -q "$T/in.txt" > "$T/o3") \
    && grep -q '^1	Police' "$T/o3" && ok parse_data_env || fail parse_data_env "PARLEY_DATA not used"

# the seed article: the phone call of the issue
SEED=$SHARED/examples/seed-article.txt
if [ -r "$SEED" ]; then
    "$P" parse -q "$SEED" > "$T/seed" 2> "$T/err"
    awk -F'\t' '/^# text = Ukrainian President Volodymyr Zelensky had a phone conversation/ {on = 1; next}
        /^$/ {on = 0} on && /^[0-9]/ {form[$1] = $2; head[$1] = $7; rel[$1] = $8}
        END {for (i in form) id[form[i]] = i
             # a name counts by the head of its phrase (UD heads "Volodymyr
             # Zelensky" on its first word): climb flat/compound links
             z = id["Zelensky"]; n = 0
             while ((rel[z] == "flat" || rel[z] == "compound") && n++ < 5) z = head[z]
             t = id["Trump"]; n = 0
             while ((rel[t] == "flat" || rel[t] == "compound") && n++ < 5) t = head[t]
             ok = rel[z] == "nsubj" && head[z] == id["had"] &&
                  rel[id["conversation"]] == "obj" && head[id["conversation"]] == id["had"] &&
                  (rel[t] == "nmod" && head[t] == id["conversation"] || rel[t] == "obl" && head[t] == id["had"])
             exit !ok}' "$T/seed" && ok parse_seed_article || fail parse_seed_article "$(grep -A30 'Zelensky had' "$T/seed" | head -30)"
else
    skip parse_seed_article "$SEED not found"
fi
finish
