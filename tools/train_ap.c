/*
 * train_ap.c — the averaged perceptron's weight store: one row per feature
 * hash (open addressing), each row a short list of (class, weight) entries,
 * averaged lazily (an entry remembers when it last changed and the sum of
 * its past values), and the export to the model's quantized tables.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "train.h"

void ap_init(ap_store *a, unsigned nclass) {
    memset(a, 0, sizeof *a);
    a->cap = 1 << 16;
    a->rows = xcalloc(a->cap, sizeof *a->rows);
    a->nclass = nclass;
}

void ap_free(ap_store *a) {
    for (size_t i = 0; i < a->cap; i++)
        free(a->rows[i].e);
    free(a->rows);
    memset(a, 0, sizeof *a);
}

static inline uint64_t nonzero(uint64_t k) {
    return k ? k : 1;
}

static const ap_row *find(const ap_store *a, uint64_t key) {
    key = nonzero(key);
    size_t mask = a->cap - 1, i = (size_t)(key ^ key >> 29) & mask;
    for (;;) {
        const ap_row *r = &a->rows[i];
        if (r->key == key)
            return r;
        if (r->key == 0)
            return NULL;
        i = (i + 1) & mask;
    }
}

static void grow(ap_store *a) {
    ap_row *old = a->rows;
    size_t oldcap = a->cap;
    a->cap *= 2;
    a->rows = xcalloc(a->cap, sizeof *a->rows);
    size_t mask = a->cap - 1;
    for (size_t j = 0; j < oldcap; j++) {
        if (!old[j].key)
            continue;
        size_t i = (size_t)(old[j].key ^ old[j].key >> 29) & mask;
        while (a->rows[i].key)
            i = (i + 1) & mask;
        a->rows[i] = old[j];
    }
    free(old);
}

static ap_row *get(ap_store *a, uint64_t key) {
    key = nonzero(key);
    if ((a->used + 1) * 2 > a->cap)
        grow(a);
    size_t mask = a->cap - 1, i = (size_t)(key ^ key >> 29) & mask;
    for (;;) {
        ap_row *r = &a->rows[i];
        if (r->key == key)
            return r;
        if (r->key == 0) {
            r->key = key;
            a->used++;
            return r;
        }
        i = (i + 1) & mask;
    }
}

void ap_score(const ap_store *a, const uint64_t *f, int n, float *score) {
    for (int i = 0; i < n; i++) {
        const ap_row *r = find(a, f[i]);
        if (!r)
            continue;
        for (uint32_t k = 0; k < r->n; k++)
            score[r->e[k].cls] += r->e[k].w;
    }
}

void ap_update(ap_store *a, const uint64_t *f, int n, unsigned c, float delta) {
    for (int i = 0; i < n; i++) {
        ap_row *r = get(a, f[i]);
        r->nupd++;
        ap_ent *e = NULL;
        for (uint32_t k = 0; k < r->n; k++)
            if (r->e[k].cls == c) {
                e = &r->e[k];
                break;
            }
        if (!e) {
            if (r->n == r->cap) {
                r->cap = r->cap ? r->cap * 2 : 2;
                r->e = xrealloc(r->e, r->cap * sizeof *r->e);
            }
            e = &r->e[r->n++];
            e->acc = 0;
            e->w = 0;
            e->ts = a->now;
            e->cls = c;
        }
        e->acc += (double)e->w * (double)(a->now - e->ts);
        e->ts = a->now;
        e->w += delta;
    }
}

static double avg(const ap_store *a, const ap_ent *e) {
    double total = e->acc + (double)e->w * (double)(a->now - e->ts);
    return a->now ? total / a->now : e->w;
}

/* Rows are written in key order, so the file does not depend on the
 * store's layout. */
static int cmp_key(const void *x, const void *y) {
    uint64_t a = (*(const ap_row *const *)x)->key, b = (*(const ap_row *const *)y)->key;
    return a < b ? -1 : a > b;
}

static const ap_row **sorted_rows(const ap_store *a) {
    const ap_row **v = xmalloc((a->used + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < a->cap; i++)
        if (a->rows[i].key)
            v[n++] = &a->rows[i];
    qsort(v, n, sizeof *v, cmp_key);
    return v;
}

static double max_abs(const ap_store *a) {
    double m = 0;
    for (size_t i = 0; i < a->cap; i++)
        for (uint32_t k = 0; k < a->rows[i].n; k++) {
            double v = fabs(avg(a, &a->rows[i].e[k]));
            if (v > m)
                m = v;
        }
    return m > 0 ? m : 1;
}

void ap_add_avg(ap_store *dst, const ap_store *src) {
    for (size_t i = 0; i < src->cap; i++) {
        const ap_row *r = &src->rows[i];
        if (!r->key || r->nupd < src->min_upd)
            continue;
        for (uint32_t k = 0; k < r->n; k++) {
            float w = (float)avg(src, &r->e[k]);
            if (w == 0)
                continue;
            ap_row *d = get(dst, r->key);
            ap_ent *e = NULL;
            for (uint32_t j = 0; j < d->n; j++)
                if (d->e[j].cls == r->e[k].cls) {
                    e = &d->e[j];
                    break;
                }
            if (!e) {
                if (d->n == d->cap) {
                    d->cap = d->cap ? d->cap * 2 : 2;
                    d->e = xrealloc(d->e, d->cap * sizeof *d->e);
                }
                e = &d->e[d->n++];
                memset(e, 0, sizeof *e);
                e->cls = r->e[k].cls;
            }
            e->w += w;
            if (d->nupd < r->nupd)
                d->nupd = r->nupd;
        }
    }
}

static int16_t quant(double v, double scale) {
    double q = nearbyint(v / scale);
    return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

void ap_export_rows(const ap_store *a, float prune, unsigned dense_min, ap_rows_out *out) {
    double scale = max_abs(a) / 32767.0;
    const ap_row **v = sorted_rows(a);
    kv_build kb = {0};
    size_t cap = 1 << 16, np = 0;
    uint32_t *pool = xmalloc(cap * sizeof *pool);
    for (size_t i = 0; i < a->used; i++) {
        const ap_row *r = v[i];
        size_t start = np;
        if (r->nupd < a->min_upd)
            continue;
        /* entries in class order */
        for (unsigned c = 0; c < a->nclass; c++)
            for (uint32_t k = 0; k < r->n; k++) {
                if (r->e[k].cls != c)
                    continue;
                double w = avg(a, &r->e[k]);
                if (fabs(w) < prune * scale)
                    continue;
                int16_t q = quant(w, scale);
                if (q == 0)
                    continue;
                if (np == cap) {
                    cap *= 2;
                    pool = xrealloc(pool, cap * sizeof *pool);
                }
                pool[np++] = c << 16 | (uint16_t)q;
            }
        size_t cnt = np - start;
        if (cnt >= dense_min || cnt > 254) {
            /* many classes: a dense row adds faster than scattered entries */
            uint32_t words = sx_dense_words(a->nclass);
            int16_t *row = xcalloc(words * 2, sizeof *row);
            for (size_t k = start; k < np; k++)
                row[pool[k] >> 16] = (int16_t)(uint16_t)(pool[k] & 0xFFFF);
            np = start;
            while (np + words > cap) {
                cap *= 2;
                pool = xrealloc(pool, cap * sizeof *pool);
            }
            memcpy(pool + np, row, words * sizeof *pool);
            np += words;
            free(row);
            kv_add(&kb, r->key, (uint32_t)(start << 8));
        } else if (cnt > 0) {
            kv_add(&kb, r->key, (uint32_t)(start << 8 | cnt));
        }
    }
    free(v);
    if (np >= (1u << 24)) {
        say("train: a weight pool of %zu entries does not fit the format\n", np);
        exit(1);
    }
    out->slot = kv_table(&kb, &out->nslot);
    out->pool = pool;
    out->npool = (uint32_t)np;
    out->scale = (float)scale;
    kv_free(&kb);
}

void ap_export_w3(const ap_store *a, float prune, ap_w3_out *out) {
    double scale = max_abs(a) / 32767.0;
    const ap_row **v = sorted_rows(a);
    int16_t (*w)[3] = xcalloc(a->used + 1, sizeof *w);
    size_t n = 0;
    for (size_t i = 0; i < a->used; i++) {
        const ap_row *r = v[i];
        int any = 0;
        if (r->nupd < a->min_upd)
            continue;
        for (uint32_t k = 0; k < r->n; k++) {
            double x = avg(a, &r->e[k]);
            if (fabs(x) < prune * scale || r->e[k].cls > 2)
                continue;
            w[i][r->e[k].cls] = quant(x, scale);
            any |= w[i][r->e[k].cls] != 0;
        }
        n += any;
    }
    uint32_t nb = table_size(n), size = nb * SX_BUCKET;
    sx_w3b *slot = xcalloc(nb, sizeof *slot);
    for (size_t i = 0; i < a->used; i++) {
        if (!w[i][0] && !w[i][1] && !w[i][2])
            continue;
        uint64_t key = v[i]->key;
        uint16_t fp = sx_fp16(key);
        uint32_t j = sx_bucket(key, nb) * SX_BUCKET;
        uint16_t *f;
        while (*(f = &slot[j / SX_BUCKET].fp[j % SX_BUCKET]) && *f != fp)
            j = j + 1 == size ? 0 : j + 1;
        if (*f)
            continue; /* a fingerprint clash on the search path: keep the first */
        *f = fp;
        memcpy(slot[j / SX_BUCKET].w[j % SX_BUCKET], w[i], sizeof w[i]);
    }
    free(w);
    free(v);
    out->slot = slot;
    out->nslot = nb;
    out->scale = (float)scale;
}
