/*
 * cmd_sentences.c — `parley sentences` and `parley tokens`: the text stage
 * on its own, one sentence per line (tokens space-separated) or JSON Lines
 * with byte offsets into the document text.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/core.h"

static const cli_spec sentences_spec = {
    "sentences",
    "usage: parley sentences [options] FILE...\n"
    "\n"
    "Splits documents into sentences, one per line. FILE may be a text file\n"
    "(first non-empty line is the title), a JSON Lines file (.jsonl), an HTML\n"
    "page (.html), a directory (read recursively, in name order), or '-' for\n"
    "standard input; .gz files are read transparently.\n"
    "\n"
    "options:\n"
    "  --format text|jsonl   output format (default text: one sentence a line)\n"
    "  --json                same as --format jsonl: document id, sentence\n"
    "                        index, byte offsets, text, headline flag\n"
    "  --from auto|text|jsonl|html   input format (default auto: by extension)\n"
    "  --date YYYY-MM-DD     date of documents that carry none\n"
    "  -o FILE               write to FILE instead of standard output\n"
    "  -q, --quiet           no warnings, no progress line\n",
    OPT_FORMAT | OPT_JSON | OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET, "text|jsonl", "text"};

static const cli_spec tokens_spec = {
    "tokens",
    "usage: parley tokens [options] FILE...\n"
    "\n"
    "Tokenizes documents following UD English conventions: one sentence per\n"
    "line, tokens separated by spaces (text), or JSON Lines with each token's\n"
    "form and byte offsets. Inputs as for 'parley sentences'.\n"
    "\n"
    "options:\n"
    "  --format text|jsonl   output format (default text)\n"
    "  --json                same as --format jsonl\n"
    "  --from auto|text|jsonl|html   input format (default auto)\n"
    "  --date YYYY-MM-DD     date of documents that carry none\n"
    "  -o FILE               write to FILE instead of standard output\n"
    "  -q, --quiet           no warnings, no progress line\n",
    OPT_FORMAT | OPT_JSON | OPT_FROM | OPT_DATE | OPT_OUT | OPT_QUIET, "text|jsonl", "text"};

typedef struct run {
    FILE *out;
    int json, tokens;
    pl_buf b;
} run;

/* The sentence's text on one line: line breaks inside it become spaces. */
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

/* The sentence's token forms, space-separated, and a line break. This is
 * all `parley tokens` does per sentence, so it reserves once and copies:
 * a form not flagged PL_TOK_REPAIRED is the text's bytes, t->len long, and
 * a short one is copied from the text as a fixed 16 bytes when the text
 * has them (the reservation has 16 spare bytes for the overshoot). */
static void put_tokens(pl_buf *b, const pl_sentence *s, const char *text, size_t text_len) {
    size_t need = (s->ntok ? (size_t)s->ntok - 1 : 0) + 1; /* spaces, line break */
    unsigned any = 0;
    for (uint32_t i = 0; i < s->ntok; i++) {
        need += s->tok[i].len;
        any |= s->tok[i].flags;
    }
    if (any & PL_TOK_REPAIRED) /* rare: count those forms as they are */
        for (uint32_t i = 0; i < s->ntok; i++)
            if (s->tok[i].flags & PL_TOK_REPAIRED)
                need = need - s->tok[i].len + strlen(s->tok[i].form);
    char *p = pl_buf_reserve(b, need + 16);
    if (!p)
        return;
    for (uint32_t i = 0; i < s->ntok; i++) {
        const pl_token *t = &s->tok[i];
        if (i)
            *p++ = ' ';
        if (t->flags & PL_TOK_REPAIRED) {
            size_t n = strlen(t->form);
            memcpy(p, t->form, n);
            p += n;
        } else if (t->len <= 16 && (size_t)t->off + 16 <= text_len) {
            memcpy(p, text + t->off, 16);
            p += t->len;
        } else {
            memcpy(p, text + t->off, t->len);
            p += t->len;
        }
    }
    *p++ = '\n';
    *p = 0;
    b->len += need;
}

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    pl_sentencer *z = pl_sentencer_new(ctx, doc);
    if (!z)
        return EXIT_FAIL;
    pl_sentence *s;
    int got;
    const char *text = pl_doc_text(doc);
    unsigned count = 0;
    while ((got = pl_sentencer_next(z, &s)) == 1) {
        pl_buf *b = &r->b;
        b->len = 0;
        if (r->json) {
            pl_buf_puts(b, "{\"doc\":\"");
            pl_buf_json(b, pl_doc_id(doc), strlen(pl_doc_id(doc)));
            pl_buf_printf(b, "\",\"sentence\":%u,\"start\":%u,\"end\":%u", s->index, s->off,
                          s->off + s->len);
            if (!r->tokens) {
                pl_buf_puts(b, ",\"text\":\"");
                put_flat(b, text + s->off, s->len, 1);
                pl_buf_printf(b, "\",\"headline\":%s", (s->flags & PL_SENT_HEADLINE) ? "true" : "false");
            } else {
                pl_buf_puts(b, ",\"tokens\":[");
                for (uint32_t i = 0; i < s->ntok; i++) {
                    const pl_token *t = &s->tok[i];
                    pl_buf_puts(b, i ? ",{\"form\":\"" : "{\"form\":\"");
                    pl_buf_json(b, t->form, strlen(t->form));
                    pl_buf_printf(b, "\",\"start\":%u,\"end\":%u}", t->off, t->off + t->len);
                }
                pl_buf_putc(b, ']');
            }
            pl_buf_puts(b, "}\n");
        } else if (!r->tokens) {
            put_flat(b, text + s->off, s->len, 0);
            pl_buf_putc(b, '\n');
        } else {
            put_tokens(b, s, text, pl_doc_len(doc));
        }
        if (b->err) {
            pl_sentencer_free(z);
            return EXIT_FAIL;
        }
        fwrite(b->p, 1, b->len, r->out);
        count++;
    }
    pl_sentencer_free(z);
    cli_progress_sentences(count);
    return got < 0 ? EXIT_FAIL : 0;
}

static int run_cmd(const cli_spec *spec, int tokens, int argc, char **argv) {
    cli_args a;
    int done, rc = cli_parse(spec, argc, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    FILE *out = ctx ? cli_output(spec, &a) : NULL;
    if (!out) {
        pl_ctx_free(ctx);
        free(a.files);
        return EXIT_FAIL;
    }
    run r = {out, strcmp(a.format, "jsonl") == 0, tokens, {0}};
    rc = cli_each_doc(spec, &a, ctx, one_doc, &r);
    int crc = cli_close_output(spec, out, a.out);
    pl_buf_free(&r.b);
    pl_ctx_free(ctx);
    free(a.files);
    return rc ? rc : crc;
}

int cmd_sentences(int argc, char **argv) {
    return run_cmd(&sentences_spec, 0, argc, argv);
}

int cmd_tokens(int argc, char **argv) {
    return run_cmd(&tokens_spec, 1, argc, argv);
}
