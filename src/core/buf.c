/*
 * buf.c — a growable byte string with a sticky error flag: after a failed
 * allocation every later append is a no-op, so callers check once at the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static int grow(pl_buf *b, size_t extra) {
    if (b->err)
        return 0;
    if (extra > SIZE_MAX - b->len - 1) {
        b->err = 1;
        return 0;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->err = 1;
        return 0;
    }
    b->p = p;
    b->cap = cap;
    return 1;
}

void pl_buf_put(pl_buf *b, const char *s, size_t n) {
    if (!grow(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = 0;
}

char *pl_buf_reserve(pl_buf *b, size_t n) {
    return grow(b, n) ? b->p + b->len : NULL;
}

void pl_buf_puts(pl_buf *b, const char *s) {
    pl_buf_put(b, s, strlen(s));
}

void pl_buf_putc(pl_buf *b, char c) {
    if (!grow(b, 1))
        return;
    b->p[b->len++] = c;
    b->p[b->len] = 0;
}

void pl_buf_printf(pl_buf *b, const char *fmt, ...) {
    va_list ap;
    char tmp[256];
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->err = 1;
        return;
    }
    if ((size_t)n < sizeof tmp) {
        pl_buf_put(b, tmp, (size_t)n);
        return;
    }
    if (!grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* Invalid UTF-8 becomes U+FFFD so that the output is always valid JSON. */
void pl_buf_json(pl_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            size_t len = pl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
            if (cp >= 0) {
                i += len - 1;
                continue;
            }
            pl_buf_put(b, s + run, i - run);
            pl_buf_put(b, "\xEF\xBF\xBD", 3);
            run = i + 1;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
            continue;
        pl_buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': pl_buf_put(b, "\\\"", 2); break;
        case '\\': pl_buf_put(b, "\\\\", 2); break;
        case '\n': pl_buf_put(b, "\\n", 2); break;
        case '\r': pl_buf_put(b, "\\r", 2); break;
        case '\t': pl_buf_put(b, "\\t", 2); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            pl_buf_put(b, e, 6);
        }
        }
    }
    pl_buf_put(b, s + run, n - run);
}

const char *pl_buf_str(pl_buf *b) {
    return (b->err || !b->p) ? "" : b->p;
}

void pl_buf_free(pl_buf *b) {
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* Appends s with invalid UTF-8 replaced by U+FFFD. */
void pl_buf_utf8(pl_buf *b, const char *s, size_t n) {
    size_t run = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t len = pl_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp < 0) {
            pl_buf_put(b, s + run, i - run);
            pl_buf_put(b, "\xEF\xBF\xBD", 3);
            run = i + len;
        }
        i += len;
    }
    pl_buf_put(b, s + run, n - run);
}
