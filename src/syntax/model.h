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
 *   TIDX  sx_kv, 2^k                   tagger features -> row in TPOL
 *   TPOL  uint32_t, n                  tagger rows (below)
 *   PIDX  sx_w3, 2^k                   transition features -> 3 weights inline
 *   LIDX  sx_kv, 2^k                   labeller features -> row in LPOL
 *   LPOL  uint32_t, n                  labeller rows, as TPOL
 *   LEXI  sx_kv, 2^k                   word -> tag-set class (SX_LEX_SURE in feats.h)
 *   WNET  sx_kv, 2^k                   WordNet lemma -> part-of-speech mask
 *   LEMX  sx_kv, 2^k                   "word<TAB>XPOS" -> lemma (STRS offset)
 *   LRUL  sx_kv, 2^k                   "XPOS<TAB>suffix" -> strip << 24 | add
 *
 * Hash tables use open addressing with linear probing over 2^k slots: a key
 * (a 64-bit hash, feats.h) starts at slot (key & (2^k - 1)) and is found by
 * its fingerprint, the high 32 bits of the key (16 bits for PIDX), with 0
 * replaced by 1; fingerprint 0 marks an empty slot, and every table keeps at
 * least one, so a probe always ends.
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

#include "core/core.h"
#include "syntax/syntax.h"

#define SX_MAGIC "PLSYNTAX"
#define SX_VERSION 1u
#define SX_ENDIAN 0x01020304u
#define SX_FPROBE 1234.5f
#define SX_ALIGN 64

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

typedef struct sx_kv {
    uint32_t fp;             /* key fingerprint; 0 = empty slot */
    uint32_t val;            /* payload; for TIDX/LIDX: pool offset << 8 | entries (0: dense) */
} sx_kv;

typedef struct sx_w3 {
    uint16_t fp;             /* key fingerprint (bits 48..63); 0 = empty */
    int16_t w[3];            /* weights of SHIFT, LEFT, RIGHT */
} sx_w3;

_Static_assert(sizeof(sx_header) == 64, "sx_header is 64 bytes");
_Static_assert(sizeof(sx_section) == 24, "sx_section is 24 bytes");
_Static_assert(sizeof(sx_params) == 64, "sx_params is 64 bytes");
_Static_assert(sizeof(sx_kv) == 8 && sizeof(sx_w3) == 8, "8-byte slots");

/* ---- the loaded view ------------------------------------------------------ */

typedef struct sx_kvtab {
    const sx_kv *slot;
    uint32_t mask;           /* slots - 1 */
} sx_kvtab;

typedef struct sx_rows {
    sx_kvtab idx;
    const uint32_t *pool;
    uint32_t nclass;
} sx_rows;

typedef struct sx_w3tab {
    const sx_w3 *slot;
    uint32_t mask;
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

static inline const sx_kv *sx_kv_find(const sx_kvtab *t, uint64_t key) {
    uint32_t fp = sx_fp32(key), i = (uint32_t)key & t->mask;
    for (;;) {
        const sx_kv *e = &t->slot[i];
        if (e->fp == fp)
            return e;
        if (e->fp == 0)
            return NULL;
        i = (i + 1) & t->mask;
    }
}

static inline uint16_t sx_fp16(uint64_t key) {
    uint16_t fp = (uint16_t)(key >> 48);
    return fp ? fp : 1;
}

static inline const sx_w3 *sx_w3_find(const sx_w3tab *t, uint64_t key) {
    uint16_t fp = sx_fp16(key);
    uint32_t i = (uint32_t)key & t->mask;
    for (;;) {
        const sx_w3 *e = &t->slot[i];
        if (e->fp == fp)
            return e;
        if (e->fp == 0)
            return NULL;
        i = (i + 1) & t->mask;
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
