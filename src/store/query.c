/*
 * query.c — reading events back: filters turned into SQL, and each result
 * row turned into the pl_event and pl_doc that the writers take, so that
 * `parley query` prints the same records as `parley code`.
 *
 * The document of a result is rebuilt from the evidence: the store keeps
 * only evidence sentences, not whole articles, so the rebuilt text is blank
 * except for the sentence (and any actor or predicate words stored apart),
 * each at its original byte offset. Offsets in the output are therefore the
 * offsets in the original article. The buffer is reused from row to row;
 * only the bytes written for the previous row are blanked again.
 *
 * PLANS. Every code filter (actors, event code, dates) is answered from the
 * merge key index events_key(day, date, source, target, code, negated),
 * read in order: results stream out already sorted, a LIMIT stops the scan
 * early, and the worst case, a filter nothing matches, reads the index
 * once (0.16 s for a million events). Indexes on source, target or code
 * were slower in every case measured (an OR of two index ranges followed
 * by a sort of everything matched: 0.5-1.4 s for a common actor) and cost
 * ingest time, so there are none, and the unary + in the conditions keeps
 * SQLite from hoping otherwise. A --text filter drives the plan from the
 * full-text index instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "store/store.h"

/* ---- filters ------------------------------------------------------------ */

static int add_bind_text(st_where *w, const char *s) {
    if (w->nbind == ST_MAX_BINDS)
        return 0;
    w->bind[w->nbind].is_int = 0;
    w->bind[w->nbind].text = NULL;
    snprintf(w->bind[w->nbind].s, sizeof w->bind[w->nbind].s, "%s", s);
    w->nbind++;
    return 1;
}

static int add_bind_long(st_where *w, const char *s) {
    if (w->nbind == ST_MAX_BINDS)
        return 0;
    w->bind[w->nbind].is_int = 0;
    w->bind[w->nbind].s[0] = 0;
    w->bind[w->nbind].text = s;
    w->nbind++;
    return 1;
}

static int add_bind_int(st_where *w, int64_t v) {
    if (w->nbind == ST_MAX_BINDS)
        return 0;
    w->bind[w->nbind].is_int = 1;
    w->bind[w->nbind].i = v;
    w->nbind++;
    return 1;
}

/* A code prefix as the range [lo, hi): upper-cased letters and digits. */
static int prefix_range(pl_ctx *ctx, const char *what, const char *v, int digits, char lo[40],
                        char hi[40]) {
    size_t n = strlen(v);
    if (n == 0 || n > PL_CODE_MAX)
        return pl_fail(ctx, PL_EARG, "%s: want 1 to %d %s, got '%.40s'", what, PL_CODE_MAX,
                       digits ? "digits" : "letters or digits", v);
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c >= 'a' && c <= 'z' && !digits)
            c = (char)(c - 32);
        if (!((c >= '0' && c <= '9') || (!digits && c >= 'A' && c <= 'Z')))
            return pl_fail(ctx, PL_EARG, "%s: '%.40s' is not a %s", what, v,
                           digits ? "CAMEO event code (digits)" : "CAMEO actor code (letters, digits)");
        lo[i] = hi[i] = c;
    }
    lo[n] = hi[n] = 0;
    hi[n - 1]++; /* the next code after every code with this prefix */
    return PL_OK;
}

/* A day from YYYY, YYYY-MM or YYYY-MM-DD: the first day of it (or the
 * last, when last is set) as YYYYMMDD. */
static int parse_day(pl_ctx *ctx, const char *what, const char *v, int last, int64_t *out) {
    size_t n = strlen(v);
    int ok = (n == 4 || n == 7 || n == 10);
    for (size_t i = 0; ok && i < n; i++)
        ok = (i == 4 || i == 7) ? v[i] == '-' : (v[i] >= '0' && v[i] <= '9');
    int y = ok ? atoi(v) : 0, m = 0;
    if (ok && n >= 7) {
        m = (v[5] - '0') * 10 + (v[6] - '0');
        ok = m >= 1 && m <= 12;
    }
    if (ok && n == 10)
        ok = pl_valid_date(v);
    if (!ok)
        return pl_fail(ctx, PL_EARG, "%s: invalid date '%.40s' (want YYYY, YYYY-MM or YYYY-MM-DD)",
                       what, v);
    if (n == 4)
        *out = y * 10000 + (last ? 1231 : 101);
    else if (n == 7)
        *out = y * 10000 + m * 100 + (last ? 31 : 1);
    else
        *out = y * 10000 + m * 100 + (v[8] - '0') * 10 + (v[9] - '0');
    return PL_OK;
}

static int range(pl_ctx *ctx, st_where *w, const char *what, const char *col, const char *v,
                 int digits) {
    char lo[40], hi[40];
    int rc = prefix_range(ctx, what, v, digits, lo, hi);
    if (rc != PL_OK)
        return rc;
    pl_buf_printf(&w->sql, " AND +%s >= ? AND +%s < ?", col, col);
    add_bind_text(w, lo);
    add_bind_text(w, hi);
    return PL_OK;
}

static int where_build(pl_ctx *ctx, const pl_query_opts *o, int per_mention, st_where *w) {
    static const pl_query_opts none;
    if (!o)
        o = &none;
    int rc = PL_OK;
    int64_t day;
    w->keyed = o->from_date || o->to_date || o->actor || o->source || o->target || o->code;
    if (o->from_date || o->to_date)
        pl_buf_puts(&w->sql, " AND e.day > 0");
    if (o->from_date) {
        if ((rc = parse_day(ctx, "from-date", o->from_date, 0, &day)) != PL_OK)
            return rc;
        pl_buf_puts(&w->sql, " AND e.day >= ?");
        add_bind_int(w, day);
    }
    if (o->to_date) {
        if ((rc = parse_day(ctx, "to-date", o->to_date, 1, &day)) != PL_OK)
            return rc;
        pl_buf_puts(&w->sql, " AND e.day <= ?");
        add_bind_int(w, day);
    }
    if (o->actor) {
        char lo[40], hi[40];
        if ((rc = prefix_range(ctx, "actor", o->actor, 0, lo, hi)) != PL_OK)
            return rc;
        pl_buf_puts(&w->sql, " AND ((+e.source >= ? AND +e.source < ?) OR (+e.target >= ? AND +e.target < ?))");
        add_bind_text(w, lo);
        add_bind_text(w, hi);
        add_bind_text(w, lo);
        add_bind_text(w, hi);
    }
    if (o->source && (rc = range(ctx, w, "source", "e.source", o->source, 0)) != PL_OK)
        return rc;
    if (o->target && (rc = range(ctx, w, "target", "e.target", o->target, 0)) != PL_OK)
        return rc;
    if (o->code && (rc = range(ctx, w, "code", "e.code", o->code, 1)) != PL_OK)
        return rc;
    if (o->quad) {
        if (o->quad < 1 || o->quad > 4)
            return pl_fail(ctx, PL_EARG, "quad: want 1 to 4, got %d", o->quad);
        pl_buf_puts(&w->sql, " AND e.quad = ?");
        add_bind_int(w, o->quad);
    }
    if (o->min_articles) {
        pl_buf_puts(&w->sql, " AND e.num_articles >= ?");
        add_bind_int(w, o->min_articles);
    }
    if (o->source_name) {
        if (per_mention)
            pl_buf_puts(&w->sql, " AND m.skey = ? COLLATE NOCASE");
        else
            pl_buf_puts(&w->sql, " AND EXISTS (SELECT 1 FROM mentions mx WHERE mx.event = e.id AND "
                                 "mx.skey = ? COLLATE NOCASE)");
        add_bind_long(w, o->source_name);
    }
    if (o->doc) {
        if (per_mention)
            pl_buf_puts(&w->sql, " AND d.name = ?");
        else
            pl_buf_puts(&w->sql, " AND e.id IN (SELECT mx.event FROM docs dx JOIN sentences sx ON "
                                 "sx.doc = dx.id JOIN mentions mx ON mx.sentence = sx.id WHERE "
                                 "dx.name = ?)");
        add_bind_long(w, o->doc);
    }
    if (o->text) {
        if (!*o->text)
            return pl_fail(ctx, PL_EARG, "text: empty search");
        if (per_mention)
            pl_buf_puts(&w->sql, " AND m.sentence IN (SELECT rowid FROM evidence WHERE evidence MATCH ?)");
        else
            pl_buf_puts(&w->sql, " AND e.id IN (SELECT mx.event FROM evidence JOIN mentions mx ON "
                                 "mx.sentence = evidence.rowid WHERE evidence MATCH ?)");
        add_bind_long(w, o->text);
    }
    if (w->sql.err || w->nbind == ST_MAX_BINDS)
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    return PL_OK;
}

int st_where_build(pl_ctx *ctx, const pl_query_opts *o, int per_mention, st_where *w) {
    memset(w, 0, sizeof *w);
    int rc = where_build(ctx, o, per_mention, w);
    if (rc != PL_OK)
        pl_buf_free(&w->sql);
    return rc;
}

int pl_query_check(pl_ctx *ctx, const pl_query_opts *o) {
    if (!ctx)
        return PL_EARG;
    st_where w;
    int rc = st_where_build(ctx, o, o && o->mentions, &w);
    pl_buf_free(&w.sql);
    return rc;
}

int st_where_bind(pl_store *st, sqlite3_stmt *s, const st_where *w) {
    for (int i = 0; i < w->nbind; i++) {
        int rc;
        if (w->bind[i].is_int)
            rc = sqlite3_bind_int64(s, i + 1, w->bind[i].i);
        else
            rc = sqlite3_bind_text(s, i + 1, w->bind[i].text ? w->bind[i].text : w->bind[i].s, -1,
                                   SQLITE_TRANSIENT);
        if (rc != SQLITE_OK)
            return st_fail(st, rc, "binding a filter");
    }
    return PL_OK;
}

/* ---- the query ---------------------------------------------------------- */

/* Result columns, in this order. */
enum {
    C_ID, C_DATE, C_SOURCE, C_TARGET, C_CODE, C_SCOUNTRY, C_SAGENT, C_TCOUNTRY, C_TAGENT, C_BASE,
    C_ROOT, C_QUAD, C_GOLD, C_PLOVER, C_PMODE, C_NMENT, C_NSRC, C_NART,
    C_MID, C_WEIGHT, C_FLAGS, C_CONF, C_PFILE, C_PLINE,
    C_SENTRY, C_SHOW, C_SOFF, C_SLEN, C_STEXT, C_TENTRY, C_THOW, C_TOFF, C_TLEN, C_TTEXT,
    C_VOFF, C_VLEN, C_VTEXT,
    C_SIDX, C_SOFF2, C_SLEN2, C_STEXT2,
    C_DNAME, C_DDATE, C_DSOURCE, C_DURL, C_DTITLE, C_DPATH,
    C_LOC, C_SGEO, C_TGEO
};

static const char columns[] =
    "e.id, e.date, e.source, e.target, e.code, e.source_country, e.source_agent, "
    "e.target_country, e.target_agent, e.base, e.root, e.quad, e.goldstein, e.plover, "
    "e.plover_mode, e.num_mentions, e.num_sources, e.num_articles, "
    "m.id, m.weight, m.flags, m.confidence, m.pattern_file, m.pattern_line, "
    "m.source_entry, m.source_how, m.source_off, m.source_len, m.source_text, "
    "m.target_entry, m.target_how, m.target_off, m.target_len, m.target_text, "
    "m.verb_off, m.verb_len, m.verb_text, s.idx, s.off, s.len, s.text, "
    "d.name, d.date, d.source, d.url, d.title, d.path, m.location, m.source_geo, m.target_geo";

struct pl_query {
    pl_store *st;
    sqlite3_stmt *stmt;
    pl_arena arena;          /* the current row's strings */
    pl_stored_event se;
    pl_doc doc;              /* rebuilt: see the top of this file */
    char *text;              /* its text buffer: spaces, cap bytes */
    size_t cap;
    size_t lo, hi;           /* bytes written for the previous row */
    int per_mention;         /* one row per mention */
    int has_text;            /* a full-text filter: its syntax errors show here */
    struct { const char *text; size_t off, len; } geo_text[3];  /* place words outside the sentence */
};

pl_query *pl_query_new(pl_store *st, const pl_query_opts *o) {
    if (!st)
        return NULL;
    st_where w;
    if (st_where_build(st->ctx, o, o && o->mentions, &w) != PL_OK)
        return NULL;
    pl_buf sql = {0};
    /* Filters on other event columns alone (quad, NumArticles) and no
     * LIMIT: scan the table and sort what matches, 5-10x faster than
     * walking the key index with a table lookup per event. */
    int scan = o && !w.keyed && !o->limit && !o->text && !o->doc && (o->quad || o->min_articles);
    /* CROSS JOIN keeps events the outer loop, read in key order (else
     * SQLite may scan every mention and sort them all), except when the
     * full-text index or a document should drive the plan. */
    int driven = o && (o->text || o->doc);
    pl_buf_printf(&sql, "SELECT %s FROM events e%s %s mentions m ON %s JOIN sentences s ON s.id = "
                        "m.sentence JOIN docs d ON d.id = s.doc WHERE 1%s ORDER BY e.day, e.date, "
                        "e.source, e.target, e.code, e.negated%s",
                  columns, scan ? " NOT INDEXED" : "", driven ? "JOIN" : "CROSS JOIN",
                  o && o->mentions ? "m.event = e.id" : "m.id = e.mention", pl_buf_str(&w.sql),
                  o && o->mentions ? ", m.id" : "");
    if (o && o->limit)
        pl_buf_printf(&sql, " LIMIT %llu", (unsigned long long)o->limit);
    pl_buf_free(&w.sql);
    pl_query *q = calloc(1, sizeof *q);
    if (!q || sql.err) {
        free(q);
        pl_buf_free(&sql);
        pl_fail(st->ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    q->st = st;
    q->per_mention = o && o->mentions;
    q->has_text = o && o->text;
    int rc = sqlite3_prepare_v2(st->db, pl_buf_str(&sql), -1, &q->stmt, NULL);
    pl_buf_free(&sql);
    if (rc != SQLITE_OK || st_where_bind(st, q->stmt, &w) != PL_OK) {
        if (rc != SQLITE_OK)
            st_fail(st, rc, "query");
        pl_query_free(q);
        return NULL;
    }
    return q;
}

void pl_query_free(pl_query *q) {
    if (!q)
        return;
    sqlite3_finalize(q->stmt);
    pl_arena_free(&q->arena);
    free(q->text);
    free(q);
}

static const char *col_str(pl_query *q, int c) {
    const char *s = (const char *)sqlite3_column_text(q->stmt, c);
    int n = sqlite3_column_bytes(q->stmt, c);
    char *copy = pl_arena_strndup(&q->arena, s ? s : "", s ? (size_t)n : 0);
    return copy;
}

static uint32_t col_u32(pl_query *q, int c) {
    int64_t v = sqlite3_column_int64(q->stmt, c);
    return v < 0 ? 0 : v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

static void copy_code(char *dst, size_t cap, pl_query *q, int c) {
    const char *s = (const char *)sqlite3_column_text(q->stmt, c);
    snprintf(dst, cap, "%s", s ? s : "");
}

/* Makes room for the rebuilt text up to `need` bytes plus its NUL. */
static int text_room(pl_query *q, size_t need) {
    if (need + 1 <= q->cap)
        return PL_OK;
    size_t cap = q->cap ? q->cap : 4096;
    while (cap < need + 1)
        cap *= 2;
    char *t = realloc(q->text, cap);
    if (!t)
        return PL_ENOMEM;
    memset(t + q->cap, ' ', cap - q->cap);
    q->text = t;
    q->cap = cap;
    return PL_OK;
}

static void text_put(pl_query *q, size_t off, const char *s, size_t n) {
    memcpy(q->text + off, s, n);
    if (off < q->lo)
        q->lo = off;
    if (off + n > q->hi)
        q->hi = off + n;
}

static double jnum(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : 0.0;
}

/* A string member copied into the arena ("" when absent); NULL on OOM. */
static const char *jstr_dup(pl_query *q, const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    const char *s = cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
    return pl_arena_strndup(&q->arena, s, strlen(s));
}

static void jcode(char *dst, size_t cap, const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    snprintf(dst, cap, "%s", cJSON_IsString(v) && v->valuestring ? v->valuestring : "");
}

/* Reads a place stored by store.c's bind_geo; a NULL column is no place.
 * Words stored apart (outside the sentence) go to q->geo_text[k]. */
static int read_geo(pl_query *q, int col, int k, pl_geo *g) {
    memset(g, 0, sizeof *g);
    g->entry = -1;
    g->sentence = -1;
    g->name = g->full = "";
    q->geo_text[k].text = NULL;
    if (sqlite3_column_type(q->stmt, col) == SQLITE_NULL)
        return PL_OK;
    const char *js = (const char *)sqlite3_column_text(q->stmt, col);
    cJSON *o = js ? cJSON_ParseWithLength(js, (size_t)sqlite3_column_bytes(q->stmt, col)) : NULL;
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return pl_fail(q->st->ctx, PL_EFORMAT, "%s: mention %lld: malformed place", q->st->path,
                       (long long)sqlite3_column_int64(q->stmt, C_MID));
    }
    g->type = (uint8_t)jnum(o, "type");
    g->how = (uint8_t)jnum(o, "how");
    g->why = (uint8_t)jnum(o, "why");
    g->ncand = (uint8_t)jnum(o, "ncand");
    jcode(g->country, sizeof g->country, o, "country");
    jcode(g->iso3, sizeof g->iso3, o, "iso3");
    jcode(g->fips, sizeof g->fips, o, "fips");
    jcode(g->adm1, sizeof g->adm1, o, "adm1");
    jcode(g->feature, sizeof g->feature, o, "feature");
    g->lat = jnum(o, "lat");
    g->lon = jnum(o, "lon");
    g->geonames = (uint32_t)jnum(o, "geonames");
    g->entry = (int32_t)jnum(o, "entry");
    g->sentence = (int32_t)jnum(o, "sentence");
    g->off = (uint32_t)jnum(o, "off");
    g->len = (uint32_t)jnum(o, "len");
    g->name = jstr_dup(q, o, "name");
    g->full = jstr_dup(q, o, "full");
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");
    int has_text = cJSON_IsString(t) && t->valuestring; /* t dies with o below */
    if (has_text) {
        size_t n = strlen(t->valuestring);
        q->geo_text[k].text = pl_arena_strndup(&q->arena, t->valuestring, n);
        q->geo_text[k].off = g->off;
        q->geo_text[k].len = n;
    }
    cJSON_Delete(o);
    if (!g->name || !g->full || (has_text && !q->geo_text[k].text))
        return pl_fail(q->st->ctx, PL_ENOMEM, "out of memory");
    return PL_OK;
}

/* Writes the row's stored texts at their offsets. */
static int rebuild_text(pl_query *q) {
    if (q->hi > q->lo)
        memset(q->text + q->lo, ' ', q->hi - q->lo);
    q->lo = SIZE_MAX;
    q->hi = 0;
    sqlite3_stmt *s = q->stmt;
    size_t soff = col_u32(q, C_SOFF2);
    size_t slen = (size_t)sqlite3_column_bytes(s, C_STEXT2);
    const struct { int text, off; } outside[] = {{C_STEXT, C_SOFF}, {C_TTEXT, C_TOFF}, {C_VTEXT, C_VOFF}};
    size_t need = soff + slen;
    for (size_t i = 0; i < 3; i++)
        if (sqlite3_column_type(s, outside[i].text) != SQLITE_NULL) {
            size_t end = col_u32(q, outside[i].off) + (size_t)sqlite3_column_bytes(s, outside[i].text);
            if (end > need)
                need = end;
        }
    for (size_t k = 0; k < 3; k++)
        if (q->geo_text[k].text && q->geo_text[k].off + q->geo_text[k].len > need)
            need = q->geo_text[k].off + q->geo_text[k].len;
    if (text_room(q, need) != PL_OK)
        return PL_ENOMEM;
    const char *t = (const char *)sqlite3_column_text(s, C_STEXT2);
    if (t)
        text_put(q, soff, t, slen);
    for (size_t i = 0; i < 3; i++)
        if (sqlite3_column_type(s, outside[i].text) != SQLITE_NULL) {
            const char *o = (const char *)sqlite3_column_text(s, outside[i].text);
            size_t n = (size_t)sqlite3_column_bytes(s, outside[i].text);
            if (o)
                text_put(q, col_u32(q, outside[i].off), o, n);
        }
    for (size_t k = 0; k < 3; k++)
        if (q->geo_text[k].text)
            text_put(q, q->geo_text[k].off, q->geo_text[k].text, q->geo_text[k].len);
    q->text[need] = 0;
    if (need + 1 > q->hi)
        q->hi = need + 1;
    if (q->lo > q->hi)
        q->lo = q->hi;
    q->doc.text = q->text;
    q->doc.len = need;
    return PL_OK;
}

static void fill_actor(pl_query *q, pl_event_actor *a, int code, int country, int agent, int entry,
                       int how, int off, int len) {
    copy_code(a->code, sizeof a->code, q, code);
    copy_code(a->country, sizeof a->country, q, country);
    copy_code(a->agent, sizeof a->agent, q, agent);
    a->entry = col_str(q, entry);
    a->how = (uint8_t)sqlite3_column_int(q->stmt, how);
    a->off = col_u32(q, off);
    a->len = col_u32(q, len);
}

int pl_query_next(pl_query *q, const pl_stored_event **out) {
    if (!q || !out)
        return PL_EARG;
    int rc = sqlite3_step(q->stmt);
    if (rc == SQLITE_DONE)
        return 0;
    if (rc != SQLITE_ROW && q->has_text && (rc & 0xff) == SQLITE_ERROR)
        return pl_fail(q->st->ctx, PL_EARG,
                       "text: %s (put words with punctuation in double quotes: '\"U.S.\" sanctions')",
                       sqlite3_errmsg(q->st->db));
    if (rc != SQLITE_ROW)
        return st_fail(q->st, rc, "query");
    pl_arena_reset(&q->arena);
    pl_stored_event *se = &q->se;
    pl_event *e = &se->ev;
    memset(se, 0, sizeof *se);
    sqlite3_stmt *s = q->stmt;
    se->id = sqlite3_column_int64(s, C_ID);
    se->mention = sqlite3_column_int64(s, C_MID);
    se->num_mentions = col_u32(q, C_NMENT);
    se->num_sources = col_u32(q, C_NSRC);
    se->num_articles = col_u32(q, C_NART);
    copy_code(e->date, sizeof e->date, q, C_DATE);
    fill_actor(q, &e->source, C_SOURCE, C_SCOUNTRY, C_SAGENT, C_SENTRY, C_SHOW, C_SOFF, C_SLEN);
    fill_actor(q, &e->target, C_TARGET, C_TCOUNTRY, C_TAGENT, C_TENTRY, C_THOW, C_TOFF, C_TLEN);
    copy_code(e->code, sizeof e->code, q, C_CODE);
    copy_code(e->base, sizeof e->base, q, C_BASE);
    copy_code(e->root, sizeof e->root, q, C_ROOT);
    e->quad = sqlite3_column_int(s, C_QUAD);
    e->goldstein = sqlite3_column_double(s, C_GOLD);
    e->plover = col_str(q, C_PLOVER);
    e->plover_mode = col_str(q, C_PMODE);
    e->flags = col_u32(q, C_FLAGS);
    e->verb_off = col_u32(q, C_VOFF);
    e->verb_len = col_u32(q, C_VLEN);
    e->pattern_file = col_str(q, C_PFILE);
    e->pattern_line = col_u32(q, C_PLINE);
    e->confidence = sqlite3_column_double(s, C_CONF);
    e->mentions = q->per_mention ? col_u32(q, C_WEIGHT) : se->num_mentions;
    e->sentence = col_u32(q, C_SIDX);
    e->sent_off = col_u32(q, C_SOFF2);
    e->sent_len = (uint32_t)sqlite3_column_bytes(s, C_STEXT2);
    pl_doc *d = &q->doc;
    d->id = (char *)col_str(q, C_DNAME);
    d->date = (char *)col_str(q, C_DDATE);
    d->source = (char *)col_str(q, C_DSOURCE);
    d->url = (char *)col_str(q, C_DURL);
    d->title = (char *)col_str(q, C_DTITLE);
    d->path = (char *)col_str(q, C_DPATH);
    d->bad_utf8 = 0;
    if (!d->id || !d->date || !d->source || !d->url || !d->title || !d->path || !e->plover ||
        !e->plover_mode || !e->pattern_file || !e->source.entry || !e->target.entry)
        return pl_fail(q->st->ctx, PL_ENOMEM, "out of memory");
    if ((rc = read_geo(q, C_LOC, 0, &e->location)) != PL_OK ||
        (rc = read_geo(q, C_SGEO, 1, &e->source_geo)) != PL_OK ||
        (rc = read_geo(q, C_TGEO, 2, &e->target_geo)) != PL_OK)
        return rc;
    if (rebuild_text(q) != PL_OK)
        return pl_fail(q->st->ctx, PL_ENOMEM, "out of memory");
    se->doc = d;
    *out = se;
    return 1;
}
