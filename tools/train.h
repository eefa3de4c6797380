/*
 * train.h — the syntax model trainer (tools/train*.c, built as
 * build/tools/train, never linked into libparley). It reads UD English EWT
 * and WordNet, trains the tagger, parser and labeller with the runtime's own
 * feature code (src/syntax/feats.c), evaluates on dev with the runtime's own
 * decoders, and writes the model file described in src/syntax/model.h.
 */
#ifndef PL_TRAIN_H
#define PL_TRAIN_H

#include <stdint.h>
#include <stdio.h>

#include "syntax/conllu.h"
#include "syntax/sx.h"
#include "syntax/syntax.h"

/* ---- small helpers (train.c) --------------------------------------------- */

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t sz);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
double now_s(void);
/* Deterministic random numbers (xorshift64*), seeded by the caller. */
uint64_t rng_next(uint64_t *s);
void shuffle(int *a, int n, uint64_t *seed);
/* Prints a progress line to stderr (the trainer is a tool; it may print). */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The block (0..k-1) of sentence s of n when a corpus is cut into k runs of
 * consecutive sentences: folds keep documents together, so a fold's words
 * are as new to the others as a new document's would be. */
static inline int block(int s, int n, int k) {
    return (int)((long)s * k / (n > 0 ? n : 1));
}

/* ---- string -> value maps (train.c) --------------------------------------- */

typedef struct smap_ent {
    char *key;
    uint64_t hash;
    long val;
} smap_ent;

typedef struct smap {
    smap_ent *e;
    size_t cap, n;
} smap;

/* Pointer to the value of key, added with value init when absent. */
long *smap_get(smap *m, const char *key, size_t n, long init);
long smap_find(const smap *m, const char *key, size_t n, long absent);
void smap_free(smap *m);

/* ---- averaged perceptron (train_ap.c) --------------------------------------- */

typedef struct ap_ent {
    double acc;             /* sum of the weight over time, up to ts */
    float w;                /* current weight */
    uint32_t ts;            /* time of the last change */
    uint32_t cls;
} ap_ent;

typedef struct ap_row {
    uint64_t key;           /* feature hash; 0 = empty slot */
    uint32_t n, cap;
    ap_ent *e;
    uint32_t nupd;          /* updates of this feature (for pruning) */
} ap_row;

typedef struct ap_store {
    ap_row *rows;
    size_t cap, used;
    unsigned nclass;
    uint32_t now;           /* training instances seen */
    uint32_t min_upd;       /* export only features updated at least this often */
} ap_store;

void ap_init(ap_store *a, unsigned nclass);
void ap_free(ap_store *a);
/* score[c] += current weights of features f[0..n). */
void ap_score(const ap_store *a, const uint64_t *f, int n, float *score);
/* Adds delta to the weights of class c for features f[0..n). */
void ap_update(ap_store *a, const uint64_t *f, int n, unsigned c, float delta);
static inline void ap_tick(ap_store *a) { a->now++; }

/* Adds the averaged weights of src's features (those updated at least
 * src->min_upd times) to dst's weights: dst, never trained itself (now = 0),
 * holds a sum of models, that is an ensemble of linear scorers. */
void ap_add_avg(ap_store *dst, const ap_store *src);

/* Quantized averaged weights, ready for the model file. prune drops weights
 * smaller than prune times the quantum. */
typedef struct ap_rows_out {
    sx_kvb *slot;            /* index buckets */
    uint32_t nslot;          /* buckets */
    uint32_t *pool;
    uint32_t npool;
    float scale;
} ap_rows_out;
/* Rows with at least dense_min weights are stored dense. */
void ap_export_rows(const ap_store *a, float prune, unsigned dense_min, ap_rows_out *out);

typedef struct ap_w3_out {
    sx_w3b *slot;            /* buckets */
    uint32_t nslot;          /* buckets */
    float scale;
} ap_w3_out;
void ap_export_w3(const ap_store *a, float prune, ap_w3_out *out);

/* ---- key -> u32 tables (train_write.c) --------------------------------------- */

typedef struct kv_build {
    uint64_t *keys;
    uint32_t *vals;
    size_t n, cap;
} kv_build;

void kv_add(kv_build *b, uint64_t key, uint32_t val);
/* The model's hash table of the entries (first of equal keys wins); *nb
 * gets the number of buckets. */
sx_kvb *kv_table(const kv_build *b, uint32_t *nb);
void kv_free(kv_build *b);
/* Buckets for n entries. */
uint32_t table_size(size_t n);

/* ---- training data ------------------------------------------------------------- */

typedef struct tdata {
    sx_corpus train, dev, test;
    smap tags;              /* "UPOS\tXPOS" -> class */
    char **tag_upos, **tag_xpos;
    unsigned ntags;
    smap labels;            /* deprel -> class */
    char **label_name;
    unsigned nlabels, root_label;
} tdata;

/* Gold tag class of a word, or -1 when the pair is unknown. */
int tag_class(const tdata *d, const sx_word *w);
int label_class(const tdata *d, const char *deprel);

/* ---- stages ------------------------------------------------------------------------- */

typedef struct topts {
    const char *ud, *wordnet, *out;
    uint64_t seed;
    int tag_epochs, parse_epochs;  /* maxima; the best epoch on dev is kept */
    int folds;                     /* jackknife folds for the parser's tags */
    int lex_min;                   /* lexicon: forms seen at least this often */
    int lex_parts;                 /* training sentences see the lexicon of the
                                      other parts of this many */
    float prune;                   /* weights below prune quanta are dropped */
    float tag_prune;               /* the same for the tagger */
    int min_upd;                   /* parser features updated less often are dropped */
    int tag_min_upd;               /* the same for the tagger */
    int quick;                     /* use a tenth of the data (testing the trainer) */
    const char *tags_cache;        /* predicted tags saved / reused (experiments) */
    int explore_from;              /* first epoch that follows its own mistakes */
    int ensemble;                  /* runs summed into the tagger and the parser */
    int explore_p;                 /* percent of mistakes the parser follows */
    float margin;                  /* the parser also learns from wins by less */
    int dropout;                   /* percent of parser features hidden in training */
} topts;

/* The model being built; the runtime view m points into these arrays. */
typedef struct tmodel {
    pl_model m;
    ap_rows_out tagger, labeller;
    ap_w3_out trans;
    sx_kvb *lex, *wnet, *lemx, *lrul;
    uint32_t nlex, nwnet, nlemx, nlrul;  /* buckets */
    char *str;              /* string pool */
    size_t nstr, capstr;
    smap strmap;            /* string -> offset in str */
    sx_tagname *tagnames;
    uint32_t *labnames;
    int tag_epoch, parse_epoch;
    double tag_dev, uas_dev, las_dev;
} tmodel;

uint32_t str_add(tmodel *t, const char *s);

/* Lexicon tables from sentences (all of c except those with fold == skip
 * when folds > 0): lowercased form -> tag-set class. */
void build_lexicon(const tdata *d, const sx_corpus *c, int folds, int skip, int lex_min,
                   kv_build *out);

/* The same without the sentences of part `part` of `parts` (counting only
 * the sentences of the other folds). */
void build_lexicon_parts(const tdata *d, const sx_corpus *c, int folds, int skip, int parts,
                         int part, int lex_min, kv_build *out);

/* Trains the tagger on train (minus a fold), choosing the epoch on dev when
 * dev != NULL; fills t->tagger. Returns the dev accuracy. */
double train_tagger(const tdata *d, const topts *o, tmodel *t, int folds, int skip,
                    const sx_corpus *dev, int epochs);
/* Tags the sentences of c (with folds > 0: those with index % folds ==
 * only) with t's tagger: tags[sentence][word] = class. */
void tag_corpus(const tmodel *t, const sx_corpus *c, int folds, int only, uint16_t **tags);
/* Tag accuracy of tags against c. */
double tag_accuracy(const tdata *d, const sx_corpus *c, uint16_t **tags);
/* The same, and UPOS accuracy alone in *upos. */
double tag_accuracy2(const tdata *d, const sx_corpus *c, uint16_t **tags, double *upos);

/* Trains the parser and labeller on train with the given predicted tags,
 * choosing the epoch by LAS on dev (tagged by dev_tags). */
void train_parser(const tdata *d, const topts *o, tmodel *t, uint16_t **train_tags,
                  uint16_t **dev_tags);

/* WordNet lemma table and exceptions, suffix rules, treebank exceptions. */
void train_lemmas(const tdata *d, const topts *o, tmodel *t);

/* Writes t as a model file. */
int write_model(const tmodel *t, const char *path);

/* Makes the runtime view t->m from the arrays (after any change). */
void tmodel_view(tmodel *t);

#endif
