/*
 * report.c — the report's aggregates: events come in one at a time (from a
 * store, a JSON Lines file or the caller) and are counted into daily bins,
 * country pairs and map cells at once; the events of the table are kept in
 * a min-heap of the most recent ones, so that memory stays bounded
 * whatever the number of events. Nothing here depends on the order of hash
 * slots: everything drawn is sorted first (svg.c, html.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "report/report.h"

/* ---- dates --------------------------------------------------------------- */

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int32_t rp_days(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static int digits(const char *s, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int32_t rp_day(const char *date) {
    if (!date)
        return RP_NODAY;
    size_t n = strlen(date);
    int y = n == 4 || n == 10 ? digits(date, 4) : -1;
    if (y < 0)
        return RP_NODAY;
    if (n == 4)
        return rp_days(y, 1, 1);
    if (!pl_valid_date(date))
        return RP_NODAY;
    return rp_days(y, digits(date + 5, 2), digits(date + 8, 2));
}

void rp_date(int32_t z, char out[11]) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 0 || y > 9999) {
        memcpy(out, "0000-00-00", 11);
        return;
    }
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
}

int rp_prefix(const char *code, const char *prefix) {
    for (; *prefix; prefix++, code++) {
        char a = *code, b = *prefix;
        if (a >= 'a' && a <= 'z')
            a = (char)(a - 32);
        if (b >= 'a' && b <= 'z')
            b = (char)(b - 32);
        if (!a || a != b)
            return 0;
    }
    return 1;
}

/* ---- the report ---------------------------------------------------------- */

static char *dup_or_null(const char *s, int *bad) {
    if (!s)
        return NULL;
    char *c = strdup(s);
    if (!c)
        *bad = 1;
    return c;
}

static int code_ok(const char *s) {
    if (!*s || strlen(s) > PL_CODE_MAX)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
            return 0;
    return 1;
}

pl_report *pl_report_new(pl_ctx *ctx, const pl_report_opts *o) {
    if (!ctx)
        return NULL;
    static const pl_report_opts none;
    if (!o)
        o = &none;
    if (!o->dyad_source != !o->dyad_target) {
        pl_fail(ctx, PL_EARG, "dyad: give both the source and the target code");
        return NULL;
    }
    if (o->dyad_source && (!code_ok(o->dyad_source) || !code_ok(o->dyad_target))) {
        pl_fail(ctx, PL_EARG, "dyad: '%.40s,%.40s' is not two CAMEO actor codes (letters, digits)",
                o->dyad_source, o->dyad_target);
        return NULL;
    }
    pl_report *r = calloc(1, sizeof *r);
    if (!r) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    int bad = 0;
    r->ctx = ctx;
    r->title = dup_or_null(o->title ? o->title : "parley report", &bad);
    r->subtitle = dup_or_null(o->subtitle, &bad);
    r->dyad_source = dup_or_null(o->dyad_source, &bad);
    r->dyad_target = dup_or_null(o->dyad_target, &bad);
    r->map = dup_or_null(o->map, &bad);
    r->table_max = o->table_max ? o->table_max : 2000;
    r->top_dyads = o->top_dyads ? o->top_dyads : 30;
    r->map_max = o->map_max ? o->map_max : 2000;
    r->heap = calloc(r->table_max, sizeof *r->heap);
    if (bad || !r->heap) {
        pl_report_free(r);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    return r;
}

static void row_free(rp_row *w) {
    if (!w)
        return;
    free(w->date);
    free(w->source);
    free(w->target);
    free(w->code);
    free(w->doc);
    free(w->title);
    free(w->url);
    free(w->evidence);
    free(w->place);
    free(w);
}

void pl_report_free(pl_report *r) {
    if (!r)
        return;
    free(r->all.bin);
    free(r->dyad.bin);
    for (size_t i = 0; i < r->pair_cap; i++) {
        free(r->pair[i].a);
        free(r->pair[i].b);
    }
    free(r->pair);
    for (size_t i = 0; i < r->cell_cap; i++)
        free(r->cell[i].name);
    free(r->cell);
    for (size_t i = 0; i < r->nheap; i++)
        row_free(r->heap[i]);
    free(r->heap);
    free(r->title);
    free(r->subtitle);
    free(r->dyad_source);
    free(r->dyad_target);
    free(r->map);
    free(r);
}

/* ---- hash tables (open addressing, linear probing, load <= 1/2) ---------- */

static uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

static rp_day_bin *series_bin(rp_series *s, int32_t day) {
    if (2 * (s->n + 1) > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 512;
        rp_day_bin *nb = calloc(cap, sizeof *nb);
        if (!nb)
            return NULL;
        for (size_t i = 0; i < cap; i++)
            nb[i].day = RP_NODAY;
        for (size_t i = 0; i < s->cap; i++) {
            if (s->bin[i].day == RP_NODAY)
                continue;
            size_t k = mix((uint64_t)(uint32_t)s->bin[i].day) & (cap - 1);
            while (nb[k].day != RP_NODAY)
                k = (k + 1) & (cap - 1);
            nb[k] = s->bin[i];
        }
        free(s->bin);
        s->bin = nb;
        s->cap = cap;
    }
    size_t k = mix((uint64_t)(uint32_t)day) & (s->cap - 1);
    while (s->bin[k].day != RP_NODAY && s->bin[k].day != day)
        k = (k + 1) & (s->cap - 1);
    if (s->bin[k].day == RP_NODAY) {
        s->bin[k].day = day;
        s->n++;
    }
    return &s->bin[k];
}

int rp_series_add(rp_series *s, const rp_item *it) {
    s->total++;
    if (it->day == RP_NODAY) {
        s->undated++;
        return PL_OK;
    }
    rp_day_bin *b = series_bin(s, it->day);
    if (!b)
        return PL_ENOMEM;
    b->n[it->quad >= 1 && it->quad <= 4 ? it->quad : 0]++;
    b->goldstein += it->goldstein;
    return PL_OK;
}

static int cmp_bin(const void *a, const void *b) {
    int32_t x = ((const rp_day_bin *)a)->day, y = ((const rp_day_bin *)b)->day;
    return (x > y) - (x < y);
}

rp_day_bin *rp_series_sorted(pl_report *r, const rp_series *s, size_t *n) {
    *n = 0;
    if (!s->n)
        return NULL;
    rp_day_bin *v = malloc(s->n * sizeof *v);
    if (!v) {
        r->err = PL_ENOMEM;
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < s->cap; i++)
        if (s->bin[i].day != RP_NODAY)
            v[k++] = s->bin[i];
    qsort(v, k, sizeof *v, cmp_bin);
    *n = k;
    return v;
}

static uint64_t pair_hash(const char *a, const char *b) {
    uint64_t h = pl_hash64(a, strlen(a));
    return mix(h ^ (pl_hash64(b, strlen(b)) * 31));
}

static int pair_add(pl_report *r, const rp_item *it) {
    const char *s = it->source_node, *t = it->target_node;
    if (!s || !t || !*s || !*t) {
        r->no_pair++;
        return PL_OK;
    }
    int c = strcmp(s, t);
    if (c == 0) {
        r->self_pairs++;
        return PL_OK;
    }
    const char *a = c < 0 ? s : t, *b = c < 0 ? t : s;
    if (2 * (r->npair + 1) > r->pair_cap) {
        size_t cap = r->pair_cap ? r->pair_cap * 2 : 256;
        rp_pair *np = calloc(cap, sizeof *np);
        if (!np)
            return PL_ENOMEM;
        for (size_t i = 0; i < r->pair_cap; i++) {
            if (!r->pair[i].a)
                continue;
            size_t k = pair_hash(r->pair[i].a, r->pair[i].b) & (cap - 1);
            while (np[k].a)
                k = (k + 1) & (cap - 1);
            np[k] = r->pair[i];
        }
        free(r->pair);
        r->pair = np;
        r->pair_cap = cap;
    }
    size_t k = pair_hash(a, b) & (r->pair_cap - 1);
    while (r->pair[k].a && (strcmp(r->pair[k].a, a) != 0 || strcmp(r->pair[k].b, b) != 0))
        k = (k + 1) & (r->pair_cap - 1);
    rp_pair *p = &r->pair[k];
    if (!p->a) {
        p->a = strdup(a);
        p->b = strdup(b);
        if (!p->a || !p->b) {
            free(p->a);
            free(p->b);
            p->a = p->b = NULL;
            return PL_ENOMEM;
        }
        r->npair++;
    }
    p->n++;
    if (c < 0)
        p->ab++;
    else
        p->ba++;
    p->goldstein += it->goldstein;
    return PL_OK;
}

static int cell_add(pl_report *r, const rp_item *it) {
    if (!it->located || !(it->lat >= -90 && it->lat <= 90 && it->lon >= -180 && it->lon <= 180))
        return PL_OK;
    r->located++;
    int li = (int)floor((it->lat + 90) * 2), lo = (int)floor((it->lon + 180) * 2);
    if (li > 359)
        li = 359;
    if (lo > 719)
        lo = 0; /* 180 E is 180 W */
    int32_t key = (int32_t)((li << 16) | lo);
    if (2 * (r->ncell + 1) > r->cell_cap) {
        size_t cap = r->cell_cap ? r->cell_cap * 2 : 256;
        rp_cell *nc = calloc(cap, sizeof *nc);
        if (!nc)
            return PL_ENOMEM;
        for (size_t i = 0; i < cap; i++)
            nc[i].key = -1;
        for (size_t i = 0; i < r->cell_cap; i++) {
            if (r->cell[i].key < 0)
                continue;
            size_t k = mix((uint64_t)r->cell[i].key) & (cap - 1);
            while (nc[k].key >= 0)
                k = (k + 1) & (cap - 1);
            nc[k] = r->cell[i];
        }
        free(r->cell);
        r->cell = nc;
        r->cell_cap = cap;
    }
    size_t k = mix((uint64_t)key) & (r->cell_cap - 1);
    while (r->cell[k].key >= 0 && r->cell[k].key != key)
        k = (k + 1) & (r->cell_cap - 1);
    rp_cell *c = &r->cell[k];
    if (c->key < 0) {
        c->key = key;
        r->ncell++;
    }
    c->n++;
    c->goldstein += it->goldstein;
    c->lat += it->lat;
    c->lon += it->lon;
    /* Boyer-Moore majority vote: the name most events of the cell give,
     * when one gives more than half; a good guess otherwise. */
    const char *name = it->place ? it->place : "";
    if (c->name && strcmp(c->name, name) == 0) {
        c->votes++;
    } else if (c->votes == 0) {
        char *dup = strdup(name);
        if (!dup)
            return PL_ENOMEM;
        free(c->name);
        c->name = dup;
        c->votes = 1;
    } else {
        c->votes--;
    }
    return PL_OK;
}

/* ---- the table: a min-heap on (day, seq) of the latest events ------------ */

static int row_less(const rp_row *a, const rp_row *b) {
    return a->day != b->day ? a->day < b->day : a->seq < b->seq;
}

static void heap_down(rp_row **h, size_t n, size_t i) {
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        if (l < n && row_less(h[l], h[m]))
            m = l;
        if (l + 1 < n && row_less(h[l + 1], h[m]))
            m = l + 1;
        if (m == i)
            return;
        rp_row *t = h[i];
        h[i] = h[m];
        h[m] = t;
        i = m;
    }
}

static void heap_up(rp_row **h, size_t i) {
    while (i > 0 && row_less(h[i], h[(i - 1) / 2])) {
        rp_row *t = h[i];
        h[i] = h[(i - 1) / 2];
        h[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static char *sdup(const char *s, int *bad) {
    char *c = strdup(s ? s : "");
    if (!c)
        *bad = 1;
    return c;
}

static int table_add(pl_report *r, const rp_item *it) {
    /* Unknown dates sort before every date: they are the oldest. */
    rp_row key = {.day = it->day, .seq = r->seq++};
    if (r->nheap == r->table_max && !row_less(r->heap[0], &key))
        return PL_OK;
    rp_row *w = calloc(1, sizeof *w);
    if (!w)
        return PL_ENOMEM;
    int bad = 0;
    *w = key;
    w->date = sdup(it->date, &bad);
    w->source = sdup(it->source, &bad);
    w->target = sdup(it->target, &bad);
    w->code = sdup(it->code, &bad);
    w->doc = sdup(it->doc, &bad);
    w->title = sdup(it->title, &bad);
    w->url = sdup(it->url, &bad);
    w->place = sdup(it->place, &bad);
    w->evidence = malloc(it->evidence_len + 1);
    if (!w->evidence) {
        bad = 1;
    } else {
        if (it->evidence_len)
            memcpy(w->evidence, it->evidence, it->evidence_len);
        w->evidence[it->evidence_len] = 0;
        w->evidence_len = it->evidence_len;
    }
    for (int i = 0; i < 3; i++) {
        int64_t off = it->span[i].off, len = it->span[i].len;
        int ok = len > 0 && off >= 0 && (uint64_t)(off + len) <= it->evidence_len;
        w->span[i].off = ok ? off : 0;
        w->span[i].len = ok ? len : 0;
    }
    w->quad = it->quad;
    w->goldstein = it->goldstein;
    w->articles = it->articles ? it->articles : 1;
    if (bad) {
        row_free(w);
        return PL_ENOMEM;
    }
    if (r->nheap == r->table_max) {
        row_free(r->heap[0]);
        r->heap[0] = w;
        heap_down(r->heap, r->nheap, 0);
    } else {
        r->heap[r->nheap] = w;
        heap_up(r->heap, r->nheap++);
    }
    return PL_OK;
}

int rp_add(pl_report *r, const rp_item *it, int aggregate, int table) {
    if (r->err)
        return r->err;
    int rc = PL_OK;
    if (aggregate) {
        r->quad[it->quad >= 1 && it->quad <= 4 ? it->quad : 0]++;
        r->goldstein += it->goldstein;
        rc = rp_series_add(&r->all, it);
        if (rc == PL_OK && r->dyad_source && rp_prefix(it->source, r->dyad_source) &&
            rp_prefix(it->target, r->dyad_target))
            rc = rp_series_add(&r->dyad, it);
        if (rc == PL_OK)
            rc = pair_add(r, it);
        if (rc == PL_OK)
            rc = cell_add(r, it);
    }
    if (rc == PL_OK && table)
        rc = table_add(r, it);
    if (rc != PL_OK) {
        r->err = rc;
        pl_fail(r->ctx, rc, "out of memory");
    }
    return rc;
}

/* ---- events from the caller ---------------------------------------------- */

/* A span of the document as a span of the evidence sentence. */
static void rel_span(rp_item *it, int i, const pl_event *e, uint32_t off, uint32_t len) {
    it->span[i].off = (int64_t)off - (int64_t)e->sent_off;
    it->span[i].len = len;
}

int pl_report_add_event(pl_report *r, const pl_doc *doc, const pl_event *e, uint32_t articles) {
    if (!r || !doc || !e)
        return PL_EARG;
    rp_item it = {0};
    it.day = rp_day(e->date);
    it.date = e->date;
    it.source = e->source.code;
    it.target = e->target.code;
    it.source_node = e->source.country[0] ? e->source.country : e->source.code;
    it.target_node = e->target.country[0] ? e->target.country : e->target.code;
    it.code = e->code;
    it.quad = e->quad;
    it.goldstein = e->goldstein;
    it.articles = articles ? articles : 1;
    it.doc = doc->id;
    it.title = doc->title;
    it.url = doc->url;
    int in_text = (size_t)e->sent_off + e->sent_len <= doc->len;
    it.evidence = in_text ? doc->text + e->sent_off : "";
    it.evidence_len = in_text ? e->sent_len : 0;
    rel_span(&it, 0, e, e->source.off, e->source.len);
    rel_span(&it, 1, e, e->target.off, e->target.len);
    rel_span(&it, 2, e, e->verb_off, e->verb_len);
    it.place = e->location.type ? e->location.name : "";
    it.located = e->location.type != 0;
    it.lat = e->location.lat;
    it.lon = e->location.lon;
    return rp_add(r, &it, 1, 1);
}
