/*
 * common.c — option parsing, output and the document loop shared by every
 * subcommand, so all of them speak the same options and exit codes.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const struct {
    const char *name;
    unsigned bit;
    int takes_value;
} optnames[] = {
    {"--format", OPT_FORMAT, 1}, {"--date", OPT_DATE, 1}, {"--db", OPT_DB, 1},
    {"-o", OPT_OUT, 1}, {"--output", OPT_OUT, 1}, {"--from", OPT_FROM, 1},
    {"--json", OPT_JSON, 0}, {"--quiet", OPT_QUIET, 0}, {"-q", OPT_QUIET, 0},
    {"--model", OPT_MODEL, 1}, {"--dict", OPT_DICT, 1}, {"--verbs", OPT_VERBS, 1},
    {"--keep-negated", OPT_KEEP_NEGATED, 0}, {"--all-mentions", OPT_ALL_MENTIONS, 0},
    {"--unknown", OPT_UNKNOWN, 0},
};

static int usage_error(const cli_spec *spec, const char *msg, const char *arg) {
    fprintf(stderr, "parley %s: %s '%s' (see 'parley %s --help')\n", spec->name, msg, arg, spec->name);
    return EXIT_USAGE;
}

static int format_ok(const char *list, const char *f) {
    size_t n = strlen(f);
    for (const char *p = list; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && strncmp(p, f, n) == 0)
            return 1;
        p = bar ? bar + 1 : NULL;
    }
    return 0;
}

int cli_parse(const cli_spec *spec, int argc, char **argv, cli_args *a, int *done) {
    memset(a, 0, sizeof *a);
    *done = 0;
    a->format = spec->deflt;
    a->files = calloc((size_t)argc + 1, sizeof *a->files);
    if (!a->files) {
        fprintf(stderr, "parley %s: out of memory\n", spec->name);
        return EXIT_FAIL;
    }
    int only_files = 0;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
            a->files[a->nfiles++] = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_files = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(spec->usage, stdout);
            *done = 1;
            return 0;
        }
        char *val = NULL, *eq = strchr(arg, '=');
        size_t nlen = eq && arg[1] == '-' ? (size_t)(eq - arg) : strlen(arg);
        size_t k, nopt = sizeof optnames / sizeof optnames[0];
        for (k = 0; k < nopt; k++)
            if (strlen(optnames[k].name) == nlen && strncmp(optnames[k].name, arg, nlen) == 0)
                break;
        if (k == nopt || !(spec->accept & optnames[k].bit))
            return usage_error(spec, "unknown option", arg);
        if (optnames[k].takes_value) {
            if (eq && arg[1] == '-')
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return usage_error(spec, "missing value for", optnames[k].name);
        } else if (eq && arg[1] == '-') {
            return usage_error(spec, "option takes no value", arg);
        }
        switch (optnames[k].bit) {
        case OPT_FORMAT:
            if (!format_ok(spec->formats, val))
                return usage_error(spec, "unknown format", val);
            a->format = val;
            break;
        case OPT_JSON: a->format = "jsonl"; break;
        case OPT_DATE: a->date = val; break;
        case OPT_DB: a->db = val; break;
        case OPT_OUT: a->out = val; break;
        case OPT_QUIET: a->quiet = 1; break;
        case OPT_MODEL: a->model = val; break;
        case OPT_DICT: a->dict = val; break;
        case OPT_VERBS: a->verbs = val; break;
        case OPT_KEEP_NEGATED: a->keep_negated = 1; break;
        case OPT_ALL_MENTIONS: a->all_mentions = 1; break;
        case OPT_UNKNOWN: a->unknown = 1; break;
        case OPT_FROM:
            if (strcmp(val, "text") == 0) a->from = PL_FMT_TEXT;
            else if (strcmp(val, "jsonl") == 0) a->from = PL_FMT_JSONL;
            else if (strcmp(val, "html") == 0) a->from = PL_FMT_HTML;
            else if (strcmp(val, "auto") == 0) a->from = PL_FMT_AUTO;
            else return usage_error(spec, "unknown input format", val);
            break;
        }
    }
    return 0;
}

static void log_stderr(void *ud, int level, const char *msg) {
    const char *name = ud;
    (void)level;
    fprintf(stderr, "parley %s: warning: %s\n", name, msg);
}

pl_ctx *cli_context(const cli_spec *spec, const cli_args *a) {
    pl_ctx *ctx = pl_ctx_new();
    if (!ctx) {
        fprintf(stderr, "parley %s: out of memory\n", spec->name);
        return NULL;
    }
    if (!a->quiet)
        pl_set_log(ctx, log_stderr, (void *)spec->name);
    if (a->date && pl_set_default_date(ctx, a->date) != PL_OK) {
        fprintf(stderr, "parley %s: --date: %s\n", spec->name, pl_errmsg(ctx));
        pl_ctx_free(ctx);
        return NULL;
    }
    return ctx;
}

FILE *cli_output(const cli_spec *spec, const cli_args *a) {
    FILE *f = stdout;
    if (a->out && strcmp(a->out, "-") != 0) {
        f = fopen(a->out, "w");
        if (!f) {
            fprintf(stderr, "parley %s: %s: cannot open for writing\n", spec->name, a->out);
            return NULL;
        }
    }
    setvbuf(f, NULL, _IOFBF, 1 << 20);
    return f;
}

int cli_close_output(const cli_spec *spec, FILE *out, const char *path) {
    int bad = fflush(out) != 0 || ferror(out);
    if (out != stdout && fclose(out) != 0)
        bad = 1;
    if (bad) {
        fprintf(stderr, "parley %s: %s: write error\n", spec->name,
                path && strcmp(path, "-") != 0 ? path : "<stdout>");
        return EXIT_FAIL;
    }
    return EXIT_OK;
}

/* ---- progress ------------------------------------------------------------ */

static struct {
    int on;
    unsigned long long docs, sents;
    struct timespec last;
} progress;

void cli_progress_sentences(unsigned n) {
    progress.sents += n;
}

static void progress_tick(int final) {
    if (!progress.on)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double dt = (double)(now.tv_sec - progress.last.tv_sec) +
                (double)(now.tv_nsec - progress.last.tv_nsec) / 1e9;
    if (!final && dt < 0.25)
        return;
    progress.last = now;
    fprintf(stderr, "\r%llu documents, %llu sentences%s", progress.docs, progress.sents,
            final ? "\n" : "");
}

int cli_each_doc(const cli_spec *spec, const cli_args *a, pl_ctx *ctx, cli_doc_fn fn, void *ud) {
    static char *dash[] = {"-"};
    char **files = a->nfiles ? a->files : dash;
    int nfiles = a->nfiles ? a->nfiles : 1;
    int rc = EXIT_OK;
    unsigned long long skipped = 0;
    progress.on = !a->quiet && isatty(2) && nfiles > 0;
    progress.docs = progress.sents = 0;
    clock_gettime(CLOCK_MONOTONIC, &progress.last);
    for (int i = 0; i < nfiles && rc == EXIT_OK; i++) {
        pl_reader *r = pl_reader_open(ctx, files[i], a->from);
        if (!r) {
            fprintf(stderr, "parley %s: %s\n", spec->name, pl_errmsg(ctx));
            rc = EXIT_FAIL;
            break;
        }
        pl_doc *doc;
        int got;
        while ((got = pl_reader_next(r, &doc)) == 1) {
            int frc = fn(ud, ctx, doc);
            pl_doc_free(doc);
            progress.docs++;
            progress_tick(0);
            if (frc != 0) {
                rc = frc;
                break;
            }
        }
        if (got < 0) {
            fprintf(stderr, "parley %s: %s\n", spec->name, pl_errmsg(ctx));
            rc = EXIT_FAIL;
        }
        skipped += pl_reader_skipped(r);
        pl_reader_close(r);
    }
    if (progress.on && progress.docs > 0)
        progress_tick(1);
    if (skipped) {
        fprintf(stderr, "parley %s: %llu input record%s skipped (see warnings)\n", spec->name,
                skipped, skipped == 1 ? "" : "s");
        if (rc == EXIT_OK)
            rc = EXIT_FAIL;
    }
    return rc;
}
