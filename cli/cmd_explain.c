/*
 * cmd_explain.c — `parley explain`: for each sentence, the parse, the actors
 * and why each event was or was not coded, so that every field of an event
 * can be traced to a dictionary line.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/core.h"
#include "write/writer.h"

static const cli_spec explain_spec = {
    "explain",
    "usage: parley explain [options] FILE...\n"
    "       parley explain [options] --text \"A sentence.\"\n"
    "\n"
    "Shows, sentence by sentence, the parse (CoNLL-U columns), the actor\n"
    "mentions with their codes, the patterns tried and why each event was or\n"
    "was not coded, then the events.\n"
    "\n"
    "options:\n"
    "  --date YYYY-MM-DD   document date (picks dated actor codes)\n"
    "  --from auto|text|jsonl|html   input format\n"
    "  --keep-negated, --model FILE, --dict PATH, --verbs PATH  as for 'parley code'\n"
    "  -o FILE             write to FILE instead of standard output\n",
    OPT_DATE | OPT_FROM | OPT_OUT | OPT_QUIET | OPT_MODEL | OPT_DICT | OPT_VERBS | OPT_KEEP_NEGATED,
    "", NULL};

typedef struct run {
    pl_pipeline *pipe;
    FILE *out;
    pl_events ev;
    pl_buf b;
} run;

static void show(void *ud, const pl_doc *doc, const pl_sentence *s, const pl_mentions *ms,
                 const pl_events *ev) {
    run *r = ud;
    pl_buf *b = &r->b;
    b->len = 0;
    pl_buf_printf(b, "# sentence %u: ", s->index);
    pl_buf_utf8(b, pl_doc_text(doc) + s->off, s->len);
    pl_buf_puts(b, "\n");
    for (uint32_t i = 0; i < s->ntok; i++) {
        const pl_token *t = &s->tok[i];
        pl_buf_printf(b, "%u\t%s\t%s\t%s\t%s\t%d\t%s\n", i + 1, t->form, t->lemma ? t->lemma : "_",
                      pl_upos_name(t->upos), pl_xpos_name(t->xpos), t->head, pl_deprel_name(t->deprel));
    }
    for (size_t i = 0; i < ms->n; i++) {
        const pl_mention *m = &ms->m[i];
        pl_buf_puts(b, "actor: ");
        pl_buf_utf8(b, pl_doc_text(doc) + m->off, m->len);
        pl_buf_printf(b, " [tokens %u-%u] -> %s (%s, %s%s%s)\n", m->start + 1, m->end, m->code[0] ? m->code : "-",
                      pl_found_name(m->how), pl_actor_type_name(m->type), m->name[0] ? ": " : "", m->name);
    }
    if (ms->discard)
        pl_buf_puts(b, "discarded: a discard-list phrase\n");
    pl_buf_puts(b, "patterns:\n");
    if (ev->explain_len)
        pl_buf_put(b, ev->explain, ev->explain_len);
    else
        pl_buf_puts(b, "  (no predicate of this sentence heads a pattern)\n");
    for (size_t i = 0; i < ev->n; i++) {
        pl_buf_puts(b, "event: ");
        wr_event(b, WR_JSONL, doc, &ev->e[i]);
    }
    pl_buf_putc(b, '\n');
    if (!b->err)
        fwrite(b->p, 1, b->len, r->out);
}

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    if (pl_pipeline_doc(r->pipe, doc, &r->ev, show, r) < 0) {
        fprintf(stderr, "parley explain: %s\n", pl_errmsg(ctx));
        return EXIT_FAIL;
    }
    return 0;
}

int cmd_explain(int argc, char **argv) {
    const cli_spec *spec = &explain_spec;
    /* --text "sentence": explain a string given on the command line */
    const char *text = NULL;
    char **rest = malloc(((size_t)argc + 1) * sizeof *rest);
    int nrest = 0;
    if (!rest)
        return EXIT_FAIL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--text") == 0 && i + 1 < argc)
            text = argv[++i];
        else
            rest[nrest++] = argv[i];
    }
    cli_args a;
    int done, rc = cli_parse(spec, nrest, rest, &a, &done);
    if (rc || done) {
        free(a.files);
        free(rest);
        return rc;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    run r = {0};
    pl_pipeline_opts o = {a.model, a.dict, a.verbs,
                          PL_CODE_EXPLAIN | (a.keep_negated ? PL_CODE_KEEP_NEGATED : 0u), 1};
    if (ctx && !(r.pipe = pl_pipeline_open(ctx, &o)))
        fprintf(stderr, "parley explain: %s\n", pl_errmsg(ctx));
    if (r.pipe)
        r.out = cli_output(spec, &a);
    if (!r.out) {
        rc = EXIT_FAIL;
    } else if (text) {
        pl_doc *d = pl_doc_new(ctx, text, strlen(text), "text", a.date, NULL);
        rc = d ? one_doc(&r, ctx, d) : EXIT_FAIL;
        pl_doc_free(d);
    } else {
        rc = cli_each_doc(spec, &a, ctx, one_doc, &r);
    }
    int crc = r.out ? cli_close_output(spec, r.out, a.out) : EXIT_OK;
    pl_events_free(&r.ev);
    pl_buf_free(&r.b);
    pl_pipeline_close(r.pipe);
    pl_ctx_free(ctx);
    free(a.files);
    free(rest);
    return rc ? rc : crc;
}
