/*
 * names.c — printable names of the fixed tag sets.
 */
#include "core/core.h"

static const char *const upos[PL_UPOS_COUNT] = {
    "_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

const char *pl_upos_name(unsigned u) {
    return u < PL_UPOS_COUNT ? upos[u] : "_";
}
