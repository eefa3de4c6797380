/*
 * report.h — the insides of `parley report`, shared by its files:
 * report.c aggregates events as they come (daily bins, country pairs,
 * places, the table's most recent events), source.c feeds it from an event
 * store or a JSON Lines file, svg.c draws the charts, html.c writes the page.
 *
 * Every aggregate is bounded by what it counts (days, country pairs,
 * 0.5-degree map cells), never by the number of events, so a report of a
 * million events holds a few megabytes; only the table keeps whole events,
 * at most opts.table_max of them.
 */
#ifndef PL_REPORT_H
#define PL_REPORT_H

#include "core/core.h"

/* One event as the report sees it, whatever it came from. Strings are
 * borrowed for the duration of the call; lengths are in bytes. */
typedef struct rp_item {
    int32_t day;              /* days since 1970-01-01; RP_NODAY when unknown */
    const char *date;         /* as given: "YYYY-MM-DD", "YYYY" or "" */
    const char *source, *target;            /* actor codes, "" unknown */
    const char *source_node, *target_node;  /* network nodes: the country, else the code */
    const char *code;         /* CAMEO event code */
    int quad;                 /* 1..4, else 0 */
    double goldstein;
    uint32_t articles;        /* documents reporting it (1 for a single record) */
    /* the table's fields; only read when the event goes to the table */
    const char *doc, *title, *url;
    const char *evidence;     /* the evidence sentence */
    size_t evidence_len;
    struct { int64_t off, len; } span[3];   /* source, target, predicate words,
                                               relative to the evidence; len 0
                                               when unknown or outside it */
    const char *place;        /* location name, "" none */
    int located;              /* lat, lon valid */
    double lat, lon;
} rp_item;

#define RP_NODAY INT32_MIN

/* Days since 1970-01-01 of "YYYY-MM-DD" or "YYYY" (then January 1st, as in
 * the store); RP_NODAY for anything else. */
PL_INTERNAL int32_t rp_day(const char *date);
/* Days since 1970-01-01 of year y, month m, day d (a valid date). */
PL_INTERNAL int32_t rp_days(int y, int m, int d);
/* The civil date of day d as "YYYY-MM-DD" (out has 11 bytes). */
PL_INTERNAL void rp_date(int32_t d, char out[11]);

/* ---- aggregates -------------------------------------------------------- */

/* A daily series: counts per quad class and the Goldstein sum. */
typedef struct rp_day_bin {
    int32_t day;
    uint64_t n[5];            /* [0] events without a quad class, [1..4] by quad */
    double goldstein;
} rp_day_bin;

typedef struct rp_series {
    rp_day_bin *bin;          /* open-addressed on day, cap a power of two */
    size_t n, cap;
    uint64_t undated;         /* events without a day */
    uint64_t total;
} rp_series;

/* An unordered pair of network nodes (a < b by strcmp). */
typedef struct rp_pair {
    char *a, *b;              /* NULL: empty slot */
    uint64_t n, ab, ba;       /* events, a -> b, b -> a */
    double goldstein;
} rp_pair;

/* A 0.5-degree map cell. */
typedef struct rp_cell {
    int32_t key;              /* (lat index << 16) | lon index, -1: empty slot */
    uint64_t n;
    double goldstein, lat, lon;   /* sums, for the mean and the centroid */
    char *name;               /* the place most events name (majority vote) */
    int64_t votes;
} rp_cell;

/* An event kept for the table. */
typedef struct rp_row {
    int32_t day;
    uint64_t seq;             /* order of arrival: ties of day */
    char *date, *source, *target, *code, *doc, *title, *url, *evidence, *place;
    size_t evidence_len;
    struct { int64_t off, len; } span[3];
    int quad;
    double goldstein;
    uint32_t articles;
} rp_row;

struct pl_report {
    pl_ctx *ctx;
    char *title, *subtitle, *dyad_source, *dyad_target, *map;
    uint32_t table_max, top_dyads, map_max;
    rp_series all, dyad;      /* the dyad's series only with a dyad */
    uint64_t quad[5];
    double goldstein;
    rp_pair *pair;            /* open-addressed on (a, b) */
    size_t npair, pair_cap;
    uint64_t self_pairs, no_pair;   /* events left out of the network */
    rp_cell *cell;            /* open-addressed on key */
    size_t ncell, cell_cap;
    uint64_t located;
    rp_row **heap;            /* min-heap on (day, seq): the table_max latest */
    size_t nheap;
    uint64_t seq;
    const char *source_kind;  /* "store" or "jsonl", for the page's note */
    int err;                  /* sticky PL_ENOMEM */
};

/* Adds an event to the aggregates and, when it is among the table_max most
 * recent so far and table is set, to the table. PL_OK or PL_ENOMEM. */
PL_INTERNAL int rp_add(pl_report *r, const rp_item *it, int aggregate, int table);

/* Counts it in s (by it->day, quad and goldstein). PL_OK or PL_ENOMEM. */
PL_INTERNAL int rp_series_add(rp_series *s, const rp_item *it);

/* Days seen in the series, sorted; *n gets how many. NULL when none or out
 * of memory (then *n = 0 and r->err is set when it was memory). */
PL_INTERNAL rp_day_bin *rp_series_sorted(pl_report *r, const rp_series *s, size_t *n);

/* 1 when code starts with prefix, letters compared without case. */
PL_INTERNAL int rp_prefix(const char *code, const char *prefix);

/* ---- output ------------------------------------------------------------ */

/* Appends s[0..n) escaped for HTML text and attribute values: & < > " '
 * as entities, control characters dropped (tab and newline kept), invalid
 * UTF-8 as U+FFFD. */
PL_INTERNAL void rp_esc(pl_buf *b, const char *s, size_t n);
PL_INTERNAL void rp_escs(pl_buf *b, const char *s);
/* A number with thousands separators: 1,234,567. */
PL_INTERNAL void rp_count(pl_buf *b, uint64_t n);
/* The colour of a mean Goldstein score: red (-10) through grey to blue (+10). */
PL_INTERNAL void rp_gold_colour(pl_buf *b, double mean);

/* The charts, each a <figure> with its SVG and a caption. */
PL_INTERNAL void rp_svg_timeline(pl_report *r, pl_buf *b, const rp_series *s, const char *id,
                                 const char *heading);
PL_INTERNAL void rp_svg_network(pl_report *r, pl_buf *b);
/* The map; outlines is the country file's text (may be NULL: no outlines). */
PL_INTERNAL void rp_svg_map(pl_report *r, pl_buf *b, const char *outlines, size_t len);

/* The names of quad classes and CAMEO roots. */
PL_INTERNAL const char *rp_quad_name(int quad);
PL_INTERNAL const char *rp_root_name(const char *code);

#endif
