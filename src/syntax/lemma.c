/*
 * lemma.c — lemmas from forms and tags.
 *
 * HOW IT WORKS: a word's lemma is, in order,
 *   1. its entry in the exception list (LEMX), keyed by the lowercased form
 *      and the XPOS tag: treebank lemmas the rules below get wrong, and
 *      WordNet's irregular forms (noun.exc, verb.exc, adj.exc, adv.exc),
 *      both put into the model at training time;
 *   2. the form itself for a proper noun (NNP), as UD English does;
 *   3. the rule chain (sx_lemma_rules) on the lowercased form; for a plural
 *      proper noun (NNPS) the chain's ending is put back on the form as
 *      written, so "Americans" gives "American".
 * Lemmas from the exception list point into the model; others are copied to
 * the parser's arena.
 */
#include <string.h>

#include "syntax/sx.h"
#include "syntax/syntax.h"

uint64_t sx_lemma_key(const char *a, size_t n, const char *b, size_t m) {
    return sx_hash2(a, n, b, m);
}

/* WordNet's detachment rules (morphy), per part of speech. */
typedef struct detach {
    const char *suf, *add;
} detach;

static const detach noun_rules[] = {{"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"},
                                    {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
                                    {"ies", "y"}, {NULL, NULL}};
static const detach verb_rules[] = {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""},
                                    {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
                                    {NULL, NULL}};
static const detach adj_rules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
                                   {"ier", "y"}, {"iest", "y"}, {NULL, NULL}};

static int in_wordnet(const sx_lemtab *t, const char *s, size_t n, unsigned bit) {
    const uint32_t *v = sx_kv_find(t->wnet, sx_hash(s, n));
    return v && (*v & bit);
}

static int doubled(const char *s, size_t n) {
    if (n < 3 || s[n - 1] != s[n - 2])
        return 0;
    return strchr("bdgklmnprtvz", s[n - 1]) != NULL;
}

/* The learned rule for the longest suffix of lower with a rule for xname:
 * writes the result to out and returns its length, or -1 without a rule. */
static long suffix_rule(const sx_lemtab *t, const char *lower, size_t n, const char *xname,
                        char *out) {
    size_t xl = strlen(xname);
    size_t max = n < t->rule_max ? n : t->rule_max;
    for (size_t k = max + 1; k-- > 0;) {
        const uint32_t *v = sx_kv_find(t->lrul, sx_lemma_key(xname, xl, lower + n - k, k));
        if (!v)
            continue;
        size_t strip = *v >> 24;
        const char *add = t->str + (*v & 0xFFFFFF);
        size_t al = strlen(add);
        if (strip > n || n - strip + al >= SX_MAX_LEMMA)
            return -1;
        memcpy(out, lower, n - strip);
        memcpy(out + n - strip, add, al + 1);
        return (long)(n - strip + al);
    }
    return -1;
}

size_t sx_lemma_rules(const sx_lemtab *t, const char *lower, size_t n, unsigned xpos,
                      const char *xname, char *out) {
    if (n >= SX_MAX_LEMMA)
        n = SX_MAX_LEMMA - 1;
    if (xpos == PL_XPOS_CD && memchr(lower, ',', n)) { /* 200,000 -> 200000 */
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (lower[i] != ',')
                out[m++] = lower[i];
        out[m] = 0;
        return m;
    }
    char rule[SX_MAX_LEMMA];
    long rl = suffix_rule(t, lower, n, xname, rule);
    const detach *rules = NULL;
    unsigned bit = 0;
    switch (xpos) {
    case PL_XPOS_NNS: case PL_XPOS_NNPS:
        rules = noun_rules, bit = SX_WN_NOUN;
        break;
    case PL_XPOS_VBD: case PL_XPOS_VBG: case PL_XPOS_VBN: case PL_XPOS_VBZ:
        rules = verb_rules, bit = SX_WN_VERB;
        break;
    case PL_XPOS_JJR: case PL_XPOS_JJS:
        rules = adj_rules, bit = SX_WN_ADJ;
        break;
    case PL_XPOS_RBR: case PL_XPOS_RBS:
        rules = adj_rules, bit = SX_WN_ADV;
        break;
    }
    /* first WordNet lemma among the detachment candidates, unless the
     * learned rule's answer is one of them */
    char first[SX_MAX_LEMMA], cand[SX_MAX_LEMMA];
    size_t first_len = 0;
    int found = 0;
    for (const detach *d = rules; d && d->suf; d++) {
        size_t sl = strlen(d->suf), al = strlen(d->add);
        if (n <= sl || memcmp(lower + n - sl, d->suf, sl) != 0)
            continue;
        size_t stem = n - sl;
        memcpy(cand, lower, stem);
        memcpy(cand + stem, d->add, al);
        size_t cl = stem + al;
        for (int undouble = 0; undouble < 2; undouble++) {
            if (undouble) {
                if (al != 0 || !doubled(cand, cl))
                    break;
                cl--;
            }
            if (!in_wordnet(t, cand, cl, bit))
                continue;
            if (rl >= 0 && (size_t)rl == cl && memcmp(rule, cand, cl) == 0) {
                memcpy(out, rule, (size_t)rl + 1);
                return (size_t)rl;
            }
            if (!found) {
                memcpy(first, cand, cl);
                first_len = cl;
                found = 1;
            }
        }
    }
    if (found) {
        memcpy(out, first, first_len);
        out[first_len] = 0;
        return first_len;
    }
    if (rl >= 0) {
        memcpy(out, rule, (size_t)rl + 1);
        return (size_t)rl;
    }
    memcpy(out, lower, n);
    out[n] = 0;
    return n;
}

const char *sx_lemma(const pl_model *m, pl_arena *a, const char *form, const char *lower,
                     size_t n, unsigned tag) {
    const char *xname = m->tag_xname[tag];
    unsigned xpos = m->tag_xpos[tag];
    const uint32_t *v = sx_kv_find(&m->lemx, sx_lemma_key(lower, n, xname, strlen(xname)));
    if (v)
        return m->str + *v;
    if (xpos == PL_XPOS_NNP || (m->tag_upos[tag] == PL_UPOS_PROPN && xpos != PL_XPOS_NNPS))
        return form;
    sx_lemtab t = {&m->wnet, &m->lrul, m->str, m->par.rule_max};
    char out[SX_MAX_LEMMA];
    size_t len = sx_lemma_rules(&t, lower, n, xpos, xname, out);
    size_t fl = strlen(form);
    if (xpos == PL_XPOS_NNPS) {
        /* keep the form's case: put the rule's new ending on the form */
        size_t common = 0;
        while (common < len && common < n && out[common] == lower[common])
            common++;
        if (n - common <= fl && (n - common) + 0 <= fl) {
            size_t keep = fl - (n - common);
            char *r = pl_arena_alloc(a, keep + (len - common) + 1);
            if (!r)
                return NULL;
            memcpy(r, form, keep);
            memcpy(r + keep, out + common, len - common);
            r[keep + len - common] = 0;
            return r;
        }
    }
    if (len == fl && memcmp(out, form, fl) == 0)
        return form;
    return pl_arena_strndup(a, out, len);
}

unsigned sx_sem(const pl_model *m, const char *lemma, unsigned upos) {
    int shift;
    switch (upos) {
    case PL_UPOS_NOUN: case PL_UPOS_PROPN: case PL_UPOS_NUM:
        shift = SX_WN_NOUN_CLASS;
        break;
    case PL_UPOS_VERB:
        shift = SX_WN_VERB_CLASS;
        break;
    default:
        return 0;
    }
    char low[SX_MAX_FORM];
    size_t n = sx_lower(lemma, strlen(lemma), low, sizeof low);
    const uint32_t *v = sx_kv_find(&m->wnet, sx_hash(low, n));
    return v ? (*v >> shift) & 63 : 0;
}
