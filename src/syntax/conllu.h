/*
 * conllu.h — a CoNLL-U reader for treebanks (training and evaluation):
 * the basic tree of every sentence, syntactic words only (multiword-token
 * ranges and empty nodes are skipped).
 */
#ifndef PL_SX_CONLLU_H
#define PL_SX_CONLLU_H

#include "core/core.h"

typedef struct sx_word {
    const char *form, *lemma, *upos, *xpos, *deprel;
    int head;                   /* 0 = root, else 1-based */
} sx_word;

typedef struct sx_sent {
    const char *id;             /* "# sent_id", "" when none */
    const char *text;           /* "# text", "" when none */
    int n;
    sx_word *w;                 /* n words */
} sx_sent;

typedef struct sx_corpus {
    sx_sent *s;
    int n;
    long nwords;
    char *buf;                  /* the file, cut into fields in place */
    sx_word *words;
} sx_corpus;

/* Reads path into c. PL_EIO, PL_EFORMAT ("path:line: what"), PL_ENOMEM. */
PL_INTERNAL int sx_conllu_read(pl_ctx *ctx, const char *path, sx_corpus *c) PL_WUR;
PL_INTERNAL void sx_conllu_free(sx_corpus *c);

#endif
