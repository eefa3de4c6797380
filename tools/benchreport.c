/*
 * benchreport.c — fills an event store through the API, fast, for
 * tools/bench-report.sh and tests/cli/report.sh: generated articles of a
 * few sentences, each with a hand-made event (no parsing) between 30
 * countries, over a year of days, at one of 48 cities (with a little
 * jitter, so that map cells differ), with a skew so that some dyads,
 * codes and places dominate; one event in four repeats a recent one, as
 * other outlets report the same story, so that articles merge.
 *
 * usage: benchreport DB EVENTS
 * Adds documents (5,000 per transaction) until the store holds at least
 * EVENTS merged events. prints: "docs events seconds".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "doc/doc.h"

static const struct {
    const char *code, *iso2, *city;
    double lat, lon;
} where[] = {
    {"USA", "US", "Washington", 38.895, -77.036}, {"RUS", "RU", "Moscow", 55.752, 37.616},
    {"UKR", "UA", "Kyiv", 50.450, 30.524},         {"CHN", "CN", "Beijing", 39.907, 116.397},
    {"FRA", "FR", "Paris", 48.853, 2.349},          {"DEU", "DE", "Berlin", 52.524, 13.411},
    {"GBR", "GB", "London", 51.509, -0.126},        {"ISR", "IL", "Jerusalem", 31.769, 35.216},
    {"PSE", "PS", "Gaza", 31.502, 34.467},          {"IRN", "IR", "Tehran", 35.694, 51.422},
    {"TUR", "TR", "Ankara", 39.920, 32.854},        {"IND", "IN", "New Delhi", 28.636, 77.224},
    {"PAK", "PK", "Islamabad", 33.721, 73.043},     {"SYR", "SY", "Damascus", 33.510, 36.291},
    {"EGY", "EG", "Cairo", 30.063, 31.249},         {"JPN", "JP", "Tokyo", 35.690, 139.692},
    {"KOR", "KR", "Seoul", 37.566, 126.978},        {"PRK", "KP", "Pyongyang", 39.034, 125.755},
    {"BRA", "BR", "Brasilia", -15.780, -47.929},    {"MEX", "MX", "Mexico City", 19.428, -99.128},
    {"SDN", "SD", "Khartoum", 15.552, 32.532},      {"ETH", "ET", "Addis Ababa", 9.025, 38.747},
    {"NGA", "NG", "Abuja", 9.058, 7.489},           {"ZAF", "ZA", "Pretoria", -25.745, 28.188},
    {"VEN", "VE", "Caracas", 10.488, -66.879},      {"COL", "CO", "Bogota", 4.610, -74.082},
    {"AUS", "AU", "Canberra", -35.282, 149.129},    {"IDN", "ID", "Jakarta", -6.214, 106.845},
    {"SAU", "SA", "Riyadh", 24.688, 46.722},        {"YEM", "YE", "Sanaa", 15.355, 44.207},
};
#define NC (sizeof where / sizeof where[0])
static const struct {
    const char *city;
    double lat, lon;
    int country;
} extra[] = {
    {"Kharkiv", 49.988, 36.233, 2}, {"Odesa", 46.477, 30.733, 2},   {"Donetsk", 48.023, 37.802, 2},
    {"Istanbul", 41.014, 28.950, 10}, {"Geneva", 46.202, 6.146, 4}, {"New York", 40.714, -74.006, 0},
    {"Shanghai", 31.222, 121.458, 3}, {"Rafah", 31.297, 34.244, 8}, {"Aleppo", 36.202, 37.159, 13},
    {"Doha", 25.286, 51.533, 28},     {"Vienna", 48.208, 16.372, 5}, {"Port Sudan", 19.616, 37.216, 20},
    {"Goma", -1.679, 29.228, 21},     {"Mariupol", 47.097, 37.543, 2}, {"Beirut", 33.893, 35.502, 13},
    {"Brussels", 50.850, 4.349, 4},   {"Hodeidah", 14.798, 42.954, 29}, {"Taipei", 25.048, 121.532, 3},
};
#define NX (sizeof extra / sizeof extra[0])
static const char *const agents[] = {"", "GOV", "MIL", "GOV"};
static const char *const codes[] = {"010", "012", "020", "036", "040", "042", "043", "046", "051",
                                    "057", "060", "070", "080", "090", "100", "111", "112", "120",
                                    "128", "130", "138", "140", "141", "150", "160", "163", "170",
                                    "173", "180", "181", "190", "193", "194", "195", "200", "0311",
                                    "0421", "0256", "1056", "1246"};
static const double gold[] = {0.0, -0.1, 3.0, 4.0, 1.0, 1.9, 2.8, 7.0, 3.5, 8.0, 6.0, 7.0, 5.0, -2.0,
                              -5.0, -2.0, -2.0, -4.0, -4.0, -4.4, -7.0, -6.5, -6.5, -7.2, -4.0, -8.0,
                              -5.0, -5.0, -9.0, -9.0, -10.0, -10.0, -10.0, -10.0, -10.0, 4.0, 1.0,
                              3.0, -5.0, -4.0};
_Static_assert(sizeof gold / sizeof gold[0] == sizeof codes / sizeof codes[0], "a score per code");
static const char *const srcs[] = {"Reuters", "AP", "AFP", "BBC", "Al Jazeera", "TASS", "Xinhua", "DW"};

/* -1 for rivals, +1 for allies, 0 otherwise (by index in where[]). */
static int tone(size_t a, size_t b) {
    static const char bloc[] = "WEUEWWWWPEWIPEOWWEOOOOOOOOWOOO"; /* West, East, Ukraine, Palestine, India, Other */
    static const char *const rivals[] = {"RUSUKR", "ISRPSE", "INDPAK", "SAUYEM", "KORPRK", "USAIRN",
                                         "ISRIRN", "SDNETH", "COLVEN"};
    char pair[7];
    snprintf(pair, sizeof pair, "%s%s", where[a].code, where[b].code);
    for (size_t i = 0; i < sizeof rivals / sizeof rivals[0]; i++) {
        char rev[7];
        snprintf(rev, sizeof rev, "%.3s%.3s", rivals[i] + 3, rivals[i]);
        if (strcmp(pair, rivals[i]) == 0 || strcmp(pair, rev) == 0)
            return -1;
    }
    char x = bloc[a], y = bloc[b];
    if ((x == 'W' && y == 'E') || (x == 'E' && y == 'W'))
        return -1;
    if ((x == 'W' && (y == 'W' || y == 'U')) || (y == 'W' && x == 'U') || (x == 'E' && y == 'E'))
        return 1;
    return 0;
}

static uint32_t rng(uint32_t *s) {
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static size_t skew(uint32_t *s, size_t n) {
    uint32_t a = rng(s) % (uint32_t)n, b = rng(s) % (uint32_t)n;
    return a < b ? a : b;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: benchreport DB EVENTS\n");
        return 2;
    }
    uint64_t want = strtoull(argv[2], NULL, 10);
    pl_ctx *ctx = pl_ctx_new();
    pl_store *st = ctx ? pl_store_open(ctx, argv[1], PL_STORE_CREATE) : NULL;
    if (!st) {
        fprintf(stderr, "benchreport: %s\n", ctx ? pl_errmsg(ctx) : "out of memory");
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint32_t s = 4242;
    enum { PER_DOC = 12, RING = 4096, BATCH = 5000 };
    pl_events ev = {0};
    ev.cap = PER_DOC;
    ev.e = calloc(ev.cap, sizeof *ev.e);
    pl_event *ring = calloc(RING, sizeof *ring);
    pl_buf text = {0};
    pl_store_info info = {0};
    uint64_t docs = 0, nring = 0;
    int rc = ev.e && ring ? PL_OK : PL_ENOMEM;
    for (uint64_t i = 0; rc >= 0; i++) {
        if (i % BATCH == 0) {
            if (i > 0 && (rc = pl_store_commit(st)) != PL_OK)
                break;
            if ((rc = pl_store_info_get(st, &info)) != PL_OK || info.events >= want)
                break;
            if ((rc = pl_store_begin(st)) != PL_OK)
                break;
        }
        text.len = 0;
        ev.n = 0;
        int day = (int)(rng(&s) % 365);
        char date[11];
        struct tm tm = {0};
        tm.tm_year = 124;
        tm.tm_mday = 1 + day;
        timegm(&tm);
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
        int nsent = 4 + (int)(rng(&s) % 8);
        for (int k = 0; k < nsent; k++) {
            uint32_t off = (uint32_t)text.len;
            size_t c0 = skew(&s, NC), c1 = (c0 + 1 + skew(&s, NC - 1)) % NC;
            pl_buf_printf(&text, "Officials of %s said on day %d that %s had answered the talks. ",
                          where[c0].code, day, where[c1].code);
            if (rng(&s) % 5 == 0 || ev.n == ev.cap)
                continue;
            pl_event *e = &ev.e[ev.n++];
            if (nring && rng(&s) % 4 == 0) { /* another article reports a recent event */
                *e = ring[rng(&s) % (nring < RING ? nring : RING)];
            } else {
                memset(e, 0, sizeof *e);
                memcpy(e->date, date, 11);
                size_t who[2] = {c0, c1};
                pl_event_actor *a[2] = {&e->source, &e->target};
                for (int j = 0; j < 2; j++) {
                    const char *ag = agents[rng(&s) % 4];
                    snprintf(a[j]->code, sizeof a[j]->code, "%s%s", where[who[j]].code, ag);
                    snprintf(a[j]->country, sizeof a[j]->country, "%s", where[who[j]].code);
                    snprintf(a[j]->agent, sizeof a[j]->agent, "%s", ag);
                    a[j]->entry = where[who[j]].code;
                    a[j]->how = PL_FOUND_DICT;
                }
                /* tone by dyad: rivals mostly fight, allies mostly cooperate */
                int t = tone(c0, c1);
                size_t ci = skew(&s, 40);
                if (t < 0 && rng(&s) % 10 < 7)
                    ci = 14 + skew(&s, 21);           /* 100 .. 200: conflict */
                else if (t > 0 && rng(&s) % 10 < 8)
                    ci = skew(&s, 14);                /* 010 .. 090: cooperation */
                snprintf(e->code, sizeof e->code, "%s", codes[ci]);
                snprintf(e->base, sizeof e->base, "%.3s", codes[ci]);
                snprintf(e->root, sizeof e->root, "%.2s", codes[ci]);
                int root = atoi(e->root);
                e->quad = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
                e->goldstein = gold[ci];
                e->plover = root <= 2 ? "" : "CONSULT";
                e->plover_mode = "";
                pl_geo *g = &e->location;
                g->entry = -1;
                g->sentence = -1;
                g->name = g->full = "";
                if (rng(&s) % 5) { /* four events in five have a place */
                    int x = (int)(rng(&s) % 3), c = (int)(rng(&s) % 2 ? c0 : c1);
                    const char *city = where[c].city;
                    double lat = where[c].lat, lon = where[c].lon;
                    if (x == 0) {
                        size_t j = skew(&s, NX);
                        city = extra[j].city, lat = extra[j].lat, lon = extra[j].lon;
                        c = extra[j].country;
                    }
                    g->type = PL_GEO_WORLD_CITY;
                    g->how = PL_LOC_PHRASE;
                    g->why = PL_WHY_ONLY;
                    snprintf(g->iso3, sizeof g->iso3, "%s", where[c].code);
                    snprintf(g->country, sizeof g->country, "%s", where[c].iso2);
                    g->lat = lat + (double)(rng(&s) % 100) / 1000.0;
                    g->lon = lon + (double)(rng(&s) % 100) / 1000.0;
                    g->name = city;
                    g->full = city;
                }
                ring[nring++ % RING] = *e;
            }
            e->sentence = (uint32_t)k;
            e->source.off = off + 13;
            e->source.len = 3;
            e->target.off = off + 13 + 3 + 13 + (uint32_t)snprintf(NULL, 0, "%d", day) + 6;
            e->target.len = 3;
            e->verb_off = e->target.off + 8;
            e->verb_len = 8;
            e->location.off = e->location.len = 0;
            e->location.sentence = -1;
            e->pattern_file = "data/verbs/04-consult.txt";
            e->pattern_line = 12;
            e->confidence = 0.7;
            e->mentions = 1;
            e->sent_off = off;
            e->sent_len = (uint32_t)(text.len - off - 1);
        }
        char id[32], url[64], *t = malloc(text.len + 1);
        if (!t) {
            rc = PL_ENOMEM;
            break;
        }
        memcpy(t, text.p, text.len);
        t[text.len] = 0;
        snprintf(id, sizeof id, "gen-%llu", (unsigned long long)i);
        snprintf(url, sizeof url, "https://news.example/%llu", (unsigned long long)i);
        pl_doc *d = doc_make(ctx, t, text.len, id, date, "A generated article",
                             srcs[rng(&s) % 8], url, "");
        rc = d ? pl_store_add_doc(st, d, &ev) : PL_ENOMEM;
        pl_doc_free(d);
        docs++;
    }
    if (rc < 0) {
        fprintf(stderr, "benchreport: %s\n", pl_errmsg(ctx));
        return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%llu %llu %.3f\n", (unsigned long long)docs, (unsigned long long)info.events, dt);
    pl_store_close(st);
    pl_buf_free(&text);
    free(ev.e);
    free(ring);
    pl_ctx_free(ctx);
    return 0;
}
