/*
 * t.h — a tiny test harness. Each TEST is a function; CHECK records a
 * failure and goes on. Every test prints one line, which tests/run.sh
 * counts: "ok NAME", "FAIL NAME" or "skip NAME: why".
 *
 *   TEST(tokens_split) { CHECK(1 + 1 == 2); }
 *   int main(void) { RUN(tokens_split); return t_done(); }
 */
#ifndef PL_T_H
#define PL_T_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int t_failed_now, t_skipped_now, t_nfail;
static char t_skip_why[256];

#define TEST(name) static void test_##name(void)

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            t_failed_now = 1;                                                    \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

/* CHECK_STR(a, b): equal strings, both shown on failure. */
#define CHECK_STR(a, b)                                                          \
    do {                                                                         \
        const char *t_a = (a), *t_b = (b);                                       \
        if (!t_a || !t_b || strcmp(t_a, t_b) != 0) {                             \
            t_failed_now = 1;                                                    \
            fprintf(stderr, "  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__,   \
                    t_a ? t_a : "(null)", t_b ? t_b : "(null)");                 \
        }                                                                        \
    } while (0)

/* SKIP(why): ends the current test as skipped. */
#define SKIP(...)                                                                \
    do {                                                                         \
        snprintf(t_skip_why, sizeof t_skip_why, __VA_ARGS__);                    \
        t_skipped_now = 1;                                                       \
        return;                                                                  \
    } while (0)

#define RUN(name)                                                                \
    do {                                                                         \
        t_failed_now = t_skipped_now = 0;                                        \
        test_##name();                                                           \
        if (t_failed_now) {                                                      \
            printf("FAIL %s\n", #name);                                          \
            t_nfail++;                                                           \
        } else if (t_skipped_now) {                                              \
            printf("skip %s: %s\n", #name, t_skip_why);                          \
        } else {                                                                 \
            printf("ok %s\n", #name);                                            \
        }                                                                        \
        fflush(stdout);                                                          \
    } while (0)

static inline int t_done(void) {
    return t_nfail ? 1 : 0;
}

/* The shared folder beside the repository, or NULL when absent. */
static inline const char *t_shared(const char *rel) {
    static char path[4096];
    snprintf(path, sizeof path, "../shared/%s", rel);
    return access(path, R_OK) == 0 ? path : NULL;
}

#endif
