#!/bin/sh
# make eval-coder: PentaClass accuracy and macro-F1 of each sentence's main
# event on the ConfliBERT development sentences.
f=${1:-../shared/eval/conflibert-train/class_train.tsv}
if [ ! -r "$f" ]; then
    echo "eval-coder: skipped: $f not found"
    exit 0
fi
echo "eval-coder: $f"
build/tools/evalcoder "$f"
