/*
 * stats.c — counts and Goldstein sums of stored events, grouped by day,
 * dyad, quad class, dyad and day, or CAMEO root: the series analysts plot.
 * Every figure counts merged events (one per date, actors and code, however
 * many articles reported it), with the mentions and articles behind them.
 * Negated events (stored with --keep-negated) did not happen: not counted.
 *
 * HOW IT WORKS. One pass over the matching events, aggregated in a hash
 * table here, then the groups sorted. SQLite's GROUP BY sorts every event
 * first: for a million events 2.1 s grouping dyads against 0.34 s this way
 * (days: 0.97 s against 0.27 s).
 * Without a condition on the key, the table is read in rowid order (NOT
 * INDEXED: a walk of events_key would add a table lookup per event); with
 * one, only the matching range of events_key (see query.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

typedef struct group {
    uint64_t hash;
    int day, quad;
    const char *source, *target, *root;   /* in the arena; "" when not grouped */
    uint64_t events, mentions, articles;
    double goldstein;
} group;

struct pl_stats {
    pl_store *st;
    int by;
    group *g;                /* n groups; sorted once the scan is done */
    size_t n, cap;
    uint32_t *slot;          /* open addressing: group index + 1, 0 empty */
    size_t nslot;            /* a power of two, at least twice n */
    pl_arena arena;
    size_t next;             /* the next group pl_stats_next returns */
    pl_stats_row row;
    char day[16];
};

static int by_day(int by) {
    return by == PL_STATS_DAY || by == PL_STATS_DYAD_DAY;
}

static int by_dyad(int by) {
    return by == PL_STATS_DYAD || by == PL_STATS_DYAD_DAY;
}

static uint64_t mix(uint64_t h, const void *p, size_t n) {
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ULL;
    return h * 0x100000001b3ULL; /* a separator */
}

static int grow_slots(pl_stats *s) {
    size_t n = s->nslot ? s->nslot * 2 : 1024;
    uint32_t *slot = calloc(n, sizeof *slot);
    if (!slot)
        return PL_ENOMEM;
    for (size_t i = 0; i < s->n; i++) {
        size_t j = (size_t)s->g[i].hash & (n - 1);
        while (slot[j])
            j = (j + 1) & (n - 1);
        slot[j] = (uint32_t)i + 1;
    }
    free(s->slot);
    s->slot = slot;
    s->nslot = n;
    return PL_OK;
}

static int same_group(const group *g, int by, int day, int quad, const char *src, const char *tgt,
                      const char *root) {
    return (!by_day(by) || g->day == day) && (by != PL_STATS_QUAD || g->quad == quad) &&
           (!by_dyad(by) || (strcmp(g->source, src) == 0 && strcmp(g->target, tgt) == 0)) &&
           (by != PL_STATS_ROOT || strcmp(g->root, root) == 0);
}

/* Adds one event's row of the scan to its group. */
static int add_row(pl_stats *s, sqlite3_stmt *q) {
    int by = s->by;
    int day = by_day(by) ? sqlite3_column_int(q, 0) : 0;
    int quad = by == PL_STATS_QUAD ? sqlite3_column_int(q, 4) : 0;
    const char *src = "", *tgt = "", *root = "";
    if (by_dyad(by)) {
        src = (const char *)sqlite3_column_text(q, 1);
        tgt = (const char *)sqlite3_column_text(q, 2);
    }
    if (by == PL_STATS_ROOT)
        root = (const char *)sqlite3_column_text(q, 3);
    if (!src || !tgt || !root)
        return PL_ENOMEM;
    uint64_t h = 0xcbf29ce484222325ULL;
    h = mix(h, &day, sizeof day);
    h = mix(h, &quad, sizeof quad);
    h = mix(h, src, strlen(src));
    h = mix(h, tgt, strlen(tgt));
    h = mix(h, root, strlen(root));
    if (2 * (s->n + 1) > s->nslot && grow_slots(s) != PL_OK)
        return PL_ENOMEM;
    size_t j = (size_t)h & (s->nslot - 1);
    group *g = NULL;
    for (; s->slot[j]; j = (j + 1) & (s->nslot - 1)) {
        group *c = &s->g[s->slot[j] - 1];
        if (c->hash == h && same_group(c, by, day, quad, src, tgt, root)) {
            g = c;
            break;
        }
    }
    if (!g) {
        if (s->n == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            group *ng = realloc(s->g, cap * sizeof *ng);
            if (!ng)
                return PL_ENOMEM;
            s->g = ng;
            s->cap = cap;
        }
        g = &s->g[s->n];
        memset(g, 0, sizeof *g);
        g->hash = h;
        g->day = day;
        g->quad = quad;
        g->source = pl_arena_strndup(&s->arena, src, strlen(src));
        g->target = pl_arena_strndup(&s->arena, tgt, strlen(tgt));
        g->root = pl_arena_strndup(&s->arena, root, strlen(root));
        if (!g->source || !g->target || !g->root)
            return PL_ENOMEM;
        s->slot[j] = (uint32_t)++s->n;
    }
    g->events++;
    g->mentions += (uint64_t)sqlite3_column_int64(q, 5);
    g->articles += (uint64_t)sqlite3_column_int64(q, 6);
    g->goldstein += sqlite3_column_double(q, 7);
    return PL_OK;
}

/* Orders of the groupings: days, dyads by events then codes, quads,
 * dyads then days, roots. */
static int cmp_day(const void *a, const void *b) {
    const group *x = a, *y = b;
    return (x->day > y->day) - (x->day < y->day);
}

static int cmp_dyad(const void *a, const void *b) {
    const group *x = a, *y = b;
    if (x->events != y->events)
        return x->events < y->events ? 1 : -1;
    int c = strcmp(x->source, y->source);
    return c ? c : strcmp(x->target, y->target);
}

static int cmp_quad(const void *a, const void *b) {
    const group *x = a, *y = b;
    return (x->quad > y->quad) - (x->quad < y->quad);
}

static int cmp_dyad_day(const void *a, const void *b) {
    const group *x = a, *y = b;
    int c = strcmp(x->source, y->source);
    if (!c)
        c = strcmp(x->target, y->target);
    return c ? c : cmp_day(a, b);
}

static int cmp_root(const void *a, const void *b) {
    return strcmp(((const group *)a)->root, ((const group *)b)->root);
}

pl_stats *pl_stats_new(pl_store *st, int by, const pl_query_opts *filter) {
    if (!st)
        return NULL;
    if (by < PL_STATS_DAY || by > PL_STATS_ROOT) {
        pl_fail(st->ctx, PL_EARG, "stats: unknown grouping %d", by);
        return NULL;
    }
    st_where w;
    if (st_where_build(st->ctx, filter, 0, &w) != PL_OK)
        return NULL;
    pl_buf sql = {0};
    pl_buf_printf(&sql,
                  "SELECT e.day, e.source, e.target, e.root, e.quad, e.num_mentions, e.num_articles, "
                  "e.goldstein FROM events e%s WHERE e.negated = 0%s",
                  w.keyed ? "" : " NOT INDEXED", pl_buf_str(&w.sql));
    pl_buf_free(&w.sql);
    pl_stats *s = calloc(1, sizeof *s);
    if (!s || sql.err) {
        free(s);
        pl_buf_free(&sql);
        pl_fail(st->ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    s->st = st;
    s->by = by;
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(st->db, pl_buf_str(&sql), -1, &q, NULL);
    pl_buf_free(&sql);
    if (rc != SQLITE_OK) {
        st_fail(st, rc, "stats");
    } else if (st_where_bind(st, q, &w) == PL_OK) {
        int err = PL_OK;
        while (err == PL_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
            err = add_row(s, q);
        if (err != PL_OK)
            pl_fail(st->ctx, PL_ENOMEM, "out of memory");
        else if (rc != SQLITE_DONE)
            st_fail(st, rc, "stats");
        else
            rc = SQLITE_OK;
        if (err != PL_OK)
            rc = SQLITE_NOMEM;
    } else {
        rc = SQLITE_ERROR;
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_OK) {
        pl_stats_free(s);
        return NULL;
    }
    static int (*const cmp[])(const void *, const void *) = {
        [PL_STATS_DAY] = cmp_day, [PL_STATS_DYAD] = cmp_dyad, [PL_STATS_QUAD] = cmp_quad,
        [PL_STATS_DYAD_DAY] = cmp_dyad_day, [PL_STATS_ROOT] = cmp_root};
    if (s->n > 1)
        qsort(s->g, s->n, sizeof *s->g, cmp[by]);
    return s;
}

int pl_stats_next(pl_stats *s, const pl_stats_row **out) {
    if (!s || !out)
        return PL_EARG;
    if (s->next == s->n)
        return 0;
    const group *g = &s->g[s->next++];
    if (g->day > 0)
        snprintf(s->day, sizeof s->day, "%04d-%02d-%02d", g->day / 10000, g->day / 100 % 100,
                 g->day % 100);
    else
        s->day[0] = 0;
    s->row.day = s->day;
    s->row.source = g->source;
    s->row.target = g->target;
    s->row.root = g->root;
    s->row.quad = g->quad;
    s->row.events = g->events;
    s->row.mentions = g->mentions;
    s->row.articles = g->articles;
    s->row.goldstein = g->goldstein;
    *out = &s->row;
    return 1;
}

void pl_stats_free(pl_stats *s) {
    if (!s)
        return;
    free(s->g);
    free(s->slot);
    pl_arena_free(&s->arena);
    free(s);
}
