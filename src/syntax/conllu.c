/*
 * conllu.c — reads a CoNLL-U treebank into memory: one allocation for the
 * text (cut into fields in place), one for the words, one for the sentences.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syntax/conllu.h"

static int read_all(pl_ctx *ctx, const char *path, char **out, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
    size_t cap = 1 << 20, n = 0;
    char *b = malloc(cap);
    for (;;) {
        if (!b) {
            fclose(f);
            return pl_fail(ctx, PL_ENOMEM, "out of memory");
        }
        n += fread(b + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *nb = cap > SIZE_MAX / 2 ? NULL : realloc(b, cap * 2);
        if (!nb)
            free(b);
        b = nb;
        cap *= 2;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(b);
        return pl_fail(ctx, PL_EIO, "%s: read error", path);
    }
    b[n] = 0;
    *out = b;
    *len = n;
    return PL_OK;
}

/* Splits line at tabs into at most 10 fields; returns the count. */
static int fields(char *line, char **f) {
    int k = 0;
    f[k++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            *p = 0;
            if (k == 10)
                return 11;
            f[k++] = p + 1;
        }
    return k;
}

int sx_conllu_read(pl_ctx *ctx, const char *path, sx_corpus *c) {
    memset(c, 0, sizeof *c);
    size_t len = 0;
    int rc = read_all(ctx, path, &c->buf, &len);
    if (rc)
        return rc;
    /* upper bounds: a word or sentence per line */
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += c->buf[i] == '\n';
    c->words = malloc(lines * sizeof *c->words);
    c->s = malloc(lines * sizeof *c->s);
    if (!c->words || !c->s) {
        sx_conllu_free(c);
        return pl_fail(ctx, PL_ENOMEM, "out of memory");
    }
    sx_sent cur = {"", "", 0, c->words};
    long lineno = 0;
    char *p = c->buf, *end = c->buf + len;
    for (;;) {
        char *line = NULL;
        if (p < end) {
            char *nl = memchr(p, '\n', (size_t)(end - p));
            line = p;
            lineno++;
            if (nl)
                *nl = 0;
            p = nl ? nl + 1 : end;
            size_t l = strlen(line);
            if (l > 0 && line[l - 1] == '\r')
                line[l - 1] = 0;
        }
        if (!line || line[0] == 0) { /* a blank line or the end: close the sentence */
            if (cur.n > 0) {
                for (int i = 0; i < cur.n; i++)
                    if (cur.w[i].head > cur.n) {
                        sx_conllu_free(c);
                        return pl_fail(ctx, PL_EFORMAT, "%s:%ld: head %d outside the sentence",
                                       path, lineno, cur.w[i].head);
                    }
                c->s[c->n++] = cur;
                c->nwords += cur.n;
                cur = (sx_sent){"", "", 0, cur.w + cur.n};
            }
            if (!line)
                break;
            continue;
        }
        if (line[0] == '#') {
            if (strncmp(line, "# sent_id = ", 12) == 0)
                cur.id = line + 12;
            else if (strncmp(line, "# text = ", 9) == 0)
                cur.text = line + 9;
            continue;
        }
        char *f[11];
        if (fields(line, f) != 10) {
            sx_conllu_free(c);
            return pl_fail(ctx, PL_EFORMAT, "%s:%ld: expected 10 tab-separated fields", path, lineno);
        }
        if (strchr(f[0], '-') || strchr(f[0], '.'))
            continue; /* multiword token range or empty node */
        char *e;
        long id = strtol(f[0], &e, 10);
        if (*e || id != cur.n + 1) {
            sx_conllu_free(c);
            return pl_fail(ctx, PL_EFORMAT, "%s:%ld: word id %s, expected %d", path, lineno, f[0],
                           cur.n + 1);
        }
        long head = strtol(f[6], &e, 10);
        if (*e || e == f[6] || head < 0 || head > 100000) {
            sx_conllu_free(c);
            return pl_fail(ctx, PL_EFORMAT, "%s:%ld: bad head '%s'", path, lineno, f[6]);
        }
        sx_word *w = &cur.w[cur.n++];
        w->form = f[1];
        w->lemma = f[2];
        w->upos = f[3];
        w->xpos = f[4];
        w->head = (int)head;
        w->deprel = f[7];
    }
    return PL_OK;
}

void sx_conllu_free(sx_corpus *c) {
    free(c->buf);
    free(c->words);
    free(c->s);
    memset(c, 0, sizeof *c);
}
