#!/bin/sh
# make eval-syntax: the syntax model on UD English EWT test, gold tokens,
# predicted tags (docs/syntax.md). usage: eval-syntax.sh [UD_DIR] [MODEL]
UD=${1:-../shared/ud}
model=${2:-data/model/en-ewt.model}
f="$UD/en_ewt-ud-test.conllu"
if [ ! -r "$f" ]; then
    echo "eval-syntax: skipped: $f not found (set UD=path/to/ud)"
    exit 0
fi
echo "eval-syntax: $model on UD English EWT test ($f)"
build/tools/eval-syntax --model "$model" --bench 3 "$f"
