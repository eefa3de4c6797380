/*
 * clean.c — token forms and page furniture.
 *
 * Token forms are the only place text is copied: invalid UTF-8 becomes
 * U+FFFD and non-ASCII text is put in NFC so that "Türkiye" typed with a
 * combining diaeresis matches the dictionary's precomposed one. ASCII, the
 * vast majority, is copied as is.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text/text.h"

char *text_clean_form(pl_arena *a, const char *s, size_t n, int *changed) {
    const unsigned char *u = (const unsigned char *)s;
    int ascii = 1;
    *changed = 0;
    for (size_t i = 0; i < n; i++)
        if (u[i] >= 0x80) {
            ascii = 0;
            break;
        }
    if (ascii)
        return pl_arena_strndup(a, s, n);
    /* repair: each invalid byte becomes U+FFFD (3 bytes) */
    char stackbuf[512];
    char *tmp = n * 3 + 1 <= sizeof stackbuf ? stackbuf : malloc(n * 3 + 1);
    if (!tmp)
        return NULL;
    size_t m = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t l = pl_utf8_decode(u + i, n - i, &cp);
        if (cp < 0) {
            memcpy(tmp + m, "\xEF\xBF\xBD", 3);
            m += 3;
            *changed = 1;
        } else {
            memcpy(tmp + m, s + i, l);
            m += l;
        }
        i += l;
    }
    tmp[m] = 0;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)m, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    char *out;
    if (r < 0) { /* cannot happen on repaired text; keep the repair */
        out = pl_arena_strndup(a, tmp, m);
    } else {
        if ((size_t)r != m || memcmp(nfc, tmp, m) != 0)
            *changed = 1;
        out = pl_arena_strndup(a, (const char *)nfc, (size_t)r);
    }
    free(nfc);
    if (tmp != stackbuf)
        free(tmp);
    return out;
}

/* Lines that are page furniture when they start a short line. */
typedef struct phrase {
    const char *s;
    size_t n;
} phrase;
#define P(lit) {lit, sizeof(lit) - 1}
static const phrase furniture[] = {
    P("more posts"), P("share this"), P("share on"), P("read more"), P("read also"),
    P("related:"), P("related articles"), P("related stories"), P("advertisement"),
    P("subscribe"), P("sign up for"), P("follow us"), P("click here"), P("print this"),
    P("email this"), P("all rights reserved"), P("copyright"), P("\xC2\xA9"), P("tweet"),
    P("skip to content"), P("skip to main"), P("back to top"), P("you may also like"),
    P("recommended for you"), P("listen to this article"), {NULL, 0}};

/* The first letters of the furniture phrases, as bits 1 << (c - 'a'): most
 * lines start with a letter no phrase starts with, and skip the loop. Keep it
 * in step with the list; text_furniture_ok (run by make check) says when it
 * is not. */
#define FIRST(c) (1u << ((c) - 'a'))
static const uint32_t furniture_initials = FIRST('a') | FIRST('b') | FIRST('c') | FIRST('e') |
                                           FIRST('f') | FIRST('l') | FIRST('m') | FIRST('p') |
                                           FIRST('r') | FIRST('s') | FIRST('t') | FIRST('y');

/* 0 when no phrase can match a line starting with byte c (compared as
 * c | 0x20, as text_boilerplate_line does); non-ASCII bytes go to the list. */
static int maybe_furniture(unsigned char c) {
    c |= 0x20;
    if (c >= 0x80)
        return 1;
    return c >= 'a' && c <= 'z' && ((furniture_initials >> (c - 'a')) & 1);
}

/* strncasecmp in the C locale, which parley never leaves: ASCII folding. */
static int ascii_case_eq(const char *s, const char *w, size_t k) {
    for (size_t i = 0; i < k; i++) {
        unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];
        if (a != b && !((a | 0x20) == (b | 0x20) && (a | 0x20) >= 'a' && (a | 0x20) <= 'z'))
            return 0;
    }
    return 1;
}

static int contains(const char *s, size_t n, const char *w) {
    size_t k = strlen(w);
    for (size_t i = 0; i + k <= n; i++)
        if ((s[i] | 0x20) == w[0] && ascii_case_eq(s + i, w, k))
            return 1;
    return 0;
}

/* contains(s, n, "cookie"), which every line start asks: looks for the 'k'
 * eight bytes at a time ((c | 0x20) == 'k' holds for k and K only) and
 * checks the word around each one. */
static int has_cookie(const char *s, size_t n) {
    const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
    size_t i = 3; /* 'k' is the fourth byte of "cookie" */
    while (i + 3 <= n) {
        if (i + 3 + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            w = (w | 0x2020202020202020ULL) ^ (ones * 'k');
            uint64_t m = (w - ones) & ~w & high; /* a 'k' byte became zero */
            if (!m) {
                i += 8;
                continue;
            }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            i += (size_t)__builtin_ctzll(m) >> 3; /* the lowest flag is exact */
#endif
        }
        if ((s[i] | 0x20) == 'k' && ascii_case_eq(s + i - 3, "cookie", 6))
            return 1;
        i++;
    }
    return 0;
}

int text_boilerplate_line(const char *s, size_t n) {
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    if (n == 0)
        return 0;
    if (n <= 80 && maybe_furniture((unsigned char)s[0])) {
        for (int i = 0; furniture[i].s; i++) {
            size_t k = furniture[i].n;
            /* the phrase must end at a word boundary: "Tweets by" is text */
            if (n >= k && (s[0] | 0x20) == (furniture[i].s[0] | 0x20) &&
                ascii_case_eq(s, furniture[i].s, k) &&
                (n == k || !((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z')))
                return 1;
        }
    }
    /* cookie banners: short paragraphs about cookies and consent */
    if (n <= 400 && has_cookie(s, n) &&
        (contains(s, n, "accept") || contains(s, n, "consent") || contains(s, n, "we use") ||
         contains(s, n, "this site") || contains(s, n, "this website")))
        return 1;
    return 0;
}

int text_furniture_ok(void) {
    for (int i = 0; furniture[i].s; i++)
        if (!maybe_furniture((unsigned char)furniture[i].s[0]))
            return 0;
    return 1;
}
