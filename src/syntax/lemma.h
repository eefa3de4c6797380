/*
 * lemma.h — the lemmatizer's rule chain, shared by the runtime and by the
 * trainer (which stores as exceptions exactly the treebank lemmas this chain
 * gets wrong).
 */
#ifndef PL_SX_LEMMA_H
#define PL_SX_LEMMA_H

#include "syntax/model.h"

/* WordNet part-of-speech bits in WNET (and in sx_tok.wn). */
enum { SX_WN_NOUN = 1, SX_WN_VERB = 2, SX_WN_ADJ = 4, SX_WN_ADV = 8 };
/* WNET values also hold, at these bit positions (6 bits each), the
 * lexicographer file + 1 of the lemma's most frequent noun and verb sense:
 * a coarse semantic class (noun.person = 18, noun.time = 28, verb.motion =
 * 38, ...), 0 for none. */
enum { SX_WN_NOUN_CLASS = 8, SX_WN_VERB_CLASS = 16 };
/* sx_tok.wn only: WordNet lemmas reached by taking an inflection off. */
enum {
    SX_WN_PLURAL = 1 << 4,  /* -s, -es, -ies: a noun */
    SX_WN_3SG = 1 << 5,     /* -s, -es, -ies: a verb */
    SX_WN_PAST = 1 << 6,    /* -ed: a verb */
    SX_WN_GERUND = 1 << 7,  /* -ing: a verb */
    SX_WN_COMPAR = 1 << 8,  /* -er, -est: an adjective */
    SX_WN_LY = 1 << 9       /* -ly: an adjective */
};

/* Longest lemma produced, in bytes including the NUL. */
#define SX_MAX_LEMMA 288

typedef struct sx_lemtab {
    const sx_kvtab *wnet;    /* WordNet lemmas */
    const sx_kvtab *lrul;    /* learned suffix rules */
    const char *str;         /* string pool of the rules' endings */
    unsigned rule_max;       /* longest suffix in lrul, bytes */
} sx_lemtab;

/* The lemma of a word by rules alone (no exception list), from its
 * lowercased form lower[0..n) and its XPOS (id and name): number commas
 * dropped, then WordNet's detachment rules for inflected nouns, verbs,
 * adjectives and adverbs checked against WordNet's lemmas, tie-broken and
 * backed off by the longest matching suffix rule learned from the treebank.
 * Writes a NUL-terminated lemma to out (SX_MAX_LEMMA bytes); returns its
 * length. */
PL_INTERNAL size_t sx_lemma_rules(const sx_lemtab *t, const char *lower, size_t n, unsigned xpos,
                                  const char *xname, char *out);

/* The key of an exception (LEMX) or of a suffix rule (LRUL). */
PL_INTERNAL uint64_t sx_lemma_key(const char *a, size_t n, const char *b, size_t m);

#endif
