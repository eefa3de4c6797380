/*
 * doc.h — a document: its text (which every offset refers to) and metadata.
 */
#ifndef PL_DOC_H
#define PL_DOC_H

#include "core/core.h"

struct pl_doc {
    char *text;         /* NUL-terminated; may hold invalid UTF-8 */
    size_t len;
    char *id, *date, *title, *source, *url, *path;  /* never NULL */
    uint32_t bad_utf8;  /* invalid sequences in text */
};

/* Takes ownership of text (malloc'd, len bytes plus a NUL). Metadata strings
 * are copied; NULL means empty (id: content hash; date: ctx default). */
PL_INTERNAL pl_doc *doc_make(pl_ctx *ctx, char *text, size_t len, const char *id,
                             const char *date, const char *title, const char *source,
                             const char *url, const char *path);

/* Counts invalid UTF-8 sequences in s[0..n). */
PL_INTERNAL uint32_t doc_count_bad_utf8(const char *s, size_t n);

#endif
