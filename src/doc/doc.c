/*
 * doc.c — documents: construction, stable ids and accessors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"

static char *dup_or_empty(const char *s) {
    return strdup(s ? s : "");
}

uint32_t doc_count_bad_utf8(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    uint32_t bad = 0;
    for (size_t i = 0; i < n;) {
        if (u[i] < 0x80) {
            i++;
            /* ASCII eight bytes at a time: this runs over every document */
            uint64_t w;
            while (i + 8 <= n && (memcpy(&w, u + i, 8), !(w & 0x8080808080808080ULL)))
                i += 8;
            continue;
        }
        int32_t cp;
        i += pl_utf8_decode(u + i, n - i, &cp);
        if (cp < 0 && bad < UINT32_MAX)
            bad++;
    }
    return bad;
}

pl_doc *doc_make(pl_ctx *ctx, char *text, size_t len, const char *id, const char *date,
                 const char *title, const char *source, const char *url, const char *path) {
    pl_doc *d = calloc(1, sizeof *d);
    if (!d) {
        free(text);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    d->text = text;
    d->len = len;
    char hash[24];
    if (!id || !*id) {
        snprintf(hash, sizeof hash, "%016llx", (unsigned long long)pl_hash64(text, len));
        id = hash;
    }
    if (!date || !*date)
        date = ctx->date;
    d->id = dup_or_empty(id);
    d->date = dup_or_empty(date);
    d->title = dup_or_empty(title);
    d->source = dup_or_empty(source);
    d->url = dup_or_empty(url);
    d->path = dup_or_empty(path);
    if (!d->id || !d->date || !d->title || !d->source || !d->url || !d->path) {
        pl_doc_free(d);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    d->bad_utf8 = doc_count_bad_utf8(text, len);
    return d;
}

pl_doc *pl_doc_new(pl_ctx *ctx, const char *text, size_t len, const char *id,
                   const char *date, const char *title) {
    if (date && *date && !pl_valid_date(date)) {
        pl_fail(ctx, PL_EARG, "invalid date '%.40s' (want YYYY-MM-DD)", date);
        return NULL;
    }
    char *copy = malloc(len + 1);
    if (!copy) {
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    memcpy(copy, text, len);
    copy[len] = 0;
    return doc_make(ctx, copy, len, id, date, title, NULL, NULL, NULL);
}

void pl_doc_free(pl_doc *d) {
    if (!d)
        return;
    free(d->text);
    free(d->id);
    free(d->date);
    free(d->title);
    free(d->source);
    free(d->url);
    free(d->path);
    free(d);
}

const char *pl_doc_text(const pl_doc *d) { return d->text; }
size_t pl_doc_len(const pl_doc *d) { return d->len; }
const char *pl_doc_id(const pl_doc *d) { return d->id; }
const char *pl_doc_date(const pl_doc *d) { return d->date; }
const char *pl_doc_title(const pl_doc *d) { return d->title; }
const char *pl_doc_source(const pl_doc *d) { return d->source; }
const char *pl_doc_url(const pl_doc *d) { return d->url; }
const char *pl_doc_path(const pl_doc *d) { return d->path; }
uint32_t pl_doc_bad_utf8(const pl_doc *d) { return d->bad_utf8; }
