/*
 * evaltext.c — scores parley's tokenizer and sentence splitter against a
 * CoNLL-U treebank: the raw text of each document is rebuilt from the
 * "# text =" lines (sentences of a paragraph joined by a space, paragraphs
 * by a blank line), run through the sentencer, and the token and sentence
 * spans are compared exactly with the gold ones.
 *
 * usage: evaltext FILE.conllu [-v]   (-v prints mismatched tokens)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

typedef struct span { size_t a, b; } span;
typedef struct vec { span *v; size_t n, cap; } vec;

static void push(vec *x, size_t a, size_t b) {
    if (x->n == x->cap) {
        x->cap = x->cap ? x->cap * 2 : 1024;
        x->v = realloc(x->v, x->cap * sizeof *x->v);
        if (!x->v) { fprintf(stderr, "out of memory\n"); exit(1); }
    }
    x->v[x->n].a = a;
    x->v[x->n].b = b;
    x->n++;
}

static size_t matches(const vec *g, const vec *p) {
    size_t i = 0, j = 0, m = 0;
    while (i < g->n && j < p->n) {
        if (g->v[i].a == p->v[j].a && g->v[i].b == p->v[j].b) { m++; i++; j++; }
        else if (g->v[i].a < p->v[j].a || (g->v[i].a == p->v[j].a && g->v[i].b < p->v[j].b)) i++;
        else j++;
    }
    return m;
}

typedef struct stats { size_t gt, pt, mt, gs, ps, ms; } stats;

static int verbose;

static void score_doc(pl_ctx *ctx, pl_buf *text, vec *gtok, vec *gsent, stats *st) {
    if (text->len == 0)
        return;
    pl_doc *d = pl_doc_new(ctx, text->p, text->len, "eval", NULL, NULL);
    if (!d) { fprintf(stderr, "%s\n", pl_errmsg(ctx)); exit(1); }
    pl_sentencer *z = pl_sentencer_new(ctx, d);
    vec ptok = {0}, psent = {0};
    pl_sentence *s;
    while (pl_sentencer_next(z, &s) == 1) {
        for (uint32_t i = 0; i < s->ntok; i++)
            push(&ptok, s->tok[i].off, s->tok[i].off + s->tok[i].len);
        push(&psent, s->off, s->off + s->len);
    }
    size_t mt = matches(gtok, &ptok), ms = matches(gsent, &psent);
    if (verbose && mt < gtok->n) {
        /* print gold tokens that were missed */
        size_t j = 0;
        for (size_t i = 0; i < gtok->n; i++) {
            while (j < ptok.n && ptok.v[j].a < gtok->v[i].a) j++;
            if (!(j < ptok.n && ptok.v[j].a == gtok->v[i].a && ptok.v[j].b == gtok->v[i].b))
                printf("miss tok: %.*s  | got: %.*s\n", (int)(gtok->v[i].b - gtok->v[i].a),
                       text->p + gtok->v[i].a,
                       j < ptok.n ? (int)(ptok.v[j].b - ptok.v[j].a) : 0,
                       j < ptok.n ? text->p + ptok.v[j].a : "");
        }
    }
    if (verbose && mt < ptok.n) {
        size_t j = 0;
        for (size_t i = 0; i < ptok.n; i++) {
            while (j < gtok->n && gtok->v[j].a < ptok.v[i].a) j++;
            if (!(j < gtok->n && gtok->v[j].a == ptok.v[i].a && gtok->v[j].b == ptok.v[i].b))
                printf("extra tok: %.*s\n", (int)(ptok.v[i].b - ptok.v[i].a), text->p + ptok.v[i].a);
        }
    }
    if (verbose > 1 && ms < gsent->n) {
        for (size_t i = 0; i < psent.n; i++)
            printf("sent: %.*s\n", (int)(psent.v[i].b - psent.v[i].a), text->p + psent.v[i].a);
    }
    st->gt += gtok->n; st->pt += ptok.n; st->mt += mt;
    st->gs += gsent->n; st->ps += psent.n; st->ms += ms;
    free(ptok.v);
    free(psent.v);
    pl_sentencer_free(z);
    pl_doc_free(d);
    text->len = 0;
    gtok->n = gsent->n = 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: evaltext FILE.conllu [-v]\n"); return 2; }
    verbose = argc > 2 ? (int)strlen(argv[2]) - 1 : 0;
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 1; }
    pl_ctx *ctx = pl_ctx_new();
    pl_buf text = {0};
    vec gtok = {0}, gsent = {0};
    stats st = {0};
    char line[65536];
    size_t sent_start = 0, pos = 0; /* pos: where the next gold form is searched */
    int in_sent = 0, mwt_end = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "# newdoc", 8) == 0) {
            score_doc(ctx, &text, &gtok, &gsent, &st);
            pos = 0;
        } else if (strncmp(line, "# newpar", 8) == 0) {
            if (text.len) pl_buf_puts(&text, "\n\n");
        } else if (strncmp(line, "# text = ", 9) == 0) {
            if (text.len && text.p[text.len - 1] != '\n') pl_buf_putc(&text, ' ');
            sent_start = text.len;
            pos = text.len;
            pl_buf_puts(&text, line + 9);
            in_sent = 1;
        } else if (line[0] == 0 && in_sent) {
            push(&gsent, sent_start, gtok.n ? gtok.v[gtok.n - 1].b : sent_start);
            in_sent = 0;
        } else if (line[0] >= '0' && line[0] <= '9') {
            char *tab = strchr(line, '\t');
            if (!tab) continue;
            char *form = tab + 1, *t2 = strchr(form, '\t');
            if (!t2) continue;
            *t2 = 0;
            int id = atoi(line);
            char *dash = strchr(line, '-');
            if (dash && dash < tab) { /* multiword token: words follow */
                mwt_end = atoi(dash + 1);
                (void)mwt_end;
                continue;
            }
            if (strchr(line, '.') && strchr(line, '.') < tab) continue; /* empty node */
            (void)id;
            size_t n = strlen(form);
            char *hit = NULL;
            if (pos < text.len) {
                /* skip spaces, then expect the form */
                size_t p = pos;
                while (p < text.len && text.p[p] == ' ') p++;
                if (p + n <= text.len && memcmp(text.p + p, form, n) == 0) hit = text.p + p;
            }
            if (hit) {
                size_t a = (size_t)(hit - text.p);
                push(&gtok, a, a + n);
                pos = a + n;
            }
        }
    }
    score_doc(ctx, &text, &gtok, &gsent, &st);
    double tp = st.pt ? (double)st.mt / st.pt : 0, tr = st.gt ? (double)st.mt / st.gt : 0;
    double sp = st.ps ? (double)st.ms / st.ps : 0, sr = st.gs ? (double)st.ms / st.gs : 0;
    printf("tokens:    gold %zu, parley %zu, matched %zu: P %.2f%% R %.2f%% F1 %.2f%%\n", st.gt,
           st.pt, st.mt, 100 * tp, 100 * tr, tp + tr > 0 ? 200 * tp * tr / (tp + tr) : 0);
    printf("sentences: gold %zu, parley %zu, matched %zu: P %.2f%% R %.2f%% F1 %.2f%%\n", st.gs,
           st.ps, st.ms, 100 * sp, 100 * sr, sp + sr > 0 ? 200 * sp * sr / (sp + sr) : 0);
    free(gtok.v);
    free(gsent.v);
    pl_buf_free(&text);
    pl_ctx_free(ctx);
    fclose(f);
    return 0;
}
