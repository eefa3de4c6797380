/*
 * petrarch_verbs.c — reads PETRARCH-2 verb dictionaries and writes them in
 * parley's pattern format, so that existing dictionaries can be used and
 * compared.
 *
 * What is read:
 *   &NAME              a synonym set, members on the following "+word" lines
 *                      (multiword members joined by '_' are skipped: parley
 *                      matches single lemmas)
 *   --- VERB [code] ---   a verb block; [---] means the bare verb codes nothing
 *   VERB {FORMS}       a verb of the block with its inflected forms (parley
 *                      uses lemmas, so forms are dropped)
 *   VERB               another verb of the block (a synonym)
 *   - words [code]     a pattern: '*' is the verb, '+' the target, '$' the
 *                      source (implied in parley), '%' both, '^' a skip;
 *                      words, (groups) and &SETS as written
 *   # comment, blank lines, and "####" section headings
 * Every verb of a block gets the block's patterns.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "events/verbs.h"

typedef struct block {
    char verbs[64][64];
    int nverbs;
    char code[8];           /* "" for [---] */
    char (*pats)[512];      /* pattern tails, "CODE words" */
    int npats, cap;
} block;

static void lower_word(char *dst, const char *src, size_t cap) {
    size_t i = 0;
    for (; src[i] && i + 1 < cap; i++)
        dst[i] = src[i] == '_' ? ' ' : (char)tolower((unsigned char)src[i]);
    dst[i] = 0;
}

/* A code in brackets: "[0341]" or "[1123:1123]" -> "0341"; "---" -> "". */
static int parse_code(const char *s, char out[8]) {
    const char *o = strchr(s, '['), *c = o ? strchr(o, ']') : NULL;
    if (!o || !c)
        return 0;
    size_t n = (size_t)(c - o - 1);
    char buf[32];
    if (n >= sizeof buf)
        return 0;
    memcpy(buf, o + 1, n);
    buf[n] = 0;
    char *colon = strchr(buf, ':');
    if (colon)
        *colon = 0;
    char *p = buf;
    while (*p == ' ')
        p++;
    n = strlen(p);
    while (n && p[n - 1] == ' ')
        p[--n] = 0;
    if (strcmp(p, "---") == 0) {
        out[0] = 0;
        return 1;
    }
    if (n < 2 || n > 4 || strspn(p, "0123456789") != n || !cameo_find(p))
        return 0;
    memcpy(out, p, n + 1);
    return 1;
}

/* Writes the block: each verb with the block's code, then each pattern
 * with the verb in place of the '@' placeholder. */
static void flush(pl_buf *b, block *k) {
    for (int v = 0; v < k->nverbs; v++) {
        if (k->code[0])
            pl_buf_printf(b, "%-5s %s\n", k->code, k->verbs[v]);
        for (int i = 0; i < k->npats; i++) {
            const char *at = strchr(k->pats[i], '@');
            pl_buf_printf(b, "%.*s%s%s\n", (int)(at - k->pats[i]), k->pats[i], k->verbs[v], at + 1);
        }
    }
    if (k->nverbs && (k->code[0] || k->npats))
        pl_buf_putc(b, '\n');
    k->nverbs = 0;
    k->npats = 0;
    k->code[0] = 0;
}

/* Converts one pattern line "- words [code]" for verb placeholder "@". */
static int pattern(const char *line, char *out, size_t cap, const char *deflt, const char **why) {
    char code[8];
    const char *br = strrchr(line, '[');
    if (!br || !parse_code(br, code)) {
        *why = "pattern without a valid [code]";
        return 0;
    }
    if (!code[0])
        strcpy(code, "-");
    (void)deflt;
    char words[512];
    size_t n = (size_t)(br - line - 1);
    if (n >= sizeof words)
        n = sizeof words - 1;
    memcpy(words, line + 1, n);
    words[n] = 0;
    /* after the verb: keep words, '+' becomes T; before it: only the verb */
    char *star = strchr(words, '*');
    if (!star) {
        *why = "pattern without '*' for the verb";
        return 0;
    }
    char tail[480] = "";
    int t_done = 0;
    char *save;
    for (char *w = strtok_r(star + 1, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        char clean[128];
        size_t k = 0;
        for (const char *c = w; *c && k + 1 < sizeof clean; c++)
            if (*c != '(' && *c != ')' && *c != '{' && *c != '}')
                clean[k++] = *c;
        clean[k] = 0;
        if (!clean[0] || strcmp(clean, "$") == 0 || strcmp(clean, "^") == 0 || strcmp(clean, "|") == 0)
            continue;
        const char *put = clean;
        char low[128];
        if (t_done == 1 && strcmp(clean, "+") != 0 && strcmp(clean, "%") != 0 && clean[0] != '&') {
            /* parley has no slot for a word right after the target (its
             * noun phrase's own words): keep prepositions only */
            lower_word(low, clean, sizeof low);
            if (!verbs_is_prep(low))
                continue;
            t_done = 2;
        }
        if (strcmp(clean, "+") == 0 || strcmp(clean, "%") == 0) {
            if (t_done++)
                continue;
            put = "T";
        } else if (clean[0] == '&') {
            put = clean;
        } else {
            if (strchr(clean, '_'))
                continue; /* multiword phrase: parley patterns are lemma by lemma */
            lower_word(low, clean, sizeof low);
            put = low;
        }
        if (strlen(tail) + strlen(put) + 2 >= sizeof tail)
            break;
        if (tail[0])
            strcat(tail, " ");
        strcat(tail, put);
    }
    snprintf(out, cap, "%-5s @ %s", code, tail);
    return 1;
}

int pl_verbs_import_petrarch(pl_ctx *ctx, const char *path, char **out, size_t *len) {
    FILE *f = fopen(path, "r");
    if (!f)
        return pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
    pl_buf b = {0};
    block k;
    memset(&k, 0, sizeof k);
    char line[4096];
    unsigned lineno = 0;
    int rc = PL_OK, in_set = 0;
    pl_buf_printf(&b, "# converted from PETRARCH verb dictionary %s by parley\n\n", path);
    while (rc == PL_OK && fgets(line, sizeof line, f)) {
        lineno++;
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = 0;
        char *hash = strchr(line, '#');
        if (hash && (hash == line || hash[-1] == ' ' || hash[-1] == '\t'))
            *hash = 0;
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        if (!*s)
            continue;
        if (s[0] == '&') { /* a synonym set starts */
            flush(&b, &k);
            char name[128];
            size_t j = 0;
            for (const char *c = s + 1; *c && *c != ' ' && j + 1 < sizeof name; c++)
                name[j++] = (char)toupper((unsigned char)*c);
            name[j] = 0;
            if (!j) {
                rc = pl_fail(ctx, PL_EFORMAT, "%s:%u: '&' without a set name", path, lineno);
                break;
            }
            pl_buf_printf(&b, "synset %s:", name);
            in_set = 1;
            continue;
        }
        if (s[0] == '+' && in_set) {
            if (strchr(s + 1, '_') || !s[1])
                continue;
            char w[128];
            lower_word(w, s + 1, sizeof w);
            /* members are written comma-separated on the synset line */
            if (b.len && b.p[b.len - 1] != ':')
                pl_buf_putc(&b, ',');
            pl_buf_printf(&b, " %s", w);
            continue;
        }
        if (in_set) {
            pl_buf_putc(&b, '\n');
            in_set = 0;
        }
        if (strncmp(s, "---", 3) == 0) { /* --- VERB [code] --- */
            flush(&b, &k);
            char code[8];
            const char *br = strchr(s, '[');
            if (!br || !parse_code(br, code)) {
                rc = pl_fail(ctx, PL_EFORMAT, "%s:%u: verb block without a valid [code]", path, lineno);
                break;
            }
            memcpy(k.code, code, sizeof code);
            char verb[64];
            if (sscanf(s + 3, "%63s", verb) == 1 && verb[0] != '[') {
                lower_word(k.verbs[0], verb, sizeof k.verbs[0]);
                k.nverbs = strchr(verb, '_') ? 0 : 1;
            }
            continue;
        }
        if (s[0] == '-') {
            char pat[512];
            const char *why = NULL;
            if (!pattern(s, pat, sizeof pat, k.code, &why)) {
                rc = pl_fail(ctx, PL_EFORMAT, "%s:%u: %s", path, lineno, why);
                break;
            }
            if (k.npats == k.cap) {
                int cap = k.cap ? k.cap * 2 : 16;
                char(*np)[512] = realloc(k.pats, (size_t)cap * sizeof *np);
                if (!np) {
                    rc = pl_fail(ctx, PL_ENOMEM, "out of memory");
                    break;
                }
                k.pats = np;
                k.cap = cap;
            }
            snprintf(k.pats[k.npats++], sizeof k.pats[0], "%s", pat);
            continue;
        }
        if (isalpha((unsigned char)s[0])) { /* VERB {FORMS} or a synonym verb */
            char verb[64];
            if (sscanf(s, "%63[^ \t{]", verb) == 1 && !strchr(verb, '_') && k.nverbs < 64) {
                char low[64];
                lower_word(low, verb, sizeof low);
                int dup = 0;
                for (int i = 0; i < k.nverbs; i++)
                    dup |= strcmp(k.verbs[i], low) == 0;
                if (!dup)
                    strcpy(k.verbs[k.nverbs++], low);
            }
            continue;
        }
        rc = pl_fail(ctx, PL_EFORMAT, "%s:%u: unrecognized line '%.40s'", path, lineno, s);
    }
    if (in_set)
        pl_buf_putc(&b, '\n');
    fclose(f);
    if (rc == PL_OK)
        flush(&b, &k);
    free(k.pats);
    if (rc != PL_OK) {
        pl_buf_free(&b);
        return rc;
    }
    if (b.err) {
        pl_buf_free(&b);
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    }
    *out = b.p ? b.p : calloc(1, 1);
    *len = b.len;
    return *out ? PL_OK : pl_fail(ctx, PL_ENOMEM, "out of memory");
}
