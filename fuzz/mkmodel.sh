#!/bin/sh
# Regenerates fuzz/corpus/model/tiny.model, the seed of fuzz_model: the real
# trainer (build/tools/train) on two short EWT sentences, one epoch each,
# with a stub WordNet, so the file is small (~20 KB) but every section is
# there and its features are those of the sentences fuzz_model parses.
# Rerun after a change of the model format (src/syntax/model.h).
# usage: sh fuzz/mkmodel.sh [UD_DIR]   (default ../shared/ud)
set -e
ud=${1:-../shared/ud}
make -s build/tools/train
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/ud" "$tmp/wn"
# the sentences by their text, whole blocks
pick() { awk -v want="$2" 'BEGIN {RS = ""; ORS = "\n\n"} index($0, "# text = " want "\n") {print; exit}' "$1"; }
{ pick "$ud/en_ewt-ud-train.conllu" "That his daddy got him in?"
  pick "$ud/en_ewt-ud-train.conllu" "Six weeks of basic training."; } > "$tmp/ud/en_ewt-ud-train.conllu"
pick "$ud/en_ewt-ud-train.conllu" 'yeah, "things"...' > "$tmp/ud/en_ewt-ud-dev.conllu"
[ -s "$tmp/ud/en_ewt-ud-dev.conllu" ] || cp "$tmp/ud/en_ewt-ud-train.conllu" "$tmp/ud/en_ewt-ud-dev.conllu"
for f in adj.exc adv.exc data.noun data.verb index.adj index.adv index.noun index.verb noun.exc verb.exc; do
    : > "$tmp/wn/$f"
done
printf 'president n 1 1 @ 1 0 10000000\nofficial n 1 1 @ 1 0 10000001\n' > "$tmp/wn/index.noun"
printf 'meet v 1 1 @ 1 0 20000000\nsay v 1 1 @ 1 0 20000001\n' > "$tmp/wn/index.verb"
printf 'met meet\nsaid say\n' > "$tmp/wn/verb.exc"
mkdir -p fuzz/corpus/model
build/tools/train --ud "$tmp/ud" --wordnet "$tmp/wn" -o fuzz/corpus/model/tiny.model \
    --tag-epochs 1 --parse-epochs 1 >/dev/null
ls -l fuzz/corpus/model/tiny.model
