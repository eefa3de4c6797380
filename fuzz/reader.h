/*
 * reader.h — shared by the reader targets: writes the input to a file of
 * the given name, reads it back through pl_reader with the given format,
 * splits every document into sentences, and checks that no record is lost:
 * documents + skipped records = records in the input; and no text either:
 * every byte of a document's text outside white space is in a token.
 */
#ifndef PL_FUZZ_READER_H
#define PL_FUZZ_READER_H

#include "fuzz.h"

/* Records of a JSON Lines input as the reader counts them: lines that hold
 * more than blanks (NULs count as blanks, as the reader reads them as
 * spaces). */
static inline uint64_t fz_jsonl_records(const uint8_t *d, size_t n) {
    uint64_t rec = 0;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && d[e] != '\n')
            e++;
        size_t a = i, b = e;
        while (a < b && (d[a] == ' ' || d[a] == '\t' || d[a] == 0))
            a++;
        while (b > a && (d[b - 1] == '\r' || d[b - 1] == ' ' || d[b - 1] == 0))
            b--;
        if (b > a)
            rec++;
        i = e + 1;
    }
    return rec;
}

static inline void fz_read(const uint8_t *data, size_t size, const char *name, int format,
                           uint64_t records) {
    pl_ctx *ctx = fz_ctx();
    const char *path = fz_file(name, data, size);
    pl_reader *r = pl_reader_open(ctx, path, format);
    FZ_ASSERT(r);
    pl_doc *doc;
    int got;
    uint64_t docs = 0;
    while ((got = pl_reader_next(r, &doc)) == 1) {
        docs++;
        size_t len = pl_doc_len(doc);
        FZ_ASSERT(strlen(pl_doc_text(doc)) == len); /* NULs were replaced */
        FZ_ASSERT(pl_doc_id(doc)[0]);
        const char *date = pl_doc_date(doc);
        FZ_ASSERT(date[0] == 0 || strlen(date) == 10);
        pl_sentencer *z = pl_sentencer_new(ctx, doc);
        FZ_ASSERT(z);
        pl_sentence *s;
        uint32_t index = 0;
        uint64_t last = 0;
        fz_coverage cov;
        fz_coverage_start(&cov, len);
        while ((got = pl_sentencer_next(z, &s)) == 1) {
            fz_check_sentence(s, len, index++, &last);
            fz_coverage_add(&cov, s);
        }
        FZ_ASSERT(got == 0);
        fz_coverage_check(&cov, pl_doc_text(doc), len);
        pl_sentencer_free(z);
        pl_doc_free(doc);
    }
    FZ_ASSERT(got == 0);
    uint64_t skipped = pl_reader_skipped(r);
    if (docs + skipped != records) {
        fprintf(stderr, "%s: %llu records in, %llu documents + %llu skipped out\n", name,
                (unsigned long long)records, (unsigned long long)docs,
                (unsigned long long)skipped);
        abort();
    }
    pl_reader_close(r);
    pl_ctx_free(ctx);
}

#endif
