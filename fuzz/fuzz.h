/*
 * fuzz.h — what the fuzz targets share: a scratch file per process for the
 * loaders that take a path, a quiet context, a check that aborts on a
 * broken invariant (so libFuzzer, AFL++ and the replay driver all see it as
 * a crash), the sentencer's promises (fz_check_sentence) and the "no text
 * lost" check (fz_coverage_*). FUZZ_VERBOSE=1 makes targets say whether an
 * input got past its loader.
 *
 * Every target is one file fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput.
 * It builds three ways (mk/fuzz.mk): with clang -fsanitize=fuzzer (make
 * fuzz), with AFL++'s compiler and the same flag, and with fuzz/driver.c, a
 * plain main() that replays files (make check, through tests/cli/hostile.sh).
 */
#ifndef PL_FUZZ_H
#define PL_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parley.h"
#include "text/text.h" /* chr_space, text_boilerplate_line: internal, linked statically */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Aborts with a message when cond is false: an invariant of the library. */
#define FZ_ASSERT(cond)                                                              \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            abort();                                                                 \
        }                                                                            \
    } while (0)

/* mkdir that tolerates an existing directory. */
static inline int mkdir_p_(const char *d) {
    return mkdir(d, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

/* Removes a directory tree (the scratch directory: files and one level of
 * subdirectories, no links followed). */
static inline void fz_rmtree_(const char *path, int depth) {
    DIR *d = depth < 4 ? opendir(path) : NULL;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[1024];
        if ((size_t)snprintf(p, sizeof p, "%s/%s", path, e->d_name) >= sizeof p)
            continue;
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            fz_rmtree_(p, depth + 1);
        else
            remove(p);
    }
    if (d)
        closedir(d);
    remove(path);
}

static char fz_dir_[512];

/* Removes the scratch directory at exit (not after a crash). */
static inline void fz_cleanup_(void) {
    if (fz_dir_[0])
        fz_rmtree_(fz_dir_, 0);
}

/* A scratch directory of this process (created once, under $TMPDIR or
 * /dev/shm for speed), and a file in it with the given name. The fuzzers
 * rewrite the same few files on every input, so nothing accumulates. */
static inline const char *fz_dir(void) {
    char *dir = fz_dir_;
    if (!dir[0]) {
        const char *base = getenv("TMPDIR");
        if (!base || !*base)
            base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof fz_dir_, "%s/parley-fuzz-%ld", base, (long)getpid());
        if (mkdir_p_(dir) != 0) {
            perror(dir);
            abort();
        }
        atexit(fz_cleanup_);
    }
    return dir;
}

/* Writes data[0..size) to fz_dir()/name and returns the path (a static
 * buffer per call site is not needed: callers copy or use it at once). */
static inline const char *fz_file(const char *name, const void *data, size_t size) {
    static char path[4][600];
    static int next;
    char *p = path[next++ & 3];
    snprintf(p, sizeof path[0], "%s/%s", fz_dir(), name);
    FILE *f = fopen(p, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(p);
        abort();
    }
    return p;
}

/* 1 when FUZZ_VERBOSE is set: targets then say what they did (seeds are
 * meant to get past the loaders; this shows whether they do). */
static inline int fz_verbose(void) {
    static int v = -1;
    if (v < 0)
        v = getenv("FUZZ_VERBOSE") != NULL;
    return v;
}

/* A context whose warnings are counted but not printed. */
static inline pl_ctx *fz_ctx(void) {
    pl_ctx *ctx = pl_ctx_new();
    FZ_ASSERT(ctx);
    return ctx;
}

/* 1 when s[0..n) is valid UTF-8 (no overlong forms, no surrogates). */
static inline int fz_utf8_ok(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = u[i];
        size_t len;
        uint32_t v, min;
        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { len = 2; v = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { len = 3; v = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { len = 4; v = c & 0x07; min = 0x10000; }
        else return 0;
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return 0;
            v = (v << 6) | (u[i + k] & 0x3F);
        }
        if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* Checks what the sentencer promises about s in a document of len bytes:
 * spans inside the text and in order, forms valid UTF-8, the token limit.
 * *last is the end of the previous sentence's last token (start with 0). */
static inline void fz_check_sentence(const pl_sentence *s, size_t len, uint32_t index,
                                     uint64_t *last) {
    FZ_ASSERT(s->index == index);
    FZ_ASSERT(s->ntok > 0 && s->ntok <= PL_MAX_SENT_TOKENS);
    FZ_ASSERT((uint64_t)s->off + s->len <= len);
    for (uint32_t i = 0; i < s->ntok; i++) {
        const pl_token *t = &s->tok[i];
        FZ_ASSERT(t->len > 0);
        FZ_ASSERT((uint64_t)t->off + t->len <= len);
        FZ_ASSERT(t->off >= *last);
        FZ_ASSERT(t->off >= s->off && t->off + t->len <= s->off + s->len);
        FZ_ASSERT(t->form && t->form[0]);
        FZ_ASSERT(fz_utf8_ok(t->form, strlen(t->form)));
        *last = (uint64_t)t->off + t->len;
    }
}

/* ---- no text lost: every byte that is not white space is in a token ---- */

typedef struct fz_coverage {
    unsigned char *covered;  /* one flag a byte of the document */
} fz_coverage;

static inline void fz_coverage_start(fz_coverage *c, size_t len) {
    c->covered = calloc(len + 1, 1);
    FZ_ASSERT(c->covered);
}

static inline void fz_coverage_add(fz_coverage *c, const pl_sentence *s) {
    for (uint32_t i = 0; i < s->ntok; i++)
        memset(c->covered + s->tok[i].off, 1, s->tok[i].len);
}

/* 1 when the sentencer may drop a line of s as page furniture: it tests
 * the text's start and every position after a line break, as fill() in
 * src/text/sentences.c does. */
static inline int fz_has_furniture(const char *s, size_t len) {
    for (size_t p = 0; p < len; p++) {
        if (p > 0 && s[p - 1] != '\n')
            continue;
        size_t max = len - p < 512 ? len - p : 512;
        const char *eol = memchr(s + p, '\n', max);
        size_t n = eol ? (size_t)(eol - (s + p)) : max;
        if ((eol || n == len - p) && text_boilerplate_line(s + p, n))
            return 1;
    }
    return 0;
}

/* Aborts when a byte outside white space is in no token (unless a line may
 * have been dropped as furniture), then frees the flags. */
static inline void fz_coverage_check(fz_coverage *c, const char *text, size_t len) {
    if (!fz_has_furniture(text, len)) {
        for (size_t i = 0; i < len;) {
            int32_t cp;
            size_t l = pl_utf8_decode((const unsigned char *)text + i, len - i, &cp);
            if (!c->covered[i] && !chr_space(cp)) {
                fprintf(stderr, "byte %zu (0x%02x) is in no token\n", i, (unsigned char)text[i]);
                abort();
            }
            i += l;
        }
    }
    free(c->covered);
    c->covered = NULL;
}

#endif
