/*
 * fuzz_actors.c — the actor dictionary loaders from memory
 * (pl_actors_add_text) in each format: parley's own and PETRARCH's .actors,
 * .agents and discard lists. The first byte picks the format; the rest is
 * the dictionary. A dictionary that loads is then used: the same bytes are
 * read as a document and its actors found with coreference, so names the
 * fuzzer invents are matched against text that contains them.
 */
#include "fuzz.h"

static const struct {
    int format;
    const char *name;
} formats[] = {
    {PL_DICT_AUTO, "fuzz.txt"},
    {PL_DICT_PARLEY, "fuzz.txt"},
    {PL_DICT_PETRARCH_ACTORS, "fuzz.actors"},
    {PL_DICT_PETRARCH_AGENTS, "fuzz.agents"},
    {PL_DICT_PETRARCH_DISCARD, "fuzz.discard"},
    {PL_DICT_AUTO, "fuzz.actors.txt"},
    {PL_DICT_AUTO, "fuzz.agents.txt"},
    {PL_DICT_AUTO, "fuzz.discards.txt"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    unsigned pick = data[0] % (sizeof formats / sizeof formats[0]);
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    pl_ctx *ctx = fz_ctx();
    pl_actors *a = pl_actors_new(ctx);
    FZ_ASSERT(a);
    int rc = pl_actors_add_text(ctx, a, formats[pick].name, text, len, formats[pick].format);
    FZ_ASSERT(rc == PL_OK || pl_errmsg(ctx)[0]);
    if (fz_verbose())
        fprintf(stderr, "load %s: %s\n", formats[pick].name, rc == PL_OK ? "ok" : pl_errmsg(ctx));
    if (rc == PL_OK) {
        pl_actors_info info;
        pl_actors_info_get(a, &info);
        FZ_ASSERT(info.files == 1);
        pl_doc *doc = pl_doc_new(ctx, text, len, "fuzz", "2024-06-01", NULL);
        FZ_ASSERT(doc);
        pl_sentencer *z = pl_sentencer_new(ctx, doc);
        pl_coref *c = pl_coref_new(ctx, a);
        FZ_ASSERT(z && c);
        pl_mentions ms = {0};
        pl_sentence *s;
        pl_span spans[64];
        while (pl_sentencer_next(z, &s) == 1) {
            int n = pl_find_actors(ctx, a, doc, s, c, &ms);
            FZ_ASSERT(n >= 0 && (size_t)n == ms.n);
            for (int i = 0; i < n; i++) {
                const pl_mention *m = &ms.m[i];
                FZ_ASSERT(m->start < m->end && m->end <= s->ntok);
                FZ_ASSERT((uint64_t)m->off + m->len <= len);
                FZ_ASSERT(memchr(m->code, 0, sizeof m->code));
            }
            size_t k = pl_unknown_names(s, &ms, spans, 64);
            for (size_t i = 0; i < k && i < 64; i++)
                FZ_ASSERT(spans[i].start < spans[i].end && spans[i].end <= s->ntok);
        }
        pl_mentions_free(&ms);
        pl_coref_free(c);
        pl_sentencer_free(z);
        pl_doc_free(doc);
    }
    pl_actors_free(a);
    pl_ctx_free(ctx);
    return 0;
}
