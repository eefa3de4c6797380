/*
 * cmd_code.c — `parley code`: articles in, events out. Streams: each
 * document's events are written as soon as it is coded, so memory stays
 * flat however large the input.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/core.h"
#include "write/writer.h"

static const cli_spec code_spec = {
    "code",
    "usage: parley code [options] FILE...\n"
    "\n"
    "Codes the political events of news articles: who did what to whom, when,\n"
    "with the sentence that says so. Inputs as for 'parley sentences' (text,\n"
    "JSON Lines, HTML, directories, '-' for standard input, .gz).\n"
    "\n"
    "options:\n"
    "  --format jsonl|gdelt|plover|petrarch|csv   output (default jsonl)\n"
    "  --date YYYY-MM-DD   date of documents that carry none (picks actor codes)\n"
    "  --from auto|text|jsonl|html   input format (default auto)\n"
    "  --keep-negated      also emit negated events (flagged \"negated\")\n"
    "  --all-mentions      one event per sentence, no merging within a document\n"
    "  --model FILE        syntax model (default: the shipped one)\n"
    "  --dict PATH         actor dictionaries (default: the shipped ones)\n"
    "  --verbs PATH        event patterns (default: the shipped ones)\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  -q, --quiet         no warnings, no progress line\n",
    OPT_FORMAT | OPT_DATE | OPT_FROM | OPT_OUT | OPT_QUIET | OPT_MODEL | OPT_DICT | OPT_VERBS |
        OPT_KEEP_NEGATED | OPT_ALL_MENTIONS,
    "jsonl|gdelt|plover|petrarch|csv", "jsonl"};

typedef struct run {
    pl_pipeline *pipe;
    FILE *out;
    int fmt;
    pl_events ev;
    pl_buf b;
    unsigned sentences;
} run;

static void count_sentence(void *ud, const pl_doc *doc, const pl_sentence *s, const pl_mentions *ms,
                           const pl_events *ev) {
    (void)doc, (void)s, (void)ms, (void)ev;
    ((run *)ud)->sentences++;
}

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    r->sentences = 0;
    int n = pl_pipeline_doc(r->pipe, doc, &r->ev, count_sentence, r);
    cli_progress_sentences(r->sentences);
    if (n < 0) {
        fprintf(stderr, "parley code: %s: %s\n", pl_doc_id(doc), pl_errmsg(ctx));
        return EXIT_FAIL;
    }
    r->b.len = 0;
    for (size_t i = 0; i < r->ev.n; i++)
        wr_event(&r->b, r->fmt, doc, &r->ev.e[i]);
    if (r->b.err) {
        fprintf(stderr, "parley code: out of memory\n");
        return EXIT_FAIL;
    }
    if (r->b.len)
        fwrite(r->b.p, 1, r->b.len, r->out);
    return 0;
}

int cmd_code(int argc, char **argv) {
    const cli_spec *spec = &code_spec;
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
    pl_pipeline_opts o = {a.model, a.dict, a.verbs, a.keep_negated ? PL_CODE_KEEP_NEGATED : 0u,
                          a.all_mentions};
    run r = {0};
    r.fmt = wr_format(a.format);
    r.pipe = pl_pipeline_open(ctx, &o);
    if (!r.pipe) {
        fprintf(stderr, "parley code: %s\n", pl_errmsg(ctx));
        pl_ctx_free(ctx);
        free(a.files);
        return EXIT_FAIL;
    }
    r.out = cli_output(spec, &a);
    if (!r.out) {
        pl_pipeline_close(r.pipe);
        pl_ctx_free(ctx);
        free(a.files);
        return EXIT_FAIL;
    }
    wr_header(&r.b, r.fmt);
    if (r.b.len)
        fwrite(r.b.p, 1, r.b.len, r.out);
    rc = cli_each_doc(spec, &a, ctx, one_doc, &r);
    int crc = cli_close_output(spec, r.out, a.out);
    pl_events_free(&r.ev);
    pl_buf_free(&r.b);
    pl_pipeline_close(r.pipe);
    pl_ctx_free(ctx);
    free(a.files);
    return rc ? rc : crc;
}
