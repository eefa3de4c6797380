/*
 * test_report.c — `parley report`'s library side with hand-made events:
 * HTML escaping, dates, the aggregates (daily bins by quad class, country
 * pairs, map cells, the table's most recent events), a store built through
 * the store API, JSON Lines input, and byte-for-byte deterministic pages.
 */
#include <sys/stat.h>

#include "t.h"
#include "core/core.h"
#include "doc/doc.h"
#include "report/report.h"

static char dir[256];

static const char *tmp_path(const char *name) {
    static char p[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

/* Occurrences of needle in hay. */
static size_t count(const char *hay, const char *needle) {
    size_t n = 0, k = strlen(needle);
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += k)
        n++;
    return n;
}

/* ---- hand-made events ---------------------------------------------------- */

typedef struct spec {
    const char *date, *src, *scountry, *tgt, *tcountry, *code;
    int quad;
    double goldstein;
    const char *place;   /* NULL: no location */
    double lat, lon;
} spec;

/* "SRC verb TGT." sentences, one per event, and their events. */
typedef struct made {
    pl_doc *doc;
    pl_events ev;
} made;

static void make_doc(pl_ctx *ctx, made *m, const char *id, const char *url, const spec *s, size_t n,
                     const char *extra) {
    pl_buf t = {0};
    memset(m, 0, sizeof *m);
    m->ev.cap = n ? n : 1;
    m->ev.e = calloc(m->ev.cap, sizeof *m->ev.e);
    for (size_t i = 0; i < n; i++) {
        if (t.len)
            pl_buf_putc(&t, ' ');
        uint32_t off = (uint32_t)t.len;
        pl_buf_printf(&t, "%s met %s%s.", s[i].src, s[i].tgt, i == 0 && extra ? extra : "");
        pl_event *e = &m->ev.e[m->ev.n++];
        e->sentence = (uint32_t)i;
        snprintf(e->date, sizeof e->date, "%s", s[i].date);
        snprintf(e->source.code, sizeof e->source.code, "%s", s[i].src);
        snprintf(e->source.country, sizeof e->source.country, "%s", s[i].scountry);
        snprintf(e->target.code, sizeof e->target.code, "%s", s[i].tgt);
        snprintf(e->target.country, sizeof e->target.country, "%s", s[i].tcountry);
        e->source.entry = e->target.entry = "";
        e->source.off = off;
        e->source.len = (uint32_t)strlen(s[i].src);
        e->verb_off = off + e->source.len + 1;
        e->verb_len = 3;
        e->target.off = e->verb_off + 4;
        e->target.len = (uint32_t)strlen(s[i].tgt);
        snprintf(e->code, sizeof e->code, "%s", s[i].code);
        snprintf(e->base, sizeof e->base, "%.3s", s[i].code);
        snprintf(e->root, sizeof e->root, "%.2s", s[i].code);
        e->quad = s[i].quad;
        e->goldstein = s[i].goldstein;
        e->plover = e->plover_mode = "";
        e->pattern_file = "test";
        e->confidence = 0.5;
        e->mentions = 1;
        e->sent_off = off;
        e->sent_len = (uint32_t)(t.len - off);
        e->location.entry = e->source_geo.entry = e->target_geo.entry = -1;
        e->location.sentence = e->source_geo.sentence = e->target_geo.sentence = -1;
        e->location.name = e->location.full = "";
        e->source_geo.name = e->source_geo.full = e->target_geo.name = e->target_geo.full = "";
        if (s[i].place) {
            e->location.type = PL_GEO_WORLD_CITY;
            e->location.name = s[i].place;
            e->location.full = s[i].place;
            e->location.lat = s[i].lat;
            e->location.lon = s[i].lon;
        }
    }
    char *text = malloc(t.len + 1);
    memcpy(text, t.p ? t.p : "", t.len);
    text[t.len] = 0;
    m->doc = doc_make(ctx, text, t.len, id, "2024-03-01", "Title <b>", "Src", url, "");
    pl_buf_free(&t);
}

static void made_free(made *m) {
    pl_doc_free(m->doc);
    free(m->ev.e);
}

static const spec events1[] = {
    {"2024-03-01", "RUSGOV", "RUS", "UKRGOV", "UKR", "190", 4, -10.0, "Kyiv", 50.45, 30.52},
    {"2024-03-01", "UKR", "UKR", "RUS", "RUS", "111", 3, -2.0, "Kyiv", 50.46, 30.53},
    {"2024-03-02", "USA", "USA", "UKR", "UKR", "070", 2, 7.0, "Washington", 38.9, -77.0},
    {"2024-03-04", "FRA", "FRA", "USA", "USA", "040", 1, 1.0, NULL, 0, 0},
    {"2024-03-04", "RUSMIL", "RUS", "RUSGOV", "RUS", "040", 1, 1.0, "Moscow", 55.75, 37.61},
    {"2024", "IGOUNO", "", "RUS", "RUS", "111", 3, -2.0, NULL, 0, 0},
};
#define N1 (sizeof events1 / sizeof events1[0])

/* ---- tests ------------------------------------------------------------------- */

TEST(escaping) {
    pl_buf b = {0};
    const char s[] = "<a href=\"x\">&'\x01\x7f\xff é\tz";
    rp_esc(&b, s, sizeof s - 1);
    CHECK_STR(pl_buf_str(&b), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\xEF\xBF\xBD é\tz");
    b.len = 0;
    rp_count(&b, 1234567);
    pl_buf_putc(&b, ' ');
    rp_count(&b, 12);
    pl_buf_putc(&b, ' ');
    rp_count(&b, 0);
    CHECK_STR(pl_buf_str(&b), "1,234,567 12 0");
    b.len = 0;
    rp_gold_colour(&b, 0);
    pl_buf_putc(&b, ' ');
    rp_gold_colour(&b, -10);
    pl_buf_putc(&b, ' ');
    rp_gold_colour(&b, 10);
    CHECK_STR(pl_buf_str(&b), "#969696 #b2182b #2166ac");
    pl_buf_free(&b);
}

TEST(dates) {
    char d[11];
    CHECK(rp_day("1970-01-01") == 0);
    CHECK(rp_day("1970-01-02") == 1);
    CHECK(rp_day("2024") == rp_day("2024-01-01"));
    CHECK(rp_day("2024-02-30") == RP_NODAY);
    CHECK(rp_day("") == RP_NODAY);
    CHECK(rp_day("2024-3-1") == RP_NODAY);
    rp_date(rp_day("2024-02-29"), d);
    CHECK_STR(d, "2024-02-29");
    rp_date(rp_day("1899-12-31"), d);
    CHECK_STR(d, "1899-12-31");
    CHECK(rp_prefix("RUSGOV", "rus"));
    CHECK(!rp_prefix("RU", "RUS"));
}

TEST(aggregates) {
    pl_ctx *ctx = pl_ctx_new();
    pl_report_opts o = {.table_max = 3, .dyad_source = "RUS", .dyad_target = "UKR"};
    pl_report *r = pl_report_new(ctx, &o);
    made m;
    make_doc(ctx, &m, "d1", "", events1, N1, NULL);
    for (size_t i = 0; i < m.ev.n; i++)
        CHECK(pl_report_add_event(r, m.doc, &m.ev.e[i], 0) == PL_OK);
    CHECK(r->all.total == N1);
    CHECK(r->all.undated == 0);
    CHECK(r->quad[1] == 2 && r->quad[2] == 1 && r->quad[3] == 2 && r->quad[4] == 1);
    size_t nd;
    rp_day_bin *days = rp_series_sorted(r, &r->all, &nd);
    CHECK(nd == 4); /* 2024-01-01 (year only), 03-01, 03-02, 03-04 */
    if (nd == 4) {
        CHECK(days[0].day == rp_day("2024-01-01") && days[0].n[3] == 1);
        CHECK(days[1].day == rp_day("2024-03-01") && days[1].n[4] == 1 && days[1].n[3] == 1);
        CHECK(days[1].goldstein == -12.0);
        CHECK(days[3].n[1] == 2);
    }
    free(days);
    CHECK(r->dyad.total == 1); /* RUSGOV -> UKRGOV only: directed */
    /* pairs: RUS-UKR (2 events, both directions), UKR-USA, FRA-USA,
     * IGOUNO-RUS; RUSMIL -> RUSGOV is within one country */
    CHECK(r->npair == 4);
    CHECK(r->self_pairs == 1);
    for (size_t i = 0; i < r->pair_cap; i++)
        if (r->pair[i].a && strcmp(r->pair[i].a, "RUS") == 0 && strcmp(r->pair[i].b, "UKR") == 0)
            CHECK(r->pair[i].n == 2 && r->pair[i].ab == 1 && r->pair[i].ba == 1);
    CHECK(r->located == 4);
    CHECK(r->ncell == 3); /* both Kyiv events share a cell */
    for (size_t i = 0; i < r->cell_cap; i++)
        if (r->cell[i].key >= 0 && r->cell[i].n == 2)
            CHECK_STR(r->cell[i].name, "Kyiv");
    /* the table keeps the 3 most recent: both of 03-04 and the one of 03-02 */
    CHECK(r->nheap == 3);
    for (size_t i = 0; i < r->nheap; i++)
        CHECK(r->heap[i]->day >= rp_day("2024-03-02"));
    char *html = NULL;
    size_t len = 0;
    CHECK(pl_report_html(r, &html, &len) == PL_OK);
    CHECK(html && strlen(html) == len);
    if (html) {
        CHECK(count(html, "<tr data-q=") == 3);
        CHECK(strstr(html, "The 3 most recent of 6 events") != NULL);
        CHECK(count(html, "class=\"edge\"") == 4);
        CHECK(count(html, "class=\"node\"") == 5);
        CHECK(count(html, "class=\"pt\"") == 3);
        /* all events: 03-01 has two quads, 03-02 one, 03-04 one (two events) and
         * 01-01 one: 5 bars; the dyad's timeline 1 more */
        CHECK(count(html, "class=\"bar q") == 6);
        CHECK(strstr(html, "<mark class=\"s\">RUSMIL</mark> <mark class=\"v\">met</mark> "
                           "<mark class=\"t\">RUSGOV</mark>.") != NULL);
        CHECK(strstr(html, " src=") == NULL && strstr(html, "<link") == NULL);
    }
    free(html);
    made_free(&m);
    pl_report_free(r);
    pl_ctx_free(ctx);
}

TEST(bad_options) {
    pl_ctx *ctx = pl_ctx_new();
    pl_report_opts o = {.dyad_source = "RUS"};
    CHECK(pl_report_new(ctx, &o) == NULL);
    o.dyad_target = "U K";
    CHECK(pl_report_new(ctx, &o) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "dyad") != NULL);
    pl_report_opts m = {.map = "/nonexistent/countries.tsv"};
    pl_report *r = pl_report_new(ctx, &m);
    char *html = NULL;
    size_t len;
    CHECK(pl_report_html(r, &html, &len) == PL_EIO);
    CHECK(html == NULL);
    pl_report_free(r);
    pl_ctx_free(ctx);
}

/* Hostile text is escaped, and only http(s) URLs become links. */
TEST(hostile_input) {
    pl_ctx *ctx = pl_ctx_new();
    pl_report_opts o = {.title = "<script>x</script>", .map = ""};
    pl_report *r = pl_report_new(ctx, &o);
    made m;
    spec s = {"2024-05-01", "USA", "USA", "CHN", "CHN", "040", 1, 1.0, "<img src=x>", 1, 1};
    make_doc(ctx, &m, "evil\"id", "javascript:alert(1)", &s, 1, " <script>alert(1)</script>");
    CHECK(pl_report_add_event(r, m.doc, &m.ev.e[0], 1) == PL_OK);
    char *html = NULL;
    size_t len = 0;
    CHECK(pl_report_html(r, &html, &len) == PL_OK);
    if (html) {
        CHECK(count(html, "<script>") == 1); /* ours, at the end */
        CHECK(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
        CHECK(strstr(html, "&lt;img src=x&gt;") != NULL);
        CHECK(strstr(html, "javascript:") == NULL);
        CHECK(strstr(html, "evil&quot;id") != NULL);
        CHECK(strstr(html, "<title>&lt;script&gt;x&lt;/script&gt;</title>") != NULL);
        CHECK(strstr(html, "class=\"land\"") == NULL); /* map "" : no outlines */
    }
    free(html);
    made_free(&m);
    pl_report_free(r);
    pl_ctx_free(ctx);
}

static pl_store *build_store(pl_ctx *ctx, const char *path) {
    unlink(path);
    pl_store *st = pl_store_open(ctx, path, PL_STORE_CREATE);
    if (!st)
        return NULL;
    made a, b;
    make_doc(ctx, &a, "doc-a", "https://example.org/a?x=1&y=2", events1, N1, NULL);
    /* doc-b reports the first two events again (merged) and one more */
    spec more[3] = {events1[0], events1[1],
                    {"2024-03-05", "CHN", "CHN", "USA", "USA", "036", 1, 4.0, "Beijing", 39.9, 116.4}};
    make_doc(ctx, &b, "doc-b", "", more, 3, NULL);
    int ok = pl_store_add_doc(st, a.doc, &a.ev) == PL_STORE_ADDED &&
             pl_store_add_doc(st, b.doc, &b.ev) == PL_STORE_ADDED;
    made_free(&a);
    made_free(&b);
    if (!ok) {
        pl_store_close(st);
        return NULL;
    }
    return st;
}

static char *store_page(pl_ctx *ctx, pl_store *st, const pl_query_opts *q, uint32_t table_max,
                        pl_report **keep) {
    pl_report_opts o = {.table_max = table_max, .title = "t"};
    pl_report *r = pl_report_new(ctx, &o);
    char *html = NULL;
    size_t len;
    if (!r || pl_report_add_store(r, st, q) != PL_OK || pl_report_html(r, &html, &len) != PL_OK)
        html = NULL;
    if (keep)
        *keep = r;
    else
        pl_report_free(r);
    return html;
}

TEST(store) {
    pl_ctx *ctx = pl_ctx_new();
    pl_store *st = build_store(ctx, tmp_path("s.db"));
    CHECK(st != NULL);
    if (!st) {
        fprintf(stderr, "  %s\n", pl_errmsg(ctx));
        pl_ctx_free(ctx);
        return;
    }
    pl_report *r = NULL;
    char *html = store_page(ctx, st, NULL, 0, &r);
    CHECK(html != NULL && r != NULL);
    if (html && r) {
        CHECK(r->all.total == N1 + 1); /* merged: 7 distinct events */
        CHECK(r->located == 5);
        CHECK(r->npair == 5);
        CHECK(r->nheap == N1 + 1);
        CHECK(count(html, "<tr data-q=") == N1 + 1);
        CHECK(strstr(html, "All 7 events, most recent first.") != NULL);
        /* the merged Kyiv attack was reported by two articles */
        CHECK(strstr(html, "<td class=\"n\">2</td>") != NULL);
        CHECK(strstr(html, "href=\"https://example.org/a?x=1&amp;y=2\"") != NULL);
        CHECK(count(html, "class=\"pt\"") == 4);
        /* the table's first row is the most recent event */
        const char *row = strstr(html, "<tr data-q=");
        CHECK(row && strstr(row, "2024-03-05") && strstr(row, "2024-03-05") < strstr(row, "</tr>"));
    }
    /* the same store twice: the same bytes */
    char *again = store_page(ctx, st, NULL, 0, NULL);
    CHECK(html && again && strcmp(html, again) == 0);
    free(again);
    free(html);
    pl_report_free(r);
    /* filters, and the table cap */
    pl_query_opts q = {.actor = "RUS"};
    html = store_page(ctx, st, &q, 2, &r);
    CHECK(html && r);
    if (html && r) {
        CHECK(r->all.total == 4);
        CHECK(count(html, "<tr data-q=") == 2);
        CHECK(strstr(html, "The 2 most recent of 4 events") != NULL);
    }
    free(html);
    pl_report_free(r);
    pl_query_opts bad = {.from_date = "2024-13"};
    pl_report *rb = pl_report_new(ctx, NULL);
    CHECK(pl_report_add_store(rb, st, &bad) == PL_EARG);
    pl_report_free(rb);
    pl_store_close(st);
    pl_ctx_free(ctx);
}

TEST(jsonl) {
    pl_ctx *ctx = pl_ctx_new();
    const char *path = tmp_path("ev.jsonl");
    FILE *f = fopen(path, "w");
    fputs("{\"doc\":\"a\",\"sentence\":0,\"date\":\"2024-05-01\",\"source\":{\"code\":\"USAGOV\","
          "\"country\":\"USA\",\"start\":10,\"end\":20},\"target\":{\"code\":\"CHN\",\"country\":\"CHN\","
          "\"start\":25,\"end\":30},\"code\":\"040\",\"quad\":1,\"goldstein\":1.0,\"verb_start\":21,"
          "\"verb_end\":24,\"evidence\":\"Washington met China.\",\"evidence_start\":10,"
          "\"location\":{\"name\":\"Geneva\",\"lat\":46.2,\"lon\":6.1},\"url\":\"https://x.test/a\"}\n"
          "not json\n"
          "\n"
          "{\"doc\":\"b\",\"date\":\"2024-05-02\",\"source\":{\"code\":\"RUS\",\"country\":\"RUS\"},"
          "\"target\":{\"code\":\"UKR\",\"country\":\"UKR\"},\"code\":\"190\",\"quad\":4,"
          "\"goldstein\":-10.0,\"evidence\":\"Russia attacked Ukraine.\",\"location\":null}\n"
          "{\"doc\":\"c\",\"date\":\"2024-05-03\",\"source\":{\"code\":\"RUS\"},\"target\":{\"code\":"
          "\"UKR\"}}\n",
          f);
    fclose(f);
    pl_report *r = pl_report_new(ctx, NULL);
    uint64_t skipped = 0;
    CHECK(pl_report_add_jsonl(r, path, NULL, &skipped) == PL_OK);
    CHECK(skipped == 2); /* "not json" and the event without a code */
    CHECK(r->all.total == 2 && r->located == 1 && r->npair == 2);
    char *html = NULL;
    size_t len;
    CHECK(pl_report_html(r, &html, &len) == PL_OK);
    if (html) {
        CHECK(strstr(html, "<mark class=\"s\">Washington</mark> <mark class=\"v\">met</mark> "
                           "<mark class=\"t\">China</mark>.") != NULL);
        CHECK(strstr(html, "a JSON Lines file") != NULL);
    }
    free(html);
    pl_report_free(r);
    pl_query_opts q = {.quad = 4, .to_date = "2024-05"};
    r = pl_report_new(ctx, NULL);
    CHECK(pl_report_add_jsonl(r, path, &q, NULL) == PL_OK);
    CHECK(r->all.total == 1 && r->quad[4] == 1);
    pl_report_free(r);
    pl_query_opts t = {.text = "talks"};
    r = pl_report_new(ctx, NULL);
    CHECK(pl_report_add_jsonl(r, path, &t, NULL) == PL_EARG);
    CHECK(pl_report_add_jsonl(r, tmp_path("missing.jsonl"), NULL, NULL) == PL_EIO);
    pl_report_free(r);
    pl_ctx_free(ctx);
}

/* A long span of days is drawn in weeks or months, not thousands of bars. */
TEST(long_span) {
    pl_ctx *ctx = pl_ctx_new();
    pl_report_opts o = {.map = ""};
    pl_report *r = pl_report_new(ctx, &o);
    spec s[2] = {{"2000-01-01", "USA", "USA", "CHN", "CHN", "040", 1, 1.0, NULL, 0, 0},
                 {"2020-06-15", "USA", "USA", "CHN", "CHN", "190", 4, -10.0, NULL, 0, 0}};
    made m;
    make_doc(ctx, &m, "d", "", s, 2, NULL);
    for (size_t i = 0; i < 2; i++)
        CHECK(pl_report_add_event(r, m.doc, &m.ev.e[i], 1) == PL_OK);
    char *html = NULL;
    size_t len;
    CHECK(pl_report_html(r, &html, &len) == PL_OK);
    if (html) {
        CHECK(strstr(html, "Events per month") != NULL);
        CHECK(count(html, "class=\"bar q") == 2);
    }
    free(html);
    made_free(&m);
    pl_report_free(r);
    pl_ctx_free(ctx);
}

int main(void) {
    snprintf(dir, sizeof dir, "/tmp/parley-report-%d", (int)getpid());
    if (mkdir(dir, 0700) != 0) {
        perror(dir);
        return 1;
    }
    RUN(escaping);
    RUN(dates);
    RUN(aggregates);
    RUN(bad_options);
    RUN(hostile_input);
    RUN(store);
    RUN(jsonl);
    RUN(long_span);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return t_done();
}
