/*
 * ctx.c — the context: error messages, warnings and small shared helpers.
 * Reporting never allocates: messages are formatted into fixed buffers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

pl_ctx *pl_ctx_new(void) {
    return calloc(1, sizeof(pl_ctx));
}

void pl_ctx_free(pl_ctx *ctx) {
    free(ctx);
}

const char *pl_errmsg(const pl_ctx *ctx) {
    return ctx ? ctx->err : "no context";
}

void pl_set_log(pl_ctx *ctx, pl_log_fn fn, void *ud) {
    ctx->log = fn;
    ctx->log_ud = ud;
}

uint64_t pl_warnings(const pl_ctx *ctx) {
    return ctx->nwarn;
}

int pl_set_default_date(pl_ctx *ctx, const char *date) {
    if (!date) {
        ctx->date[0] = 0;
        return PL_OK;
    }
    if (!pl_valid_date(date))
        return pl_fail(ctx, PL_EARG, "invalid date '%.40s' (want YYYY-MM-DD)", date);
    memcpy(ctx->date, date, 11);
    return PL_OK;
}

int pl_fail(pl_ctx *ctx, int code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
    va_end(ap);
    return code;
}

void pl_warn(pl_ctx *ctx, const char *fmt, ...) {
    char msg[1024];
    va_list ap;
    ctx->nwarn++;
    if (!ctx->log)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ctx->log(ctx->log_ud, PL_LOG_WARN, msg);
}

int pl_valid_date(const char *s) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, i;
    for (i = 0; i < 10; i++) {
        if (i == 4 || i == 7) {
            if (s[i] != '-')
                return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    if (s[10])
        return 0;
    y = atoi(s);
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

/* Eight bytes a step (document ids hash whole articles, so speed counts),
 * with a final avalanche; stable across platforms (little-endian reads). */
uint64_t pl_hash64(const void *p, size_t n) {
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xC2B2AE3D27D4EB4FULL);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        memcpy(&w, s + i, 8); /* the same little-endian word, in one load */
#else
        for (int k = 7; k >= 0; k--)
            w = (w << 8) | s[i + (size_t)k];
#endif
        h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
        h ^= h >> 32;
    }
    uint64_t w = 0;
    for (size_t k = n; k > i; k--)
        w = (w << 8) | s[k - 1];
    h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
}
