/*
 * test_places.c — the gazetteer (loading, validation, lookup), match keys,
 * place resolution (the accuracy floor on tests/data/places), datelines,
 * event locations, and the seed article of ../shared when it is there.
 */
#include <math.h>
#include <sys/stat.h>

#include "t.h"
#include "parley.h"
#include "places/places.h"
#include "syntax/syntax.h"
#include "../../tools/eval-places.h"

static pl_ctx *ctx;
static pl_places *gaz;
static pl_actors *actors;

static int fold_is(const char *in, const char *want) {
    char key[PLC_KEY_MAX];
    size_t len = 0;
    key[0] = 0;
    if (plc_fold(in, strlen(in), key, sizeof key, &len))
        return 0;
    if (strcmp(key, want) != 0)
        fprintf(stderr, "  fold(%s) = '%s', want '%s'\n", in, key, want);
    return strcmp(key, want) == 0;
}

TEST(fold_keys) {
    CHECK(fold_is("Zaporizhzhya", "zaporizhzhya"));
    CHECK(fold_is("ZAPORIZHZHYA", "zaporizhzhya"));
    CHECK(fold_is("Sana'a", "sanaa"));
    CHECK(fold_is("S\xc3\xa3o Tom\xc3\xa9", "sao tome"));
    CHECK(fold_is("Ivano-Frankivsk", "ivano frankivsk"));
    CHECK(fold_is("D.C.", "dc"));
    CHECK(fold_is("Odes\xe2\x80\x99ka Oblast\xe2\x80\x99", "odeska oblast"));
    CHECK(fold_is("\xc5\x81\xc3\xb3\x64\xc5\xba", "lodz"));
    CHECK(fold_is("Frankfurt (Oder)", "frankfurt oder"));
    CHECK(fold_is("  ", ""));
    CHECK(plc_upper_initial("Kyiv", 4) && !plc_upper_initial("kyiv", 4));
    CHECK(plc_upper_initial("\xc3\x89vian", 6)); /* Évian */
}

TEST(gazetteer_loads) {
    if (!gaz)
        SKIP("no shipped gazetteer: %s", pl_errmsg(ctx));
    pl_places_info info;
    pl_places_info_get(gaz, &info);
    CHECK(info.countries >= 249);
    CHECK(info.regions > 2000);
    CHECK(info.cities > 20000);
    CHECK(info.aliases > 100);
    int32_t ids[8];
    CHECK(pl_places_lookup(gaz, "Kiev", 8, ids) == 1);
    pl_geo g;
    CHECK(pl_places_entry(gaz, ids[0], &g) == PL_OK);
    CHECK_STR(g.name, "Kyiv");
    CHECK_STR(g.country, "UA");
    CHECK_STR(g.fips, "UP");
    CHECK(g.type == PL_GEO_WORLD_CITY && g.geonames == 703448);
    size_t n = pl_places_lookup(gaz, "paris", 8, ids);
    CHECK(n >= 2);
    CHECK(pl_places_entry(gaz, ids[0], &g) == PL_OK);
    CHECK_STR(g.country, "FR"); /* most populous first */
    CHECK(pl_places_lookup(gaz, "Georgia", 8, ids) == 2);
    CHECK(pl_places_lookup(gaz, "Obama", 8, ids) == 0); /* dropped in aliases.txt */
    CHECK(pl_places_entry(gaz, -1, &g) == PL_EARG);
}

/* Writes text to a temporary file; returns its path (static). */
static const char *tmpfile_with(const char *name, const char *text) {
    static char path[2][256];
    static int k;
    k ^= 1;
    snprintf(path[k], sizeof path[k], "/tmp/pl_places_%d_%s", (int)getpid(), name);
    FILE *f = fopen(path[k], "w");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return path[k];
}

static int load_fails_with(const char *text, const char *msg) {
    const char *p = tmpfile_with("gaz.tsv", text);
    pl_places *g = p ? pl_places_load(ctx, p) : NULL;
    int ok = !g && strstr(pl_errmsg(ctx), msg) != NULL;
    if (!ok)
        fprintf(stderr, "  got '%s', want '%s'\n", g ? "(loaded)" : pl_errmsg(ctx), msg);
    pl_places_free(g);
    if (p)
        remove(p);
    return ok;
}

#define HDR "parley-gazetteer\t1\n"
#define CUA "C\tUA\tUKR\tUP\t48.8\t32.6\t1000\tUkraine\t\n"

TEST(gazetteer_validates) {
    CHECK(load_fails_with("", ":1: empty file"));
    CHECK(load_fails_with("hello\n", ":1: not a parley gazetteer"));
    CHECK(load_fails_with("parley-gazetteer\t9\n", ":1: format version 9"));
    CHECK(load_fails_with(HDR CUA, ":2: truncated"));
    CHECK(load_fails_with(HDR CUA "end\t2\n", ":3: end line says 2 records"));
    CHECK(load_fails_with(HDR "C\tUA\tUKR\tUP\t48.8\t32.6\t1000\tUkraine\n", ":2: C record: expected 9 tab-separated fields, got 8"));
    CHECK(load_fails_with(HDR "C\tUA\tUKR\tUP\t148.8\t32.6\t1\tUkraine\t\n", ":2: bad latitude"));
    CHECK(load_fails_with(HDR "C\tUA\tUKR\tUP\t48.8\t32.6\t-4\tUkraine\t\n", ":2: bad population"));
    CHECK(load_fails_with(HDR CUA CUA, ":3: country UA given twice"));
    CHECK(load_fails_with(HDR CUA "P\t1\tFR\t-\t1\t1\t1\tX\t\nend\t2\n", ":3: country FR not defined"));
    CHECK(load_fails_with(HDR CUA "P\t1\tUA\t05\t1\t1\t1\tX\t\nend\t2\n", ":3: region UA.05 not defined"));
    CHECK(load_fails_with(HDR CUA "Q\t1\n", ":3: unknown record kind"));
    CHECK(load_fails_with(HDR CUA "end\t1\nP\t1\tUA\t-\t1\t1\t1\tX\t\n", ":4: text after the 'end'"));
    /* a good one, and its aliases */
    const char *p = tmpfile_with("gaz.tsv", HDR CUA "A\tUA\t05\tUA-14\t48\t37.8\t900\tDonetsk Oblast\tDonetsk\n"
                                             "P\t709717\tUA\t05\t48.02\t37.8\t800\tDonetsk\t\nend\t3\n");
    pl_places *g = p ? pl_places_load(ctx, p) : NULL;
    CHECK(g != NULL);
    int32_t ids[4];
    CHECK(g && pl_places_lookup(g, "Donetsk", 4, ids) == 2);
    pl_places_free(g);
    if (p)
        remove(p);
}

static int aliases_fail_with(const char *aliases, const char *msg) {
    char dir[256];
    snprintf(dir, sizeof dir, "/tmp/pl_places_dir_%d", (int)getpid());
    mkdir(dir, 0700);
    char gp[300], ap[300];
    snprintf(gp, sizeof gp, "%s/gazetteer.tsv", dir);
    snprintf(ap, sizeof ap, "%s/aliases.txt", dir);
    FILE *f = fopen(gp, "w");
    if (!f)
        return 0;
    fputs(HDR CUA "P\t703448\tUA\t-\t50.45\t30.52\t2797553\tKyiv\t\nend\t2\n", f);
    fclose(f);
    f = fopen(ap, "w");
    if (!f)
        return 0;
    fputs(aliases, f);
    fclose(f);
    pl_places *g = pl_places_load(ctx, dir);
    int ok = msg ? !g && strstr(pl_errmsg(ctx), msg) != NULL : g != NULL;
    if (!ok)
        fprintf(stderr, "  got '%s', want '%s'\n", g ? "(loaded)" : pl_errmsg(ctx), msg ? msg : "ok");
    if (g && !msg) {
        int32_t ids[2];
        ok = pl_places_lookup(g, "Kiev", 2, ids) == 1 && pl_places_lookup(g, "Obama", 2, ids) == 0;
    }
    pl_places_free(g);
    remove(gp);
    remove(ap);
    rmdir(dir);
    return ok;
}

TEST(aliases_validate) {
    CHECK(aliases_fail_with("# ok\nKiev\tKyiv@UA\nKyjiw\t703448\nUkr\tUA\tqualifier\nObama\t-\n", NULL));
    CHECK(aliases_fail_with("Kiev\n", "aliases.txt:1: expected NAME"));
    CHECK(aliases_fail_with("\nKiev\tLviv@UA\n", "aliases.txt:2: target 'Lviv@UA' is not in"));
    CHECK(aliases_fail_with("Kiev\tKyiv@UA\tstrong\n", ":1: unknown flag"));
    CHECK(aliases_fail_with("Kiev\t*\n", ":1: target '*' needs the flag weak"));
    CHECK(aliases_fail_with("Kiev\tUA.99\n", ":1: target 'UA.99' is not"));
    CHECK(aliases_fail_with("Kiev\tnowhere\n", ":1: bad target"));
}

/* The places of a one-document text (words only, no parse). */
static size_t places_of(const char *text, pl_place *out, size_t cap) {
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "t", NULL, NULL);
    pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
    pl_placer *pc = pl_placer_new(ctx, gaz);
    pl_coref *coref = pl_coref_new(ctx, actors);
    pl_mentions ms = {0};
    pl_place_list pl = {0};
    pl_sentence *s;
    size_t n = 0;
    while (z && pc && coref && pl_sentencer_next(z, &s) == 1) {
        if (pl_find_actors(ctx, actors, doc, s, coref, &ms) < 0 || pl_find_places(pc, doc, s, &ms, &pl) < 0)
            break;
        for (size_t k = 0; k < pl.n && n < cap; k++)
            out[n++] = pl.p[k];
    }
    pl_place_list_free(&pl);
    pl_mentions_free(&ms);
    pl_coref_free(coref);
    pl_placer_free(pc);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    return n;
}

TEST(resolution_cases) {
    if (!gaz || !actors)
        SKIP("no shipped data");
    pl_place p[16];
    size_t n = places_of("Paris, Texas, is far from Paris.", p, 16);
    CHECK(n >= 1 && strcmp(p[0].geo.country, "US") == 0 && p[0].cue == PL_CUE_QUALIFIED &&
          p[0].geo.why == PL_WHY_QUALIFIER);
    n = places_of("Voters in Georgia lined up for hours in Atlanta.", p, 16);
    CHECK(n == 2 && p[0].geo.type == PL_GEO_US_STATE && strcmp(p[0].prep, "in") == 0);
    n = places_of("Russian troops remain in Georgia, officials in Tbilisi said.", p, 16);
    CHECK(n == 2 && p[0].geo.type == PL_GEO_COUNTRY && strcmp(p[0].geo.iso3, "GEO") == 0);
    n = places_of("Moscow rejected the plan, officials in Moscow said.", p, 16);
    CHECK(n == 1 && strcmp(p[0].geo.country, "RU") == 0 && p[0].cue == PL_CUE_PREP);
    n = places_of("The Washington Post and Paris Hilton were in the news.", p, 16);
    CHECK(n == 0);
    n = places_of("Shelling hit the regions of Donetsk, Luhansk and Kherson.", p, 16);
    CHECK(n == 3);
    for (size_t k = 0; k < n; k++)
        CHECK(strcmp(p[k].geo.country, "UA") == 0 && p[k].geo.type == PL_GEO_WORLD_STATE);
}

TEST(datelines) {
    if (!gaz)
        SKIP("no shipped gazetteer");
    static const struct {
        const char *text, *cc;
        int type;
    } cases[] = {
        {"Talks\n\nKYIV, May 16 (Reuters) - Ukraine said drones were shot down.", "UA", PL_GEO_WORLD_CITY},
        {"CAIRO, March 4 - Egypt and Jordan signed a deal.", "EG", PL_GEO_WORLD_CITY},
        {"WASHINGTON (AP) \xe2\x80\x94 The Senate voted.", "US", PL_GEO_US_CITY},
        {"PARIS, Texas, May 3 (AP) - A man was arrested.", "US", PL_GEO_US_CITY},
        {"Ukraine - talks resume. Officials met.", NULL, 0},
        {"Kyiv said on Monday that talks resume.", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pl_doc *doc = pl_doc_new(ctx, cases[i].text, strlen(cases[i].text), "d", NULL, NULL);
        pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
        pl_placer *pc = pl_placer_new(ctx, gaz);
        pl_place_list pl = {0};
        pl_sentence *s;
        if (z && pc && pl_sentencer_next(z, &s) == 1)
            CHECK(pl_find_places(pc, doc, s, NULL, &pl) >= 0);
        const pl_geo *g = pl_placer_dateline(pc);
        if (cases[i].cc) {
            CHECK(g && strcmp(g->country, cases[i].cc) == 0 && g->type == cases[i].type);
        } else {
            CHECK(g == NULL);
        }
        pl_place_list_free(&pl);
        pl_placer_free(pc);
        pl_sentencer_free(z);
        pl_doc_free(doc);
    }
}

/* One event over the words verb in text, located without a parse. */
static int locate_one(const char *text, const char *verb, const char *src_country, pl_event *out) {
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "e", NULL, NULL);
    pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
    pl_placer *pc = pl_placer_new(ctx, gaz);
    pl_events ev = {0};
    pl_sentence *s;
    int rc = -1;
    const char *v = strstr(text, verb);
    while (z && pc && v && pl_sentencer_next(z, &s) == 1) {
        ev.n = 0;
        if ((uint32_t)(v - text) >= s->off && (uint32_t)(v - text) < s->off + s->len) {
            ev.e = calloc(1, sizeof *ev.e);
            if (!ev.e)
                break;
            ev.n = ev.cap = 1;
            ev.e->verb_off = (uint32_t)(v - text);
            ev.e->verb_len = (uint32_t)strlen(verb);
            snprintf(ev.e->source.country, sizeof ev.e->source.country, "%s", src_country);
        }
        if (pl_locate_events(pc, doc, s, NULL, &ev, 0) != PL_OK)
            break;
        if (ev.n) {
            *out = ev.e[0];
            rc = 0;
        }
    }
    pl_events_free(&ev);
    pl_placer_free(pc);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    return rc;
}

TEST(event_locations) {
    if (!gaz)
        SKIP("no shipped gazetteer");
    pl_event e;
    CHECK(locate_one("Russian and Ukrainian delegates met in Istanbul on Friday.", "met", "RUS", &e) == 0);
    CHECK(e.location.type == PL_GEO_WORLD_CITY && strcmp(e.location.name, "Istanbul") == 0 &&
          e.location.how == PL_LOC_SENTENCE);
    CHECK(e.source_geo.type == PL_GEO_COUNTRY && strcmp(e.source_geo.country, "RU") == 0 &&
          e.source_geo.how == PL_LOC_ACTOR);
    CHECK(e.target_geo.type == PL_GEO_NONE);
    CHECK(locate_one("CAIRO, March 4 - Egypt and Jordan signed a trade deal.", "signed", "EGY", &e) == 0);
    CHECK(e.location.how == PL_LOC_DATELINE && strcmp(e.location.country, "EG") == 0);
    /* no phrase, no dateline: no place, and never the actor's capital */
    CHECK(locate_one("Russia denounced the sanctions on Tuesday.", "denounced", "RUS", &e) == 0);
    CHECK(e.location.type == PL_GEO_NONE && e.location.entry == -1);
    /* two place phrases and no parse: no guess */
    CHECK(locate_one("Officials met in Paris after talks in Berlin.", "met", "", &e) == 0);
    CHECK(e.location.type == PL_GEO_NONE);
}

/* Attachment in a parse given by hand (no model needed). */
TEST(event_location_parsed) {
    if (!gaz)
        SKIP("no shipped gazetteer");
    const char *text = "Delegations met in Istanbul after talks in Ankara.";
    static const struct {
        const char *form;
        int head;
        unsigned upos, deprel;
    } parse[] = {
        {"Delegations", 2, PL_UPOS_NOUN, PL_DEP_NSUBJ}, {"met", 0, PL_UPOS_VERB, PL_DEP_ROOT},
        {"in", 4, PL_UPOS_ADP, PL_DEP_CASE},          {"Istanbul", 2, PL_UPOS_PROPN, PL_DEP_OBL},
        {"after", 6, PL_UPOS_ADP, PL_DEP_CASE},       {"talks", 2, PL_UPOS_NOUN, PL_DEP_OBL},
        {"in", 8, PL_UPOS_ADP, PL_DEP_CASE},          {"Ankara", 6, PL_UPOS_PROPN, PL_DEP_NMOD},
        {".", 2, PL_UPOS_PUNCT, PL_DEP_PUNCT},
    };
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "p", NULL, NULL);
    pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
    pl_placer *pc = pl_placer_new(ctx, gaz);
    pl_sentence *s = NULL;
    pl_events ev = {0};
    if (z && pc && pl_sentencer_next(z, &s) == 1 && s->ntok == 9 && (ev.e = calloc(2, sizeof *ev.e))) {
        for (uint32_t i = 0; i < 9; i++) {
            CHECK_STR(s->tok[i].form, parse[i].form);
            s->tok[i].head = parse[i].head;
            s->tok[i].upos = (uint16_t)parse[i].upos;
            s->tok[i].deprel = (uint16_t)parse[i].deprel;
        }
        ev.n = ev.cap = 2;
        ev.e[0].verb_off = (uint32_t)(strstr(text, "met") - text);
        ev.e[0].verb_len = 3;
        ev.e[1].verb_off = (uint32_t)(strstr(text, "talks") - text);
        ev.e[1].verb_len = 5;
        CHECK(pl_locate_events(pc, doc, s, NULL, &ev, 0) == PL_OK);
        CHECK_STR(ev.e[0].location.name, "Istanbul");
        CHECK(ev.e[0].location.how == PL_LOC_PHRASE);
        CHECK_STR(ev.e[1].location.name, "Ankara");
    } else {
        CHECK(!"sentence of 9 tokens");
    }
    pl_events_free(&ev);
    pl_placer_free(pc);
    pl_sentencer_free(z);
    pl_doc_free(doc);
}

TEST(accuracy_floor) {
    if (!gaz || !actors)
        SKIP("no shipped data");
    const char *sets[] = {"tests/data/places/tricky.tsv", "tests/data/places/heldout.tsv"};
    ep_result r = {0, 0, 0};
    for (size_t i = 0; i < 2; i++)
        CHECK(ep_run(ctx, gaz, actors, NULL, sets[i], stderr, &r) == 0);
    CHECK(r.total >= 100);
    /* words only (no parse); docs/places.md has the measured figures */
    CHECK(r.correct * 100 >= r.total * 90);
    CHECK(r.country_ok * 100 >= r.total * 95);
}

/* ../shared/examples/seed-article.txt: the places the issue names. */
TEST(seed_article_places) {
    const char *path = t_shared("examples/seed-article.txt");
    if (!path)
        SKIP("../shared is absent");
    if (!gaz || !actors)
        SKIP("no shipped data");
    FILE *f = fopen(path, "rb");
    char *text = calloc(1, 1 << 16);
    size_t len = f && text ? fread(text, 1, (1 << 16) - 1, f) : 0;
    if (f)
        fclose(f);
    pl_place p[64];
    size_t n = len ? places_of(text, p, 64) : 0;
    int istanbul = 0, washington = 0, ua = 0;
    for (size_t k = 0; k < n; k++) {
        const pl_geo *g = &p[k].geo;
        const char *w = text + g->off;
        if (strncmp(w, "Istanbul", 8) == 0) {
            istanbul++;
            CHECK(strcmp(g->country, "TR") == 0 && fabs(g->lat - 41.01) < 0.1 && fabs(g->lon - 28.98) < 0.1);
        }
        if (strncmp(w, "Dolmabahce", 10) == 0) /* inside Istanbul, or not at all */
            CHECK(strcmp(g->name, "Istanbul") == 0 && fabs(g->lat - 41.01) < 0.1);
        if (!strncmp(w, "Donetsk", 7) || !strncmp(w, "Luhansk", 7) || !strncmp(w, "Zaporizhzhia", 12) ||
            !strncmp(w, "Kherson", 7)) {
            ua++;
            CHECK_STR(g->country, "UA");
        }
        if (strncmp(w, "Washington", 10) == 0) {
            washington++;
            CHECK(g->type == PL_GEO_US_CITY && strcmp(g->adm1, "USDC") == 0);
        }
    }
    CHECK(istanbul >= 1 && ua == 4 && washington == 1);
    free(text);
}

/* The same article through the whole pipeline: the Istanbul talks are
 * located in Istanbul. Needs the syntax model. */
TEST(seed_article_events) {
    const char *path = t_shared("examples/seed-article.txt");
    if (!path)
        SKIP("../shared is absent");
    pl_pipeline *p = pl_pipeline_open(ctx, NULL);
    if (!p)
        SKIP("pipeline unavailable: %s", pl_errmsg(ctx));
    pl_reader *r = pl_reader_open(ctx, path, PL_FMT_TEXT);
    pl_doc *doc = NULL;
    pl_events ev = {0};
    int located = 0, elsewhere = 0;
    if (r && pl_reader_next(r, &doc) == 1 && pl_pipeline_doc(p, doc, &ev, NULL, NULL) >= 0) {
        const char *text = pl_doc_text(doc);
        for (size_t i = 0; i < ev.n; i++) {
            const pl_event *e = &ev.e[i];
            int talks = strncmp(text + e->verb_off, "negotiations", 12) == 0 ||
                        strncmp(text + e->verb_off, "talks", 5) == 0;
            if (talks && e->location.type && strcmp(e->location.name, "Istanbul") == 0 &&
                fabs(e->location.lat - 41.01) < 0.1 && fabs(e->location.lon - 28.98) < 0.1)
                located++;
            if (e->location.type && strcmp(e->location.country, "TR") != 0)
                elsewhere++;
        }
    }
    CHECK(located >= 1);
    CHECK(elsewhere == 0); /* the only place phrases of the events are in Istanbul */
    pl_events_free(&ev);
    pl_doc_free(doc);
    pl_reader_close(r);
    pl_pipeline_close(p);
}

int main(void) {
    ctx = pl_ctx_new();
    if (!ctx)
        return 1;
    gaz = pl_places_load(ctx, NULL);
    actors = gaz ? pl_actors_load(ctx, NULL) : NULL;
    RUN(fold_keys);
    RUN(gazetteer_loads);
    RUN(gazetteer_validates);
    RUN(aliases_validate);
    RUN(resolution_cases);
    RUN(datelines);
    RUN(event_locations);
    RUN(event_location_parsed);
    RUN(accuracy_floor);
    RUN(seed_article_places);
    RUN(seed_article_events);
    pl_actors_free(actors);
    pl_places_free(gaz);
    pl_ctx_free(ctx);
    return t_done();
}
