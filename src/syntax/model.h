/*
 * model.h — the syntax model file (data/model/en-ewt.model): its binary
 * layout, the validated in-memory view, and the lookups the tagger, parser
 * and lemmatizer make into it. Written by tools/train_write.c, read here.
 *
 * FILE LAYOUT (version 1). Every integer and float is little-endian; the
 * loader refuses a host whose byte order or float format differs (the probes
 * in the header), so arrays are used in place, straight from the mapping.
 *
 *   offset 0    sx_header (64 bytes)
 *   offset 64   section table: nsections x sx_section (24 bytes each)
 *   ...         section payloads, each at an offset that is a multiple of 64
 *   size - 4    CRC-32 (zlib's crc32) of bytes [0, size - 4), little-endian
 *
 * Sections (id: element type, count):
 *   PARM  sx_params, 1                 counts, weight scales
 *   STRS  char, n                      NUL-terminated strings; ends with NUL
 *   TAGS  sx_tagname, ntags            UPOS and XPOS names of each tag class
 *   LABS  uint32_t, nlabels            name of each relation class (STRS offset)
 *   TIDX  sx_kvb, n                    tagger features -> row in TPOL
 *   TPOL  uint32_t, n                  tagger rows (below)
 *   PIDX  sx_w3b, n                    transition features -> 3 weights inline
 *   LIDX  sx_kvb, n                    labeller features -> row in LPOL
 *   LPOL  uint32_t, n                  labeller rows, as TPOL
 *   LEXI  sx_kvb, n                     word -> tag-set class (SX_LEX_SURE in feats.h)
 *   WNET  sx_kvb, n                     WordNet lemma -> part-of-speech mask
 *   LEMX  sx_kvb, n                     "word<TAB>XPOS" -> lemma (STRS offset)
 *   LRUL  sx_kvb, n                     "XPOS<TAB>suffix" -> strip << 24 | add
 *
 * Hash tables are arrays of 64-byte buckets (one cache line) of SX_BUCKET
 * slots, filled to about 80%. A key (a 64-bit hash, feats.h) belongs to
 * bucket (low 32 bits of the key) * buckets / 2^32 and is found by its
 * fingerprint, the high 32 bits of the key (16 bits in PIDX), 0 replaced by
 * 1: a bucket's slots fill in order, so the search looks at the key's
 * bucket (all eight fingerprints at once), then at the next (wrapping
 * around) while the bucket is full. Fingerprint 0 marks an empty slot, and
 * every table keeps at least one, so a search always ends.
 *
 * Weights are averaged-perceptron weights quantized to int16: the real
 * weight is the stored one times the section's scale in PARM. A row of TPOL
 * or LPOL is either sparse, entries (class << 16 | (uint16_t)weight) for the
 * classes with a weight (the index value's low byte counts them, 1..254), or
 * dense (low byte 0): one int16 weight per class, classes rounded up to a
 * multiple of 8, two to a uint32_t, low half first.
 */
#ifndef PL_SX_MODEL_H
#define PL_SX_MODEL_H

#include <stdint.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/core.h"
#include "syntax/syntax.h"

#define SX_MAGIC "PLSYNTAX"
#define SX_VERSION 1u
#define SX_ENDIAN 0x01020304u
#define SX_FPROBE 1234.5f
#define SX_ALIGN 64
#define SX_BUCKET 8        /* slots in a 64-byte bucket */

#define SX_MAX_TAGS 248    /* tag classes (a sparse row holds at most 254 entries) */
#define SX_MAX_LABELS 64   /* relation classes (label sets are 64-bit masks) */

#define SX_ID(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | (uint32_t)(d) << 24)
enum {
    SX_SEC_PARM = SX_ID('P', 'A', 'R', 'M'),
    SX_SEC_STRS = SX_ID('S', 'T', 'R', 'S'),
    SX_SEC_TAGS = SX_ID('T', 'A', 'G', 'S'),
    SX_SEC_LABS = SX_ID('L', 'A', 'B', 'S'),
    SX_SEC_TIDX = SX_ID('T', 'I', 'D', 'X'),
    SX_SEC_TPOL = SX_ID('T', 'P', 'O', 'L'),
    SX_SEC_PIDX = SX_ID('P', 'I', 'D', 'X'),
    SX_SEC_LIDX = SX_ID('L', 'I', 'D', 'X'),
    SX_SEC_LPOL = SX_ID('L', 'P', 'O', 'L'),
    SX_SEC_LEXI = SX_ID('L', 'E', 'X', 'I'),
    SX_SEC_WNET = SX_ID('W', 'N', 'E', 'T'),
    SX_SEC_LEMX = SX_ID('L', 'E', 'M', 'X'),
    SX_SEC_LRUL = SX_ID('L', 'R', 'U', 'L')
};

typedef struct sx_header {
    char magic[8];           /* "PLSYNTAX", no NUL */
    uint32_t version;        /* SX_VERSION; a newer version is refused */
    uint32_t endian;         /* SX_ENDIAN: reads back as 0x01020304 on a matching host */
    float fprobe;            /* SX_FPROBE: IEEE-754 binary32 in the same byte order */
    uint32_t header_size;    /* sizeof(sx_header) = 64 */
    uint32_t section_size;   /* sizeof(sx_section) = 24 */
    uint32_t nsections;      /* entries in the section table at offset 64 */
    uint64_t file_size;      /* bytes in the whole file, CRC trailer included */
    uint32_t flags;          /* 0 */
    uint32_t reserved[5];    /* 0 */
} sx_header;

typedef struct sx_section {
    uint32_t id;             /* SX_SEC_* */
    uint32_t elem_size;      /* bytes per element, checked against the reader's type */
    uint64_t offset;         /* from the start of the file, a multiple of SX_ALIGN */
    uint64_t count;          /* elements */
} sx_section;

typedef struct sx_params {
    uint32_t ntags;          /* tag classes, 1..SX_MAX_TAGS; TAGS has this many */
    uint32_t nlabels;        /* relation classes, 1..SX_MAX_LABELS; LABS has this many */
    uint32_t root_label;     /* class of "root", < nlabels */
    uint32_t rule_max;       /* longest suffix in LRUL, in bytes (<= 32) */
    float tag_scale;         /* TPOL weight unit, finite and > 0 */
    float trans_scale;       /* PIDX weight unit */
    float label_scale;       /* LPOL weight unit */
    uint32_t reserved[9];    /* 0 */
} sx_params;

typedef struct sx_tagname {
    uint32_t upos;           /* STRS offset of the UPOS name ("NOUN") */
    uint32_t xpos;           /* STRS offset of the XPOS name ("NNS") */
} sx_tagname;

typedef struct sx_kvb {
    uint32_t fp[SX_BUCKET];  /* key fingerprints; 0 = empty slot (empty slots last) */
    uint32_t val[SX_BUCKET]; /* payloads; for TIDX/LIDX: pool offset << 8 | entries (0: dense) */
} sx_kvb;

typedef struct sx_w3b {
    uint16_t fp[SX_BUCKET];  /* key fingerprints (bits 48..63); 0 = empty */
    int16_t w[SX_BUCKET][3]; /* weights of SHIFT, LEFT, RIGHT */
} sx_w3b;

_Static_assert(sizeof(sx_header) == 64, "sx_header is 64 bytes");
_Static_assert(sizeof(sx_section) == 24, "sx_section is 24 bytes");
_Static_assert(sizeof(sx_params) == 64, "sx_params is 64 bytes");
_Static_assert(sizeof(sx_kvb) == 64 && sizeof(sx_w3b) == 64, "buckets are cache lines");

/* ---- the loaded view ------------------------------------------------------ */

typedef struct sx_kvtab {
    const sx_kvb *b;
    uint32_t nbucket;        /* >= 1 */
} sx_kvtab;

typedef struct sx_rows {
    sx_kvtab idx;
    const uint32_t *pool;
    uint32_t nclass;
} sx_rows;

typedef struct sx_w3tab {
    const sx_w3b *b;
    uint32_t nbucket;
} sx_w3tab;

struct pl_model {
    void *map;               /* the file, mapped read-only */
    size_t size;
    sx_params par;
    const char *str;         /* STRS */
    uint32_t nstr;
    uint16_t tag_upos[SX_MAX_TAGS];      /* PL_UPOS_* of each tag class */
    uint16_t tag_xpos[SX_MAX_TAGS];      /* PL_XPOS_* of each tag class */
    const char *tag_xname[SX_MAX_TAGS];  /* the XPOS string of each class */
    uint16_t label_dep[SX_MAX_LABELS];   /* PL_DEP_* of each relation class */
    int16_t dep_label[PL_DEP_COUNT];     /* relation class + 1 of each PL_DEP_*, 0 none */
    sx_rows tagger, labeller;
    sx_w3tab trans;
    sx_kvtab lex, wnet, lemx, lrul;
};

static inline uint32_t sx_fp32(uint64_t key) {
    uint32_t fp = (uint32_t)(key >> 32);
    return fp ? fp : 1;
}

static inline uint16_t sx_fp16(uint64_t key) {
    uint16_t fp = (uint16_t)(key >> 48);
    return fp ? fp : 1;
}

/* The bucket of a key among n. */
static inline uint32_t sx_bucket(uint64_t key, uint32_t n) {
    return (uint32_t)(((uint64_t)(uint32_t)key * n) >> 32);
}

/* Bit i of the result: fp[i] == key; of *empty: fp[i] == 0. */
static inline unsigned sx_scan32(const uint32_t *fp, uint32_t key, unsigned *empty) {
#ifdef __SSE2__
    __m128i k = _mm_set1_epi32((int)key), z = _mm_setzero_si128();
    __m128i a = _mm_loadu_si128((const __m128i *)fp), b = _mm_loadu_si128((const __m128i *)(fp + 4));
    *empty = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, z))) |
             (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(b, z))) << 4;
    return (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, k))) |
           (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(b, k))) << 4;
#else
    unsigned m = 0, e = 0;
    for (int i = 0; i < SX_BUCKET; i++) {
        m |= (unsigned)(fp[i] == key) << i;
        e |= (unsigned)(fp[i] == 0) << i;
    }
    *empty = e;
    return m;
#endif
}

static inline unsigned sx_scan16(const uint16_t *fp, uint16_t key, unsigned *empty) {
#ifdef __SSE2__
    __m128i a = _mm_loadu_si128((const __m128i *)fp);
    /* movemask gives two bits a lane: keep one */
    *empty = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(a, _mm_setzero_si128())) & 0x5555u;
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(a, _mm_set1_epi16((short)key))) & 0x5555u;
#else
    unsigned m = 0, e = 0;
    for (int i = 0; i < SX_BUCKET; i++) {
        m |= (unsigned)(fp[i] == key) << (2 * i);
        e |= (unsigned)(fp[i] == 0) << (2 * i);
    }
    *empty = e;
    return m;
#endif
}

/* The value stored under key, or NULL. */
static inline const uint32_t *sx_kv_find(const sx_kvtab *t, uint64_t key) {
    uint32_t fp = sx_fp32(key), b = sx_bucket(key, t->nbucket);
    for (;;) {
        const sx_kvb *x = &t->b[b];
        unsigned empty, m = sx_scan32(x->fp, fp, &empty);
        if (m)
            return &x->val[__builtin_ctz(m)];
        if (empty)
            return NULL;
        if (++b == t->nbucket)
            b = 0;
    }
}

/* The three weights stored under key, or NULL. */
static inline const int16_t *sx_w3_find(const sx_w3tab *t, uint64_t key) {
    uint16_t fp = sx_fp16(key);
    uint32_t b = sx_bucket(key, t->nbucket);
    for (;;) {
        const sx_w3b *x = &t->b[b];
        unsigned empty, m = sx_scan16(x->fp, fp, &empty);
        if (m)
            return x->w[__builtin_ctz(m) / 2];
        if (empty)
            return NULL;
        if (++b == t->nbucket)
            b = 0;
    }
}

/* Words in a dense row of nclass classes. */
static inline uint32_t sx_dense_words(uint32_t nclass) {
    return (nclass + 7) / 8 * 4;
}

/* Adds the rows of features f[0..n) to score[0..nclass) (integer units);
 * score must have room for nclass rounded up to a multiple of 8. */
PL_INTERNAL void sx_rows_score(const sx_rows *r, const uint64_t *f, int n, int32_t *score);
/* Adds the transition weights of features f[0..n) to score[0..3). */
PL_INTERNAL void sx_w3_score(const sx_w3tab *t, const uint64_t *f, int n, int32_t *score);

/* Validates the model in buf[0..size) (as read from path, used in messages)
 * and fills m's view of it; buf must stay mapped while m is used.
 * PL_EMODEL with "path@offset: what" in ctx when anything is wrong. */
PL_INTERNAL int sx_model_open(pl_ctx *ctx, pl_model *m, const void *buf, size_t size,
                              const char *path);

#endif
