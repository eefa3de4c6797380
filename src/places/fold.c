/*
 * fold.c — match keys of place names. "Zaporizhzhya", "ZAPORIZHZHYA" and
 * "Zaporizhzhya" all fold to "zaporizhzhya"; "Sana'a" to "sanaa"; "São
 * Tomé" to "sao tome"; "Ivano-Frankivsk" and "Ivano - Frankivsk" to
 * "ivano frankivsk"; "D.C." to "dc". The gazetteer's names and the words of
 * a sentence go through the same function, so spelling variants that differ
 * only by case, accents, dots, apostrophes or hyphens need no alias.
 */
#include <utf8proc.h>

#include "places/places.h"

static int put(char *out, size_t cap, size_t *len, char c) {
    if (*len + 1 >= cap)
        return -1;
    out[(*len)++] = c;
    out[*len] = 0;
    return 0;
}

/* A space between words: never leading, never doubled. */
static int space(char *out, size_t cap, size_t *len) {
    if (*len == 0 || out[*len - 1] == ' ')
        return 0;
    return put(out, cap, len, ' ');
}

/* Letters that do not decompose into a base letter and a mark. */
static const char *special(int32_t cp) {
    switch (cp) {
    case 0x0141: case 0x0142: return "l";   /* Ł ł */
    case 0x00D8: case 0x00F8: return "o";   /* Ø ø */
    case 0x0110: case 0x0111: return "d";   /* Đ đ */
    case 0x0131: return "i";                /* dotless ı */
    case 0x0126: case 0x0127: return "h";   /* Ħ ħ */
    case 0x00C6: case 0x00E6: return "ae";  /* Æ æ */
    case 0x0152: case 0x0153: return "oe";  /* Œ œ */
    case 0x00DE: case 0x00FE: return "th";  /* Þ þ */
    case 0x00DF: return "ss";               /* ß */
    default: return NULL;
    }
}

/* Apostrophes and marks that are dropped, not read as word breaks. */
static int dropped(int32_t cp) {
    return cp == '.' || cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
           cp == 0x02BB || cp == 0x00B4 || cp == 0x02BF || cp == 0x02BE;
}

int plc_fold(const char *s, size_t n, char *out, size_t cap, size_t *len) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    if (cap == 0)
        return -1;
    while (i < n) {
        int32_t cp;
        size_t k = pl_utf8_decode(p + i, n - i, &cp);
        i += k;
        if (cp < 0) {
            if (space(out, cap, len))
                return -1;
            continue;
        }
        if (cp < 0x80) {
            char c = (char)cp;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (put(out, cap, len, c))
                    return -1;
            } else if (!dropped(cp) && space(out, cap, len)) {
                return -1;
            }
            continue;
        }
        if (dropped(cp))
            continue;
        const char *sp = special(cp);
        if (sp) {
            for (; *sp; sp++)
                if (put(out, cap, len, *sp))
                    return -1;
            continue;
        }
        utf8proc_int32_t d[8];
        int bc = 0;
        utf8proc_ssize_t nd = utf8proc_decompose_char(
            cp, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &bc);
        if (nd <= 0 || nd > 8) {
            if (space(out, cap, len))
                return -1;
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < nd; j++) {
            utf8proc_category_t cat = utf8proc_category(d[j]);
            int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
            int digit = cat == UTF8PROC_CATEGORY_ND;
            if (!letter && !digit) {
                if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
                    continue;
                if (space(out, cap, len))
                    return -1;
                continue;
            }
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t ne = utf8proc_encode_char(d[j], enc);
            for (utf8proc_ssize_t m = 0; m < ne; m++)
                if (put(out, cap, len, (char)enc[m]))
                    return -1;
        }
    }
    while (*len > 0 && out[*len - 1] == ' ')
        out[--*len] = 0;
    return 0;
}

int plc_upper_initial(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        int32_t cp;
        i += pl_utf8_decode(p + i, n - i, &cp);
        if (cp < 0)
            return 0;
        if (cp < 0x80) {
            if (cp >= 'A' && cp <= 'Z')
                return 1;
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
                return 0;
            continue; /* leading punctuation: "'s-Hertogenbosch" */
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT)
            return 1;
        if (cat >= UTF8PROC_CATEGORY_LL && cat <= UTF8PROC_CATEGORY_LO)
            return 0;
    }
    return 0;
}
