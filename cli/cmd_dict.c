/*
 * cmd_dict.c — `parley dict`: dictionary tools. `import` converts a
 * PETRARCH/TABARI dictionary to parley's format; `check` loads dictionaries
 * and reports what they hold and how long loading took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static const char usage[] =
    "usage: parley dict import [--from petrarch] [--kind actors|agents|discard] [-o OUT] FILE\n"
    "       parley dict check [--dict PATH]... [-q]\n"
    "\n"
    "import  converts a PETRARCH or TABARI dictionary to parley's format\n"
    "        (docs/dictionaries.md) on standard output. The kind is taken from\n"
    "        the name (*.actors, *.agents, *.discard[s], with or without .txt),\n"
    "        else from the content; --kind says it outright.\n"
    "check   loads dictionaries (default: the shipped data) and prints how many\n"
    "        entries, names, agents and discard phrases they hold, the memory\n"
    "        they take and the load time. Warnings (a name given to two\n"
    "        entries) go to standard error unless -q. Exit status 1 on an error.\n";

static void log_stderr(void *ud, int level, const char *msg) {
    (void)ud;
    (void)level;
    fprintf(stderr, "parley dict: warning: %s\n", msg);
}

static int bad_usage(const char *msg, const char *arg) {
    fprintf(stderr, "parley dict: %s%s%s (see 'parley dict --help')\n", msg, arg ? " " : "",
            arg ? arg : "");
    return EXIT_USAGE;
}

static int dict_import(int argc, char **argv) {
    const char *file = NULL, *out = NULL;
    int format = PL_DICT_AUTO;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if ((strcmp(a, "--from") == 0 || strcmp(a, "--kind") == 0 || strcmp(a, "-o") == 0) &&
            i + 1 >= argc)
            return bad_usage("missing value for", a);
        if (strcmp(a, "--from") == 0) {
            const char *v = argv[++i];
            if (strcmp(v, "petrarch") != 0 && strcmp(v, "tabari") != 0)
                return bad_usage("unknown dictionary format (petrarch, tabari):", v);
        } else if (strcmp(a, "--kind") == 0) {
            const char *v = argv[++i];
            if (strcmp(v, "actors") == 0)
                format = PL_DICT_PETRARCH_ACTORS;
            else if (strcmp(v, "agents") == 0)
                format = PL_DICT_PETRARCH_AGENTS;
            else if (strcmp(v, "discard") == 0)
                format = PL_DICT_PETRARCH_DISCARD;
            else
                return bad_usage("unknown kind (actors, agents, discard):", v);
        } else if (strcmp(a, "-o") == 0) {
            out = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return bad_usage("unknown option", a);
        } else if (file) {
            return bad_usage("one FILE at a time; extra", a);
        } else {
            file = a;
        }
    }
    if (!file)
        return bad_usage("import needs a FILE", NULL);
    pl_ctx *ctx = pl_ctx_new();
    if (!ctx)
        return EXIT_FAIL;
    pl_set_log(ctx, log_stderr, NULL);
    char *text;
    size_t len;
    if (pl_dict_import(ctx, file, format, &text, &len) != PL_OK) {
        fprintf(stderr, "parley dict: %s\n", pl_errmsg(ctx));
        pl_ctx_free(ctx);
        return EXIT_FAIL;
    }
    pl_ctx_free(ctx);
    FILE *f = out && strcmp(out, "-") != 0 ? fopen(out, "w") : stdout;
    if (!f) {
        fprintf(stderr, "parley dict: %s: cannot open for writing\n", out);
        free(text);
        return EXIT_FAIL;
    }
    fwrite(text, 1, len, f);
    free(text);
    int bad = fflush(f) != 0 || ferror(f);
    if (f != stdout && fclose(f) != 0)
        bad = 1;
    if (bad) {
        fprintf(stderr, "parley dict: write error\n");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

static int dict_check(int argc, char **argv) {
    int quiet = 0, ndicts = 0;
    char **dicts = calloc((size_t)argc + 1, sizeof *dicts);
    if (!dicts)
        return EXIT_FAIL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc) {
            dicts[ndicts++] = argv[++i];
        } else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) {
            quiet = 1;
        } else if (argv[i][0] != '-') {
            dicts[ndicts++] = argv[i];
        } else {
            free(dicts);
            return bad_usage("unknown option", argv[i]);
        }
    }
    pl_ctx *ctx = pl_ctx_new();
    if (!ctx) {
        free(dicts);
        return EXIT_FAIL;
    }
    if (!quiet)
        pl_set_log(ctx, log_stderr, NULL);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pl_actors *a = ndicts ? pl_actors_new(ctx) : pl_actors_load(ctx, NULL);
    for (int i = 0; a && i < ndicts; i++)
        if (pl_actors_add(ctx, a, dicts[i], PL_DICT_AUTO) != PL_OK) {
            pl_actors_free(a);
            a = NULL;
        }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(dicts);
    if (!a) {
        fprintf(stderr, "parley dict: %s\n", pl_errmsg(ctx));
        pl_ctx_free(ctx);
        return EXIT_FAIL;
    }
    pl_actors_info info;
    pl_actors_info_get(a, &info);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("%zu files: %zu actors with %zu names, %zu agent phrases, %zu discard phrases; "
           "%.1f KiB; loaded in %.1f ms\n",
           info.files, info.entries, info.names, info.agents, info.discards,
           (double)info.bytes / 1024.0, ms);
    uint64_t warnings = pl_warnings(ctx);
    if (warnings)
        printf("%llu warning%s\n", (unsigned long long)warnings, warnings == 1 ? "" : "s");
    pl_actors_free(a);
    pl_ctx_free(ctx);
    return EXIT_OK;
}

int cmd_dict(int argc, char **argv) {
    if (argc < 1) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0 ||
        strcmp(argv[0], "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
    if (strcmp(argv[0], "import") == 0)
        return dict_import(argc - 1, argv + 1);
    if (strcmp(argv[0], "check") == 0)
        return dict_check(argc - 1, argv + 1);
    return bad_usage("unknown dict command (import, check):", argv[0]);
}
