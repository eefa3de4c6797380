/*
 * schema.c — the store's schema, its migrations, and opening a database.
 *
 * The schema version is PRAGMA user_version; PRAGMA application_id marks
 * the file as a parley store, so that another program's SQLite database is
 * refused instead of being "migrated". migrations[v] takes a database from
 * version v to v + 1; opening runs every step the file lacks in one
 * transaction, so a crash during a migration leaves the old version. A
 * version above PL_STORE_SCHEMA is refused: a newer parley wrote it.
 *
 * The full schema with the meaning of every column is in docs/store.md;
 * keep the two in step.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

/* Version 1: documents, evidence sentences, merged events, mentions. */
static const char schema_v1[] =
    "CREATE TABLE meta(\n"
    "  key TEXT PRIMARY KEY,\n"
    "  value TEXT NOT NULL\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE docs(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  name TEXT NOT NULL UNIQUE,\n"       /* the document id */
    "  hash TEXT NOT NULL,\n"              /* content hash, 16 hex digits */
    "  date TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  url TEXT NOT NULL,\n"
    "  title TEXT NOT NULL,\n"
    "  path TEXT NOT NULL,\n"
    "  skey TEXT NOT NULL,\n"              /* source key for NumSources */
    "  bytes INTEGER NOT NULL,\n"
    "  events INTEGER NOT NULL,\n"         /* events the coder gave */
    "  mentions INTEGER NOT NULL,\n"       /* mention rows stored */
    "  version INTEGER NOT NULL\n"         /* 1, then one more per new version */
    ");\n"
    "CREATE INDEX docs_hash ON docs(hash);\n"
    "CREATE TABLE sentences(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  doc INTEGER NOT NULL REFERENCES docs(id),\n"
    "  idx INTEGER NOT NULL,\n"            /* sentence index in the document */
    "  off INTEGER NOT NULL,\n"            /* bytes in the document's text */
    "  len INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  UNIQUE(doc, idx)\n"
    ");\n"
    "CREATE TABLE events(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  day INTEGER NOT NULL,\n"            /* YYYYMMDD, year only = YYYY0101, 0 unknown */
    "  date TEXT NOT NULL,\n"              /* YYYY-MM-DD, YYYY or '' */
    "  source TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  code TEXT NOT NULL,\n"
    "  negated INTEGER NOT NULL,\n"
    "  source_country TEXT NOT NULL,\n"
    "  source_agent TEXT NOT NULL,\n"
    "  target_country TEXT NOT NULL,\n"
    "  target_agent TEXT NOT NULL,\n"
    "  base TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  plover TEXT NOT NULL,\n"
    "  plover_mode TEXT NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL,\n"
    "  num_sources INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL,\n"
    "  mention INTEGER NOT NULL\n"         /* first mention: smallest mentions.id */
    ");\n"
    /* the merge key, and the one index queries need: see query.c */
    "CREATE UNIQUE INDEX events_key ON events(day, date, source, target, code, negated);\n"
    "CREATE TABLE mentions(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  event INTEGER NOT NULL REFERENCES events(id),\n"
    "  sentence INTEGER NOT NULL REFERENCES sentences(id),\n"
    "  skey TEXT NOT NULL,\n"              /* the document's source key */
    "  weight INTEGER NOT NULL,\n"         /* sentences it stands for (>= 1) */
    "  flags INTEGER NOT NULL,\n"
    "  confidence REAL NOT NULL,\n"
    "  pattern_file TEXT NOT NULL,\n"
    "  pattern_line INTEGER NOT NULL,\n"
    "  source_entry TEXT NOT NULL,\n"
    "  source_how INTEGER NOT NULL,\n"
    "  source_off INTEGER NOT NULL,\n"
    "  source_len INTEGER NOT NULL,\n"
    "  source_text TEXT,\n"                /* NULL: inside the sentence */
    "  target_entry TEXT NOT NULL,\n"
    "  target_how INTEGER NOT NULL,\n"
    "  target_off INTEGER NOT NULL,\n"
    "  target_len INTEGER NOT NULL,\n"
    "  target_text TEXT,\n"
    "  verb_off INTEGER NOT NULL,\n"
    "  verb_len INTEGER NOT NULL,\n"
    "  verb_text TEXT,\n"
    "  location TEXT,\n"                  /* pl_geo as JSON, NULL when unknown */
    "  source_geo TEXT,\n"
    "  target_geo TEXT\n"
    ");\n"
    "CREATE INDEX mentions_event ON mentions(event, skey);\n"
    "CREATE INDEX mentions_sentence ON mentions(sentence);\n";

/* Version 2: full-text search over the evidence sentences, an external
 * content FTS5 index kept in step by triggers and built from what a
 * version-1 store already holds. */
static const char schema_v2[] =
    "CREATE VIRTUAL TABLE evidence USING fts5(text, content='sentences', content_rowid='id',\n"
    "  tokenize='porter unicode61 remove_diacritics 2');\n"
    "CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN\n"
    "  INSERT INTO evidence(rowid, text) VALUES (new.id, new.text);\n"
    "END;\n"
    "CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN\n"
    "  INSERT INTO evidence(evidence, rowid, text) VALUES ('delete', old.id, old.text);\n"
    "END;\n"
    "CREATE TRIGGER sentences_au AFTER UPDATE ON sentences BEGIN\n"
    "  INSERT INTO evidence(evidence, rowid, text) VALUES ('delete', old.id, old.text);\n"
    "  INSERT INTO evidence(rowid, text) VALUES (new.id, new.text);\n"
    "END;\n"
    "INSERT INTO evidence(evidence) VALUES ('rebuild');\n";

static const char *const migrations[PL_STORE_SCHEMA] = {schema_v1, schema_v2};

/* ---- errors ------------------------------------------------------------- */

int st_fail(pl_store *st, int rc, const char *what) {
    int code;
    switch (rc & 0xff) {
    case SQLITE_NOMEM: code = PL_ENOMEM; break;
    case SQLITE_CORRUPT: case SQLITE_NOTADB: case SQLITE_FORMAT: case SQLITE_SCHEMA:
    case SQLITE_ERROR: /* an SQL error on our own statements: the file is not as expected */
        code = PL_EFORMAT;
        break;
    case SQLITE_MISUSE: case SQLITE_RANGE: code = PL_EARG; break;
    default: code = PL_EIO; break;
    }
    const char *msg = st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc);
    if ((rc & 0xff) == SQLITE_BUSY)
        msg = "database is locked by another process (waited 10 s)";
    return pl_fail(st->ctx, code, "%s: %s: %s", st->path, what, msg);
}

int st_exec(pl_store *st, const char *sql, const char *what) {
    int rc = sqlite3_exec(st->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? PL_OK : st_fail(st, rc, what);
}

/* One integer from a single-row query; PL_OK or a code. */
static int query_int(pl_store *st, const char *sql, int64_t *out) {
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return st_fail(st, rc, sql);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    else if (rc == SQLITE_DONE)
        *out = 0;
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return st_fail(st, rc, "reading the database header");
    return PL_OK;
}

/* ---- opening ------------------------------------------------------------ */

/*
 * PRAGMAs, chosen for an ingest that commits once per document and for
 * readers running beside it:
 *  - journal_mode=WAL: readers don't block the writer nor it them, and a
 *    commit is an append to the -wal file. Persistent in the file.
 *  - synchronous=NORMAL: in WAL mode a commit is not fsync'ed, only
 *    checkpoints are. A killed process loses nothing committed; a power
 *    loss may lose the last commits but never corrupts the file.
 *  - foreign_keys=ON: mentions must point at events and sentences that
 *    exist, sentences at documents (every child column is indexed).
 *  - busy_timeout=10000: a second writer waits for the first's document
 *    transaction instead of failing at once.
 *  - cache_size=-32768: a 32 MB page cache, so the event key index of a
 *    few million events stays in memory during an ingest.
 *  - temp_store=MEMORY: sorts for GROUP BY / ORDER BY stay off disk.
 *  - wal_autocheckpoint=8192: the -wal file is copied back into the
 *    database every 32 MB instead of every 4 MB. A document touches some
 *    thirty index pages; the larger the WAL, the more often a page is
 *    written there several times but copied back once. An ingest ran 1.5x
 *    faster this way (docs/store.md).
 * No ANALYZE or PRAGMA optimize is run: the statistics tables would make
 * two stores with the same content differ, and the queries are written so
 * that SQLite's default plans use the right index.
 */
static int set_pragmas(pl_store *st, int readonly) {
    int rc = st_exec(st,
                     "PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;",
                     "setting PRAGMAs");
    if (rc == PL_OK && !readonly)
        rc = st_exec(st, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=8192;",
                     "enabling WAL");
    return rc;
}

static int migrate(pl_store *st, int target) {
    int rc = st_exec(st, "BEGIN IMMEDIATE", "starting the migration");
    if (rc != PL_OK)
        return rc;
    int64_t v;
    rc = query_int(st, "PRAGMA user_version", &v); /* again: another process may have done it */
    if (rc == PL_OK && (v < 0 || v > target))
        rc = pl_fail(st->ctx, PL_EFORMAT, "%s: store schema version %lld changed while opening",
                     st->path, (long long)v);
    for (int64_t i = v; rc == PL_OK && i < target; i++) {
        rc = st_exec(st, migrations[i], "migrating the schema");
        if (rc == PL_OK) {
            char sql[160];
            snprintf(sql, sizeof sql,
                     "PRAGMA user_version=%d; PRAGMA application_id=%d;"
                     "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema', '%d');",
                     (int)i + 1, ST_APP_ID, (int)i + 1);
            rc = st_exec(st, sql, "migrating the schema");
        }
        if (rc == PL_OK && i == 0)
            rc = st_exec(st,
                         "INSERT INTO meta(key, value) VALUES ('application', 'parley event store');"
                         "INSERT INTO meta(key, value) VALUES ('created_by', 'parley " PARLEY_VERSION "');",
                         "migrating the schema");
    }
    if (rc == PL_OK)
        rc = st_exec(st, "COMMIT", "committing the migration");
    if (rc != PL_OK) {
        char keep[sizeof st->ctx->err];
        memcpy(keep, st->ctx->err, sizeof keep);
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
        memcpy(st->ctx->err, keep, sizeof keep);
        return rc;
    }
    st->schema = target > v ? target : (int)v;
    return PL_OK;
}

int st_open_schema(pl_store *st, int target) {
    int readonly = (st->flags & PL_STORE_READONLY) != 0;
    if (!(st->flags & PL_STORE_CREATE) && access(st->path, F_OK) != 0)
        return pl_fail(st->ctx, PL_EIO, "%s: %s", st->path, strerror(errno));
    int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (!readonly && (st->flags & PL_STORE_CREATE))
        oflags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(st->path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK)
        return st_fail(st, rc, "cannot open");
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, 10000);

    int64_t app, version, tables;
    if ((rc = query_int(st, "PRAGMA application_id", &app)) != PL_OK ||
        (rc = query_int(st, "PRAGMA user_version", &version)) != PL_OK ||
        (rc = query_int(st, "SELECT count(*) FROM sqlite_schema", &tables)) != PL_OK)
        return rc;
    if (app != ST_APP_ID && (app != 0 || version != 0 || tables != 0))
        return pl_fail(st->ctx, PL_EFORMAT,
                       "%s: not a parley event store (an SQLite database of another program)",
                       st->path);
    if (version < 0)
        return pl_fail(st->ctx, PL_EFORMAT, "%s: store schema version %lld is not valid",
                       st->path, (long long)version);
    if (version > PL_STORE_SCHEMA)
        return pl_fail(st->ctx, PL_EFORMAT,
                       "%s: store schema version %d is newer than this parley (%s) supports (%d); "
                       "use a newer parley",
                       st->path, (int)version, PARLEY_VERSION, PL_STORE_SCHEMA);
    if ((rc = set_pragmas(st, readonly)) != PL_OK)
        return rc;
    st->schema = (int)version;
    if (version < target) {
        if (readonly)
            return pl_fail(st->ctx, PL_EIO,
                           version == 0 ? "%s: empty, not a parley event store yet"
                                        : "%s: store schema version %d needs migrating; open it "
                                          "for writing once",
                           st->path, (int)version);
        if ((rc = migrate(st, target)) != PL_OK)
            return rc;
    }
    return PL_OK;
}

pl_store *st_open_at(pl_ctx *ctx, const char *path, unsigned flags, int target) {
    if (!ctx)
        return NULL;
    if (!path || !*path) {
        pl_fail(ctx, PL_EARG, "store: no database path");
        return NULL;
    }
    pl_store *st = calloc(1, sizeof *st);
    if (!st || !(st->path = strdup(path))) {
        free(st);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    st->ctx = ctx;
    st->flags = flags;
    if (st_open_schema(st, target) != PL_OK) {
        char keep[sizeof ctx->err];
        memcpy(keep, ctx->err, sizeof keep);
        pl_store_close(st);
        memcpy(ctx->err, keep, sizeof keep);
        return NULL;
    }
    return st;
}

pl_store *pl_store_open(pl_ctx *ctx, const char *path, unsigned flags) {
    return st_open_at(ctx, path, flags, PL_STORE_SCHEMA);
}
