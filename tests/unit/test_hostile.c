/*
 * test_hostile.c — hostile input through the API: broken UTF-8 and NULs,
 * sentences of 10,000 tokens, tokens of 100 KB, truncated and corrupt
 * model, dictionary, gazetteer and store files, count in = count out for
 * JSON Lines. Every case must end in a clear error or a correct result,
 * never a crash or silent loss (docs/robustness.md lists them all).
 * Run from the repository root (fuzz/corpus and tests/data are read).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "parley.h"
#include "t.h"

#define TINY_MODEL "fuzz/corpus/model/tiny.model"

static char tmpdir[256];

/* A file in the test's scratch directory, with the given contents. */
static const char *scratch(const char *name, const void *data, size_t n) {
    static char path[4][512];
    static int next;
    char *p = path[next++ & 3];
    snprintf(p, sizeof path[0], "%s/%s", tmpdir, name);
    FILE *f = fopen(p, "wb");
    if (!f)
        return NULL;
    if (n && fwrite(data, 1, n, f) != n) {
        fclose(f);
        return NULL;
    }
    return fclose(f) == 0 ? p : NULL;
}

static char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (b) {
        b[n] = 0;
        *len = (size_t)n;
    }
    return b;
}

static int utf8_ok(const char *s) {
    const unsigned char *u = (const unsigned char *)s;
    while (*u) {
        int n = *u < 0x80 ? 1 : (*u >= 0xC2 && *u <= 0xDF) ? 2 : (*u >= 0xE0 && *u <= 0xEF) ? 3
                : (*u >= 0xF0 && *u <= 0xF4) ? 4 : 0;
        if (!n)
            return 0;
        for (int i = 1; i < n; i++)
            if ((u[i] & 0xC0) != 0x80)
                return 0;
        if (n == 3 && *u == 0xED && u[1] >= 0xA0)
            return 0; /* surrogate */
        if (n == 3 && *u == 0xE0 && u[1] < 0xA0)
            return 0; /* overlong */
        if (n == 4 && ((*u == 0xF0 && u[1] < 0x90) || (*u == 0xF4 && u[1] >= 0x90)))
            return 0;
        u += n;
    }
    return 1;
}

typedef struct tally {
    size_t sentences, tokens, cut, repaired;
    char forms[4096];   /* the first forms, space-separated */
} tally;

/* Splits text into sentences and counts what came out. */
static int split(const char *text, size_t len, tally *t) {
    memset(t, 0, sizeof *t);
    pl_ctx *ctx = pl_ctx_new();
    pl_doc *doc = pl_doc_new(ctx, text, len, "h", NULL, NULL);
    pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
    pl_sentence *s;
    int got = -1, bad = 0;
    size_t used = 0;
    while (z && (got = pl_sentencer_next(z, &s)) == 1) {
        t->sentences++;
        t->tokens += s->ntok;
        t->cut += (s->flags & PL_SENT_CUT) != 0;
        for (uint32_t i = 0; i < s->ntok; i++) {
            if (!utf8_ok(s->tok[i].form))
                bad = 1;
            t->repaired += (s->tok[i].flags & PL_TOK_REPAIRED) != 0;
            size_t k = strlen(s->tok[i].form);
            if (used + k + 2 < sizeof t->forms) {
                memcpy(t->forms + used, s->tok[i].form, k);
                used += k;
                t->forms[used++] = ' ';
                t->forms[used] = 0;
            }
        }
    }
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_ctx_free(ctx);
    return got == 0 && !bad ? 0 : -1;
}

/* ---- text ------------------------------------------------------------------- */

TEST(invalid_utf8_repaired) {
    /* overlong C0 80, surrogate ED A0 80, F5+ bytes, truncated sequences */
    static const char text[] = "Alpha \xC0\x80 beta \xED\xA0\x80 gamma \xF5\x80\x80\x80 delta \xFF\xFE "
                               "epsilon x\xE2\x82 zeta \xF0\x9F\x98. Omega \xE2\x82";
    tally t;
    CHECK(split(text, sizeof text - 1, &t) == 0);
    CHECK(t.repaired >= 6);
    for (const char *w = "Alpha\0beta\0gamma\0delta\0epsilon\0zeta\0Omega\0"; *w; w += strlen(w) + 1)
        CHECK(strstr(t.forms, w) != NULL);
    CHECK(strstr(t.forms, "\xEF\xBF\xBD") != NULL); /* U+FFFD */
    pl_ctx *ctx = pl_ctx_new();
    pl_doc *d = pl_doc_new(ctx, text, sizeof text - 1, NULL, NULL, NULL);
    CHECK(d && pl_doc_bad_utf8(d) >= 8);
    pl_doc_free(d);
    pl_ctx_free(ctx);
}

TEST(nul_bytes_are_space) {
    static const char text[] = "One\0two three.\0\0Four.";
    tally t;
    CHECK(split(text, sizeof text - 1, &t) == 0);
    CHECK(t.tokens == 6);
    CHECK(strstr(t.forms, "One two three . Four .") != NULL);
}

TEST(ten_thousand_tokens) {
    size_t n = 10000, len = 0;
    char *text = malloc(n * 6 + 2);
    for (size_t i = 0; i < n; i++)
        len += (size_t)sprintf(text + len, "%s ", i % 3 ? "talks" : "and");
    text[len++] = '.';
    tally t;
    CHECK(split(text, len, &t) == 0);
    CHECK(t.tokens == n + 1);                     /* nothing lost */
    CHECK(t.sentences == (n + 1 + PL_MAX_SENT_TOKENS - 1) / PL_MAX_SENT_TOKENS);
    CHECK(t.cut == t.sentences - 1);               /* the last one ends at '.' */
    free(text);
}

TEST(hundred_kb_token) {
    size_t n = 100000;
    char *text = malloc(n);
    memset(text, 'x', n);
    tally t;
    CHECK(split(text, n, &t) == 0);
    CHECK(t.tokens >= n / 1024 && t.tokens <= n / 1024 + 2);
    free(text);
}

TEST(url_with_long_closing_run) {
    /* past 64 closing marks after a URL, the rest used to vanish */
    char text[300];
    size_t len = (size_t)snprintf(text, sizeof text, "See https://example.org.");
    memset(text + len, ';', 100);
    len += 100;
    len += (size_t)snprintf(text + len, sizeof text - len, " Done.");
    pl_ctx *ctx = pl_ctx_new();
    pl_doc *doc = pl_doc_new(ctx, text, len, "u", NULL, NULL);
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    pl_sentence *s;
    size_t bytes = 0;
    while (pl_sentencer_next(z, &s) == 1)
        for (uint32_t i = 0; i < s->ntok; i++)
            bytes += s->tok[i].len;
    CHECK(bytes == len - 2); /* every byte but the two spaces */
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_ctx_free(ctx);
}

/* ---- readers ---------------------------------------------------------------- */

/* Reads path; returns documents, sets *skipped. -1 when the reader fails. */
static long read_all(const char *path, int format, uint64_t *skipped, uint64_t *warnings) {
    pl_ctx *ctx = pl_ctx_new();
    pl_reader *r = pl_reader_open(ctx, path, format);
    long docs = 0;
    pl_doc *d;
    int got = -1;
    while (r && (got = pl_reader_next(r, &d)) == 1) {
        docs++;
        pl_doc_free(d);
    }
    *skipped = r ? pl_reader_skipped(r) : 0;
    *warnings = pl_warnings(ctx);
    pl_reader_close(r);
    pl_ctx_free(ctx);
    return got == 0 ? docs : -1;
}

TEST(jsonl_count_in_count_out) {
    /* 13 records, 8 good: every line is a document or a skipped record */
    static const char lines[] =
        "{\"id\":\"a\",\"text\":\"Good one.\"}\n"
        "{\"id\":[\"x\"],\"date\":1e400,\"title\":7,\"url\":{},\"text\":\"Wrong types, kept.\"}\n"
        "{\"id\":123456789012345678901234567890,\"text\":\"Huge id, ignored.\"}\n"
        "{\"text\":\"nul\0inside\"}\n"          /* raw NUL: was glued to the next line */
        "{\"text\":\"after the nul\"}\n"
        "{\"text\":\"escaped \\u0000 nul then more.\"}\n"
        "{\"text\": oops}\n"
        "[1,2,3]\n"
        "{\"title\":\"no text\"}\n"
        "{\"text\":12}\n"
        "\n   \n\t\n"                           /* blank lines are no records */
        "{\"text\":\"" "\xC0\x80\xED\xA0\x80" " bad utf-8.\"}\n"
        "{\"text\":\"no newline at the end\"}\n"
        "{\"text\":\"cut"; /* truncated last line */
    const char *p = scratch("h.jsonl", lines, sizeof lines - 1);
    uint64_t skipped, warnings;
    long docs = read_all(p, PL_FMT_AUTO, &skipped, &warnings);
    CHECK(docs == 8);
    CHECK(skipped == 5);
    CHECK(docs + (long)skipped == 13);
    CHECK(warnings >= skipped + 4);
}

TEST(jsonl_escaped_nul_keeps_text) {
    static const char line[] = "{\"id\":\"z\",\"text\":\"abc\\u0000def. Second.\"}\n";
    const char *p = scratch("z.jsonl", line, sizeof line - 1);
    pl_ctx *ctx = pl_ctx_new();
    pl_reader *r = pl_reader_open(ctx, p, PL_FMT_AUTO);
    pl_doc *d = NULL;
    CHECK(r && pl_reader_next(r, &d) == 1);
    CHECK(d && strcmp(pl_doc_text(d), "abc def. Second.") == 0);
    CHECK(pl_warnings(ctx) == 1);
    pl_doc_free(d);
    pl_reader_close(r);
    pl_ctx_free(ctx);
}

TEST(jsonl_big_ids_never_collide) {
    /* 2^53 + 1 and 2^53 are one double: their ids must not become one */
    static const char lines[] = "{\"id\":9007199254740993,\"text\":\"First.\"}\n"
                                "{\"id\":9007199254740992,\"text\":\"Second.\"}\n"
                                "{\"id\":42,\"text\":\"Third.\"}\n";
    const char *p = scratch("ids.jsonl", lines, sizeof lines - 1);
    pl_ctx *ctx = pl_ctx_new();
    pl_reader *r = pl_reader_open(ctx, p, PL_FMT_AUTO);
    pl_doc *d[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++)
        CHECK(r && pl_reader_next(r, &d[i]) == 1);
    CHECK(d[0] && d[1] && strcmp(pl_doc_id(d[0]), pl_doc_id(d[1])) != 0);
    CHECK(d[2] && strcmp(pl_doc_id(d[2]), "42") == 0);
    CHECK(pl_warnings(ctx) == 2);
    for (int i = 0; i < 3; i++)
        pl_doc_free(d[i]);
    pl_reader_close(r);
    pl_ctx_free(ctx);
}

TEST(html_too_deep_is_skipped_not_cut) {
    size_t depth = 100000, len = 0;
    char *page = malloc(depth * 11 + 200);
    len += (size_t)sprintf(page, "<html><body><p>Before.</p>");
    for (size_t i = 0; i < depth; i++)
        len += (size_t)sprintf(page + len, "<div>");
    len += (size_t)sprintf(page + len, "<p>Deep inside.</p>");
    for (size_t i = 0; i < depth; i++)
        len += (size_t)sprintf(page + len, "</div>");
    len += (size_t)sprintf(page + len, "<p>After.</p></body></html>");
    const char *p = scratch("deep.html", page, len);
    free(page);
    uint64_t skipped, warnings;
    long docs = read_all(p, PL_FMT_AUTO, &skipped, &warnings);
    CHECK(docs == 0 && skipped == 1 && warnings == 1);
    /* 200 levels are fine: all three paragraphs */
    char small[4096];
    len = (size_t)sprintf(small, "<p>Before.</p>");
    for (int i = 0; i < 200; i++)
        len += (size_t)sprintf(small + len, "<div>");
    len += (size_t)sprintf(small + len, "<p>Deep inside.</p>");
    p = scratch("ok.html", small, len);
    pl_ctx *ctx = pl_ctx_new();
    pl_reader *r = pl_reader_open(ctx, p, PL_FMT_AUTO);
    pl_doc *d = NULL;
    CHECK(r && pl_reader_next(r, &d) == 1);
    CHECK(d && strstr(pl_doc_text(d), "Deep inside.") != NULL);
    pl_doc_free(d);
    pl_reader_close(r);
    pl_ctx_free(ctx);
}

TEST(fifo_is_read) {
    char path[512];
    snprintf(path, sizeof path, "%s/pipe", tmpdir);
    if (mkfifo(path, 0600) != 0)
        SKIP("mkfifo failed");
    pid_t pid = fork();
    if (pid == 0) {
        alarm(20); /* never outlive a reader that does not come */
        FILE *f = fopen(path, "w");
        if (f) {
            fputs("{\"text\":\"Through a pipe.\"}\n", f);
            fclose(f);
        }
        _exit(0);
    }
    uint64_t skipped, warnings;
    long docs = read_all(path, PL_FMT_AUTO, &skipped, &warnings);
    CHECK(docs == 1 && skipped == 0);
    int st;
    kill(pid, SIGKILL); /* when the reader never opened the FIFO */
    waitpid(pid, &st, 0);
    remove(path);
}

/* ---- model -------------------------------------------------------------------- */

TEST(model_truncated_everywhere) {
    size_t len;
    char *m = slurp(TINY_MODEL, &len);
    if (!m)
        SKIP("%s missing", TINY_MODEL);
    pl_ctx *ctx = pl_ctx_new();
    pl_model *whole = pl_model_load(ctx, TINY_MODEL);
    if (!whole) {
        free(m);
        pl_ctx_free(ctx);
        SKIP("%s does not load (the model format changed? rerun sh fuzz/mkmodel.sh)", TINY_MODEL);
    }
    pl_model_free(whole);
    /* every prefix up to 320 bytes (header, section table), then strided */
    for (size_t n = 0; n < len; n += n < 320 ? 1 : 61) {
        const char *p = scratch("t.model", m, n);
        pl_model *mo = pl_model_load(ctx, p);
        CHECK(mo == NULL);
        if (mo)
            break;
        CHECK(strstr(pl_errmsg(ctx), "t.model@") != NULL); /* PATH@OFFSET: what */
        pl_model_free(mo);
    }
    /* the whole file loads and parses; one flipped byte is caught */
    const char *p = scratch("t.model", m, len);
    pl_model *mo = pl_model_load(ctx, p);
    CHECK(mo != NULL);
    pl_model_free(mo);
    m[len / 2] ^= 0x40;
    p = scratch("t.model", m, len);
    CHECK(pl_model_load(ctx, p) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "corrupt") != NULL);
    CHECK(pl_model_load(ctx, tmpdir) == NULL); /* a directory */
    CHECK(pl_model_load(ctx, "/dev/null") == NULL);
    free(m);
    pl_ctx_free(ctx);
}

TEST(parse_over_the_token_limit) {
    pl_ctx *ctx = pl_ctx_new();
    pl_model *m = pl_model_load(ctx, TINY_MODEL);
    if (!m) {
        pl_ctx_free(ctx);
        SKIP("%s does not load (rerun sh fuzz/mkmodel.sh)", TINY_MODEL);
    }
    pl_parser *p = pl_parser_new(ctx, m);
    uint32_t n = PL_MAX_SENT_TOKENS + 1;
    const char **forms = malloc(n * sizeof *forms);
    for (uint32_t i = 0; i < n; i++)
        forms[i] = i % 2 ? "talks" : "and";
    pl_sentence *s;
    CHECK(pl_parse_tokens(p, forms, n, &s) == PL_ELIMIT);
    CHECK(pl_parse_tokens(p, forms, n - 1, &s) == PL_OK);
    CHECK(s->ntok == n - 1);
    uint32_t roots = 0;
    for (uint32_t i = 0; i < s->ntok; i++)
        roots += s->tok[i].head == 0;
    CHECK(roots == 1);
    free(forms);
    pl_parser_free(p);
    pl_model_free(m);
    pl_ctx_free(ctx);
}

/* ---- dictionaries ----------------------------------------------------------- */

/* Loads every prefix of file (and the whole) as format: each must load or
 * fail with "NAME:LINE: ..." — never crash. Returns how many loaded. */
static int prefixes(const char *file, int format, const char *name, size_t step) {
    size_t len;
    char *text = slurp(file, &len);
    if (!text)
        return -1;
    int loaded = 0;
    for (size_t n = 0; n <= len; n += (n + step <= len || n == len) ? step : len - n) {
        pl_ctx *ctx = pl_ctx_new();
        pl_actors *a = pl_actors_new(ctx);
        int rc = pl_actors_add_text(ctx, a, name, text, n, format);
        if (rc == PL_OK)
            loaded++;
        else
            CHECK(strncmp(pl_errmsg(ctx), name, strlen(name)) == 0);
        pl_actors_free(a);
        pl_ctx_free(ctx);
        if (n == len)
            break;
    }
    free(text);
    return loaded;
}

TEST(dictionaries_truncated_everywhere) {
    CHECK(prefixes("tests/data/actors/persons.txt", PL_DICT_PARLEY, "persons.txt", 1) > 0);
    CHECK(prefixes("tests/data/actors/agents.txt", PL_DICT_PARLEY, "agents.txt", 1) > 0);
    CHECK(prefixes("tests/data/petrarch/small.actors.txt", PL_DICT_PETRARCH_ACTORS, "x.actors", 1) > 0);
    CHECK(prefixes("tests/data/petrarch/small.agents.txt", PL_DICT_PETRARCH_AGENTS, "x.agents", 1) > 0);
    CHECK(prefixes("data/actors/countries.txt", PL_DICT_PARLEY, "countries.txt", 997) > 0);
}

TEST(petrarch_overlong_phrase) {
    /* a 600-byte name was cut at 511 bytes, inside a two-byte character: the
     * import then wrote invalid UTF-8 and its output did not load */
    char text[1024];
    size_t len = 0;
    for (int i = 0; i < 300; i++)
        len += (size_t)sprintf(text + len, "\xD0\xAB"); /* Cyrillic, 2 bytes each */
    len += (size_t)sprintf(text + len, "_ [RUS]\n");
    pl_ctx *ctx = pl_ctx_new();
    pl_actors *a = pl_actors_new(ctx);
    CHECK(pl_actors_add_text(ctx, a, "long.actors", text, len, PL_DICT_PETRARCH_ACTORS) == PL_EFORMAT);
    CHECK(strstr(pl_errmsg(ctx), "long.actors:1: phrase too long") != NULL);
    pl_actors_free(a);
    const char *p = scratch("long.actors", text, len);
    char *out = NULL;
    size_t olen;
    CHECK(pl_dict_import(ctx, p, PL_DICT_AUTO, &out, &olen) == PL_EFORMAT);
    free(out);
    /* five words of 50 characters (504 bytes) fit, and import to a
     * loadable file (the loader takes words of up to 256 bytes) */
    len = 0;
    for (int i = 0; i < 250; i++)
        len += (size_t)sprintf(text + len, "%s\xD0\xAB", i && i % 50 == 0 ? "_" : "");
    len += (size_t)sprintf(text + len, "_ [RUS]\n");
    p = scratch("ok.actors", text, len);
    out = NULL;
    CHECK(pl_dict_import(ctx, p, PL_DICT_AUTO, &out, &olen) == PL_OK);
    a = pl_actors_new(ctx);
    CHECK(out && pl_actors_add_text(ctx, a, "ok.txt", out, olen, PL_DICT_PARLEY) == PL_OK);
    pl_actors_free(a);
    free(out);
    pl_ctx_free(ctx);
}

TEST(verbs_truncated_everywhere) {
    size_t len;
    char *text = slurp("fuzz/corpus/verbs/small.txt", &len);
    if (!text)
        SKIP("fuzz/corpus/verbs/small.txt missing");
    int loaded = 0;
    for (size_t n = 1; n <= len; n++) {
        const char *p = scratch("v.txt", text + 1, n - 1); /* byte 0 is the fuzzer's */
        pl_ctx *ctx = pl_ctx_new();
        pl_verbs *v = pl_verbs_load(ctx, p);
        if (v)
            loaded++;
        else
            CHECK(strstr(pl_errmsg(ctx), "v.txt") != NULL);
        pl_verbs_free(v);
        pl_ctx_free(ctx);
    }
    CHECK(loaded > 0);
    free(text);
}

TEST(gazetteer_cut_is_refused) {
    size_t len;
    char *text = slurp("fuzz/corpus/places/gazetteer-only.tsv", &len);
    if (!text)
        SKIP("fuzz/corpus/places/gazetteer-only.tsv missing");
    int loaded = 0;
    size_t last = (size_t)-1;
    for (size_t n = 0; n <= len; n++) {
        if (n < len && text[n] != '\n' && n % 7)
            continue; /* line ends, and every 7th byte */
        size_t plen = n < len && text[n] == '\n' ? n + 1 : n;
        if (plen == last)
            continue;
        last = plen;
        const char *p = scratch("gazetteer.tsv", text, plen);
        pl_ctx *ctx = pl_ctx_new();
        pl_places *g = pl_places_load(ctx, p);
        if (g)
            loaded++;
        else
            CHECK(strstr(pl_errmsg(ctx), "gazetteer.tsv") != NULL);
        pl_places_free(g);
        pl_ctx_free(ctx);
    }
    CHECK(loaded == 1); /* only the whole file: the end line counts records */
    free(text);
}

/* ---- store -------------------------------------------------------------------- */

TEST(store_corrupt_files) {
    pl_ctx *ctx = pl_ctx_new();
    const char *p = scratch("text.db", "not a database at all\n", 22);
    CHECK(pl_store_open(ctx, p, 0) == NULL);
    CHECK(strstr(pl_errmsg(ctx), "text.db") != NULL);
    size_t len;
    char *db = slurp("fuzz/corpus/store/three-docs.db", &len);
    if (!db) {
        pl_ctx_free(ctx);
        SKIP("fuzz/corpus/store/three-docs.db missing");
    }
    /* truncated at page boundaries and inside the header: opened and
     * checked, or refused with a message */
    for (size_t n = 16; n < len; n += n < 100 ? 28 : 512) {
        p = scratch("cut.db", db, n);
        pl_store *st = pl_store_open(ctx, p, PL_STORE_READONLY);
        if (st) {
            int rc = pl_store_check(st);
            CHECK(rc == PL_OK || pl_errmsg(ctx)[0]);
            pl_store_close(st);
        } else {
            CHECK(pl_errmsg(ctx)[0] != 0);
        }
    }
    p = scratch("whole.db", db, len);
    pl_store *st = pl_store_open(ctx, p, PL_STORE_READONLY);
    CHECK(st != NULL);
    if (st)
        CHECK(pl_store_check(st) == PL_OK);
    pl_store_close(st);
    free(db);
    pl_ctx_free(ctx);
}

int main(void) {
    snprintf(tmpdir, sizeof tmpdir, "%s/parley-hostile-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(invalid_utf8_repaired);
    RUN(nul_bytes_are_space);
    RUN(ten_thousand_tokens);
    RUN(hundred_kb_token);
    RUN(url_with_long_closing_run);
    RUN(jsonl_count_in_count_out);
    RUN(jsonl_escaped_nul_keeps_text);
    RUN(jsonl_big_ids_never_collide);
    RUN(html_too_deep_is_skipped_not_cut);
    RUN(fifo_is_read);
    RUN(model_truncated_everywhere);
    RUN(parse_over_the_token_limit);
    RUN(dictionaries_truncated_everywhere);
    RUN(petrarch_overlong_phrase);
    RUN(verbs_truncated_everywhere);
    RUN(gazetteer_cut_is_refused);
    RUN(store_corrupt_files);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return t_done();
}
