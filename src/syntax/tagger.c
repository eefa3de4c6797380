/*
 * tagger.c — part-of-speech tagging: a greedy left-to-right averaged
 * perceptron over joint UPOS+XPOS classes, so one decision gives both tags.
 * Each token's features (feats.c) include the classes already chosen for
 * the two tokens before it.
 */
#include "syntax/sx.h"

void sx_tag(const pl_model *m, sx_tok *toks, int n) {
    uint64_t f[SX_TAG_NFEAT];
    int32_t score[SX_MAX_TAGS];
    unsigned nt = m->par.ntags;
    for (int i = 0; i < n; i++) {
        sx_tag_feats(toks, n, i, f);
        for (unsigned c = 0; c < nt; c++)
            score[c] = 0;
        sx_rows_score(&m->tagger, f, SX_TAG_NFEAT, score);
        unsigned best = 0;
        for (unsigned c = 1; c < nt; c++)
            if (score[c] > score[best])
                best = c;
        toks[i].tag = (uint16_t)(best + 1);
    }
}
