/*
 * fuzz_store.c — the event store opened on corrupt or foreign files
 * (pl_store_open): the input is the database file. It is opened read-only
 * (info, check, every query and statistic), then read-write (a migration
 * may run; a document with events is added, queried and removed). Every
 * failure must be a message, never a crash, and a row with a NULL or a
 * wrong-typed column must not be trusted blindly.
 *
 * Seeds: the .db files of fuzz/corpus/store, written by fuzz/mkstore.c (small pages).
 */
#include "fuzz.h"
#include "store_events.h"

static void scratch_clean(const char *path) {
    char p[700];
    snprintf(p, sizeof p, "%s-wal", path);
    remove(p);
    snprintf(p, sizeof p, "%s-shm", path);
    remove(p);
    snprintf(p, sizeof p, "%s-journal", path);
    remove(p);
}

static pl_ctx *st_ctx; /* the context of the store being read */

static void read_all(pl_store *st) {
    pl_store_info info;
    int rc = pl_store_info_get(st, &info);
    FZ_ASSERT(rc == PL_OK || pl_errmsg(st_ctx)[0]);
    rc = pl_store_check(st);
    FZ_ASSERT(rc == PL_OK || pl_errmsg(st_ctx)[0]);
    pl_query_opts o;
    memset(&o, 0, sizeof o);
    o.limit = 50;
    for (int pass = 0; pass < 3; pass++) {
        if (pass == 1)
            o.mentions = 1;
        if (pass == 2) {
            o.actor = "RUS";
            o.text = "met";
            o.from_date = "2024";
        }
        pl_query *q = pl_query_new(st, &o);
        const pl_stored_event *se;
        int got;
        while (q && (got = pl_query_next(q, &se)) == 1) {
            FZ_ASSERT(se->doc != NULL);
            FZ_ASSERT(se->ev.source.entry != NULL && se->ev.target.entry != NULL);
            FZ_ASSERT(memchr(se->ev.code, 0, sizeof se->ev.code));
            size_t len = pl_doc_len(se->doc);
            FZ_ASSERT(strlen(pl_doc_text(se->doc)) <= len);
        }
        pl_query_free(q);
    }
    for (int by = PL_STATS_DAY; by <= PL_STATS_ROOT; by++) {
        pl_stats *s = pl_stats_new(st, by, NULL);
        const pl_stats_row *row;
        while (s && pl_stats_next(s, &row) == 1)
            FZ_ASSERT(row->day && row->source && row->target && row->root);
        pl_stats_free(s);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 1 << 20)
        return 0;
    pl_ctx *ctx = fz_ctx();
    st_ctx = ctx;
    const char *path0 = fz_file("store.db", data, size);
    char path[700];
    snprintf(path, sizeof path, "%s", path0);
    scratch_clean(path);
    pl_store *st = pl_store_open(ctx, path, PL_STORE_READONLY);
    FZ_ASSERT(st || pl_errmsg(ctx)[0]);
    if (fz_verbose())
        fprintf(stderr, "read-only open: %s\n", st ? "ok" : pl_errmsg(ctx));
    if (st) {
        read_all(st);
        pl_store_close(st);
    }
    st = pl_store_open(ctx, path, 0);
    FZ_ASSERT(st || pl_errmsg(ctx)[0]);
    if (fz_verbose())
        fprintf(stderr, "open: %s\n", st ? "ok" : pl_errmsg(ctx));
    if (st) {
        pl_doc *doc = pl_doc_new(ctx, FZ_STORE_TEXT, strlen(FZ_STORE_TEXT), "fuzz-doc",
                                 "2024-05-01", "Fuzz");
        FZ_ASSERT(doc);
        pl_event e[4];
        pl_events ev;
        fz_events(&ev, e, 4, "2024-05-01", 0);
        int rc = pl_store_add_doc(st, doc, &ev);
        FZ_ASSERT(rc >= 0 || pl_errmsg(ctx)[0]);
        rc = pl_store_has_doc(st, doc);
        FZ_ASSERT(rc >= 0 || pl_errmsg(ctx)[0]);
        read_all(st);
        rc = pl_store_remove_doc(st, "fuzz-doc");
        FZ_ASSERT(rc >= 0 || pl_errmsg(ctx)[0]);
        pl_doc_free(doc);
        pl_store_close(st);
    }
    scratch_clean(path);
    pl_ctx_free(ctx);
    return 0;
}
