/*
 * cmd_ingest.c — `parley ingest`: articles in, coded and stored in an
 * SQLite event store. Each document is one transaction; a document already
 * stored with the same content is skipped before coding, so re-running an
 * ingest after a crash or on a grown corpus only codes what is new.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const cli_spec ingest_spec = {
    "ingest",
    "usage: parley ingest --db FILE [options] FILE...\n"
    "\n"
    "Codes news articles and stores them, their events and the evidence for\n"
    "each event in an SQLite event store (created when missing). Events that\n"
    "several articles report (same date, source, target and event code) are\n"
    "merged into one, with every article and sentence as a mention: see\n"
    "docs/store.md. A document whose id and content are already stored is\n"
    "skipped without coding; a new version of a stored id replaces its events.\n"
    "Each document is one transaction: an interrupted ingest keeps the\n"
    "documents it finished, and running it again completes it. Inputs as for\n"
    "'parley code' (text, JSON Lines, HTML, directories, '-' for standard input).\n"
    "\n"
    "options:\n"
    "  --db FILE           the event store (required)\n"
    "  --date YYYY-MM-DD   date of documents that carry none (picks actor codes)\n"
    "  --from auto|text|jsonl|html   input format (default auto)\n"
    "  --keep-negated      also store negated events (flagged \"negated\")\n"
    "  --model FILE        syntax model (default: the shipped one)\n"
    "  --dict PATH         actor dictionaries (default: the shipped ones)\n"
    "  --verbs PATH        event patterns (default: the shipped ones)\n"
    "  -q, --quiet         no warnings, no progress line, no summary\n"
    "\n"
    "exit status: 0 when every document was stored, 1 when an input could not\n"
    "be read, a record was skipped or a document failed, 2 on a bad command line.\n",
    OPT_DB | OPT_DATE | OPT_FROM | OPT_QUIET | OPT_MODEL | OPT_DICT | OPT_VERBS | OPT_KEEP_NEGATED,
    "", NULL};

typedef struct run {
    const cli_args *a;
    pl_store *st;
    pl_pipeline *pipe;       /* opened on the first document that needs coding */
    pl_events ev;
    unsigned sentences;
    unsigned long long count[4], failed, events; /* count[PL_STORE_*] */
    struct stat own[4];      /* the store's files: db, -wal, -shm, -journal */
    int nown;
} run;

/* Remembers the store's files, so that walking a directory that holds
 * the store does not read the database as an article. */
static void note_own_files(run *r, const char *db) {
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    char path[4096];
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s%s", db, suffix[i]);
        if (stat(path, &r->own[r->nown]) == 0)
            r->nown++;
    }
}

/* 1 when the store's file lies inside directory dir. */
static int store_inside(const char *db, const char *dir) {
    struct stat s;
    if (strcmp(dir, "-") == 0 || stat(dir, &s) != 0 || !S_ISDIR(s.st_mode))
        return 0;
    char *rdb = realpath(db, NULL), *rdir = realpath(dir, NULL);
    size_t n = rdir ? strlen(rdir) : 0;
    int inside = rdb && rdir && strncmp(rdb, rdir, n) == 0 && (rdb[n] == '/' || (n == 1 && rdir[0] == '/'));
    free(rdb);
    free(rdir);
    return inside;
}

static int is_own_file(const run *r, const char *path) {
    struct stat s;
    if (!*path || stat(path, &s) != 0)
        return 0;
    for (int i = 0; i < r->nown; i++)
        if (s.st_dev == r->own[i].st_dev && s.st_ino == r->own[i].st_ino)
            return 1;
    return 0;
}

static void count_sentence(void *ud, const pl_doc *doc, const pl_sentence *s, const pl_mentions *ms,
                           const pl_events *ev) {
    (void)doc, (void)s, (void)ms, (void)ev;
    ((run *)ud)->sentences++;
}

/* Warnings to stderr, except the reader's about the store's own files
 * when they are named as inputs (a shell's *): those are skipped anyway. */
static void log_warning(void *ud, int level, const char *msg) {
    (void)level;
    const char *colon = strstr(msg, ": ");
    if (colon && colon - msg < 4096) {
        char path[4096];
        snprintf(path, sizeof path, "%.*s", (int)(colon - msg), msg);
        if (is_own_file(ud, path))
            return;
    }
    fprintf(stderr, "parley ingest: warning: %s\n", msg);
}

static int one_doc(void *ud, pl_ctx *ctx, pl_doc *doc) {
    run *r = ud;
    if (is_own_file(r, pl_doc_path(doc)))
        return 0;
    int have = pl_store_has_doc(r->st, doc);
    if (have < 0) {
        fprintf(stderr, "parley ingest: %s\n", pl_errmsg(ctx));
        return EXIT_FAIL;
    }
    if (have == 1) { /* nothing would change: don't code it */
        r->count[PL_STORE_UNCHANGED]++;
        return 0;
    }
    size_t len = pl_doc_len(doc);
    const char *text = pl_doc_text(doc);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\t' ||
                       text[len - 1] == '\r'))
        len--;
    if (len == 0) { /* nothing to code: stored without events */
        int rc = pl_store_add_doc(r->st, doc, NULL);
        if (rc < 0) {
            fprintf(stderr, "parley ingest: %s\n", pl_errmsg(ctx));
            return EXIT_FAIL;
        }
        r->count[rc]++;
        return 0;
    }
    if (!r->pipe) {
        /* every sentence a mention: the store merges them (docs/store.md) */
        pl_pipeline_opts o = {r->a->model, r->a->dict, r->a->verbs,
                              r->a->keep_negated ? PL_CODE_KEEP_NEGATED : 0u, 1};
        if (!(r->pipe = pl_pipeline_open(ctx, &o))) {
            fprintf(stderr, "parley ingest: %s\n", pl_errmsg(ctx));
            return EXIT_FAIL;
        }
    }
    r->sentences = 0;
    int n = pl_pipeline_doc(r->pipe, doc, &r->ev, count_sentence, r);
    cli_progress_sentences(r->sentences);
    if (n < 0) {
        fprintf(stderr, "parley ingest: %s: %s\n", pl_doc_id(doc), pl_errmsg(ctx));
        return EXIT_FAIL;
    }
    int rc = pl_store_add_doc(r->st, doc, &r->ev);
    if (rc == PL_EARG) { /* this document's events were malformed: go on */
        fprintf(stderr, "parley ingest: %s\n", pl_errmsg(ctx));
        r->failed++;
        return 0;
    }
    if (rc < 0) {
        fprintf(stderr, "parley ingest: %s\n", pl_errmsg(ctx));
        return EXIT_FAIL;
    }
    r->count[rc]++;
    if (rc != PL_STORE_DUPLICATE)
        r->events += r->ev.n;
    return 0;
}

int cmd_ingest(int argc, char **argv) {
    const cli_spec *spec = &ingest_spec;
    cli_args a;
    int done, rc = cli_parse(spec, argc, argv, &a, &done);
    if (rc || done) {
        free(a.files);
        return rc;
    }
    if (!a.db) {
        fprintf(stderr, "parley ingest: missing --db FILE (see 'parley ingest --help')\n");
        free(a.files);
        return EXIT_USAGE;
    }
    pl_ctx *ctx = cli_context(spec, &a);
    if (!ctx) {
        free(a.files);
        return EXIT_FAIL;
    }
    run r = {0};
    r.a = &a;
    r.st = pl_store_open(ctx, a.db, PL_STORE_CREATE);
    if (!r.st) {
        fprintf(stderr, "parley ingest: %s\n", pl_errmsg(ctx));
        pl_ctx_free(ctx);
        free(a.files);
        return EXIT_FAIL;
    }
    for (int i = 0; i < a.nfiles; i++)
        if (store_inside(a.db, a.files[i])) {
            fprintf(stderr, "parley ingest: the store %s is inside the input directory %s, whose "
                            "files would all be read as articles; keep it elsewhere\n", a.db, a.files[i]);
            pl_store_close(r.st);
            pl_ctx_free(ctx);
            free(a.files);
            return EXIT_USAGE;
        }
    note_own_files(&r, a.db);
    if (!a.quiet)
        pl_set_log(ctx, log_warning, &r);
    rc = cli_each_doc(spec, &a, ctx, one_doc, &r);
    if (r.failed && rc == EXIT_OK)
        rc = EXIT_FAIL;
    if (!a.quiet) {
        pl_store_info info;
        unsigned long long total = r.count[0] + r.count[1] + r.count[2] + r.count[3] + r.failed;
        fprintf(stderr,
                "parley ingest: %llu document%s: %llu added, %llu replaced, %llu unchanged, "
                "%llu duplicate, %llu failed; %llu events coded\n",
                total, total == 1 ? "" : "s", r.count[PL_STORE_ADDED], r.count[PL_STORE_REPLACED],
                r.count[PL_STORE_UNCHANGED], r.count[PL_STORE_DUPLICATE], r.failed, r.events);
        if (pl_store_info_get(r.st, &info) == PL_OK)
            fprintf(stderr,
                    "parley ingest: %s holds %llu documents, %llu events, %llu mentions\n", a.db,
                    (unsigned long long)info.docs, (unsigned long long)info.events,
                    (unsigned long long)info.mentions);
    }
    pl_events_free(&r.ev);
    pl_pipeline_close(r.pipe);
    pl_store_close(r.st);
    pl_ctx_free(ctx);
    free(a.files);
    return rc;
}
