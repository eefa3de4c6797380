#!/bin/sh
# Syntax stage speed (docs/syntax.md): tagging + lemmas + parsing on one
# core, on UD English EWT test with its gold tokens (build/tools/eval-syntax
# --bench: the parse calls only), then `parley parse` end to end on EWT's
# raw text; peak memory of each; start-up = loading the model (map,
# validate, CRC-32). Needs ../shared/ud; says so and skips without it.
. tools/bench-lib.sh
ud=${UD:-../shared/ud}
model=data/model/en-ewt.model
if [ ! -r "$ud/en_ewt-ud-test.conllu" ]; then
    row "syntax (tag+parse)" "-" "skipped: no $ud" "-" "-"
    exit 0
fi
if [ ! -r "$model" ]; then
    row "syntax (tag+parse)" "-" "skipped: no $model" "-" "-"
    exit 0
fi
${MAKE:-make} -s build/tools/eval-syntax build/parley >/dev/null || exit 1
test=$ud/en_ewt-ud-test.conllu
words=$(grep -c '^[0-9][0-9]*	' "$test")
# the parse calls alone, 10 passes over the test set, inside one process
rounds=10
bench_run 3 "" build/bench/syntax.out build/tools/eval-syntax --model "$model" --bench $rounds "$test"
tps=$(sed -n 's/^speed *\([0-9]*\) tokens.*/\1/p' build/bench/syntax.out)
load=$(sed -n 's/^load *\([0-9.]*\) ms.*/\1/p' build/bench/syntax.out)
row "syntax (tag+lemma+parse)" "$((words * rounds / 1000))k tok" "$tps tok/s" "$((RSS / 1024)) MB" "${load} ms"
# end to end: raw text of EWT test, four times over
corpus=build/bench/ewt-test.txt
if [ ! -s "$corpus" ]; then
    for i in 1 2 3 4; do sed -n 's/^# text = //p' "$test"; done > "$corpus"
fi
tok=$(build/parley tokens --quiet "$corpus" | wc -w)
bench_run 3 "" /dev/null build/parley parse --quiet "$corpus"
bench_startup build/parley parse --quiet "$BENCH_EMPTY"
tps=$(awk -v n="$tok" -v w="$WALL" 'BEGIN {printf "%.0f tok/s", n / w}')
row "parse (text -> CoNLL-U)" "$((tok / 1000))k tok" "$tps" "$((RSS / 1024)) MB" "$STARTUP"
