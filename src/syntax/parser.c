/*
 * parser.c — greedy arc-hybrid dependency parsing (transition system in
 * feats.c). At each step an averaged perceptron scores SHIFT, LEFT and RIGHT
 * and the best valid one is taken. When a transition adds an arc, a second
 * perceptron labels it at once, from the two words, the dependent's whole
 * subtree (complete in arc-hybrid when it is attached) and the head's
 * children so far; later decisions see the label. Both were trained with a
 * dynamic oracle (tools/train_parse.c), so they are used to recovering from
 * their own mistakes.
 */
#include "syntax/sx.h"

static unsigned best_label(const pl_model *m, const sx_state *s, const sx_tok *toks, int h, int d) {
    if (h == 0)
        return m->par.root_label;
    uint64_t f[SX_LABEL_NFEAT];
    int32_t score[SX_MAX_LABELS] = {0};
    sx_label_feats(s, toks, h, d, f);
    sx_rows_score(&m->labeller, f, SX_LABEL_NFEAT, score);
    unsigned nl = m->par.nlabels, best = nl;
    for (unsigned c = 0; c < nl; c++)
        if (c != m->par.root_label && (best == nl || score[c] > score[best]))
            best = c;
    return best == nl ? m->par.root_label : best;
}

void sx_parse_tree(const pl_model *m, sx_state *s, const sx_tok *toks) {
    uint64_t f[SX_PARSE_NFEAT];
    unsigned valid;
    while ((valid = sx_valid(s)) != 0) {
        int t = -1;
        if ((valid & (valid - 1)) == 0) { /* one choice: no need to score */
            t = __builtin_ctz(valid);
        } else {
            int32_t score[SX_NTRANS] = {0, 0, 0};
            sx_parse_feats(s, toks, f);
            sx_w3_score(&m->trans, f, SX_PARSE_NFEAT, score);
            for (int k = 0; k < SX_NTRANS; k++)
                if ((valid >> k & 1) && (t < 0 || score[k] > score[t]))
                    t = k;
        }
        unsigned label = 0;
        if (t != SX_SHIFT) {
            int h, d = sx_arc_of(s, t, &h);
            label = best_label(m, s, toks, h, d) + 1;
        }
        sx_apply(s, t, label);
    }
}
