/*
 * cmd_report.c — `parley report`: one self-contained HTML page about the
 * events of a store or of a JSON Lines file (timeline, dyad network, map,
 * table of events with their evidence). The filters are those of `parley
 * query` (cli_store_filters); the page is made by the library (src/report).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_spec report_spec = {
    "report",
    "usage: parley report --db FILE [filters] [options] -o report.html\n"
    "       parley report --events FILE.jsonl [filters] [options] -o report.html\n"
    "\n"
    "Writes one self-contained HTML page about a set of events: a timeline of\n"
    "events per day by quad class with the Goldstein sum, the strongest country\n"
    "pairs as a network, a map of event locations, and a sortable, filterable\n"
    "table of the most recent events with their evidence sentences (actor and\n"
    "predicate words highlighted). The page loads nothing from the network.\n"
    "\n"
    "input (one of):\n"
    "  --db FILE           an event store (see 'parley ingest'): merged events\n"
    "  --events FILE       a JSON Lines file of 'parley code' (or 'parley query\n"
    "                      --format jsonl'); .gz is read as such, '-' is standard\n"
    "                      input; one event per line, not merged across articles\n"
    "  FILE                by extension: .jsonl, .ndjson (optionally .gz) are\n"
    "                      events, anything else a store\n"
    "\n"
    "options:\n"
    "  -o FILE             write the page to FILE instead of standard output\n"
    "  --dyad A,B          add a timeline of the events whose source starts with A\n"
    "                      and target with B (to restrict the whole report to a\n"
    "                      dyad, use --source A --target B)\n"
    "  --title TEXT        the page's heading (default: parley report)\n"
    "  --table N           events in the table, the most recent (default 2000)\n"
    "  --top N             country pairs in the network (default 30)\n"
    "  --map FILE|none     country outlines (default: the shipped data/map)\n"
    "  -q, --quiet         no warnings\n"
    "\n"
    "filters, as for 'parley query': --from-date, --to-date, --actor, --source,\n"
    "--target, --code, --quad, --doc, --min-articles; with --db also\n"
    "--source-name and --text. See docs/report.md.\n",
    OPT_DB | OPT_OUT | OPT_QUIET, "", ""};

typedef struct ropts {
    char *dyad, *events, *title, *map;
    uint32_t table, top;
} ropts;

static int usage(const char *msg, const char *arg) {
    fprintf(stderr, "parley report: %s '%s' (see 'parley report --help')\n", msg, arg);
    return EXIT_USAGE;
}

static int count_arg(const char *name, const char *v, uint32_t *out) {
    char *end;
    long long n = strtoll(v, &end, 10);
    if (!*v || *end || n < 1 || n > 1000000) {
        fprintf(stderr, "parley report: %s wants a number from 1 to 1000000, not '%s'\n", name, v);
        return EXIT_USAGE;
    }
    *out = (uint32_t)n;
    return 0;
}

/* Takes report's own options out of argv, leaving the rest in argv[0..*nrest). */
static int own_options(int argc, char **argv, ropts *o, int *nrest) {
    static const char *const names[] = {"--dyad", "--events", "--title", "--table", "--top", "--map"};
    int n = 0;
    for (int i = 0; i < argc; i++) {
        char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            while (i < argc)
                argv[n++] = argv[i++];
            break;
        }
        char *eq = strchr(arg, '=');
        size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
        int k = -1;
        for (int j = 0; j < 6; j++)
            if (strlen(names[j]) == len && strncmp(arg, names[j], len) == 0)
                k = j;
        if (k < 0) {
            argv[n++] = arg;
            continue;
        }
        char *val = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
        if (!val)
            return usage("missing value for", names[k]);
        int rc = 0;
        switch (k) {
        case 0: o->dyad = val; break;
        case 1: o->events = val; break;
        case 2: o->title = val; break;
        case 3: rc = count_arg("--table", val, &o->table); break;
        case 4: rc = count_arg("--top", val, &o->top); break;
        case 5: o->map = val; break;
        }
        if (rc)
            return rc;
    }
    *nrest = n;
    return 0;
}

static int is_jsonl(const char *path) {
    static const char *const ext[] = {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"};
    size_t n = strlen(path);
    if (strcmp(path, "-") == 0)
        return 1;
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t k = strlen(ext[i]);
        if (n > k && strcmp(path + n - k, ext[i]) == 0)
            return 1;
    }
    return 0;
}

/* "from events.db · actor RUS · 2025-01 to 2025-03": what was selected. */
static void describe(char *out, size_t cap, const char *input, const pl_query_opts *q) {
    size_t k = (size_t)snprintf(out, cap, "Events of %s", input);
    const struct { const char *label, *v; } parts[] = {
        {"from", q->from_date}, {"to", q->to_date}, {"actor", q->actor}, {"source", q->source},
        {"target", q->target}, {"code", q->code}, {"reported by", q->source_name},
        {"document", q->doc}, {"text", q->text}};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0] && k < cap; i++)
        if (parts[i].v)
            k += (size_t)snprintf(out + k, cap - k, " · %s %s", parts[i].label, parts[i].v);
    if (q->quad && k < cap)
        k += (size_t)snprintf(out + k, cap - k, " · quad class %d", q->quad);
    if (q->min_articles && k < cap)
        snprintf(out + k, cap - k, " · at least %u articles", q->min_articles);
}

static int run(const cli_spec *spec, cli_args *a, ropts *o, pl_query_opts *q) {
    const char *input = o->events ? o->events : a->db ? a->db : a->nfiles ? a->files[0] : NULL;
    int jsonl = o->events || (!a->db && a->nfiles && is_jsonl(a->files[0]));
    if (!input || (o->events && a->db) || a->nfiles > 1 || (a->nfiles && (o->events || a->db))) {
        fprintf(stderr, "parley report: give one input: --db FILE, --events FILE or FILE "
                        "(see 'parley report --help')\n");
        return EXIT_USAGE;
    }
    pl_report_opts ro = {0};
    char *comma = o->dyad ? strchr(o->dyad, ',') : NULL;
    if (o->dyad) {
        if (!comma || comma == o->dyad || !comma[1] || strchr(comma + 1, ','))
            return usage("--dyad wants SOURCE,TARGET, not", o->dyad);
        *comma = 0;
        ro.dyad_source = o->dyad;
        ro.dyad_target = comma + 1;
    }
    char sub[1024];
    describe(sub, sizeof sub, input, q);
    ro.title = o->title;
    ro.subtitle = sub;
    ro.table_max = o->table;
    ro.top_dyads = o->top;
    ro.map = o->map && strcmp(o->map, "none") == 0 ? "" : o->map;
    pl_ctx *ctx = cli_context(spec, a);
    if (!ctx)
        return EXIT_FAIL;
    int rc = EXIT_OK;
    pl_report *r = pl_report_new(ctx, &ro);
    pl_store *st = NULL;
    uint64_t skipped = 0;
    int got = r ? PL_OK : PL_EARG;
    if (r && jsonl) {
        got = pl_report_add_jsonl(r, input, q, &skipped);
    } else if (r) {
        st = pl_store_open(ctx, input, PL_STORE_READONLY);
        got = st ? pl_report_add_store(r, st, q) : PL_EIO;
    }
    char *html = NULL;
    size_t len = 0;
    if (got == PL_OK)
        got = pl_report_html(r, &html, &len);
    if (got != PL_OK) {
        fprintf(stderr, "parley report: %s\n", pl_errmsg(ctx));
        rc = got == PL_EARG && !r ? EXIT_USAGE : EXIT_FAIL;
    } else {
        FILE *out = cli_output(spec, a);
        if (!out) {
            rc = EXIT_FAIL;
        } else {
            fwrite(html, 1, len, out);
            rc = cli_close_output(spec, out, a->out);
        }
    }
    if (skipped) {
        fprintf(stderr, "parley report: %llu input line%s skipped (see warnings)\n",
                (unsigned long long)skipped, skipped == 1 ? "" : "s");
        if (rc == EXIT_OK)
            rc = EXIT_FAIL;
    }
    free(html);
    pl_report_free(r);
    pl_store_close(st);
    pl_ctx_free(ctx);
    return rc;
}

int cmd_report(int argc, char **argv) {
    const cli_spec *spec = &report_spec;
    ropts o = {0};
    pl_query_opts q;
    int nrest, rc = own_options(argc, argv, &o, &nrest);
    if (rc || (rc = cli_store_filters(spec, nrest, argv, &q, &nrest, 0)) != 0)
        return rc;
    cli_args a;
    int done;
    rc = cli_parse(spec, nrest, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    rc = run(spec, &a, &o, &q);
    free(a.files);
    return rc;
}
