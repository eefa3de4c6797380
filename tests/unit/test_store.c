/*
 * test_store.c — the event store with hand-made events (no parser or
 * dictionaries needed): cross-article merging, versions, idempotent
 * re-ingest, crash safety under SIGKILL, migrations, queries, statistics
 * and the output formats.
 */
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>

#include "t.h"
#include "core/core.h"
#include "doc/doc.h"
#include "store/store.h"
#include "write/writer.h"

static char dir[256];

static const char *tmp_path(const char *name) {
    static char p[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static void rm_db(const char *path) {
    char p[600];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* ---- generated documents ------------------------------------------------ */

static const struct { const char *name, *code, *country, *agent; } actors[] = {
    {"Russia", "RUS", "RUS", ""},      {"Kremlin", "RUSGOV", "RUS", "GOV"},
    {"Ukraine", "UKR", "UKR", ""},     {"Kyiv", "UKRGOV", "UKR", "GOV"},
    {"America", "USA", "USA", ""},     {"Washington", "USAGOV", "USA", "GOV"},
    {"France", "FRA", "FRA", ""},      {"China", "CHN", "CHN", ""},
};
#define NACTORS (sizeof actors / sizeof actors[0])

static const struct {
    const char *verb, *code, *base, *root, *plover;
    int quad;
    double goldstein;
} verbs[] = {
    {"consulted", "040", "040", "04", "CONSULT", 1, 1.0},
    {"praised", "051", "051", "05", "COOPERATE", 1, 3.4},
    {"criticized", "111", "111", "11", "DISAPPROVE", 3, -2.0},
    {"sanctioned", "163", "163", "16", "REDUCE", 4, -8.0},
    {"attacked", "190", "190", "19", "FIGHT", 4, -10.0},
    {"said", "010", "010", "01", "", 1, 0.0},
};
#define NVERBS (sizeof verbs / sizeof verbs[0])

static const char *const sources[] = {"Reuters", "AP", "AFP", "", ""};

static uint32_t rng(uint32_t *s) {
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

typedef struct gen {
    pl_doc *doc;
    pl_events ev;
} gen;

/* Appends "A verb B about matter ID." and returns its event (source a,
 * verb v, target b) with spans filled. */
static void add_sentence(pl_buf *text, pl_events *ev, uint32_t idx, size_t a, size_t v, size_t b,
                         const char *date, const char *tail) {
    if (text->len)
        pl_buf_putc(text, ' ');
    uint32_t soff = (uint32_t)text->len;
    uint32_t aoff = soff;
    pl_buf_puts(text, actors[a].name);
    pl_buf_putc(text, ' ');
    uint32_t voff = (uint32_t)text->len;
    pl_buf_puts(text, verbs[v].verb);
    pl_buf_putc(text, ' ');
    uint32_t boff = (uint32_t)text->len;
    pl_buf_puts(text, actors[b].name);
    pl_buf_printf(text, " about %s.", tail);
    if (!ev)
        return;
    if (ev->n == ev->cap) {
        ev->cap = ev->cap ? ev->cap * 2 : 8;
        ev->e = realloc(ev->e, ev->cap * sizeof *ev->e);
    }
    pl_event *e = &ev->e[ev->n++];
    memset(e, 0, sizeof *e);
    e->sentence = idx;
    snprintf(e->date, sizeof e->date, "%s", date);
    const size_t who[2] = {a, b};
    const uint32_t off[2] = {aoff, boff};
    pl_event_actor *ea[2] = {&e->source, &e->target};
    for (int k = 0; k < 2; k++) {
        snprintf(ea[k]->code, sizeof ea[k]->code, "%s", actors[who[k]].code);
        snprintf(ea[k]->country, sizeof ea[k]->country, "%s", actors[who[k]].country);
        snprintf(ea[k]->agent, sizeof ea[k]->agent, "%s", actors[who[k]].agent);
        ea[k]->entry = actors[who[k]].name;
        ea[k]->off = off[k];
        ea[k]->len = (uint32_t)strlen(actors[who[k]].name);
        ea[k]->how = PL_FOUND_DICT;
    }
    snprintf(e->code, sizeof e->code, "%s", verbs[v].code);
    snprintf(e->base, sizeof e->base, "%s", verbs[v].base);
    snprintf(e->root, sizeof e->root, "%s", verbs[v].root);
    e->quad = verbs[v].quad;
    e->goldstein = verbs[v].goldstein;
    e->plover = verbs[v].plover;
    e->plover_mode = "";
    e->verb_off = voff;
    e->verb_len = (uint32_t)strlen(verbs[v].verb);
    e->pattern_file = "verbs/test.txt";
    e->pattern_line = (uint32_t)(10 + v);
    e->confidence = 0.75;
    e->mentions = 1;
    e->sent_off = soff;
    e->sent_len = (uint32_t)(text->len - soff);
}

static void set_geo(pl_geo *g, uint8_t type, const char *name, const char *full, int32_t sentence,
                    uint32_t off, uint32_t len) {
    memset(g, 0, sizeof *g);
    g->type = type;
    g->how = 1;
    g->why = 2;
    g->ncand = 3;
    memcpy(g->country, "UA", 3);
    memcpy(g->iso3, "UKR", 4);
    memcpy(g->fips, "UP", 3);
    snprintf(g->adm1, sizeof g->adm1, "%s", type == 1 ? "UP" : "UP12");
    snprintf(g->feature, sizeof g->feature, "%s", type == 1 ? "UP" : "703448");
    g->lat = 50.45466;
    g->lon = 30.5238;
    g->geonames = type == 1 ? 0 : 703448;
    g->entry = 17;
    g->name = name;
    g->full = full;
    g->sentence = sentence;
    g->off = off;
    g->len = len;
}

/* Document i (version ver): 1-5 sentences, most with one or two events
 * among a few actors, codes and ten days, so that articles overlap. */
static void make_doc(pl_ctx *ctx, int i, int ver, gen *g) {
    uint32_t s = (uint32_t)i * 2654435761u + (uint32_t)ver * 97u + 1u;
    pl_buf text = {0};
    memset(g, 0, sizeof *g);
    char date[11];
    snprintf(date, sizeof date, "2025-05-%02u", 1 + rng(&s) % 10);
    int nsent = 1 + (int)(rng(&s) % 5);
    for (int k = 0; k < nsent; k++) {
        size_t a = rng(&s) % NACTORS, b = (a + 1 + rng(&s) % (NACTORS - 1)) % NACTORS;
        size_t v = rng(&s) % NVERBS;
        char tail[64];
        snprintf(tail, sizeof tail, "matter %d-%d-%d", i, k, ver);
        int kind = (int)(rng(&s) % 10);
        add_sentence(&text, kind == 0 ? NULL : &g->ev, (uint32_t)k, a, v, b,
                     kind == 1 ? "2022" : date, tail);
        if (kind == 2) /* fan-out: a second event in the sentence */
            add_sentence(&text, &g->ev, (uint32_t)k, b, v, a, date, "it");
        if (kind == 3 && g->ev.n) { /* places: named here, and in the first sentence */
            pl_event *e = &g->ev.e[g->ev.n - 1];
            set_geo(&e->location, 4, "Kyiv", "Kyiv, Kyiv City, Ukraine", (int32_t)k, e->target.off,
                    e->target.len);
            set_geo(&e->source_geo, 1, "Ukraine", "Ukraine", 0, 0, (uint32_t)strlen(actors[0].name) > 3 ? 3 : 0);
        }
    }
    char id[32], url[96];
    snprintf(id, sizeof id, "doc-%05d", i);
    const char *src = sources[rng(&s) % 5];
    snprintf(url, sizeof url, "https://www.site%u.example/%d", rng(&s) % 7, i);
    char *t = malloc(text.len + 1);
    memcpy(t, text.p, text.len);
    t[text.len] = 0;
    g->doc = doc_make(ctx, t, text.len, id, date, "", src, *src ? "" : url, "");
    pl_buf_free(&text);
}

static void free_gen(gen *g) {
    pl_doc_free(g->doc);
    free(g->ev.e);
}

/* Adds documents [from, to) (version 1); returns how many were not UNCHANGED. */
static int ingest(pl_ctx *ctx, pl_store *st, int from, int to) {
    int changed = 0;
    for (int i = from; i < to; i++) {
        gen g;
        make_doc(ctx, i, 1, &g);
        int rc = pl_store_add_doc(st, g.doc, &g.ev);
        if (rc < 0)
            fprintf(stderr, "  add_doc %d: %s\n", i, pl_errmsg(ctx));
        CHECK(rc >= 0);
        changed += rc != PL_STORE_UNCHANGED;
        free_gen(&g);
    }
    return changed;
}

/* ---- a canonical dump: every row of every table, sorted ----------------- */

static int cmp_str(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *dump_db(const char *path) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return NULL;
    pl_buf out = {0};
    sqlite3_stmt *t;
    sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_schema WHERE type IN ('table','index','trigger') "
                           "ORDER BY name", -1, &t, NULL);
    while (sqlite3_step(t) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(t, 0);
        const char *sql = (const char *)sqlite3_column_text(t, 1);
        pl_buf_printf(&out, "== %s\n", name);
        if (sql)
            pl_buf_puts(&out, sql);
        pl_buf_putc(&out, '\n');
        if (!sql || strncmp(sql, "CREATE TABLE", 12) != 0 || strncmp(name, "sqlite_", 7) == 0)
            continue;
        char q[300];
        snprintf(q, sizeof q, "SELECT * FROM \"%s\"", name);
        sqlite3_stmt *r;
        if (sqlite3_prepare_v2(db, q, -1, &r, NULL) != SQLITE_OK)
            continue;
        char **rows = NULL;
        size_t n = 0, cap = 0;
        while (sqlite3_step(r) == SQLITE_ROW) {
            pl_buf row = {0};
            for (int c = 0; c < sqlite3_column_count(r); c++) {
                int ty = sqlite3_column_type(r, c);
                if (ty == SQLITE_NULL)
                    pl_buf_puts(&row, "NULL");
                else if (ty == SQLITE_INTEGER)
                    pl_buf_printf(&row, "%lld", (long long)sqlite3_column_int64(r, c));
                else if (ty == SQLITE_FLOAT)
                    pl_buf_printf(&row, "%.17g", sqlite3_column_double(r, c));
                else {
                    const unsigned char *b = ty == SQLITE_BLOB ? sqlite3_column_blob(r, c)
                                                               : sqlite3_column_text(r, c);
                    int len = sqlite3_column_bytes(r, c);
                    pl_buf_putc(&row, ty == SQLITE_BLOB ? 'x' : '\'');
                    for (int k = 0; k < len; k++)
                        pl_buf_printf(&row, "%02x", b[k]);
                }
                pl_buf_putc(&row, '|');
            }
            if (n == cap) {
                cap = cap ? cap * 2 : 256;
                rows = realloc(rows, cap * sizeof *rows);
            }
            rows[n++] = strdup(pl_buf_str(&row));
            pl_buf_free(&row);
        }
        sqlite3_finalize(r);
        qsort(rows, n, sizeof *rows, cmp_str);
        for (size_t k = 0; k < n; k++) {
            pl_buf_puts(&out, rows[k]);
            pl_buf_putc(&out, '\n');
            free(rows[k]);
        }
        free(rows);
    }
    sqlite3_finalize(t);
    sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
    sqlite3_stmt *v;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &v, NULL);
    if (sqlite3_step(v) == SQLITE_ROW)
        pl_buf_printf(&out, "user_version %d\n", sqlite3_column_int(v, 0));
    sqlite3_finalize(v);
    sqlite3_close(db);
    char *s = strdup(pl_buf_str(&out));
    pl_buf_free(&out);
    return s;
}

static int same_dump(const char *a, const char *b) {
    char *x = dump_db(a), *y = dump_db(b);
    int same = x && y && strcmp(x, y) == 0;
    if (!same && x && y) {
        size_t i = 0;
        while (x[i] && x[i] == y[i])
            i++;
        size_t from = i > 80 ? i - 80 : 0;
        fprintf(stderr, "  dumps differ at byte %zu:\n  %.*s\n  ---\n  %.*s\n", i, 200, x + from, 200, y + from);
    }
    free(x);
    free(y);
    return same;
}

/* ---- tests -------------------------------------------------------------- */

static pl_stored_event *first_result(pl_store *st, const pl_query_opts *o, size_t *count) {
    static pl_stored_event copy;
    pl_query *q = pl_query_new(st, o);
    *count = 0;
    if (!q)
        return NULL;
    const pl_stored_event *se;
    int rc;
    while ((rc = pl_query_next(q, &se)) == 1)
        if ((*count)++ == 0)
            copy = *se; /* its pointers die with q: use only numbers */
    pl_query_free(q);
    return rc == 0 && *count ? &copy : NULL;
}

static size_t count_results(pl_store *st, const pl_query_opts *o) {
    size_t n;
    first_result(st, o, &n);
    return n;
}

TEST(open_create_reopen) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("open.db");
    rm_db(p);
    CHECK(pl_store_open(ctx, p, 0) == NULL); /* no such file, no CREATE */
    CHECK(strstr(pl_errmsg(ctx), "open.db") != NULL);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    CHECK(st != NULL);
    pl_store_info info;
    CHECK(pl_store_info_get(st, &info) == PL_OK);
    CHECK(info.schema == PL_STORE_SCHEMA && info.docs == 0 && info.events == 0);
    CHECK(pl_store_check(st) == PL_OK);
    pl_store_close(st);
    st = pl_store_open(ctx, p, PL_STORE_READONLY);
    CHECK(st != NULL);
    gen g;
    make_doc(ctx, 1, 1, &g);
    CHECK(pl_store_add_doc(st, g.doc, &g.ev) == PL_EARG); /* read-only */
    free_gen(&g);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

TEST(refuses_foreign_and_newer) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("foreign.db");
    rm_db(p);
    sqlite3 *db;
    sqlite3_open(p, &db);
    sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pl_store_open(ctx, p, PL_STORE_CREATE) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "not a parley event store") != NULL);

    p = tmp_path("garbage.db");
    FILE *f = fopen(p, "w");
    fputs("this is not a database, not even close; it is plain text, long enough to matter.\n", f);
    for (int i = 0; i < 100; i++)
        fputs("more text more text more text more text more text more text\n", f);
    fclose(f);
    CHECK(pl_store_open(ctx, p, PL_STORE_CREATE) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "garbage.db") != NULL);

    p = tmp_path("newer.db");
    rm_db(p);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    CHECK(st != NULL);
    pl_store_close(st);
    sqlite3_open(p, &db);
    sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(db);
    CHECK(pl_store_open(ctx, p, 0) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "version 99 is newer") != NULL);
    pl_ctx_free(ctx);
}

/* A version-1 store (no full-text index) with data is migrated on open. */
TEST(migrates_v1) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("v1.db");
    rm_db(p);
    pl_store *st = st_open_at(ctx, p, PL_STORE_CREATE, 1);
    CHECK(st != NULL);
    if (!st)
        return;
    ingest(ctx, st, 0, 50);
    pl_store_close(st);
    sqlite3 *db;
    sqlite3_open(p, &db);
    sqlite3_stmt *s;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL);
    CHECK(sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) == 1);
    sqlite3_finalize(s);
    sqlite3_close(db);
    CHECK(pl_store_open(ctx, p, PL_STORE_READONLY) == NULL); /* needs migrating */
    CHECK(strstr(pl_errmsg(ctx), "needs migrating") != NULL);
    st = pl_store_open(ctx, p, 0);
    CHECK(st != NULL);
    pl_store_info info;
    CHECK(pl_store_info_get(st, &info) == PL_OK && info.schema == 2 && info.docs == 50);
    CHECK(pl_store_check(st) == PL_OK);
    pl_query_opts o = {0};
    o.text = "matter";
    CHECK(count_results(st, &o) > 0); /* the index was built from old rows */
    pl_store_close(st);
    /* the same documents in a new store give the same data */
    const char *p2 = tmp_path("v2.db");
    rm_db(p2);
    st = pl_store_open(ctx, p2, PL_STORE_CREATE);
    ingest(ctx, st, 0, 50);
    pl_store_close(st);
    pl_store *a = pl_store_open(ctx, p, 0), *b = pl_store_open(ctx, p2, 0);
    pl_store_info ia, ib;
    CHECK(pl_store_info_get(a, &ia) == PL_OK && pl_store_info_get(b, &ib) == PL_OK);
    CHECK(ia.events == ib.events && ia.mentions == ib.mentions && ia.sentences == ib.sentences);
    pl_store_close(a);
    pl_store_close(b);
    pl_ctx_free(ctx);
}

/* Builds a document with one sentence "A verb B about TAIL." */
static pl_doc *one_doc(pl_ctx *ctx, const char *id, const char *date, const char *source, size_t a,
                       size_t v, size_t b, const char *tail, pl_events *ev) {
    pl_buf text = {0};
    ev->n = 0;
    add_sentence(&text, ev, 0, a, v, b, date, tail);
    char *t = strdup(pl_buf_str(&text));
    pl_buf_free(&text);
    return doc_make(ctx, t, strlen(t), id, date, "", source, "", "");
}

TEST(two_articles_one_event) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("merge.db");
    rm_db(p);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    pl_events ev = {0};
    /* Russia (0) attacked (4) Ukraine (2) on May 3rd, in two articles */
    pl_doc *d1 = one_doc(ctx, "a1", "2025-05-03", "Reuters", 0, 4, 2, "the border", &ev);
    CHECK(pl_store_add_doc(st, d1, &ev) == PL_STORE_ADDED);
    pl_doc *d2 = one_doc(ctx, "a2", "2025-05-03", "AP", 0, 4, 2, "a town in the east", &ev);
    CHECK(pl_store_add_doc(st, d2, &ev) == PL_STORE_ADDED);
    pl_store_info info;
    CHECK(pl_store_info_get(st, &info) == PL_OK);
    CHECK(info.docs == 2 && info.events == 1 && info.mentions == 2 && info.sentences == 2);
    size_t n;
    pl_stored_event *se = first_result(st, NULL, &n);
    CHECK(n == 1 && se && se->num_mentions == 2 && se->num_articles == 2 && se->num_sources == 2);
    CHECK(se && se->ev.mentions == 2);
    pl_query_opts o = {0};
    o.mentions = 1;
    CHECK(count_results(st, &o) == 2);
    /* both articles, both sentences */
    pl_query *q = pl_query_new(st, &o);
    const pl_stored_event *r;
    int k = 0;
    while (pl_query_next(q, &r) == 1) {
        CHECK_STR(pl_doc_id(r->doc), k == 0 ? "a1" : "a2");
        CHECK(r->ev.sentence == 0 && r->num_articles == 2);
        CHECK(strstr(pl_doc_text(r->doc), k == 0 ? "the border" : "a town") != NULL);
        k++;
    }
    pl_query_free(q);
    /* a third article from the same source: NumSources stays 2 */
    pl_doc *d3 = one_doc(ctx, "a3", "2025-05-03", "AP", 0, 4, 2, "shelling", &ev);
    CHECK(pl_store_add_doc(st, d3, &ev) == PL_STORE_ADDED);
    se = first_result(st, NULL, &n);
    CHECK(n == 1 && se && se->num_articles == 3 && se->num_sources == 2 && se->num_mentions == 3);
    /* another day is another event */
    pl_doc *d4 = one_doc(ctx, "a4", "2025-05-04", "AP", 0, 4, 2, "shelling", &ev);
    CHECK(pl_store_add_doc(st, d4, &ev) == PL_STORE_ADDED);
    CHECK(count_results(st, NULL) == 2);
    /* the same event in two sentences of one article: one article, two mentions */
    pl_buf text = {0};
    ev.n = 0;
    add_sentence(&text, &ev, 0, 0, 4, 2, "2025-05-04", "one place");
    add_sentence(&text, &ev, 1, 0, 4, 2, "2025-05-04", "another place");
    add_sentence(&text, &ev, 1, 0, 4, 2, "2025-05-04", "same sentence again");
    ev.e[2].sent_off = ev.e[1].sent_off; /* one sentence, listed twice */
    ev.e[2].sent_len = ev.e[1].sent_len;
    char *t = strdup(pl_buf_str(&text));
    pl_doc *d5 = doc_make(ctx, t, strlen(t), "a5", "2025-05-04", "", "AFP", "", "");
    CHECK(pl_store_add_doc(st, d5, &ev) == PL_STORE_ADDED);
    o = (pl_query_opts){0};
    o.from_date = o.to_date = "2025-05-04";
    se = first_result(st, &o, &n);
    CHECK(n == 1 && se && se->num_articles == 2 && se->num_mentions == 3 && se->num_sources == 2);
    CHECK(pl_store_check(st) == PL_OK);
    pl_buf_free(&text);
    pl_doc_free(d1), pl_doc_free(d2), pl_doc_free(d3), pl_doc_free(d4), pl_doc_free(d5);
    free(ev.e);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

TEST(new_version_replaces) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("version.db");
    rm_db(p);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    pl_events ev = {0};
    pl_doc *v1 = one_doc(ctx, "story", "2025-05-03", "Reuters", 0, 4, 2, "v1", &ev);
    CHECK(pl_store_add_doc(st, v1, &ev) == PL_STORE_ADDED);
    CHECK(pl_store_has_doc(st, v1) == 1);
    CHECK(pl_store_add_doc(st, v1, &ev) == PL_STORE_UNCHANGED);
    pl_doc *other = one_doc(ctx, "other", "2025-05-03", "AP", 0, 4, 2, "other", &ev);
    CHECK(pl_store_add_doc(st, other, &ev) == PL_STORE_ADDED);
    size_t n;
    pl_stored_event *se = first_result(st, NULL, &n);
    int64_t id190 = se ? se->id : -1;
    CHECK(n == 1 && se && se->num_articles == 2);
    /* version 2 of "story": France (6) praised (1) China (7) instead */
    pl_doc *v2 = one_doc(ctx, "story", "2025-05-03", "Reuters", 6, 1, 7, "v2", &ev);
    CHECK(pl_store_has_doc(st, v2) == 0);
    CHECK(pl_store_add_doc(st, v2, &ev) == PL_STORE_REPLACED);
    CHECK(pl_store_add_doc(st, v2, &ev) == PL_STORE_UNCHANGED);
    pl_store_info info;
    CHECK(pl_store_info_get(st, &info) == PL_OK && info.docs == 2 && info.events == 2 && info.mentions == 2);
    pl_query_opts o = {0};
    o.code = "19";
    se = first_result(st, &o, &n);
    CHECK(n == 1 && se && se->num_articles == 1 && se->id == id190);
    o.code = "051";
    se = first_result(st, &o, &n);
    CHECK(n == 1 && se && se->num_articles == 1);
    o.code = NULL;
    o.text = "v1";
    CHECK(count_results(st, &o) == 0); /* the old evidence is gone from the index too */
    o.text = "v2";
    CHECK(count_results(st, &o) == 1);
    /* version 3 reports the attack again: the event keeps its id */
    pl_doc *v3 = one_doc(ctx, "story", "2025-05-03", "Reuters", 0, 4, 2, "v3", &ev);
    CHECK(pl_store_add_doc(st, v3, &ev) == PL_STORE_REPLACED);
    o = (pl_query_opts){0};
    o.code = "190";
    se = first_result(st, &o, &n);
    CHECK(n == 1 && se && se->id == id190 && se->num_articles == 2 && se->num_sources == 2);
    CHECK(count_results(st, NULL) == 1);
    /* the same content under another id is a duplicate */
    pl_doc *dup = one_doc(ctx, "copy", "2025-05-03", "Reuters", 0, 4, 2, "v3", &ev);
    CHECK(pl_store_has_doc(st, dup) == 1);
    CHECK(pl_store_add_doc(st, dup, &ev) == PL_STORE_DUPLICATE);
    /* removing */
    CHECK(pl_store_remove_doc(st, "other") == 1);
    CHECK(pl_store_remove_doc(st, "other") == 0);
    se = first_result(st, NULL, &n);
    CHECK(n == 1 && se && se->num_articles == 1 && se->num_sources == 1);
    CHECK(pl_store_remove_doc(st, "story") == 1);
    CHECK(pl_store_info_get(st, &info) == PL_OK && info.docs == 0 && info.events == 0 &&
          info.mentions == 0 && info.sentences == 0);
    CHECK(pl_store_check(st) == PL_OK);
    pl_doc_free(v1), pl_doc_free(v2), pl_doc_free(v3), pl_doc_free(other), pl_doc_free(dup);
    free(ev.e);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

TEST(rejects_bad_events) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("bad.db");
    rm_db(p);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    pl_events ev = {0};
    pl_doc *d = one_doc(ctx, "bad", "2025-05-03", "", 0, 4, 2, "x", &ev);
    ev.e[0].sent_len = 100000;
    CHECK(pl_store_add_doc(st, d, &ev) == PL_EARG);
    CHECK(strstr(pl_errmsg(ctx), "bad: event 0: evidence sentence outside") != NULL);
    ev.e[0].sent_len = 5;
    ev.e[0].code[0] = 0;
    CHECK(pl_store_add_doc(st, d, &ev) == PL_EARG);
    pl_store_info info;
    CHECK(pl_store_info_get(st, &info) == PL_OK && info.docs == 0);
    CHECK(pl_store_add_doc(st, d, NULL) == PL_STORE_ADDED); /* no events is fine */
    CHECK(pl_store_check(st) == PL_OK);
    pl_doc_free(d);
    free(ev.e);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

#define NDOCS 1000

TEST(reingest_is_identical) {
    pl_ctx *ctx = pl_ctx_new();
    const char *a = tmp_path("twice-a.db"), *b = tmp_path("twice-b.db");
    rm_db(a);
    rm_db(b);
    pl_store *st = pl_store_open(ctx, a, PL_STORE_CREATE);
    CHECK(ingest(ctx, st, 0, NDOCS) == NDOCS);
    pl_store_close(st);
    st = pl_store_open(ctx, b, PL_STORE_CREATE);
    ingest(ctx, st, 0, NDOCS);
    pl_store_close(st);
    CHECK(same_dump(a, b));
    st = pl_store_open(ctx, a, 0);
    CHECK(ingest(ctx, st, 0, NDOCS) == 0); /* every document UNCHANGED */
    pl_store_info info;
    CHECK(pl_store_info_get(st, &info) == PL_OK && info.docs == NDOCS);
    CHECK(info.events < info.mentions); /* articles overlap */
    CHECK(pl_store_check(st) == PL_OK);
    pl_store_close(st);
    CHECK(same_dump(a, b));
    pl_ctx_free(ctx);
}

/* Bulk mode: one transaction for many documents, same content. */
TEST(batch_mode) {
    pl_ctx *ctx = pl_ctx_new();
    const char *a = tmp_path("batch.db"), *b = tmp_path("nobatch.db");
    rm_db(a);
    rm_db(b);
    pl_store *st = pl_store_open(ctx, a, PL_STORE_CREATE);
    CHECK(pl_store_commit(st) == PL_EARG);
    CHECK(pl_store_begin(st) == PL_OK);
    CHECK(pl_store_begin(st) == PL_EARG);
    ingest(ctx, st, 0, 100);
    pl_events ev = {0};
    pl_doc *bad = one_doc(ctx, "bad", "2025-05-03", "", 0, 4, 2, "x", &ev);
    ev.e[0].verb_len = 10000;
    CHECK(pl_store_add_doc(st, bad, &ev) == PL_EARG); /* refused; the batch goes on */
    ingest(ctx, st, 100, 200);
    CHECK(pl_store_commit(st) == PL_OK);
    CHECK(pl_store_begin(st) == PL_OK);
    ingest(ctx, st, 200, 210);
    pl_store_close(st); /* an open batch is rolled back */
    st = pl_store_open(ctx, a, 0);
    pl_store_info ia, ib;
    CHECK(pl_store_info_get(st, &ia) == PL_OK && ia.docs == 200);
    CHECK(pl_store_check(st) == PL_OK);
    pl_store *s2 = pl_store_open(ctx, b, PL_STORE_CREATE);
    ingest(ctx, s2, 0, 200);
    CHECK(pl_store_info_get(s2, &ib) == PL_OK);
    CHECK(ia.events == ib.events && ia.mentions == ib.mentions && ia.sentences == ib.sentences);
    /* the same events with the same counts */
    pl_query *qa = pl_query_new(st, NULL), *qb = pl_query_new(s2, NULL);
    const pl_stored_event *ra, *rb;
    int na, nb, same = 1;
    while ((na = pl_query_next(qa, &ra)) == 1 && (nb = pl_query_next(qb, &rb)) == 1)
        same &= ra->id == rb->id && ra->num_mentions == rb->num_mentions &&
                ra->num_articles == rb->num_articles && ra->num_sources == rb->num_sources;
    CHECK(same && na == 0);
    pl_query_free(qa);
    pl_query_free(qb);
    pl_store_close(s2);
    pl_store_close(st);
    pl_doc_free(bad);
    free(ev.e);
    pl_ctx_free(ctx);
}

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

#define NKILL 3000

/* A child ingests NKILL documents and is killed with SIGKILL at a random
 * moment; the store must open cleanly, pass its checks with whole
 * documents only, and, once the ingest is run again, equal the store of an
 * uninterrupted run. */
TEST(sigkill_during_ingest) {
    pl_ctx *ctx = pl_ctx_new();
    const char *ref = tmp_path("kill-ref.db"), *p = tmp_path("kill.db");
    rm_db(ref);
    double t0 = now_s();
    pl_store *st = pl_store_open(ctx, ref, PL_STORE_CREATE);
    ingest(ctx, st, 0, NKILL);
    pl_store_close(st);
    double full = now_s() - t0;
    uint32_t seed = (uint32_t)time(NULL);
    int interrupted = 0;
    for (int round = 0; round < 6; round++) {
        rm_db(p);
        double at = full * (0.05 + 0.9 * (double)(rng(&seed) % 1000) / 1000.0);
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            pl_ctx *c = pl_ctx_new();
            pl_store *s = pl_store_open(c, p, PL_STORE_CREATE);
            if (!s)
                _exit(3);
            ingest(c, s, 0, NKILL);
            pl_store_close(s);
            _exit(0);
        }
        struct timespec ts = {(time_t)at, (long)((at - (double)(time_t)at) * 1e9)};
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        if (WIFSIGNALED(status))
            interrupted++;
        st = pl_store_open(ctx, p, 0);
        CHECK(st != NULL);
        if (!st) {
            fprintf(stderr, "  round %d: %s\n", round, pl_errmsg(ctx));
            continue;
        }
        CHECK(pl_store_check(st) == PL_OK);
        pl_store_info info;
        CHECK(pl_store_info_get(st, &info) == PL_OK && info.docs <= NKILL);
        if (getenv("T_VERBOSE"))
            fprintf(stderr, "  round %d: killed at %.3f s of %.3f: %llu documents\n", round, at, full, (unsigned long long)info.docs);
        /* the documents there are the first ones, whole */
        int changed = ingest(ctx, st, 0, NKILL);
        CHECK((uint64_t)changed == NKILL - info.docs);
        CHECK(pl_store_check(st) == PL_OK);
        pl_store_close(st);
        CHECK(same_dump(ref, p));
    }
    CHECK(interrupted > 0);
    pl_ctx_free(ctx);
}

/* A small store for queries and statistics. */
static pl_store *query_store(pl_ctx *ctx) {
    const char *p = tmp_path("query.db");
    rm_db(p);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    pl_events ev = {0};
    struct { const char *id, *date, *src; size_t a, v, b; const char *tail; } docs[] = {
        {"q1", "2025-05-01", "Reuters", 1, 3, 2, "new sanctions on oil"},      /* RUSGOV 163 UKR */
        {"q2", "2025-05-01", "AP", 1, 3, 2, "sanctions again"},                /* same event */
        {"q3", "2025-05-02", "AP", 0, 4, 3, "the capital"},                    /* RUS 190 UKRGOV */
        {"q4", "2025-05-02", "AFP", 4, 0, 6, "trade"},                         /* USA 040 FRA */
        {"q5", "2025-06-10", "AFP", 7, 2, 5, "tariffs"},                       /* CHN 111 USAGOV */
        {"q6", "2022", "Reuters", 0, 4, 2, "the war"},                         /* RUS 190 UKR, year only */
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        pl_doc *d = one_doc(ctx, docs[i].id, docs[i].date, docs[i].src, docs[i].a, docs[i].v,
                            docs[i].b, docs[i].tail, &ev);
        CHECK(pl_store_add_doc(st, d, &ev) == PL_STORE_ADDED);
        pl_doc_free(d);
    }
    free(ev.e);
    return st;
}

TEST(query_filters) {
    pl_ctx *ctx = pl_ctx_new();
    pl_store *st = query_store(ctx);
    pl_query_opts o = {0};
    CHECK(count_results(st, &o) == 5);
    o.actor = "rus"; /* RUS, RUSGOV as source or target */
    CHECK(count_results(st, &o) == 3);
    o.actor = "UKRGOV";
    CHECK(count_results(st, &o) == 1);
    o = (pl_query_opts){0};
    o.source = "RUS";
    o.target = "UKR";
    CHECK(count_results(st, &o) == 3);
    o.target = "UKRGOV";
    CHECK(count_results(st, &o) == 1);
    o = (pl_query_opts){0};
    o.code = "19";
    CHECK(count_results(st, &o) == 2);
    o.code = "1";
    CHECK(count_results(st, &o) == 4);
    o = (pl_query_opts){0};
    o.quad = 4;
    CHECK(count_results(st, &o) == 3);
    o = (pl_query_opts){0};
    o.from_date = "2025-05";
    o.to_date = "2025-05-01";
    CHECK(count_results(st, &o) == 1);
    o.to_date = "2025-05";
    CHECK(count_results(st, &o) == 3);
    o.from_date = "2022";
    o.to_date = "2022";
    size_t n;
    pl_stored_event *se = first_result(st, &o, &n);
    CHECK(n == 1 && se && strcmp(se->ev.date, "2022") == 0);
    o = (pl_query_opts){0};
    o.source_name = "afp";
    CHECK(count_results(st, &o) == 2);
    o.source_name = "Reuters";
    o.mentions = 1;
    CHECK(count_results(st, &o) == 2);
    o = (pl_query_opts){0};
    o.text = "sanction"; /* stemmed: matches "sanctions" */
    se = first_result(st, &o, &n);
    CHECK(n == 1 && se && se->num_articles == 2);
    o.mentions = 1;
    CHECK(count_results(st, &o) == 2);
    o = (pl_query_opts){0};
    o.min_articles = 2;
    CHECK(count_results(st, &o) == 1);
    o = (pl_query_opts){0};
    o.doc = "q3";
    CHECK(count_results(st, &o) == 1);
    o = (pl_query_opts){0};
    o.limit = 2;
    CHECK(count_results(st, &o) == 2);
    /* order: by date */
    o = (pl_query_opts){0};
    pl_query *q = pl_query_new(st, &o);
    const pl_stored_event *r;
    char last[11] = "";
    while (pl_query_next(q, &r) == 1) {
        CHECK(strcmp(last, r->ev.date) <= 0 || strlen(last) == 4);
        snprintf(last, sizeof last, "%s", r->ev.date);
    }
    pl_query_free(q);
    /* bad filters are named, with or without a store */
    o = (pl_query_opts){0};
    o.to_date = "2025-02-30";
    CHECK(pl_query_check(ctx, &o) == PL_EARG && strstr(pl_errmsg(ctx), "to-date") != NULL);
    o.to_date = "2025-02-28";
    CHECK(pl_query_check(ctx, &o) == PL_OK);
    o = (pl_query_opts){0};
    o.actor = "RU S";
    CHECK(pl_query_new(st, &o) == NULL && strstr(pl_errmsg(ctx), "actor") != NULL);
    o = (pl_query_opts){0};
    o.code = "04a";
    CHECK(pl_query_new(st, &o) == NULL && strstr(pl_errmsg(ctx), "code") != NULL);
    o = (pl_query_opts){0};
    o.from_date = "2025-13";
    CHECK(pl_query_new(st, &o) == NULL && strstr(pl_errmsg(ctx), "from-date") != NULL);
    o = (pl_query_opts){0};
    o.text = "\"unbalanced";
    q = pl_query_new(st, &o);
    int rc = q ? pl_query_next(q, &r) : -1;
    CHECK(rc < 0);
    pl_query_free(q);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

TEST(stats_series) {
    pl_ctx *ctx = pl_ctx_new();
    pl_store *st = query_store(ctx);
    pl_stats *s = pl_stats_new(st, PL_STATS_DAY, NULL);
    const pl_stats_row *r;
    int k = 0;
    /* 2022 (as 2022-01-01), 05-01, 05-02, 06-10 */
    const char *days[] = {"2022-01-01", "2025-05-01", "2025-05-02", "2025-06-10"};
    const uint64_t events[] = {1, 1, 2, 1}, articles[] = {1, 2, 2, 1};
    const double gold[] = {-10.0, -8.0, -9.0, -2.0};
    while (pl_stats_next(s, &r) == 1) {
        CHECK(k < 4);
        if (k < 4) {
            CHECK_STR(r->day, days[k]);
            CHECK(r->events == events[k] && r->articles == articles[k]);
            CHECK(r->goldstein > gold[k] - 1e-9 && r->goldstein < gold[k] + 1e-9);
        }
        k++;
    }
    CHECK(k == 4);
    pl_stats_free(s);
    s = pl_stats_new(st, PL_STATS_DYAD, NULL);
    CHECK(pl_stats_next(s, &r) == 1);
    CHECK_STR(r->source, "CHN"); /* every dyad has one event: ties in code order */
    pl_stats_free(s);
    s = pl_stats_new(st, PL_STATS_QUAD, NULL);
    uint64_t total = 0;
    while (pl_stats_next(s, &r) == 1) {
        CHECK(r->quad >= 1 && r->quad <= 4);
        total += r->events;
        if (r->quad == 4)
            CHECK(r->events == 3 && r->mentions == 4);
    }
    CHECK(total == 5);
    pl_stats_free(s);
    pl_query_opts f = {0};
    f.actor = "RUS";
    s = pl_stats_new(st, PL_STATS_DYAD_DAY, &f);
    k = 0;
    while (pl_stats_next(s, &r) == 1) {
        CHECK(strncmp(r->source, "RUS", 3) == 0);
        k++;
    }
    CHECK(k == 3);
    pl_stats_free(s);
    s = pl_stats_new(st, PL_STATS_ROOT, NULL);
    CHECK(pl_stats_next(s, &r) == 1);
    CHECK_STR(r->root, "04");
    pl_stats_free(s);
    CHECK(pl_stats_new(st, 99, NULL) == NULL);
    /* a negated event is listed (flagged) but not counted */
    pl_events ev = {0};
    pl_doc *d = one_doc(ctx, "neg", "2025-05-01", "AP", 1, 3, 2, "no sanctions after all", &ev);
    ev.e[0].flags |= PL_EV_NEGATED;
    CHECK(pl_store_add_doc(st, d, &ev) == PL_STORE_ADDED);
    CHECK(count_results(st, NULL) == 6);
    s = pl_stats_new(st, PL_STATS_DAY, NULL);
    total = 0;
    while (pl_stats_next(s, &r) == 1)
        total += r->events;
    CHECK(total == 5);
    pl_stats_free(s);
    pl_doc_free(d);
    free(ev.e);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

static int has_geo(const pl_events *ev) {
    for (size_t i = 0; i < ev->n; i++)
        if (ev->e[i].location.type && ev->e[i].source_geo.type)
            return 1;
    return 0;
}

/* Stored events print as `parley code` prints the original, plus the
 * store's counts. */
TEST(output_matches_writer) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = tmp_path("write.db");
    rm_db(p);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_CREATE);
    gen g;
    make_doc(ctx, 7, 1, &g);
    while (!has_geo(&g.ev)) { /* a document with events and places */
        free_gen(&g);
        static int i = 100;
        make_doc(ctx, i++, 1, &g);
    }
    CHECK(pl_store_add_doc(st, g.doc, &g.ev) == PL_STORE_ADDED);
    pl_query_opts o = {0};
    o.mentions = 1;
    o.doc = pl_doc_id(g.doc);
    pl_query *q = pl_query_new(st, &o);
    const pl_stored_event *r;
    int fmts[] = {WR_JSONL, WR_GDELT, WR_PLOVER, WR_PETRARCH, WR_CSV};
    int rows = 0;
    while (pl_query_next(q, &r) == 1) {
        /* find the original event of this mention */
        const pl_event *e = NULL;
        for (size_t i = 0; i < g.ev.n && !e; i++)
            if (g.ev.e[i].sentence == r->ev.sentence && strcmp(g.ev.e[i].code, r->ev.code) == 0 &&
                strcmp(g.ev.e[i].source.code, r->ev.source.code) == 0 &&
                strcmp(g.ev.e[i].target.code, r->ev.target.code) == 0)
                e = &g.ev.e[i];
        CHECK(e != NULL);
        if (!e)
            continue;
        for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
            pl_buf want = {0}, got = {0};
            wr_event(&want, fmts[f], g.doc, e);
            st_write_event(&got, fmts[f], r);
            if (fmts[f] == WR_JSONL) {
                CHECK(got.len > want.len && strncmp(got.p, want.p, want.len - 2) == 0);
                CHECK(strstr(pl_buf_str(&got), "\"num_articles\":1}") != NULL);
            } else if (fmts[f] == WR_CSV) {
                CHECK(got.len > want.len && strncmp(got.p, want.p, want.len - 1) == 0);
            } else {
                CHECK_STR(pl_buf_str(&got), pl_buf_str(&want));
            }
            if (fmts[f] == WR_GDELT) {
                int tabs = 0;
                for (size_t i = 0; i < got.len; i++)
                    tabs += got.p[i] == '\t';
                CHECK(tabs == 60);
            }
            pl_buf_free(&want);
            pl_buf_free(&got);
        }
        rows++;
    }
    pl_query_free(q);
    CHECK(rows > 0);
    /* GDELT NumSources and NumArticles come from the store */
    pl_doc *d2 = doc_make(ctx, strdup(g.doc->text), g.doc->len, "copy-2", g.doc->date, "", "Other",
                          "", "");
    CHECK(pl_store_add_doc(st, d2, &g.ev) == PL_STORE_ADDED);
    q = pl_query_new(st, NULL);
    CHECK(pl_query_next(q, &r) == 1);
    pl_buf b = {0};
    st_write_event(&b, WR_GDELT, r);
    char want[64];
    snprintf(want, sizeof want, "\t%u\t2\t2\t", r->num_mentions);
    CHECK(strstr(pl_buf_str(&b), want) != NULL);
    pl_buf_free(&b);
    st_write_header(&b, WR_CSV);
    const char *tail = ",event_id,num_sources,num_articles\n";
    CHECK(b.len > strlen(tail) && strcmp(b.p + b.len - strlen(tail), tail) == 0);
    pl_buf_free(&b);
    pl_query_free(q);
    pl_doc_free(d2);
    free_gen(&g);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/parley-store-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(open_create_reopen);
    RUN(refuses_foreign_and_newer);
    RUN(migrates_v1);
    RUN(two_articles_one_event);
    RUN(new_version_replaces);
    RUN(rejects_bad_events);
    RUN(query_filters);
    RUN(stats_series);
    RUN(output_matches_writer);
    RUN(batch_mode);
    RUN(reingest_is_identical);
    RUN(sigkill_during_ingest);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return t_done();
}
