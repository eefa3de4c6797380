/*
 * test_syntax.c — tag sets, the model loader (valid, truncated, corrupt,
 * foreign and crafted files), and the tagger, lemmatizer and parser on
 * sentences written here and on the seed article.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "t.h"
#include "parley.h"
#include "syntax/model.h"
#include "syntax/syntax.h"

#define MODEL "data/model/en-ewt.model"

static pl_ctx *ctx;
static pl_model *model;
static pl_parser *parser;
static unsigned char *image; /* the shipped model file */
static size_t image_len;
static char scratch_path[64];

static unsigned char *slurp(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

static const char *write_scratch(const void *p, size_t n) {
    FILE *f = fopen(scratch_path, "wb");
    if (!f)
        return NULL;
    fwrite(p, 1, n, f);
    fclose(f);
    return scratch_path;
}

/* Loads bytes as a model: 1 when it fails with PL_EMODEL and a "path@offset"
 * message, as every bad file must. */
static int rejected(const void *p, size_t n, const char *want) {
    const char *path = write_scratch(p, n);
    pl_model *m = path ? pl_model_load(ctx, path) : NULL;
    if (m) {
        pl_model_free(m);
        fprintf(stderr, "  loaded a bad model (%zu bytes)\n", n);
        return 0;
    }
    const char *msg = pl_errmsg(ctx);
    int ok = strstr(msg, scratch_path) && strchr(msg, '@') && (!want || strstr(msg, want));
    if (!ok)
        fprintf(stderr, "  message: %s\n", msg);
    return ok;
}

/* Sets the CRC trailer of a model image after an edit. */
static void fix_crc(unsigned char *b, size_t n) {
    uint32_t c = (uint32_t)crc32(crc32(0L, Z_NULL, 0), b, (uInt)(n - 4));
    memcpy(b + n - 4, &c, 4);
}

/* ---- tag sets ------------------------------------------------------------------- */

TEST(names) {
    CHECK_STR(pl_deprel_name(PL_DEP_NSUBJ_PASS), "nsubj:pass");
    CHECK_STR(pl_deprel_name(PL_DEP_OBL_AGENT), "obl:agent");
    CHECK_STR(pl_deprel_name(PL_DEP_COMPOUND_PRT), "compound:prt");
    CHECK_STR(pl_deprel_name(PL_DEP_ROOT), "root");
    CHECK_STR(pl_deprel_name(0), "_");
    CHECK_STR(pl_deprel_name(PL_DEP_COUNT), "_");
    CHECK_STR(pl_xpos_name(PL_XPOS_PRP_S), "PRP$");
    CHECK_STR(pl_xpos_name(PL_XPOS_LRB), "-LRB-");
    CHECK_STR(pl_xpos_name(PL_XPOS_QUOTE_OPEN), "``");
    CHECK_STR(pl_xpos_name(9999), "_");
    for (unsigned d = 1; d < PL_DEP_COUNT; d++) {
        const char *n = pl_deprel_name(d);
        CHECK(pl_deprel_id(n, strlen(n)) == d);
        CHECK(pl_deprel_base(d) != 0 && !strchr(pl_deprel_name(pl_deprel_base(d)), ':'));
    }
    for (unsigned x = 1; x < PL_XPOS_COUNT; x++) {
        const char *n = pl_xpos_name(x);
        CHECK(pl_xpos_id(n, strlen(n)) == x);
    }
    CHECK(pl_deprel_base(PL_DEP_NSUBJ_PASS) == PL_DEP_NSUBJ);
    CHECK(pl_deprel_base(PL_DEP_NMOD_POSS) == PL_DEP_NMOD);
    CHECK(pl_deprel_id("nsubj:bogus", 11) == 0);
}

/* ---- the model file ---------------------------------------------------------------- */

TEST(model_loads) {
    CHECK(model != NULL);
    if (!model)
        return;
    CHECK(model->par.ntags > 40);
    CHECK(model->par.nlabels > 40);
    /* every relation of the model maps to a fixed id, "root" included */
    for (unsigned i = 0; i < model->par.nlabels; i++)
        CHECK(model->label_dep[i] != 0);
    CHECK(model->label_dep[model->par.root_label] == PL_DEP_ROOT);
    for (unsigned i = 0; i < model->par.ntags; i++)
        CHECK(model->tag_upos[i] != 0 && model->tag_xpos[i] != 0);
}

TEST(model_missing) {
    CHECK(pl_model_load(ctx, "no/such/model.bin") == NULL);
    CHECK(strstr(pl_errmsg(ctx), "no/such/model.bin") != NULL);
    CHECK(pl_model_load(ctx, "tests") == NULL); /* a directory */
    pl_model_free(NULL);
}

TEST(model_empty) {
    CHECK(rejected("", 0, "empty"));
}

TEST(model_foreign) {
    static const char text[] = "# not a model\nThe quick brown fox jumps over the lazy dog.\n";
    CHECK(rejected(text, sizeof text - 1, "bad magic"));
    unsigned char png[80] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    CHECK(rejected(png, sizeof png, "bad magic"));
}

TEST(model_truncated) {
    if (!image)
        SKIP("no %s", MODEL);
    /* every cut: inside the magic, the header, the table, a section, the CRC */
    size_t cuts[] = {1, 7, 8, 40, 64, 67, 100, 1000, image_len / 2, image_len - 5, image_len - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++)
        CHECK(rejected(image, cuts[i], NULL));
    /* and a file with bytes after its end */
    unsigned char *longer = malloc(image_len + 3);
    memcpy(longer, image, image_len);
    memset(longer + image_len, 0, 3);
    CHECK(rejected(longer, image_len + 3, "trailing"));
    free(longer);
}

TEST(model_flipped_byte) {
    if (!image)
        SKIP("no %s", MODEL);
    unsigned char *b = malloc(image_len);
    size_t where[] = {image_len / 3, image_len / 2, image_len - 100, 200};
    for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
        memcpy(b, image, image_len);
        b[where[i]] ^= 0x10;
        CHECK(rejected(b, image_len, "checksum"));
    }
    memcpy(b, image, image_len);
    b[12] ^= 0xFF; /* the byte-order probe */
    CHECK(rejected(b, image_len, "byte order"));
    memcpy(b, image, image_len);
    b[8] = 99; /* a version from the future */
    CHECK(rejected(b, image_len, "version"));
    free(b);
}

/* Files that pass the checksum but lie inside: every count and offset is
 * checked against the file before use. */
TEST(model_crafted) {
    if (!image)
        SKIP("no %s", MODEL);
    unsigned char *b = malloc(image_len);
    sx_header h;
    memcpy(&h, image, sizeof h);
    struct {
        size_t field;       /* offset in the section table entry */
        uint64_t value;
        const char *want;
    } lies[] = {
        {offsetof(sx_section, count), (uint64_t)1 << 40, "past the end"},
        {offsetof(sx_section, offset), image_len + 64, "offset"},
        {offsetof(sx_section, offset), 65, "offset"},
        {offsetof(sx_section, elem_size), 3, "element size"},
    };
    for (uint32_t s = 0; s < h.nsections; s++)
        for (size_t i = 0; i < sizeof lies / sizeof lies[0]; i++) {
            memcpy(b, image, image_len);
            size_t at = sizeof(sx_header) + s * sizeof(sx_section) + lies[i].field;
            if (lies[i].field == offsetof(sx_section, elem_size)) {
                uint32_t v = (uint32_t)lies[i].value;
                memcpy(b + at, &v, 4);
            } else {
                memcpy(b + at, &lies[i].value, 8);
            }
            fix_crc(b, image_len);
            CHECK(rejected(b, image_len, lies[i].want));
        }
    /* too many sections for the file */
    memcpy(b, image, image_len);
    uint32_t many = 1u << 30;
    memcpy(b + offsetof(sx_header, nsections), &many, 4);
    fix_crc(b, image_len);
    CHECK(rejected(b, image_len, "sections"));
    /* a hash table with no empty slot would make lookups loop: refused */
    memcpy(b, image, image_len);
    for (uint32_t s = 0; s < h.nsections; s++) {
        sx_section sec;
        memcpy(&sec, b + sizeof(sx_header) + s * sizeof sec, sizeof sec);
        if (sec.id != SX_SEC_LRUL)
            continue;
        for (uint64_t k = 0; k < sec.count; k++) {
            sx_kvb full;
            for (int j = 0; j < SX_BUCKET; j++) {
                full.fp[j] = 0x12345678u + (uint32_t)(k * SX_BUCKET + (uint64_t)j);
                full.val[j] = 0;
            }
            memcpy(b + sec.offset + k * sizeof full, &full, sizeof full);
        }
    }
    fix_crc(b, image_len);
    CHECK(rejected(b, image_len, "empty slot"));
    free(b);
}

/* ---- parsing --------------------------------------------------------------------------- */

/* 1 when s is a tree: one root labelled root, heads in range, no cycle. */
static int is_tree(const pl_sentence *s) {
    uint32_t roots = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const pl_token *t = &s->tok[i];
        if (t->head < 0 || (uint32_t)t->head > s->ntok || (uint32_t)t->head == i + 1)
            return 0;
        if (!t->lemma || !t->upos || !t->xpos || !t->deprel)
            return 0;
        if ((t->head == 0) != (t->deprel == PL_DEP_ROOT))
            return 0;
        roots += t->head == 0;
        uint32_t at = i + 1, steps = 0;
        while (at != 0 && steps++ <= s->ntok)
            at = (uint32_t)s->tok[at - 1].head;
        if (at != 0)
            return 0;
    }
    return s->ntok == 0 || roots == 1;
}

/* Parses the space-separated tokens of text; NULL on failure. */
static pl_sentence *parse(const char *text) {
    static char buf[4096];
    static const char *forms[256];
    snprintf(buf, sizeof buf, "%s", text);
    uint32_t n = 0;
    for (char *w = strtok(buf, " "); w && n < 256; w = strtok(NULL, " "))
        forms[n++] = w;
    pl_sentence *s;
    if (!parser || pl_parse_tokens(parser, forms, n, &s) != PL_OK)
        return NULL;
    return s;
}

static int find(const pl_sentence *s, const char *form) {
    for (uint32_t i = 0; i < s->ntok; i++)
        if (strcmp(s->tok[i].form, form) == 0)
            return (int)i + 1;
    return 0;
}

/* Token `dep` has head `head` and relation rel (rel 0: any). */
static int arc(const pl_sentence *s, const char *dep, const char *head, unsigned rel) {
    int d = find(s, dep), h = head ? find(s, head) : 0;
    if (!d || (head && !h))
        return 0;
    const pl_token *t = &s->tok[d - 1];
    int ok = t->head == h && (!rel || t->deprel == rel);
    if (!ok)
        fprintf(stderr, "  %s: head %d (%s) %s, expected %s %s\n", dep, t->head,
                t->head > 0 ? s->tok[t->head - 1].form : "root", pl_deprel_name(t->deprel),
                head ? head : "root", rel ? pl_deprel_name(rel) : "");
    return ok;
}

TEST(parse_empty) {
    if (!parser)
        SKIP("no model");
    pl_sentence s = {0};
    CHECK(pl_parse(parser, &s) == PL_OK);
    pl_sentence *out = NULL;
    CHECK(pl_parse_tokens(parser, NULL, 0, &out) == PL_OK && out && out->ntok == 0);
    CHECK(pl_parse(parser, NULL) == PL_EARG);
    CHECK(pl_parse(NULL, &s) == PL_EARG);
}

TEST(parse_long) {
    if (!parser)
        SKIP("no model");
    static const char *words[] = {"the", "police", "said", "that", "protesters", ",", "who",
                                  "had", "gathered", "in", "Kyiv", "on", "Monday", "and",
                                  "(", "again", ")", "marched", "\"", "peacefully", "\"", ";"};
    enum { N = 1000 };
    const char **forms = malloc(N * sizeof *forms);
    for (int i = 0; i < N; i++)
        forms[i] = words[i % (sizeof words / sizeof words[0])];
    pl_sentence *s;
    CHECK(pl_parse_tokens(parser, forms, N, &s) == PL_OK);
    CHECK(s->ntok == N && is_tree(s));
    /* over the limit: refused, nothing parsed */
    const char **more = malloc((PL_MAX_SENT_TOKENS + 1) * sizeof *more);
    for (int i = 0; i <= PL_MAX_SENT_TOKENS; i++)
        more[i] = "word";
    CHECK(pl_parse_tokens(parser, more, PL_MAX_SENT_TOKENS + 1, &s) == PL_ELIMIT);
    CHECK(strstr(pl_errmsg(ctx), "2049") != NULL);
    free(more);
    free(forms);
}

TEST(parse_odd_tokens) {
    if (!parser)
        SKIP("no model");
    const char *odd[] = {"", "\xC3\xA9t\xC3\xA9", "\xE2\x80\x9C", "12,000", "http://x.org/a?b",
                         "@user", "#tag", "---", "\xF0\x9F\x98\x80",
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                         "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    pl_sentence *s;
    for (uint32_t n = 1; n <= sizeof odd / sizeof odd[0]; n++) {
        CHECK(pl_parse_tokens(parser, odd, n, &s) == PL_OK);
        CHECK(is_tree(s));
    }
}

TEST(parse_subjects_objects) {
    if (!parser)
        SKIP("no model");
    pl_sentence *s = parse("The police arrested dozens of protesters in the capital .");
    CHECK(s && is_tree(s));
    CHECK(s && arc(s, "arrested", NULL, PL_DEP_ROOT));
    CHECK(s && arc(s, "police", "arrested", PL_DEP_NSUBJ));
    CHECK(s && arc(s, "dozens", "arrested", PL_DEP_OBJ));
    CHECK(s && arc(s, "capital", "arrested", PL_DEP_OBL));
    s = parse("Russia accused Ukraine of attacking a bridge .");
    CHECK(s && arc(s, "Russia", "accused", PL_DEP_NSUBJ));
    CHECK(s && arc(s, "Ukraine", "accused", PL_DEP_OBJ));
    s = parse("The minister was criticized by the opposition .");
    CHECK(s && arc(s, "minister", "criticized", PL_DEP_NSUBJ_PASS));
    CHECK(s && arc(s, "was", "criticized", PL_DEP_AUX_PASS));
    CHECK(s && arc(s, "opposition", "criticized", PL_DEP_OBL_AGENT));
    s = parse("Israel and Egypt signed an agreement on Tuesday .");
    CHECK(s && arc(s, "Israel", "signed", PL_DEP_NSUBJ));
    CHECK(s && arc(s, "Egypt", "Israel", PL_DEP_CONJ));
    CHECK(s && arc(s, "agreement", "signed", PL_DEP_OBJ));
    s = parse("She gave the ambassador a letter .");
    CHECK(s && arc(s, "She", "gave", PL_DEP_NSUBJ));
    CHECK(s && arc(s, "letter", "gave", PL_DEP_OBJ));
    CHECK(s && arc(s, "ambassador", "gave", PL_DEP_IOBJ));
}

/* The head of the name phrase holding token i (1-based): climbs flat,
 * compound and nmod:desc arcs ("U.S. President Donald Trump"). */
static int phrase_head(const pl_sentence *s, int i) {
    for (int k = 0; k < 8 && i > 0; k++) {
        unsigned d = s->tok[i - 1].deprel;
        if (!(d == PL_DEP_FLAT || d == PL_DEP_COMPOUND || d == PL_DEP_NMOD_DESC) || s->tok[i - 1].head <= 0)
            break;
        i = s->tok[i - 1].head;
    }
    return i;
}

TEST(tags_and_lemmas) {
    if (!parser)
        SKIP("no model");
    pl_sentence *s = parse("The children were running to the geese and said they 'd seen better days .");
    CHECK(s && is_tree(s));
    if (!s)
        return;
    static const struct {
        const char *form, *lemma;
        unsigned upos, xpos;
    } want[] = {
        {"The", "the", PL_UPOS_DET, PL_XPOS_DT},
        {"children", "child", PL_UPOS_NOUN, PL_XPOS_NNS},
        {"were", "be", PL_UPOS_AUX, PL_XPOS_VBD},
        {"running", "run", PL_UPOS_VERB, PL_XPOS_VBG},
        {"said", "say", PL_UPOS_VERB, PL_XPOS_VBD},
        {"'d", "have", PL_UPOS_AUX, PL_XPOS_VBD},
        {"seen", "see", PL_UPOS_VERB, PL_XPOS_VBN},
        {"better", "good", PL_UPOS_ADJ, PL_XPOS_JJR},
        {"days", "day", PL_UPOS_NOUN, PL_XPOS_NNS},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int k = find(s, want[i].form);
        CHECK(k > 0);
        if (!k)
            continue;
        const pl_token *t = &s->tok[k - 1];
        CHECK_STR(t->lemma, want[i].lemma);
        CHECK(t->upos == want[i].upos);
        CHECK(t->xpos == want[i].xpos);
        if (t->upos != want[i].upos || t->xpos != want[i].xpos)
            fprintf(stderr, "  %s: %s %s\n", t->form, pl_upos_name(t->upos), pl_xpos_name(t->xpos));
    }
    /* proper nouns keep their form; plurals of names lose the -s only */
    s = parse("Americans visited Kyiv .");
    CHECK(s && find(s, "Kyiv") && strcmp(s->tok[find(s, "Kyiv") - 1].lemma, "Kyiv") == 0);
    CHECK(s && find(s, "Americans") &&
          strcmp(s->tok[find(s, "Americans") - 1].lemma, "American") == 0);
}

/* Lemmas live until the next sentence: a second parse may reuse their memory,
 * but each parse's own lemmas stay intact while it is current. */
TEST(lemmas_per_sentence) {
    if (!parser)
        SKIP("no model");
    pl_sentence *s = parse("Officials denied the reports .");
    CHECK(s && strcmp(s->tok[0].lemma, "official") == 0);
    s = parse("Reports were denied by officials .");
    CHECK(s && strcmp(s->tok[0].lemma, "report") == 0 && strcmp(s->tok[2].lemma, "deny") == 0);
}

TEST(parse_sentencer_tokens) {
    if (!parser)
        SKIP("no model");
    const char *text = "Egypt's foreign minister met his Israeli counterpart in Cairo. "
                       "They didn't agree.";
    pl_doc *d = pl_doc_new(ctx, text, strlen(text), "t", NULL, NULL);
    pl_sentencer *z = d ? pl_sentencer_new(ctx, d) : NULL;
    pl_sentence *s;
    int n = 0;
    while (z && pl_sentencer_next(z, &s) == 1) {
        CHECK(pl_parse(parser, s) == PL_OK);
        CHECK(is_tree(s));
        if (n == 0) {
            CHECK(arc(s, "minister", "met", PL_DEP_NSUBJ));
            CHECK(arc(s, "counterpart", "met", PL_DEP_OBJ));
            CHECK(arc(s, "Egypt", "minister", PL_DEP_NMOD_POSS));
        } else {
            CHECK(arc(s, "n't", "agree", PL_DEP_ADVMOD));
            CHECK(find(s, "n't") && strcmp(s->tok[find(s, "n't") - 1].lemma, "not") == 0);
        }
        n++;
    }
    CHECK(n == 2);
    pl_sentencer_free(z);
    pl_doc_free(d);
}

/* The example: the seed article's phone call. */
TEST(seed_article) {
    const char *path = t_shared("examples/seed-article.txt");
    if (!path)
        SKIP("../shared/examples/seed-article.txt not found");
    if (!parser)
        SKIP("no model");
    pl_reader *r = pl_reader_open(ctx, path, PL_FMT_TEXT);
    pl_doc *d = NULL;
    CHECK(r && pl_reader_next(r, &d) == 1);
    pl_sentencer *z = d ? pl_sentencer_new(ctx, d) : NULL;
    pl_sentence *s;
    int seen = 0, sentences = 0;
    while (z && pl_sentencer_next(z, &s) == 1) {
        CHECK(pl_parse(parser, s) == PL_OK);
        CHECK(is_tree(s));
        sentences++;
        int zel = find(s, "Zelensky"), had = find(s, "had");
        if (!zel || !had || zel > had || find(s, "conversation") == 0)
            continue;
        seen = 1;
        /* a name is a phrase: UD heads "Volodymyr Zelensky" on its first
         * word (flat), so the relation is checked on the phrase's head */
        int zh = phrase_head(s, zel);
        CHECK(s->tok[zh - 1].head == had && s->tok[zh - 1].deprel == PL_DEP_NSUBJ);
        CHECK(arc(s, "conversation", "had", PL_DEP_OBJ));
        int trump = find(s, "Trump");
        CHECK(trump > 0);
        if (trump) {
            int th = phrase_head(s, trump);
            const pl_token *t = &s->tok[th - 1];
            int h = t->head;
            CHECK((t->deprel == PL_DEP_NMOD && h == find(s, "conversation")) ||
                  (t->deprel == PL_DEP_OBL && h == had));
            int with = find(s, "with");
            CHECK(with && s->tok[with - 1].head == th && s->tok[with - 1].deprel == PL_DEP_CASE);
        }
    }
    CHECK(seen);
    CHECK(sentences > 10);
    pl_sentencer_free(z);
    pl_doc_free(d);
    pl_reader_close(r);
}

/* A quick accuracy floor on EWT dev, to catch a broken model or feature code
 * (the full figures come from `make eval-syntax`). */
TEST(ewt_dev_floor) {
    const char *path = t_shared("ud/en_ewt-ud-dev.conllu");
    if (!path)
        SKIP("../shared/ud/en_ewt-ud-dev.conllu not found");
    if (!parser)
        SKIP("no model");
    FILE *f = fopen(path, "r");
    char line[8192];
    const char *forms[512];
    static char store[512][256];
    int heads[512], n = 0, sents = 0;
    long words = 0, upos_ok = 0, uas_ok = 0;
    char upos[512][16];
    while (f && sents < 300 && fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        if (line[0] == '\n') {
            if (n > 0) {
                pl_sentence *s;
                CHECK(pl_parse_tokens(parser, forms, (uint32_t)n, &s) == PL_OK);
                for (int i = 0; i < n; i++) {
                    words++;
                    upos_ok += strcmp(pl_upos_name(s->tok[i].upos), upos[i]) == 0;
                    uas_ok += s->tok[i].head == heads[i];
                }
                sents++;
            }
            n = 0;
            continue;
        }
        char *col[10];
        int k = 0;
        for (char *p = strtok(line, "\t\n"); p && k < 10; p = strtok(NULL, "\t\n"))
            col[k++] = p;
        if (k < 8 || strchr(col[0], '-') || strchr(col[0], '.') || n >= 512)
            continue;
        snprintf(store[n], sizeof store[n], "%s", col[1]);
        forms[n] = store[n];
        snprintf(upos[n], sizeof upos[n], "%s", col[3]);
        heads[n] = atoi(col[6]);
        n++;
    }
    if (f)
        fclose(f);
    CHECK(words > 3000);
    double u = (double)upos_ok / (double)words, a = (double)uas_ok / (double)words;
    if (u < 0.93 || a < 0.80)
        fprintf(stderr, "  UPOS %.3f UAS %.3f on %ld words\n", u, a, words);
    CHECK(u >= 0.93);
    CHECK(a >= 0.80);
}

int main(void) {
    ctx = pl_ctx_new();
    snprintf(scratch_path, sizeof scratch_path, "/tmp/parley-syntax-%d.model", (int)getpid());
    image = slurp(MODEL, &image_len);
    model = pl_model_load(ctx, MODEL);
    if (!model)
        fprintf(stderr, "  %s\n", pl_errmsg(ctx));
    parser = model ? pl_parser_new(ctx, model) : NULL;
    RUN(names);
    RUN(model_loads);
    RUN(model_missing);
    RUN(model_empty);
    RUN(model_foreign);
    RUN(model_truncated);
    RUN(model_flipped_byte);
    RUN(model_crafted);
    RUN(parse_empty);
    RUN(parse_long);
    RUN(parse_odd_tokens);
    RUN(parse_subjects_objects);
    RUN(tags_and_lemmas);
    RUN(lemmas_per_sentence);
    RUN(parse_sentencer_tokens);
    RUN(seed_article);
    RUN(ewt_dev_floor);
    pl_parser_free(parser);
    pl_model_free(model);
    free(image);
    unlink(scratch_path);
    pl_ctx_free(ctx);
    return t_done();
}
