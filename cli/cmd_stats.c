/*
 * cmd_stats.c — `parley stats`: what an event store holds, as the series
 * analysts plot: events by day, by dyad, by quad class, and by dyad and
 * day, each with mentions, articles and the sum and mean of Goldstein
 * scores. The filters are those of `parley query`.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_spec stats_spec = {
    "stats",
    "usage: parley stats --db FILE [--by GROUPS] [filters] [options]\n"
    "\n"
    "Counts the merged events of an event store and sums their Goldstein\n"
    "scores, by day, by dyad (source and target codes, most events first), by\n"
    "quad class, and by dyad and day (the series to plot), each row with the\n"
    "events' mentions and articles. An event dated by a year only counts on\n"
    "January 1st of that year; negated events (--keep-negated) are not counted.\n"
    "\n"
    "options:\n"
    "  --db FILE           the event store (required)\n"
    "  --by GROUPS         comma-separated, of day, dyad, quad, dyad-day, root\n"
    "                      (default day,dyad,quad,dyad-day)\n"
    "  --format table|jsonl|csv   output (default table); jsonl and csv rows\n"
    "                      name their grouping in \"by\"\n"
    "  --limit N           at most N rows per grouping\n"
    "  --check             check the store instead (SQLite's quick_check, the\n"
    "                      full-text index, every event's counts against its\n"
    "                      mentions) and print 'ok' or the first problem\n"
    "  -o FILE             write to FILE instead of standard output\n"
    "  -q, --quiet         no warnings\n"
    "\n"
    "filters, as for 'parley query': --from-date, --to-date, --actor, --source,\n"
    "--target, --dyad, --code, --quad, --source-name, --doc, --text, --min-articles\n",
    OPT_DB | OPT_FORMAT | OPT_OUT | OPT_QUIET | OPT_JSON, "table|jsonl|csv", "table"};

static const struct {
    const char *name, *title;
    int by;
    int nkeys;                  /* key columns in a table */
    const char *keys[3];
} groups[] = {
    {"day", "events by day", PL_STATS_DAY, 1, {"day"}},
    {"dyad", "events by dyad (source -> target), most events first", PL_STATS_DYAD, 2,
     {"source", "target"}},
    {"quad", "events by quad class", PL_STATS_QUAD, 1, {"quad class"}},
    {"dyad-day", "events by dyad and day", PL_STATS_DYAD_DAY, 3, {"source", "target", "day"}},
    {"root", "events by CAMEO root code", PL_STATS_ROOT, 1, {"root"}},
};
#define NGROUPS (sizeof groups / sizeof groups[0])

static const char *const quad_names[] = {"", "verbal cooperation", "material cooperation",
                                         "verbal conflict", "material conflict"};

/* Takes --by, --limit and --check out of argv; *want gets one flag per group. */
static int parse_by(const cli_spec *spec, int argc, char **argv, int *nrest, int want[NGROUPS],
                    uint64_t *limit, int *check) {
    int n = 0, given = 0;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *val = NULL;
        if (strcmp(arg, "--check") == 0) {
            *check = 1;
            continue;
        }
        int is_by = strncmp(arg, "--by", 4) == 0 && (arg[4] == 0 || arg[4] == '=');
        int is_limit = strncmp(arg, "--limit", 7) == 0 && (arg[7] == 0 || arg[7] == '=');
        if (strcmp(arg, "--") == 0) {
            while (i < argc)
                argv[n++] = argv[i++];
            break;
        }
        if (!is_by && !is_limit) {
            argv[n++] = argv[i];
            continue;
        }
        const char *eq = strchr(arg, '=');
        if (eq)
            val = eq + 1;
        else if (i + 1 < argc)
            val = argv[++i];
        else {
            fprintf(stderr, "parley stats: missing value for '%s' (see 'parley stats --help')\n", arg);
            return EXIT_USAGE;
        }
        if (is_limit) {
            char *end;
            long long v = strtoll(val, &end, 10);
            if (!*val || *end || v < 1) {
                fprintf(stderr, "parley stats: --limit wants a positive number, not '%s'\n", val);
                return EXIT_USAGE;
            }
            *limit = (uint64_t)v;
            continue;
        }
        if (!given)
            memset(want, 0, NGROUPS * sizeof *want);
        given = 1;
        for (const char *p = val; *p;) {
            size_t len = strcspn(p, ","), k;
            for (k = 0; k < NGROUPS; k++)
                if (strlen(groups[k].name) == len && strncmp(groups[k].name, p, len) == 0)
                    break;
            if (k == NGROUPS) {
                fprintf(stderr, "parley stats: unknown grouping '%.*s' in --by (want day, dyad, "
                                "quad, dyad-day or root)\n", (int)len, p);
                return EXIT_USAGE;
            }
            want[k] = 1;
            p += len;
            if (*p == ',')
                p++;
        }
    }
    *nrest = n;
    return 0;
}

static void put_row(FILE *out, const char *format, cli_table *t, const char *by, const pl_stats_row *r) {
    double mean = r->events ? r->goldstein / (double)r->events : 0.0;
    if (strcmp(format, "jsonl") == 0) {
        fprintf(out, "{\"by\":\"%s\"", by);
        if (r->day[0] || strstr(by, "day"))
            fprintf(out, ",\"day\":\"%s\"", r->day);
        if (strstr(by, "dyad"))
            fprintf(out, ",\"source\":\"%s\",\"target\":\"%s\"", r->source, r->target);
        if (r->quad)
            fprintf(out, ",\"quad\":%d", r->quad);
        if (r->root[0])
            fprintf(out, ",\"root\":\"%s\"", r->root);
        fprintf(out, ",\"events\":%llu,\"mentions\":%llu,\"articles\":%llu,\"goldstein\":%.1f,"
                     "\"goldstein_mean\":%.2f}\n",
                (unsigned long long)r->events, (unsigned long long)r->mentions,
                (unsigned long long)r->articles, r->goldstein, mean);
        return;
    }
    if (strcmp(format, "csv") == 0) {
        fprintf(out, "%s,%s,%s,%s,", by, r->day, r->source, r->target);
        if (r->quad)
            fprintf(out, "%d", r->quad);
        fprintf(out, ",%s,%llu,%llu,%llu,%.1f,%.2f\n", r->root, (unsigned long long)r->events,
                (unsigned long long)r->mentions, (unsigned long long)r->articles, r->goldstein, mean);
        return;
    }
    char quad[40], ev[24], me[24], ar[24], gs[32], gm[32];
    snprintf(quad, sizeof quad, "%d %s", r->quad, r->quad >= 1 && r->quad <= 4 ? quad_names[r->quad] : "");
    snprintf(ev, sizeof ev, "%llu", (unsigned long long)r->events);
    snprintf(me, sizeof me, "%llu", (unsigned long long)r->mentions);
    snprintf(ar, sizeof ar, "%llu", (unsigned long long)r->articles);
    snprintf(gs, sizeof gs, "%.1f", r->goldstein);
    snprintf(gm, sizeof gm, "%.2f", mean);
    const char *day = r->day[0] ? r->day : "unknown", *src = r->source[0] ? r->source : "-",
               *tgt = r->target[0] ? r->target : "-";
    const char *cells[9];
    int n = 0;
    if (strcmp(by, "quad") == 0)
        cells[n++] = quad;
    else if (strcmp(by, "root") == 0)
        cells[n++] = r->root;
    if (strstr(by, "dyad")) {
        cells[n++] = src;
        cells[n++] = tgt;
    }
    if (strstr(by, "day"))
        cells[n++] = day;
    cells[n++] = ev, cells[n++] = me, cells[n++] = ar, cells[n++] = gs, cells[n++] = gm;
    cli_table_row(t, cells);
}

int cmd_stats(int argc, char **argv) {
    const cli_spec *spec = &stats_spec;
    pl_query_opts qo;
    int want[NGROUPS] = {1, 1, 1, 1, 0};
    uint64_t limit = 0;
    int check = 0;
    int nrest, rc = parse_by(spec, argc, argv, &nrest, want, &limit, &check);
    if (rc || (rc = cli_store_filters(spec, nrest, argv, &qo, &nrest, 0)) != 0)
        return rc;
    cli_args a;
    int done;
    rc = cli_parse(spec, nrest, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    if (a.nfiles || !a.db) {
        if (a.nfiles)
            fprintf(stderr, "parley stats: unexpected argument '%s' (see 'parley stats --help')\n",
                    a.files[0]);
        else
            fprintf(stderr, "parley stats: missing --db FILE (see 'parley stats --help')\n");
        free(a.files);
        return EXIT_USAGE;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    if (!ctx) {
        free(a.files);
        return EXIT_FAIL;
    }
    pl_store *st = pl_store_open(ctx, a.db, 0);
    if (st && check) {
        rc = pl_store_check(st) == PL_OK ? EXIT_OK : EXIT_FAIL;
        if (rc == EXIT_OK)
            printf("%s: ok\n", a.db);
        else
            fprintf(stderr, "parley stats: %s\n", pl_errmsg(ctx));
        pl_store_close(st);
        pl_ctx_free(ctx);
        free(a.files);
        return rc;
    }
    FILE *out = st ? cli_output(spec, &a) : NULL;
    if (!st)
        fprintf(stderr, "parley stats: %s\n", pl_errmsg(ctx));
    if (!out) {
        pl_store_close(st);
        pl_ctx_free(ctx);
        free(a.files);
        return EXIT_FAIL;
    }
    int table = strcmp(a.format, "table") == 0;
    if (strcmp(a.format, "csv") == 0)
        fputs("by,day,source,target,quad,root,events,mentions,articles,goldstein,goldstein_mean\n", out);
    pl_store_info info;
    if (table && pl_store_info_get(st, &info) == PL_OK)
        fprintf(out, "%s: %llu documents, %llu events, %llu mentions\n", a.db,
                (unsigned long long)info.docs, (unsigned long long)info.events,
                (unsigned long long)info.mentions);
    for (size_t g = 0; g < NGROUPS && rc == EXIT_OK; g++) {
        if (!want[g])
            continue;
        pl_stats *s = pl_stats_new(st, groups[g].by, &qo);
        if (!s) {
            fprintf(stderr, "parley stats: %s\n", pl_errmsg(ctx));
            rc = EXIT_FAIL;
            break;
        }
        cli_table *t = NULL;
        if (table) {
            static const char *const numbers[] = {"events", "mentions", "articles", "goldstein",
                                                  "goldstein mean"};
            const char *h[8];
            int nk = groups[g].nkeys;
            memcpy(h, groups[g].keys, (size_t)nk * sizeof *h);
            memcpy(h + nk, numbers, sizeof numbers);
            fprintf(out, "\n%s\n", groups[g].title);
            if (!(t = cli_table_new(out, nk + 5, h, nk == 1 ? "lrrrrr" : nk == 2 ? "llrrrrr" : "lllrrrrr"))) {
                fprintf(stderr, "parley stats: out of memory\n");
                rc = EXIT_FAIL;
                pl_stats_free(s);
                break;
            }
        }
        const pl_stats_row *r;
        int got = 0;
        uint64_t n = 0;
        while ((!limit || n < limit) && (got = pl_stats_next(s, &r)) == 1) {
            put_row(out, a.format, t, groups[g].name, r);
            n++;
        }
        if (limit && n == limit)
            got = 0;
        if (got < 0) {
            fprintf(stderr, "parley stats: %s\n", pl_errmsg(ctx));
            rc = EXIT_FAIL;
        }
        cli_table_end(t);
        pl_stats_free(s);
    }
    int crc = cli_close_output(spec, out, a.out);
    pl_store_close(st);
    pl_ctx_free(ctx);
    free(a.files);
    return rc ? rc : crc;
}
