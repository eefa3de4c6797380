/*
 * fuzz_places.c — the gazetteer loader (gazetteer.tsv with its header,
 * records and end count) and the aliases file. The input is the gazetteer,
 * optionally followed by a line "%%" and the aliases. A gazetteer that
 * loads is then used: names are looked up, and the input read as a
 * document has its places found and resolved.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *text = (const char *)data;
    size_t glen = size, aoff = size;
    for (size_t i = 0; i + 4 <= size; i++)
        if (memcmp(text + i, "\n%%\n", 4) == 0) {
            glen = i + 1;
            aoff = i + 4;
            break;
        }
    pl_ctx *ctx = fz_ctx();
    char dir[700];
    snprintf(dir, sizeof dir, "%s/places", fz_dir());
    FZ_ASSERT(mkdir_p_(dir) == 0);
    char gz[800], al[800];
    snprintf(gz, sizeof gz, "%s/places/gazetteer.tsv", fz_dir());
    snprintf(al, sizeof al, "%s/places/aliases.txt", fz_dir());
    FILE *f = fopen(gz, "wb");
    FZ_ASSERT(f && fwrite(text, 1, glen, f) == glen && fclose(f) == 0);
    if (aoff < size || size == 0) {
        f = fopen(al, "wb");
        FZ_ASSERT(f && fwrite(text + aoff, 1, size - aoff, f) == size - aoff && fclose(f) == 0);
    } else {
        remove(al);
    }
    pl_places *g = pl_places_load(ctx, dir);
    FZ_ASSERT(g || pl_errmsg(ctx)[0]);
    if (fz_verbose())
        fprintf(stderr, "load: %s\n", g ? "ok" : pl_errmsg(ctx));
    if (g) {
        pl_places_info info;
        pl_places_info_get(g, &info);
        FZ_ASSERT(info.countries > 0);
        int32_t ids[8];
        pl_geo geo;
        size_t n = pl_places_lookup(g, "Paris", 8, ids);
        for (size_t i = 0; i < n && i < 8; i++)
            FZ_ASSERT(pl_places_entry(g, ids[i], &geo) == PL_OK);
        FZ_ASSERT(pl_places_entry(g, -1, &geo) == PL_EARG);
        pl_doc *doc = pl_doc_new(ctx, text, size, "fuzz", "2024-06-01", NULL);
        FZ_ASSERT(doc);
        pl_sentencer *z = pl_sentencer_new(ctx, doc);
        pl_placer *pc = pl_placer_new(ctx, g);
        FZ_ASSERT(z && pc);
        pl_place_list pl = {0};
        pl_sentence *s;
        while (pl_sentencer_next(z, &s) == 1) {
            int k = pl_find_places(pc, doc, s, NULL, &pl);
            FZ_ASSERT(k >= 0 && (size_t)k == pl.n);
            for (size_t i = 0; i < pl.n; i++) {
                FZ_ASSERT(pl.p[i].start < pl.p[i].end && pl.p[i].end <= s->ntok);
                FZ_ASSERT(pl.p[i].geo.name != NULL);
            }
        }
        pl_place_list_free(&pl);
        pl_placer_free(pc);
        pl_sentencer_free(z);
        pl_doc_free(doc);
        pl_places_free(g);
    }
    pl_ctx_free(ctx);
    return 0;
}
