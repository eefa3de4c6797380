/*
 * fuzz_verbs_petrarch.c — the PETRARCH-2 verb dictionary importer
 * (pl_verbs_import_petrarch). Its output is parley's pattern format, so a
 * successful import is loaded with pl_verbs_load as well (a failure there
 * is reported, not a crash: the importer may pass on a pattern the loader
 * refuses with a message).
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pl_ctx *ctx = fz_ctx();
    const char *path = fz_file("in.verbs", data, size);
    char *out = NULL;
    size_t len = 0;
    int rc = pl_verbs_import_petrarch(ctx, path, &out, &len);
    FZ_ASSERT(rc == PL_OK || pl_errmsg(ctx)[0]);
    if (rc == PL_OK) {
        FZ_ASSERT(out && strlen(out) == len);
        const char *p2 = fz_file("imported.txt", out, len);
        pl_verbs *v = pl_verbs_load(ctx, p2);
        FZ_ASSERT(v || pl_errmsg(ctx)[0]);
        pl_verbs_free(v);
    }
    free(out);
    pl_ctx_free(ctx);
    return 0;
}
