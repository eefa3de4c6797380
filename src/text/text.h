/*
 * text.h — the text stage: character classes, the tokenizer and the
 * sentence splitter's internals. The public face is pl_sentencer in parley.h.
 */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* Longest token in bytes; a longer run without breaks is cut into pieces. */
#define TOK_MAX_BYTES 1024

typedef struct tok_span {
    uint32_t off, len;  /* bytes in the document text */
} tok_span;

/* Character classes on code points (cp < 0 is an invalid byte). */
PL_INTERNAL int chr_space_u(int32_t cp);
static inline int chr_space(int32_t cp) {
    if (cp < 0x80 && cp >= 0)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0;
    return chr_space_u(cp);
}
PL_INTERNAL int chr_alpha_u(int32_t cp);
PL_INTERNAL int chr_digit_u(int32_t cp);
PL_INTERNAL int chr_upper_u(int32_t cp);
PL_INTERNAL int chr_lower_u(int32_t cp);
/* letters and combining marks; invalid bytes (cp < 0) count as letters */
static inline int chr_alpha(int32_t cp) {
    if (cp >= 0 && cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return chr_alpha_u(cp);
}
static inline int chr_digit(int32_t cp) {
    if (cp >= 0 && cp < 0x80)
        return cp >= '0' && cp <= '9';
    return chr_digit_u(cp);
}
static inline int chr_upper(int32_t cp) {
    if (cp >= 0 && cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    return chr_upper_u(cp);
}
static inline int chr_lower(int32_t cp) {
    if (cp >= 0 && cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    return chr_lower_u(cp);
}
static inline int chr_alnum(int32_t cp) { return chr_alpha(cp) || chr_digit(cp); }

/* Splits the chunk text[a..b), which holds no whitespace and is at most
 * TOK_MAX_BYTES long, into tokens following UD English conventions. text
 * holds len >= b bytes, which it may read (not change) beyond b for speed.
 * Writes at most cap spans (cap >= b - a always suffices); returns the count. */
PL_INTERNAL int tok_chunk(const char *text, size_t len, size_t a, size_t b, tok_span *out,
                          int cap);

/* 1 when the token (ending in '.') is an abbreviation or an initial;
 * *title is set when it normally precedes a name (Mr., Gen., Jan.), so a
 * sentence never ends after it. */
PL_INTERNAL int tok_abbrev(const char *s, size_t n, int *title);
/* 1 when tok_abbrev's quick test of a word's first byte and length lets
 * every listed abbreviation through (a check for the tests). */
PL_INTERNAL int tok_lists_ok(void);

/* 1 when the line text[0..n) is page furniture ("Share this", "Read more",
 * cookie notices) rather than article text. */
PL_INTERNAL int text_boilerplate_line(const char *s, size_t n);
/* 1 when text_boilerplate_line's quick test of a line's first byte lets
 * every furniture phrase through (a check for the tests). */
PL_INTERNAL int text_furniture_ok(void);

/* Copies text[0..n) into a, replacing invalid UTF-8 by U+FFFD and applying
 * NFC. *changed tells whether the result differs. NULL on out of memory. */
PL_INTERNAL char *text_clean_form(pl_arena *a, const char *s, size_t n, int *changed);

#endif
