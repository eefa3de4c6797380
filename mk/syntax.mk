# mk/syntax.mk: the syntax model (tagger, lemmatizer, parser). Included from
# the top-level Makefile. The trained model is committed, so a normal build
# needs none of this.
#
#   make train          retrain data/model/en-ewt.model from UD English EWT
#                       (train + dev; never test) and WordNet (wordnet-base)
#   make eval-syntax    UPOS/XPOS/lemma accuracy, UAS and LAS on EWT test
#
# UD is the folder holding en_ewt-ud-{train,dev,test}.conllu.

UD      ?= ../shared/ud
WORDNET ?= /usr/share/wordnet
SYNTAX_MODEL ?= data/model/en-ewt.model
TRAIN_SRC := $(sort $(wildcard tools/train*.c))

.PHONY: train eval-syntax

# The trainer is a tool: it links libparley.a for the shared feature code,
# and nothing of it goes into the library.
build/tools/train: $(TRAIN_SRC) tools/train.h build/libparley.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itools -o $@ $(TRAIN_SRC) build/libparley.a $(LIBS)

train: build/tools/train
	@mkdir -p $(dir $(SYNTAX_MODEL))
	build/tools/train --ud $(UD) --wordnet $(WORDNET) -o $(SYNTAX_MODEL)

eval-syntax: build/tools/eval-syntax
	@sh tools/eval-syntax.sh $(UD) $(SYNTAX_MODEL)
