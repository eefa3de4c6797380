/*
 * train.c — build/tools/train: trains data/model/en-ewt.model from UD
 * English EWT (train for the weights, dev to choose the number of epochs;
 * test is never read) and WordNet's lemma lists and exception files.
 *
 * usage: train [--ud DIR] [--wordnet DIR] [-o FILE] [--seed N]
 *              [--tag-epochs N] [--parse-epochs N] [--folds N] [--quick]
 *
 * Training is single-threaded and seeded, so the same inputs give the same
 * model file byte for byte. `make train` runs it; see docs/syntax.md.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "train.h"

/* ---- helpers ------------------------------------------------------------------ */

static void oom(void) {
    fputs("train: out of memory\n", stderr);
    exit(1);
}

void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p)
        oom();
    return p;
}

void *xcalloc(size_t n, size_t sz) {
    void *p = calloc(n ? n : 1, sz ? sz : 1);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n) {
    p = realloc(p, n ? n : 1);
    if (!p)
        oom();
    return p;
}

char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xmalloc(n), s, n);
}

double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

uint64_t rng_next(uint64_t *s) {
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545F4914F6CDD1DULL;
}

void shuffle(int *a, int n, uint64_t *seed) {
    for (int i = n - 1; i > 0; i--) {
        int j = (int)(rng_next(seed) % (uint64_t)(i + 1));
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

void say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fflush(stderr);
}

/* ---- string maps ----------------------------------------------------------------- */

static void smap_grow(smap *m) {
    size_t cap = m->cap ? m->cap * 2 : 1024;
    smap_ent *e = xcalloc(cap, sizeof *e);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->e[i].key)
            continue;
        size_t j = (size_t)m->e[i].hash & (cap - 1);
        while (e[j].key)
            j = (j + 1) & (cap - 1);
        e[j] = m->e[i];
    }
    free(m->e);
    m->e = e;
    m->cap = cap;
}

long *smap_get(smap *m, const char *key, size_t n, long init) {
    if ((m->n + 1) * 2 > m->cap)
        smap_grow(m);
    uint64_t h = sx_hash(key, n);
    size_t j = (size_t)h & (m->cap - 1);
    for (;;) {
        smap_ent *e = &m->e[j];
        if (!e->key) {
            e->key = xmalloc(n + 1);
            memcpy(e->key, key, n);
            e->key[n] = 0;
            e->hash = h;
            e->val = init;
            m->n++;
            return &e->val;
        }
        if (e->hash == h && strlen(e->key) == n && memcmp(e->key, key, n) == 0)
            return &e->val;
        j = (j + 1) & (m->cap - 1);
    }
}

long smap_find(const smap *m, const char *key, size_t n, long absent) {
    if (!m->cap)
        return absent;
    uint64_t h = sx_hash(key, n);
    size_t j = (size_t)h & (m->cap - 1);
    for (;;) {
        const smap_ent *e = &m->e[j];
        if (!e->key)
            return absent;
        if (e->hash == h && strlen(e->key) == n && memcmp(e->key, key, n) == 0)
            return e->val;
        j = (j + 1) & (m->cap - 1);
    }
}

void smap_free(smap *m) {
    for (size_t i = 0; i < m->cap; i++)
        free(m->e[i].key);
    free(m->e);
    memset(m, 0, sizeof *m);
}

/* ---- tag and label classes --------------------------------------------------------- */

static void pair_key(const sx_word *w, char *buf, size_t cap) {
    snprintf(buf, cap, "%s\t%s", w->upos, w->xpos);
}

int tag_class(const tdata *d, const sx_word *w) {
    char k[128];
    pair_key(w, k, sizeof k);
    return (int)smap_find(&d->tags, k, strlen(k), -1);
}

int label_class(const tdata *d, const char *deprel) {
    return (int)smap_find(&d->labels, deprel, strlen(deprel), -1);
}

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Classes in sorted order of their names, so ids do not depend on the data's order. */
static char **classes(smap *m, unsigned *count) {
    char **names = xmalloc((m->n + 1) * sizeof *names);
    size_t n = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->e[i].key)
            names[n++] = m->e[i].key;
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++)
        *smap_get(m, names[i], strlen(names[i]), 0) = (long)i;
    *count = (unsigned)n;
    return names;
}

static void build_classes(tdata *d) {
    char k[128];
    for (int s = 0; s < d->train.n; s++)
        for (int i = 0; i < d->train.s[s].n; i++) {
            const sx_word *w = &d->train.s[s].w[i];
            pair_key(w, k, sizeof k);
            smap_get(&d->tags, k, strlen(k), 0);
            smap_get(&d->labels, w->deprel, strlen(w->deprel), 0);
        }
    char **tags = classes(&d->tags, &d->ntags);
    d->label_name = classes(&d->labels, &d->nlabels);
    d->tag_upos = xmalloc(d->ntags * sizeof *d->tag_upos);
    d->tag_xpos = xmalloc(d->ntags * sizeof *d->tag_xpos);
    for (unsigned i = 0; i < d->ntags; i++) {
        char *tab = strchr(tags[i], '\t');
        d->tag_upos[i] = xmalloc((size_t)(tab - tags[i]) + 1);
        memcpy(d->tag_upos[i], tags[i], (size_t)(tab - tags[i]));
        d->tag_upos[i][tab - tags[i]] = 0;
        d->tag_xpos[i] = xstrdup(tab + 1);
    }
    free(tags);
    d->root_label = (unsigned)label_class(d, "root");
}

/* ---- a cache of predicted tags, for parser experiments ----------------------- */

static int read_tags(const char *path, const tdata *d, uint16_t **tr, uint16_t **dv) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int ok = 1;
    for (int s = 0; s < d->train.n && ok; s++)
        ok = fread(tr[s], sizeof **tr, (size_t)d->train.s[s].n, f) == (size_t)d->train.s[s].n;
    for (int s = 0; s < d->dev.n && ok; s++)
        ok = fread(dv[s], sizeof **dv, (size_t)d->dev.s[s].n, f) == (size_t)d->dev.s[s].n;
    fclose(f);
    return ok;
}

static void write_tags(const char *path, const tdata *d, uint16_t **tr, uint16_t **dv) {
    FILE *f = fopen(path, "wb");
    if (!f)
        return;
    for (int s = 0; s < d->train.n; s++)
        fwrite(tr[s], sizeof **tr, (size_t)d->train.s[s].n, f);
    for (int s = 0; s < d->dev.n; s++)
        fwrite(dv[s], sizeof **dv, (size_t)d->dev.s[s].n, f);
    fclose(f);
}

/* ---- main ---------------------------------------------------------------------------- */

static void load(pl_ctx *ctx, const char *dir, const char *name, sx_corpus *c, int quick) {
    char path[4096];
    snprintf(path, sizeof path, "%s/en_ewt-ud-%s.conllu", dir, name);
    if (sx_conllu_read(ctx, path, c) != PL_OK) {
        say("train: %s\n", pl_errmsg(ctx));
        exit(1);
    }
    if (quick)
        c->n = c->n / 10 + 1 < c->n ? c->n / 10 + 1 : c->n;
    say("train: %s: %d sentences\n", path, c->n);
}

static void usage(void) {
    fputs("usage: train [--ud DIR] [--wordnet DIR] [-o FILE] [--seed N] [--tag-epochs N]\n"
          "             [--parse-epochs N] [--folds N] [--lex-min N] [--prune X] [--quick]\n",
          stderr);
    exit(2);
}

int main(int argc, char **argv) {
    topts o = {.ud = "../shared/ud",
               .wordnet = "/usr/share/wordnet",
               .out = "data/model/en-ewt.model",
               .seed = 1,
               .tag_epochs = 12,
               .parse_epochs = 20,
               .folds = 5,
               .lex_min = 2,
               .lex_parts = 10,
               .prune = 1.0f,
               .tag_prune = 1.0f,
               .min_upd = 6,
               .tag_min_upd = 1,
               .explore_from = 2,
               .ensemble = 3,
               .explore_p = 90};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--quick") == 0) { o.quick = 1; continue; }
        if (!v)
            usage();
        if (strcmp(a, "--ud") == 0) o.ud = v;
        else if (strcmp(a, "--wordnet") == 0) o.wordnet = v;
        else if (strcmp(a, "-o") == 0) o.out = v;
        else if (strcmp(a, "--seed") == 0) o.seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--tag-epochs") == 0) o.tag_epochs = atoi(v);
        else if (strcmp(a, "--parse-epochs") == 0) o.parse_epochs = atoi(v);
        else if (strcmp(a, "--folds") == 0) o.folds = atoi(v);
        else if (strcmp(a, "--lex-min") == 0) o.lex_min = atoi(v);
        else if (strcmp(a, "--lex-parts") == 0) o.lex_parts = atoi(v);
        else if (strcmp(a, "--tags-cache") == 0) o.tags_cache = v;
        else if (strcmp(a, "--prune") == 0) o.prune = (float)atof(v);
        else if (strcmp(a, "--tag-prune") == 0) o.tag_prune = (float)atof(v);
        else if (strcmp(a, "--min-upd") == 0) o.min_upd = atoi(v);
        else if (strcmp(a, "--tag-min-upd") == 0) o.tag_min_upd = atoi(v);
        else if (strcmp(a, "--explore-from") == 0) o.explore_from = atoi(v);
        else if (strcmp(a, "--ensemble") == 0) o.ensemble = atoi(v);
        else if (strcmp(a, "--explore-p") == 0) o.explore_p = atoi(v);
        else if (strcmp(a, "--margin") == 0) o.margin = (float)atof(v);
        else if (strcmp(a, "--dropout") == 0) o.dropout = atoi(v);
        else usage();
        i++;
    }
    const uint32_t probe = SX_ENDIAN;
    if (*(const unsigned char *)&probe != 0x04) {
        say("train: the model format is little-endian; train on a little-endian machine\n");
        return 1;
    }
    double t0 = now_s();
    pl_ctx *ctx = pl_ctx_new();
    tdata d;
    memset(&d, 0, sizeof d);
    load(ctx, o.ud, "train", &d.train, o.quick);
    load(ctx, o.ud, "dev", &d.dev, o.quick);
    build_classes(&d);
    if (d.ntags > SX_MAX_TAGS || d.nlabels > SX_MAX_LABELS || (int)d.root_label < 0) {
        say("train: %u tags, %u labels: outside the format's limits\n", d.ntags, d.nlabels);
        return 1;
    }
    say("train: %u tag classes, %u relations\n", d.ntags, d.nlabels);

    tmodel t;
    memset(&t, 0, sizeof t);
    t.m.par.ntags = d.ntags;
    t.m.par.nlabels = d.nlabels;
    t.m.par.root_label = d.root_label;
    str_add(&t, "");
    t.tagnames = xmalloc(d.ntags * sizeof *t.tagnames);
    for (unsigned i = 0; i < d.ntags; i++) {
        t.tagnames[i].upos = str_add(&t, d.tag_upos[i]);
        t.tagnames[i].xpos = str_add(&t, d.tag_xpos[i]);
    }
    t.labnames = xmalloc(d.nlabels * sizeof *t.labnames);
    for (unsigned i = 0; i < d.nlabels; i++)
        t.labnames[i] = str_add(&t, d.label_name[i]);

    /* lemma tables first: WordNet feeds the tagger's features too */
    train_lemmas(&d, &o, &t);
    kv_build lex = {0};
    build_lexicon(&d, &d.train, 0, -1, o.lex_min, &lex);
    t.lex = kv_table(&lex, &t.nlex);
    kv_free(&lex);
    tmodel_view(&t);

    uint16_t **dev_tags = xcalloc((size_t)d.dev.n, sizeof *dev_tags);
    uint16_t **train_tags = xcalloc((size_t)d.train.n, sizeof *train_tags);
    for (int s = 0; s < d.dev.n; s++)
        dev_tags[s] = xcalloc((size_t)d.dev.s[s].n + 1, sizeof **dev_tags);
    for (int s = 0; s < d.train.n; s++)
        train_tags[s] = xcalloc((size_t)d.train.s[s].n + 1, sizeof **train_tags);
    double t1 = now_s();
    if (o.tags_cache && read_tags(o.tags_cache, &d, train_tags, dev_tags)) {
        say("train: tags from %s (parser experiments only: no tagger in the model)\n", o.tags_cache);
    } else {
        t.tag_dev = train_tagger(&d, &o, &t, 0, -1, &d.dev, o.tag_epochs);
        say("train: tagger: dev accuracy %.2f%% after %d epochs (%.0f s)\n", 100 * t.tag_dev,
            t.tag_epoch, now_s() - t1);
        tag_corpus(&t, &d.dev, 0, 0, dev_tags);

        /* jackknifing: the parser learns from tags as good as the tagger's on
         * unseen text, each fold tagged by a tagger trained without it */
        t1 = now_s();
        for (int k = 0; k < o.folds; k++) {
            tmodel f = t;
            memset(&f.tagger, 0, sizeof f.tagger);
            kv_build fl = {0};
            build_lexicon(&d, &d.train, o.folds, k, o.lex_min, &fl);
            f.lex = kv_table(&fl, &f.nlex);
            kv_free(&fl);
            tmodel_view(&f);
            train_tagger(&d, &o, &f, o.folds, k, NULL, t.tag_epoch);
            tag_corpus(&f, &d.train, o.folds, k, train_tags);
            free(f.lex);
            free(f.tagger.slot);
            free(f.tagger.pool);
        }
        if (o.folds > 1)
            say("train: jackknifed tags (%d folds): train accuracy %.2f%% (%.0f s)\n", o.folds,
                100 * tag_accuracy(&d, &d.train, train_tags), now_s() - t1);
        else
            tag_corpus(&t, &d.train, 0, 0, train_tags);
        if (o.tags_cache)
            write_tags(o.tags_cache, &d, train_tags, dev_tags);
    }
    tmodel_view(&t);

    t1 = now_s();
    train_parser(&d, &o, &t, train_tags, dev_tags);
    say("train: parser: dev UAS %.2f%% LAS %.2f%% after %d epochs (%.0f s)\n", 100 * t.uas_dev,
        100 * t.las_dev, t.parse_epoch, now_s() - t1);

    tmodel_view(&t);
    if (write_model(&t, o.out) != 0)
        return 1;
    double total = now_s() - t0;
    say("train: wrote %s; training took %.0f s (%.1f min)\n", o.out, total, total / 60);
    printf("training time: %.0f s\n", total);
    for (int s = 0; s < d.dev.n; s++)
        free(dev_tags[s]);
    for (int s = 0; s < d.train.n; s++)
        free(train_tags[s]);
    free(dev_tags);
    free(train_tags);
    pl_ctx_free(ctx);
    return 0;
}
