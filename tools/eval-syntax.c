/*
 * eval-syntax.c — scores the syntax model on a CoNLL-U treebank with gold
 * tokenization and predicted tags: UPOS, XPOS, UPOS+XPOS and lemma accuracy,
 * UAS, LAS (full labels with subtypes, and universal labels only, as the
 * CoNLL 2018 shared task counts them), every word including punctuation.
 * With --bench it also times model loading and parsing on one core.
 *
 * usage: eval-syntax [--model FILE] [--bench ROUNDS] [--errors|--conllu] FILE.conllu
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parley.h"
#include "syntax/conllu.h"
#include "syntax/syntax.h"

static double now_s(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int same_base(const char *a, const char *b) {
    size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
    return la == lb && memcmp(a, b, la) == 0;
}

int main(int argc, char **argv) {
    const char *model = "data/model/en-ewt.model", *file = NULL;
    int rounds = 0, errors = 0, conllu = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            model = argv[++i];
        else if (strcmp(argv[i], "--bench") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--errors") == 0)
            errors = 1;
        else if (strcmp(argv[i], "--conllu") == 0)
            conllu = errors = 1;
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else {
            fprintf(stderr, "usage: eval-syntax [--model FILE] [--bench ROUNDS] [--errors|--conllu] FILE.conllu\n");
            return 2;
        }
    }
    if (!file) {
        fprintf(stderr, "usage: eval-syntax [--model FILE] [--bench ROUNDS] [--errors|--conllu] FILE.conllu\n");
        return 2;
    }
    pl_ctx *ctx = pl_ctx_new();
    sx_corpus c;
    if (!ctx || sx_conllu_read(ctx, file, &c) != PL_OK) {
        fprintf(stderr, "eval-syntax: %s\n", ctx ? pl_errmsg(ctx) : "out of memory");
        return 1;
    }
    double t0 = now_s();
    pl_model *m = pl_model_load(ctx, model);
    double load = now_s() - t0;
    if (!m) {
        fprintf(stderr, "eval-syntax: %s\n", pl_errmsg(ctx));
        return 1;
    }
    pl_parser *p = pl_parser_new(ctx, m);
    const char **forms = malloc(sizeof *forms * PL_MAX_SENT_TOKENS);
    if (!p || !forms)
        return 1;
    long n = 0, upos = 0, xpos = 0, both = 0, lemma = 0, uas = 0, las = 0, ulas = 0;
    double parse_time = 0;
    for (int s = 0; s < c.n; s++) {
        const sx_sent *st = &c.s[s];
        if (st->n > PL_MAX_SENT_TOKENS)
            continue;
        for (int i = 0; i < st->n; i++)
            forms[i] = st->w[i].form;
        pl_sentence *out;
        double a = now_s();
        if (pl_parse_tokens(p, forms, (uint32_t)st->n, &out) != PL_OK) {
            fprintf(stderr, "eval-syntax: %s\n", pl_errmsg(ctx));
            return 1;
        }
        parse_time += now_s() - a;
        for (int i = 0; i < st->n; i++) {
            const sx_word *g = &st->w[i];
            const pl_token *t = &out->tok[i];
            int u = strcmp(pl_upos_name(t->upos), g->upos) == 0;
            int x = strcmp(pl_xpos_name(t->xpos), g->xpos) == 0;
            int l = t->lemma && strcmp(t->lemma, g->lemma) == 0;
            int h = t->head == g->head;
            int lab = strcmp(pl_deprel_name(t->deprel), g->deprel) == 0;
            n++;
            upos += u;
            xpos += x;
            both += u && x;
            lemma += l;
            uas += h;
            las += h && lab;
            ulas += h && same_base(pl_deprel_name(t->deprel), g->deprel);
            if (conllu) {
                printf("%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t_\n", i + 1, t->form, t->lemma,
                       pl_upos_name(t->upos), pl_xpos_name(t->xpos), t->head,
                       pl_deprel_name(t->deprel));
                if (i == st->n - 1)
                    printf("\n");
                continue;
            }
            if (errors && !l)
                printf("LEMMA\t%s\t%s\t%s\t%s\n", g->form, pl_xpos_name(t->xpos), t->lemma, g->lemma);
            if (errors && !u)
                printf("UPOS\t%s\t%s\t%s\n", g->form, pl_upos_name(t->upos), g->upos);
        }
    }
    if (!errors) {
        printf("sentences %d, words %ld (gold tokenization, predicted tags)\n", c.n, n);
        printf("UPOS      %6.2f%%\n", 100.0 * (double)upos / (double)n);
        printf("XPOS      %6.2f%%\n", 100.0 * (double)xpos / (double)n);
        printf("UPOS+XPOS %6.2f%%\n", 100.0 * (double)both / (double)n);
        printf("lemma     %6.2f%%\n", 100.0 * (double)lemma / (double)n);
        printf("UAS       %6.2f%%\n", 100.0 * (double)uas / (double)n);
        printf("LAS       %6.2f%%  (relations with subtypes)\n", 100.0 * (double)las / (double)n);
        printf("LAS       %6.2f%%  (universal relations only, as CoNLL 2018)\n",
               100.0 * (double)ulas / (double)n);
    }
    if (rounds > 0) {
        double a = now_s();
        long words = 0;
        for (int r = 0; r < rounds; r++)
            for (int s = 0; s < c.n; s++) {
                const sx_sent *st = &c.s[s];
                if (st->n > PL_MAX_SENT_TOKENS)
                    continue;
                for (int i = 0; i < st->n; i++)
                    forms[i] = st->w[i].form;
                pl_sentence *out;
                if (pl_parse_tokens(p, forms, (uint32_t)st->n, &out) != PL_OK)
                    return 1;
                words += st->n;
            }
        double dt = now_s() - a;
        printf("speed     %.0f tokens/s (tag + lemma + parse, %ld tokens in %.2f s)\n",
               (double)words / dt, words, dt);
        printf("load      %.1f ms (map + validate + CRC-32)\n", 1000 * load);
    }
    (void)parse_time;
    free(forms);
    pl_parser_free(p);
    pl_model_free(m);
    sx_conllu_free(&c);
    pl_ctx_free(ctx);
    return 0;
}
