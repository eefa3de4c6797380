/*
 * fuzz_model.c — the syntax model loader (pl_model_load) on mutated model
 * files, then the tagger, lemmatizer and parser on the model if it loads.
 *
 * A mutated file almost never passes the CRC-32 trailer, which would keep
 * the fuzzer at the door; so each input is loaded twice: as it is (header
 * checks, size, checksum), then with the header's file size and the CRC
 * trailer repaired, which lets mutations reach the section table and every
 * validation behind it. A model that loads must parse without reading
 * outside it: each sentence must come back a tree (one root, heads in
 * range, no cycles) with lemmas.
 *
 * Seed: fuzz/corpus/model/tiny.model, trained by fuzz/mkmodel.sh on two
 * EWT sentences (the forms below include theirs, so features hit).
 */
#include <stddef.h>
#include <zlib.h>

#include "fuzz.h"
#include "syntax/model.h"

static const char *const sentences[][12] = {
    {"That", "his", "daddy", "got", "him", "in", "?", NULL},
    {"Six", "weeks", "of", "basic", "training", ".", NULL},
    {"yeah", ",", "\"", "things", "\"", "...", NULL},
    {"The", "president", "met", "Russian", "officials", "in", "Moscow", "on", "Tuesday", ".", NULL},
    {"Protesters", "clashed", "with", "police", NULL},
    {"I", NULL},
};

static void check_tree(const pl_sentence *s) {
    uint32_t roots = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const pl_token *t = &s->tok[i];
        FZ_ASSERT(t->head >= 0 && (uint32_t)t->head <= s->ntok && (uint32_t)t->head != i + 1);
        FZ_ASSERT(t->lemma != NULL);
        FZ_ASSERT(t->upos < PL_UPOS_COUNT);
        roots += t->head == 0;
        /* no cycle: walking up from any token reaches the root within n steps */
        uint32_t at = i + 1, steps = 0;
        while (at != 0 && steps <= s->ntok) {
            at = (uint32_t)s->tok[at - 1].head;
            steps++;
        }
        FZ_ASSERT(at == 0);
        (void)pl_xpos_name(t->xpos);
        (void)pl_deprel_name(t->deprel);
    }
    FZ_ASSERT(s->ntok == 0 || roots == 1);
}

static void try_load(const uint8_t *data, size_t size) {
    pl_ctx *ctx = fz_ctx();
    const char *path = fz_file("fuzz.model", data, size);
    pl_model *m = pl_model_load(ctx, path);
    if (fz_verbose())
        fprintf(stderr, "load: %s\n", m ? "ok" : pl_errmsg(ctx));
    if (!m) {
        FZ_ASSERT(pl_errmsg(ctx)[0]);
        pl_ctx_free(ctx);
        return;
    }
    pl_parser *p = pl_parser_new(ctx, m);
    FZ_ASSERT(p);
    for (size_t k = 0; k < sizeof sentences / sizeof sentences[0]; k++) {
        uint32_t n = 0;
        while (sentences[k][n])
            n++;
        pl_sentence *s;
        FZ_ASSERT(pl_parse_tokens(p, sentences[k], n, &s) == PL_OK);
        FZ_ASSERT(s->ntok == n);
        check_tree(s);
    }
    /* and through the text stage, on text the input itself supplies */
    size_t tl = size < 400 ? size : 400;
    pl_doc *doc = pl_doc_new(ctx, (const char *)data + (size - tl), tl, "m", NULL, NULL);
    pl_sentencer *z = doc ? pl_sentencer_new(ctx, doc) : NULL;
    pl_sentence *s;
    while (z && pl_sentencer_next(z, &s) == 1) {
        FZ_ASSERT(pl_parse(p, s) == PL_OK);
        check_tree(s);
    }
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_parser_free(p);
    pl_model_free(m);
    pl_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    try_load(data, size);
    if (size < sizeof(sx_header) + 4 || memcmp(data, SX_MAGIC, 8) != 0)
        return 0;
    uint8_t *fixed = malloc(size);
    FZ_ASSERT(fixed);
    memcpy(fixed, data, size);
    uint64_t fsize = size;
    memcpy(fixed + offsetof(sx_header, file_size), &fsize, sizeof fsize);
    uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), fixed, (uInt)(size - 4));
    memcpy(fixed + size - 4, &crc, 4);
    if (memcmp(fixed, data, size) != 0)
        try_load(fixed, size);
    free(fixed);
    return 0;
}
