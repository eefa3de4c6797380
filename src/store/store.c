/*
 * store.c — adding, replacing and removing documents in the event store.
 *
 * HOW IT WORKS. A document is one transaction (BEGIN IMMEDIATE ... COMMIT):
 * look its id up; the same content hash means nothing to do; another hash
 * means a new version, whose predecessor's mentions and sentences are
 * deleted first and the events they pointed at recounted. Then every event
 * is keyed by (day, date, source code, target code, event code, negated):
 * the key is found in the events table or inserted, and a mention row
 * links the event to the document's evidence sentence. At the end each
 * event the document touched gets its counts raised: NumMentions by the
 * document's mentions, NumArticles by one, NumSources by one unless an
 * earlier mention came from the same source. Counting this way costs one
 * index probe per event, however many articles reported it before.
 *
 * INVARIANTS (pl_store_check verifies them): an event's counts equal what
 * its mentions say; its `mention` is its smallest mention id; every event,
 * sentence and document's recorded mention count matches the mentions.
 * Because a document is one transaction, a crash leaves whole documents,
 * and re-running the same ingest completes the same database: the mention
 * ids a document gets depend only on what was committed before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

static const char *const stmt_sql[ST_COUNT] = {
    [ST_BEGIN] = "BEGIN IMMEDIATE",
    [ST_COMMIT] = "COMMIT",
    [ST_ROLLBACK] = "ROLLBACK",
    [ST_DOC_BY_NAME] = "SELECT id, hash FROM docs WHERE name = ?1",
    [ST_DOC_BY_HASH] = "SELECT id FROM docs WHERE hash = ?1 LIMIT 1",
    [ST_DOC_INSERT] = "INSERT INTO docs(name, hash, date, source, url, title, path, skey, bytes, "
                      "events, mentions, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0, 1)",
    [ST_DOC_UPDATE] = "UPDATE docs SET hash = ?2, date = ?3, source = ?4, url = ?5, title = ?6, "
                      "path = ?7, skey = ?8, bytes = ?9, events = 0, mentions = 0, "
                      "version = version + 1 WHERE id = ?1",
    [ST_DOC_COUNTS] = "UPDATE docs SET events = ?2, mentions = ?3 WHERE id = ?1",
    [ST_DOC_DELETE] = "DELETE FROM docs WHERE id = ?1",
    [ST_DOC_EVENTS] = "SELECT DISTINCT m.event FROM sentences s JOIN mentions m ON m.sentence = s.id "
                      "WHERE s.doc = ?1 ORDER BY m.event",
    [ST_DOC_DEL_MENTIONS] = "DELETE FROM mentions WHERE sentence IN "
                            "(SELECT id FROM sentences WHERE doc = ?1)",
    [ST_DOC_DEL_SENTENCES] = "DELETE FROM sentences WHERE doc = ?1",
    [ST_SENT_INSERT] = "INSERT INTO sentences(doc, idx, off, len, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    [ST_EVENT_FIND] = "SELECT id FROM events WHERE day = ?1 AND date = ?2 AND source = ?3 AND "
                      "target = ?4 AND code = ?5 AND negated = ?6",
    [ST_EVENT_INSERT] =
        "INSERT INTO events(day, date, source, target, code, negated, source_country, "
        "source_agent, target_country, target_agent, base, root, quad, goldstein, plover, "
        "plover_mode, num_mentions, num_sources, num_articles, mention) VALUES (?1, ?2, ?3, ?4, "
        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 0, 0, 0, 0)",
    [ST_EVENT_ADD] = "UPDATE events SET num_mentions = num_mentions + ?2, num_articles = "
                     "num_articles + 1, num_sources = num_sources + ?3, mention = CASE WHEN "
                     "mention = 0 THEN ?4 ELSE mention END WHERE id = ?1",
    [ST_EVENT_RECOUNT] =
        "UPDATE events SET num_mentions = (SELECT coalesce(sum(weight), 0) FROM mentions WHERE "
        "event = ?1), num_articles = (SELECT count(DISTINCT s.doc) FROM mentions m JOIN "
        "sentences s ON s.id = m.sentence WHERE m.event = ?1), num_sources = (SELECT "
        "count(DISTINCT skey) FROM mentions WHERE event = ?1), mention = (SELECT "
        "coalesce(min(id), 0) FROM mentions WHERE event = ?1) WHERE id = ?1",
    [ST_EVENT_DROP_EMPTY] = "DELETE FROM events WHERE id = ?1 AND mention = 0",
    [ST_MENTION_INSERT] =
        "INSERT INTO mentions(event, sentence, skey, weight, flags, confidence, pattern_file, "
        "pattern_line, source_entry, source_how, source_off, source_len, source_text, "
        "target_entry, target_how, target_off, target_len, target_text, verb_off, verb_len, "
        "verb_text, location, source_geo, target_geo) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
    [ST_SOURCE_SEEN] = "SELECT 1 FROM mentions WHERE event = ?1 AND skey = ?2 AND id < ?3 LIMIT 1",
};

sqlite3_stmt *st_stmt(pl_store *st, int which) {
    sqlite3_stmt *s = st->stmt[which];
    if (!s) {
        int rc = sqlite3_prepare_v3(st->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                                    &st->stmt[which], NULL);
        if (rc != SQLITE_OK) {
            st_fail(st, rc, "preparing a statement");
            return NULL;
        }
        return st->stmt[which];
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return s;
}

void pl_store_close(pl_store *st) {
    if (!st)
        return;
    if (st->db && sqlite3_get_autocommit(st->db) == 0)
        sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL); /* an open batch */
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(st->stmt[i]);
    /* closes even with statements still open (a query not freed) */
    sqlite3_close_v2(st->db);
    pl_arena_free(&st->arena);
    for (int i = 0; i < 3; i++)
        pl_buf_free(&st->geo[i]);
    free(st->path);
    free(st);
}

int st_day(const char *d) {
    size_t n = strlen(d);
    if (n == 10 && pl_valid_date(d))
        return atoi(d) * 10000 + ((d[5] - '0') * 10 + d[6] - '0') * 100 + (d[8] - '0') * 10 + d[9] - '0';
    if (n == 4 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9' && d[2] >= '0' &&
        d[2] <= '9' && d[3] >= '0' && d[3] <= '9')
        return atoi(d) * 10000 + 101;
    return 0;
}

/* Runs a statement that returns no row (or whose row is ignored). */
static int run(pl_store *st, sqlite3_stmt *s, const char *what) {
    int rc = sqlite3_step(s);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        return st_fail(st, rc, what);
    sqlite3_reset(s);
    return PL_OK;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v) {
    sqlite3_bind_text(s, i, v ? v : "", -1, SQLITE_STATIC);
}

static void bind_span(sqlite3_stmt *s, int i, const char *p, size_t n) {
    sqlite3_bind_text(s, i, p, (int)n, SQLITE_STATIC);
}

/* ---- content hash and source key ---------------------------------------- */

/* FNV-1a over the fields that make a version, each followed by a 0 byte so
 * that moving bytes between fields changes the hash. 64 bits: two different
 * versions of one id collide with probability 2^-64, and a collision
 * between ids only makes the later one a DUPLICATE. */
static void content_hash(const pl_doc *doc, char out[17]) {
    uint64_t h = 0xcbf29ce484222325ULL;
    const char *fields[] = {"parley-doc-1", doc->date, doc->source, doc->url, doc->title};
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        for (const unsigned char *p = (const unsigned char *)fields[f]; *p; p++)
            h = (h ^ *p) * 0x100000001b3ULL;
        h *= 0x100000001b3ULL; /* the 0 separator */
    }
    const unsigned char *t = (const unsigned char *)doc->text;
    for (size_t i = 0; i < doc->len; i++)
        h = (h ^ t[i]) * 0x100000001b3ULL;
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* The source that NumSources counts: the document's source, else the host
 * of its url, else the document itself (an article of unknown origin is
 * its own source). */
static void source_key(const pl_doc *doc, char *out, size_t cap) {
    if (doc->source[0]) {
        snprintf(out, cap, "%s", doc->source);
        return;
    }
    const char *u = doc->url, *p = strstr(u, "://");
    if (p) {
        p += 3;
        size_t n = strcspn(p, "/?#:");
        if (n > 0) {
            snprintf(out, cap, "%.*s", (int)n, p);
            for (char *c = out; *c; c++)
                if (*c >= 'A' && *c <= 'Z')
                    *c = (char)(*c + 32);
            if (strncmp(out, "www.", 4) == 0)
                memmove(out, out + 4, strlen(out + 4) + 1);
            return;
        }
    }
    snprintf(out, cap, "doc:%s", doc->id);
}

/* ---- validation --------------------------------------------------------- */

static int span_ok(const pl_doc *doc, uint32_t off, uint32_t len) {
    return (uint64_t)off + len <= doc->len;
}

static int check_events(pl_store *st, const pl_doc *doc, const pl_events *ev) {
    for (size_t i = 0; ev && i < ev->n; i++) {
        const pl_event *e = &ev->e[i];
        const char *why = NULL;
        if (!e->code[0])
            why = "no event code";
        else if (!span_ok(doc, e->sent_off, e->sent_len))
            why = "evidence sentence outside the text";
        else if (!span_ok(doc, e->source.off, e->source.len) ||
                 !span_ok(doc, e->target.off, e->target.len))
            why = "actor words outside the text";
        else if (!span_ok(doc, e->verb_off, e->verb_len))
            why = "predicate outside the text";
        else if ((e->location.type && !span_ok(doc, e->location.off, e->location.len)) ||
                 (e->source_geo.type && !span_ok(doc, e->source_geo.off, e->source_geo.len)) ||
                 (e->target_geo.type && !span_ok(doc, e->target_geo.off, e->target_geo.len)))
            why = "place words outside the text";
        else if (memchr(e->date, 0, sizeof e->date) == NULL || memchr(e->code, 0, sizeof e->code) == NULL)
            why = "unterminated date or code";
        if (why)
            return pl_fail(st->ctx, PL_EARG, "%s: event %zu: %s", doc->id, i, why);
    }
    return PL_OK;
}

/* ---- per-document scratch: events touched, sentences stored ------------- */

typedef struct touched {
    int64_t event;          /* events.id */
    int64_t first;          /* this document's first mention of it */
    uint32_t weight;        /* mentions it adds */
    const pl_event *e;      /* the first event with this key */
} touched;

/* A map from a pair of integers to a value, open addressing, in the
 * per-document arena: kind 0 = event key hash -> touched index + 1, kind 1
 * = sentence index -> sentences.id, kind 2 = (event, sentence) -> 1. */
typedef struct slot {
    uint64_t a, b;
    int64_t val;            /* 0 = empty */
    int kind;
} slot;

typedef struct docwork {
    touched *t;             /* events this document touched, first-seen order */
    size_t nt;
    slot *map;
    size_t cap;             /* a power of two, at least twice the entries */
} docwork;

static uint64_t event_key_hash(const pl_event *e) {
    char key[160];
    int n = snprintf(key, sizeof key, "%s|%s|%s|%s|%d", e->date, e->source.code, e->target.code,
                     e->code, (e->flags & PL_EV_NEGATED) ? 1 : 0);
    return pl_hash64(key, n < 0 ? 0 : (size_t)n < sizeof key ? (size_t)n : sizeof key - 1);
}

static int same_key(const pl_event *a, const pl_event *b) {
    return strcmp(a->date, b->date) == 0 && strcmp(a->source.code, b->source.code) == 0 &&
           strcmp(a->target.code, b->target.code) == 0 && strcmp(a->code, b->code) == 0 &&
           (a->flags & PL_EV_NEGATED) == (b->flags & PL_EV_NEGATED);
}

static int work_init(pl_store *st, docwork *w, size_t nev) {
    memset(w, 0, sizeof *w);
    pl_arena_reset(&st->arena);
    size_t n = nev ? nev : 1;
    w->cap = 16;
    while (w->cap < 6 * n) /* up to 3 entries per event */
        w->cap *= 2;
    w->t = pl_arena_calloc(&st->arena, n, sizeof *w->t);
    w->map = pl_arena_calloc(&st->arena, w->cap, sizeof *w->map);
    if (!w->t || !w->map)
        return pl_fail(st->ctx, PL_ENOMEM, "out of memory");
    return PL_OK;
}

/* The slot of (kind, a, b): found (val != 0) or the empty one to fill.
 * same(e) refines a match of kind 0, whose a is only a hash. */
static slot *map_slot(docwork *w, int kind, uint64_t a, uint64_t b, const pl_event *e) {
    uint64_t h = (a * 0x9e3779b97f4a7c15ULL) ^ (b + (uint64_t)kind * 0xc2b2ae3d27d4eb4fULL);
    h ^= h >> 29;
    for (size_t i = (size_t)h & (w->cap - 1);; i = (i + 1) & (w->cap - 1)) {
        slot *s = &w->map[i];
        if (!s->val)
            return s;
        if (s->kind == kind && s->a == a && s->b == b &&
            (kind != 0 || same_key(w->t[s->val - 1].e, e)))
            return s;
    }
}

/* ---- removing a document's contents ------------------------------------- */

/* Deletes the mentions and sentences of document `doc` and recounts the
 * events they pointed at. Events left empty are dropped at the end of
 * pl_store_add_doc (so an event the new version reports again keeps its
 * id), or right away when drop is set. */
static int remove_contents(pl_store *st, int64_t doc, int drop, int64_t **evs, size_t *nevs) {
    sqlite3_stmt *s = st_stmt(st, ST_DOC_EVENTS);
    if (!s)
        return PL_EIO;
    size_t n = 0, cap = 0;
    int64_t *ids = NULL;
    int rc;
    sqlite3_bind_int64(s, 1, doc);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            int64_t *nids = realloc(ids, ncap * sizeof *nids);
            if (!nids) {
                free(ids);
                sqlite3_reset(s);
                return pl_fail(st->ctx, PL_ENOMEM, "out of memory");
            }
            ids = nids;
            cap = ncap;
        }
        ids[n++] = sqlite3_column_int64(s, 0);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) {
        free(ids);
        return st_fail(st, rc, "reading a document's events");
    }
    rc = PL_OK;
    if (!(s = st_stmt(st, ST_DOC_DEL_MENTIONS)))
        rc = PL_EIO;
    else {
        sqlite3_bind_int64(s, 1, doc);
        rc = run(st, s, "deleting mentions");
    }
    if (rc == PL_OK && !(s = st_stmt(st, ST_DOC_DEL_SENTENCES)))
        rc = PL_EIO;
    else if (rc == PL_OK) {
        sqlite3_bind_int64(s, 1, doc);
        rc = run(st, s, "deleting sentences");
    }
    for (size_t i = 0; rc == PL_OK && i < n; i++) {
        if (!(s = st_stmt(st, ST_EVENT_RECOUNT))) {
            rc = PL_EIO;
            break;
        }
        sqlite3_bind_int64(s, 1, ids[i]);
        rc = run(st, s, "recounting an event");
        if (rc == PL_OK && drop) {
            if (!(s = st_stmt(st, ST_EVENT_DROP_EMPTY)))
                rc = PL_EIO;
            else {
                sqlite3_bind_int64(s, 1, ids[i]);
                rc = run(st, s, "deleting an event");
            }
        }
    }
    if (rc != PL_OK || !evs) {
        free(ids);
        return rc;
    }
    *evs = ids;
    *nevs = n;
    return PL_OK;
}

/* ---- adding ------------------------------------------------------------- */

/* A document's transaction: its own, or inside a batch the batch's. */
static int begin(pl_store *st) {
    if (st->flags & PL_STORE_READONLY)
        return pl_fail(st->ctx, PL_EARG, "%s: opened read-only", st->path);
    if (st->batch)
        return PL_OK;
    sqlite3_stmt *s = st_stmt(st, ST_BEGIN);
    return s ? run(st, s, "starting a transaction") : PL_EIO;
}

/* Commits (rc == PL_OK) or rolls back the document's transaction. Inside a
 * batch there is no savepoint per document (FTS5 would flush its index at
 * every one, halving the speed): documents are checked before anything is
 * written, so only the database can fail half-way, and then the whole
 * batch is rolled back and ended. A rollback keeps the failure's message. */
static int finish(pl_store *st, int rc) {
    if (rc == PL_OK) {
        if (st->batch)
            return PL_OK;
        sqlite3_stmt *s = st_stmt(st, ST_COMMIT);
        return s ? run(st, s, "committing") : PL_EIO;
    }
    if (sqlite3_get_autocommit(st->db) == 0) {
        char keep[sizeof st->ctx->err];
        memcpy(keep, st->ctx->err, sizeof keep);
        sqlite3_stmt *s = st_stmt(st, ST_ROLLBACK);
        if (s) {
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        memcpy(st->ctx->err, keep, sizeof keep);
        if (st->batch) {
            st->batch = 0;
            size_t n = strlen(st->ctx->err);
            snprintf(st->ctx->err + n, sizeof st->ctx->err - n, " (the batch was rolled back)");
        }
    }
    return rc;
}

/* Ends a document's transaction that wrote nothing. */
static void finish_clean(pl_store *st) {
    if (st->batch)
        return;
    sqlite3_stmt *s = st_stmt(st, ST_ROLLBACK);
    if (s) {
        sqlite3_step(s);
        sqlite3_reset(s);
    }
}

int pl_store_begin(pl_store *st) {
    if (!st)
        return PL_EARG;
    if (st->batch)
        return pl_fail(st->ctx, PL_EARG, "%s: a batch is already open", st->path);
    int rc = begin(st);
    if (rc == PL_OK)
        st->batch = 1;
    return rc;
}

int pl_store_commit(pl_store *st) {
    if (!st)
        return PL_EARG;
    if (!st->batch)
        return pl_fail(st->ctx, PL_EARG, "%s: no batch is open", st->path);
    st->batch = 0;
    int rc = finish(st, PL_OK);
    if (rc != PL_OK)
        finish(st, rc);
    return rc;
}

/* Looks the document up: *id (0 when absent) and whether its hash is hash.
 * When absent, *dup says whether another id holds this content. */
static int lookup(pl_store *st, const pl_doc *doc, const char *hash, int64_t *id, int *same, int *dup) {
    sqlite3_stmt *s = st_stmt(st, ST_DOC_BY_NAME);
    if (!s)
        return PL_EIO;
    *id = 0;
    *same = *dup = 0;
    bind_text(s, 1, doc->id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(s, 0);
        *same = strcmp((const char *)sqlite3_column_text(s, 1), hash) == 0;
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return st_fail(st, rc, "looking a document up");
    if (*id)
        return PL_OK;
    if (!(s = st_stmt(st, ST_DOC_BY_HASH)))
        return PL_EIO;
    bind_text(s, 1, hash);
    rc = sqlite3_step(s);
    *dup = rc == SQLITE_ROW;
    sqlite3_reset(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return st_fail(st, rc, "looking a document up");
    return PL_OK;
}

static int put_doc(pl_store *st, const pl_doc *doc, const char *hash, const char *skey, int64_t *id) {
    sqlite3_stmt *s = st_stmt(st, *id ? ST_DOC_UPDATE : ST_DOC_INSERT);
    if (!s)
        return PL_EIO;
    if (*id)
        sqlite3_bind_int64(s, 1, *id);
    else
        bind_text(s, 1, doc->id);
    bind_text(s, 2, hash);
    bind_text(s, 3, doc->date);
    bind_text(s, 4, doc->source);
    bind_text(s, 5, doc->url);
    bind_text(s, 6, doc->title);
    bind_text(s, 7, doc->path);
    bind_text(s, 8, skey);
    sqlite3_bind_int64(s, 9, (sqlite3_int64)doc->len);
    int rc = run(st, s, "storing a document");
    if (rc == PL_OK && !*id)
        *id = sqlite3_last_insert_rowid(st->db);
    return rc;
}

/* The sentences row of the event's evidence, inserted on first use. */
static int sentence_id(pl_store *st, docwork *w, int64_t doc, const pl_doc *d, const pl_event *e,
                       int64_t *out) {
    slot *m = map_slot(w, 1, e->sentence, 0, NULL);
    if (m->val) {
        *out = m->val;
        return PL_OK;
    }
    sqlite3_stmt *s = st_stmt(st, ST_SENT_INSERT);
    if (!s)
        return PL_EIO;
    sqlite3_bind_int64(s, 1, doc);
    sqlite3_bind_int64(s, 2, e->sentence);
    sqlite3_bind_int64(s, 3, e->sent_off);
    sqlite3_bind_int64(s, 4, e->sent_len);
    bind_span(s, 5, d->text + e->sent_off, e->sent_len);
    int rc = run(st, s, "storing a sentence");
    if (rc != PL_OK)
        return rc;
    *out = sqlite3_last_insert_rowid(st->db);
    m->kind = 1;
    m->a = e->sentence;
    m->b = 0;
    m->val = *out;
    return PL_OK;
}

/* The event row for e's key: found, or inserted with zero counts. */
static int event_id(pl_store *st, const pl_event *e, int64_t *out) {
    sqlite3_stmt *s = st_stmt(st, ST_EVENT_FIND);
    if (!s)
        return PL_EIO;
    sqlite3_bind_int(s, 1, st_day(e->date));
    bind_text(s, 2, e->date);
    bind_text(s, 3, e->source.code);
    bind_text(s, 4, e->target.code);
    bind_text(s, 5, e->code);
    sqlite3_bind_int(s, 6, (e->flags & PL_EV_NEGATED) ? 1 : 0);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    if (rc == SQLITE_ROW)
        return PL_OK;
    if (rc != SQLITE_DONE)
        return st_fail(st, rc, "looking an event up");
    if (!(s = st_stmt(st, ST_EVENT_INSERT)))
        return PL_EIO;
    sqlite3_bind_int(s, 1, st_day(e->date));
    bind_text(s, 2, e->date);
    bind_text(s, 3, e->source.code);
    bind_text(s, 4, e->target.code);
    bind_text(s, 5, e->code);
    sqlite3_bind_int(s, 6, (e->flags & PL_EV_NEGATED) ? 1 : 0);
    bind_text(s, 7, e->source.country);
    bind_text(s, 8, e->source.agent);
    bind_text(s, 9, e->target.country);
    bind_text(s, 10, e->target.agent);
    bind_text(s, 11, e->base);
    bind_text(s, 12, e->root);
    sqlite3_bind_int(s, 13, e->quad);
    sqlite3_bind_double(s, 14, e->goldstein);
    bind_text(s, 15, e->plover);
    bind_text(s, 16, e->plover_mode);
    if ((rc = run(st, s, "storing an event")) != PL_OK)
        return rc;
    *out = sqlite3_last_insert_rowid(st->db);
    return PL_OK;
}

/* Binds an actor or predicate span: its text only when it lies outside the
 * evidence sentence (it can then not be cut from the sentence). */
static void bind_outside(sqlite3_stmt *s, int i, const pl_doc *d, const pl_event *e, uint32_t off,
                         uint32_t len) {
    if (len == 0 || (off >= e->sent_off && (uint64_t)off + len <= (uint64_t)e->sent_off + e->sent_len))
        sqlite3_bind_null(s, i);
    else
        bind_span(s, i, d->text + off, len);
}

static void json_str(pl_buf *b, const char *key, const char *v, size_t n) {
    pl_buf_printf(b, ",\"%s\":\"", key);
    pl_buf_json(b, v, n);
    pl_buf_putc(b, '"');
}

/* A place as a JSON object (read back by query.c), every field of pl_geo;
 * the words that named it go in "text" only when they lie outside the
 * evidence sentence. Unknown (type 0): NULL. */
static int bind_geo(pl_store *st, sqlite3_stmt *s, int i, int k, const pl_doc *d, const pl_event *e,
                    const pl_geo *g) {
    if (!g->type) {
        sqlite3_bind_null(s, i);
        return PL_OK;
    }
    pl_buf *b = &st->geo[k];
    b->len = 0;
    b->err = 0;
    pl_buf_printf(b, "{\"type\":%u,\"how\":%u,\"why\":%u,\"ncand\":%u", g->type, g->how, g->why,
                  g->ncand);
    json_str(b, "country", g->country, strnlen(g->country, sizeof g->country));
    json_str(b, "iso3", g->iso3, strnlen(g->iso3, sizeof g->iso3));
    json_str(b, "fips", g->fips, strnlen(g->fips, sizeof g->fips));
    json_str(b, "adm1", g->adm1, strnlen(g->adm1, sizeof g->adm1));
    json_str(b, "feature", g->feature, strnlen(g->feature, sizeof g->feature));
    pl_buf_printf(b, ",\"lat\":%.17g,\"lon\":%.17g,\"geonames\":%u,\"entry\":%d", g->lat, g->lon,
                  g->geonames, (int)g->entry);
    json_str(b, "name", g->name ? g->name : "", g->name ? strlen(g->name) : 0);
    json_str(b, "full", g->full ? g->full : "", g->full ? strlen(g->full) : 0);
    pl_buf_printf(b, ",\"sentence\":%d,\"off\":%u,\"len\":%u", (int)g->sentence, g->off, g->len);
    if (g->len && !(g->off >= e->sent_off && (uint64_t)g->off + g->len <= (uint64_t)e->sent_off + e->sent_len))
        json_str(b, "text", d->text + g->off, g->len);
    pl_buf_putc(b, '}');
    if (b->err)
        return pl_fail(st->ctx, PL_ENOMEM, "out of memory");
    sqlite3_bind_text(s, i, b->p, (int)b->len, SQLITE_STATIC);
    return PL_OK;
}

static int put_mention(pl_store *st, const pl_doc *d, const pl_event *e, int64_t event, int64_t sent,
                       const char *skey, int64_t *out) {
    sqlite3_stmt *s = st_stmt(st, ST_MENTION_INSERT);
    if (!s)
        return PL_EIO;
    sqlite3_bind_int64(s, 1, event);
    sqlite3_bind_int64(s, 2, sent);
    bind_text(s, 3, skey);
    sqlite3_bind_int64(s, 4, e->mentions ? e->mentions : 1);
    sqlite3_bind_int64(s, 5, e->flags);
    sqlite3_bind_double(s, 6, e->confidence);
    bind_text(s, 7, e->pattern_file);
    sqlite3_bind_int64(s, 8, e->pattern_line);
    const pl_event_actor *a[2] = {&e->source, &e->target};
    for (int k = 0; k < 2; k++) {
        bind_text(s, 9 + 5 * k, a[k]->entry);
        sqlite3_bind_int(s, 10 + 5 * k, a[k]->how);
        sqlite3_bind_int64(s, 11 + 5 * k, a[k]->off);
        sqlite3_bind_int64(s, 12 + 5 * k, a[k]->len);
        bind_outside(s, 13 + 5 * k, d, e, a[k]->off, a[k]->len);
    }
    sqlite3_bind_int64(s, 19, e->verb_off);
    sqlite3_bind_int64(s, 20, e->verb_len);
    bind_outside(s, 21, d, e, e->verb_off, e->verb_len);
    int rc = bind_geo(st, s, 22, 0, d, e, &e->location);
    if (rc == PL_OK)
        rc = bind_geo(st, s, 23, 1, d, e, &e->source_geo);
    if (rc == PL_OK)
        rc = bind_geo(st, s, 24, 2, d, e, &e->target_geo);
    if (rc != PL_OK)
        return rc;
    rc = run(st, s, "storing a mention");
    if (rc == PL_OK)
        *out = sqlite3_last_insert_rowid(st->db);
    return rc;
}

static int add_events(pl_store *st, const pl_doc *d, const pl_events *ev, int64_t doc, const char *skey) {
    docwork w;
    size_t n = ev ? ev->n : 0;
    int rc = work_init(st, &w, n);
    uint32_t nment = 0;
    for (size_t i = 0; rc == PL_OK && i < n; i++) {
        const pl_event *e = &ev->e[i];
        uint64_t h = event_key_hash(e);
        slot *m = map_slot(&w, 0, h, 0, e);
        if (!m->val) {
            touched *t = &w.t[w.nt];
            t->e = e;
            if ((rc = event_id(st, e, &t->event)) != PL_OK)
                break;
            m->kind = 0;
            m->a = h;
            m->b = 0;
            m->val = (int64_t)++w.nt;
        }
        touched *t = &w.t[m->val - 1];
        /* one mention per event and sentence */
        slot *p = map_slot(&w, 2, (uint64_t)t->event, e->sentence, NULL);
        if (p->val)
            continue;
        p->kind = 2;
        p->a = (uint64_t)t->event;
        p->b = e->sentence;
        p->val = 1;
        int64_t sent, mid;
        if ((rc = sentence_id(st, &w, doc, d, e, &sent)) != PL_OK ||
            (rc = put_mention(st, d, e, t->event, sent, skey, &mid)) != PL_OK)
            break;
        if (!t->first)
            t->first = mid;
        t->weight += e->mentions ? e->mentions : 1;
        nment++;
    }
    for (size_t k = 0; rc == PL_OK && k < w.nt; k++) {
        sqlite3_stmt *s = st_stmt(st, ST_SOURCE_SEEN);
        if (!s) {
            rc = PL_EIO;
            break;
        }
        sqlite3_bind_int64(s, 1, w.t[k].event);
        bind_text(s, 2, skey);
        sqlite3_bind_int64(s, 3, w.t[k].first);
        int got = sqlite3_step(s);
        sqlite3_reset(s);
        if (got != SQLITE_ROW && got != SQLITE_DONE) {
            rc = st_fail(st, got, "counting sources");
            break;
        }
        if (!(s = st_stmt(st, ST_EVENT_ADD))) {
            rc = PL_EIO;
            break;
        }
        sqlite3_bind_int64(s, 1, w.t[k].event);
        sqlite3_bind_int64(s, 2, w.t[k].weight);
        sqlite3_bind_int(s, 3, got == SQLITE_ROW ? 0 : 1);
        sqlite3_bind_int64(s, 4, w.t[k].first);
        rc = run(st, s, "counting an event");
    }
    if (rc == PL_OK) {
        sqlite3_stmt *s = st_stmt(st, ST_DOC_COUNTS);
        if (!s)
            return PL_EIO;
        sqlite3_bind_int64(s, 1, doc);
        sqlite3_bind_int64(s, 2, (sqlite3_int64)n);
        sqlite3_bind_int64(s, 3, nment);
        rc = run(st, s, "storing a document");
    }
    return rc;
}

static int drop_empty(pl_store *st, const int64_t *ids, size_t n) {
    for (size_t i = 0; i < n; i++) {
        sqlite3_stmt *s = st_stmt(st, ST_EVENT_DROP_EMPTY);
        if (!s)
            return PL_EIO;
        sqlite3_bind_int64(s, 1, ids[i]);
        int rc = run(st, s, "deleting an event");
        if (rc != PL_OK)
            return rc;
    }
    return PL_OK;
}

int pl_store_add_doc(pl_store *st, const pl_doc *doc, const pl_events *ev) {
    if (!st || !doc)
        return st ? pl_fail(st->ctx, PL_EARG, "store: no document") : PL_EARG;
    int rc = check_events(st, doc, ev);
    if (rc != PL_OK)
        return rc;
    char hash[17], skey[256];
    content_hash(doc, hash);
    source_key(doc, skey, sizeof skey);
    if ((rc = begin(st)) != PL_OK)
        return rc;
    int64_t id, *old = NULL;
    size_t nold = 0;
    int same, dup, what = PL_STORE_ADDED;
    rc = lookup(st, doc, hash, &id, &same, &dup);
    if (rc == PL_OK && (same || dup)) {
        finish_clean(st);
        return same ? PL_STORE_UNCHANGED : PL_STORE_DUPLICATE;
    }
    if (rc == PL_OK && id) {
        what = PL_STORE_REPLACED;
        rc = remove_contents(st, id, 0, &old, &nold);
    }
    if (rc == PL_OK)
        rc = put_doc(st, doc, hash, skey, &id);
    if (rc == PL_OK)
        rc = add_events(st, doc, ev, id, skey);
    if (rc == PL_OK)
        rc = drop_empty(st, old, nold);
    free(old);
    rc = finish(st, rc);
    return rc == PL_OK ? what : rc;
}

int pl_store_has_doc(pl_store *st, const pl_doc *doc) {
    if (!st || !doc)
        return st ? pl_fail(st->ctx, PL_EARG, "store: no document") : PL_EARG;
    char hash[17];
    content_hash(doc, hash);
    int64_t id;
    int same, dup;
    int rc = lookup(st, doc, hash, &id, &same, &dup);
    return rc != PL_OK ? rc : (same || dup);
}

int pl_store_remove_doc(pl_store *st, const char *name) {
    if (!st || !name)
        return st ? pl_fail(st->ctx, PL_EARG, "store: no document id") : PL_EARG;
    int rc = begin(st);
    if (rc != PL_OK)
        return rc;
    sqlite3_stmt *s = st_stmt(st, ST_DOC_BY_NAME);
    int64_t id = 0;
    if (!s)
        rc = PL_EIO;
    else {
        bind_text(s, 1, name);
        int got = sqlite3_step(s);
        if (got == SQLITE_ROW)
            id = sqlite3_column_int64(s, 0);
        sqlite3_reset(s);
        if (got != SQLITE_ROW && got != SQLITE_DONE)
            rc = st_fail(st, got, "looking a document up");
    }
    if (rc == PL_OK && id) {
        rc = remove_contents(st, id, 1, NULL, NULL);
        if (rc == PL_OK && !(s = st_stmt(st, ST_DOC_DELETE)))
            rc = PL_EIO;
        else if (rc == PL_OK) {
            sqlite3_bind_int64(s, 1, id);
            rc = run(st, s, "deleting a document");
        }
    }
    rc = finish(st, rc);
    return rc == PL_OK ? id != 0 : rc;
}

/* ---- info and checks ---------------------------------------------------- */

static int count(pl_store *st, const char *sql, uint64_t *out) {
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, sql, -1, &s, NULL);
    if (rc != SQLITE_OK)
        return st_fail(st, rc, "counting");
    rc = sqlite3_step(s);
    *out = rc == SQLITE_ROW ? (uint64_t)sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? PL_OK : st_fail(st, rc, "counting");
}

int pl_store_info_get(pl_store *st, pl_store_info *out) {
    if (!st || !out)
        return st ? pl_fail(st->ctx, PL_EARG, "store: no output") : PL_EARG;
    memset(out, 0, sizeof *out);
    out->schema = st->schema;
    int rc;
    if ((rc = count(st, "SELECT count(*) FROM docs", &out->docs)) != PL_OK ||
        (rc = count(st, "SELECT count(*) FROM sentences", &out->sentences)) != PL_OK ||
        (rc = count(st, "SELECT count(*) FROM events", &out->events)) != PL_OK ||
        (rc = count(st, "SELECT count(*) FROM mentions", &out->mentions)) != PL_OK)
        return rc;
    return PL_OK;
}

/* Each query returns a row for the first violation: an id and a message. */
static const struct {
    const char *sql, *what;
} checks[] = {
    {"SELECT e.id FROM events e LEFT JOIN (SELECT m.event AS event, sum(m.weight) AS w, "
     "count(DISTINCT s.doc) AS a, count(DISTINCT m.skey) AS k, min(m.id) AS f FROM mentions m "
     "JOIN sentences s ON s.id = m.sentence GROUP BY m.event) x ON x.event = e.id WHERE x.event "
     "IS NULL OR e.num_mentions <> x.w OR e.num_articles <> x.a OR e.num_sources <> x.k OR "
     "e.mention <> x.f LIMIT 1",
     "event %lld: counts or first mention disagree with its mentions"},
    {"SELECT d.id FROM docs d LEFT JOIN (SELECT s.doc AS doc, count(*) AS c FROM mentions m JOIN "
     "sentences s ON s.id = m.sentence GROUP BY s.doc) x ON x.doc = d.id WHERE coalesce(x.c, 0) "
     "<> d.mentions LIMIT 1",
     "document %lld: holds other mentions than it was stored with"},
    {"SELECT s.id FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.sentence = "
     "s.id) LIMIT 1",
     "sentence %lld: no mention points at it"},
    {"SELECT m.id FROM mentions m JOIN sentences s ON s.id = m.sentence JOIN docs d ON d.id = "
     "s.doc WHERE m.skey <> d.skey LIMIT 1",
     "mention %lld: source key differs from its document's"},
    {"SELECT m.id FROM mentions m JOIN sentences s ON s.id = m.sentence GROUP BY m.event, s.doc, "
     "s.idx HAVING count(*) > 1 LIMIT 1",
     "mention %lld: two mentions of one event in one sentence"},
};

int pl_store_check(pl_store *st) {
    if (!st)
        return PL_EARG;
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(st->db, "PRAGMA quick_check", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return st_fail(st, rc, "checking");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(s, 0), "ok") != 0) {
        pl_fail(st->ctx, PL_EFORMAT, "%s: quick_check: %s", st->path,
                (const char *)sqlite3_column_text(s, 0));
        sqlite3_finalize(s);
        return PL_EFORMAT;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW)
        return st_fail(st, rc, "quick_check");
    if ((rc = sqlite3_prepare_v2(st->db, "PRAGMA foreign_key_check", -1, &s, NULL)) != SQLITE_OK)
        return st_fail(st, rc, "checking");
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        pl_fail(st->ctx, PL_EFORMAT, "%s: row %lld of %s points at a missing row of %s", st->path,
                (long long)sqlite3_column_int64(s, 1), (const char *)sqlite3_column_text(s, 0),
                (const char *)sqlite3_column_text(s, 2));
        sqlite3_finalize(s);
        return PL_EFORMAT;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return st_fail(st, rc, "foreign_key_check");
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        if ((rc = sqlite3_prepare_v2(st->db, checks[i].sql, -1, &s, NULL)) != SQLITE_OK)
            return st_fail(st, rc, "checking");
        rc = sqlite3_step(s);
        if (rc == SQLITE_ROW) {
            char what[256];
            snprintf(what, sizeof what, checks[i].what, (long long)sqlite3_column_int64(s, 0));
            sqlite3_finalize(s);
            return pl_fail(st->ctx, PL_EFORMAT, "%s: %s", st->path, what);
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return st_fail(st, rc, "checking");
    }
    if (st->schema >= 2 && !(st->flags & PL_STORE_READONLY)) {
        rc = sqlite3_exec(st->db, "INSERT INTO evidence(evidence, rank) VALUES ('integrity-check', 1)",
                          NULL, NULL, NULL);
        if (rc != SQLITE_OK)
            return pl_fail(st->ctx, PL_EFORMAT, "%s: full-text index: %s", st->path,
                           sqlite3_errmsg(st->db));
    }
    return PL_OK;
}
