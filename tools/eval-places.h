/*
 * eval-places.h — scores place resolution on a test set of sentences
 * (the .tsv files of tests/data/places). Shared by tools/eval-places.c (make
 * eval-places) and tests/unit/test_places.c (the accuracy floor), so both
 * count the same way. Header-only: static functions.
 *
 * A test line is: id, text, name, expected, note (tab-separated). The text
 * is one document; the place starting at the first occurrence of name is
 * scored against expected:
 *   CC            the country CC (ISO 3166-1 alpha-2)
 *   CC.ADM1       its first-level subdivision ADM1 (GeoNames admin1 code)
 *   Name@CC       a city called Name in CC; Name@CC.ADM1 in that subdivision
 *   CC*           anything in CC
 *   -             no place there (a person, a newspaper, a metonym)
 * "country" accuracy only asks for the right country (or no place for -).
 */
#ifndef PL_EVAL_PLACES_H
#define PL_EVAL_PLACES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley.h"

typedef struct ep_result {
    size_t total, correct, country_ok;
} ep_result;

/* 1 when geo matches expected (see above); *country_ok for the country. */
static int ep_match(const pl_geo *g, const char *expected, int *country_ok) {
    char cc[3] = "";
    const char *at = strchr(expected, '@');
    const char *code = at ? at + 1 : expected;
    if (strcmp(expected, "-") == 0) {
        *country_ok = g == NULL;
        return g == NULL;
    }
    snprintf(cc, sizeof cc, "%.2s", code);
    *country_ok = g && strcmp(g->country, cc) == 0;
    if (!g || !*country_ok)
        return 0;
    const char *dot = strchr(code, '.');
    int any = code[strlen(code) - 1] == '*';
    char adm[16] = "";
    if (dot)
        snprintf(adm, sizeof adm, "%s%.*s", g->fips, (int)strcspn(dot + 1, "*"), dot + 1);
    if (at) {
        if (g->type != PL_GEO_US_CITY && g->type != PL_GEO_WORLD_CITY)
            return 0;
        if (strncmp(g->name, expected, (size_t)(at - expected)) != 0 ||
            g->name[at - expected] != 0)
            return 0;
        return !dot || strcmp(g->adm1, adm) == 0;
    }
    if (any && !dot)
        return 1;
    if (dot)
        return (g->type == PL_GEO_US_STATE || g->type == PL_GEO_WORLD_STATE) && strcmp(g->adm1, adm) == 0;
    return g->type == PL_GEO_COUNTRY;
}

/* Runs every line of path; misses go to log (may be NULL). -1 when the file
 * cannot be read or a line is malformed (reason on stderr). */
static int ep_run(pl_ctx *ctx, const pl_places *g, const pl_actors *a, pl_parser *parser,
                  const char *path, FILE *log, ep_result *r) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "eval-places: %s: cannot open\n", path);
        return -1;
    }
    pl_placer *pc = pl_placer_new(ctx, g);
    pl_coref *coref = pl_coref_new(ctx, a);
    pl_mentions ms = {0};
    pl_place_list pl = {0};
    char line[4096];
    unsigned lineno = 0;
    int rc = pc && coref ? 0 : -1;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *col[5] = {0};
        int n = 0;
        for (char *p = line; n < 5 && p; n++) {
            col[n] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = 0;
        }
        if (n < 4) {
            fprintf(stderr, "%s:%u: expected id, text, name, expected[, note]\n", path, lineno);
            rc = -1;
            break;
        }
        const char *id = col[0], *text = col[1], *name = col[2], *expected = col[3];
        const char *hit = strstr(text, name);
        if (!hit) {
            fprintf(stderr, "%s:%u: '%s' is not in the text\n", path, lineno, name);
            rc = -1;
            break;
        }
        uint32_t off = (uint32_t)(hit - text);
        pl_doc *doc = pl_doc_new(ctx, text, strlen(text), id, NULL, NULL);
        pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
        pl_sentence *s;
        pl_geo found;
        int have = 0;
        pl_coref_reset(coref);
        pl_placer_reset(pc);
        while (z && pl_sentencer_next(z, &s) == 1) {
            if (parser && pl_parse(parser, s) != PL_OK)
                break;
            if (pl_find_actors(ctx, a, doc, s, coref, &ms) < 0 ||
                pl_find_places(pc, doc, s, &ms, &pl) < 0)
                break;
            for (size_t k = 0; k < pl.n && !have; k++)
                if (pl.p[k].geo.off == off) {
                    found = pl.p[k].geo;
                    have = 1;
                }
        }
        pl_sentencer_free(z);
        pl_doc_free(doc);
        int cok;
        int ok = ep_match(have ? &found : NULL, expected, &cok);
        r->total++;
        r->correct += (size_t)ok;
        r->country_ok += (size_t)cok;
        if (!ok && log)
            fprintf(log, "miss %s: %s: expected %s, got %s%s%s\n", id, name, expected,
                    have ? found.full : "no place", have ? " " : "",
                    have ? pl_why_name(found.why) : "");
    }
    pl_place_list_free(&pl);
    pl_mentions_free(&ms);
    pl_coref_free(coref);
    pl_placer_free(pc);
    fclose(f);
    return rc;
}

#endif
