/*
 * mkstore.c — writes the seeds of fuzz_store: a small parley event store
 * (512-byte pages, so the file is a few dozen KB) with three documents and
 * their events, and an empty store.
 *
 * usage: mkstore DIR   (make fuzz-seeds runs it into fuzz/corpus/store)
 */
#include <sqlite3.h>

#include "fuzz.h"
#include "store_events.h"

static int make(const char *path, int ndocs) {
    remove(path);
    sqlite3 *db;
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA page_size=512; VACUUM;", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "mkstore: %s: %s\n", path, sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_close(db);
    pl_ctx *ctx = pl_ctx_new();
    pl_store *st = pl_store_open(ctx, path, PL_STORE_CREATE);
    if (!st) {
        fprintf(stderr, "mkstore: %s\n", pl_errmsg(ctx));
        return 1;
    }
    for (int i = 0; i < ndocs; i++) {
        char id[16], date[11];
        snprintf(id, sizeof id, "doc-%d", i);
        snprintf(date, sizeof date, "2024-05-%02d", 1 + i % 2);
        pl_doc *doc = pl_doc_new(ctx, FZ_STORE_TEXT, strlen(FZ_STORE_TEXT), id, date, "Seed");
        pl_event e[4];
        pl_events ev;
        fz_events(&ev, e, 4, date, i);
        if (!doc || pl_store_add_doc(st, doc, &ev) < 0) {
            fprintf(stderr, "mkstore: %s\n", pl_errmsg(ctx));
            return 1;
        }
        pl_doc_free(doc);
    }
    pl_store_close(st);
    /* fold the WAL into the file: the seed is one self-contained file */
    if (sqlite3_open(path, &db) != SQLITE_OK ||
        sqlite3_exec(db, "PRAGMA journal_mode=DELETE; VACUUM;", NULL, NULL, NULL) != SQLITE_OK) {
        fprintf(stderr, "mkstore: %s: %s\n", path, sqlite3_errmsg(db));
        return 1;
    }
    sqlite3_close(db);
    pl_ctx_free(ctx);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: mkstore DIR\n");
        return 2;
    }
    char p[4096];
    snprintf(p, sizeof p, "%s/three-docs.db", argv[1]);
    if (make(p, 3))
        return 1;
    snprintf(p, sizeof p, "%s/empty.db", argv[1]);
    return make(p, 0);
}
