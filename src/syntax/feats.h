/*
 * feats.h — what the runtime and the trainer must compute identically: the
 * per-token atoms, the feature templates of the tagger, the transition
 * parser and the arc labeller, and the arc-hybrid transition system.
 *
 * A feature is a 64-bit hash of a template id and its atoms (hashes of
 * strings, small ids). Models store weights under these hashes, so any change
 * to the hash functions or to a template changes the model format: bump
 * SX_VERSION in model.h.
 */
#ifndef PL_SX_FEATS_H
#define PL_SX_FEATS_H

#include <stdint.h>

#include "core/core.h"

/* ---- hashing -------------------------------------------------------------- */

#define SX_K1 0x9E3779B97F4A7C15ULL

/* The last step of every hash: a multiply leaves the low half of a word
 * weakly mixed, so fold the high half in. Tables take their bucket from the
 * low half and their fingerprint from the high half (model.h). */
static inline uint64_t sx_fin(uint64_t x) {
    return x ^ (x >> 32);
}
/* Feature hashes of a template t over one to four atoms (never 0: the
 * template goes in as t + 1). */
static inline uint64_t sx_f1(unsigned t, uint64_t a) {
    return sx_fin(((uint64_t)(t + 1) << 56 ^ a) * SX_K1);
}
static inline uint64_t sx_f2(unsigned t, uint64_t a, uint64_t b) {
    return sx_fin(((((uint64_t)(t + 1) << 56 ^ a) * SX_K1) ^ b) * SX_K1);
}
static inline uint64_t sx_f3(unsigned t, uint64_t a, uint64_t b, uint64_t c) {
    return sx_fin(((((((uint64_t)(t + 1) << 56 ^ a) * SX_K1) ^ b) * SX_K1) ^ c) * SX_K1);
}
static inline uint64_t sx_f4(unsigned t, uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
    return sx_fin(((((((((uint64_t)(t + 1) << 56 ^ a) * SX_K1) ^ b) * SX_K1) ^ c) * SX_K1) ^ d) * SX_K1);
}

/* Hash of a byte string (lexicon keys, lemma keys, token atoms). */
PL_INTERNAL uint64_t sx_hash(const void *p, size_t n);
/* Hash of s and t joined by a tab, without building the string. */
PL_INTERNAL uint64_t sx_hash2(const char *s, size_t n, const char *t, size_t m);

/* ---- tokens ---------------------------------------------------------------- */

/* Longest lowercased form considered, in bytes; longer forms are cut. */
#define SX_MAX_FORM 256

enum {
    SX_TF_UPPER = 1 << 0,   /* first letter upper case */
    SX_TF_ALLCAP = 1 << 1,  /* every letter upper case, at least two */
    SX_TF_DIGIT = 1 << 2,   /* holds a digit */
    SX_TF_HYPHEN = 1 << 3,  /* holds a hyphen */
    SX_TF_FIRST = 1 << 4,   /* first token of the sentence */
    SX_TF_NOALPHA = 1 << 5, /* no letter at all */
    SX_TF_TITLE = 1 << 6    /* in a sentence written in title case or capitals */
};

/* Per-token atoms, computed once per sentence from the form. */
typedef struct sx_tok {
    uint64_t form;          /* hash of the form as written */
    uint64_t lower;         /* hash of the lowercased form */
    uint64_t pre[3];        /* lowercased prefixes of 1..3 code points */
    uint64_t suf[4];        /* lowercased suffixes of 1..4 code points */
    uint64_t shape;         /* hash of the word shape ("Xxx", "dd,dd") */
    uint32_t amb;           /* lexicon entry of the lowercased form, 0 unknown: a hash
                               of its set of tag classes, in the low byte its most
                               frequent class + 1, and SX_LEX_SURE */
    uint32_t ambx;          /* tag-set class of the form as written, 0 unknown */
    uint32_t wn;            /* WordNet part-of-speech mask of the form */
    uint16_t flags;         /* SX_TF_* */
    uint16_t tag;           /* predicted tag + 1; 0 = none yet */
    uint16_t sem;           /* WordNet class of the lemma (sx_sem), 0 none */
} sx_tok;

/* Lowercases the UTF-8 string s[0..n) into out (capacity cap >= 1; the result
 * is NUL-terminated and cut at a code point boundary). Returns its length. */
PL_INTERNAL size_t sx_lower(const char *s, size_t n, char *out, size_t cap);

/* Fills the atoms of t from the form (amb and wn are left 0: they need the
 * model's lexicon, see sx_lex_* in model.h). lower receives the lowercased
 * form (SX_MAX_FORM bytes); returns its length. */
PL_INTERNAL size_t sx_tok_init(sx_tok *t, const char *form, int first, char *lower);

/* Lexicon value bit: a frequent word with (nearly) always the same tag,
 * which the tagger gives it without scoring. */
#define SX_LEX_SURE 0x80000000u

/* Lexicon key of a form as written (t->form), apart from the lowercased
 * form's key (t->lower), which it equals for a lowercase word. */
static inline uint64_t sx_exact_key(uint64_t form) {
    return sx_fin(form ^ 0x6578616374ULL);
}

/* Sentence-level flags, once every token is initialised: SX_TF_TITLE when
 * most words are capitalised (a headline, a name list, shouting). */
PL_INTERNAL void sx_sent_flags(sx_tok *toks, int n);

/* ---- tagger ------------------------------------------------------------------ */

#define SX_TAG_NFEAT 45

/* Features of token i of toks[0..n) given the tags already predicted for
 * tokens before i (toks[j].tag). Writes SX_TAG_NFEAT hashes to f. */
PL_INTERNAL void sx_tag_feats(const sx_tok *toks, int n, int i, uint64_t *f);

/* ---- arc-hybrid transition system ------------------------------------------- */

/* Transitions (Kuhlmann et al. 2011, root at the end of the buffer as in
 * Ballesteros & Nivre 2013, so the parse always ends with a single root):
 *   SHIFT  push the buffer front b0;
 *   LEFT   attach the stack top s0 to b0 and pop it (to the root when the
 *          buffer holds only the root, allowed only when s0 is alone);
 *   RIGHT  attach s0 to the element below it, s1, and pop it. */
enum { SX_SHIFT = 0, SX_LEFT = 1, SX_RIGHT = 2, SX_NTRANS = 3 };

/* Per-token parse state. Tokens are 1..n, 0 is the root. */
typedef struct sx_node {
    int32_t head;           /* -1 until attached */
    uint16_t label;         /* model label id + 1; 0 none */
    uint16_t nl, nr;        /* number of left and right children */
    int32_t l1, l2;         /* leftmost and second leftmost child, 0 none */
    int32_t r1, r2;         /* rightmost and second rightmost child, 0 none */
    uint64_t lset, rset;    /* labels of left / right children, as bits */
} sx_node;

typedef struct sx_state {
    int n;                  /* tokens */
    int b;                  /* buffer front, 1..n+1 (n+1 = the root) */
    int sp;                 /* stack depth */
    int32_t *stack;         /* n + 1 slots */
    sx_node *node;          /* n + 2 slots, node[1..n] */
} sx_state;

PL_INTERNAL void sx_state_init(sx_state *s, int n);
/* Bit set of the transitions valid in s; 0 when the parse is complete. */
PL_INTERNAL unsigned sx_valid(const sx_state *s);
/* The arc a transition would add: *h gets the head (0 = root), returns the
 * dependent; SHIFT returns 0. */
PL_INTERNAL int sx_arc_of(const sx_state *s, int t, int *h);
/* Applies a valid transition; an arc gets label (model label id + 1). */
PL_INTERNAL void sx_apply(sx_state *s, int t, unsigned label);

#define SX_PARSE_NFEAT 78
/* Features of the configuration s; toks[i - 1] are the atoms of token i. */
PL_INTERNAL void sx_parse_feats(const sx_state *s, const sx_tok *toks, uint64_t *f);

#define SX_LABEL_NFEAT 35
/* Features for labelling the arc h -> d (h >= 1) about to be added in s. */
PL_INTERNAL void sx_label_feats(const sx_state *s, const sx_tok *toks, int h, int d, uint64_t *f);

#endif
