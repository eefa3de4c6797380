# mk/actors.mk: the actor layer's evaluation. Included from the top-level
# Makefile.
#
#   make eval-actors    recall of the gold source/target spans of the
#                       ConfliBERT NER sentences (../shared/eval) by actor
#                       mentions; EVAL_NER=FILE to use another file,
#                       ACTOR_DICT=PATH to use other dictionaries.

EVAL_NER   ?= ../shared/eval/conflibert-train/ner_train.txt
ACTOR_DICT ?=

.PHONY: eval-actors

eval-actors: build/tools/eval-actors
	@build/tools/eval-actors $(if $(ACTOR_DICT),--dict $(ACTOR_DICT)) $(EVAL_NER)
