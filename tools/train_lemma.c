/*
 * train_lemma.c — the lemmatizer's tables, built at training time:
 *   WNET  every single-word lemma of WordNet (index.noun, index.verb,
 *         index.adj, index.adv) with its parts of speech;
 *   LRUL  suffix rules learned from the treebank: for each XPOS tag and
 *         final letters (up to 7 bytes), the most frequent way the lemma
 *         differs from the lowercased form (strip k bytes, add a string),
 *         kept only where it differs from the rule of a shorter suffix;
 *   LEMX  exceptions: (lowercased form, XPOS) pairs of the treebank whose
 *         most frequent lemma the rule chain gets wrong more often than
 *         right, then WordNet's irregular forms (noun.exc, verb.exc,
 *         adj.exc, adv.exc) for tags of inflected forms, where the treebank
 *         has not seen the pair and the rules disagree.
 * The runtime uses them in lemma.c; the conversion of WordNet's files
 * happens here, once, so the runtime never reads them.
 */
#include <stdlib.h>
#include <string.h>

#include "train.h"

#define RULE_MAX 7

/* ---- WordNet ---------------------------------------------------------------------- */

static FILE *open_wn(const topts *o, const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", o->wordnet, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        say("train: %s: cannot open (install Debian's wordnet-base or use --wordnet DIR)\n", path);
        exit(1);
    }
    return f;
}

/* Reads index.POS: every single-word lemma gets the part-of-speech bit;
 * for nouns and verbs, data.POS gives the lexicographer file (the semantic
 * class: noun.person, noun.time, verb.motion, ...) of the lemma's most
 * frequent sense, which goes to bits shift..shift+5 as file number + 1. */
static void read_index(const topts *o, const char *name, const char *data, unsigned bit,
                       int shift, smap *lemmas) {
    FILE *f = open_wn(o, name), *df = data ? open_wn(o, data) : NULL;
    char line[16384], dline[64];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == ' ')
            continue; /* the license text at the top */
        char *sp = strchr(line, ' ');
        if (!sp || memchr(line, '_', (size_t)(sp - line)))
            continue;
        long *m = smap_get(lemmas, line, (size_t)(sp - line), 0);
        *m |= bit;
        if (!df)
            continue;
        /* lemma pos synset_cnt p_cnt ptr_symbol... sense_cnt tagsense_cnt offset... */
        char *tok[512];
        int nt = 0;
        for (char *t = strtok(line, " \n"); t && nt < 512; t = strtok(NULL, " \n"))
            tok[nt++] = t;
        if (nt < 4)
            continue;
        int p = atoi(tok[3]), first = 4 + p + 2;
        if (first >= nt)
            continue;
        long off = atol(tok[first]);
        if (fseek(df, off, SEEK_SET) != 0 || !fgets(dline, sizeof dline, df))
            continue;
        int lexfile = atoi(dline + 9);
        if (lexfile >= 0 && lexfile < 63 && !((*m >> shift) & 63))
            *m |= (long)(lexfile + 1) << shift;
    }
    fclose(f);
    if (df)
        fclose(df);
}

typedef struct exc {
    char *form, *lemma;
    unsigned bit;
} exc;

static void read_exc(const topts *o, const char *name, unsigned bit, exc **v, int *n, int *cap) {
    FILE *f = open_wn(o, name);
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        char *form = strtok(line, " \n"), *lemma = strtok(NULL, " \n");
        if (!form || !lemma || strchr(form, '_') || strchr(lemma, '_'))
            continue;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 4096;
            *v = xrealloc(*v, (size_t)*cap * sizeof **v);
        }
        (*v)[(*n)++] = (exc){xstrdup(form), xstrdup(lemma), bit};
    }
    fclose(f);
}

/* ---- suffix rules ------------------------------------------------------------------- */

typedef struct rcount {
    char *rule;      /* "strip\x01add" */
    long n;
} rcount;

typedef struct rgroup {
    char *key;       /* "XPOS\tsuffix" */
    int len;         /* suffix length */
    rcount *r;
    int nr, cap;
    long total;
} rgroup;

static int cmp_group(const void *a, const void *b) {
    const rgroup *x = a, *y = b;
    if (x->len != y->len)
        return x->len - y->len;
    return strcmp(x->key, y->key);
}

/* The rule turning lower into lemma, as strip and add. */
static void rule_of(const char *lower, const char *lemma, char *out, size_t cap) {
    size_t n = strlen(lower), cp = 0;
    while (lower[cp] && lower[cp] == lemma[cp])
        cp++;
    snprintf(out, cap, "%zu\x01%s", n - cp, lemma + cp);
}

static void learn_rules(const tdata *d, tmodel *t) {
    smap idx = {0};
    rgroup *g = NULL;
    int ng = 0, capg = 0;
    char low[SX_MAX_FORM], lem[SX_MAX_FORM], rule[2 * SX_MAX_FORM + 16], key[SX_MAX_FORM + 64];
    for (int s = 0; s < d->train.n; s++)
        for (int i = 0; i < d->train.s[s].n; i++) {
            const sx_word *w = &d->train.s[s].w[i];
            if (strcmp(w->xpos, "NNP") == 0 || strcmp(w->lemma, "_") == 0)
                continue;
            size_t n = sx_lower(w->form, strlen(w->form), low, sizeof low);
            if (strcmp(w->xpos, "NNPS") == 0)
                sx_lower(w->lemma, strlen(w->lemma), lem, sizeof lem);
            else
                snprintf(lem, sizeof lem, "%s", w->lemma);
            rule_of(low, lem, rule, sizeof rule);
            if (strtoul(rule, NULL, 10) > 31)
                continue;
            for (size_t k = 0; k <= RULE_MAX && k <= n; k++) {
                snprintf(key, sizeof key, "%s\t%s", w->xpos, low + n - k);
                long *id = smap_get(&idx, key, strlen(key), -1);
                if (*id < 0) {
                    if (ng == capg) {
                        capg = capg ? capg * 2 : 4096;
                        g = xrealloc(g, (size_t)capg * sizeof *g);
                    }
                    g[ng] = (rgroup){xstrdup(key), (int)k, NULL, 0, 0, 0};
                    *id = ng++;
                }
                rgroup *gr = &g[*id];
                gr->total++;
                int j;
                for (j = 0; j < gr->nr && strcmp(gr->r[j].rule, rule) != 0; j++)
                    ;
                if (j == gr->nr) {
                    if (gr->nr == gr->cap) {
                        gr->cap = gr->cap ? gr->cap * 2 : 2;
                        gr->r = xrealloc(gr->r, (size_t)gr->cap * sizeof *gr->r);
                    }
                    gr->r[gr->nr++] = (rcount){xstrdup(rule), 0};
                }
                gr->r[j].n++;
            }
        }
    smap_free(&idx);
    /* shortest suffixes first, so a rule is compared with what its shorter
     * suffixes already give */
    qsort(g, (size_t)ng, sizeof *g, cmp_group);
    smap kept = {0}; /* key -> index of the chosen rule in g */
    kv_build kb = {0};
    int nkept = 0;
    for (int i = 0; i < ng; i++) {
        rgroup *gr = &g[i];
        if (gr->len > 0 && gr->total < 2)
            continue;
        int best = 0;
        for (int j = 1; j < gr->nr; j++)
            if (gr->r[j].n > gr->r[best].n ||
                (gr->r[j].n == gr->r[best].n && strcmp(gr->r[j].rule, gr->r[best].rule) < 0))
                best = j;
        /* the rule the runtime would use without this entry */
        const char *tab = strchr(gr->key, '\t');
        size_t kl = strlen(gr->key);
        const char *parent = NULL;
        for (int l = gr->len - 1; l >= 0 && !parent; l--) {
            char pk[SX_MAX_FORM + 64];
            size_t xl = (size_t)(tab - gr->key) + 1;
            memcpy(pk, gr->key, xl);
            memcpy(pk + xl, gr->key + kl - l, (size_t)l);
            long at = smap_find(&kept, pk, xl + (size_t)l, -1);
            if (at >= 0)
                parent = g[at >> 8].r[at & 0xFF].rule;
        }
        if (parent && strcmp(parent, gr->r[best].rule) == 0)
            continue;
        if (best > 0xFF) /* keep the encoding below simple */
            continue;
        *smap_get(&kept, gr->key, kl, 0) = (long)i << 8 | best;
        char *sep = strchr(gr->r[best].rule, '\x01');
        unsigned strip = (unsigned)strtoul(gr->r[best].rule, NULL, 10);
        uint32_t add = str_add(t, sep + 1);
        kv_add(&kb, sx_lemma_key(gr->key, (size_t)(tab - gr->key), tab + 1, kl - (size_t)(tab - gr->key) - 1),
               strip << 24 | add);
        nkept++;
    }
    t->lrul = kv_table(&kb, &t->nlrul);
    t->m.par.rule_max = RULE_MAX;
    kv_free(&kb);
    smap_free(&kept);
    for (int i = 0; i < ng; i++) {
        for (int j = 0; j < g[i].nr; j++)
            free(g[i].r[j].rule);
        free(g[i].r);
        free(g[i].key);
    }
    free(g);
    say("train: lemmatizer: %d suffix rules\n", nkept);
}

/* ---- exceptions ---------------------------------------------------------------------- */

typedef struct egroup {
    char **lemma;    /* distinct gold lemmas */
    long *n;
    int nl;
    long rules_right; /* tokens whose lemma the chain gets right */
} egroup;

static const char *inflected_tags(unsigned bit) {
    switch (bit) {
    case SX_WN_NOUN: return "NNS";
    case SX_WN_VERB: return "VBD VBN VBG VBZ";
    case SX_WN_ADJ: return "JJR JJS";
    default: return "RBR RBS";
    }
}

void train_lemmas(const tdata *d, const topts *o, tmodel *t) {
    smap wn = {0};
    read_index(o, "index.noun", "data.noun", SX_WN_NOUN, SX_WN_NOUN_CLASS, &wn);
    read_index(o, "index.verb", "data.verb", SX_WN_VERB, SX_WN_VERB_CLASS, &wn);
    read_index(o, "index.adj", NULL, SX_WN_ADJ, 0, &wn);
    read_index(o, "index.adv", NULL, SX_WN_ADV, 0, &wn);
    kv_build kb = {0};
    for (size_t i = 0; i < wn.cap; i++)
        if (wn.e[i].key)
            kv_add(&kb, sx_hash(wn.e[i].key, strlen(wn.e[i].key)), (uint32_t)wn.e[i].val);
    /* kv_table keeps the first of equal keys: sort for a stable file */
    t->wnet = kv_table(&kb, &t->nwnet);
    say("train: WordNet: %zu lemmas\n", wn.n);
    kv_free(&kb);
    smap_free(&wn);
    learn_rules(d, t);
    tmodel_view(t);

    /* the chain (no exceptions yet) against the treebank, by (form, tag) */
    smap gidx = {0};
    egroup *g = NULL;
    char **gkey = NULL;
    int ng = 0, capg = 0;
    char low[SX_MAX_FORM], key[SX_MAX_FORM + 64];
    pl_arena arena = {0};
    for (int s = 0; s < d->train.n; s++)
        for (int i = 0; i < d->train.s[s].n; i++) {
            const sx_word *w = &d->train.s[s].w[i];
            int tc = tag_class(d, w);
            if (tc < 0 || strcmp(w->lemma, "_") == 0)
                continue;
            size_t n = sx_lower(w->form, strlen(w->form), low, sizeof low);
            const char *got = sx_lemma(&t->m, &arena, w->form, low, n, (unsigned)tc);
            snprintf(key, sizeof key, "%s\t%s", low, w->xpos);
            long *id = smap_get(&gidx, key, strlen(key), -1);
            if (*id < 0) {
                if (ng == capg) {
                    capg = capg ? capg * 2 : 4096;
                    g = xrealloc(g, (size_t)capg * sizeof *g);
                    gkey = xrealloc(gkey, (size_t)capg * sizeof *gkey);
                }
                g[ng] = (egroup){NULL, NULL, 0, 0};
                gkey[ng] = xstrdup(key);
                *id = ng++;
            }
            egroup *e = &g[*id];
            e->rules_right += got && strcmp(got, w->lemma) == 0;
            int j;
            for (j = 0; j < e->nl && strcmp(e->lemma[j], w->lemma) != 0; j++)
                ;
            if (j == e->nl) {
                e->lemma = xrealloc(e->lemma, (size_t)(e->nl + 1) * sizeof *e->lemma);
                e->n = xrealloc(e->n, (size_t)(e->nl + 1) * sizeof *e->n);
                e->lemma[j] = xstrdup(w->lemma);
                e->n[j] = 0;
                e->nl++;
            }
            e->n[j]++;
            pl_arena_reset(&arena);
        }
    pl_arena_free(&arena);
    kb = (kv_build){0};
    int ntb = 0, nwn = 0;
    for (int i = 0; i < ng; i++) {
        egroup *e = &g[i];
        int best = 0;
        for (int j = 1; j < e->nl; j++)
            if (e->n[j] > e->n[best] || (e->n[j] == e->n[best] && strcmp(e->lemma[j], e->lemma[best]) < 0))
                best = j;
        if (e->n[best] > e->rules_right) {
            const char *tab = strchr(gkey[i], '\t');
            kv_add(&kb, sx_lemma_key(gkey[i], (size_t)(tab - gkey[i]), tab + 1, strlen(tab + 1)),
                   str_add(t, e->lemma[best]));
            ntb++;
        }
    }
    /* WordNet's irregular forms */
    exc *ex = NULL;
    int nex = 0, capex = 0;
    read_exc(o, "noun.exc", SX_WN_NOUN, &ex, &nex, &capex);
    read_exc(o, "verb.exc", SX_WN_VERB, &ex, &nex, &capex);
    read_exc(o, "adj.exc", SX_WN_ADJ, &ex, &nex, &capex);
    read_exc(o, "adv.exc", SX_WN_ADV, &ex, &nex, &capex);
    sx_lemtab lt = {&t->m.wnet, &t->m.lrul, t->str, t->m.par.rule_max};
    for (int i = 0; i < nex; i++) {
        char tags[32], out[SX_MAX_LEMMA];
        snprintf(tags, sizeof tags, "%s", inflected_tags(ex[i].bit));
        for (char *x = strtok(tags, " "); x; x = strtok(NULL, " ")) {
            snprintf(key, sizeof key, "%s\t%s", ex[i].form, x);
            if (smap_find(&gidx, key, strlen(key), -1) >= 0)
                continue; /* the treebank has its own say */
            size_t fl = strlen(ex[i].form);
            sx_lemma_rules(&lt, ex[i].form, fl, pl_xpos_id(x, strlen(x)), x, out);
            if (strcmp(out, ex[i].lemma) == 0)
                continue;
            kv_add(&kb, sx_lemma_key(ex[i].form, fl, x, strlen(x)), str_add(t, ex[i].lemma));
            *smap_get(&gidx, key, strlen(key), 0) = 0; /* first exc line wins */
            nwn++;
        }
        free(ex[i].form);
        free(ex[i].lemma);
    }
    free(ex);
    t->lemx = kv_table(&kb, &t->nlemx);
    kv_free(&kb);
    say("train: lemmatizer: %d treebank exceptions, %d from WordNet\n", ntb, nwn);
    for (int i = 0; i < ng; i++) {
        for (int j = 0; j < g[i].nl; j++)
            free(g[i].lemma[j]);
        free(g[i].lemma);
        free(g[i].n);
        free(gkey[i]);
    }
    free(g);
    free(gkey);
    smap_free(&gidx);
    tmodel_view(t);
}
