/*
 * eval-places.c — `make eval-places`: accuracy of place resolution on the
 * test sets in tests/data/places (.tsv files) (format in eval-places.h).
 *
 *   build/tools/eval-places [--model FILE|--no-model] [--dict PATH]
 *                           [--places PATH] FILE...
 *
 * Prints each miss, then one line per file and a total: exact accuracy
 * (the right entry) and country accuracy. Without --model the shipped
 * syntax model is used when present (--no-model: words only).
 *
 *   build/tools/eval-places --load N [--places PATH]
 *
 * loads the gazetteer N times and prints the median load time in ms and
 * the memory it holds (tools/bench-places.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eval-places.h"

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int load_bench(int n, const char *places) {
    pl_ctx *ctx = pl_ctx_new();
    double *ms = calloc((size_t)n, sizeof *ms);
    size_t bytes = 0;
    int rc = ctx && ms ? 0 : 1;
    for (int i = 0; rc == 0 && i < n; i++) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pl_places *g = pl_places_load(ctx, places);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (!g) {
            fprintf(stderr, "eval-places: %s\n", pl_errmsg(ctx));
            rc = 1;
            break;
        }
        pl_places_info info;
        pl_places_info_get(g, &info);
        bytes = info.bytes;
        ms[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        pl_places_free(g);
    }
    if (rc == 0) {
        qsort(ms, (size_t)n, sizeof *ms, cmp_double);
        printf("%.1f %zu\n", ms[n / 2], bytes);
    }
    free(ms);
    pl_ctx_free(ctx);
    return rc;
}

int main(int argc, char **argv) {
    const char *model = NULL, *dict = NULL, *places = NULL;
    int nomodel = 0, first = 1, load = 0;
    for (; first < argc && argv[first][0] == '-' && argv[first][1] == '-'; first++) {
        if (strcmp(argv[first], "--no-model") == 0)
            nomodel = 1;
        else if (first + 1 < argc && strcmp(argv[first], "--model") == 0)
            model = argv[++first];
        else if (first + 1 < argc && strcmp(argv[first], "--dict") == 0)
            dict = argv[++first];
        else if (first + 1 < argc && strcmp(argv[first], "--places") == 0)
            places = argv[++first];
        else if (first + 1 < argc && strcmp(argv[first], "--load") == 0)
            load = atoi(argv[++first]);
        else {
            fprintf(stderr, "usage: eval-places [--model FILE|--no-model] [--dict PATH] "
                            "[--places PATH] FILE...\n");
            return 2;
        }
    }
    if (load > 0)
        return load_bench(load, places);
    if (first >= argc) {
        fprintf(stderr, "eval-places: no test file\n");
        return 2;
    }
    pl_ctx *ctx = pl_ctx_new();
    if (!ctx)
        return 1;
    char path[4096];
    if (!model && !nomodel && pl_data_path(ctx, "model/en-ewt.model", path, sizeof path) == PL_OK)
        model = path;
    pl_places *g = pl_places_load(ctx, places);
    pl_actors *a = g ? pl_actors_load(ctx, dict) : NULL;
    pl_model *m = a && model ? pl_model_load(ctx, model) : NULL;
    pl_parser *p = m ? pl_parser_new(ctx, m) : NULL;
    int rc = 0;
    if (!g || !a || (model && !p)) {
        fprintf(stderr, "eval-places: %s\n", pl_errmsg(ctx));
        rc = 1;
    }
    ep_result all = {0, 0, 0};
    for (int i = first; rc == 0 && i < argc; i++) {
        ep_result r = {0, 0, 0};
        if (ep_run(ctx, g, a, p, argv[i], stdout, &r) != 0) {
            rc = 1;
            break;
        }
        printf("%s: %zu names, accuracy %.1f%% (%zu), country accuracy %.1f%% (%zu)\n", argv[i],
               r.total, r.total ? 100.0 * (double)r.correct / (double)r.total : 0.0, r.correct,
               r.total ? 100.0 * (double)r.country_ok / (double)r.total : 0.0, r.country_ok);
        all.total += r.total;
        all.correct += r.correct;
        all.country_ok += r.country_ok;
    }
    if (rc == 0)
        printf("places (%s): %zu names, accuracy %.1f%%, country accuracy %.1f%%\n",
               p ? "parsed" : "words only", all.total,
               all.total ? 100.0 * (double)all.correct / (double)all.total : 0.0,
               all.total ? 100.0 * (double)all.country_ok / (double)all.total : 0.0);
    pl_parser_free(p);
    pl_model_free(m);
    pl_actors_free(a);
    pl_places_free(g);
    pl_ctx_free(ctx);
    return rc;
}
