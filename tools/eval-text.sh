#!/bin/sh
# make eval-text: token and sentence F1 on UD English EWT test.
UD=${1:-../shared/ud}
f="$UD/en_ewt-ud-test.conllu"
if [ ! -r "$f" ]; then
    echo "eval-text: skipped: $f not found (set UD=path/to/ud)"
    exit 0
fi
echo "eval-text: UD English EWT test ($f)"
build/tools/evaltext "$f"
