/*
 * test_actors.c — the actor layer: loader, PETRARCH importers, dated codes,
 * compounds, agents, coreference, unknown names, and the seed article.
 * Run from the repository root (tests/data/ and data/ are read).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parley.h"
#include "t.h"

#define TESTDICT "tests/data/actors"

/* ---- helpers ------------------------------------------------------------------ */

typedef struct res {
    char line[512][200];    /* "S|text|CODE|how|entry" per mention */
    int n;
    unsigned discard;       /* PL_DISCARD_* of any sentence, and the story */
} res;

/* Codes every mention of text (a document with the given date). */
static int code_text(const pl_actors *a, const char *text, const char *date, int coref, res *r) {
    memset(r, 0, sizeof *r);
    pl_ctx *ctx = pl_ctx_new();
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "t", date, "");
    if (!doc) {
        pl_ctx_free(ctx);
        return -1;
    }
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    pl_coref *c = coref ? pl_coref_new(ctx, a) : NULL;
    pl_mentions ms = {0};
    pl_sentence *s;
    int rc = 0;
    while (pl_sentencer_next(z, &s) == 1) {
        int n = pl_find_actors(ctx, a, doc, s, c, &ms);
        if (n < 0) {
            rc = -1;
            break;
        }
        r->discard |= ms.discard;
        for (int i = 0; i < n && r->n < 512; i++) {
            const pl_mention *m = &ms.m[i];
            snprintf(r->line[r->n++], sizeof r->line[0], "%u|%.*s|%s|%s|%s", s->index, (int)m->len,
                     pl_doc_text(doc) + m->off, m->code, pl_found_name(m->how), m->name);
        }
    }
    r->discard |= pl_coref_discard(c);
    pl_mentions_free(&ms);
    pl_coref_free(c);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_ctx_free(ctx);
    return rc;
}

/* 1 when some mention line contains every "|"-separated field of want,
 * in order: has(r, "Ukrainian leader|UKRGOV"). */
static int has(const res *r, const char *want) {
    for (int i = 0; i < r->n; i++) {
        char l[200];
        snprintf(l, sizeof l, "|%s|", r->line[i]);
        char w[200];
        snprintf(w, sizeof w, "|%s|", want);
        if (strstr(l, w))
            return 1;
    }
    return 0;
}

static void dump(const res *r) {
    for (int i = 0; i < r->n; i++)
        fprintf(stderr, "    %s\n", r->line[i]);
}

#define CHECK_HAS(r, want)                                                    \
    do {                                                                      \
        if (!has((r), (want))) {                                              \
            CHECK(!"missing mention");                                        \
            fprintf(stderr, "  wanted: %s\n  got:\n", (want));                \
            dump(r);                                                          \
        }                                                                     \
    } while (0)

#define CHECK_NOT(r, want)                                                    \
    do {                                                                      \
        if (has((r), (want))) {                                               \
            CHECK(!"unexpected mention");                                     \
            fprintf(stderr, "  not wanted: %s\n", (want));                    \
            dump(r);                                                          \
        }                                                                     \
    } while (0)

static pl_actors *test_dict(pl_ctx *ctx) {
    pl_actors *a = pl_actors_load(ctx, TESTDICT);
    if (!a)
        fprintf(stderr, "  %s\n", pl_errmsg(ctx));
    return a;
}

/* ---- loader -------------------------------------------------------------------- */

static const char good[] =
    "# a comment\n"
    "actor Donald Trump   # trailing comment\n"
    "  alias Trump\n"
    "  code USAGOV 2017-01-20..2021-01-20\n"
    "  code USAGOV 2025-01-20..\n"
    "  code USAELI\n"
    "  type person\n"
    "  gender male\n"
    "  wikidata Q22686\n"
    "\n"
    "actor United States\n"
    "  alias U.S.\n"
    "  alias American\n"
    "  code USA\n"
    "  type country\n"
    "\n"
    "actor C# Users Group\n"
    "  code NGO\n"
    "\r\n"
    "agent GOV  president, presidents, prime minister\n"
    "agent CVL  protesters\n"
    "discard sentence  world cup, grand slam\n"
    "discard story  film festival\n";

TEST(loader_good) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = pl_actors_new(ctx);
    CHECK(pl_actors_add_text(ctx, a, "good.txt", good, strlen(good), PL_DICT_PARLEY) == PL_OK);
    pl_actors_info info;
    pl_actors_info_get(a, &info);
    CHECK(info.entries == 3);
    CHECK(info.names == 6);
    CHECK(info.agents == 4);
    CHECK(info.discards == 3);
    CHECK(info.files == 1);
    res r;
    code_text(a, "Title\n\nThe American president met Trump and C# Users Group.\n", "2025-05-17", 1,
              &r);
    CHECK_HAS(&r, "American president|USAGOV|compound");
    CHECK_HAS(&r, "Trump|USAGOV|dict|Donald Trump");
    CHECK_HAS(&r, "C# Users Group|NGO");
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* Each bad file must fail with "bad.txt:LINE: " and the given words. */
static const struct {
    const char *text;
    int line;
    const char *words;
} bad[] = {
    {"actor X\n  code USA\nalias Y\n", 3, "must be indented"},
    {"actor X\n", 1, "has no code"},
    {"actor X\n  code usa\n", 2, "invalid code"},
    {"actor X\n  code USAG\n", 2, "invalid code"},
    {"actor X\n  code USAGOV 2025-13-01..\n", 2, "invalid date range"},
    {"actor X\n  code USAGOV 2025-01-01\n", 2, "invalid date range"},
    {"actor X\n  code USAGOV ..\n", 2, "invalid date range"},
    {"actor X\n  code USAGOV 2025-01-02..2025-01-01\n", 2, "ends before it starts"},
    {"actor X\n  code USA\n  type city\n", 3, "unknown type"},
    {"actor X\n  code USA\n  type person\n  type person\n", 4, "second 'type'"},
    {"actor X\n  code USA\n  gender m\n", 3, "unknown gender"},
    {"actor X\n  code USA\n  wikidata 22686\n", 3, "invalid wikidata"},
    {"actor X\n  code USA\n  country us\n", 3, "invalid country"},
    {"actor X\n  code USA\n  colour red\n", 3, "unknown keyword 'colour'"},
    {"Actor X\n", 1, "unknown keyword 'Actor'"},
    {"\n\n  alias Y\n", 3, "outside an actor block"},
    {"actor X\n\tcode USA\n", 2, "tab in the indentation"},
    {"actor\n", 1, "needs a name"},
    {"actor X\n  alias\n  code USA\n", 2, "needs a name"},
    {"agent GOV\n", 1, "needs a list"},
    {"agent gov  president\n", 1, "invalid agent code"},
    {"agent GOV  president,, minister\n", 1, "empty phrase"},
    {"agent GOV  president,\n", 1, "empty phrase"},
    {"discard maybe  world cup\n", 1, "'sentence' or 'story'"},
    {"actor X\n  code USA\n  alias Y \xC3\x28\n", 3, "invalid UTF-8"},
    {"# ok\nactor X\n  code USA\n  actor Y\n", 4, "must start at column 1"},
};

TEST(loader_errors) {
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pl_ctx *ctx = pl_ctx_new();
        pl_actors *a = pl_actors_new(ctx);
        int rc = pl_actors_add_text(ctx, a, "bad.txt", bad[i].text, strlen(bad[i].text),
                                    PL_DICT_PARLEY);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "bad.txt:%d: ", bad[i].line);
        const char *msg = pl_errmsg(ctx);
        if (rc != PL_EFORMAT || strncmp(msg, prefix, strlen(prefix)) != 0 ||
            !strstr(msg, bad[i].words)) {
            CHECK(!"bad dictionary message");
            fprintf(stderr, "  case %zu: rc %d, message \"%s\", want \"%s... %s\"\n", i, rc, msg,
                    prefix, bad[i].words);
        }
        /* a failed set refuses more files */
        CHECK(pl_actors_add_text(ctx, a, "more.txt", "agent GOV  x\n", 13, PL_DICT_PARLEY) ==
              PL_EARG);
        pl_actors_free(a);
        pl_ctx_free(ctx);
    }
}

/* Mutated dictionaries: every load ends in success or in "name:LINE: ...",
 * never in a crash (the sanitizers watch) or a message without a place. */
TEST(loader_fuzz) {
    static const char petr[] = "FREEDONIA_ [FRD]\n+FREEDONIAN_\nRUFUS_T_FIREFLY_\n"
                               "\t[FRDGOV 330101-351231]\n\t[FRDELI]\n<!-- c -->\n";
    static const char agents[] = "!P! = MAN, MEN\nCONGRESS!P! [~LEG]\nARMY {ARMIES} [~MIL]\n"
                                 "NGO_GROUP [NGO~]\n";
    const struct {
        const char *text;
        int format;
    } seeds[] = {{good, PL_DICT_PARLEY},
                 {petr, PL_DICT_PETRARCH_ACTORS},
                 {agents, PL_DICT_PETRARCH_AGENTS},
                 {"+A_B_\nC D\n", PL_DICT_PETRARCH_DISCARD}};
    static const char alphabet[] = " \n\t#[]{}~!+=<>-_.,'aZ0\xC3\xA9\xFF";
    uint32_t rnd = 12345;
    pl_ctx *ctx = pl_ctx_new();
    for (int iter = 0; iter < 4000; iter++) {
        const char *seed = seeds[iter % 4].text;
        size_t n = strlen(seed);
        char buf[1024];
        memcpy(buf, seed, n);
        int edits = 1 + iter % 5;
        for (int e = 0; e < edits; e++) {
            rnd = rnd * 1103515245u + 12345u;
            size_t at = (rnd >> 8) % (n + 1);
            rnd = rnd * 1103515245u + 12345u;
            char c = alphabet[(rnd >> 8) % (sizeof alphabet - 1)];
            int op = (int)((rnd >> 20) % 3);
            if (op == 0 && at < n) {
                buf[at] = c; /* replace */
            } else if (op == 1 && n + 1 < sizeof buf) {
                memmove(buf + at + 1, buf + at, n - at);
                buf[at] = c; /* insert */
                n++;
            } else if (at < n) {
                memmove(buf + at, buf + at + 1, n - at - 1); /* delete */
                n--;
            }
        }
        pl_actors *a = pl_actors_new(ctx);
        int rc = pl_actors_add_text(ctx, a, "f.txt", buf, n, seeds[iter % 4].format);
        if (rc != PL_OK && (rc != PL_EFORMAT || strncmp(pl_errmsg(ctx), "f.txt:", 6) != 0)) {
            CHECK(!"fuzzed dictionary: bad failure");
            fprintf(stderr, "  rc %d: %s\n", rc, pl_errmsg(ctx));
            pl_actors_free(a);
            break;
        }
        if (rc == PL_OK) {
            res r;
            code_text(a, "Title\n\nFreedonian army met Trump and the U.S. president. He left.\n",
                      "2025-05-17", 1, &r);
        }
        pl_actors_free(a);
    }
    pl_ctx_free(ctx);
}

static void count_warn(void *ud, int level, const char *msg) {
    (void)level;
    (void)msg;
    (*(int *)ud)++;
}

TEST(loader_duplicates_warn) {
    static const char text[] = "actor Georgia\n  code GEO\n\nactor Georgia State\n  alias Georgia\n"
                               "  code USA\n";
    pl_ctx *ctx = pl_ctx_new();
    int nwarn = 0;
    pl_set_log(ctx, count_warn, &nwarn);
    pl_actors *a = pl_actors_new(ctx);
    CHECK(pl_actors_add_text(ctx, a, "dup.txt", text, strlen(text), PL_DICT_PARLEY) == PL_OK);
    CHECK(nwarn == 1);
    res r;
    code_text(a, "Title\n\nGeorgia protested.\n", "", 0, &r);
    CHECK_HAS(&r, "Georgia|GEO");
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

TEST(loader_files) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = pl_actors_load(ctx, TESTDICT);
    CHECK(a != NULL);
    if (a) {
        pl_actors_info info;
        pl_actors_info_get(a, &info);
        CHECK(info.files == 5);
        CHECK(info.entries > 20);
    }
    pl_actors_free(a);
    /* a missing file names itself */
    a = pl_actors_load(ctx, "tests/data/no-such-dictionary.txt");
    CHECK(a == NULL);
    CHECK(strstr(pl_errmsg(ctx), "tests/data/no-such-dictionary.txt") != NULL);
    /* a bad file inside a directory stops the load with its own name */
    a = pl_actors_load(ctx, "tests/data/petrarch/bad");
    CHECK(a == NULL);
    CHECK(strstr(pl_errmsg(ctx), "tests/data/petrarch/bad/bad-agent.agents.txt:2: ") != NULL);
    pl_ctx_free(ctx);
}

TEST(data_path) {
    pl_ctx *ctx = pl_ctx_new();
    char path[4096];
    if (access("data/actors", F_OK) == 0) {
        CHECK(pl_data_path(ctx, "actors", path, sizeof path) == PL_OK);
        CHECK_STR(path, "data/actors");
    }
    /* not in ./data: $PARLEY_DATA is next */
    setenv("PARLEY_DATA", "tests/data", 1);
    CHECK(pl_data_path(ctx, "petrarch/small.agents.txt", path, sizeof path) == PL_OK);
    CHECK_STR(path, "tests/data/petrarch/small.agents.txt");
    CHECK(pl_data_path(ctx, "no/such/thing", path, sizeof path) == PL_EIO);
    CHECK(strstr(pl_errmsg(ctx), "data/no/such/thing") != NULL);
    CHECK(strstr(pl_errmsg(ctx), "tests/data/no/such/thing") != NULL);
    CHECK(pl_data_path(ctx, "petrarch", path, 4) == PL_ELIMIT);
    unsetenv("PARLEY_DATA");
    pl_ctx_free(ctx);
}

TEST(load_time_shipped) {
    if (access("data/actors/countries.txt", R_OK) != 0)
        SKIP("data/actors not there");
    pl_ctx *ctx = pl_ctx_new();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pl_actors *a = pl_actors_load(ctx, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!a)
        fprintf(stderr, "  %s\n", pl_errmsg(ctx));
    CHECK(a != NULL);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    if (ms >= 50)
        fprintf(stderr, "  load took %.1f ms\n", ms);
    CHECK(ms < 50);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- dates ---------------------------------------------------------------------- */

TEST(dated_codes) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    res r;
    code_text(a, "Title\n\nTrump spoke.\n", "2019-06-01", 0, &r);
    CHECK_HAS(&r, "Trump|USAGOV");
    code_text(a, "Title\n\nTrump spoke.\n", "2022-06-01", 0, &r);
    CHECK_NOT(&r, "Trump|USAGOV");
    CHECK_HAS(&r, "Trump|USAELI");
    code_text(a, "Title\n\nTrump spoke.\n", "2025-05-17", 0, &r);
    CHECK_HAS(&r, "Trump|USAGOV");
    /* the ends of a range are inclusive */
    code_text(a, "Title\n\nTrump spoke.\n", "2021-01-20", 0, &r);
    CHECK_HAS(&r, "Trump|USAGOV");
    code_text(a, "Title\n\nTrump spoke.\n", "2021-01-21", 0, &r);
    CHECK_HAS(&r, "Trump|USAELI");
    /* a title does not override the person's date */
    code_text(a, "Title\n\nPresident Donald Trump spoke.\n", "2022-06-01", 0, &r);
    CHECK_HAS(&r, "President Donald Trump|USAELI|compound|Donald Trump");
    /* no date: the undated code */
    code_text(a, "Title\n\nTrump spoke.\n", NULL, 0, &r);
    CHECK_HAS(&r, "Trump|USAELI");
    pl_actors_free(a);
    /* no date and no undated code: the range that starts latest */
    static const char text[] = "actor Jane Roe\n  code AAAGOV 2001-01-01..2004-12-31\n"
                               "  code BBBGOV 2010-01-01..\n  code CCCGOV ..2000-12-31\n"
                               "  type person\n";
    a = pl_actors_new(ctx);
    CHECK(pl_actors_add_text(ctx, a, "d.txt", text, strlen(text), PL_DICT_PARLEY) == PL_OK);
    code_text(a, "Title\n\nJane Roe spoke.\n", NULL, 0, &r);
    CHECK_HAS(&r, "Jane Roe|BBBGOV");
    code_text(a, "Title\n\nJane Roe spoke.\n", "2002-02-02", 0, &r);
    CHECK_HAS(&r, "Jane Roe|AAAGOV");
    /* a date no code covers, and no fallback: not an actor that day */
    code_text(a, "Title\n\nJane Roe spoke.\n", "2006-06-06", 0, &r);
    CHECK(r.n == 0);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

TEST(case_and_forms) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    res r;
    code_text(a, "Title\n\nThey told us the US and the U.S. and the u.s. agreed.\n", "", 0, &r);
    CHECK(r.n == 3);
    CHECK_NOT(&r, "us|USA");
    CHECK_HAS(&r, "US|USA");
    CHECK_HAS(&r, "U.S.|USA");
    CHECK_HAS(&r, "u.s.|USA");
    /* ’ is read as ', NFC forms meet */
    static const char text[] = "actor Côte d'Ivoire\n  alias Ivorian\n  code CIV\n  type country\n";
    pl_actors *b = pl_actors_new(ctx);
    CHECK(pl_actors_add_text(ctx, b, "c.txt", text, strlen(text), PL_DICT_PARLEY) == PL_OK);
    code_text(b, "Title\n\nC\xC3\xB4te d\xE2\x80\x99Ivoire and Co\xCC\x82te d'Ivoire voted.\n", "",
              0, &r);
    CHECK(r.n == 2);
    pl_actors_free(b);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- compounds and agents ---------------------------------------------------- */

TEST(compounds) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    res r;
    code_text(a,
              "Title\n\n"
              "Ukrainian President Volodymyr Zelensky spoke.\n\n"
              "The President of the United States called the Ukrainian leader.\n\n"
              "Moscow objected that Turkish and American representatives would attend.\n\n"
              "Russia's foreign minister met the army of Mali and NATO officials.\n\n"
              "The presidents of Russia and Ukraine spoke.\n\n"
              "Former Ukrainian president spoke.\n",
              "2025-05-17", 0, &r);
    CHECK_HAS(&r, "1|Ukrainian President Volodymyr Zelensky|UKRGOV|compound|Volodymyr Zelensky");
    CHECK_HAS(&r, "2|President of the United States|USAGOV|compound");
    CHECK_HAS(&r, "2|Ukrainian leader|UKRGOV|compound");
    CHECK_HAS(&r, "3|Moscow|RUSGOV|dict");
    CHECK_HAS(&r, "3|Turkish|TURGOV|compound");
    CHECK_HAS(&r, "3|American representatives|USAGOV|compound");
    CHECK_HAS(&r, "4|Russia's foreign minister|RUSGOV|compound");
    CHECK_HAS(&r, "4|army of Mali|MLIMIL|compound");
    CHECK_HAS(&r, "4|NATO officials|IGOWSTNAT|compound");
    CHECK_HAS(&r, "5|presidents of Russia|RUSGOV");
    CHECK_HAS(&r, "5|Ukraine|UKRGOV");
    CHECK_HAS(&r, "6|Ukrainian president|UKRELI");
    /* one mention for the whole compound */
    CHECK_NOT(&r, "1|Ukrainian|UKR");
    CHECK_NOT(&r, "1|Volodymyr Zelensky|UKRGOV|dict");
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

TEST(mention_fields) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    const char *text = "Title\n\nTurkish and American representatives met Ukrainian President "
                       "Volodymyr Zelensky and police.\n";
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "x", "2025-05-17", "");
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    pl_sentence *s;
    pl_mentions ms = {0};
    CHECK(pl_sentencer_next(z, &s) == 1); /* the title */
    CHECK(pl_sentencer_next(z, &s) == 1);
    int n = pl_find_actors(ctx, a, doc, s, NULL, &ms);
    CHECK(n == 4);
    if (n == 4) {
        const pl_mention *m = ms.m;
        /* Turkish: one word, head is the shared noun */
        CHECK(m[0].start == 0 && m[0].end == 1 && m[0].head == 3);
        CHECK_STR(m[0].code, "TURGOV");
        CHECK_STR(m[0].country, "TUR");
        CHECK_STR(m[0].agent, "GOV");
        CHECK(m[0].plural && m[0].human && m[0].type == PL_ACTOR_ROLE);
        CHECK(m[1].start == 2 && m[1].end == 4 && m[1].head == 3);
        CHECK(m[2].start == 5 && m[2].end == 9 && m[2].head == 8);
        CHECK_STR(m[2].name, "Volodymyr Zelensky");
        CHECK(m[2].type == PL_ACTOR_PERSON && m[2].gender == PL_GENDER_MALE);
        CHECK(m[2].how == PL_FOUND_COMPOUND);
        CHECK(strncmp(pl_doc_text(doc) + m[2].off, "Ukrainian President Volodymyr Zelensky",
                      m[2].len) == 0 && m[2].len == 38);
        CHECK_STR(m[3].code, "COP");
        CHECK_STR(m[3].country, "");
        CHECK_STR(m[3].agent, "COP");
        CHECK(m[3].how == PL_FOUND_AGENT && m[3].entry == -1);
    }
    pl_mentions_free(&ms);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

TEST(agents_alone) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    res r;
    code_text(a, "Title\n\nProtesters clashed with police near the court.\n", "", 0, &r);
    CHECK_HAS(&r, "Protesters|CVL|agent");
    CHECK_HAS(&r, "police|COP|agent");
    CHECK_HAS(&r, "court|JUD|agent");
    /* a title before an unknown name: a person, coded by the title */
    code_text(a, "Title\n\nDefense Minister Jan Kowalski resigned.\n", "", 0, &r);
    CHECK_HAS(&r, "Defense Minister Jan Kowalski|GOV|agent");
    /* institutions named after an agent */
    code_text(a, "Title\n\nThe Ministry of Foreign Affairs of Ukraine, the Government "
                 "Accountability Office and the Ukrainian Ministry of Defence met the Department "
                 "of Housing and Urban Development.\n", "", 0, &r);
    CHECK_HAS(&r, "Ministry of Foreign Affairs of Ukraine|UKRGOV|compound");
    CHECK_HAS(&r, "Government Accountability Office|GOV|agent");
    CHECK_HAS(&r, "Ukrainian Ministry of Defence|UKRGOV|compound");
    CHECK_HAS(&r, "Department of Housing and Urban Development|GOV|agent");
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- coreference ------------------------------------------------------------------ */

TEST(coref_pronouns) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    res r;
    code_text(a,
              "Title\n\n"
              "Volodymyr Zelensky spoke to Angela Merkel.\n\n"
              "\"Putin is lying,\" he said.\n\n"
              "She agreed with his view.\n\n"
              "Russia and Ukraine met. They disagreed.\n\n"
              "The Kremlin said its position was firm.\n",
              "2019-06-01", 1, &r);
    /* he: outside the quote, so not Putin */
    CHECK_HAS(&r, "2|he|UKRGOV|coref|Volodymyr Zelensky");
    CHECK_HAS(&r, "3|She|DEUGOV|coref|Angela Merkel");
    CHECK_HAS(&r, "3|his|UKRGOV|coref");
    CHECK_HAS(&r, "5|They|RUS|coref");
    CHECK_HAS(&r, "5|They|UKR|coref");
    CHECK_HAS(&r, "6|its|RUSGOV|coref|Kremlin");
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

TEST(coref_surnames_and_groups) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    res r;
    code_text(a,
              "Title\n\n"
              "Volodymyr Zelenskyy met Defense Minister Jan Kowalski.\n\n"
              "Zelenskyy and Kowalski then spoke.\n\n"
              "The leaders of France (Emmanuel Macron) and Germany (Friedrich Merz) joined.\n\n"
              "The leaders agreed.\n",
              "2025-05-17", 1, &r);
    /* the surname of an alias, and of a titled unknown name */
    CHECK_HAS(&r, "2|Zelenskyy|UKRGOV|coref|Volodymyr Zelensky");
    CHECK_HAS(&r, "2|Kowalski|GOV|coref");
    /* "the leaders": one mention per listed leader */
    CHECK_HAS(&r, "4|leaders|FRAGOV|coref|Emmanuel Macron");
    CHECK_HAS(&r, "4|leaders|DEUGOV|coref|Friedrich Merz");
    /* no coreference without a pl_coref */
    code_text(a, "Title\n\nVolodymyr Zelenskyy spoke. He left.\n", "2025-05-17", 0, &r);
    CHECK(r.n == 1);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- PETRARCH ------------------------------------------------------------------------ */

TEST(petrarch_import) {
    pl_ctx *ctx = pl_ctx_new();
    char *out;
    size_t len;
    CHECK(pl_dict_import(ctx, "tests/data/petrarch/small.actors.txt", PL_DICT_AUTO, &out, &len) ==
          PL_OK);
    if (out) {
        CHECK(strlen(out) == len);
        CHECK(strstr(out, "actor Freedonia\n  alias Freedonian\n  alias Freedonians\n  code FRD\n"
                          "  type country\n") != NULL);
        CHECK(strstr(out, "actor Rufus T Firefly\n  alias Firefly\n  code FRDELI ..1933-01-01\n"
                          "  code FRDGOV 1933-01-01..1935-12-31\n  code FRDOPP 1936-01-01..\n") !=
              NULL);
        CHECK(strstr(out, "actor Trentino\n  alias Ambassador Trentino\n  code SYLGOV\n"
                          "  code SYLELI\n") != NULL);
        CHECK(strstr(out, "'Nobody in Particular' has no code") != NULL);
        /* the converted text loads */
        pl_actors *a = pl_actors_new(ctx);
        CHECK(pl_actors_add_text(ctx, a, "conv.txt", out, len, PL_DICT_PARLEY) == PL_OK);
        pl_actors_free(a);
        free(out);
    }
    CHECK(pl_dict_import(ctx, "tests/data/petrarch/small.agents.txt", PL_DICT_AUTO, &out, &len) ==
          PL_OK);
    if (out) {
        CHECK(strstr(out, "agent GOV  president, presidents\n") != NULL);
        CHECK(strstr(out, "agent COP  police\n") != NULL);
        CHECK(strstr(out, "agent JUD  attorney general, attorneys general\n") != NULL);
        CHECK(strstr(out, "agent MIL  army, armies\n") != NULL);
        CHECK(strstr(out, "agent LEG  congressman, congressmen, congresswoman, congresswomen\n"));
        CHECK(strstr(out, "agent GOV  foreign minister, foreign ministers\n") != NULL);
        CHECK(strstr(out, "agent NGO  human rights group, human rights groups\n") != NULL);
        CHECK(strstr(out, "agent GOV  secretary, secretaries\n") != NULL);
        free(out);
    }
    CHECK(pl_dict_import(ctx, "tests/data/petrarch/small.discard.txt", PL_DICT_AUTO, &out, &len) ==
          PL_OK);
    if (out) {
        CHECK(strstr(out, "discard sentence world cup\n") != NULL);
        CHECK(strstr(out, "discard story grand slam final\n") != NULL);
        free(out);
    }
    /* errors name file and line */
    CHECK(pl_dict_import(ctx, "tests/data/petrarch/bad/bad-date.actors.txt", PL_DICT_AUTO, &out,
                         &len) == PL_EFORMAT);
    CHECK(strstr(pl_errmsg(ctx), "bad-date.actors.txt:2: invalid date restriction") != NULL);
    CHECK(pl_dict_import(ctx, "tests/data/petrarch/bad/bad-agent.agents.txt", PL_DICT_AUTO, &out,
                         &len) == PL_EFORMAT);
    CHECK(strstr(pl_errmsg(ctx), "bad-agent.agents.txt:2: agent code") != NULL);
    pl_ctx_free(ctx);
}

static const struct {
    const char *text;
    int format, line;
    const char *words;
} pbad[] = {
    {"+FREEDONIAN_\n", PL_DICT_PETRARCH_ACTORS, 1, "before any actor phrase"},
    {"\t[FRD]\n", PL_DICT_PETRARCH_ACTORS, 1, "before any actor phrase"},
    {"FREEDONIA_ [FRD\n", PL_DICT_PETRARCH_ACTORS, 1, "without ']'"},
    {"FREEDONIA_ [frd]\n", PL_DICT_PETRARCH_ACTORS, 1, "invalid code"},
    {"X_\n\t[FRDGOV =990101]\n", PL_DICT_PETRARCH_ACTORS, 2, "invalid date restriction"},
    {"X_\n\t[FRDGOV 990101-980101]\n", PL_DICT_PETRARCH_ACTORS, 2, "ends before"},
    {"# ok\n<!-- never closed\n", PL_DICT_PETRARCH_ACTORS, 2, "never closed"},
    {"SOLDIER [~MIL] extra\n", PL_DICT_PETRARCH_AGENTS, 1, "text after"},
    {"SOLDIER\n", PL_DICT_PETRARCH_AGENTS, 1, "without [~CODE]"},
    {"!MINIST!_OF_WAR [~GOV]\n", PL_DICT_PETRARCH_AGENTS, 1, "unknown substitution"},
};

TEST(petrarch_errors) {
    for (size_t i = 0; i < sizeof pbad / sizeof pbad[0]; i++) {
        pl_ctx *ctx = pl_ctx_new();
        pl_actors *a = pl_actors_new(ctx);
        int rc = pl_actors_add_text(ctx, a, "p.txt", pbad[i].text, strlen(pbad[i].text),
                                    pbad[i].format);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "p.txt:%d: ", pbad[i].line);
        const char *msg = pl_errmsg(ctx);
        if (rc != PL_EFORMAT || strncmp(msg, prefix, strlen(prefix)) != 0 ||
            !strstr(msg, pbad[i].words)) {
            CHECK(!"bad PETRARCH message");
            fprintf(stderr, "  case %zu: rc %d, message \"%s\", want \"%s... %s\"\n", i, rc, msg,
                    prefix, pbad[i].words);
        }
        pl_actors_free(a);
        pl_ctx_free(ctx);
    }
}

TEST(petrarch_load_and_discard) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = pl_actors_load(ctx, "tests/data/petrarch");
    CHECK(a != NULL);
    if (!a) {
        fprintf(stderr, "  %s\n", pl_errmsg(ctx));
        pl_ctx_free(ctx);
        return;
    }
    res r;
    code_text(a, "Title\n\nFreedonian police arrested Firefly. The Freedonian foreign minister "
                 "met Ambassador Trentino.\n",
              "1934-05-01", 1, &r);
    CHECK_HAS(&r, "Freedonian police|FRDCOP|compound");
    CHECK_HAS(&r, "Firefly|FRDGOV|dict");
    CHECK_HAS(&r, "Freedonian foreign minister|FRDGOV");
    CHECK_HAS(&r, "Ambassador Trentino|SYLGOV");
    /* a title before an entry without a type (PETRARCH persons have none) */
    code_text(a, "Title\n\nPresident Firefly spoke.\n", "1934-05-01", 0, &r);
    CHECK_HAS(&r, "President Firefly|FRDGOV|compound|Rufus T Firefly");
    /* a Title Case headline: capitals name nobody */
    code_text(a, "Freedonian President Meets Firefly\n\nText.\n", "1934-05-01", 0, &r);
    CHECK_HAS(&r, "Freedonian President|FRDGOV|compound");
    CHECK_HAS(&r, "Firefly|FRDGOV|dict");
    code_text(a, "Title\n\nFirefly spoke.\n", "1937-01-01", 0, &r);
    CHECK_HAS(&r, "Firefly|FRDOPP");
    /* a discard phrase: the sentence has no actors */
    code_text(a, "Title\n\nFreedonian police watched the World Cup. Firefly spoke.\n", "1934-05-01",
              1, &r);
    CHECK(r.discard == PL_DISCARD_SENTENCE);
    CHECK_NOT(&r, "Freedonian police|FRDCOP");
    CHECK_HAS(&r, "Firefly|FRDGOV");
    /* with '+': the story */
    code_text(a, "Title\n\nFirefly spoke. He watched the grand slam final.\n", "1934-05-01", 1, &r);
    CHECK(r.discard & PL_DISCARD_STORY);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- unknown names ------------------------------------------------------------------ */

TEST(unknown_names) {
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    const char *text = "Title\n\nSources said Putin met Recep Tayyip Erdogan in Istanbul on "
                       "Monday.\n";
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "x", "2025-05-17", "");
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    pl_sentence *s;
    pl_mentions ms = {0};
    pl_coref *c = pl_coref_new(ctx, a);
    CHECK(pl_sentencer_next(z, &s) == 1);
    CHECK(pl_find_actors(ctx, a, doc, s, c, &ms) == 0);
    pl_span sp[8];
    CHECK(pl_unknown_names(s, &ms, sp, 8) == 0); /* the headline is skipped */
    CHECK(pl_sentencer_next(z, &s) == 1);
    CHECK(pl_find_actors(ctx, a, doc, s, c, &ms) >= 1);
    size_t n = pl_unknown_names(s, &ms, sp, 8);
    char names[4][64];
    for (size_t i = 0; i < n && i < 4; i++) {
        names[i][0] = 0;
        for (uint32_t t = sp[i].start; t < sp[i].end; t++) {
            if (t > sp[i].start)
                strcat(names[i], " ");
            strcat(names[i], s->tok[t].form);
        }
    }
    CHECK(n == 3);
    if (n == 3) {
        CHECK_STR(names[0], "Sources");
        CHECK(sp[0].flags & PL_SPAN_INITIAL);
        CHECK_STR(names[1], "Recep Tayyip Erdogan");
        CHECK(sp[1].flags == 0);
        CHECK_STR(names[2], "Istanbul");
    }
    pl_coref_free(c);
    pl_mentions_free(&ms);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- tagged tokens ------------------------------------------------------------------ */

/* Tags tokens as the tagger would: upos by form, and a parse head. */
static void tag(pl_sentence *s, const char *const *forms, const uint16_t *upos, int n) {
    for (uint32_t i = 0; i < s->ntok; i++) {
        s->tok[i].upos = PL_UPOS_X;
        for (int k = 0; k < n; k++)
            if (strcmp(s->tok[i].form, forms[k]) == 0)
                s->tok[i].upos = upos[k];
    }
}

TEST(tagged_tokens) {
    static const char dict[] = "agent MIL  general, generals\nagent GOV  president\n";
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = pl_actors_new(ctx);
    CHECK(pl_actors_add_text(ctx, a, "t.txt", dict, strlen(dict), PL_DICT_PARLEY) == PL_OK);
    const char *text = "The general election was held. A general met President Anna Kowalska.";
    pl_doc *doc = pl_doc_new(ctx, text, strlen(text), "x", "", "");
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    pl_sentence *s;
    pl_mentions ms = {0};
    static const char *const f1[] = {"The", "general", "election", "was", "held", "."};
    static const uint16_t u1[] = {PL_UPOS_DET, PL_UPOS_ADJ, PL_UPOS_NOUN, PL_UPOS_AUX,
                                  PL_UPOS_VERB, PL_UPOS_PUNCT};
    CHECK(pl_sentencer_next(z, &s) == 1);
    CHECK(pl_find_actors(ctx, a, doc, s, NULL, &ms) == 1); /* untagged: "general" is MIL */
    tag(s, f1, u1, 6);
    CHECK(pl_find_actors(ctx, a, doc, s, NULL, &ms) == 0); /* an adjective is no agent */
    static const char *const f2[] = {"A", "general", "met", "President", "Anna", "Kowalska", "."};
    static const uint16_t u2[] = {PL_UPOS_DET, PL_UPOS_NOUN, PL_UPOS_VERB, PL_UPOS_PROPN,
                                  PL_UPOS_PROPN, PL_UPOS_PROPN, PL_UPOS_PUNCT};
    CHECK(pl_sentencer_next(z, &s) == 1);
    tag(s, f2, u2, 7);
    /* a parse: Kowalska heads "President Anna Kowalska" */
    for (uint32_t i = 0; i < s->ntok; i++)
        s->tok[i].head = 0;
    s->tok[3].head = 6;
    s->tok[4].head = 6;
    s->tok[5].head = 3;
    int n = pl_find_actors(ctx, a, doc, s, NULL, &ms);
    CHECK(n == 2);
    if (n == 2) {
        CHECK(ms.m[0].start == 1 && ms.m[0].end == 2);
        CHECK_STR(ms.m[0].code, "MIL");
        CHECK(ms.m[1].start == 3 && ms.m[1].end == 6 && ms.m[1].head == 5);
        CHECK(ms.m[1].type == PL_ACTOR_PERSON);
    }
    /* "Kowalska" tagged as a common noun: the name ends after "Anna" */
    s->tok[5].upos = PL_UPOS_NOUN;
    n = pl_find_actors(ctx, a, doc, s, NULL, &ms);
    CHECK(n == 2 && ms.m[1].end == 5);
    pl_mentions_free(&ms);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

/* ---- the seed article -------------------------------------------------------------- */

static void seed_checks(const pl_actors *a, const char *article) {
    FILE *f = fopen(article, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    static char text[1 << 16];
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    text[n] = 0;
    static res r;
    code_text(a, text, "2025-05-17", 1, &r);
    CHECK_HAS(&r, "Trump|USAGOV");
    CHECK_HAS(&r, "Ukrainian President Volodymyr Zelensky|UKRGOV");
    CHECK_HAS(&r, "Zelensky|UKRGOV");
    CHECK_HAS(&r, "advisor Vladimir Medinsky|RUSGOV");
    CHECK_HAS(&r, "Defense Minister Rustem Umerov|UKRGOV");
    CHECK_HAS(&r, "Emmanuel Macron|FRAGOV");
    CHECK_HAS(&r, "Friedrich Merz|DEUGOV");
    CHECK_HAS(&r, "British Prime Minister Keir Starmer|GBRGOV");
    CHECK_HAS(&r, "Keir Starmer|GBRGOV");
    CHECK_HAS(&r, "Polish leader Donald Tusk|POLGOV");
    CHECK_HAS(&r, "Putin|RUSGOV");
    CHECK_HAS(&r, "Kiev|UKRGOV");
    CHECK_HAS(&r, "Moscow|RUSGOV");
    CHECK_HAS(&r, "Kremlin|RUSGOV");
    CHECK_HAS(&r, "Türkiye|TUR");
    CHECK_HAS(&r, "Ukrainian leader|UKRGOV");
    CHECK_HAS(&r, "President of the United States|USAGOV");
    CHECK_HAS(&r, "U.S. administration|USAGOV");
    CHECK_HAS(&r, "13|he|UKRGOV|coref|Volodymyr Zelensky"); /* '..." he stated.' */
    code_text(a, text, "2019-06-01", 1, &r);
    CHECK_HAS(&r, "Ukrainian President Volodymyr Zelensky|UKRGOV");
    CHECK_HAS(&r, "Trump|USAGOV");
    CHECK_HAS(&r, "Friedrich Merz");
    CHECK_NOT(&r, "Friedrich Merz|DEUGOV");
}

TEST(seed_article_test_dict) {
    const char *article = t_shared("examples/seed-article.txt");
    if (!article)
        SKIP("../shared is absent");
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = test_dict(ctx);
    CHECK(a != NULL);
    if (a) {
        seed_checks(a, article);
        res r;
        static char text[1 << 16];
        FILE *f = fopen(article, "rb");
        size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f)
            fclose(f);
        text[n] = 0;
        code_text(a, text, "2025-05-17", 1, &r);
        CHECK_HAS(&r, "Turkish|TURGOV");
        CHECK_HAS(&r, "American representatives|USAGOV");
    }
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

TEST(seed_article_shipped_dict) {
    const char *article = t_shared("examples/seed-article.txt");
    if (!article)
        SKIP("../shared is absent");
    if (access("data/actors/leaders.txt", R_OK) != 0 || access("data/agents/agents.txt", R_OK) != 0)
        SKIP("shipped dictionaries not complete");
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = pl_actors_load(ctx, NULL);
    if (!a)
        fprintf(stderr, "  %s\n", pl_errmsg(ctx));
    CHECK(a != NULL);
    if (a)
        seed_checks(a, article);
    pl_actors_free(a);
    pl_ctx_free(ctx);
}

int main(void) {
    RUN(loader_good);
    RUN(loader_errors);
    RUN(loader_fuzz);
    RUN(loader_duplicates_warn);
    RUN(loader_files);
    RUN(data_path);
    RUN(load_time_shipped);
    RUN(dated_codes);
    RUN(case_and_forms);
    RUN(compounds);
    RUN(mention_fields);
    RUN(agents_alone);
    RUN(coref_pronouns);
    RUN(coref_surnames_and_groups);
    RUN(petrarch_import);
    RUN(petrarch_errors);
    RUN(petrarch_load_and_discard);
    RUN(unknown_names);
    RUN(tagged_tokens);
    RUN(seed_article_test_dict);
    RUN(seed_article_shipped_dict);
    return t_done();
}
