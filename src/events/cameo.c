/*
 * cameo.c — the CAMEO event code table (generated from the reference
 * tables by tools/mkcameo.sh: codes, Goldstein scores, PLOVER categories).
 */
#include <stdlib.h>
#include <string.h>

#include "events/verbs.h"

static const cameo_code table[] = {
#include "events/cameo_table.h"
};

#define NCODES (sizeof table / sizeof table[0])

static int cmp(const void *key, const void *elem) {
    return strcmp(key, ((const cameo_code *)elem)->code);
}

const cameo_code *cameo_find(const char *code) {
    return bsearch(code, table, NCODES, sizeof table[0], cmp);
}

int cameo_quad(const char *code) {
    if (!code || strlen(code) < 2)
        return 0;
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root >= 1 && root <= 5)
        return 1;
    if (root >= 6 && root <= 8)
        return 2;
    if (root >= 9 && root <= 13)
        return 3;
    if (root >= 14 && root <= 20)
        return 4;
    return 0;
}
