/*
 * fuzz_dict_import.c — the PETRARCH/TABARI dictionary importer
 * (pl_dict_import of a file): .actors, .agents, discard lists, and format
 * sniffing by content. What it writes must be parley's format: the output
 * of a successful import has to load with pl_actors_add_text, except for
 * the loader's limits on names (words per name, bytes per word), which
 * depend on how the tokenizer splits a phrase and which the importer does
 * not apply (the loader then says so, with the line: docs/robustness.md).
 */
#include "fuzz.h"

static const struct {
    int format;
    const char *name;
} formats[] = {
    {PL_DICT_AUTO, "in.actors"},
    {PL_DICT_AUTO, "in.agents"},
    {PL_DICT_AUTO, "in.discard"},
    {PL_DICT_AUTO, "in.dat"},
    {PL_DICT_PETRARCH_ACTORS, "in.dat"},
    {PL_DICT_PETRARCH_AGENTS, "in.dat"},
    {PL_DICT_PETRARCH_DISCARD, "in.dat"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1)
        return 0;
    unsigned pick = data[0] % (sizeof formats / sizeof formats[0]);
    pl_ctx *ctx = fz_ctx();
    const char *path = fz_file(formats[pick].name, data + 1, size - 1);
    char *out = NULL;
    size_t len = 0;
    int rc = pl_dict_import(ctx, path, formats[pick].format, &out, &len);
    FZ_ASSERT(rc == PL_OK || pl_errmsg(ctx)[0]);
    if (fz_verbose())
        fprintf(stderr, "import: %s\n", rc == PL_OK ? "ok" : pl_errmsg(ctx));
    if (rc == PL_OK) {
        FZ_ASSERT(out && strlen(out) == len);
        pl_actors *a = pl_actors_new(ctx);
        FZ_ASSERT(a);
        int lrc = pl_actors_add_text(ctx, a, "imported.txt", out, len, PL_DICT_PARLEY);
        const char *msg = pl_errmsg(ctx);
        if (lrc != PL_OK && !strstr(msg, "longer than") && !strstr(msg, "too long")) {
            fprintf(stderr, "import output does not load: %s\n", pl_errmsg(ctx));
            abort();
        }
        pl_actors_free(a);
    }
    free(out);
    pl_ctx_free(ctx);
    return 0;
}
