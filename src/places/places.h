/*
 * places.h — the places module's internals: the gazetteer's entries and its
 * name table, the match keys of words, and the per-document state that
 * finds and resolves places. The public face is the "places" section of
 * parley.h; the design is in docs/places.md.
 *
 * Map: fold.c (match keys), gazetteer.c (loading, lookup), find.c (places
 * of a sentence, datelines, resolution), locate.c (event locations).
 */
#ifndef PL_PLACES_H
#define PL_PLACES_H

#include "core/core.h"

/* Entry kinds. */
enum { PLC_COUNTRY = 1, PLC_REGION, PLC_CITY };

typedef struct plc_entry {
    double lat, lon;
    uint32_t pop;           /* population (sum of its cities for a country or region) */
    uint32_t geonames;      /* GeoNames id of a city, 0 otherwise */
    int32_t country;        /* entry of its country (itself for a country) */
    int32_t region;         /* entry of its ADM1 (itself for a region), -1 none */
    const char *name;       /* primary name */
    const char *full;       /* "City, Region, Country" */
    uint8_t kind;           /* PLC_* */
    char cc[3], cc3[4], fips[3];  /* of its country */
    char admin1[10];        /* GeoNames admin1 code ("05", "TX"); "" none */
    char iso_sub[12];       /* ISO 3166-2 code of a region; "" none */
} plc_entry;

/* Name flags. */
enum {
    PLC_N_PREFIX = 1,       /* a longer name continues this key with " ..." */
    PLC_N_WEAK = 2,         /* a common word too: a place only with a cue */
    PLC_N_DROP = 4          /* never a place */
};
/* Posting flags. */
enum { PLC_P_QUALIFIER = 1 };   /* only as "Place, QUALIFIER" */

/* A match key and the entries it names (a linked list of postings). Keys
 * starting with a byte below 0x20 are codes, not names: "\1UA" a country
 * by ISO alpha-2, "\2UA.05" a region, "\3703448" a GeoNames id, "\4UKR" a
 * country by alpha-3 (or CAMEO) code. */
typedef struct plc_name {
    const char *key;
    uint32_t klen;
    int32_t head;           /* first posting, -1 when none */
    uint8_t flags;          /* PLC_N_* */
} plc_name;

typedef struct plc_post {
    int32_t entry;
    int32_t next;           /* next posting of the same name, -1 at the end */
    uint8_t flags;          /* PLC_P_* */
} plc_post;

struct pl_places {
    pl_arena strings;       /* keys, names, full names */
    plc_entry *e;
    uint32_t ne, cape;
    plc_name *names;
    uint32_t nnames, capnames;
    uint32_t *slots;        /* open addressing: name index + 1, 0 = empty */
    uint32_t capslots;      /* a power of two */
    plc_post *posts;
    uint32_t nposts, capposts;
    size_t ncountry, nregion, ncity, naliases;
};

/* Longest match key, in bytes. */
#define PLC_KEY_MAX 256

/* Appends the match key of s[0..n) to out (cap bytes, *len used so far):
 * lower case without accents, dots and apostrophes dropped, any other
 * punctuation or space a single space between words. Returns 0, or -1 when
 * the key would not fit. */
PL_INTERNAL int plc_fold(const char *s, size_t n, char *out, size_t cap, size_t *len);

/* 1 when the first letter of s[0..n) is upper case. */
PL_INTERNAL int plc_upper_initial(const char *s, size_t n);

/* The name record of key[0..n), NULL when none. */
PL_INTERNAL const plc_name *plc_find(const pl_places *g, const char *key, size_t n);

/* An entry by code: kind 1 country (ISO2), 2 region ("UA.05"), 3 GeoNames
 * id, 4 alpha-3 country; -1 when none. */
PL_INTERNAL int32_t plc_code(const pl_places *g, int kind, const char *code);

/* Geography of entry id (without span or reasons). */
PL_INTERNAL void plc_geo(const pl_places *g, int32_t id, pl_geo *out);

/* Great-circle distance in km. */
PL_INTERNAL double plc_km(double lat1, double lon1, double lat2, double lon2);

/* ---- one document's state (find.c, locate.c) ------------------------------ */

/* A candidate entry of a name, with its scores. */
typedef struct plc_cand {
    int32_t entry;
    float base;             /* prior: population, kind, cues, qualifier */
    float total;            /* base + context */
} plc_cand;

/* A place name found in the sentence. */
typedef struct plc_span {
    uint32_t start, end;    /* tokens, with the qualifier */
    uint32_t nend;          /* end of the name itself */
    uint32_t c0, nc;        /* candidates: pc->cand[c0 .. c0+nc) */
    int32_t qual;           /* qualifier entry, -1 none */
    int32_t best;           /* chosen entry */
    uint8_t cue, why;
    uint8_t region_cue;     /* "the region of X", "X oblast" */
    uint8_t keep;           /* a place (else only a candidate name) */
    char prep[15];
} plc_span;

#define PLC_CTX_MAX 64

struct pl_placer {
    pl_ctx *ctx;
    const pl_places *g;
    const pl_doc *doc;
    int64_t last_index;     /* index of the sentence seen last, -1 none */
    /* the document's dateline */
    int dl_known;
    int32_t dl_entry;       /* -1 when none */
    uint32_t dl_off, dl_len;    /* bytes of its name */
    uint32_t dl_end;        /* end of name and qualifier */
    pl_geo dl_geo;
    uint32_t dl_c0, dl_nc;  /* its candidates (kept in dl_cand) */
    plc_cand dl_cand[16];
    /* the document so far: places (entries) and countries */
    int32_t doc_places[PLC_CTX_MAX];
    uint32_t ndoc;          /* total pushed; the last PLC_CTX_MAX are kept */
    int32_t doc_countries[PLC_CTX_MAX];
    uint32_t ndocc;
    /* the sentence */
    int32_t sent_countries[PLC_CTX_MAX];   /* countries of the sentence's actors */
    uint32_t sc_start[PLC_CTX_MAX], sc_end[PLC_CTX_MAX];  /* their tokens */
    uint32_t nsc;
    plc_span *spans;
    size_t nspans, capspans;
    plc_cand *cand;
    size_t ncand, capcand;
    pl_place_list last;
    uint32_t *last_span;    /* span of each place of last */
    size_t cap_last_span;
};

/* Finds and resolves the places of s into pc->last (and pc->spans). */
/* The bytes [*off, *end) of the dateline's place name (and qualifier) of
 * doc, found when the first of its sentences s comes; 0 when it has none.
 * The pipeline keeps these words out of actor roles. */
PL_INTERNAL int plc_dateline_span(pl_placer *pc, const pl_doc *doc, const pl_sentence *s,
                                  uint32_t *off, uint32_t *end);
PL_INTERNAL int plc_sentence(pl_placer *pc, const pl_doc *doc, const pl_sentence *s,
                             const pl_mentions *ms);

/* The best candidate of span sp when the countries c1, c2 (entries, -1
 * none) are an event's actors; *why set to PL_WHY_ACTORS when they changed
 * the choice. */
PL_INTERNAL int32_t plc_rerank(const pl_placer *pc, const plc_span *sp, int32_t c1, int32_t c2,
                               uint8_t *why);

#endif
