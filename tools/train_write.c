/*
 * train_write.c — hash tables for the model's key -> value sections, the
 * runtime view of a model being trained, and the model file writer (layout
 * in src/syntax/model.h).
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "train.h"

uint32_t table_size(size_t n) {
    /* buckets filled to 80% at most, and never full */
    size_t buckets = (n * 10 + SX_BUCKET * 8 - 1) / (SX_BUCKET * 8);
    if (buckets == 0 || buckets * SX_BUCKET <= n)
        buckets++;
    if (buckets > (1u << 28)) {
        say("train: table of %zu entries is too large\n", n);
        exit(1);
    }
    return (uint32_t)buckets;
}

void kv_add(kv_build *b, uint64_t key, uint32_t val) {
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 1024;
        b->keys = xrealloc(b->keys, b->cap * sizeof *b->keys);
        b->vals = xrealloc(b->vals, b->cap * sizeof *b->vals);
    }
    b->keys[b->n] = key;
    b->vals[b->n] = val;
    b->n++;
}

sx_kvb *kv_table(const kv_build *b, uint32_t *nbucket) {
    uint32_t nb = table_size(b->n), size = nb * SX_BUCKET;
    sx_kvb *t = xcalloc(nb, sizeof *t);
    for (size_t i = 0; i < b->n; i++) {
        uint32_t fp = sx_fp32(b->keys[i]), j = sx_bucket(b->keys[i], nb) * SX_BUCKET;
        uint32_t *f;
        /* slots fill in order along the key's buckets */
        while (*(f = &t[j / SX_BUCKET].fp[j % SX_BUCKET]) && *f != fp)
            j = j + 1 == size ? 0 : j + 1;
        if (*f)
            continue; /* same fingerprint on the search path: the first wins */
        *f = fp;
        t[j / SX_BUCKET].val[j % SX_BUCKET] = b->vals[i];
    }
    *nbucket = nb;
    return t;
}

void kv_free(kv_build *b) {
    free(b->keys);
    free(b->vals);
    memset(b, 0, sizeof *b);
}

uint32_t str_add(tmodel *t, const char *s) {
    size_t n = strlen(s) + 1;
    long *at = smap_get(&t->strmap, s, n - 1, -1);
    if (*at >= 0)
        return (uint32_t)*at;
    *at = (long)t->nstr;
    if (t->nstr + n > t->capstr) {
        t->capstr = (t->capstr + n) * 2;
        t->str = xrealloc(t->str, t->capstr);
    }
    memcpy(t->str + t->nstr, s, n);
    t->nstr += n;
    if (t->nstr >= (1u << 24)) {
        say("train: string pool over 16 MB\n");
        exit(1);
    }
    return (uint32_t)(t->nstr - n);
}

static void view_kv(sx_kvtab *v, const sx_kvb *b, uint32_t n) {
    static const sx_kvb empty;
    v->b = b ? b : &empty;
    v->nbucket = b ? n : 1;
}

void tmodel_view(tmodel *t) {
    pl_model *m = &t->m;
    m->str = t->str;
    m->nstr = (uint32_t)t->nstr;
    view_kv(&m->tagger.idx, t->tagger.slot, t->tagger.nslot);
    m->tagger.pool = t->tagger.pool;
    m->tagger.nclass = m->par.ntags;
    m->par.tag_scale = t->tagger.scale;
    view_kv(&m->labeller.idx, t->labeller.slot, t->labeller.nslot);
    m->labeller.pool = t->labeller.pool;
    m->labeller.nclass = m->par.nlabels;
    m->par.label_scale = t->labeller.scale;
    static const sx_w3b empty3;
    m->trans.b = t->trans.slot ? t->trans.slot : &empty3;
    m->trans.nbucket = t->trans.slot ? t->trans.nslot : 1;
    m->par.trans_scale = t->trans.scale;
    view_kv(&m->lex, t->lex, t->nlex);
    view_kv(&m->wnet, t->wnet, t->nwnet);
    view_kv(&m->lemx, t->lemx, t->nlemx);
    view_kv(&m->lrul, t->lrul, t->nlrul);
    for (unsigned i = 0; i < m->par.ntags && t->tagnames; i++) {
        const char *u = t->str + t->tagnames[i].upos, *x = t->str + t->tagnames[i].xpos;
        m->tag_upos[i] = (uint16_t)pl_upos_id(u, strlen(u));
        m->tag_xpos[i] = (uint16_t)pl_xpos_id(x, strlen(x));
        m->tag_xname[i] = x;
    }
    memset(m->dep_label, 0, sizeof m->dep_label);
    for (unsigned i = 0; i < m->par.nlabels && t->labnames; i++) {
        const char *l = t->str + t->labnames[i];
        m->label_dep[i] = (uint16_t)pl_deprel_id(l, strlen(l));
        if (m->label_dep[i] && !m->dep_label[m->label_dep[i]])
            m->dep_label[m->label_dep[i]] = (int16_t)(i + 1);
    }
}

/* ---- the file ------------------------------------------------------------------ */

typedef struct out {
    unsigned char *b;
    size_t n, cap;
} out;

static void put(out *o, const void *p, size_t n) {
    if (o->n + n > o->cap) {
        o->cap = (o->n + n) * 2;
        o->b = xrealloc(o->b, o->cap);
    }
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void pad(out *o) {
    static const unsigned char zero[SX_ALIGN];
    if (o->n % SX_ALIGN)
        put(o, zero, SX_ALIGN - o->n % SX_ALIGN);
}

typedef struct sec {
    uint32_t id, elem;
    const void *p;
    uint64_t count;
} sec;

int write_model(const tmodel *t, const char *path) {
    sx_params par = t->m.par;
    memset(par.reserved, 0, sizeof par.reserved);
    sec secs[] = {
        {SX_SEC_PARM, sizeof(sx_params), &par, 1},
        {SX_SEC_STRS, 1, t->str, t->nstr},
        {SX_SEC_TAGS, sizeof(sx_tagname), t->tagnames, par.ntags},
        {SX_SEC_LABS, sizeof(uint32_t), t->labnames, par.nlabels},
        {SX_SEC_TIDX, sizeof(sx_kvb), t->tagger.slot, t->tagger.nslot},
        {SX_SEC_TPOL, sizeof(uint32_t), t->tagger.pool, t->tagger.npool},
        {SX_SEC_PIDX, sizeof(sx_w3b), t->trans.slot, t->trans.nslot},
        {SX_SEC_LIDX, sizeof(sx_kvb), t->labeller.slot, t->labeller.nslot},
        {SX_SEC_LPOL, sizeof(uint32_t), t->labeller.pool, t->labeller.npool},
        {SX_SEC_LEXI, sizeof(sx_kvb), t->lex, t->nlex},
        {SX_SEC_WNET, sizeof(sx_kvb), t->wnet, t->nwnet},
        {SX_SEC_LEMX, sizeof(sx_kvb), t->lemx, t->nlemx},
        {SX_SEC_LRUL, sizeof(sx_kvb), t->lrul, t->nlrul},
    };
    enum { NSEC = sizeof secs / sizeof secs[0] };
    out o = {0};
    sx_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, SX_MAGIC, 8);
    h.version = SX_VERSION;
    h.endian = SX_ENDIAN;
    h.fprobe = SX_FPROBE;
    h.header_size = sizeof(sx_header);
    h.section_size = sizeof(sx_section);
    h.nsections = NSEC;
    put(&o, &h, sizeof h);
    sx_section table[NSEC];
    memset(table, 0, sizeof table);
    put(&o, table, sizeof table);
    for (int i = 0; i < NSEC; i++) {
        pad(&o);
        table[i].id = secs[i].id;
        table[i].elem_size = secs[i].elem;
        table[i].offset = o.n;
        table[i].count = secs[i].count;
        put(&o, secs[i].p, secs[i].elem * secs[i].count);
    }
    memcpy(o.b + sizeof h, table, sizeof table);
    h.file_size = o.n + 4;
    memcpy(o.b, &h, sizeof h);
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), o.b, (uInt)o.n);
    put(&o, &crc, 4);
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(o.b, 1, o.n, f) == o.n;
    if (f && fclose(f) != 0)
        ok = 0;
    free(o.b);
    if (!ok) {
        say("train: %s: cannot write\n", path);
        return -1;
    }
    return 0;
}
