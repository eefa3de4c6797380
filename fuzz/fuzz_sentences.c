/*
 * fuzz_sentences.c — the tokenizer and sentence splitter on arbitrary bytes
 * (invalid UTF-8, NULs, huge runs without spaces): every sentence and token
 * must lie inside the text, in order, with valid UTF-8 forms, the splitter
 * must always make progress, and no text may be lost: every byte that is
 * not white space belongs to a token (unless a line was dropped as page
 * furniture, which the check then leaves aside).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_ctx *ctx = fz_ctx();
    pl_doc *doc = pl_doc_new(ctx, (const char *)data, size, NULL, NULL, NULL);
    FZ_ASSERT(doc);
    FZ_ASSERT(pl_doc_len(doc) == size);
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    FZ_ASSERT(z);
    pl_sentence *s;
    int got;
    uint32_t index = 0;
    uint64_t last = 0, tokens = 0;
    fz_coverage cov;
    fz_coverage_start(&cov, size);
    while ((got = pl_sentencer_next(z, &s)) == 1) {
        fz_check_sentence(s, size, index++, &last);
        tokens += s->ntok;
        FZ_ASSERT(tokens <= (uint64_t)size); /* a token holds at least one byte */
        fz_coverage_add(&cov, s);
    }
    FZ_ASSERT(got == 0);
    fz_coverage_check(&cov, pl_doc_text(doc), size);
    pl_sentencer_free(z);
    pl_doc_free(doc);
    pl_ctx_free(ctx);
    return 0;
}
