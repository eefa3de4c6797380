/*
 * intern.c — string interning with open addressing (linear probing) over a
 * power-of-two table kept at most half full.
 */
#include <stdlib.h>
#include <string.h>

#include "core/intern.h"

static uint32_t slot_of(const pl_intern *t, const char *s, size_t n) {
    uint32_t mask = t->nslots - 1;
    uint32_t i = (uint32_t)pl_hash64(s, n) & mask;
    for (;;) {
        uint32_t id = t->slots[i];
        if (id == 0 || (t->lens[id] == n && memcmp(t->strs[id], s, n) == 0))
            return i;
        i = (i + 1) & mask;
    }
}

uint32_t pl_intern_find(const pl_intern *t, const char *s, size_t n) {
    if (!t->nslots)
        return 0;
    return t->slots[slot_of(t, s, n)];
}

static int rehash(pl_intern *t) {
    uint32_t ns = t->nslots ? t->nslots * 2 : 1024;
    uint32_t *slots = calloc(ns, sizeof *slots);
    if (!slots)
        return 0;
    free(t->slots);
    t->slots = slots;
    t->nslots = ns;
    for (uint32_t id = 1; id <= t->n; id++)
        t->slots[slot_of(t, t->strs[id], t->lens[id])] = id;
    return 1;
}

uint32_t pl_intern_add(pl_intern *t, const char *s, size_t n) {
    if (n > UINT32_MAX)
        return 0;
    if (t->nslots) {
        uint32_t id = t->slots[slot_of(t, s, n)];
        if (id)
            return id;
    }
    if ((t->n + 1) * 2 >= t->nslots && !rehash(t))
        return 0;
    if (t->n + 2 > t->cap) {
        uint32_t cap = t->cap ? t->cap * 2 : 256;
        const char **strs = realloc(t->strs, cap * sizeof *strs);
        if (!strs)
            return 0;
        t->strs = strs;
        uint32_t *lens = realloc(t->lens, cap * sizeof *lens);
        if (!lens)
            return 0;
        t->lens = lens;
        t->cap = cap;
    }
    char *copy = pl_arena_strndup(&t->arena, s, n);
    if (!copy)
        return 0;
    uint32_t id = ++t->n;
    t->strs[id] = copy;
    t->lens[id] = (uint32_t)n;
    t->slots[slot_of(t, s, n)] = id;
    return id;
}

void pl_intern_free(pl_intern *t) {
    free(t->slots);
    free(t->strs);
    free(t->lens);
    pl_arena_free(&t->arena);
    memset(t, 0, sizeof *t);
}
