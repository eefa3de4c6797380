/*
 * intern.h — a string interning table: each distinct string gets a small
 * integer id (1, 2, ...), so dictionaries compare words as integers.
 */
#ifndef PL_INTERN_H
#define PL_INTERN_H

#include "core/core.h"

typedef struct pl_intern {
    uint32_t *slots;    /* open addressing: 0 = empty, else id */
    uint32_t nslots;    /* power of two */
    const char **strs;  /* strs[id] = the string (arena), strs[0] unused */
    uint32_t *lens;
    uint32_t n;         /* ids in use: 1..n */
    uint32_t cap;
    pl_arena arena;
} pl_intern;

/* The id of s[0..n), adding it if new; 0 when out of memory. */
PL_INTERNAL uint32_t pl_intern_add(pl_intern *t, const char *s, size_t n);
/* The id of s[0..n), or 0 when it was never added. */
PL_INTERNAL uint32_t pl_intern_find(const pl_intern *t, const char *s, size_t n);
PL_INTERNAL void pl_intern_free(pl_intern *t);

#endif
