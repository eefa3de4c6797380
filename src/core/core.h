/*
 * core.h — what every module shares: the context, error and warning
 * reporting, a bump arena for per-sentence memory, and a growable buffer.
 */
#ifndef PL_CORE_H
#define PL_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "parley.h"

#define PL_INTERNAL __attribute__((visibility("hidden")))
#define PL_PRINTF(a, b) __attribute__((format(printf, a, b)))

struct pl_ctx {
    char err[1024];     /* last failure, "" when none */
    pl_log_fn log;      /* warnings go here; NULL drops them */
    void *log_ud;
    uint64_t nwarn;     /* warnings logged so far */
    char date[11];      /* default document date, "" when none */
};

/* Records the message on ctx and returns code, so callers can write
 * `return pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));`. */
PL_INTERNAL int pl_fail(pl_ctx *ctx, int code, const char *fmt, ...) PL_PRINTF(3, 4);
PL_INTERNAL void pl_warn(pl_ctx *ctx, const char *fmt, ...) PL_PRINTF(2, 3);

/* 1 when s is a valid calendar date YYYY-MM-DD (exactly 10 bytes). */
PL_INTERNAL int pl_valid_date(const char *s);

/* 64-bit FNV-1a of bytes, for content ids. */
PL_INTERNAL uint64_t pl_hash64(const void *p, size_t n);

/* ---- arena: bump allocation, freed or reset in bulk --------------------- */

typedef struct pl_chunk pl_chunk;
typedef struct pl_arena {
    pl_chunk *head;     /* newest chunk first */
    size_t used;        /* bytes used in head */
    size_t total;       /* bytes held by all chunks */
} pl_arena;

/* 16-byte aligned memory; NULL when out of memory or n overflows. */
PL_INTERNAL void *pl_arena_alloc(pl_arena *a, size_t n);
/* n elements of size sz, zeroed; NULL on overflow or out of memory. */
PL_INTERNAL void *pl_arena_calloc(pl_arena *a, size_t n, size_t sz);
PL_INTERNAL char *pl_arena_strndup(pl_arena *a, const char *s, size_t n);
/* Frees all but the first chunk and makes the arena empty again. */
PL_INTERNAL void pl_arena_reset(pl_arena *a);
PL_INTERNAL void pl_arena_free(pl_arena *a);

/* ---- buf: growable byte string with a sticky error ----------------------- */

typedef struct pl_buf {
    char *p;            /* NUL-terminated when len > 0 or after buf_str */
    size_t len, cap;
    int err;            /* set once an allocation failed; later puts do nothing */
} pl_buf;

PL_INTERNAL void pl_buf_put(pl_buf *b, const char *s, size_t n);
PL_INTERNAL void pl_buf_puts(pl_buf *b, const char *s);
PL_INTERNAL void pl_buf_putc(pl_buf *b, char c);
/* Makes room for n more bytes (and the NUL) and returns where they go, for
 * callers that copy many small pieces; they add what they wrote to b->len.
 * NULL when the buffer has failed. */
PL_INTERNAL char *pl_buf_reserve(pl_buf *b, size_t n);
PL_INTERNAL void pl_buf_printf(pl_buf *b, const char *fmt, ...) PL_PRINTF(2, 3);
/* Appends s as the inside of a JSON string (no quotes), escaping as needed. */
PL_INTERNAL void pl_buf_json(pl_buf *b, const char *s, size_t n);
/* Appends s with invalid UTF-8 replaced by U+FFFD. */
PL_INTERNAL void pl_buf_utf8(pl_buf *b, const char *s, size_t n);
PL_INTERNAL const char *pl_buf_str(pl_buf *b);  /* "" when empty or failed */
PL_INTERNAL void pl_buf_free(pl_buf *b);

/* Decodes the code point at s[0..n) (n >= 1) into *cp and returns its
 * length. An invalid, overlong, surrogate or truncated sequence decodes as a
 * single byte with *cp = -1, so a scan always moves forward. */
static inline size_t pl_utf8_decode(const unsigned char *s, size_t n, int32_t *cp) {
    unsigned c = s[0];
    if (c < 0x80) { *cp = (int32_t)c; return 1; }
    size_t len; uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
    else { *cp = -1; return 1; }
    if (n < len) { *cp = -1; return 1; }
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) { *cp = -1; return 1; }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) { *cp = -1; return 1; }
    *cp = (int32_t)v;
    return len;
}

/* Multiplication that fails instead of wrapping: 1 on overflow. */
static inline int pl_mul_overflow(size_t a, size_t b, size_t *out) {
    return __builtin_mul_overflow(a, b, out);
}

#endif
