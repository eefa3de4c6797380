/*
 * fuzz_cli.c — the command line: cli_parse (cli/common.c) and the store
 * filters of `parley query` and `parley stats` (cli_store_filters) on
 * arbitrary argv. The input is split at NUL bytes into arguments; the first
 * byte picks which options the command accepts. Usage errors and --help
 * print (to /dev/null here); nothing may crash or read past argv.
 */
#include <fcntl.h>

#include "cli.h"
#include "fuzz.h"

static const cli_spec specs[] = {
    {"sentences", "usage\n", OPT_FORMAT | OPT_JSON | OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET,
     "text|jsonl", "text"},
    {"code", "usage\n",
     OPT_FORMAT | OPT_JSON | OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET | OPT_MODEL | OPT_DICT |
         OPT_VERBS | OPT_KEEP_NEGATED | OPT_ALL_MENTIONS | OPT_UNKNOWN,
     "jsonl|csv|gdelt|plover|tsv", "jsonl"},
    {"query", "usage\n", OPT_FORMAT | OPT_DB | OPT_OUT | OPT_QUIET, "table|jsonl|csv", "table"},
    {"none", "usage\n", 0, NULL, NULL},
};

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc, (void)argv;
    /* help and usage errors print: keep the fuzzer's output readable */
    int fd = open("/dev/null", O_WRONLY);
    if (fd >= 0) {
        dup2(fd, 1);
        close(fd);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 4096)
        return 0;
    const cli_spec *spec = &specs[data[0] % (sizeof specs / sizeof specs[0])];
    int filters = data[0] & 0x80;
    /* arguments: NUL-separated, each its own heap block so ASan sees
     * overreads; argv[argc] is NULL as in main() */
    size_t n = size - 1;
    const char *p = (const char *)data + 1;
    int argc = 0;
    for (size_t i = 0; i < n; i++)
        argc += p[i] == 0;
    argc += 1;
    char **argv = calloc((size_t)argc + 1, sizeof *argv);
    FZ_ASSERT(argv);
    int k = 0;
    for (size_t i = 0, start = 0; i <= n; i++) {
        if (i == n || p[i] == 0) {
            argv[k] = malloc(i - start + 1);
            FZ_ASSERT(argv[k]);
            memcpy(argv[k], p + start, i - start);
            argv[k][i - start] = 0;
            k++;
            start = i + 1;
        }
    }
    FZ_ASSERT(k == argc);
    char **orig = malloc((size_t)argc * sizeof *orig); /* argv may be reordered */
    FZ_ASSERT(orig);
    memcpy(orig, argv, (size_t)argc * sizeof *orig);
    int rest = argc, rc = 0;
    if (filters) {
        pl_query_opts q;
        memset(&q, 0, sizeof q);
        rc = cli_store_filters(spec, argc, argv, &q, &rest, data[0] & 0x40);
        FZ_ASSERT(rc == 0 || rc == EXIT_USAGE);
        FZ_ASSERT(rest >= 0 && rest <= argc);
        if (rc == 0) {
            pl_ctx *ctx = fz_ctx();
            int qrc = pl_query_check(ctx, &q);
            FZ_ASSERT(qrc == PL_OK || (qrc == PL_EARG && pl_errmsg(ctx)[0]));
            pl_ctx_free(ctx);
        }
    }
    if (rc == 0) {
        cli_args a;
        int done = 0;
        rc = cli_parse(spec, rest, argv, &a, &done);
        FZ_ASSERT(rc == 0 || rc == EXIT_USAGE);
        if (rc == 0 && !done) {
            FZ_ASSERT(a.nfiles >= 0 && a.nfiles <= rest);
            for (int i = 0; i < a.nfiles; i++)
                FZ_ASSERT(a.files[i] != NULL);
            FZ_ASSERT(a.format == spec->deflt || a.format != NULL);
        }
        free(a.files);
    }
    for (int i = 0; i < argc; i++)
        free(orig[i]);
    free(orig);
    free(argv);
    return 0;
}
