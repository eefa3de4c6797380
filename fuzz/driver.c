/*
 * driver.c — a main() for the fuzz targets where libFuzzer is not linked:
 * replays files through LLVMFuzzerTestOneInput, so CI built with gcc and
 * AddressSanitizer can run the corpora and the crash regressions.
 *
 * usage: TARGET [-q] PATH...   each PATH a file or a directory (its files,
 *                              in name order, one level deep)
 *        TARGET                one input from standard input (AFL++ without
 *                              its libFuzzer driver: afl-fuzz ... -- TARGET)
 *
 * Prints "TARGET: N inputs replayed" and exits 0; a crash or a broken
 * invariant aborts (the sanitizer's report names the input last announced
 * with "replaying FILE" when -v is given).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int verbose;

static unsigned char *slurp(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        unsigned char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            return NULL;
        }
        buf = nb;
        cap *= 2;
    }
    *len = n;
    return buf;
}

static int run_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t len = 0;
    unsigned char *buf = slurp(f, &len);
    fclose(f);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", path);
        return -1;
    }
    if (verbose)
        fprintf(stderr, "replaying %s (%zu bytes)\n", path, len);
    /* an exact-size copy, so ASan sees reads past the input's end */
    unsigned char *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path, long *count) {
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        if (run_file(path) != 0)
            return -1;
        ++*count;
        return 0;
    }
    DIR *d = opendir(path);
    if (!d) {
        perror(path);
        return -1;
    }
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char **nn = realloc(names, (n + 1) * sizeof *nn);
        if (!nn)
            break;
        names = nn;
        size_t k = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(k)))
            break;
        snprintf(names[n++], k, "%s/%s", path, e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(names[i]) != 0)
                rc = -1;
            else
                ++*count;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv) {
    const char *me = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else if (strcmp(argv[i], "-q") != 0)
            break; /* libFuzzer-style flags (-runs=...) are ignored below */
    }
    if (i == argc) {
        size_t len = 0;
        unsigned char *buf = slurp(stdin, &len);
        if (!buf)
            return 1;
        LLVMFuzzerTestOneInput(buf, len);
        free(buf);
        return 0;
    }
    long count = 0;
    for (; i < argc; i++) {
        if (argv[i][0] == '-')
            continue;
        if (run_path(argv[i], &count) != 0)
            return 1;
    }
    printf("%s: %ld inputs replayed\n", me, count);
    return 0;
}
