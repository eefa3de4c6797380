/*
 * cmd_parse.c — `parley parse`: the syntax stage on its own. Documents are
 * split into sentences and tokens, tagged, lemmatized and parsed, and
 * written as CoNLL-U, one document after another.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/core.h"

static const cli_spec parse_spec = {
    "parse",
    "usage: parley parse [options] FILE...\n"
    "\n"
    "Tags, lemmatizes and parses documents (UD English: UPOS, Penn XPOS,\n"
    "lemmas, basic dependencies) and writes CoNLL-U: '# newdoc id', then per\n"
    "sentence '# sent_id = DOCID-N' (N from 1) and '# text', one line per\n"
    "token, SpaceAfter=No in MISC where no space follows. Inputs as for\n"
    "'parley sentences' (text, JSON Lines, HTML, directories, '-', .gz).\n"
    "\n"
    "options:\n"
    "  --model FILE          syntax model (default: model/en-ewt.model in the\n"
    "                        data directory: ./data, $PARLEY_DATA, or\n"
    "                        ../share/parley beside the executable)\n"
    "  --from auto|text|jsonl|html   input format (default auto)\n"
    "  --date YYYY-MM-DD     date of documents that carry none\n"
    "  -o FILE               write to FILE instead of standard output\n"
    "  -q, --quiet           no warnings, no progress line\n",
    OPT_MODEL | OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET, NULL, NULL};

typedef struct run {
    FILE *out;
    pl_parser *parser;
    pl_buf b;
} run;

/* Text for a comment line: line breaks and tabs become spaces. */
static void put_flat(pl_buf *b, const char *s, size_t n) {
    size_t start = b->len;
    pl_buf_utf8(b, s, n);
    for (size_t i = start; i < b->len && !b->err; i++)
        if (b->p[i] == '\n' || b->p[i] == '\r' || b->p[i] == '\t')
            b->p[i] = ' ';
}

/* A CoNLL-U field: "_" when empty; never a tab or line break inside. */
static void put_field(pl_buf *b, const char *s) {
    if (!s || !*s) {
        pl_buf_putc(b, '_');
        return;
    }
    put_flat(b, s, strlen(s));
}

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    if (!z)
        return EXIT_FAIL;
    const char *text = pl_doc_text(doc), *id = pl_doc_id(doc);
    pl_buf *b = &r->b;
    b->len = 0;
    pl_buf_puts(b, "# newdoc id = ");
    put_flat(b, id, strlen(id));
    pl_buf_putc(b, '\n');
    fwrite(b->p, 1, b->len, r->out);
    pl_sentence *s;
    int got;
    unsigned count = 0;
    while ((got = pl_sentencer_next(z, &s)) == 1) {
        if (pl_parse(r->parser, s) != PL_OK) {
            fprintf(stderr, "parley parse: %s: %s\n", id, pl_errmsg(ctx));
            pl_sentencer_free(z);
            return EXIT_FAIL;
        }
        b->len = 0;
        pl_buf_puts(b, "# sent_id = ");
        put_flat(b, id, strlen(id));
        pl_buf_printf(b, "-%u\n# text = ", s->index + 1);
        put_flat(b, text + s->off, s->len);
        pl_buf_putc(b, '\n');
        for (uint32_t i = 0; i < s->ntok; i++) {
            const pl_token *t = &s->tok[i];
            pl_buf_printf(b, "%u\t", i + 1);
            put_field(b, t->form);
            pl_buf_putc(b, '\t');
            put_field(b, t->lemma);
            pl_buf_printf(b, "\t%s\t%s\t_\t%d\t%s\t_\t%s\n", pl_upos_name(t->upos),
                          pl_xpos_name(t->xpos), t->head, pl_deprel_name(t->deprel),
                          (t->flags & PL_TOK_SPACE_AFTER) || i + 1 == s->ntok ? "_"
                                                                               : "SpaceAfter=No");
        }
        pl_buf_putc(b, '\n');
        if (b->err) {
            fprintf(stderr, "parley parse: out of memory\n");
            pl_sentencer_free(z);
            return EXIT_FAIL;
        }
        fwrite(b->p, 1, b->len, r->out);
        count++;
    }
    pl_sentencer_free(z);
    cli_progress_sentences(count);
    if (got < 0)
        fprintf(stderr, "parley parse: %s: %s\n", id, pl_errmsg(ctx));
    return got < 0 ? EXIT_FAIL : 0;
}

int cmd_parse(int argc, char **argv) {
    const cli_spec *spec = &parse_spec;
    cli_args a;
    int done, rc = cli_parse(spec, argc, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    if (!ctx) {
        free(a.files);
        return EXIT_FAIL;
    }
    char path[4096];
    const char *model = a.model;
    if (!model) {
        if (pl_data_path(ctx, "model/en-ewt.model", path, sizeof path) != PL_OK) {
            fprintf(stderr, "parley parse: %s\n", pl_errmsg(ctx));
            pl_ctx_free(ctx);
            free(a.files);
            return EXIT_FAIL;
        }
        model = path;
    }
    run r = {NULL, NULL, {0}};
    pl_model *m = pl_model_load(ctx, model);
    if (!m || !(r.parser = pl_parser_new(ctx, m)) || !(r.out = cli_output(spec, &a))) {
        if (!m || !r.parser)
            fprintf(stderr, "parley parse: %s\n", pl_errmsg(ctx));
        pl_parser_free(r.parser);
        pl_model_free(m);
        pl_ctx_free(ctx);
        free(a.files);
        return EXIT_FAIL;
    }
    rc = cli_each_doc(spec, &a, ctx, one_doc, &r);
    int crc = cli_close_output(spec, r.out, a.out);
    pl_buf_free(&r.b);
    pl_parser_free(r.parser);
    pl_model_free(m);
    pl_ctx_free(ctx);
    free(a.files);
    return rc ? rc : crc;
}
