/*
 * train_tag.c — the tagger's training: the lexicon of tag-set classes, and
 * a greedy averaged perceptron over joint UPOS+XPOS classes, trained on its
 * own predicted history and scored on dev after every epoch with the
 * runtime's tagger (sx_tag) on the exported, quantized weights.
 */
#include <stdlib.h>
#include <string.h>

#include "train.h"

/* Forms seen at least lex_min times get the set of classes that make up at
 * least 1% of their uses (hashed to 32 bits, never 0); rarer forms get
 * none, so the tagger learns to go by spelling and context for them. */
void build_lexicon(const tdata *d, const sx_corpus *c, int folds, int skip, int lex_min,
                   kv_build *out) {
    build_lexicon_parts(d, c, folds, skip, 1, -1, lex_min, out);
}

void build_lexicon_parts(const tdata *d, const sx_corpus *c, int folds, int skip, int parts,
                         int part, int lex_min, kv_build *out) {
    smap forms = {0}; /* lowercased forms, and forms as written behind a \x01 */
    long nf = 0;
    uint32_t (*counts)[SX_MAX_TAGS] = NULL;
    size_t cap = 0;
    char low[SX_MAX_FORM];
    for (int s = 0; s < c->n; s++) {
        if (folds > 0 && block(s, c->n, folds) == skip)
            continue;
        if (parts > 1 && block(s, c->n, parts) == part)
            continue;
        for (int i = 0; i < c->s[s].n; i++) {
            const sx_word *w = &c->s[s].w[i];
            int tc = tag_class(d, w);
            if (tc < 0)
                continue;
            size_t n = sx_lower(w->form, strlen(w->form), low, sizeof low);
            char exact[SX_MAX_FORM + 1];
            exact[0] = 1;
            size_t en = strlen(w->form) < SX_MAX_FORM - 1 ? strlen(w->form) : SX_MAX_FORM - 1;
            memcpy(exact + 1, w->form, en);
            for (int pass = 0; pass < 2; pass++) {
                long *id = pass ? smap_get(&forms, exact, en + 1, -1) : smap_get(&forms, low, n, -1);
                if (*id < 0) {
                    *id = nf++;
                    if ((size_t)nf > cap) {
                        cap = cap ? cap * 2 : 4096;
                        counts = xrealloc(counts, cap * sizeof *counts);
                    }
                    memset(counts[*id], 0, sizeof counts[*id]);
                }
                counts[*id][tc]++;
            }
        }
    }
    for (size_t j = 0; j < forms.cap; j++) {
        const smap_ent *e = &forms.e[j];
        if (!e->key)
            continue;
        const uint32_t *cn = counts[e->val];
        uint32_t total = 0;
        for (unsigned k = 0; k < d->ntags; k++)
            total += cn[k];
        if (total < (uint32_t)lex_min)
            continue;
        uint64_t h = 0x616d62ULL;
        unsigned top = 0;
        for (unsigned k = 0; k < d->ntags; k++) {
            if (cn[k] > 0 && cn[k] * 100 >= total)
                h = (h ^ (k + 1)) * SX_K1;
            if (cn[k] > cn[top])
                top = k;
        }
        /* the class set's hash, the most frequent class + 1 in the low byte,
         * and the top bit for a frequent word that (nearly) always has it */
        uint32_t amb = ((uint32_t)(sx_fin(h) << 8) & 0x7FFFFF00u) | (top + 1);
        if (total >= 20 && (uint64_t)cn[top] * 1000 >= (uint64_t)total * 995)
            amb |= SX_LEX_SURE;
        uint64_t key = e->key[0] == 1 ? sx_exact_key(sx_hash(e->key + 1, strlen(e->key + 1)))
                                      : sx_hash(e->key, strlen(e->key));
        kv_add(out, key, amb);
    }
    free(counts);
    smap_free(&forms);
}


typedef struct tsent {
    int n;
    sx_tok *tok;
    int16_t *gold;
} tsent;

static void atoms(const tmodel *t, const sx_sent *s, sx_tok *tok) {
    char low[SX_MAX_FORM];
    for (int i = 0; i < s->n; i++) {
        sx_tok_setup(&tok[i], s->w[i].form, i == 0, &t->m.lex, &t->m.wnet, low);
    }
    sx_sent_flags(tok, s->n);
}

void tag_corpus(const tmodel *t, const sx_corpus *c, int folds, int only, uint16_t **tags) {
    sx_tok *tok = xmalloc(sizeof *tok * 4096);
    for (int s = 0; s < c->n; s++) {
        if (folds > 0 && block(s, c->n, folds) != only)
            continue;
        const sx_sent *st = &c->s[s];
        if (st->n > 4096)
            continue;
        atoms(t, st, tok);
        sx_tag_trained(&t->m, tok, st->n);
        for (int i = 0; i < st->n; i++)
            tags[s][i] = (uint16_t)(tok[i].tag - 1);
    }
    free(tok);
}

double tag_accuracy(const tdata *d, const sx_corpus *c, uint16_t **tags) {
    return tag_accuracy2(d, c, tags, NULL);
}

double tag_accuracy2(const tdata *d, const sx_corpus *c, uint16_t **tags, double *upos) {
    long ok = 0, all = 0, uok = 0;
    for (int s = 0; s < c->n; s++)
        for (int i = 0; i < c->s[s].n; i++) {
            all++;
            ok += tag_class(d, &c->s[s].w[i]) == (int)tags[s][i];
            uok += strcmp(d->tag_upos[tags[s][i]], c->s[s].w[i].upos) == 0;
        }
    if (upos)
        *upos = all ? (double)uok / (double)all : 0;
    return all ? (double)ok / (double)all : 0;
}

double train_tagger(const tdata *d, const topts *o, tmodel *t, int folds, int skip,
                    const sx_corpus *dev, int epochs) {
    const int nf = SX_TAG_NFEAT;
    const sx_corpus *c = &d->train;
    tsent *ts = xcalloc((size_t)c->n, sizeof *ts);
    int *order = xmalloc((size_t)c->n * sizeof *order), ns = 0;
    /* Each training sentence sees the lexicon of the other sentences (ten
     * parts), so the lexicon's classes are as (in)complete for it as they
     * will be for new text; otherwise the tagger learns to trust them too
     * much. */
    int parts = o->lex_parts > 1 ? o->lex_parts : 1;
    for (int part = 0; part < parts; part++) {
        tmodel tp = *t;
        if (parts > 1) {
            kv_build kb = {0};
            build_lexicon_parts(d, c, folds, skip, parts, part, o->lex_min, &kb);
            tp.lex = kv_table(&kb, &tp.nlex);
            kv_free(&kb);
            tmodel_view(&tp);
        }
        for (int s = 0; s < c->n; s++) {
            if ((folds > 0 && block(s, c->n, folds) == skip) ||
                (parts > 1 && block(s, c->n, parts) != part))
                continue;
            const sx_sent *st = &c->s[s];
            tsent *x = &ts[ns];
            x->n = st->n;
            x->tok = xmalloc((size_t)st->n * sizeof *x->tok);
            x->gold = xmalloc((size_t)st->n * sizeof *x->gold);
            atoms(&tp, st, x->tok);
            for (int i = 0; i < st->n; i++)
                x->gold[i] = (int16_t)tag_class(d, &st->w[i]);
            order[ns] = ns;
            ns++;
        }
        if (parts > 1)
            free(tp.lex);
    }
    uint16_t **dev_tags = NULL;
    if (dev) {
        dev_tags = xcalloc((size_t)dev->n, sizeof *dev_tags);
        for (int s = 0; s < dev->n; s++)
            dev_tags[s] = xcalloc((size_t)dev->s[s].n + 1, sizeof **dev_tags);
    }
    /* With dev, o->ensemble runs from different shuffles, each stopped at
     * its best epoch on dev, are summed: the sum of linear scorers is their
     * ensemble at the cost of one. Without dev (jackknifing), one run of
     * `epochs` epochs. */
    int runs = dev && o->ensemble > 1 ? o->ensemble : 1;
    uint64_t f[SX_TAG_NFEAT];
    float score[SX_MAX_TAGS];
    ap_store ens;
    ap_init(&ens, d->ntags);
    double best_acc = -1;
    int best_epoch = 0;
    for (int run = 0; run < runs; run++) {
        ap_store a, snap;
        ap_init(&a, d->ntags);
        ap_init(&snap, d->ntags);
        a.min_upd = (uint32_t)o->tag_min_upd;
        uint64_t seed = (o->seed + (uint64_t)run * 1000003) * 0x9E3779B97F4A7C15ULL + 17;
        double run_acc = -1;
        int run_epoch = 0;
        for (int ep = 1; ep <= epochs; ep++) {
            double t0 = now_s();
            long err = 0, all = 0;
            shuffle(order, ns, &seed);
            for (int oi = 0; oi < ns; oi++) {
                tsent *x = &ts[order[oi]];
                for (int i = 0; i < x->n; i++) {
                    if (x->tok[i].amb & SX_LEX_SURE) { /* as sx_tag: no decision to learn */
                        x->tok[i].tag = (uint16_t)(x->tok[i].amb & 0xFF);
                        continue;
                    }
                    sx_tag_feats(x->tok, x->n, i, f);
                    memset(score, 0, sizeof(float) * d->ntags);
                    ap_score(&a, f, nf, score);
                    unsigned pred = 0;
                    for (unsigned k = 1; k < d->ntags; k++)
                        if (score[k] > score[pred])
                            pred = k;
                    ap_tick(&a);
                    int g = x->gold[i];
                    if (g >= 0 && (unsigned)g != pred) {
                        ap_update(&a, f, nf, (unsigned)g, 1);
                        ap_update(&a, f, nf, pred, -1);
                        err++;
                    }
                    all++;
                    x->tok[i].tag = (uint16_t)(pred + 1);
                }
            }
            if (!dev)
                continue;
            ap_rows_out cur;
            ap_export_rows(&a, o->tag_prune, 24, &cur);
            t->tagger = cur;
            tmodel_view(t);
            tag_corpus(t, dev, 0, 0, dev_tags);
            free(cur.slot);
            free(cur.pool);
            double uacc, acc = tag_accuracy2(d, dev, dev_tags, &uacc);
            say("  tagger run %d epoch %2d: train errors %.2f%%, dev %.2f%% (UPOS %.2f%%), "
                "%u features, %.1f s\n", run + 1, ep, 100.0 * (double)err / (double)all,
                100 * acc, 100 * uacc, (unsigned)a.used, now_s() - t0);
            if (acc > run_acc) {
                ap_free(&snap);
                ap_init(&snap, d->ntags);
                ap_add_avg(&snap, &a);
                run_acc = acc;
                run_epoch = ep;
            } else if (ep - run_epoch >= 3) {
                break;
            }
        }
        if (dev) {
            ap_add_avg(&ens, &snap);
            if (run == 0)
                best_epoch = run_epoch; /* what the jackknife taggers run */
        } else {
            ap_add_avg(&ens, &a);
        }
        ap_free(&a);
        ap_free(&snap);
    }
    ap_rows_out out;
    ap_export_rows(&ens, o->tag_prune, 24, &out);
    ap_free(&ens);
    t->tagger = out;
    tmodel_view(t);
    if (dev) {
        t->tag_epoch = best_epoch;
        tag_corpus(t, dev, 0, 0, dev_tags);
        double uacc;
        best_acc = tag_accuracy2(d, dev, dev_tags, &uacc);
        if (runs > 1)
            say("  tagger ensemble of %d: dev %.2f%% (UPOS %.2f%%)\n", runs, 100 * best_acc,
                100 * uacc);
    }
    for (int s = 0; s < ns; s++) {
        free(ts[s].tok);
        free(ts[s].gold);
    }
    free(ts);
    free(order);
    if (dev_tags) {
        for (int s = 0; s < dev->n; s++)
            free(dev_tags[s]);
        free(dev_tags);
    }
    return best_acc;
}
