/*
 * fuzz_verbs.c — the event pattern loader (pl_verbs_load of a file):
 * synsets, nested patterns, prepositions, codes. The first byte picks
 * parley's format (.txt) or PETRARCH's (.verbs, imported on the way).
 * Patterns that load are then used: three hand-parsed sentences (fixed
 * trees, so no model is needed) are coded with them, with explanations.
 */
#include "fuzz.h"
#include "syntax/syntax.h"

static const char dict[] = "actor Russia\n  alias Russian\n  code RUS\n  type country\n"
                           "actor Ukraine\n  alias Ukrainian\n  code UKR\n  type country\n"
                           "actor France\n  code FRA\n  type country\n"
                           "actor China\n  code CHN\n  type country\n"
                           "agent GOV  president, government\n";

/* One token of a hand-made parse: form, lemma, UPOS, head (1-based), relation. */
typedef struct ptok {
    const char *form, *lemma;
    uint16_t upos;
    int32_t head;
    uint16_t dep;
} ptok;

static const ptok s1[] = {
    {"Russia", "Russia", PL_UPOS_PROPN, 2, PL_DEP_NSUBJ}, {"held", "hold", PL_UPOS_VERB, 0, PL_DEP_ROOT},
    {"talks", "talk", PL_UPOS_NOUN, 2, PL_DEP_OBJ}, {"with", "with", PL_UPOS_ADP, 5, PL_DEP_CASE},
    {"Ukraine", "Ukraine", PL_UPOS_PROPN, 3, PL_DEP_NMOD}, {"in", "in", PL_UPOS_ADP, 7, PL_DEP_CASE},
    {"Istanbul", "Istanbul", PL_UPOS_PROPN, 2, PL_DEP_OBL}, {".", ".", PL_UPOS_PUNCT, 2, PL_DEP_PUNCT},
    {NULL, NULL, 0, 0, 0}};
static const ptok s2[] = {
    {"France", "France", PL_UPOS_PROPN, 2, PL_DEP_NSUBJ}, {"criticized", "criticize", PL_UPOS_VERB, 0, PL_DEP_ROOT},
    {"China", "China", PL_UPOS_PROPN, 2, PL_DEP_OBJ}, {"for", "for", PL_UPOS_ADP, 6, PL_DEP_MARK},
    {"the", "the", PL_UPOS_DET, 6, PL_DEP_DET}, {"attack", "attack", PL_UPOS_NOUN, 2, PL_DEP_OBL},
    {".", ".", PL_UPOS_PUNCT, 2, PL_DEP_PUNCT}, {NULL, NULL, 0, 0, 0}};
static const ptok s3[] = {
    {"The", "the", PL_UPOS_DET, 3, PL_DEP_DET}, {"Ukrainian", "Ukrainian", PL_UPOS_ADJ, 3, PL_DEP_AMOD},
    {"president", "president", PL_UPOS_NOUN, 6, PL_DEP_NSUBJ}, {"did", "do", PL_UPOS_AUX, 6, PL_DEP_AUX},
    {"not", "not", PL_UPOS_PART, 6, PL_DEP_ADVMOD}, {"promise", "promise", PL_UPOS_VERB, 0, PL_DEP_ROOT},
    {"to", "to", PL_UPOS_PART, 8, PL_DEP_MARK}, {"meet", "meet", PL_UPOS_VERB, 6, PL_DEP_XCOMP},
    {"Russian", "Russian", PL_UPOS_ADJ, 10, PL_DEP_AMOD}, {"officials", "official", PL_UPOS_NOUN, 8, PL_DEP_OBJ},
    {"'s", "'s", PL_UPOS_PART, 10, PL_DEP_CASE}, {"demands", "demand", PL_UPOS_NOUN, 8, PL_DEP_OBJ},
    {".", ".", PL_UPOS_PUNCT, 6, PL_DEP_PUNCT}, {NULL, NULL, 0, 0, 0}};
static const ptok *const parsed[] = {s1, s2, s3};

static pl_actors *actors;

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    pl_ctx *ctx = fz_ctx();
    actors = pl_actors_new(ctx);
    FZ_ASSERT(actors && pl_actors_add_text(ctx, actors, "fuzz.txt", dict, sizeof dict - 1,
                                           PL_DICT_PARLEY) == PL_OK);
    pl_ctx_free(ctx);
    return 0;
}

/* Codes the hand-parsed sentences with v. */
static void code(pl_ctx *ctx, const pl_verbs *v) {
    char text[512];
    pl_events ev = {0};
    pl_mentions ms = {0};
    for (size_t k = 0; k < sizeof parsed / sizeof parsed[0]; k++) {
        const ptok *p = parsed[k];
        size_t len = 0, n = 0;
        uint32_t off[16];
        for (; p[n].form; n++) {
            off[n] = (uint32_t)len;
            len += (size_t)snprintf(text + len, sizeof text - len, "%s%s", n ? " " : "", p[n].form);
            if (n)
                off[n]++;
        }
        pl_doc *doc = pl_doc_new(ctx, text, len, "v", "2024-06-01", NULL);
        FZ_ASSERT(doc);
        pl_token tok[16];
        for (size_t i = 0; i < n; i++) {
            memset(&tok[i], 0, sizeof tok[i]);
            tok[i].off = off[i];
            tok[i].len = (uint32_t)strlen(p[i].form);
            tok[i].form = p[i].form;
            tok[i].lemma = p[i].lemma;
            tok[i].head = p[i].head;
            tok[i].upos = p[i].upos;
            tok[i].deprel = p[i].dep;
            tok[i].flags = PL_TOK_SPACE_AFTER;
        }
        pl_sentence s = {0, 0, (uint32_t)len, (uint32_t)n, 0, tok};
        FZ_ASSERT(pl_find_actors(ctx, actors, doc, &s, NULL, &ms) >= 0);
        ev.n = 0;
        ev.explain_len = 0;
        int got = pl_code_sentence(ctx, v, doc, &s, &ms, PL_CODE_EXPLAIN | PL_CODE_KEEP_NEGATED, &ev);
        FZ_ASSERT(got >= 0 && (size_t)got == ev.n);
        if (fz_verbose())
            fprintf(stderr, "sentence %zu: %zu mentions, %zu events\n", k, ms.n, ev.n);
        for (size_t i = 0; i < ev.n; i++) {
            const pl_event *e = &ev.e[i];
            FZ_ASSERT(memchr(e->code, 0, sizeof e->code) && e->code[0]);
            FZ_ASSERT((uint64_t)e->verb_off + e->verb_len <= len);
            FZ_ASSERT(e->quad >= 0 && e->quad <= 4);
        }
        pl_doc_free(doc);
    }
    pl_events_free(&ev);
    pl_mentions_free(&ms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    const char *name = data[0] & 1 ? "patterns.verbs" : "patterns.txt";
    pl_ctx *ctx = fz_ctx();
    const char *path = fz_file(name, data + 1, size - 1);
    pl_verbs *v = pl_verbs_load(ctx, path);
    FZ_ASSERT(v || pl_errmsg(ctx)[0]);
    if (fz_verbose())
        fprintf(stderr, "load: %s\n", v ? "ok" : pl_errmsg(ctx));
    if (v)
        code(ctx, v);
    pl_verbs_free(v);
    pl_ctx_free(ctx);
    return 0;
}
