/*
 * store.h — the event store's insides, shared by its files: the connection
 * with its prepared statements (schema.c opens and migrates, store.c adds
 * and removes documents, query.c and stats.c read, write.c formats).
 */
#ifndef PL_STORE_H
#define PL_STORE_H

#include <sqlite3.h>

#include "core/core.h"
#include "doc/doc.h"

/* PRAGMA application_id of a parley store: "PLev". */
#define ST_APP_ID 0x504c6576

/* Statements used on every document, prepared once and reused. */
enum {
    ST_BEGIN, ST_COMMIT, ST_ROLLBACK,
    ST_DOC_BY_NAME,      /* name -> id, hash, version */
    ST_DOC_BY_HASH,      /* hash -> id */
    ST_DOC_INSERT,
    ST_DOC_UPDATE,       /* a new version's metadata */
    ST_DOC_COUNTS,       /* events, mentions of a document */
    ST_DOC_DELETE,
    ST_DOC_EVENTS,       /* distinct events a document's mentions point to */
    ST_DOC_DEL_MENTIONS,
    ST_DOC_DEL_SENTENCES,
    ST_SENT_INSERT,
    ST_EVENT_FIND,       /* key -> id */
    ST_EVENT_INSERT,
    ST_EVENT_ADD,        /* add one document's counts to an event */
    ST_EVENT_RECOUNT,    /* counts recomputed from the mentions */
    ST_EVENT_DROP_EMPTY,
    ST_MENTION_INSERT,
    ST_SOURCE_SEEN,      /* does an earlier mention of event share this source? */
    ST_COUNT
};

struct pl_store {
    pl_ctx *ctx;
    sqlite3 *db;
    char *path;
    unsigned flags;            /* PL_STORE_* */
    int schema;                /* user_version after opening */
    int batch;                 /* inside pl_store_begin ... pl_store_commit */
    sqlite3_stmt *stmt[ST_COUNT];
    pl_arena arena;            /* per-document scratch */
    pl_buf geo[3];             /* a mention's places as JSON */
};

/* The statement `which`, prepared on first use and reset; NULL after
 * recording the error on the ctx. */
PL_INTERNAL sqlite3_stmt *st_stmt(pl_store *st, int which);

/* Records SQLite's error (rc and the connection's message) on the ctx as
 * "PATH: what: message" and returns the matching PL_E* code. */
PL_INTERNAL int st_fail(pl_store *st, int rc, const char *what);

/* Runs SQL without results; PL_OK or st_fail's code. */
PL_INTERNAL int st_exec(pl_store *st, const char *sql, const char *what);

/* Opens the database, sets the PRAGMAs and brings the schema to `target`
 * (PL_STORE_SCHEMA, or an older version for tests of the migrations).
 * Returns PL_OK or a code with the message on st->ctx. */
PL_INTERNAL int st_open_schema(pl_store *st, int target);

/* pl_store_open, but migrating only up to schema version `target`. */
PL_INTERNAL pl_store *st_open_at(pl_ctx *ctx, const char *path, unsigned flags, int target);

/* YYYYMMDD of a date "YYYY-MM-DD" or "YYYY" (then January 1st); 0 else. */
PL_INTERNAL int st_day(const char *date);

/* ---- filters shared by query.c and stats.c ------------------------------ */

#define ST_MAX_BINDS 24

typedef struct st_where {
    pl_buf sql;                /* " AND ..." conditions on events e */
    int keyed;                 /* some condition is on the columns of events_key */
    int nbind;
    struct {
        int is_int;
        int64_t i;
        char s[64];
        const char *text;      /* long text (FTS query), borrowed */
    } bind[ST_MAX_BINDS];
} st_where;

/* Turns o into conditions on `events e` (mentions m when per_mention).
 * PL_OK, or PL_EARG naming the bad filter. */
PL_INTERNAL int st_where_build(pl_ctx *ctx, const pl_query_opts *o, int per_mention, st_where *w);
/* Binds w's values to stmt from parameter 1. */
PL_INTERNAL int st_where_bind(pl_store *st, sqlite3_stmt *stmt, const st_where *w);

/* ---- output ------------------------------------------------------------- */

/* Appends a stored event in writer format fmt (WR_*): the writer's line,
 * with GDELT's NumSources and NumArticles set from the store, and in JSON
 * Lines and CSV the store's event id and counts added. */
PL_INTERNAL void st_write_event(pl_buf *b, int fmt, const pl_stored_event *se);
/* The header line of fmt, if any (CSV). */
PL_INTERNAL void st_write_header(pl_buf *b, int fmt);

#endif
