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
    char *rb;           /* read-ahead of the JSON Lines file (RB_SIZE bytes) */
    size_t rpos, rlen;  /* unread bytes: rb[rpos..rlen) */
    uint64_t skipped;
};

#define RB_SIZE 65536

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
    r->rpos = r->rlen = 0;
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
    free(r->rb);
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
        if (got == 0) {
            /* a cut .gz file ends early with Z_BUF_ERROR, not a failed read */
            int zerr;
            const char *msg = gzerror(f, &zerr);
            if (zerr != Z_OK && zerr != Z_STREAM_END) {
                pl_warn(r->ctx, "%s: read error: %s; skipped", path, msg);
                r->skipped++;
                free(buf);
                return NULL;
            }
            break;
        }
        n += (size_t)got;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* Turns NUL bytes into spaces (with a warning): downstream text is C strings. */
static void fix_nuls(pl_reader *r, char *buf, size_t len, const char *path) {
    size_t nuls = 0;
    for (char *p = memchr(buf, 0, len); p; p = memchr(p, 0, len - (size_t)(p - buf))) {
        *p++ = ' ';
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

/* Opens one file; stream: a pipe or device the caller named (read like
 * standard input: the format sniffed when the name does not tell). Returns
 * 1 with *out, 0 when it gave nothing (skipped or a JSON Lines file now
 * open), or a negative error. */
static int open_file(pl_reader *r, const char *path, int stream, pl_doc **out) {
    int std = strcmp(path, "-") == 0;
    gzFile f = std ? gzdopen(dup(0), "rb") : gzopen(path, "rb");
    const char *name = std ? "<stdin>" : path;
    if (!f) {
        pl_warn(r->ctx, "%s: %s; skipped", name, errno ? strerror(errno) : "cannot open");
        r->skipped++;
        return 0;
    }
    gzbuffer(f, 1 << 17);
    int fmt = r->format != PL_FMT_AUTO ? r->format
              : std || (stream && format_of(path) == PL_FMT_TEXT) ? sniff(f)
                                                                   : format_of(path);
    if (fmt == PL_FMT_JSONL) {
        r->jf = f;
        r->jline = 0;
        if (!(r->jpath = strdup(name)) || (!r->rb && !(r->rb = malloc(RB_SIZE))))
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

/* Reads one line of at most PL_MAX_DOC_BYTES into r->line, NUL bytes
 * included (gzgets would hide what follows a NUL and glue the next line
 * on). Returns 1 with a line, 0 at the end, 2 when the line was too long
 * (and was skipped). */
static int read_line(pl_reader *r) {
    int too_long = 0, got = 0;
    r->line.len = 0;
    r->line.err = 0;
    for (;;) {
        if (r->rpos == r->rlen) {
            int n = gzread(r->jf, r->rb, RB_SIZE);
            if (n <= 0)
                break; /* the end, or an error the caller finds in gzerror */
            r->rpos = 0;
            r->rlen = (size_t)n;
        }
        const char *s = r->rb + r->rpos;
        size_t avail = r->rlen - r->rpos;
        const char *nl = memchr(s, '\n', avail);
        size_t take = nl ? (size_t)(nl - s) + 1 : avail;
        got = 1;
        if (!too_long) {
            if (r->line.len + take > PL_MAX_DOC_BYTES)
                too_long = 1;
            else
                pl_buf_put(&r->line, s, take);
        }
        r->rpos += take;
        if (nl)
            break;
    }
    if (!got)
        return 0;
    return too_long ? 2 : 1;
}

/* The value of four hex digits at s, or -1. */
static long hex4(const char *s) {
    long v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

/* NUL bytes, raw or escaped as \u0000, would cut the record's strings short
 * downstream (C strings): they are read as spaces. A \uD800-\uDFFF escape
 * that is not half of a surrogate pair would make cJSON refuse the whole
 * record: it is read as U+FFFD, as invalid UTF-8 is. Both with a warning;
 * the line keeps its length. */
static void fix_json_escapes(pl_reader *r, char *s, size_t n) {
    size_t nuls = 0, lone = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 0) {
            s[i] = ' ';
            nuls++;
            continue;
        }
        if (s[i] != '\\' || i + 1 >= n)
            continue;
        if (s[i + 1] != 'u' || i + 5 >= n) {
            i++; /* the escaped character is not the start of an escape */
            continue;
        }
        long v = hex4(s + i + 2);
        if (v == 0) {
            memcpy(s + i + 2, "0020", 4);
            nuls++;
        } else if (v >= 0xD800 && v <= 0xDBFF && i + 11 < n && s[i + 6] == '\\' &&
                   s[i + 7] == 'u' && hex4(s + i + 8) >= 0xDC00 && hex4(s + i + 8) <= 0xDFFF) {
            i += 6; /* a pair: skip its first half here, its second below */
        } else if (v >= 0xD800 && v <= 0xDFFF) {
            memcpy(s + i + 2, "FFFD", 4);
            lone++;
        }
        i += 5;
    }
    if (nuls)
        pl_warn(r->ctx, "%s:%llu: %zu NUL characters read as spaces", r->jpath,
                (unsigned long long)r->jline, nuls);
    if (lone)
        pl_warn(r->ctx, "%s:%llu: %zu unpaired UTF-16 surrogate escapes read as U+FFFD", r->jpath,
                (unsigned long long)r->jline, lone);
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
        fix_json_escapes(r, r->line.p, r->line.len);
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
            rc = open_file(r, path, 0, out);
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
            rc = open_file(r, path, 0, out);
        } else if (!owned) {
            /* a pipe or device named by the caller: <(cmd), /dev/stdin */
            rc = open_file(r, path, 1, out);
        } else {
            pl_warn(r->ctx, "%s: not a regular file; skipped", path);
            r->skipped++;
        }
        free(owned);
        if (rc != 0)
            return rc;
    }
}
