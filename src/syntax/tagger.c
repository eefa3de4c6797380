/*
 * tagger.c — part-of-speech tagging: a greedy left-to-right averaged
 * perceptron over joint UPOS+XPOS classes, so one decision gives both tags.
 * Each token's features (feats.c) include the classes already chosen for
 * the two tokens before it, and lexicon clues about the two after it. Also
 * the token atoms that need the model's lexicon and WordNet.
 */
#include <string.h>

#include "syntax/sx.h"

static unsigned wn_pos(const sx_kvtab *wnet, const char *s, size_t n) {
    const sx_kv *e = sx_kv_find(wnet, sx_hash(s, n));
    return e ? e->val & 15 : 0;
}

/* Does lower[0..n) minus suffix suf plus add name a WordNet lemma of POS
 * bit? Tries the doubled-consonant stem too (stopped -> stop). */
static int strips_to(const sx_kvtab *wnet, const char *lower, size_t n, const char *suf,
                     const char *add, unsigned bit) {
    size_t sl = strlen(suf), al = strlen(add);
    if (n <= sl + 1 || memcmp(lower + n - sl, suf, sl) != 0)
        return 0;
    char buf[SX_MAX_FORM + 8];
    size_t stem = n - sl;
    memcpy(buf, lower, stem);
    memcpy(buf + stem, add, al);
    if (wn_pos(wnet, buf, stem + al) & bit)
        return 1;
    return al == 0 && stem >= 3 && buf[stem - 1] == buf[stem - 2] &&
           (wn_pos(wnet, buf, stem - 1) & bit);
}

static unsigned wn_inflections(const sx_kvtab *wnet, const char *lower, size_t n) {
    unsigned m = 0;
    if (strips_to(wnet, lower, n, "s", "", SX_WN_NOUN) || strips_to(wnet, lower, n, "es", "", SX_WN_NOUN) ||
        strips_to(wnet, lower, n, "ies", "y", SX_WN_NOUN))
        m |= SX_WN_PLURAL;
    if (strips_to(wnet, lower, n, "s", "", SX_WN_VERB) || strips_to(wnet, lower, n, "es", "", SX_WN_VERB) ||
        strips_to(wnet, lower, n, "ies", "y", SX_WN_VERB))
        m |= SX_WN_3SG;
    if (strips_to(wnet, lower, n, "ed", "", SX_WN_VERB) || strips_to(wnet, lower, n, "ed", "e", SX_WN_VERB) ||
        strips_to(wnet, lower, n, "ied", "y", SX_WN_VERB))
        m |= SX_WN_PAST;
    if (strips_to(wnet, lower, n, "ing", "", SX_WN_VERB) || strips_to(wnet, lower, n, "ing", "e", SX_WN_VERB))
        m |= SX_WN_GERUND;
    if (strips_to(wnet, lower, n, "er", "", SX_WN_ADJ) || strips_to(wnet, lower, n, "est", "", SX_WN_ADJ) ||
        strips_to(wnet, lower, n, "ier", "y", SX_WN_ADJ) || strips_to(wnet, lower, n, "iest", "y", SX_WN_ADJ))
        m |= SX_WN_COMPAR;
    if (strips_to(wnet, lower, n, "ly", "", SX_WN_ADJ) || strips_to(wnet, lower, n, "ily", "y", SX_WN_ADJ))
        m |= SX_WN_LY;
    return m;
}

size_t sx_tok_setup(sx_tok *t, const char *form, int first, const sx_kvtab *lex,
                    const sx_kvtab *wnet, char *lower) {
    size_t n = sx_tok_init(t, form, first, lower);
    const sx_kv *e = lex ? sx_kv_find(lex, t->lower) : NULL;
    t->amb = e ? e->val : 0;
    e = lex ? sx_kv_find(lex, sx_exact_key(t->form)) : NULL;
    t->ambx = e ? e->val : 0;
    if (wnet) {
        e = sx_kv_find(wnet, t->lower);
        t->wn = e ? e->val & 15 : 0;
        if (!t->amb) /* known words have their tags; the others get clues */
            t->wn |= wn_inflections(wnet, lower, n);
    }
    return n;
}

void sx_tag(const pl_model *m, sx_tok *toks, int n) {
    uint64_t f[SX_TAG_NFEAT];
    int32_t score[SX_MAX_TAGS + 8];
    unsigned nt = m->par.ntags;
    for (int i = 0; i < n; i++) {
        if (toks[i].amb & SX_LEX_SURE) { /* "the", ",": no need to ask */
            toks[i].tag = (uint16_t)(toks[i].amb & 0xFF);
            continue;
        }
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
