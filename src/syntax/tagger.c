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
    const uint32_t *v = sx_kv_find(wnet, sx_hash(s, n));
    return v ? *v & 15 : 0;
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
    const uint32_t *v = lex ? sx_kv_find(lex, t->lower) : NULL;
    t->amb = v ? *v : 0;
    v = lex ? sx_kv_find(lex, sx_exact_key(t->form)) : NULL;
    t->ambx = v ? *v : 0;
    if (wnet) {
        v = sx_kv_find(wnet, t->lower);
        t->wn = v ? *v & 15 : 0;
        if (!t->amb) /* known words have their tags; the others get clues */
            t->wn |= wn_inflections(wnet, lower, n);
    }
    return n;
}

static unsigned xpos_of(const pl_model *m, const sx_tok *t) {
    return t->tag ? m->tag_xpos[t->tag - 1u] : 0;
}

static int is_nounish(unsigned x) {
    return x == PL_XPOS_NN || x == PL_XPOS_NNS || x == PL_XPOS_NNP || x == PL_XPOS_NNPS ||
           x == PL_XPOS_PRP;
}

static int opens_np(unsigned x) {
    return is_nounish(x) || x == PL_XPOS_DT || x == PL_XPOS_PRP_S || x == PL_XPOS_CD ||
           x == PL_XPOS_JJ || x == PL_XPOS_PDT;
}

/* The class of (upos, xpos), 0 when the model has none. */
static unsigned class_of(const pl_model *m, unsigned upos, unsigned xpos) {
    for (unsigned c = 0; c < m->par.ntags; c++)
        if (m->tag_upos[c] == upos && m->tag_xpos[c] == xpos)
            return c + 1;
    return 0;
}

/* A full sentence has a finite verb. A greedy tagger trained on web text
 * often reads the one verb of a news sentence as a participle ("Russian and
 * Ukrainian delegations held talks"), which turns the clause into a noun
 * phrase with a reduced relative. When no finite verb was tagged, a VBN
 * standing between a noun and the start of a noun phrase is read as VBD
 * instead: "NOUN held talks" is a clause, while the reduced relatives and
 * headline passives this would spoil ("five killed in attack") are followed
 * by a preposition, not by an object. */
static void finite_repair(const pl_model *m, sx_tok *toks, int n) {
    unsigned vbd = class_of(m, PL_UPOS_VERB, PL_XPOS_VBD);
    if (!vbd || n < 4)
        return;
    int cand = -1;
    for (int i = 0; i < n; i++) {
        unsigned x = xpos_of(m, &toks[i]);
        if (x == PL_XPOS_VBD || x == PL_XPOS_VBZ || x == PL_XPOS_VBP || x == PL_XPOS_MD)
            return;
        if (x == PL_XPOS_VBN && cand < 0 && i > 0 && i + 1 < n &&
            is_nounish(xpos_of(m, &toks[i - 1])) && opens_np(xpos_of(m, &toks[i + 1])))
            cand = i;
    }
    if (cand >= 0)
        toks[cand].tag = (uint16_t)vbd;
}


/* "Israeli forces have imposed blockades": "have" read as a main verb
 * before a participle makes the parser hang the participle on the next
 * noun as an adjective. have/has/had (adverbs aside) before a VBN is the
 * perfect's auxiliary. */
static void perfect_repair(const pl_model *m, sx_tok *toks, int n) {
    static const char *const w[4] = {"have", "has", "had", "'ve"};
    uint64_t have[4] = {0};
    for (int i = 0; i + 1 < n; i++) {
        unsigned t = toks[i].tag ? toks[i].tag - 1u : 0;
        if (!toks[i].tag || m->tag_upos[t] != PL_UPOS_VERB)
            continue;
        if (!have[0]) /* hashed once a sentence, when a verb is seen */
            for (int k = 0; k < 4; k++)
                have[k] = sx_hash(w[k], strlen(w[k]));
        int k;
        for (k = 0; k < 4 && toks[i].lower != have[k]; k++)
            ;
        if (k == 4)
            continue;
        int j = i + 1;
        while (j < n && xpos_of(m, &toks[j]) == PL_XPOS_RB)
            j++;
        if (j >= n || xpos_of(m, &toks[j]) != PL_XPOS_VBN)
            continue;
        unsigned aux = class_of(m, PL_UPOS_AUX, m->tag_xpos[t]);
        if (aux)
            toks[i].tag = (uint16_t)aux;
    }
}

/* 1 when lexicon entry amb names one class only: the word had a single
 * tag in training (99% of its occurrences or more). The trainer writes the
 * hash of the word's class set beside its commonest class, so a set of one
 * class is recognised by recomputing that hash (tools/train_tag.c). */
static int single_class(uint32_t amb) {
    unsigned top = amb & 0xFF;
    if (!top)
        return 0;
    uint64_t h = (0x616d62ULL ^ top) * SX_K1;
    return (((uint32_t)(sx_fin(h) << 8) & 0x7FFFFF00u) | top) == (amb & 0x7FFFFFFFu);
}

static int closed_class(unsigned upos) {
    return upos == PL_UPOS_ADP || upos == PL_UPOS_DET || upos == PL_UPOS_PRON ||
           upos == PL_UPOS_CCONJ || upos == PL_UPOS_SCONJ || upos == PL_UPOS_PUNCT ||
           upos == PL_UPOS_AUX || upos == PL_UPOS_PART || upos == PL_UPOS_NUM || upos == PL_UPOS_SYM;
}

/* The perceptron over every token, skipping the sure words (and, with
 * skip_closed, the function words of a single tag), then the finite-verb
 * repair. */
static void tag_loop(const pl_model *m, sx_tok *toks, int n, int skip_closed) {
    uint64_t f[SX_TAG_NFEAT];
    int32_t score[SX_MAX_TAGS + 8];
    unsigned nt = m->par.ntags;
    for (int i = 0; i < n; i++) {
        if ((toks[i].amb & SX_LEX_SURE) ||
            (skip_closed && single_class(toks[i].amb) && (toks[i].amb & 0xFF) <= nt &&
             closed_class(m->tag_upos[(toks[i].amb & 0xFF) - 1]))) {
            /* "the", ",", words that had one tag in training: no need to ask */
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
    finite_repair(m, toks, n);
}

void sx_tag_trained(const pl_model *m, sx_tok *toks, int n) {
    tag_loop(m, toks, n, 0);
}

void sx_tag(const pl_model *m, sx_tok *toks, int n) {
    tag_loop(m, toks, n, 1);
    perfect_repair(m, toks, n);
}
