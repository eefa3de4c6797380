/*
 * chars.c — character classes. ASCII is decided inline; other code points
 * ask utf8proc's Unicode tables.
 */
#include <utf8proc.h>

#include "text/text.h"

int chr_space_u(int32_t cp) {
    if (cp < 0x80)
        return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0;
    switch (cp) {
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0x200B: case 0xFEFF:
        return 1;
    }
    return cp >= 0x2000 && cp <= 0x200A;
}

/* Invalid bytes (cp < 0) and U+FFFD count as letters: they are almost
 * always mis-encoded letters (Latin-1 é), so the word stays whole. */
int chr_alpha_u(int32_t cp) {
    if (cp < 0 || cp == 0xFFFD)
        return 1;
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
        return 1;
    default:
        return 0;
    }
}

int chr_digit_u(int32_t cp) {
    if (cp < 0x80) /* includes invalid bytes: not digits */
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int chr_upper_u(int32_t cp) {
    if (cp < 0x80) /* includes invalid bytes */
        return cp >= 'A' && cp <= 'Z';
    int c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int chr_lower_u(int32_t cp) {
    if (cp < 0x80) /* includes invalid bytes */
        return cp >= 'a' && cp <= 'z';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}
