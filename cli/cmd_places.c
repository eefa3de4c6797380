/*
 * cmd_places.c — `parley places`: the places named in documents, resolved
 * against the gazetteer, with their spans, coordinates and the reasons
 * (the cue that made a name a place, what chose among its namesakes).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/core.h"

static const cli_spec places_spec = {
    "places",
    "usage: parley places [options] FILE...\n"
    "\n"
    "Lists the places documents name, each resolved to one gazetteer entry\n"
    "(data/places: GeoNames cities, countries, first-level subdivisions):\n"
    "doc, sentence, byte start and end, text, name, full name, GDELT type,\n"
    "country (ISO alpha-2 and alpha-3, FIPS), ADM1 code, latitude,\n"
    "longitude, GeoNames id, the cue (prep, noun, qualified, dateline or\n"
    "name) and why this entry among its namesakes (only, population,\n"
    "qualifier, context). Actor dictionaries are used to tell people and\n"
    "organizations from places; the syntax model, when found, to read cues\n"
    "from the parse. Inputs as for 'parley sentences'.\n"
    "\n"
    "options:\n"
    "  --format jsonl|text   output format (default jsonl)\n"
    "  --json                same as --format jsonl\n"
    "  --dict PATH           actor dictionaries (default: the shipped ones)\n"
    "  --model FILE          syntax model (default: the shipped one when present;\n"
    "                        'none', or no model found: cues from the words alone)\n"
    "  --date YYYY-MM-DD     date of documents that carry none\n"
    "  --from auto|text|jsonl|html   input format (default auto: by extension)\n"
    "  -o FILE               write to FILE instead of standard output\n"
    "  -q, --quiet           no warnings, no progress line\n",
    OPT_FORMAT | OPT_JSON | OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET | OPT_MODEL | OPT_DICT,
    "jsonl|text", "jsonl"};

typedef struct run {
    FILE *out;
    int json;
    pl_places *places;
    pl_placer *placer;
    pl_actors *actors;
    pl_coref *coref;
    pl_model *model;
    pl_parser *parser;
    pl_mentions ms;
    pl_place_list pl;
    pl_buf b;
} run;

static void put_flat(pl_buf *b, const char *s, size_t n, int json) {
    size_t start = b->len;
    if (json)
        pl_buf_json(b, s, n);
    else
        pl_buf_utf8(b, s, n);
    for (size_t i = start; i < b->len && !b->err; i++)
        if (b->p[i] == '\n' || b->p[i] == '\r' || b->p[i] == '\t')
            b->p[i] = ' ';
}

static void jstr(pl_buf *b, const char *k, const char *v) {
    pl_buf_printf(b, ",\"%s\":\"", k);
    pl_buf_json(b, v, strlen(v));
    pl_buf_putc(b, '"');
}

static void put_place(run *r, const pl_doc *doc, const pl_place *p) {
    pl_buf *b = &r->b;
    const pl_geo *g = &p->geo;
    const char *text = pl_doc_text(doc);
    if (r->json) {
        pl_buf_puts(b, "{\"doc\":\"");
        pl_buf_json(b, pl_doc_id(doc), strlen(pl_doc_id(doc)));
        pl_buf_printf(b, "\",\"sentence\":%d,\"tokens\":[%u,%u],\"start\":%u,\"end\":%u,\"text\":\"",
                      g->sentence, p->start, p->end, g->off, g->off + g->len);
        put_flat(b, text + g->off, g->len, 1);
        pl_buf_putc(b, '"');
        jstr(b, "name", g->name);
        jstr(b, "full", g->full);
        jstr(b, "type", pl_geo_type_name(g->type));
        jstr(b, "country", g->country);
        jstr(b, "iso3", g->iso3);
        jstr(b, "fips", g->fips);
        jstr(b, "adm1", g->adm1);
        pl_buf_printf(b, ",\"lat\":%.5f,\"lon\":%.5f,\"geonames\":%u", g->lat, g->lon, g->geonames);
        jstr(b, "feature", g->feature);
        jstr(b, "cue", pl_cue_name(p->cue));
        if (p->prep[0])
            jstr(b, "prep", p->prep);
        jstr(b, "why", pl_why_name(g->why));
        pl_buf_printf(b, ",\"candidates\":%u}\n", g->ncand);
    } else {
        pl_buf_printf(b, "%d\t%u-%u\t", g->sentence, g->off, g->off + g->len);
        put_flat(b, text + g->off, g->len, 0);
        pl_buf_putc(b, '\t');
        pl_buf_puts(b, g->full);
        pl_buf_printf(b, "\t%.4f,%.4f\t%s %s", g->lat, g->lon, pl_geo_type_name(g->type), g->adm1);
        if (g->geonames)
            pl_buf_printf(b, " geonames:%u", g->geonames);
        pl_buf_printf(b, "\t%s%s%s\t%s/%u\n", pl_cue_name(p->cue), p->prep[0] ? ":" : "", p->prep,
                      pl_why_name(g->why), g->ncand);
    }
}

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    if (!z)
        return EXIT_FAIL;
    pl_coref_reset(r->coref);
    pl_placer_reset(r->placer);
    pl_sentence *s;
    int got, rc = 0;
    unsigned count = 0;
    if (!r->json) {
        r->b.len = 0;
        pl_buf_puts(&r->b, "# ");
        pl_buf_puts(&r->b, pl_doc_id(doc));
        pl_buf_putc(&r->b, '\n');
        fwrite(r->b.p, 1, r->b.len, r->out);
    }
    while ((got = pl_sentencer_next(z, &s)) == 1) {
        if (r->parser && pl_parse(r->parser, s) != PL_OK) {
            rc = EXIT_FAIL;
            break;
        }
        if (pl_find_actors(ctx, r->actors, doc, s, r->coref, &r->ms) < 0 ||
            pl_find_places(r->placer, doc, s, &r->ms, &r->pl) < 0) {
            rc = EXIT_FAIL;
            break;
        }
        r->b.len = 0;
        for (size_t i = 0; i < r->pl.n; i++)
            put_place(r, doc, &r->pl.p[i]);
        if (r->b.err) {
            rc = EXIT_FAIL;
            break;
        }
        if (r->b.len)
            fwrite(r->b.p, 1, r->b.len, r->out);
        count++;
    }
    pl_sentencer_free(z);
    cli_progress_sentences(count);
    if (rc == 0 && got < 0)
        rc = EXIT_FAIL;
    if (rc)
        fprintf(stderr, "parley places: %s\n", pl_errmsg(ctx));
    return rc;
}

int cmd_places(int argc, char **argv) {
    cli_args a;
    int done, rc = cli_parse(&places_spec, argc, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    run r;
    memset(&r, 0, sizeof r);
    pl_ctx *ctx = cli_context(&places_spec, &a);
    if (!ctx) {
        free(a.files);
        return EXIT_FAIL;
    }
    r.json = strcmp(a.format, "jsonl") == 0;
    char path[4096];
    const char *model = a.model;
    if (!model && pl_data_path(ctx, "model/en-ewt.model", path, sizeof path) == PL_OK)
        model = path;
    if (model && strcmp(model, "none") == 0)
        model = NULL;
    rc = EXIT_FAIL;
    if (!(r.places = pl_places_load(ctx, NULL)) || !(r.placer = pl_placer_new(ctx, r.places)) ||
        !(r.actors = pl_actors_load(ctx, a.dict)) || !(r.coref = pl_coref_new(ctx, r.actors)) ||
        (model && (!(r.model = pl_model_load(ctx, model)) || !(r.parser = pl_parser_new(ctx, r.model))))) {
        fprintf(stderr, "parley places: %s\n", pl_errmsg(ctx));
    } else if ((r.out = cli_output(&places_spec, &a)) != NULL) {
        rc = cli_each_doc(&places_spec, &a, ctx, one_doc, &r);
        int crc = cli_close_output(&places_spec, r.out, a.out);
        if (!rc)
            rc = crc;
    }
    pl_place_list_free(&r.pl);
    pl_mentions_free(&r.ms);
    pl_buf_free(&r.b);
    pl_parser_free(r.parser);
    pl_model_free(r.model);
    pl_coref_free(r.coref);
    pl_actors_free(r.actors);
    pl_placer_free(r.placer);
    pl_places_free(r.places);
    pl_ctx_free(ctx);
    free(a.files);
    return rc;
}
