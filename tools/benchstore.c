/*
 * benchstore.c — fills an event store through the API, fast, for
 * tools/bench-store.sh: generated documents of a few sentences with
 * hand-made events (no parsing), over a year of days, 60 actor codes and
 * 40 event codes, with a skew so that popular dyads come up often; and
 * one event in three repeats one of the last 4096 (same day, actors and
 * code), as other outlets report the same story, so that articles merge.
 *
 * usage: benchstore [-b BATCH] DB EVENTS
 * Adds documents until the store holds EVENTS merged events; with -b,
 * BATCH documents share a transaction (pl_store_begin), else each
 * document is its own, as in `parley ingest`.
 * prints: "docs sentences mentions events seconds" on standard output.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "doc/doc.h"

static const char *const countries[] = {"USA", "RUS", "UKR", "CHN", "FRA", "DEU", "GBR", "ISR", "PSE",
                                        "IRN", "TUR", "IND", "PAK", "SYR", "EGY", "JPN", "KOR", "PRK",
                                        "BRA", "MEX"};
static const char *const agents[] = {"", "GOV", "MIL"};
static const char *const codes[] = {"010", "012", "020", "036", "040", "042", "043", "046", "051",
                                    "057", "060", "070", "080", "090", "100", "111", "112", "120",
                                    "128", "130", "138", "140", "141", "150", "160", "163", "170",
                                    "173", "180", "181", "190", "193", "194", "195", "200", "0311",
                                    "0421", "0256", "1056", "1246"};
static const char *const srcs[] = {"Reuters", "AP", "AFP", "BBC", "Al Jazeera", "TASS", "Xinhua", "DW"};

static uint32_t rng(uint32_t *s) {
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

/* Skewed pick in [0, n): small values are much more likely. */
static size_t skew(uint32_t *s, size_t n) {
    uint32_t a = rng(s) % (uint32_t)n, b = rng(s) % (uint32_t)n;
    return a < b ? a : b;
}

int main(int argc, char **argv) {
    unsigned batch = 0;
    if (argc == 5 && strcmp(argv[1], "-b") == 0) {
        batch = (unsigned)atoi(argv[2]);
        argv += 2;
        argc -= 2;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: benchstore [-b BATCH] DB EVENTS\n");
        return 2;
    }
    uint64_t want = strtoull(argv[2], NULL, 10);
    pl_ctx *ctx = pl_ctx_new();
    pl_store *st = pl_store_open(ctx, argv[1], PL_STORE_CREATE);
    if (!st) {
        fprintf(stderr, "benchstore: %s\n", pl_errmsg(ctx));
        return 1;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint32_t s = 12345;
    pl_events ev = {0};
    ev.cap = 64;
    ev.e = calloc(ev.cap, sizeof *ev.e);
    pl_buf text = {0};
    uint64_t docs = 0, sents = 0, mentions = 0;
    pl_store_info info = {0};
    enum { RING = 4096 };
    pl_event *ring = calloc(RING, sizeof *ring);
    uint64_t nring = 0;
    for (uint64_t i = 0;; i++) {
        if (batch && i % batch == 0 && i > 0 && pl_store_commit(st) != PL_OK) {
            fprintf(stderr, "benchstore: %s\n", pl_errmsg(ctx));
            return 1;
        }
        if (i % 1000 == 0) {
            if (pl_store_info_get(st, &info) != PL_OK) {
                fprintf(stderr, "benchstore: %s\n", pl_errmsg(ctx));
                return 1;
            }
            if (info.events >= want)
                break;
        }
        if (batch && i % batch == 0 && pl_store_begin(st) != PL_OK) {
            fprintf(stderr, "benchstore: %s\n", pl_errmsg(ctx));
            return 1;
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
        int nsent = 3 + (int)(rng(&s) % 8);
        for (int k = 0; k < nsent; k++) {
            uint32_t off = (uint32_t)text.len;
            pl_buf_printf(&text, "Sentence %d of article %llu says that something happened. ", k,
                          (unsigned long long)i);
            if (rng(&s) % 4 == 0 || ev.n == ev.cap)
                continue;
            pl_event *e = &ev.e[ev.n++];
            if (nring && rng(&s) % 3 == 0) { /* another article reports a recent event */
                *e = ring[rng(&s) % (nring < RING ? nring : RING)];
                e->sentence = (uint32_t)k;
                e->source.off = e->target.off = off + 9;
            } else {
                memset(e, 0, sizeof *e);
                e->sentence = (uint32_t)k;
                memcpy(e->date, date, 11);
                pl_event_actor *a[2] = {&e->source, &e->target};
                size_t c0 = skew(&s, 20), c1 = (c0 + 1 + skew(&s, 19)) % 20;
                size_t who[2] = {c0, c1};
                for (int j = 0; j < 2; j++) {
                    const char *ag = agents[rng(&s) % 3];
                    snprintf(a[j]->code, sizeof a[j]->code, "%s%s", countries[who[j]], ag);
                    snprintf(a[j]->country, sizeof a[j]->country, "%s", countries[who[j]]);
                    snprintf(a[j]->agent, sizeof a[j]->agent, "%s", ag);
                    a[j]->entry = countries[who[j]];
                    a[j]->off = off + 9;
                    a[j]->len = 1;
                    a[j]->how = PL_FOUND_DICT;
                }
                const char *code = codes[skew(&s, 40)];
                snprintf(e->code, sizeof e->code, "%s", code);
                snprintf(e->base, sizeof e->base, "%.3s", code);
                snprintf(e->root, sizeof e->root, "%.2s", code);
                int root = atoi(e->root);
                e->quad = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
                e->goldstein = e->quad <= 2 ? 3.0 : -5.0;
                e->plover = root <= 2 ? "" : "CONSULT";
                e->plover_mode = "";
                ring[nring++ % RING] = *e;
            }
            e->verb_off = off + 43;
            e->verb_len = 8;
            e->pattern_file = "data/verbs/04-consult.txt";
            e->pattern_line = 12;
            e->confidence = 0.7;
            e->mentions = 1;
            e->sent_off = off;
            e->sent_len = (uint32_t)(text.len - off - 1);
        }
        char id[32], *t = malloc(text.len + 1);
        memcpy(t, text.p, text.len);
        t[text.len] = 0;
        snprintf(id, sizeof id, "bench-%llu", (unsigned long long)i);
        pl_doc *d = doc_make(ctx, t, text.len, id, date, "", srcs[rng(&s) % 8], "", "");
        int rc = d ? pl_store_add_doc(st, d, &ev) : PL_ENOMEM;
        pl_doc_free(d);
        if (rc < 0) {
            fprintf(stderr, "benchstore: %s\n", pl_errmsg(ctx));
            return 1;
        }
        docs++;
        sents += (uint64_t)nsent;
        mentions += ev.n;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%llu %llu %llu %llu %.3f\n", (unsigned long long)docs, (unsigned long long)sents,
           (unsigned long long)info.mentions, (unsigned long long)info.events, dt);
    pl_store_close(st);
    pl_buf_free(&text);
    free(ev.e);
    free(ring);
    pl_ctx_free(ctx);
    return 0;
}
