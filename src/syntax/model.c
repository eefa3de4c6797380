/*
 * model.c — loading and validating the syntax model file (layout in
 * model.h), and the weight lookups shared by the tagger, parser and
 * labeller.
 *
 * The file is mapped read-only in one call and checked completely before
 * anything uses it: magic, version, byte-order and float probes, structure
 * sizes, the file size, the CRC-32 trailer, then every section's offset,
 * count and element size against the file, and every value inside a
 * section that is used as an index (row offsets, class ids, string offsets).
 * A truncated, corrupt or foreign file is a PL_EMODEL error naming the byte
 * offset where the problem is; nothing in a model can make a lookup read
 * outside the mapping or loop forever.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "syntax/feats.h"
#include "syntax/model.h"
#include "syntax/syntax.h"

/* ---- scoring ---------------------------------------------------------------- */

/* Lookups are made in two passes so the loads of one pass overlap: first the
 * index slots of every feature (prefetched), then the rows. */
void sx_rows_score(const sx_rows *r, const uint64_t *f, int n, int32_t *score) {
    uint32_t val[128];
    int m = 0;
    if (n > 128)
        n = 128;
    for (int i = 0; i < n; i++)
        __builtin_prefetch(&r->idx.b[sx_bucket(f[i], r->idx.nbucket)]);
    for (int i = 0; i < n; i++) {
        const uint32_t *v = sx_kv_find(&r->idx, f[i]);
        if (v) {
            val[m++] = *v;
            __builtin_prefetch(&r->pool[*v >> 8]);
        }
    }
    for (int i = 0; i < m; i++) {
        const uint32_t *p = r->pool + (val[i] >> 8);
        unsigned cnt = val[i] & 0xFF;
        if (cnt == 0) { /* dense: a whole row, eight classes at a time */
            unsigned words = sx_dense_words(r->nclass);
            for (unsigned k = 0; k < words; k += 4) {
                int16_t w[8];
                memcpy(w, p + k, sizeof w);
                int32_t *s = score + 2 * k;
                for (int j = 0; j < 8; j++)
                    s[j] += w[j];
            }
            continue;
        }
        for (unsigned k = 0; k < cnt; k++)
            score[p[k] >> 16] += (int16_t)(uint16_t)(p[k] & 0xFFFF);
    }
}

void sx_w3_score(const sx_w3tab *t, const uint64_t *f, int n, int32_t *score) {
    for (int i = 0; i < n; i++)
        __builtin_prefetch(&t->b[sx_bucket(f[i], t->nbucket)]);
    int32_t a = 0, b = 0, c = 0;
    for (int i = 0; i < n; i++) {
        const int16_t *w = sx_w3_find(t, f[i]);
        if (w) {
            a += w[0];
            b += w[1];
            c += w[2];
        }
    }
    score[0] += a;
    score[1] += b;
    score[2] += c;
}

/* ---- validation ---------------------------------------------------------------- */

typedef struct vctx {
    pl_ctx *ctx;
    const char *path;
    const unsigned char *base;
    size_t size;            /* payload bytes: the file without the CRC trailer */
    const sx_section *sec;
    uint32_t nsec;
} vctx;

#define BAD(v, off, ...) bad(v, (uint64_t)(off), __VA_ARGS__)

static int bad(const vctx *v, uint64_t off, const char *fmt, ...) PL_PRINTF(3, 4);
static int bad(const vctx *v, uint64_t off, const char *fmt, ...) {
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pl_fail(v->ctx, PL_EMODEL, "%s@%llu: %s", v->path, (unsigned long long)off, what);
}

static const char *sec_name(uint32_t id, char *buf) {
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)(id >> (8 * i));
        buf[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    buf[4] = 0;
    return buf;
}

/* Finds section id with elements of elem bytes; *out = its payload. */
static int section(const vctx *v, uint32_t id, size_t elem, const void **out, uint64_t *count) {
    char nm[5];
    for (uint32_t i = 0; i < v->nsec; i++) {
        const sx_section *s = &v->sec[i];
        if (s->id != id)
            continue;
        uint64_t where = sizeof(sx_header) + (uint64_t)i * sizeof(sx_section);
        if (s->elem_size != elem)
            return BAD(v, where, "section %s: element size %u, expected %zu", sec_name(id, nm),
                       s->elem_size, elem);
        if (s->offset % SX_ALIGN != 0 || s->offset > v->size)
            return BAD(v, where, "section %s: bad offset %llu", sec_name(id, nm),
                       (unsigned long long)s->offset);
        if (s->count > (v->size - s->offset) / elem)
            return BAD(v, s->offset, "section %s: %llu elements of %zu bytes run past the end",
                       sec_name(id, nm), (unsigned long long)s->count, elem);
        *out = v->base + s->offset;
        *count = s->count;
        return PL_OK;
    }
    return BAD(v, sizeof(sx_header), "missing section %s", sec_name(id, nm));
}

static uint64_t off_of(const vctx *v, const void *p) {
    return (uint64_t)((const unsigned char *)p - v->base);
}

/* A hash table: at least one bucket, and an empty slot. */
static int table_shape(const vctx *v, const void *p, uint64_t count, uint32_t id, int w3) {
    char nm[5];
    if (count == 0 || count > (1ULL << 28))
        return BAD(v, off_of(v, p), "section %s: %llu buckets", sec_name(id, nm),
                   (unsigned long long)count);
    for (uint64_t i = 0; i < count; i++)
        for (int j = 0; j < SX_BUCKET; j++) {
            int empty = w3 ? ((const sx_w3b *)p)[i].fp[j] == 0 : ((const sx_kvb *)p)[i].fp[j] == 0;
            if (empty)
                return PL_OK;
        }
    return BAD(v, off_of(v, p), "section %s: table has no empty slot", sec_name(id, nm));
}

static int load_kv(const vctx *v, uint32_t id, sx_kvtab *t, uint64_t *count) {
    const void *p;
    int rc = section(v, id, sizeof(sx_kvb), &p, count);
    if (rc == PL_OK)
        rc = table_shape(v, p, *count, id, 0);
    t->b = p;
    t->nbucket = (uint32_t)*count;
    return rc;
}

static int load_rows(const vctx *v, uint32_t idx_id, uint32_t pool_id, uint32_t nclass, sx_rows *r) {
    uint64_t nslot, npool;
    const void *pool;
    int rc = load_kv(v, idx_id, &r->idx, &nslot);
    if (rc == PL_OK)
        rc = section(v, pool_id, sizeof(uint32_t), &pool, &npool);
    if (rc != PL_OK)
        return rc;
    r->pool = pool;
    r->nclass = nclass;
    char nm[5], nm2[5];
    for (uint64_t i = 0; i < nslot * SX_BUCKET; i++) {
        const sx_kvb *x = &r->idx.b[i / SX_BUCKET];
        if (x->fp[i % SX_BUCKET] == 0)
            continue;
        const uint32_t *e = &x->val[i % SX_BUCKET];
        uint64_t off = *e >> 8, cnt = *e & 0xFF;
        uint64_t len = cnt ? cnt : sx_dense_words(nclass);
        if (off + len > npool)
            return BAD(v, off_of(v, e), "section %s: row [%llu, +%llu) outside %s",
                       sec_name(idx_id, nm), (unsigned long long)off, (unsigned long long)len,
                       sec_name(pool_id, nm2));
        for (uint64_t k = 0; k < cnt; k++)
            if ((r->pool[off + k] >> 16) >= nclass)
                return BAD(v, off_of(v, &r->pool[off + k]),
                           "section %s: class %u out of range (%u classes)", sec_name(pool_id, nm),
                           r->pool[off + k] >> 16, nclass);
    }
    return PL_OK;
}

static int string_at(const vctx *v, const pl_model *m, uint32_t off, const void *where,
                     const char **out) {
    if (off >= m->nstr)
        return BAD(v, off_of(v, where), "string offset %u outside STRS (%u bytes)", off, m->nstr);
    *out = m->str + off;
    return PL_OK;
}

static int check_scale(const vctx *v, const void *where, float s, const char *what) {
    if (!(isfinite(s) && s > 0))
        return BAD(v, off_of(v, where), "%s is not a positive number", what);
    return PL_OK;
}

int sx_model_open(pl_ctx *ctx, pl_model *m, const void *buf, size_t size, const char *path) {
    vctx v = {ctx, path, buf, 0, NULL, 0};
    const unsigned char *b = buf;
    sx_header h;
    if (size == 0)
        return BAD(&v, 0, "empty file, not a parley syntax model");
    if (size < 8 || memcmp(b, SX_MAGIC, 8) != 0)
        return BAD(&v, 0, "not a parley syntax model (bad magic)");
    if (size < sizeof h + 4)
        return BAD(&v, size, "truncated: only %zu bytes", size);
    memcpy(&h, b, sizeof h);
    if (h.endian != SX_ENDIAN)
        return BAD(&v, offsetof(sx_header, endian), "byte order differs from this machine's");
    if (h.version == 0 || h.version > SX_VERSION)
        return BAD(&v, offsetof(sx_header, version),
                   "model version %u, this library reads version %u", h.version, SX_VERSION);
    if (h.fprobe != SX_FPROBE)
        return BAD(&v, offsetof(sx_header, fprobe), "float format differs from this machine's");
    if (h.header_size != sizeof(sx_header) || h.section_size != sizeof(sx_section))
        return BAD(&v, offsetof(sx_header, header_size), "structure sizes %u/%u, expected %zu/%zu",
                   h.header_size, h.section_size, sizeof(sx_header), sizeof(sx_section));
    if (h.file_size != size)
        return BAD(&v, size < h.file_size ? size : h.file_size,
                   "%s: the header says %llu bytes, the file has %zu",
                   size < h.file_size ? "truncated" : "trailing bytes",
                   (unsigned long long)h.file_size, size);
    v.size = size - 4;
    uint32_t want;
    memcpy(&want, b + v.size, 4);
    uLong crc = crc32(0L, Z_NULL, 0);
    for (size_t done = 0; done < v.size;) { /* zlib takes uInt lengths */
        uInt chunk = v.size - done > (1u << 30) ? (1u << 30) : (uInt)(v.size - done);
        crc = crc32(crc, b + done, chunk);
        done += chunk;
    }
    if ((uint32_t)crc != want)
        return BAD(&v, v.size, "checksum mismatch: the file is corrupt");
    if (h.nsections > (v.size - sizeof h) / sizeof(sx_section))
        return BAD(&v, offsetof(sx_header, nsections), "%u sections do not fit in the file",
                   h.nsections);
    v.sec = (const sx_section *)(b + sizeof h);
    v.nsec = h.nsections;

    memset(m, 0, sizeof *m);
    const void *p;
    uint64_t n;
    int rc = section(&v, SX_SEC_PARM, sizeof(sx_params), &p, &n);
    if (rc != PL_OK)
        return rc;
    if (n != 1)
        return BAD(&v, off_of(&v, p), "section PARM: %llu records, expected 1", (unsigned long long)n);
    memcpy(&m->par, p, sizeof m->par);
    const sx_params *par = p;
    if (m->par.ntags == 0 || m->par.ntags > SX_MAX_TAGS)
        return BAD(&v, off_of(&v, &par->ntags), "%u tag classes (1..%d)", m->par.ntags, SX_MAX_TAGS);
    if (m->par.nlabels == 0 || m->par.nlabels > SX_MAX_LABELS)
        return BAD(&v, off_of(&v, &par->nlabels), "%u relation classes (1..%d)", m->par.nlabels,
                   SX_MAX_LABELS);
    if (m->par.root_label >= m->par.nlabels)
        return BAD(&v, off_of(&v, &par->root_label), "root class %u out of range", m->par.root_label);
    if (m->par.rule_max > 32)
        return BAD(&v, off_of(&v, &par->rule_max), "suffix length %u > 32", m->par.rule_max);
    if ((rc = check_scale(&v, &par->tag_scale, m->par.tag_scale, "tagger scale")) ||
        (rc = check_scale(&v, &par->trans_scale, m->par.trans_scale, "parser scale")) ||
        (rc = check_scale(&v, &par->label_scale, m->par.label_scale, "labeller scale")))
        return rc;

    if ((rc = section(&v, SX_SEC_STRS, 1, &p, &n)) != PL_OK)
        return rc;
    if (n == 0 || n > UINT32_MAX || ((const char *)p)[n - 1] != 0)
        return BAD(&v, off_of(&v, p), "section STRS: does not end with a NUL");
    m->str = p;
    m->nstr = (uint32_t)n;

    if ((rc = section(&v, SX_SEC_TAGS, sizeof(sx_tagname), &p, &n)) != PL_OK)
        return rc;
    if (n != m->par.ntags)
        return BAD(&v, off_of(&v, p), "section TAGS: %llu entries for %u classes",
                   (unsigned long long)n, m->par.ntags);
    for (uint32_t i = 0; i < m->par.ntags; i++) {
        const sx_tagname *t = (const sx_tagname *)p + i;
        const char *u, *x;
        if ((rc = string_at(&v, m, t->upos, t, &u)) || (rc = string_at(&v, m, t->xpos, t, &x)))
            return rc;
        m->tag_upos[i] = (uint16_t)pl_upos_id(u, strlen(u));
        m->tag_xpos[i] = (uint16_t)pl_xpos_id(x, strlen(x));
        m->tag_xname[i] = x;
    }
    if ((rc = section(&v, SX_SEC_LABS, sizeof(uint32_t), &p, &n)) != PL_OK)
        return rc;
    if (n != m->par.nlabels)
        return BAD(&v, off_of(&v, p), "section LABS: %llu entries for %u classes",
                   (unsigned long long)n, m->par.nlabels);
    for (uint32_t i = 0; i < m->par.nlabels; i++) {
        const char *s;
        if ((rc = string_at(&v, m, ((const uint32_t *)p)[i], (const uint32_t *)p + i, &s)))
            return rc;
        m->label_dep[i] = (uint16_t)pl_deprel_id(s, strlen(s));
        if (m->label_dep[i] && !m->dep_label[m->label_dep[i]])
            m->dep_label[m->label_dep[i]] = (int16_t)(i + 1);
    }

    if ((rc = load_rows(&v, SX_SEC_TIDX, SX_SEC_TPOL, m->par.ntags, &m->tagger)) ||
        (rc = load_rows(&v, SX_SEC_LIDX, SX_SEC_LPOL, m->par.nlabels, &m->labeller)))
        return rc;
    if ((rc = section(&v, SX_SEC_PIDX, sizeof(sx_w3b), &p, &n)) ||
        (rc = table_shape(&v, p, n, SX_SEC_PIDX, 1)))
        return rc;
    m->trans.b = p;
    m->trans.nbucket = (uint32_t)n;

    uint64_t cnt;
    if ((rc = load_kv(&v, SX_SEC_LEXI, &m->lex, &cnt)))
        return rc;
    for (uint64_t i = 0; i < cnt * SX_BUCKET; i++) { /* a sure tag is used as a class id */
        const sx_kvb *x = &m->lex.b[i / SX_BUCKET];
        uint32_t e = x->val[i % SX_BUCKET];
        if (x->fp[i % SX_BUCKET] && (e & SX_LEX_SURE) && ((e & 0xFF) == 0 || (e & 0xFF) > m->par.ntags))
            return BAD(&v, off_of(&v, &x->val[i % SX_BUCKET]),
                       "section LEXI: tag class %u out of range", (e & 0xFF) - 1);
    }
    if ((rc = load_kv(&v, SX_SEC_WNET, &m->wnet, &cnt)))
        return rc;
    if ((rc = load_kv(&v, SX_SEC_LEMX, &m->lemx, &cnt)))
        return rc;
    for (uint64_t i = 0; i < cnt * SX_BUCKET; i++) {
        const sx_kvb *x = &m->lemx.b[i / SX_BUCKET];
        const char *s;
        if (x->fp[i % SX_BUCKET] &&
            (rc = string_at(&v, m, x->val[i % SX_BUCKET], &x->val[i % SX_BUCKET], &s)))
            return rc;
    }
    if ((rc = load_kv(&v, SX_SEC_LRUL, &m->lrul, &cnt)))
        return rc;
    for (uint64_t i = 0; i < cnt * SX_BUCKET; i++) {
        const sx_kvb *x = &m->lrul.b[i / SX_BUCKET];
        const char *s;
        if (x->fp[i % SX_BUCKET] &&
            (rc = string_at(&v, m, x->val[i % SX_BUCKET] & 0xFFFFFF, &x->val[i % SX_BUCKET], &s)))
            return rc;
    }
    return PL_OK;
}

#define HUGE ((size_t)2 << 20)

/* ---- loading ---------------------------------------------------------------------- */

pl_model *pl_model_load(pl_ctx *ctx, const char *path) {
    if (!ctx)
        return NULL;
    if (!path) {
        pl_fail(ctx, PL_EARG, "pl_model_load: no path");
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        pl_fail(ctx, PL_EIO, "%s: not a regular file", path);
        close(fd);
        return NULL;
    }
    pl_model *m = malloc(sizeof *m);
    if (!m) {
        close(fd);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    /* One read into memory of our own rather than a mapping of the file:
     * the lookups jump all over the model, and in 2 MB pages (where the
     * kernel grants them) they cost far fewer TLB misses than in 4 KB
     * pages of the page cache. */
    size_t size = (size_t)st.st_size, unit = size >= HUGE ? HUGE : 4096;
    size_t cap = (size + unit - 1) / unit * unit;
    void *buf = NULL;
    if (size > 0) {
        buf = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (buf == MAP_FAILED) {
            pl_fail(ctx, PL_ENOMEM, "%s: out of memory (%zu bytes)", path, size);
            close(fd);
            free(m);
            return NULL;
        }
#ifdef MADV_HUGEPAGE
        madvise(buf, cap, MADV_HUGEPAGE);
#endif
        size_t got = 0;
        while (got < size) {
            ssize_t r = read(fd, (char *)buf + got, size - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                pl_fail(ctx, PL_EIO, "%s: %s", path, r < 0 ? strerror(errno) : "file shrank while read");
                munmap(buf, cap);
                close(fd);
                free(m);
                return NULL;
            }
            got += (size_t)r;
        }
        mprotect(buf, cap, PROT_READ); /* read-only from now on, as promised */
    }
    close(fd);
    if (sx_model_open(ctx, m, buf ? buf : "", size, path) != PL_OK) {
        if (buf)
            munmap(buf, cap);
        free(m);
        return NULL;
    }
    m->map = buf;
    m->size = cap;
    return m;
}

void pl_model_free(pl_model *m) {
    if (!m)
        return;
    if (m->map)
        munmap(m->map, m->size);
    free(m);
}
