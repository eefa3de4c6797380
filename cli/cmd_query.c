/*
 * cmd_query.c — `parley query`: events out of an event store, selected by
 * date, actors, code, quad class, reporting source or words of the
 * evidence, printed as a table for a terminal or in the formats of
 * `parley code` (with the store's cross-article counts). Also the filter
 * options and the aligned table that `parley stats` shares.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "core/core.h"
#include "store/store.h"
#include "write/writer.h"

static const cli_spec query_spec = {
    "query",
    "usage: parley query --db FILE [filters] [options]\n"
    "\n"
    "Prints the events of an event store (see 'parley ingest'), merged across\n"
    "articles, in date order (then source, target, code). Filters combine\n"
    "with AND; actor and event codes match as prefixes.\n"
    "\n"
    "filters:\n"
    "  --from-date DATE    events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)\n"
    "  --to-date DATE      events on or before DATE (a month or year: its last day)\n"
    "  --actor CODE        source or target code starts with CODE (RUS: RUSGOV too)\n"
    "  --source CODE       source (Actor1) code starts with CODE\n"
    "  --target CODE       target (Actor2) code starts with CODE\n"
    "  --dyad A,B          source starts with A and target with B (directed)\n"
    "  --code CODE         CAMEO event code starts with CODE (19: root, 190, 0421)\n"
    "  --quad N            quad class: 1 verbal cooperation, 2 material cooperation,\n"
    "                      3 verbal conflict, 4 material conflict\n"
    "  --source-name NAME  reported by a document from NAME (its source field, else\n"
    "                      its url's host; case-insensitive)\n"
    "  --doc ID            reported by document ID\n"
    "  --text QUERY        evidence sentences match the full-text QUERY: words (all\n"
    "                      must occur; stemmed: sanction = sanctions), \"a phrase\",\n"
    "                      OR, NOT, prefix*\n"
    "  --min-articles N    reported by at least N documents\n"
    "\n"
    "options:\n"
    "  --db FILE           the event store (required)\n"
    "  --format table|jsonl|csv|gdelt|plover|petrarch   output (default table)\n"
    "  --mentions          one line per mention (every article and sentence)\n"
    "                      instead of one per event\n"
    "  --limit N           at most N lines\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  -q, --quiet         no warnings\n"
    "\n"
    "jsonl, csv, gdelt, plover and petrarch lines are those of 'parley code'\n"
    "for the event's first mention; GDELT's NumMentions, NumSources and\n"
    "NumArticles are the store's, and jsonl and csv add event_id, num_mentions,\n"
    "num_sources and num_articles. DATE filters leave out events of unknown date.\n",
    OPT_DB | OPT_FORMAT | OPT_OUT | OPT_QUIET | OPT_JSON,
    "table|jsonl|csv|gdelt|plover|petrarch", "table"};

/* ---- filters ------------------------------------------------------------ */

enum { F_FROM, F_TO, F_ACTOR, F_SOURCE, F_TARGET, F_DYAD, F_CODE, F_QUAD, F_SNAME, F_DOC, F_TEXT,
       F_MINART, F_LIMIT, F_MENTIONS };

static const struct {
    const char *name;
    int id, takes_value, query_only;
} filters[] = {
    {"--from-date", F_FROM, 1, 0},   {"--to-date", F_TO, 1, 0},       {"--actor", F_ACTOR, 1, 0},
    {"--source", F_SOURCE, 1, 0},    {"--target", F_TARGET, 1, 0},    {"--dyad", F_DYAD, 1, 0},
    {"--code", F_CODE, 1, 0},        {"--quad", F_QUAD, 1, 0},        {"--source-name", F_SNAME, 1, 0},
    {"--doc", F_DOC, 1, 0},          {"--text", F_TEXT, 1, 0},        {"--min-articles", F_MINART, 1, 0},
    {"--limit", F_LIMIT, 1, 1},      {"--mentions", F_MENTIONS, 0, 1},
};

static int filter_error(const cli_spec *spec, const char *msg, const char *arg) {
    fprintf(stderr, "parley %s: %s '%s' (see 'parley %s --help')\n", spec->name, msg, arg, spec->name);
    return EXIT_USAGE;
}

/* A whole number in [lo, hi]; -1 when v is not one. */
static long long number(const char *v, long long lo, long long hi) {
    char *end;
    long long n = strtoll(v, &end, 10);
    return *v && !*end && n >= lo && n <= hi ? n : -1;
}

int cli_store_filters(const cli_spec *spec, int argc, char **argv, pl_query_opts *q, int *nrest,
                      int per_query) {
    memset(q, 0, sizeof *q);
    int n = 0, only_files = 0;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (only_files || strncmp(arg, "--", 2) != 0 || strcmp(arg, "--") == 0) {
            only_files |= strcmp(arg, "--") == 0;
            argv[n++] = arg;
            continue;
        }
        char *eq = strchr(arg, '=');
        size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
        size_t k, nf = sizeof filters / sizeof filters[0];
        for (k = 0; k < nf; k++)
            if (strlen(filters[k].name) == nlen && strncmp(filters[k].name, arg, nlen) == 0)
                break;
        if (k == nf || (filters[k].query_only && !per_query)) {
            argv[n++] = arg; /* cli_parse's, or unknown: it says so */
            continue;
        }
        char *val = NULL;
        if (filters[k].takes_value) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return filter_error(spec, "missing value for", filters[k].name);
        } else if (eq) {
            return filter_error(spec, "option takes no value", arg);
        }
        long long num;
        switch (filters[k].id) {
        case F_FROM: q->from_date = val; break;
        case F_TO: q->to_date = val; break;
        case F_ACTOR: q->actor = val; break;
        case F_SOURCE: q->source = val; break;
        case F_TARGET: q->target = val; break;
        case F_CODE: q->code = val; break;
        case F_SNAME: q->source_name = val; break;
        case F_DOC: q->doc = val; break;
        case F_TEXT: q->text = val; break;
        case F_MENTIONS: q->mentions = 1; break;
        case F_DYAD: {
            char *comma = strchr(val, ',');
            if (!comma || comma == val || !comma[1] || strchr(comma + 1, ','))
                return filter_error(spec, "--dyad wants SOURCE,TARGET, not", val);
            *comma = 0;
            q->source = val;
            q->target = comma + 1;
            break;
        }
        case F_QUAD:
            if ((num = number(val, 1, 4)) < 0)
                return filter_error(spec, "--quad wants 1, 2, 3 or 4, not", val);
            q->quad = (int)num;
            break;
        case F_MINART:
            if ((num = number(val, 1, UINT32_MAX)) < 0)
                return filter_error(spec, "--min-articles wants a positive number, not", val);
            q->min_articles = (uint32_t)num;
            break;
        case F_LIMIT:
            if ((num = number(val, 1, INT64_MAX)) < 0)
                return filter_error(spec, "--limit wants a positive number, not", val);
            q->limit = (uint64_t)num;
            break;
        }
    }
    *nrest = n;
    pl_ctx *ctx = pl_ctx_new();
    if (!ctx) {
        fprintf(stderr, "parley %s: out of memory\n", spec->name);
        return EXIT_FAIL;
    }
    int rc = EXIT_OK;
    if (pl_query_check(ctx, q) != PL_OK) {
        fprintf(stderr, "parley %s: --%s (see 'parley %s --help')\n", spec->name, pl_errmsg(ctx),
                spec->name);
        rc = EXIT_USAGE;
    }
    pl_ctx_free(ctx);
    return rc;
}

/* ---- aligned tables ----------------------------------------------------- */

#define TABLE_BUFFER 500  /* rows whose widths set the columns */
#define TABLE_COLS 12

struct cli_table {
    FILE *out;
    int ncols;
    const char *align;          /* 'l' or 'r' per column */
    size_t width[TABLE_COLS];
    char **rows;                /* buffered rows, ncols cells each */
    size_t nrows;
    int streaming;              /* widths fixed: rows go straight out */
    size_t term;                /* terminal width, 0 when not a terminal */
};

/* Display width: code points, not bytes. */
static size_t width_of(const char *s) {
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

/* A copy of s with whitespace runs made one space, trimmed. */
static char *squeeze(const char *s) {
    size_t n = strlen(s), k = 0;
    char *o = malloc(n + 1);
    if (!o)
        return NULL;
    int space = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!space)
                o[k++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        o[k++] = c;
    }
    while (k > 0 && o[k - 1] == ' ')
        k--;
    o[k] = 0;
    return o;
}

/* Writes s cut to cap characters (at a character boundary, with "…"). */
static void put_cut(FILE *out, const char *s, size_t cap) {
    if (!cap || width_of(s) <= cap) {
        fputs(s, out);
        return;
    }
    size_t w = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++w == cap)
            break;
    }
    fwrite(s, 1, i, out);
    fputs("\xe2\x80\xa6", out);
}

static void print_row(cli_table *t, char *const *cells) {
    size_t used = 0;
    for (int c = 0; c < t->ncols; c++) {
        const char *s = cells[c] ? cells[c] : "";
        size_t w = width_of(s), pad = t->width[c] > w ? t->width[c] - w : 0;
        if (c == t->ncols - 1) {
            size_t room = t->term > used + 20 ? t->term - used : 20;
            if (t->align[c] == 'r')
                fprintf(t->out, "%*s", (int)pad, "");
            put_cut(t->out, s, t->term ? room : 0);
            fputc('\n', t->out);
        } else if (t->align[c] == 'r') {
            fprintf(t->out, "%*s%s  ", (int)pad, "", s);
        } else {
            fprintf(t->out, "%s%*s  ", s, (int)pad, "");
        }
        used += (w > t->width[c] ? w : t->width[c]) + 2;
    }
}

static void flush_rows(cli_table *t) {
    for (size_t r = 0; r < t->nrows; r++) {
        print_row(t, t->rows + r * t->ncols);
        for (int c = 0; c < t->ncols; c++)
            free(t->rows[r * t->ncols + c]);
    }
    t->nrows = 0;
}

cli_table *cli_table_new(FILE *out, int ncols, const char *const *header, const char *align) {
    cli_table *t = calloc(1, sizeof *t);
    if (!t || ncols > TABLE_COLS ||
        !(t->rows = calloc((size_t)(TABLE_BUFFER + 1) * (size_t)ncols, sizeof *t->rows))) {
        free(t);
        return NULL;
    }
    t->out = out;
    t->ncols = ncols;
    t->align = align;
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0)
        t->term = ws.ws_col;
    cli_table_row(t, header);
    return t;
}

void cli_table_row(cli_table *t, const char *const *cells) {
    char *row[TABLE_COLS];
    for (int c = 0; c < t->ncols; c++) {
        row[c] = squeeze(cells[c] ? cells[c] : "");
        size_t w = row[c] ? width_of(row[c]) : 0;
        if (!t->streaming && w > t->width[c])
            t->width[c] = w;
    }
    if (t->streaming) {
        print_row(t, row);
        for (int c = 0; c < t->ncols; c++)
            free(row[c]);
        return;
    }
    memcpy(t->rows + t->nrows * (size_t)t->ncols, row, (size_t)t->ncols * sizeof *row);
    if (++t->nrows > TABLE_BUFFER) {
        flush_rows(t);
        t->streaming = 1;
    }
}

void cli_table_end(cli_table *t) {
    if (!t)
        return;
    flush_rows(t);
    free(t->rows);
    free(t);
}

/* ---- the command -------------------------------------------------------- */

static void table_event(cli_table *t, const pl_stored_event *se) {
    char quad[8], gold[16], nm[16], ns[16], na[16];
    snprintf(quad, sizeof quad, "%d", se->ev.quad);
    snprintf(gold, sizeof gold, "%.1f", se->ev.goldstein);
    snprintf(nm, sizeof nm, "%u", se->ev.mentions);
    snprintf(ns, sizeof ns, "%u", se->num_sources);
    snprintf(na, sizeof na, "%u", se->num_articles);
    char ev[4096];
    snprintf(ev, sizeof ev, "%.*s", (int)se->ev.sent_len, pl_doc_text(se->doc) + se->ev.sent_off);
    const char *cells[] = {se->ev.date[0] ? se->ev.date : "-",
                           se->ev.source.code[0] ? se->ev.source.code : "-",
                           se->ev.target.code[0] ? se->ev.target.code : "-",
                           se->ev.code, quad, gold, nm, ns, na, pl_doc_id(se->doc), ev};
    cli_table_row(t, cells);
}

int cmd_query(int argc, char **argv) {
    const cli_spec *spec = &query_spec;
    pl_query_opts qo;
    int nrest, rc = cli_store_filters(spec, argc, argv, &qo, &nrest, 1);
    if (rc)
        return rc;
    cli_args a;
    int done;
    rc = cli_parse(spec, nrest, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    if (a.nfiles) {
        fprintf(stderr, "parley query: unexpected argument '%s' (see 'parley query --help')\n", a.files[0]);
        free(a.files);
        return EXIT_USAGE;
    }
    if (!a.db) {
        fprintf(stderr, "parley query: missing --db FILE (see 'parley query --help')\n");
        free(a.files);
        return EXIT_USAGE;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    if (!ctx) {
        free(a.files);
        return EXIT_FAIL;
    }
    pl_store *st = pl_store_open(ctx, a.db, 0);
    pl_query *q = st ? pl_query_new(st, &qo) : NULL;
    FILE *out = q ? cli_output(spec, &a) : NULL;
    if (!q) {
        fprintf(stderr, "parley query: %s\n", pl_errmsg(ctx));
        rc = EXIT_FAIL;
    }
    const pl_stored_event *se = NULL;
    int got = q ? pl_query_next(q, &se) : 0; /* a bad --text shows here: before any output */
    if (got < 0) {
        fprintf(stderr, "parley query: %s\n", pl_errmsg(ctx));
        rc = EXIT_FAIL;
        cli_close_output(spec, out, a.out);
        out = NULL;
    }
    if (out) {
        int table = strcmp(a.format, "table") == 0, fmt = table ? -1 : wr_format(a.format);
        cli_table *t = NULL;
        pl_buf b = {0};
        if (table) {
            static const char *const header[] = {"date", "source", "target", "code", "quad",
                                                 "goldstein", "mentions", "sources", "articles",
                                                 "doc", "evidence"};
            t = cli_table_new(out, 11, header, "llllrrrrrll");
        } else {
            st_write_header(&b, fmt);
        }
        for (; got == 1; got = pl_query_next(q, &se)) {
            if (t) {
                table_event(t, se);
                continue;
            }
            st_write_event(&b, fmt, se);
            if (b.len > (1 << 16)) {
                fwrite(b.p, 1, b.len, out);
                b.len = 0;
            }
        }
        if (b.len && !b.err)
            fwrite(b.p, 1, b.len, out);
        cli_table_end(t);
        if (got < 0 || b.err || (table && !t)) {
            fprintf(stderr, "parley query: %s\n", got < 0 ? pl_errmsg(ctx) : "out of memory");
            rc = EXIT_FAIL;
        }
        pl_buf_free(&b);
        int crc = cli_close_output(spec, out, a.out);
        if (!rc)
            rc = crc;
    } else if (q && !rc) {
        rc = EXIT_FAIL;
    }
    pl_query_free(q);
    pl_store_close(st);
    pl_ctx_free(ctx);
    free(a.files);
    return rc;
}
