/*
 * evalcoder.c — scores the coder on labelled sentences: each line
 * "sentence<TAB>label" where label is the PentaClass of its main event
 * (0 statement/appeal 01-02, 1 verbal cooperation 03-05, 2 material
 * cooperation 06-08, 3 verbal conflict 09-13 and 16, 4 material conflict
 * 14, 15, 17-20). The main event is the first one parley emits.
 *
 * usage: evalcoder FILE.tsv [-v]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parley.h"

static int penta(const char *code) {
    int root = (code[0] - '0') * 10 + (code[1] - '0');
    if (root <= 2) return 0;
    if (root <= 5) return 1;
    if (root <= 8) return 2;
    if (root <= 13 || root == 16) return 3;
    return 4;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: evalcoder FILE.tsv [-v]\n");
        return 2;
    }
    int verbose = argc > 2;
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    pl_ctx *ctx = pl_ctx_new();
    pl_pipeline *p = pl_pipeline_open(ctx, NULL);
    if (!p) {
        fprintf(stderr, "evalcoder: %s\n", pl_errmsg(ctx));
        return 1;
    }
    long conf[5][6] = {{0}}; /* [gold][predicted], 5 = no event */
    long n = 0, with = 0;
    char line[8192];
    pl_events ev = {0};
    while (fgets(line, sizeof line, f)) {
        char *tab = strrchr(line, '\t');
        if (!tab)
            continue;
        *tab = 0;
        int gold = atoi(tab + 1);
        if (gold < 0 || gold > 4)
            continue;
        pl_doc *d = pl_doc_new(ctx, line, strlen(line), NULL, NULL, NULL);
        if (!d)
            continue;
        int k = pl_pipeline_doc(p, d, &ev, NULL, NULL);
        /* the main event: the first not told as background in a noun's
         * modifier ("forces backed by Russia attacked ..."), else the first */
        size_t main = 0;
        while (main < ev.n && (ev.e[main].flags & PL_EV_BACKGROUND))
            main++;
        if (main == ev.n)
            main = 0;
        int pred = k > 0 ? penta(ev.e[main].code) : 5;
        conf[gold][pred]++;
        n++;
        with += k > 0;
        if (verbose && pred != gold)
            printf("gold %d got %s: %s\n", gold, k > 0 ? ev.e[main].code : "-", line);
        pl_doc_free(d);
    }
    fclose(f);
    long right = 0;
    double f1sum = 0;
    printf("class  gold  predicted  correct  P      R      F1\n");
    for (int c = 0; c < 5; c++) {
        long tp = conf[c][c], g = 0, pr = 0;
        for (int j = 0; j < 6; j++) g += conf[c][j];
        for (int i = 0; i < 5; i++) pr += conf[i][c];
        double P = pr ? (double)tp / pr : 0, R = g ? (double)tp / g : 0;
        double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
        printf("%d      %4ld  %9ld  %7ld  %.3f  %.3f  %.3f\n", c, g, pr, tp, P, R, F);
        right += tp;
        f1sum += F;
    }
    long covered_right = right;
    printf("sentences: %ld; with an event: %ld (%.1f%%)\n", n, with, n ? 100.0 * with / n : 0);
    printf("PentaClass accuracy (no event = wrong): %.1f%%; macro-F1: %.3f\n",
           n ? 100.0 * right / n : 0, f1sum / 5);
    printf("accuracy on sentences with an event: %.1f%%\n", with ? 100.0 * covered_right / with : 0);
    pl_events_free(&ev);
    pl_pipeline_close(p);
    pl_ctx_free(ctx);
    return 0;
}
