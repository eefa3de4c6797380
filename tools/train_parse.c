/*
 * train_parse.c — training the arc-hybrid parser and its arc labeller with
 * a dynamic oracle (Goldberg & Nivre 2013): at every step the cost of each
 * valid transition is the number of gold arcs it makes unreachable; the
 * perceptron is updated when its best transition costs more than the
 * cheapest one, and from the second epoch on the parser follows its own
 * mistakes with probability 0.9, so it learns to act well in the states its
 * errors lead to. Gold trees that are not projective simply have a nonzero
 * minimum cost somewhere; no sentence is dropped.
 *
 * The labeller is trained on the arcs the parser actually builds: when the
 * head is right, its label is scored against the gold one. The label it
 * predicts (not the gold one) goes into the state, as at run time.
 */
#include <stdlib.h>
#include <string.h>

#include "train.h"

typedef struct psent {
    int n;
    const char **form;
    sx_tok *tok;
    int *gh;        /* gold head of 1..n, the root as n + 1 */
    int *gl;        /* gold label class of 1..n */
    int *kid;       /* gold dependents of each word: kid[kstart[i] .. kstart[i + 1]) */
    int *kstart;
} psent;

typedef struct oracle {
    const psent *p;
    const sx_state *s;
    const unsigned char *instack;
} oracle;

/* Gold dependents of w still in the buffer (b .. n): they are lost once w
 * leaves the stack. */
static int lost_kids(const oracle *o, int w) {
    int c = 0;
    for (int k = o->p->kstart[w]; k < o->p->kstart[w + 1]; k++)
        c += o->p->kid[k] >= o->s->b;
    return c;
}

static int cost(const oracle *o, int t) {
    const sx_state *s = o->s;
    const psent *p = o->p;
    int b = s->b, c = 0;
    if (t == SX_SHIFT) {
        int s0 = s->sp ? s->stack[s->sp - 1] : 0;
        int g = p->gh[b];
        if (g != s0 && g <= p->n && o->instack[g])
            c++;
        for (int k = p->kstart[b]; k < p->kstart[b + 1]; k++)
            c += o->instack[p->kid[k]];
        return c;
    }
    int s0 = s->stack[s->sp - 1], s1 = s->sp >= 2 ? s->stack[s->sp - 2] : -1;
    int g = p->gh[s0];
    if (t == SX_LEFT)
        c += g != b && (g == s1 || g > b);
    else
        c += g >= b;
    return c + lost_kids(o, s0);
}

static void make_psent(const tdata *d, const tmodel *t, const sx_sent *st, const uint16_t *tags,
                       psent *p) {
    int n = st->n;
    char low[SX_MAX_FORM];
    p->n = n;
    p->form = xmalloc((size_t)n * sizeof *p->form);
    for (int i = 0; i < n; i++)
        p->form[i] = st->w[i].form;
    p->tok = xmalloc((size_t)n * sizeof *p->tok);
    p->gh = xmalloc((size_t)(n + 2) * sizeof *p->gh);
    p->gl = xmalloc((size_t)(n + 2) * sizeof *p->gl);
    p->kstart = xcalloc((size_t)(n + 3), sizeof *p->kstart);
    p->kid = xmalloc((size_t)(n + 1) * sizeof *p->kid);
    pl_arena arena = {0};
    for (int i = 0; i < n; i++) {
        size_t ln = sx_tok_setup(&p->tok[i], st->w[i].form, i == 0, &t->m.lex, &t->m.wnet, low);
        p->tok[i].tag = (uint16_t)(tags[i] + 1);
        const char *lemma = sx_lemma(&t->m, &arena, st->w[i].form, low, ln, tags[i]);
        p->tok[i].sem = (uint16_t)sx_sem(&t->m, lemma ? lemma : "", t->m.tag_upos[tags[i]]);
        int h = st->w[i].head;
        p->gh[i + 1] = h == 0 ? n + 1 : h;
        p->gl[i + 1] = label_class(d, st->w[i].deprel);
    }
    pl_arena_free(&arena);
    sx_sent_flags(p->tok, n);
    p->gh[0] = p->gh[n + 1] = -1;
    /* dependents by head, in order (counting sort) */
    for (int i = 1; i <= n; i++)
        p->kstart[p->gh[i] + 1]++;
    for (int h = 1; h <= n + 2; h++)
        p->kstart[h] += p->kstart[h - 1];
    int *fill = xmalloc((size_t)(n + 2) * sizeof *fill);
    memcpy(fill, p->kstart, (size_t)(n + 2) * sizeof *fill);
    for (int i = 1; i <= n; i++)
        p->kid[fill[p->gh[i]]++] = i;
    free(fill);
}

static void free_psent(psent *p) {
    free(p->form);
    free(p->tok);
    free(p->gh);
    free(p->gl);
    free(p->kid);
    free(p->kstart);
}

/* UAS and LAS of the runtime parser (t->m) on dev. */
static void evaluate(const tmodel *t, const psent *dev, int ndev, double *uas, double *las) {
    long all = 0, uh = 0, lh = 0;
    int cap = 0;
    int32_t *stack = NULL;
    sx_node *node = NULL;
    for (int s = 0; s < ndev; s++) {
        const psent *p = &dev[s];
        if (p->n + 2 > cap) {
            cap = p->n + 2;
            stack = xrealloc(stack, (size_t)cap * sizeof *stack);
            node = xrealloc(node, (size_t)cap * sizeof *node);
        }
        sx_state st = {.stack = stack, .node = node};
        sx_state_init(&st, p->n);
        sx_parse_tree(&t->m, &st, p->tok);
        sx_punct_fix(&t->m, &st, p->tok, p->form);
        sx_label_fix(&t->m, &st, p->tok, p->form);
        for (int i = 1; i <= p->n; i++) {
            int h = node[i].head == 0 ? p->n + 1 : node[i].head;
            all++;
            if (h == p->gh[i]) {
                uh++;
                lh += (int)node[i].label - 1 == p->gl[i];
            }
        }
    }
    free(stack);
    free(node);
    *uas = all ? (double)uh / (double)all : 0;
    *las = all ? (double)lh / (double)all : 0;
}

typedef struct prun {
    const tdata *d;
    const topts *o;
    tmodel *t;
    const psent *tr, *dv;
    int ntrain, ndev;
    int32_t *stack;
    sx_node *node;
    unsigned char *instack;
    int *order;
} prun;

/* One pass over the training sentences: parse each with the dynamic oracle,
 * updating pa (transitions) and la (labels). */
static void epoch(prun *r, ap_store *pa, ap_store *la, int ep, uint64_t *seed, long *stat) {
    const tdata *d = r->d;
    uint64_t f[SX_PARSE_NFEAT], lf[SX_LABEL_NFEAT];
    float lscore[SX_MAX_LABELS];
    shuffle(r->order, r->ntrain, seed);
    for (int oi = 0; oi < r->ntrain; oi++) {
        const psent *p = &r->tr[r->order[oi]];
        sx_state st = {.stack = r->stack, .node = r->node};
        sx_state_init(&st, p->n);
        memset(r->instack, 0, (size_t)p->n + 2);
        oracle orc = {p, &st, r->instack};
        unsigned valid;
        while ((valid = sx_valid(&st)) != 0) {
            int next;
            if ((valid & (valid - 1)) == 0) {
                next = __builtin_ctz(valid);
            } else {
                float sc[SX_NTRANS] = {0, 0, 0};
                sx_parse_feats(&st, p->tok, f);
                int nf = SX_PARSE_NFEAT;
                if (r->o->dropout > 0) /* hide some features: less reliance on any one */
                    for (int q = nf - 1; q >= 0; q--)
                        if ((int)(rng_next(seed) % 100) < r->o->dropout)
                            f[q] = f[--nf];
                ap_score(pa, f, nf, sc);
                int c[SX_NTRANS], minc = 1 << 30, pred = -1, gold = -1;
                for (int k = 0; k < SX_NTRANS; k++) {
                    if (!(valid >> k & 1))
                        continue;
                    c[k] = cost(&orc, k);
                    if (c[k] < minc)
                        minc = c[k];
                    if (pred < 0 || sc[k] > sc[pred])
                        pred = k;
                }
                for (int k = 0; k < SX_NTRANS; k++)
                    if ((valid >> k & 1) && c[k] == minc && (gold < 0 || sc[k] > sc[gold]))
                        gold = k;
                ap_tick(pa);
                stat[0]++;
                next = pred;
                /* the best wrong-costing transition, to learn from when it
                 * wins or comes within the margin */
                int rival = -1;
                for (int k = 0; k < SX_NTRANS; k++)
                    if ((valid >> k & 1) && c[k] > minc && (rival < 0 || sc[k] > sc[rival]))
                        rival = k;
                if (rival >= 0 && sc[rival] + r->o->margin >= sc[gold] && (c[pred] > minc || r->o->margin > 0)) {
                    ap_update(pa, f, nf, (unsigned)gold, 1);
                    ap_update(pa, f, nf, (unsigned)rival, -1);
                }
                if (c[pred] > minc) {
                    stat[1]++;
                    /* from the second epoch on, follow the mistake explore_p% of the time */
                    int explore = ep >= r->o->explore_from &&
                                  (int)(rng_next(seed) % 100) < r->o->explore_p;
                    if (!explore)
                        next = gold;
                }
            }
            unsigned label = 0;
            if (next != SX_SHIFT) {
                int h, dd = sx_arc_of(&st, next, &h);
                if (h == 0) {
                    label = d->root_label + 1;
                } else {
                    sx_label_feats(&st, p->tok, h, dd, lf);
                    memset(lscore, 0, sizeof(float) * d->nlabels);
                    ap_score(la, lf, SX_LABEL_NFEAT, lscore);
                    unsigned lp = d->nlabels;
                    for (unsigned k = 0; k < d->nlabels; k++)
                        if (k != d->root_label && (lp == d->nlabels || lscore[k] > lscore[lp]))
                            lp = k;
                    ap_tick(la);
                    int gl = p->gl[dd];
                    if (p->gh[dd] == h && gl >= 0) {
                        stat[2]++;
                        if ((unsigned)gl != lp) {
                            ap_update(la, lf, SX_LABEL_NFEAT, (unsigned)gl, 1);
                            ap_update(la, lf, SX_LABEL_NFEAT, lp, -1);
                            stat[3]++;
                        }
                    }
                    label = lp + 1;
                }
            }
            if (next == SX_SHIFT)
                r->instack[st.b] = 1;
            else
                r->instack[st.stack[st.sp - 1]] = 0;
            sx_apply(&st, next, label);
        }
    }
}

/* One training run from seed: epochs until LAS on dev has not improved for
 * four; the averaged weights of the best epoch go to snap_p and snap_l.
 * Returns that epoch. */
static int run_parser(prun *r, int run, ap_store *snap_p, ap_store *snap_l) {
    const topts *o = r->o;
    tmodel *t = r->t;
    ap_store pa, la;
    ap_init(&pa, SX_NTRANS);
    ap_init(&la, r->d->nlabels);
    pa.min_upd = la.min_upd = (uint32_t)o->min_upd;
    uint64_t seed = (o->seed + (uint64_t)run * 1000003) * 0x9E3779B97F4A7C15ULL + 29;
    double best_las = -1;
    int best_epoch = 0;
    for (int ep = 1; ep <= o->parse_epochs; ep++) {
        double t0 = now_s();
        long stat[4] = {0, 0, 0, 0}; /* steps, step errors, arcs, label errors */
        epoch(r, &pa, &la, ep, &seed, stat);
        ap_export_w3(&pa, o->prune, &t->trans);
        ap_export_rows(&la, o->prune, 12, &t->labeller);
        tmodel_view(t);
        double uas, las;
        evaluate(t, r->dv, r->ndev, &uas, &las);
        free(t->trans.slot);
        free(t->labeller.slot);
        free(t->labeller.pool);
        memset(&t->trans, 0, sizeof t->trans);
        memset(&t->labeller, 0, sizeof t->labeller);
        say("  parser run %d epoch %2d: step errors %.2f%%, label errors %.2f%%, dev UAS %.2f%% "
            "LAS %.2f%%, %u+%u features, %.1f s\n",
            run + 1, ep, 100.0 * (double)stat[1] / (double)(stat[0] ? stat[0] : 1),
            100.0 * (double)stat[3] / (double)(stat[2] ? stat[2] : 1), 100 * uas, 100 * las,
            (unsigned)pa.used, (unsigned)la.used, now_s() - t0);
        if (las > best_las) {
            ap_free(snap_p);
            ap_free(snap_l);
            ap_init(snap_p, SX_NTRANS);
            ap_init(snap_l, r->d->nlabels);
            ap_add_avg(snap_p, &pa);
            ap_add_avg(snap_l, &la);
            best_las = las;
            best_epoch = ep;
        } else if (ep - best_epoch >= 4) {
            break;
        }
    }
    ap_free(&pa);
    ap_free(&la);
    return best_epoch;
}

void train_parser(const tdata *d, const topts *o, tmodel *t, uint16_t **train_tags,
                  uint16_t **dev_tags) {
    prun r = {d, o, t, NULL, NULL, d->train.n, d->dev.n, NULL, NULL, NULL, NULL};
    psent *tr = xcalloc((size_t)r.ntrain, sizeof *tr), *dv = xcalloc((size_t)r.ndev, sizeof *dv);
    int maxn = 0;
    for (int s = 0; s < r.ntrain; s++) {
        make_psent(d, t, &d->train.s[s], train_tags[s], &tr[s]);
        if (tr[s].n > maxn)
            maxn = tr[s].n;
    }
    for (int s = 0; s < r.ndev; s++)
        make_psent(d, t, &d->dev.s[s], dev_tags[s], &dv[s]);
    r.tr = tr;
    r.dv = dv;
    r.stack = xmalloc((size_t)(maxn + 2) * sizeof *r.stack);
    r.node = xmalloc((size_t)(maxn + 2) * sizeof *r.node);
    r.instack = xcalloc((size_t)maxn + 2, 1);
    r.order = xmalloc((size_t)r.ntrain * sizeof *r.order);
    for (int s = 0; s < r.ntrain; s++)
        r.order[s] = s;

    /* o->ensemble runs from different shuffles are summed: the sum of
     * linear scorers is their ensemble, at the cost of one at run time */
    ap_store ens_p, ens_l;
    ap_init(&ens_p, SX_NTRANS);
    ap_init(&ens_l, d->nlabels);
    int runs = o->ensemble > 1 ? o->ensemble : 1;
    for (int run = 0; run < runs; run++) {
        ap_store snap_p, snap_l;
        ap_init(&snap_p, SX_NTRANS);
        ap_init(&snap_l, d->nlabels);
        int ep = run_parser(&r, run, &snap_p, &snap_l);
        if (run == 0)
            t->parse_epoch = ep;
        ap_add_avg(&ens_p, &snap_p);
        ap_add_avg(&ens_l, &snap_l);
        ap_free(&snap_p);
        ap_free(&snap_l);
    }
    ap_export_w3(&ens_p, o->prune, &t->trans);
    ap_export_rows(&ens_l, o->prune, 12, &t->labeller);
    ap_free(&ens_p);
    ap_free(&ens_l);
    tmodel_view(t);
    evaluate(t, dv, r.ndev, &t->uas_dev, &t->las_dev);
    if (runs > 1)
        say("  parser ensemble of %d: dev UAS %.2f%% LAS %.2f%%\n", runs, 100 * t->uas_dev,
            100 * t->las_dev);
    for (int s = 0; s < r.ntrain; s++)
        free_psent(&tr[s]);
    for (int s = 0; s < r.ndev; s++)
        free_psent(&dv[s]);
    free(tr);
    free(dv);
    free(r.stack);
    free(r.node);
    free(r.instack);
    free(r.order);
}
