/*
 * cli.h — what the subcommands share: option parsing with one vocabulary
 * (--format, --date, --db, -o, --from), output files, warnings on stderr,
 * the progress line, and walking input paths into documents.
 */
#ifndef PL_CLI_H
#define PL_CLI_H

#include <stdio.h>

#include "parley.h"

/* Exit codes. */
enum {
    EXIT_OK = 0,
    EXIT_FAIL = 1,     /* an error ended the run, or records were skipped */
    EXIT_USAGE = 2     /* bad command line */
};

/* Options a command accepts: set bits of these in cli_spec.accept. */
enum {
    OPT_FORMAT = 1 << 0, /* --format NAME */
    OPT_DATE = 1 << 1,   /* --date YYYY-MM-DD */
    OPT_DB = 1 << 2,     /* --db FILE */
    OPT_OUT = 1 << 3,    /* -o FILE */
    OPT_FROM = 1 << 4,   /* --from text|jsonl|html */
    OPT_JSON = 1 << 5,   /* --json (same as --format jsonl) */
    OPT_QUIET = 1 << 6,  /* --quiet: no warnings, no progress */
    OPT_MODEL = 1 << 7,  /* --model FILE: syntax model */
    OPT_DICT = 1 << 8,   /* --dict PATH: actor dictionaries (file or directory) */
    OPT_VERBS = 1 << 9,  /* --verbs PATH: event patterns (file or directory) */
    OPT_KEEP_NEGATED = 1 << 10,  /* --keep-negated */
    OPT_ALL_MENTIONS = 1 << 11,  /* --all-mentions */
    OPT_UNKNOWN = 1 << 12        /* --unknown */
};

typedef struct cli_spec {
    const char *name;     /* "sentences" */
    const char *usage;    /* full --help text */
    unsigned accept;      /* OPT_* bits */
    const char *formats;  /* accepted --format values, "|"-separated */
    const char *deflt;    /* default --format */
} cli_spec;

typedef struct cli_args {
    const char *format;
    const char *date;
    const char *db;
    const char *out;
    const char *model;    /* --model, NULL = shipped */
    const char *dict;     /* --dict, NULL = shipped */
    const char *verbs;    /* --verbs, NULL = shipped */
    int from;             /* PL_FMT_* */
    int quiet;
    int keep_negated, all_mentions, unknown;
    char **files;         /* positional arguments */
    int nfiles;
} cli_args;

/* Parses argv (after the command name). Prints help and returns 0 with
 * *done = 1 for --help; prints a one-line error and returns EXIT_USAGE on a
 * bad option; else returns 0. */
int cli_parse(const cli_spec *spec, int argc, char **argv, cli_args *a, int *done);

/* A context with warnings going to stderr (unless quiet) and --date set. */
pl_ctx *cli_context(const cli_spec *spec, const cli_args *a);

/* Opens -o (or stdout) with a large buffer; NULL after printing why. */
FILE *cli_output(const cli_spec *spec, const cli_args *a);
/* Flushes and closes out; EXIT_FAIL after printing why on a write error. */
int cli_close_output(const cli_spec *spec, FILE *out, const char *path);

/* Calls fn for each document of each input path ("-" = stdin), with a
 * progress line on a terminal. fn returns 0 to go on, or an exit code.
 * Returns the exit code of the run: EXIT_FAIL when an input could not be
 * opened, a record was skipped, or fn failed. */
typedef int (*cli_doc_fn)(void *ud, pl_ctx *ctx, pl_doc *doc);
int cli_each_doc(const cli_spec *spec, const cli_args *a, pl_ctx *ctx, cli_doc_fn fn, void *ud);

/* Reports sentences done, for the progress line. */
void cli_progress_sentences(unsigned n);

/* Subcommands. */
int cmd_sentences(int argc, char **argv);
int cmd_tokens(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_actors(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_places(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* The event store's filters (--from-date, --actor, --text, ... in
 * cmd_query.c), shared by query and stats: takes them out of argv, filling
 * *q, and leaves the other arguments in argv[0..*nrest) for cli_parse.
 * per_query adds --mentions and --limit. Returns 0, or EXIT_USAGE after
 * printing why. */
int cli_store_filters(const cli_spec *spec, int argc, char **argv, pl_query_opts *q, int *nrest,
                      int per_query);

/* An aligned table for a terminal (cmd_query.c): column widths are set by
 * the header and the first 500 rows, later rows are streamed. align has
 * 'l' or 'r' per column; on a terminal the last column is cut to fit. */
typedef struct cli_table cli_table;
cli_table *cli_table_new(FILE *out, int ncols, const char *const *header, const char *align);
void cli_table_row(cli_table *t, const char *const *cells);
void cli_table_end(cli_table *t);   /* prints what is buffered and frees */

#endif
