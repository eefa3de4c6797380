/*
 * norm.c — match keys: how a word of the text and a word of a dictionary
 * name are made comparable. Both sides go through act_key, so "U.S.", "US"
 * and "u.s." share the key "us", and "Zelensky’s" meets "Zelensky's".
 *
 * Keys are lower case by utf8proc's simple lower-case mapping on NFC text
 * (token forms are NFC already; dictionary names are put in NFC before
 * they are tokenized). ASCII, nearly every word, takes a fast path.
 */
#include <string.h>

#include <utf8proc.h>

#include "actors/actors.h"

size_t act_key(const char *s, size_t n, char *key, unsigned *caseinfo) {
    const unsigned char *u = (const unsigned char *)s;
    size_t m = 0;
    unsigned ci = 0;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        if (c < 0x80) {
            i++;
            if (c == '.') {
                ci |= ACT_DOT;
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                ci |= ACT_UPPER;
                c |= 0x20;
            } else if (c >= 'a' && c <= 'z') {
                ci |= ACT_LOWER;
            }
            if (m + 1 > ACT_KEY_MAX)
                return 0;
            key[m++] = (char)c;
            continue;
        }
        int32_t cp;
        size_t l = pl_utf8_decode(u + i, n - i, &cp);
        i += l;
        if (cp < 0) {
            cp = 0xFFFD;
        } else if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC) {
            cp = '\'';   /* ’ ‘ ʼ are all written as ' */
        } else {
            utf8proc_int32_t lc = utf8proc_tolower(cp);
            if (lc != cp)
                ci |= ACT_UPPER;
            else if (utf8proc_toupper(cp) != cp)
                ci |= ACT_LOWER;
            cp = lc;
        }
        if (m + 4 > ACT_KEY_MAX)
            return 0;
        m += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)key + m);
    }
    if (m == 0 && n > 0) { /* a word of dots only stays itself */
        if (n > ACT_KEY_MAX)
            return 0;
        memcpy(key, s, n);
        m = n;
    }
    *caseinfo = ci;
    return m;
}

int act_capitalized(const char *s, size_t n) {
    if (n == 0)
        return 0;
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return u[0] >= 'A' && u[0] <= 'Z';
    int32_t cp;
    pl_utf8_decode(u, n, &cp);
    if (cp < 0)
        return 0;
    int c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int32_t act_date_int(const char *iso) {
    if (!iso || !pl_valid_date(iso))
        return 0;
    int32_t y = 0;
    for (int i = 0; i < 4; i++)
        y = y * 10 + (iso[i] - '0');
    return y * 10000 + ((iso[5] - '0') * 10 + (iso[6] - '0')) * 100 +
           (iso[8] - '0') * 10 + (iso[9] - '0');
}
