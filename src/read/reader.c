/*
 * reader.c — pl_reader: walks paths (files, directories, standard input),
 * opens each file through zlib (so .gz files read transparently), picks the
 * format and hands out documents one at a time.
 *
 * Errors inside one input never end the run: an unreadable file, a bad JSON
 * line or an oversized record is a warning naming file (and line), is
 * counted in pl_reader_skipped, and reading goes on. Only a failure to open
 * the path the caller named, or running out of memory, ends a reader.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "read/read.h"

#define MAX_DEPTH 64

typedef struct level {
    char *dir;          /* path of this directory */
    char **names;       /* sorted entries */
    size_t n, i;
} level;

struct pl_reader {
    pl_ctx *ctx;
    int format;         /* caller's choice, PL_FMT_AUTO to decide per file */
    char *root;         /* the path given */
    int root_done;
    level stack[MAX_DEPTH];
    int depth;
    gzFile jf;          /* open JSON Lines file */
    char *jpath;
    uint64_t jline;
    pl_buf line;
    uint64_t skipped;
};

static int ends_with(const char *s, const char *suf) {
    size_t n = strlen(s), k = strlen(suf);
    return n >= k && strcasecmp(s + n - k, suf) == 0;
}

static int format_of(const char *path) {
    char base[4096];
    size_t n = strlen(path);
    if (n >= sizeof base)
        n = sizeof base - 1;
    memcpy(base, path, n);
    base[n] = 0;
    if (ends_with(base, ".gz"))
        base[n - 3] = 0;
    if (ends_with(base, ".jsonl") || ends_with(base, ".ndjson") || ends_with(base, ".json"))
        return PL_FMT_JSONL;
    if (ends_with(base, ".html") || ends_with(base, ".htm") || ends_with(base, ".xhtml"))
        return PL_FMT_HTML;
    return PL_FMT_TEXT;
}

pl_reader *pl_reader_open(pl_ctx *ctx, const char *path, int format) {
    if (format < PL_FMT_AUTO || format > PL_FMT_HTML) {
        pl_fail(ctx, PL_EARG, "unknown input format %d", format);
        return NULL;
    }
    if (strcmp(path, "-") != 0) {
        struct stat st;
        if (stat(path, &st) != 0) {
            pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
            return NULL;
        }
        if (!S_ISDIR(st.st_mode) && access(path, R_OK) != 0) {
            pl_fail(ctx, PL_EIO, "%s: %s", path, strerror(errno));
            return NULL;
        }
    }
    pl_reader *r = calloc(1, sizeof *r);
    if (!r || !(r->root = strdup(path))) {
        free(r);
        pl_fail(ctx, PL_ENOMEM, "out of memory");
        return NULL;
    }
    r->ctx = ctx;
    r->format = format;
    return r;
}

uint64_t pl_reader_skipped(const pl_reader *r) {
    return r->skipped;
}

static void close_json(pl_reader *r) {
    if (r->jf)
        gzclose(r->jf);
    r->jf = NULL;
    free(r->jpath);
    r->jpath = NULL;
}

void pl_reader_close(pl_reader *r) {
    if (!r)
        return;
    close_json(r);
    while (r->depth > 0) {
        level *lv = &r->stack[--r->depth];
        for (size_t i = lv->i; i < lv->n; i++)
            free(lv->names[i]);
        free(lv->names);
        free(lv->dir);
    }
    pl_buf_free(&r->line);
    free(r->root);
    free(r);
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a directory's entries (no dot files), sorted. 0, or an error code. */
static int push_dir(pl_reader *r, const char *path) {
    if (r->depth == MAX_DEPTH) {
        pl_warn(r->ctx, "%s: directories nested deeper than %d; skipped", path, MAX_DEPTH);
        r->skipped++;
        return PL_OK;
    }
    DIR *d = opendir(path);
    if (!d) {
        pl_warn(r->ctx, "%s: %s; skipped", path, strerror(errno));
        r->skipped++;
        return PL_OK;
    }
    level lv = {0};
    size_t cap = 0;
    struct dirent *e;
    int rc = PL_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (lv.n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(lv.names, cap * sizeof *nn);
            if (!nn) {
                rc = PL_ENOMEM;
                break;
            }
            lv.names = nn;
        }
        if (!(lv.names[lv.n] = strdup(e->d_name))) {
            rc = PL_ENOMEM;
            break;
        }
        lv.n++;
    }
    closedir(d);
    if (rc != PL_OK || !(lv.dir = strdup(path))) {
        for (size_t i = 0; i < lv.n; i++)
            free(lv.names[i]);
        free(lv.names);
        return pl_fail(r->ctx, PL_ENOMEM, "out of memory");
    }
    if (lv.n)
        qsort(lv.names, lv.n, sizeof *lv.names, cmp_names);
    r->stack[r->depth++] = lv;
    return PL_OK;
}

/* Reads a whole file; NULL with a warning (skipped) when it cannot, or NULL
 * with *oom set when memory ran out. */
static char *slurp(pl_reader *r, gzFile f, const char *path, size_t *len, int *oom) {
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    *oom = 0;
    if (!buf) {
        *oom = 1;
        return NULL;
    }
    for (;;) {
        if (n == cap) {
            if (cap >= PL_MAX_DOC_BYTES) {
                pl_warn(r->ctx, "%s: larger than %zu MiB; skipped", path, PL_MAX_DOC_BYTES >> 20);
                r->skipped++;
                free(buf);
                return NULL;
            }
            cap *= 2;
            char *nb = realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                *oom = 1;
                return NULL;
            }
            buf = nb;
        }
        size_t want = cap - n > (1u << 30) ? (1u << 30) : cap - n;
        int got = gzread(f, buf + n, (unsigned)want);
        if (got < 0) {
            int zerr;
            pl_warn(r->ctx, "%s: read error: %s; skipped", path, gzerror(f, &zerr));
            r->skipped++;
            free(buf);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Turns NUL bytes into spaces (with a warning): downstream text is C strings. */
static void fix_nuls(pl_reader *r, char *buf, size_t len, const char *path) {
    size_t nuls = 0;
    for (size_t i = 0; i < len; i++)
        if (!buf[i]) {
            buf[i] = ' ';
            nuls++;
        }
    if (nuls)
        pl_warn(r->ctx, "%s: %zu NUL bytes read as spaces", path, nuls);
}

static void warn_utf8(pl_reader *r, const pl_doc *d, const char *where) {
    if (d->bad_utf8)
        pl_warn(r->ctx, "%s: %u invalid UTF-8 sequences read as U+FFFD", where, d->bad_utf8);
}

/* Sniffs standard input's format from its first non-blank byte. */
static int sniff(gzFile f) {
    int c;
    while ((c = gzgetc(f)) == ' ' || c == '\t' || c == '\r' || c == '\n')
        ;
    if (c < 0)
        return PL_FMT_TEXT;
    gzungetc(c, f);
    return c == '{' ? PL_FMT_JSONL : c == '<' ? PL_FMT_HTML : PL_FMT_TEXT;
}

/* Opens one file. Returns 1 with *out, 0 when it gave nothing (skipped or a
 * JSON Lines file now open), or a negative error. */
static int open_file(pl_reader *r, const char *path, pl_doc **out) {
    int std = strcmp(path, "-") == 0;
    gzFile f = std ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    const char *name = std ? "<stdin>" : path;
    if (!f) {
        pl_warn(r->ctx, "%s: %s; skipped", name, errno ? strerror(errno) : "cannot open");
        r->skipped++;
        return 0;
    }
    gzbuffer(f, 1 << 17);
    int fmt = r->format != PL_FMT_AUTO ? r->format : std ? sniff(f) : format_of(path);
    if (fmt == PL_FMT_JSONL) {
        r->jf = f;
        r->jline = 0;
        if (!(r->jpath = strdup(name)))
            return pl_fail(r->ctx, PL_ENOMEM, "out of memory");
        return 0;
    }
    size_t len = 0;
    int oom;
    char *buf = slurp(r, f, name, &len, &oom);
    gzclose(f);
    if (!buf)
        return oom ? pl_fail(r->ctx, PL_ENOMEM, "out of memory") : 0;
    fix_nuls(r, buf, len, name);
    pl_doc *d;
    if (fmt == PL_FMT_HTML) {
        d = read_html_doc(r->ctx, buf, len, name);
        free(buf);
    } else {
        d = read_text_doc(r->ctx, buf, len, name);
    }
    if (!d) {
        pl_warn(r->ctx, "%s", pl_errmsg(r->ctx));
        r->skipped++;
        return 0;
    }
    warn_utf8(r, d, name);
    *out = d;
    return 1;
}

/* Reads one line of at most PL_MAX_DOC_BYTES into r->line. Returns 1 with a
 * line, 0 at the end, 2 when the line was too long (and was skipped). */
static int read_line(pl_reader *r) {
    char tmp[65536];
    int too_long = 0, got = 0;
    r->line.len = 0;
    r->line.err = 0;
    while (gzgets(r->jf, tmp, sizeof tmp)) {
        size_t n = strlen(tmp); /* a NUL inside the line ends the piece early */
        got = 1;
        if (!too_long) {
            if (r->line.len + n > PL_MAX_DOC_BYTES)
                too_long = 1;
            else
                pl_buf_put(&r->line, tmp, n);
        }
        if (n > 0 && tmp[n - 1] == '\n')
            break;
        if (n == 0) /* NUL at the start of a piece: skip one byte onwards */
            (void)gzgetc(r->jf);
    }
    if (!got)
        return 0;
    return too_long ? 2 : 1;
}

static int next_json(pl_reader *r, pl_doc **out) {
    for (;;) {
        int rc = read_line(r);
        if (rc == 0) {
            int zerr;
            const char *msg = gzerror(r->jf, &zerr);
            if (zerr != Z_OK && zerr != Z_STREAM_END) {
                pl_warn(r->ctx, "%s:%llu: read error: %s", r->jpath,
                        (unsigned long long)r->jline + 1, msg);
                r->skipped++;
            }
            close_json(r);
            return 0;
        }
        r->jline++;
        if (rc == 2) {
            pl_warn(r->ctx, "%s:%llu: record longer than %zu MiB; skipped", r->jpath,
                    (unsigned long long)r->jline, PL_MAX_DOC_BYTES >> 20);
            r->skipped++;
            continue;
        }
        if (r->line.err)
            return pl_fail(r->ctx, PL_ENOMEM, "out of memory");
        const char *s = r->line.p;
        size_t n = r->line.len;
        while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
            n--;
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (k == n)
            continue; /* blank lines are not records */
        const char *why;
        pl_doc *d = read_json_doc(r->ctx, s, n, r->jpath, r->jline, &why);
        if (!d) {
            if (!why)
                return PL_ENOMEM;
            pl_warn(r->ctx, "%s:%llu: %s; skipped", r->jpath, (unsigned long long)r->jline, why);
            r->skipped++;
            continue;
        }
        warn_utf8(r, d, d->path);
        *out = d;
        return 1;
    }
}

int pl_reader_next(pl_reader *r, pl_doc **out) {
    *out = NULL;
    for (;;) {
        if (r->jf) {
            int rc = next_json(r, out);
            if (rc != 0)
                return rc;
            continue;
        }
        const char *path;
        char *owned = NULL;
        if (!r->root_done) {
            r->root_done = 1;
            path = r->root;
        } else if (r->depth > 0) {
            level *lv = &r->stack[r->depth - 1];
            if (lv->i == lv->n) {
                free(lv->names);
                free(lv->dir);
                r->depth--;
                continue;
            }
            char *name = lv->names[lv->i++];
            size_t n = strlen(lv->dir) + strlen(name) + 2;
            owned = malloc(n);
            if (!owned) {
                free(name);
                return pl_fail(r->ctx, PL_ENOMEM, "out of memory");
            }
            snprintf(owned, n, "%s/%s", lv->dir, name);
            free(name);
            path = owned;
        } else {
            return 0;
        }
        int rc = 0;
        struct stat st;
        if (strcmp(path, "-") == 0) {
            rc = open_file(r, path, out);
        } else if (stat(path, &st) != 0) {
            pl_warn(r->ctx, "%s: %s; skipped", path, strerror(errno));
            r->skipped++;
        } else if (S_ISDIR(st.st_mode)) {
            struct stat lst;
            /* follow a link given by the caller, not links met inside a walk */
            if (owned && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode))
                ;
            else
                rc = push_dir(r, path);
        } else if (S_ISREG(st.st_mode)) {
            rc = open_file(r, path, out);
        }
        free(owned);
        if (rc != 0)
            return rc;
    }
}
