/*
 * source.c — where the report's events come from: an event store or a JSON
 * Lines file of `parley code`.
 *
 * STORE. The aggregates need only a few columns of every matching event
 * and the place of its first mention, but a million of them: one pass of
 * SQL over `events` joined to that mention reads them in about half a
 * second, where pl_query (which rebuilds each event's document and parses
 * its three places) would take half a minute. So the pass uses the store's
 * own filter compiler (st_where_build, shared with pl_query and
 * pl_stats: the filters mean exactly what they mean there) and reads the
 * place's coordinates and name straight from the stored JSON. The table's
 * events, which need evidence and spans, then come from pl_query itself,
 * restricted to the days of the table_max most recent events.
 *
 * JSON LINES. One event per line as `parley code --format jsonl` (or
 * `parley query --format jsonl`, whose num_articles is used) writes it;
 * the filters are applied here with the store's meanings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <zlib.h>

#include "report/report.h"
#include "store/store.h"

/* Days of a YYYYMMDD number as the store keeps it (0 unknown). */
static int32_t day_of_int(int64_t v) {
    if (v <= 0)
        return RP_NODAY;
    int y = (int)(v / 10000), m = (int)(v / 100 % 100), d = (int)(v % 100);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return RP_NODAY;
    return rp_days(y, m, d);
}

/* ---- a place as the store writes it (store.c's bind_geo) ---------------- */

static const char *json_key(const char *js, size_t n, const char *key) {
    size_t k = strlen(key);
    for (const char *p = js; (p = memchr(p, '"', n - (size_t)(p - js))) != NULL; p++) {
        if ((size_t)(js + n - p) > k + 2 && memcmp(p + 1, key, k) == 0 && p[k + 1] == '"' &&
            p[k + 2] == ':')
            return p + k + 3;
    }
    return NULL;
}

static int hexval(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t put_utf8(char *o, uint32_t cp) {
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A JSON string at p (after the colon) into out (cap bytes, cut there). */
static void json_string(const char *p, const char *end, char *out, size_t cap) {
    size_t k = 0;
    out[0] = 0;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '"')
        return;
    for (p++; p < end && *p != '"' && k + 5 < cap; p++) {
        if (*p != '\\') {
            out[k++] = *p;
            continue;
        }
        if (++p >= end)
            break;
        switch (*p) {
        case 'n': out[k++] = '\n'; break;
        case 't': out[k++] = '\t'; break;
        case 'r': out[k++] = '\r'; break;
        case 'b': out[k++] = '\b'; break;
        case 'f': out[k++] = '\f'; break;
        case 'u': {
            uint32_t cp = 0;
            for (int i = 1; i <= 4; i++) {
                int h = p + i < end ? hexval(p[i]) : -1;
                if (h < 0) {
                    out[k] = 0;
                    return;
                }
                cp = cp << 4 | (uint32_t)h;
            }
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && p + 6 < end && p[1] == '\\' && p[2] == 'u') {
                uint32_t lo = 0;
                int ok = 1;
                for (int i = 3; i <= 6; i++) {
                    int h = hexval(p[i]);
                    ok &= h >= 0;
                    lo = lo << 4 | (uint32_t)(h < 0 ? 0 : h);
                }
                if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                }
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            k += put_utf8(out + k, cp);
            break;
        }
        default: out[k++] = *p; break; /* \" \\ \/ */
        }
    }
    out[k] = 0;
}

/* Reads lat, lon and name of a stored place; 0 when it has no coordinates. */
static int stored_place(const char *js, size_t n, double *lat, double *lon, char *name, size_t cap) {
    name[0] = 0;
    if (!js || !n)
        return 0;
    const char *a = json_key(js, n, "lat"), *o = json_key(js, n, "lon"), *t = json_key(js, n, "type");
    if (!a || !o || (t && *t == '0'))
        return 0;
    /* the JSON is NUL-terminated (sqlite3_column_text): strtod stops there */
    char *end;
    *lat = strtod(a, &end);
    if (end == a)
        return 0;
    *lon = strtod(o, &end);
    if (end == o)
        return 0;
    const char *nm = json_key(js, n, "name");
    if (nm)
        json_string(nm, js + n, name, cap);
    return 1;
}

/* ---- the store ------------------------------------------------------------ */

static int scan_store(pl_report *r, pl_store *st, const pl_query_opts *q, rp_series *days) {
    st_where w;
    int rc = st_where_build(st->ctx, q, 0, &w);
    if (rc != PL_OK)
        return rc;
    pl_buf sql = {0};
    /* CROSS JOIN keeps events the outer loop: one probe of the mention's
     * primary key per event. NOT INDEXED without a key condition: a table
     * scan in rowid order (see stats.c). */
    pl_buf_printf(&sql,
                  "SELECT e.day, e.date, e.quad, e.goldstein, e.source, e.target, "
                  "e.source_country, e.target_country, m.location FROM events e%s "
                  "CROSS JOIN mentions m ON m.id = e.mention WHERE 1%s",
                  w.keyed ? "" : " NOT INDEXED", pl_buf_str(&w.sql));
    pl_buf_free(&w.sql);
    if (sql.err) {
        pl_buf_free(&sql);
        return pl_fail(st->ctx, PL_ENOMEM, "out of memory");
    }
    sqlite3_stmt *s = NULL;
    int src = sqlite3_prepare_v2(st->db, pl_buf_str(&sql), -1, &s, NULL);
    pl_buf_free(&sql);
    if (src != SQLITE_OK)
        return st_fail(st, src, "report");
    if ((rc = st_where_bind(st, s, &w)) != PL_OK) {
        sqlite3_finalize(s);
        return rc;
    }
    char place[256];
    while ((src = sqlite3_step(s)) == SQLITE_ROW) {
        rp_item it = {0};
        const char *sc = (const char *)sqlite3_column_text(s, 4);
        const char *tc = (const char *)sqlite3_column_text(s, 5);
        const char *scn = (const char *)sqlite3_column_text(s, 6);
        const char *tcn = (const char *)sqlite3_column_text(s, 7);
        it.day = day_of_int(sqlite3_column_int64(s, 0));
        it.quad = sqlite3_column_int(s, 2);
        it.goldstein = sqlite3_column_double(s, 3);
        it.source = sc ? sc : "";
        it.target = tc ? tc : "";
        it.source_node = scn && *scn ? scn : it.source;
        it.target_node = tcn && *tcn ? tcn : it.target;
        const char *loc = (const char *)sqlite3_column_text(s, 8);
        it.located = stored_place(loc, loc ? (size_t)sqlite3_column_bytes(s, 8) : 0, &it.lat, &it.lon,
                                  place, sizeof place);
        it.place = place;
        if ((rc = rp_add(r, &it, 1, 0)) != PL_OK)
            break;
        if ((rc = rp_series_add(days, &it)) != PL_OK) {
            r->err = rc;
            pl_fail(r->ctx, rc, "out of memory");
            break;
        }
    }
    if (rc == PL_OK && src != SQLITE_DONE) {
        if (q->text && (src & 0xff) == SQLITE_ERROR)
            rc = pl_fail(st->ctx, PL_EARG, "text: %s (put words with punctuation in double quotes)",
                         sqlite3_errmsg(st->db));
        else
            rc = st_fail(st, src, "report");
    }
    sqlite3_finalize(s);
    return rc;
}

/* The day of the table_max-th most recent matching event, as YYYYMMDD:
 * the table needs no older one. 0 when there are fewer dated events: then
 * every event is read. */
static int64_t table_cutoff(pl_report *r, const rp_series *days) {
    size_t n;
    rp_day_bin *v = rp_series_sorted(r, days, &n);
    uint64_t seen = 0;
    int64_t cut = 0;
    for (size_t i = n; i-- > 0;) {
        seen += v[i].n[0] + v[i].n[1] + v[i].n[2] + v[i].n[3] + v[i].n[4];
        if (seen >= r->table_max) {
            char d[11];
            rp_date(v[i].day, d);
            cut = (int64_t)atoi(d) * 10000 + atoi(d + 5) * 100 + atoi(d + 8);
            break;
        }
    }
    free(v);
    return cut;
}

static void span_of(rp_item *it, int i, const pl_event *e, uint32_t off, uint32_t len) {
    it->span[i].off = (int64_t)off - (int64_t)e->sent_off;
    it->span[i].len = len;
}

static int fill_table(pl_report *r, pl_store *st, pl_query_opts q, int64_t cutoff) {
    char from[16];
    if (cutoff > 0) {
        snprintf(from, sizeof from, "%04d-%02d-%02d", (int)(cutoff / 10000), (int)(cutoff / 100 % 100),
                 (int)(cutoff % 100));
        q.from_date = from;
    }
    pl_query *qr = pl_query_new(st, &q);
    if (!qr)
        return PL_EIO; /* the filters passed scan_store: SQLite or memory failed */
    const pl_stored_event *se;
    int got, rc = PL_OK;
    while ((got = pl_query_next(qr, &se)) == 1) {
        const pl_event *e = &se->ev;
        const pl_doc *d = se->doc;
        rp_item it = {0};
        it.day = rp_day(e->date);
        it.date = e->date;
        it.source = e->source.code;
        it.target = e->target.code;
        it.code = e->code;
        it.quad = e->quad;
        it.goldstein = e->goldstein;
        it.articles = se->num_articles;
        it.doc = pl_doc_id(d);
        it.title = pl_doc_title(d);
        it.url = pl_doc_url(d);
        int in_text = (size_t)e->sent_off + e->sent_len <= pl_doc_len(d);
        it.evidence = in_text ? pl_doc_text(d) + e->sent_off : "";
        it.evidence_len = in_text ? e->sent_len : 0;
        span_of(&it, 0, e, e->source.off, e->source.len);
        span_of(&it, 1, e, e->target.off, e->target.len);
        span_of(&it, 2, e, e->verb_off, e->verb_len);
        it.place = e->location.type ? e->location.name : "";
        if ((rc = rp_add(r, &it, 0, 1)) != PL_OK)
            break;
    }
    if (rc == PL_OK && got < 0)
        rc = got;
    pl_query_free(qr);
    return rc;
}

int pl_report_add_store(pl_report *r, pl_store *st, const pl_query_opts *filter) {
    if (!r || !st)
        return PL_EARG;
    if (r->err)
        return r->err;
    pl_query_opts q = {0};
    if (filter)
        q = *filter;
    q.mentions = 0;
    q.limit = 0;
    r->source_kind = "store";
    rp_series days = {0};
    int rc = scan_store(r, st, &q, &days);
    if (rc == PL_OK)
        rc = r->err ? r->err : fill_table(r, st, q, table_cutoff(r, &days));
    free(days.bin);
    if (rc != PL_OK && !r->err && r->ctx != st->ctx)
        pl_fail(r->ctx, rc, "%s", pl_errmsg(st->ctx));
    return rc;
}

/* ---- JSON Lines ----------------------------------------------------------- */

typedef struct jfilter {
    int32_t from, to;         /* days, inclusive; RP_NODAY: open */
    const pl_query_opts *q;
} jfilter;

/* First (or last) day of YYYY, YYYY-MM or YYYY-MM-DD; pl_query_check has
 * validated the form. */
static int32_t filter_day(const char *v, int last) {
    size_t n = strlen(v);
    int y = atoi(v);
    if (n == 4)
        return last ? rp_days(y, 12, 31) : rp_days(y, 1, 1);
    int m = (v[5] - '0') * 10 + (v[6] - '0');
    if (n == 7)
        return last ? (m == 12 ? rp_days(y + 1, 1, 1) : rp_days(y, m + 1, 1)) - 1 : rp_days(y, m, 1);
    return rp_day(v);
}

static const char *jstr(const cJSON *o, const char *k) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

static double jnum(const cJSON *o, const char *k, double dflt) {
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

static int matches(const jfilter *f, const rp_item *it) {
    const pl_query_opts *q = f->q;
    if ((f->from != RP_NODAY || f->to != RP_NODAY) &&
        (it->day == RP_NODAY || (f->from != RP_NODAY && it->day < f->from) ||
         (f->to != RP_NODAY && it->day > f->to)))
        return 0;
    if (q->actor && !rp_prefix(it->source, q->actor) && !rp_prefix(it->target, q->actor))
        return 0;
    if ((q->source && !rp_prefix(it->source, q->source)) ||
        (q->target && !rp_prefix(it->target, q->target)) || (q->code && !rp_prefix(it->code, q->code)))
        return 0;
    if (q->quad && it->quad != q->quad)
        return 0;
    if (q->doc && strcmp(it->doc, q->doc) != 0)
        return 0;
    if (q->min_articles && it->articles < q->min_articles)
        return 0;
    return 1;
}

/* One line: PL_OK (added or filtered out), PL_EFORMAT (why in why), or a
 * code from rp_add. */
static int jsonl_line(pl_report *r, const jfilter *f, const char *line, size_t n, char *why, size_t cap) {
    cJSON *o = cJSON_ParseWithLength(line, n);
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        snprintf(why, cap, "not a JSON object");
        return PL_EFORMAT;
    }
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(o, "source");
    const cJSON *tgt = cJSON_GetObjectItemCaseSensitive(o, "target");
    const cJSON *loc = cJSON_GetObjectItemCaseSensitive(o, "location");
    rp_item it = {0};
    it.code = jstr(o, "code");
    if (!*it.code || !cJSON_IsObject(src) || !cJSON_IsObject(tgt)) {
        cJSON_Delete(o);
        snprintf(why, cap, "not an event of 'parley code --format jsonl' (no code, source or target)");
        return PL_EFORMAT;
    }
    it.date = jstr(o, "date");
    it.day = rp_day(it.date);
    it.source = jstr(src, "code");
    it.target = jstr(tgt, "code");
    it.source_node = *jstr(src, "country") ? jstr(src, "country") : it.source;
    it.target_node = *jstr(tgt, "country") ? jstr(tgt, "country") : it.target;
    it.quad = (int)jnum(o, "quad", 0);
    it.goldstein = jnum(o, "goldstein", 0);
    double na = jnum(o, "num_articles", 1);
    it.articles = na >= 1 && na < 4e9 ? (uint32_t)na : 1;
    it.doc = jstr(o, "doc");
    it.title = "";
    it.url = jstr(o, "url");
    it.evidence = jstr(o, "evidence");
    it.evidence_len = strlen(it.evidence);
    double base = jnum(o, "evidence_start", 0);
    const struct { const cJSON *obj; const char *a, *b; } spans[3] = {
        {src, "start", "end"}, {tgt, "start", "end"}, {o, "verb_start", "verb_end"}};
    for (int i = 0; i < 3; i++) {
        double a = jnum(spans[i].obj, spans[i].a, -1), b = jnum(spans[i].obj, spans[i].b, -1);
        if (a >= 0 && b > a && b < 9e15) {
            it.span[i].off = (int64_t)(a - base);
            it.span[i].len = (int64_t)(b - a);
        }
    }
    if (cJSON_IsObject(loc)) {
        const cJSON *la = cJSON_GetObjectItemCaseSensitive(loc, "lat");
        const cJSON *lo = cJSON_GetObjectItemCaseSensitive(loc, "lon");
        it.located = cJSON_IsNumber(la) && cJSON_IsNumber(lo);
        it.lat = it.located ? la->valuedouble : 0;
        it.lon = it.located ? lo->valuedouble : 0;
        it.place = jstr(loc, "name");
    } else {
        it.place = "";
    }
    int rc = matches(f, &it) ? rp_add(r, &it, 1, 1) : PL_OK;
    cJSON_Delete(o);
    return rc;
}

int pl_report_add_jsonl(pl_report *r, const char *path, const pl_query_opts *filter, uint64_t *skipped) {
    if (skipped)
        *skipped = 0;
    if (!r || !path)
        return PL_EARG;
    if (r->err)
        return r->err;
    static const pl_query_opts none;
    const pl_query_opts *q = filter ? filter : &none;
    int rc = pl_query_check(r->ctx, q);
    if (rc != PL_OK)
        return rc;
    if (q->text || q->source_name)
        return pl_fail(r->ctx, PL_EARG, "%s: needs an event store (--db), not a JSON Lines file",
                       q->text ? "text" : "source-name");
    jfilter f = {RP_NODAY, RP_NODAY, q};
    if (q->from_date)
        f.from = filter_day(q->from_date, 0);
    if (q->to_date)
        f.to = filter_day(q->to_date, 1);
    int is_stdin = strcmp(path, "-") == 0;
    errno = 0;
    gzFile gz = is_stdin ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    if (!gz)
        return pl_fail(r->ctx, PL_EIO, "%s: %s", path, errno ? strerror(errno) : "cannot open");
    gzbuffer(gz, 1 << 17);
    r->source_kind = "jsonl";
    const char *name = is_stdin ? "<stdin>" : path;
    pl_buf line = {0};
    char chunk[1 << 16], why[160];
    uint64_t lineno = 0, bad = 0;
    for (int eof = 0; !eof && rc == PL_OK;) {
        line.len = 0;
        for (;;) {
            if (!gzgets(gz, chunk, sizeof chunk)) {
                eof = 1;
                break;
            }
            size_t k = strlen(chunk);
            pl_buf_put(&line, chunk, k);
            if (k && chunk[k - 1] == '\n')
                break;
        }
        if (line.err) {
            rc = pl_fail(r->ctx, PL_ENOMEM, "out of memory");
            break;
        }
        if (eof && line.len == 0)
            break;
        lineno++;
        size_t n = line.len;
        while (n && (line.p[n - 1] == '\n' || line.p[n - 1] == '\r' || line.p[n - 1] == ' '))
            n--;
        if (n == 0)
            continue;
        int lrc = jsonl_line(r, &f, line.p, n, why, sizeof why);
        if (lrc == PL_EFORMAT) {
            pl_warn(r->ctx, "%s:%llu: %s", name, (unsigned long long)lineno, why);
            bad++;
        } else {
            rc = lrc;
        }
    }
    int gerr = 0;
    const char *gmsg = gzerror(gz, &gerr);
    if (rc == PL_OK && gerr != Z_OK && gerr != Z_STREAM_END)
        rc = pl_fail(r->ctx, PL_EIO, "%s: %s", name, gmsg ? gmsg : "read error");
    gzclose(gz);
    pl_buf_free(&line);
    if (skipped)
        *skipped = bad;
    return rc;
}
